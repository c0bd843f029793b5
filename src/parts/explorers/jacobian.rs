//! Jacobian explorer (Q27): renders `llm_qa_core::explore::jacobian`.

use llm_qa_core::explore::jacobian::{self as model, Func, Jacobian, FUNCS, N, RANGE};
use llm_qa_core::explore::{dec, sig};
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{check, input_number, legend, readouts, rect, svg, table, text, Ctx, Row};

const SUB: [&str; N] = ["₁", "₂", "₃", "₄"];
const CELL: f64 = 52.0;
const LEFT: f64 = 30.0;
const TOP: f64 = 22.0;

fn vector(xs: &[f64], decimals: u32) -> String {
    let parts: Vec<String> = xs.iter().map(|&x| fixed(x, decimals)).collect();
    format!("({})", parts.join(", "))
}

pub fn view(s: &Jacobian, ctx: &Ctx, set: Callback<Jacobian>) -> Html {
    let t = model::text(ctx.lang);
    let n = s.numbers();

    let field = |which: char, i: usize, value: f64| {
        let (s2, set) = (s.clone(), set.clone());
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(v) = input_number(&e) {
                let mut m = s2.clone();
                if which == 'x' {
                    m.set_x(i, v);
                } else {
                    m.set_v(i, v);
                }
                set.emit(m);
            }
        });
        let id = ctx.id(&format!("{which}{i}"));
        html! {
            <label class="xfield" for={id.clone()}>
                <span>{format!("{which}{}", SUB[i])}</span>
                <input type="number" {id} min={dec(RANGE.0, 0)} max={dec(RANGE.1, 0)} step="0.1" value={dec(value, 2)} {oninput} />
            </label>
        }
    };
    let radios = FUNCS.iter().map(|&f| {
        let current = f == s.func;
        let (s, set) = (s.clone(), set.clone());
        let onchange = Callback::from(move |_| {
            set.emit(Jacobian {
                func: f,
                ..s.clone()
            })
        });
        check("radio", ctx.id("f"), f.name(), current, onchange)
    });

    let biggest =
        n.j.iter()
            .flatten()
            .fold(0.0f64, |m, v| m.max(v.abs()))
            .max(1e-12);
    let cells = html! {
        <>
            {for (0..N).map(|j| text("xchart__label", LEFT + CELL * (j as f64 + 0.5), TOP - 6.0, "middle", format!("x{}", SUB[j])))}
            {for (0..N).map(|i| html! {
                <>
                    {text("xchart__label", LEFT - 6.0, TOP + CELL * (i as f64 + 0.5) + 4.0, "end", format!("f{}", SUB[i]))}
                    {for (0..N).map(|j| {
                        let v = n.j[i][j];
                        let o = (v.abs() / biggest).max(0.04);
                        let (x, y) = (LEFT + CELL * j as f64, TOP + CELL * i as f64);
                        let class = if v < 0.0 { "heat--neg" } else { "heat--pos" };
                        let label = if o > 0.55 { "xheat__v xheat__v--on" } else { "xheat__v" };
                        html! {
                            <>
                                {rect(class, x, y, CELL - 1.0, CELL - 1.0, Some(o))}
                                {text(label, x + CELL / 2.0, y + CELL / 2.0 + 4.0, "middle", fixed(v, 3))}
                            </>
                        }
                    })}
                </>
            })}
        </>
    };
    let func_note = match s.func {
        Func::Softmax => t.note_softmax,
        Func::LayerNorm => t.note_layernorm,
        Func::Gelu => t.note_gelu,
    };
    let sub = |i: usize| format!("f{}", SUB[i]);

    let body = html! {
        <>
            <div class="xcontrols">
                <fieldset class="xradios">
                    <legend>{t.function}</legend>
                    {for radios}
                </fieldset>
                <fieldset class="xfields">
                    <legend>{t.input}</legend>
                    {for (0..N).map(|i| field('x', i, s.x[i]))}
                </fieldset>
                <fieldset class="xfields">
                    <legend>{t.direction}</legend>
                    {for (0..N).map(|i| field('v', i, s.v[i]))}
                </fieldset>
            </div>
            <div class="xsplit">
                {svg(ctx, "heat", "xchart xchart--matrix", LEFT + CELL * N as f64 + 2.0, TOP + CELL * N as f64 + 2.0, format!("{} ({})", t.heatmap_title, s.func.name()), cells)}
                <p class="xmuted xsplit__text">{func_note}</p>
            </div>
            {legend(&[("legend--pos", t.legend_pos), ("legend--neg", t.legend_neg)])}
            {readouts("xreadouts xreadouts--stack", vec![
                (t.output.into(), vector(&n.y, 3)),
                (t.jv.into(), vector(&n.jv, 6)),
                (t.fd.into(), vector(&n.finite_difference, 6)),
                (t.gap.into(), sig(n.max_gap, 2)),
                (t.row_sums.into(), vector(&n.row_sums, 3)),
            ])}
            {ctx.tables(|| {
                let mut head = vec![t.col_row];
                let cols: Vec<String> = (0..N).map(|j| format!("∂/∂x{}", SUB[j])).collect();
                head.extend(cols.iter().map(String::as_str));
                html! {
                    <>
                        {table(t.table_caption, &head,
                            (0..N).map(|i| Row::new(sub(i), n.j[i].iter().map(|&v| fixed(v, 3)).collect())).collect())}
                        {table(t.check_caption, &[t.col_row, t.col_jv, t.col_fd],
                            (0..N).map(|i| Row::new(sub(i), vec![fixed(n.jv[i], 6), fixed(n.finite_difference[i], 6)])).collect())}
                    </>
                }
            })}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
