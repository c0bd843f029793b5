//! Cross-entropy explorer (Q25): renders `llm_qa_core::explore::cross_entropy`.

use llm_qa_core::explore::cross_entropy::{
    self as model, grad_at, loss_at, CrossEntropy, P_RANGE, P_STEP, VOCAB,
};
use llm_qa_core::explore::pick;
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{dot, polyline, readouts, slider, svg, table, update, Ctx, Plot, Row};

/// Probabilities listed in the table behind the chart.
const TABLE_P: [f64; 7] = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99];

pub fn view(s: &CrossEntropy, ctx: &Ctx, set: Callback<CrossEntropy>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let plot = Plot {
        x0: 0.0,
        x1: 1.0,
        y0: 0.0,
        y1: 4.8,
        left: 36.0,
        top: 20.0,
        width: 280.0,
        height: 150.0,
    };
    let (p, l, g) = (s.p, s.loss(), s.grad_p());
    let curve = plot.points((1..=100).map(|i| (i as f64 / 100.0, loss_at(i as f64 / 100.0))));
    // The tangent over ±0.15 around p: the gradient made visible.
    let tangent = plot.points([-0.15, 0.15].into_iter().map(|d| (p + d, l + g * d)));
    let chart = html! {
        <>
            {plot.axes(&[0.0, 0.5, 1.0], &[0.0, 2.0, 4.0], (1, 0), (t.axis_p, t.axis_loss))}
            {polyline("xchart__line", curve)}
            {polyline("xchart__tangent", tangent)}
            {dot(plot.x(p), plot.y(l))}
        </>
    };
    let (q, y, grads) = (s.predicted(), s.target(), s.grad_logits());
    let token = |i: usize| pick(lang, VOCAB[i].0, VOCAB[i].1);

    let body = html! {
        <>
            <div class="xcontrols">
                {slider(ctx.id("p"), t.probability, P_RANGE.0, P_RANGE.1, P_STEP, p, fixed(p, 2), update(s, &set, CrossEntropy::set_p))}
            </div>
            {readouts("xreadouts", vec![
                (t.loss.into(), fixed(l, 3)),
                (t.loss_bits.into(), fixed(s.loss_bits(), 3)),
                (t.perplexity.into(), fixed(s.perplexity(), 2)),
                (t.grad_p.into(), fixed(g, 2)),
            ])}
            {svg(ctx, "chart", "xchart", 330.0, 208.0, t.chart_title.into(), chart)}
            {table("", &[t.col_token, t.col_target, t.col_predicted, t.col_grad],
                (0..VOCAB.len()).map(|i| Row::new(token(i), vec![fixed(y[i], 0), fixed(q[i], 3), fixed(grads[i], 3)])).collect())}
            {ctx.tables(|| table(t.chart_title, &[t.axis_p, t.loss, t.grad_p],
                TABLE_P.iter().map(|&p| Row::new(fixed(p, 2), vec![fixed(loss_at(p), 3), fixed(grad_at(p), 2)])).collect()))}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
