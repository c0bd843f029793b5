//! Positional-encoding explorer (Q21): renders `llm_qa_core::explore::positional`.

use llm_qa_core::explore::positional::{
    self as model, Positional, LEN_RANGE, WIDTH_RANGE, WIDTH_STEP,
};
use llm_qa_core::explore::sig;
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{
    f1, legend, line, path, readouts, rect, slider, svg, table, text, update, Ctx, Row,
};

/// Shades per sign in the heatmap: cells are drawn as one path per (sign, shade), not one element
/// per cell, so a 50 × 64 map costs at most 2 × SHADES elements.
const SHADES: usize = 5;

pub fn view(s: &Positional, ctx: &Ctx, set: Callback<Positional>) -> Html {
    let t = model::text(ctx.lang);

    // Heatmap 300 units wide whatever d: one row per position, one column per dimension.
    const LEFT: f64 = 24.0;
    const TOP: f64 = 16.0;
    let (cw, ch) = (300.0 / s.width as f64, (240.0 / s.len as f64).min(10.0));
    let mut paths = vec![String::new(); 2 * SHADES];
    for (r, row) in s.matrix().iter().enumerate() {
        for (c, &v) in row.iter().enumerate() {
            let shade = ((v.abs() * SHADES as f64).ceil() as usize).clamp(1, SHADES) - 1;
            let k = if v >= 0.0 { shade } else { SHADES + shade };
            let (x, y) = (LEFT + cw * c as f64, TOP + ch * r as f64);
            paths[k].push_str(&format!(
                "M{} {}h{}v{}h-{}z",
                f1(x),
                f1(y),
                f1(cw),
                f1(ch),
                f1(cw)
            ));
        }
    }
    let heat_h = TOP + ch * s.len as f64 + 4.0;
    let heat = html! {
        <>
            {text("xchart__axis", LEFT, 11.0, "start", format!("{} →", t.axis_dimension))}
            {for paths.into_iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(k, d)| {
                let class = if k >= SHADES { "heat--neg" } else { "heat--pos" };
                path(class, d, Some((k % SHADES + 1) as f64 / SHADES as f64))
            })}
            {for (0..s.len).step_by(5).map(|r| text("xchart__axis", LEFT - 4.0, TOP + ch * (r as f64 + 0.5) + 4.0, "end", r.to_string()))}
            {rect("heat__pick", LEFT - 1.0, TOP + ch * s.pos as f64 - 1.0, 302.0, ch + 2.0, None)}
        </>
    };

    // Dot products, 300 units wide: one bar per position from the zero line, which sits at the
    // bottom unless some dot product is negative.
    let sim = s.similarity();
    let max = s.max_similarity();
    let lo = sim.iter().fold(0.0, |a: f64, &b| a.min(b));
    let y = |v: f64| 8.0 + 100.0 * (max - v) / (max - lo).max(1e-9);
    let slot = 300.0 / s.len as f64;
    let bars = html! {
        <>
            {line("xchart__zero", 14.0, y(0.0), 316.0, y(0.0))}
            {for sim.iter().enumerate().map(|(q, &d)| {
                let class = if q == s.pos { "xchart__bar xchart__bar--pick" } else { "xchart__bar" };
                let (a, b) = (y(d.max(0.0)), y(d.min(0.0)));
                rect(class, 15.0 + slot * q as f64, a, slot * 0.8, (b - a).max(0.5), None)
            })}
            {text("xchart__axis", 15.0 + slot * 0.4, 124.0, "middle", "0".into())}
            {text("xchart__axis", 15.0 + slot * (s.len as f64 - 0.6), 124.0, "middle", (s.len - 1).to_string())}
        </>
    };

    let (fast, slow) = s.wavelengths();
    let p = s.pos;
    let mut dots = vec![(format!("PE({p})·PE({p})"), fixed(max, 3))];
    dots.extend(
        [1, 2]
            .iter()
            .filter(|&&k| p + k < s.len)
            .map(|&k| (format!("PE({p})·PE({})", p + k), fixed(sim[p + k], 3))),
    );
    let body = html! {
        <>
            <div class="xcontrols xcontrols--grid">
                {slider(ctx.id("n"), t.length, LEN_RANGE.0 as f64, LEN_RANGE.1 as f64, 1.0, s.len as f64, s.len.to_string(), update(s, &set, Positional::set_len))}
                {slider(ctx.id("d"), t.width, WIDTH_RANGE.0 as f64, WIDTH_RANGE.1 as f64, WIDTH_STEP as f64, s.width as f64, s.width.to_string(), update(s, &set, Positional::set_width))}
                {slider(ctx.id("p"), t.position, 0.0, (s.len - 1) as f64, 1.0, p as f64, p.to_string(), update(s, &set, Positional::set_pos))}
            </div>
            {svg(ctx, "heat", "xchart", 330.0, heat_h, t.heatmap_title.into(), heat)}
            {legend(&[("legend--pos", t.legend_positive), ("legend--neg", t.legend_negative)])}
            <p class="xmuted">{format!("{} {} … {}", t.heatmap_summary, sig(fast, 3), sig(slow, 3))}</p>
            <p class="xfigure__title">{t.similarity_title}</p>
            {svg(ctx, "sim", "xchart", 330.0, 130.0, t.similarity_title.into(), bars)}
            {readouts("xreadouts", dots)}
            {ctx.tables(|| html! {
                <>
                    {table(t.similarity_title, &[t.col_position, t.col_dot, t.col_cosine],
                        sim.iter().enumerate().map(|(q, &d)| Row { current: q == p, ..Row::new(q.to_string(), vec![fixed(d, 3), fixed(d / max, 3)]) }).collect())}
                    {table(&format!("{} ({p})", t.encoding_caption), &[t.col_dimension, t.col_value],
                        s.encode(p).iter().enumerate().map(|(i, &v)| Row::new(i.to_string(), vec![fixed(v, 3)])).collect())}
                </>
            })}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
