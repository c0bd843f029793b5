//! Dot-product scaling explorer (Q24): renders `llm_qa_core::explore::scaling`.

use llm_qa_core::explore::scaling::{
    self as model, bin_start, histogram, mean_var, RowSoftmax, Scaling, BINS, BIN_WIDTH,
    COMPONENT_RANGE, COMPONENT_STEP, D_RANGE, ROW,
};
use llm_qa_core::explore::{dec, pct, sig};
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{arrow, line, readouts, rect, slider, svg, table, text, Ctx, Plot, Row};

fn row_bars(ctx: &Ctx, key: &str, title: &str, r: &RowSoftmax) -> Html {
    let bars = r
        .probs
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let y = 20.0 * i as f64;
            html! {
                <>
                    {text("xchart__label", 26.0, y + 14.0, "end", format!("k{}", i + 1))}
                    {rect("xchart__bar", 32.0, y + 4.0, (150.0 * p).max(1.0), 13.0, None)}
                    {text("xchart__value", 36.0 + 150.0 * p, y + 15.0, "start", pct(p))}
                </>
            }
        })
        .collect::<Html>();
    html! {
        <figure class="xfigure">
            <figcaption class="xfigure__title">{title.to_string()}</figcaption>
            {svg(ctx, key, "xchart", 240.0, 20.0 * ROW as f64 + 4.0, title.to_string(), bars)}
        </figure>
    }
}

pub fn view(s: &Scaling, ctx: &Ctx, set: Callback<Scaling>) -> Html {
    let t = model::text(ctx.lang);
    let two = s.two_d();

    let component = |i: usize, label: &str, value: f64| {
        let (s, set) = (s.clone(), set.clone());
        let on = Callback::from(move |v: f64| {
            let mut n = s.clone();
            n.set_component(i, v);
            set.emit(n);
        });
        slider(
            ctx.id(&format!("v{i}")),
            label,
            COMPONENT_RANGE.0,
            COMPONENT_RANGE.1,
            COMPONENT_STEP,
            value,
            dec(value, 1),
            on,
        )
    };

    let plane = Plot {
        x0: -2.0,
        x1: 2.0,
        y0: -2.0,
        y1: 2.0,
        left: 10.0,
        top: 10.0,
        width: 200.0,
        height: 200.0,
    };
    let grid = (-2..=2)
        .map(|i| {
            let v = i as f64;
            let class = if i == 0 {
                "xchart__axes"
            } else {
                "xchart__zero"
            };
            html! {
                <>
                    {line(class, plane.x(v), plane.y(-2.0), plane.x(v), plane.y(2.0))}
                    {line(class, plane.x(-2.0), plane.y(v), plane.x(2.0), plane.y(v))}
                </>
            }
        })
        .collect::<Html>();
    let plane_svg = html! {
        <>
            {grid}
            {arrow(&plane, "xarrow xarrow--q", s.q, "q")}
            {arrow(&plane, "xarrow xarrow--k", s.k, "k")}
        </>
    };
    let [qx, qy] = s.q;
    let [kx, ky] = s.k;
    let dot_line = format!(
        "{}·{} + {}·{} = {}",
        dec(qx, 1),
        dec(kx, 1),
        dec(qy, 1),
        dec(ky, 1),
        fixed(two.dot, 2)
    );
    let cos_line = match two.cos {
        Some(c) => format!(
            "{} · {} · {} = {}",
            fixed(two.norm_q, 3),
            fixed(two.norm_k, 3),
            fixed(c, 3),
            fixed(two.dot, 2)
        ),
        None => t.no_angle.to_string(),
    };
    let angle = match two.degrees {
        Some(a) => format!("{}°", fixed(a, 1)),
        None => t.no_angle.to_string(),
    };

    // The random part.
    let (pairs, row) = s.draws();
    let scale = s.scale();
    let var_raw = mean_var(&pairs).1;
    let var_scaled = var_raw / (scale * scale);
    let hist = histogram(&pairs);
    let top = hist.iter().copied().max().unwrap_or(1).max(1) as f64;
    let hp = Plot {
        x0: bin_start(0),
        x1: bin_start(BINS - 1) + BIN_WIDTH,
        y0: 0.0,
        y1: top,
        left: 44.0,
        top: 34.0,
        width: 276.0,
        height: 110.0,
    };
    let hist_svg = html! {
        <>
            {for hist.iter().enumerate().map(|(i, &c)| {
                let x = bin_start(i);
                rect("xchart__bar", hp.x(x) + 0.5, hp.y(c as f64), hp.x(x + BIN_WIDTH) - hp.x(x) - 1.0, hp.y(0.0) - hp.y(c as f64), None)
            })}
            {hp.axes(&[-48.0, -24.0, 0.0, 24.0, 48.0], &[0.0, top], (0, 0), ("q·k", t.col_count))}
        </>
    };
    let raw = Scaling::row_softmax(&row, 1.0);
    let scaled = Scaling::row_softmax(&row, scale);
    let on_reseed = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |_| {
            let mut n = s.clone();
            n.reseed();
            set.emit(n);
        })
    };
    let on_d = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: f64| {
            let mut n = s.clone();
            n.set_d(v);
            set.emit(n);
        })
    };

    let body = html! {
        <>
            <h4 class="xsubtitle">{t.vectors}</h4>
            <div class="xcontrols xcontrols--two">
                {component(0, t.qx, qx)}
                {component(1, t.qy, qy)}
                {component(2, t.kx, kx)}
                {component(3, t.ky, ky)}
            </div>
            <div class="xsplit">
                {svg(ctx, "plane", "xchart xchart--square", 220.0, 220.0, t.plane_title.into(), plane_svg)}
                {readouts("xreadouts xreadouts--stack", vec![
                    (t.dot.into(), dot_line),
                    (t.norms.into(), cos_line),
                    (t.angle.into(), angle),
                ])}
            </div>
            <h4 class="xsubtitle">{t.random_title}</h4>
            <div class="xcontrols">
                {slider(ctx.id("d"), t.width, D_RANGE.0 as f64, D_RANGE.1 as f64, 1.0, s.d as f64, s.d.to_string(), on_d)}
                <div class="xrow">
                    <button type="button" class="button" onclick={on_reseed}>{t.new_draw}</button>
                    <span class="xmuted">{format!("{}: {}", t.seed_label, s.seed)}</span>
                </div>
            </div>
            {svg(ctx, "hist", "xchart", 340.0, 180.0, t.hist_title.into(), hist_svg)}
            {readouts("xreadouts", vec![
                (t.var_raw.into(), format!("{} ({} {})", sig(var_raw, 4), t.theory, s.d)),
                (t.var_scaled.into(), format!("{} ({} 1)", sig(var_scaled, 3), t.theory)),
            ])}
            <h4 class="xsubtitle">{t.row_title}</h4>
            <div class="xheats">
                {row_bars(ctx, "raw", t.raw, &raw)}
                {row_bars(ctx, "scaled", t.scaled, &scaled)}
            </div>
            {readouts("xreadouts", vec![
                (t.entropy_raw.into(), format!("{} {}", fixed(raw.entropy_bits, 3), t.bits)),
                (t.entropy_scaled.into(), format!("{} {}", fixed(scaled.entropy_bits, 3), t.bits)),
                (t.top_raw.into(), pct(raw.max)),
                (t.top_scaled.into(), pct(scaled.max)),
            ])}
            {ctx.tables(|| html! {
                <>
                    {table(t.row_caption, &[t.col_key, t.col_score, t.col_p_raw, t.col_p_scaled],
                        (0..ROW).map(|i| Row::new(format!("k{}", i + 1), vec![fixed(row[i], 3), pct(raw.probs[i]), pct(scaled.probs[i])])).collect())}
                    {table(t.hist_caption, &[t.col_bin, t.col_count],
                        hist.iter().enumerate().map(|(i, &c)| Row::new(format!("{} … {}", bin_start(i) as i64, (bin_start(i) + BIN_WIDTH) as i64), vec![c.to_string()])).collect())}
                </>
            })}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
