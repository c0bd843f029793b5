//! Pieces every explorer view uses, as plain functions rather than components: each component type
//! costs the wasm build several kilobytes of generic code, each `html!` tree more; the explorers are
//! built from these few shared shapes instead (frame, slider, table, readouts, SVG primitives).

use llm_qa_core::explore::common;
use llm_qa_core::i18n::Lang;
use llm_qa_core::lab::fixed;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What every explorer view gets besides its model: where it lives and the table toggle.
pub struct Ctx {
    pub id: AttrValue,
    pub lang: Lang,
    pub tables_open: bool,
    pub toggle_tables: Callback<MouseEvent>,
}

impl Ctx {
    /// An element id inside this explorer.
    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.id)
    }

    /// The titled region inside the card.
    pub fn frame(&self, title: &str, intro: &str, note: &str, body: Html) -> Html {
        let title_id = self.id("title");
        html! {
            // A group, not a region: cards 1 and 16 (and 2, 22, 32) share an explorer, and landmarks
            // must have unique names.
            <section class="explorer" role="group" id={self.id.clone()} lang={self.lang.tag()} aria-labelledby={title_id.clone()}>
                <h3 class="explorer__title" id={title_id}>
                    <span class="explorer__badge">{common::text(self.lang).try_it}</span>
                    {title.to_string()}
                </h3>
                <p class="explorer__intro">{intro.to_string()}</p>
                {body}
                <p class="explorer__note">{note.to_string()}</p>
            </section>
        }
    }

    /// The "Show table" button and, when open, the tables behind the charts (built only then).
    pub fn tables(&self, body: impl FnOnce() -> Html) -> Html {
        let t = common::text(self.lang);
        let id = self.id("tables");
        html! {
            <div class="explorer__tables">
                <button type="button" class="button button--ghost" aria-expanded={if self.tables_open { "true" } else { "false" }} aria-controls={id.clone()} onclick={self.toggle_tables.clone()}>
                    {if self.tables_open { t.hide_table } else { t.show_table }}
                </button>
                <div {id} hidden={!self.tables_open}>
                    {if self.tables_open { body() } else { Html::default() }}
                </div>
            </div>
        }
    }
}

/// The number in the input that fired `e`, if it is one.
pub fn input_number(e: &Event) -> Option<f64> {
    input(e)
        .map(|i| i.value_as_number())
        .filter(|v| v.is_finite())
}

fn input(e: &Event) -> Option<web_sys::HtmlInputElement> {
    e.target().and_then(|t| t.dyn_into().ok())
}

/// The text of the input that fired `e`.
pub fn input_text(e: &Event) -> Option<String> {
    input(e).map(|i| i.value())
}

/// A callback that applies `f` with a control's number to a copy of the model and hands it on.
pub fn update<T: Clone + 'static>(s: &T, set: &Callback<T>, f: fn(&mut T, f64)) -> Callback<f64> {
    let (s, set) = (s.clone(), set.clone());
    Callback::from(move |v| {
        let mut n = s.clone();
        f(&mut n, v);
        set.emit(n);
    })
}

/// A range input with its `<label>` (the accessible name) and the value shown beside it.
#[allow(clippy::too_many_arguments)]
pub fn slider(
    id: String,
    label: &str,
    min: f64,
    max: f64,
    step: f64,
    value: f64,
    shown: String,
    on_input: Callback<f64>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(v) = input_number(&e) {
            on_input.emit(v);
        }
    });
    html! {
        <div class="slider">
            <label for={id.clone()}>{label.to_string()}</label>
            <output for={id.clone()} aria-hidden="true">{shown.clone()}</output>
            <input type="range" {id} min={fixed(min, 2)} max={fixed(max, 2)} step={fixed(step, 2)} value={fixed(value, 2)} aria-valuetext={shown} {oninput} />
        </div>
    }
}

/// A radio button or checkbox with its label.
pub fn check(
    kind: &'static str,
    name: String,
    label: &str,
    checked: bool,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <label class="check">
            <input type={kind} {name} {checked} {onchange} />
            {label.to_string()}
        </label>
    }
}

/// A row of a data table: its header cell, its cells, and whether it is the current one.
pub struct Row {
    pub head: String,
    pub cells: Vec<String>,
    pub current: bool,
}

impl Row {
    pub fn new(head: impl Into<String>, cells: Vec<String>) -> Self {
        Row {
            head: head.into(),
            cells,
            current: false,
        }
    }
}

/// A table with a caption, column headers and row headers.
pub fn table(caption: &str, head: &[&str], rows: Vec<Row>) -> Html {
    // The wrapper scrolls sideways on a narrow screen (a table itself cannot), so it must be
    // focusable to scroll by keyboard, and then needs a name.
    let name = if caption.is_empty() {
        head.first().copied().unwrap_or_default()
    } else {
        caption
    };
    html! {
        <div class="xtable-wrap" tabindex="0" role="group" aria-label={name.to_string()}>
        <table class="xtable">
            if !caption.is_empty() {
                <caption>{caption.to_string()}</caption>
            }
            <thead><tr>{for head.iter().map(|h| html! { <th scope="col">{h.to_string()}</th> })}</tr></thead>
            <tbody>
                {for rows.into_iter().map(|r| html! {
                    <tr class={r.current.then_some("xtable__current")}>
                        <th scope="row">{r.head}</th>
                        {for r.cells.into_iter().map(|c| html! { <td>{c}</td> })}
                    </tr>
                })}
            </tbody>
        </table>
        </div>
    }
}

/// Labelled numbers.
pub fn readouts(class: &'static str, items: Vec<(String, String)>) -> Html {
    html! {
        <dl {class} aria-live="polite">
            {for items.into_iter().map(|(k, v)| html! { <div><dt>{k}</dt><dd>{v}</dd></div> })}
        </dl>
    }
}

/// A legend: (modifier class, label) pairs.
pub fn legend(items: &[(&'static str, &str)]) -> Html {
    html! {
        <p class="xlegend">
            {for items.iter().map(|(c, l)| html! { <span class={classes!("legend", *c)}>{l.to_string()}</span> })}
        </p>
    }
}

/// An SVG chart with `role="img"` and its `<title>` as accessible name.
pub fn svg(
    ctx: &Ctx,
    key: &str,
    class: &'static str,
    w: f64,
    h: f64,
    title: String,
    body: Html,
) -> Html {
    let title_id = ctx.id(key);
    html! {
        <svg {class} viewBox={format!("0 0 {} {}", f1(w), f1(h))} role="img" aria-labelledby={title_id.clone()}>
            <title id={title_id}>{title}</title>
            {body}
        </svg>
    }
}

/// SVG text; `anchor` is "start", "middle" or "end".
pub fn text(class: &'static str, x: f64, y: f64, anchor: &'static str, content: String) -> Html {
    html! { <text {class} x={f1(x)} y={f1(y)} text-anchor={anchor}>{content}</text> }
}

pub fn rect(class: &'static str, x: f64, y: f64, w: f64, h: f64, opacity: Option<f64>) -> Html {
    html! { <rect {class} x={f1(x)} y={f1(y)} width={f1(w.max(0.0))} height={f1(h.max(0.0))} fill-opacity={opacity.map(|o| fixed(o, 2))} /> }
}

pub fn line(class: &'static str, x1: f64, y1: f64, x2: f64, y2: f64) -> Html {
    html! { <line {class} x1={f1(x1)} y1={f1(y1)} x2={f1(x2)} y2={f1(y2)} /> }
}

pub fn polyline(class: &'static str, points: String) -> Html {
    html! { <polyline {class} {points} /> }
}

pub fn path(class: &'static str, d: String, opacity: Option<f64>) -> Html {
    html! { <path {class} {d} fill-opacity={opacity.map(|o| fixed(o, 2))} /> }
}

pub fn dot(x: f64, y: f64) -> Html {
    html! { <circle class="xchart__dot" cx={f1(x)} cy={f1(y)} r="4" /> }
}

/// An arrow from the origin to (x, y) in plot coordinates, with its head and a label.
pub fn arrow(plot: &Plot, class: &'static str, v: [f64; 2], label: &str) -> Html {
    let (x0, y0) = (plot.x(0.0), plot.y(0.0));
    let (x1, y1) = (plot.x(v[0]), plot.y(v[1]));
    let (dx, dy) = (x1 - x0, y1 - y0);
    let len = dx.hypot(dy);
    let head = if len > 1.0 {
        // Two barbs 8 units long, ±25° off the shaft.
        let (ux, uy) = (dx / len, dy / len);
        let barb = |a: f64| {
            let (c, s) = (a.cos(), a.sin());
            (x1 - 8.0 * (ux * c - uy * s), y1 - 8.0 * (ux * s + uy * c))
        };
        let (a, b) = (barb(0.44), barb(-0.44));
        format!(
            "M{} {}L{} {}L{} {}Z",
            fixed(x1, 1),
            fixed(y1, 1),
            fixed(a.0, 1),
            fixed(a.1, 1),
            fixed(b.0, 1),
            fixed(b.1, 1)
        )
    } else {
        String::new()
    };
    let (lx, ly) = (
        x1 + if dx >= 0.0 { 6.0 } else { -6.0 },
        y1 + if dy > 0.0 { 14.0 } else { -4.0 },
    );
    let anchor = if dx >= 0.0 { "start" } else { "end" };
    html! {
        <>
            {line(class, x0, y0, x1, y1)}
            {path(class, head, None)}
            {text("xchart__label", lx, ly, anchor, label.to_string())}
        </>
    }
}

/// SVG coordinates for a chart: maps data ranges onto a plot box.
#[derive(Clone, Copy)]
pub struct Plot {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    /// The box in SVG units: left, top, width, height.
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Plot {
    pub fn x(&self, v: f64) -> f64 {
        self.left + self.width * ((v - self.x0) / (self.x1 - self.x0)).clamp(0.0, 1.0)
    }

    pub fn y(&self, v: f64) -> f64 {
        self.top + self.height * (1.0 - ((v - self.y0) / (self.y1 - self.y0)).clamp(0.0, 1.0))
    }

    /// An SVG `points` list for a polyline through `(x, y)` data points.
    pub fn points(&self, pts: impl Iterator<Item = (f64, f64)>) -> String {
        pts.map(|(x, y)| format!("{},{}", f1(self.x(x)), f1(self.y(y))))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The axes, with tick labels at `xs` and `ys` (`decimals` each) and the axis names (the y
    /// axis's above the plot: leave `top` ≥ 20).
    pub fn axes(&self, xs: &[f64], ys: &[f64], decimals: (u32, u32), names: (&str, &str)) -> Html {
        let (l, t, b) = (self.left, self.top, self.top + self.height);
        html! {
            <>
                {path("xchart__axes", format!("M{} {}V{}H{}", f1(l), f1(t), f1(b), f1(l + self.width)), None)}
                {for xs.iter().map(|&x| text("xchart__axis", self.x(x), b + 14.0, "middle", fixed(x, decimals.0)))}
                {for ys.iter().map(|&y| text("xchart__axis", l - 6.0, self.y(y) + 4.0, "end", fixed(y, decimals.1)))}
                {text("xchart__axis", l + self.width / 2.0, b + 28.0, "middle", names.0.to_string())}
                {text("xchart__axis", l - 6.0, t - 8.0, "start", names.1.to_string())}
            </>
        }
    }
}

/// `fixed(x, 1)` for SVG attributes.
pub fn f1(x: f64) -> String {
    fixed(x, 1)
}
