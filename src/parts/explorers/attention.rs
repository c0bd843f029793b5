//! Attention explorer (Q2, Q22, Q32): renders `llm_qa_core::explore::attention`.

use llm_qa_core::explore::attention::{
    self as model, weights, Attention, HEADS, MAX_HEADS, N, TOKENS,
};
use llm_qa_core::explore::{pct, pick};
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{check, rect, slider, svg, table, text, update, Ctx, Row};

const CELL: f64 = 40.0;
const LEFT: f64 = 56.0;
const TOP: f64 = 20.0;

pub fn view(s: &Attention, ctx: &Ctx, set: Callback<Attention>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let token = |i: usize| pick(lang, TOKENS[i].0, TOKENS[i].1);
    let head_name = |h: usize| {
        format!(
            "{} {}: {}",
            t.head,
            h + 1,
            pick(lang, HEADS[h].0, HEADS[h].1)
        )
    };
    let pick_query = |i: usize| {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |()| {
            let mut n = s.clone();
            n.set_query(i);
            set.emit(n);
        })
    };
    let q = s.query.min(N - 1);

    // One heatmap per head: rows are queries (a click picks one), columns keys; weights in %.
    let heatmap = |h: usize| {
        let w = weights(h, s.scaled);
        let cells = html! {
            <>
                {for (0..N).map(|j| text("xchart__label", LEFT + CELL * (j as f64 + 0.5), 14.0, "middle", token(j).into()))}
                {for (0..N).map(|i| {
                    let y = TOP + CELL * i as f64;
                    let label = if i == q { "xchart__label xchart__label--pick" } else { "xchart__label" };
                    html! {
                        <g class="xheat__row" onclick={pick_query(i).reform(|_: MouseEvent| ())}>
                            {text(label, LEFT - 6.0, y + 25.0, "end", token(i).into())}
                            {for (0..N).map(|j| {
                                let (v, x) = (w[i][j], LEFT + CELL * j as f64);
                                let class = if v > 0.5 { "xheat__v xheat__v--on" } else { "xheat__v" };
                                html! {
                                    <>
                                        {rect("heat--pos", x, y, CELL - 1.0, CELL - 1.0, Some(v.max(0.03)))}
                                        {text(class, x + CELL / 2.0, y + 24.0, "middle", fixed(v * 100.0, 0))}
                                    </>
                                }
                            })}
                        </g>
                    }
                })}
                {rect("heat__pick", LEFT - 1.0, TOP + CELL * q as f64 - 1.0, CELL * N as f64 + 1.0, CELL + 1.0, None)}
            </>
        };
        html! {
            <figure class="xfigure">
                <figcaption class="xfigure__title">{head_name(h)}</figcaption>
                {svg(ctx, &format!("h{h}"), "xchart xheat", LEFT + CELL * N as f64 + 2.0, TOP + CELL * N as f64 + 2.0, format!("{} — {}", head_name(h), t.heatmap_title), cells)}
            </figure>
        }
    };

    let keys: Vec<&str> = std::iter::once(t.head).chain((0..N).map(token)).collect();
    let on_scale = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |_| {
            set.emit(Attention {
                scaled: !s.scaled,
                ..s.clone()
            })
        })
    };
    let body = html! {
        <>
            <div class="xcontrols">
                <fieldset class="xradios">
                    <legend>{t.query}</legend>
                    {for (0..N).map(|i| check("radio", ctx.id("q"), token(i), i == q, pick_query(i).reform(|_: Event| ())))}
                </fieldset>
                {slider(ctx.id("heads"), t.heads, 1.0, MAX_HEADS as f64, 1.0, s.heads as f64, s.heads.to_string(), update(s, &set, Attention::set_heads))}
                {check("checkbox", ctx.id("scaled"), t.scaled, s.scaled, on_scale)}
            </div>
            <div class="xheats">{for (0..s.heads).map(heatmap)}</div>
            {table(&format!("“{}” {}", token(q), t.attends), &keys,
                (0..s.heads).map(|h| Row::new(head_name(h), s.row(h).iter().map(|&v| pct(v)).collect())).collect())}
            <ul class="xpeaks">
                {for (0..s.heads).map(|h| {
                    let (sc, un) = s.peak(h);
                    html! { <li>{format!("{} — {}: {} · {}: {}", head_name(h), t.peak_scaled, fixed(sc, 3), t.peak_unscaled, fixed(un, 3))}</li> }
                })}
            </ul>
            {ctx.tables(|| (0..s.heads).map(|h| {
                let w = weights(h, s.scaled);
                let head: Vec<&str> = std::iter::once(t.row_header).chain((0..N).map(token)).collect();
                table(&head_name(h), &head, (0..N).map(|i| Row::new(token(i), w[i].iter().map(|&v| pct(v)).collect())).collect())
            }).collect::<Html>())}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
