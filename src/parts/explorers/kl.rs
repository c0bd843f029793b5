//! KL divergence explorer (Q29): renders `llm_qa_core::explore::kl`.

use llm_qa_core::explore::kl::{self as model, Kl, Which, OUTCOMES, WEIGHT_MAX};
use llm_qa_core::explore::{common, pct, pick};
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{legend, line, readouts, rect, slider, svg, table, text, Ctx, Row};

/// A number as shown: four decimals, or `inf` for +∞.
fn four(d: f64, inf: &str) -> String {
    if d.is_infinite() {
        inf.into()
    } else {
        fixed(d, 4)
    }
}

pub fn view(s: &Kl, ctx: &Ctx, set: Callback<Kl>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let outcome = |i: usize| pick(lang, OUTCOMES[i].0, OUTCOMES[i].1);
    let (p, q) = (s.probs(Which::P), s.probs(Which::Q));
    let (pq, qp) = (s.divergence(Which::P), s.divergence(Which::Q));

    let group = |which: Which, title: &str, key: &str| {
        let probs = s.probs(which);
        html! {
            <fieldset class="xfields xfields--sliders">
                <legend>{title.to_string()}</legend>
                {for (0..OUTCOMES.len()).map(|i| {
                    let (s2, set) = (s.clone(), set.clone());
                    let on_input = Callback::from(move |v: f64| {
                        let mut n = s2.clone();
                        n.set(which, i, v);
                        set.emit(n);
                    });
                    let w = s.weights(which)[i];
                    slider(ctx.id(&format!("{key}{i}")), outcome(i), 0.0, WEIGHT_MAX, 1.0, w, format!("{} ({})", fixed(w, 0), pct(probs[i])), on_input)
                })}
                if s.is_uniform_fallback(which) {
                    <p class="explorer__warn">{t.uniform_note}</p>
                }
            </fieldset>
        }
    };

    // Grouped bars: P (solid) and Q (outlined) per outcome, the largest probability full height.
    let top = p.iter().chain(&q).fold(0.01, |a, &b| f64::max(a, b));
    let bar = |x: f64, v: f64, class: &'static str| {
        rect(
            class,
            x,
            120.0 - 110.0 * v / top,
            22.0,
            110.0 * v / top,
            None,
        )
    };
    let bars = html! {
        <>
            {line("xchart__base", 10.0, 120.0, 290.0, 120.0)}
            {for (0..OUTCOMES.len()).map(|i| {
                let x = 10.0 + 70.0 * i as f64;
                html! {
                    <>
                        {bar(x + 10.0, p[i], "xchart__bar")}
                        {bar(x + 36.0, q[i], "xchart__bar xchart__bar--q")}
                        {text("xchart__label", x + 35.0, 140.0, "middle", outcome(i).into())}
                    </>
                }
            })}
        </>
    };

    let inf = common::text(lang).infinity;
    let status = match (pq.is_infinite() || qp.is_infinite(), s.looks_symmetric()) {
        (true, _) => t.infinite_note,
        (false, true) => t.symmetric,
        (false, false) => t.asymmetric,
    };
    let (tp, tq) = (s.terms(Which::P), s.terms(Which::Q));
    let body = html! {
        <>
            <div class="xcontrols xcontrols--two">
                {group(Which::P, t.dist_p, "p")}
                {group(Which::Q, t.dist_q, "q")}
            </div>
            {readouts("xreadouts xreadouts--big", vec![
                (t.kl_pq.into(), format!("{} {}", four(pq, inf), t.nats)),
                (t.kl_qp.into(), format!("{} {}", four(qp, inf), t.nats)),
            ])}
            <p class="explorer__status">{status}</p>
            {svg(ctx, "chart", "xchart", 300.0, 150.0, t.chart_title.into(), bars)}
            {legend(&[("legend--after", "P"), ("legend--before", "Q")])}
            {ctx.tables(|| table(t.chart_title, &[t.col_outcome, t.col_p, t.col_q, t.col_term_pq, t.col_term_qp],
                (0..OUTCOMES.len()).map(|i| Row::new(outcome(i), vec![pct(p[i]), pct(q[i]), four(tp[i], "∞"), four(tq[i], "∞")])).collect()))}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
