//! ReLU explorer (Q30): renders `llm_qa_core::explore::relu`.

use llm_qa_core::explore::relu::{
    self as model, Activations, ACTS, MEAN_RANGE, MEAN_STEP, TABLE_X, UNITS, X_RANGE,
};
use llm_qa_core::explore::{dec, pct};
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{check, legend, line, polyline, slider, svg, table, update, Ctx, Plot, Row};

pub fn view(s: &Activations, ctx: &Ctx, set: Callback<Activations>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let act = s.act;
    let plot = Plot {
        x0: X_RANGE.0,
        x1: X_RANGE.1,
        y0: -0.5,
        y1: 3.0,
        left: 30.0,
        top: 20.0,
        width: 290.0,
        height: 150.0,
    };
    let xs = || (0..=120).map(|i| X_RANGE.0 + (X_RANGE.1 - X_RANGE.0) * i as f64 / 120.0);
    let chart = html! {
        <>
            {line("xchart__zero", plot.x(X_RANGE.0), plot.y(0.0), plot.x(X_RANGE.1), plot.y(0.0))}
            {line("xchart__zero", plot.x(0.0), plot.y(3.0), plot.x(0.0), plot.y(-0.5))}
            {plot.axes(&[-3.0, 0.0, 3.0], &[0.0, 1.0, 2.0, 3.0], (0, 0), ("x", ""))}
            {polyline("xchart__line", plot.points(xs().map(|x| (x, act.f(x)))))}
            {polyline("xchart__line xchart__line--dashed", plot.points(xs().map(|x| (x, act.df(x)))))}
            {for s.layer().iter().map(|&x| {
                let class = if act.df(x) == 0.0 { "xchart__unit xchart__unit--dead" } else { "xchart__unit" };
                line(class, plot.x(x), 206.0, plot.x(x), 220.0)
            })}
        </>
    };

    let on_reseed = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |_| {
            let mut n = s.clone();
            n.reseed();
            set.emit(n);
        })
    };
    let radios = ACTS.iter().map(|&a| {
        let (s, set) = (s.clone(), set.clone());
        let onchange = Callback::from(move |_| {
            set.emit(Activations {
                act: a,
                ..s.clone()
            })
        });
        check("radio", ctx.id("act"), a.name(), a == act, onchange)
    });
    let stats: Vec<Row> = ACTS
        .iter()
        .map(|&a| {
            let st = s.stats(a);
            Row {
                current: a == act,
                ..Row::new(
                    a.name(),
                    vec![
                        format!("{} / {UNITS} ({})", st.zero, pct(st.zero_share())),
                        fixed(st.mean_grad, 3),
                    ],
                )
            }
        })
        .collect();

    let body = html! {
        <>
            <div class="xcontrols">
                <fieldset class="xradios">
                    <legend>{t.function}</legend>
                    {for radios}
                </fieldset>
                {slider(ctx.id("mean"), t.mean, MEAN_RANGE.0, MEAN_RANGE.1, MEAN_STEP, s.mean, dec(s.mean, 1), update(s, &set, Activations::set_mean))}
                <div class="xrow">
                    <button type="button" class="button" onclick={on_reseed}>{t.new_layer}</button>
                    <span class="xmuted">{format!("{}: {}", t.layer_label, s.seed)}</span>
                </div>
            </div>
            {svg(ctx, "chart", "xchart", 330.0, 224.0, t.chart_title.into(), chart)}
            {legend(&[("legend--line", t.legend_f), ("legend--dashed", t.legend_df), ("legend--dead", t.legend_dead)])}
            {table(t.stats_caption, &[t.col_function, t.col_zero, t.col_mean_grad], stats)}
            {ctx.tables(|| table(&format!("{}: {}", t.values_caption, act.name()), &[t.col_x, t.col_f, t.col_df],
                TABLE_X.iter().map(|&x| Row::new(dec(x, 1), vec![fixed(act.f(x), 3), fixed(act.df(x), 3)])).collect()))}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
