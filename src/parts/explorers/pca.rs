//! Eigenvectors and PCA explorer (Q28): renders `llm_qa_core::explore::pca`.

use llm_qa_core::explore::pca::{
    self as model, Pca, POINTS, RHO_RANGE, RHO_STEP, SIGMA_RANGE, SIGMA_STEP,
};
use llm_qa_core::explore::{dec, pct};
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{
    arrow, f1, legend, line, path, readouts, slider, svg, table, text, update, Ctx, Plot, Row,
};

fn pair(v: [f64; 2]) -> String {
    format!("({}, {})", fixed(v[0], 3), fixed(v[1], 3))
}

pub fn view(s: &Pca, ctx: &Ctx, set: Callback<Pca>) -> Html {
    let t = model::text(ctx.lang);
    let e = s.eigen();
    let (a, b, c) = s.covariance();
    let (sa, sb, sc) = s.sample_covariance();
    let sample = model::eigen_sym(sa, sb, sc);
    let points = s.points();
    let scores = s.scores();
    let [u1, u2] = e.vectors;
    let root = [e.values[0].max(0.0).sqrt(), e.values[1].max(0.0).sqrt()];

    // The plot's half-width in data units: a little beyond the 2σ ellipse's longest reach, so the
    // cloud fills the square whatever the settings (the axis ends are labelled with it).
    let half = (2.3 * root[0]).max(1.0);
    let plot = Plot {
        x0: -half,
        x1: half,
        y0: -half,
        y1: half,
        left: 10.0,
        top: 10.0,
        width: 260.0,
        height: 260.0,
    };
    // The k-σ ellipse: √λ₁ cos t · u₁ + √λ₂ sin t · u₂.
    let ellipse = |k: f64| {
        let pts: Vec<String> = (0..=72)
            .map(|i| {
                let th = std::f64::consts::TAU * i as f64 / 72.0;
                let (p, q) = (k * root[0] * th.cos(), k * root[1] * th.sin());
                let (x, y) = (p * u1[0] + q * u2[0], p * u1[1] + q * u2[1]);
                format!("{} {}", f1(plot.x(x)), f1(plot.y(y)))
            })
            .collect();
        format!("M{}Z", pts.join("L"))
    };
    // The first component's line, to the edge of the plot along u₁ (Plot clamps each coordinate
    // on its own, which would bend a line that runs past the edge).
    let reach = half / u1[0].abs().max(u1[1].abs()).max(1e-9);
    let inside = |p: &[f64; 2]| p[0].abs() <= half && p[1].abs() <= half;
    let chart = html! {
        <>
            {line("xchart__zero", plot.x(-half), plot.y(0.0), plot.x(half), plot.y(0.0))}
            {line("xchart__zero", plot.x(0.0), plot.y(-half), plot.x(0.0), plot.y(half))}
            {text("xchart__axis", plot.x(half) - 2.0, plot.y(0.0) - 4.0, "end", fixed(half, 1))}
            {text("xchart__axis", plot.x(0.0) + 4.0, plot.y(half) + 12.0, "start", fixed(half, 1))}
            {path("xellipse", ellipse(1.0), None)}
            {path("xellipse xellipse--outer", ellipse(2.0), None)}
            {line("xpc-line", plot.x(-reach * u1[0]), plot.y(-reach * u1[1]), plot.x(reach * u1[0]), plot.y(reach * u1[1]))}
            {for points.iter().zip(&scores).filter(|(p, _)| inside(p)).map(|(p, &sc)| {
                let (px, py) = (sc * u1[0], sc * u1[1]);
                html! {
                    <>
                        {line("xproj", plot.x(p[0]), plot.y(p[1]), plot.x(px), plot.y(py))}
                        <circle class="xpoint" cx={f1(plot.x(p[0]))} cy={f1(plot.y(p[1]))} r="3" />
                        <circle class="xpoint xpoint--proj" cx={f1(plot.x(px))} cy={f1(plot.y(py))} r="2" />
                    </>
                }
            })}
            {arrow(&plot, "xarrow xarrow--q", [root[0] * u1[0], root[0] * u1[1]], "√λ₁u₁")}
            {arrow(&plot, "xarrow xarrow--k", [root[1] * u2[0], root[1] * u2[1]], "√λ₂u₂")}
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
    let eigen_rows = (0..2)
        .map(|i| {
            Row::new(
                format!("PC{}", i + 1),
                vec![
                    fixed(e.values[i], 3),
                    fixed(root[i], 3),
                    pair(e.vectors[i]),
                    pct(e.values[i] / (e.values[0] + e.values[1])),
                ],
            )
        })
        .collect();

    let body = html! {
        <>
            <div class="xcontrols xcontrols--two">
                {slider(ctx.id("sx"), t.sx, SIGMA_RANGE.0, SIGMA_RANGE.1, SIGMA_STEP, s.sx, dec(s.sx, 1), update(s, &set, Pca::set_sx))}
                {slider(ctx.id("sy"), t.sy, SIGMA_RANGE.0, SIGMA_RANGE.1, SIGMA_STEP, s.sy, dec(s.sy, 1), update(s, &set, Pca::set_sy))}
                {slider(ctx.id("rho"), t.rho, RHO_RANGE.0, RHO_RANGE.1, RHO_STEP, s.rho, fixed(s.rho, 2), update(s, &set, Pca::set_rho))}
                <div class="xrow">
                    <button type="button" class="button" onclick={on_reseed}>{t.new_points}</button>
                    <span class="xmuted">{format!("{}: {}", t.seed_label, s.seed)}</span>
                </div>
            </div>
            <div class="xsplit">
                {svg(ctx, "cloud", "xchart xchart--plane", 280.0, 280.0, t.chart_title.into(), chart)}
                {readouts("xreadouts xreadouts--stack", vec![
                    (t.covariance.into(), format!("[[{}, {}], [{}, {}]]", fixed(a, 2), fixed(b, 2), fixed(b, 2), fixed(c, 2))),
                    (t.lambda1.into(), fixed(e.values[0], 3)),
                    (t.lambda2.into(), fixed(e.values[1], 3)),
                    (t.pc1.into(), pair(u1)),
                    (t.angle.into(), format!("{}°", fixed(e.angle(), 1))),
                    (t.share.into(), pct(e.share())),
                    (t.sample_share.into(), pct(sample.share())),
                ])}
            </div>
            {legend(&[("legend--point", t.legend_points), ("legend--ellipse", t.legend_ellipse), ("legend--pc1", t.legend_pc1), ("legend--pc2", t.legend_pc2), ("legend--proj", t.legend_projection)])}
            if e.tied() {
                <p class="explorer__status">{t.tie}</p>
            }
            {ctx.tables(|| html! {
                <>
                    {table(t.eigen_caption, &[t.col_component, t.col_lambda, t.col_sqrt, t.col_vector, t.col_share], eigen_rows)}
                    {table(t.points_caption, &[t.col_point, t.col_x, t.col_y, t.col_score],
                        (0..POINTS).map(|i| Row::new((i + 1).to_string(), vec![fixed(points[i][0], 2), fixed(points[i][1], 2), fixed(scores[i], 2)])).collect())}
                </>
            })}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
