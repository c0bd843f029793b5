//! The sampling lab: sliders for temperature, top-k, top-p and min-p over a toy next-token
//! distribution, an SVG chart, readouts, seeded draws and an accessible table. It is controlled: the
//! settings come in as props and changes go out through `on_change`, so the page-level lab can keep
//! them in the URL while the labs inside cards keep their own (see `LocalLab`).

use llm_qa_core::i18n::{Lang, LangChoice};
use llm_qa_core::lab::{
    fixed, percent, LabSettings, LOGIT_RANGE, MIN_P_MAX, PROMPTS, TEMPERATURE_MAX, TOP_K_MAX,
};
use llm_qa_core::part::{decode_state, encode_state};
use llm_qa_core::sampling::{
    compare_orders, cumulative_desc, draw, histogram, softmax, Distribution, Filter, Order,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    /// Prefix for element ids, unique on the page.
    pub id: AttrValue,
    pub lang: LangChoice,
    pub settings: LabSettings,
    /// Every change, as it happens (each step of a dragged slider).
    pub on_change: Callback<LabSettings>,
    /// Changes once they are settled: a slider let go or stepped by a key, any other control at
    /// once. The page-level lab writes the address bar here, not on every step of a drag.
    #[prop_or_default]
    pub on_settle: Callback<LabSettings>,
    /// What "Reset" goes back to.
    #[prop_or_default]
    pub reset_to: LabSettings,
}

fn input_number(e: &Event) -> Option<f64> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value_as_number())
        .filter(|v| v.is_finite())
}

/// Sends a settled change to both of the lab's listeners.
fn emit_settled(props: &Props) -> impl Fn(LabSettings) + 'static {
    let (change, settle) = (props.on_change.clone(), props.on_settle.clone());
    move |next: LabSettings| {
        change.emit(next.clone());
        settle.emit(next);
    }
}

fn reason(f: Filter, lang: Lang) -> &'static str {
    let lab = lang.lab();
    match f {
        Filter::Masked => lab.lab_reason_masked,
        Filter::Greedy => lab.lab_reason_greedy,
        Filter::TopK => "top-k",
        Filter::TopP => "top-p",
        Filter::MinP => "min-p",
    }
}

#[component]
pub fn Lab(props: &Props) -> Html {
    let lang = props.lang.ui();
    let lab = lang.lab();
    let s = &props.settings;
    let prompt = s.prompt();
    let dist = use_memo(s.clone(), |s| s.distribution());
    let show_table = use_state(|| false);
    let logits_open = use_state(|| false);
    let draws = use_state(|| None::<(u64, Vec<usize>)>);
    let seed = use_mut_ref(|| 1u64);
    let id = |name: &str| format!("{}-{name}", props.id);

    // A slider reports each step of a drag as `input` and the value it was left at as `change`.
    let change = |f: fn(&mut LabSettings, f64), to: &Callback<LabSettings>| {
        let to = to.clone();
        let s = s.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = input_number(&e) {
                let mut next = s.clone();
                f(&mut next, v);
                to.emit(next);
            }
        })
    };
    let slider = |key: &str,
                  label: &'static str,
                  min: f64,
                  max: f64,
                  step: f64,
                  value: f64,
                  shown: String,
                  f: fn(&mut LabSettings, f64)| {
        let el = id(key);
        html! {
            <div class="slider">
                <label for={el.clone()}>{label}</label>
                <output for={el.clone()} aria-hidden="true">{shown.clone()}</output>
                <input
                    type="range"
                    id={el}
                    min={fixed(min, 2)}
                    max={fixed(max, 2)}
                    step={fixed(step, 2)}
                    value={fixed(value, 2)}
                    aria-valuetext={shown}
                    oninput={change(f, &props.on_change).reform(|e: InputEvent| e.into())}
                    onchange={change(f, &props.on_settle)}
                />
            </div>
        }
    };

    let p = &s.params;
    let k_shown = if p.top_k == 0 {
        lab.lab_off.to_string()
    } else {
        p.top_k.to_string()
    };
    let sliders = html! {
        <div class="lab__sliders">
            {slider("t", lab.lab_temperature, 0.0, TEMPERATURE_MAX, 0.05, p.temperature, fixed(p.temperature, 2), |s, v| s.params.temperature = v)}
            {slider("p", lab.lab_top_p, 0.0, 1.0, 0.01, p.top_p, fixed(p.top_p, 2), |s, v| s.params.top_p = v)}
            {slider("k", lab.lab_top_k, 0.0, TOP_K_MAX as f64, 1.0, p.top_k as f64, k_shown, |s, v| s.params.top_k = v.round().max(0.0) as usize)}
            {slider("minp", lab.lab_min_p, 0.0, MIN_P_MAX, 0.01, p.min_p, fixed(p.min_p, 2), |s, v| s.params.min_p = v)}
        </div>
    };

    let on_prompt = {
        let emit = emit_settled(props);
        let s = s.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                if let Some(i) = PROMPTS.iter().position(|p| p.id == sel.value()) {
                    emit(LabSettings {
                        prompt: i,
                        logits: None,
                        ..s.clone()
                    });
                }
            }
        })
    };
    let on_order = {
        let emit = emit_settled(props);
        let s = s.clone();
        Callback::from(move |_| {
            let mut next = s.clone();
            next.params.order = match s.params.order {
                Order::TemperatureFirst => Order::TemperatureLast,
                Order::TemperatureLast => Order::TemperatureFirst,
            };
            emit(next);
        })
    };
    let on_reset = {
        let emit = emit_settled(props);
        let reset = props.reset_to.clone();
        let draws = draws.clone();
        Callback::from(move |_| {
            draws.set(None);
            emit(reset.clone());
        })
    };
    let sample = |n: usize| {
        let draws = draws.clone();
        let dist = dist.clone();
        let seed = seed.clone();
        Callback::from(move |_| {
            let this = *seed.borrow();
            *seed.borrow_mut() = this + 1;
            draws.set(Some((this, draw(&dist, n, this))));
        })
    };

    let comparison = compare_orders(&s.logits(), p);
    let order_note = if comparison.total_variation < 1e-9 {
        lab.lab_order_same.to_string()
    } else {
        lang.lab_order_difference(&percent(comparison.total_variation))
    };

    let logits = s.logits();
    // The editor's inputs are built once it is opened: a dozen labelled inputs that most visits never
    // see would otherwise be rendered, hydrated and diffed on every slider step.
    let on_logits_toggle = {
        let logits_open = logits_open.clone();
        Callback::from(move |e: Event| {
            if let Some(now) = crate::browser::details_open(&e) {
                logits_open.set(now);
            }
        })
    };
    let logit_editor = html! {
        <details class="lab__advanced" ontoggle={on_logits_toggle}>
            <summary>{lab.lab_edit_logits}</summary>
            if *logits_open {
            <div class="lab__logits">
                {for logits.iter().enumerate().map(|(i, &l)| {
                    let emit = emit_settled(props);
                    let s = s.clone();
                    let el = id(&format!("logit-{i}"));
                    let oninput = Callback::from(move |e: InputEvent| {
                        if let Some(v) = input_number(&e) {
                            let mut next = s.clone();
                            let mut ls = next.logits();
                            ls[i] = v.clamp(LOGIT_RANGE.0, LOGIT_RANGE.1);
                            next.logits = Some(ls);
                            emit(next);
                        }
                    });
                    html! {
                        <label class="lab__logit" for={el.clone()}>
                            <span lang={lang.tag()}>{prompt.token(i, lang)}</span>
                            <input type="number" id={el} step="0.1" min={fixed(LOGIT_RANGE.0, 0)} max={fixed(LOGIT_RANGE.1, 0)} value={fixed(l, 1)} {oninput} />
                        </label>
                    }
                })}
            </div>
            if s.logits.is_some() {
                <button type="button" class="button" onclick={
                    let emit = emit_settled(props);
                    let s = s.clone();
                    // The button goes away once the logits are restored: keep focus in the editor.
                    let first = id("logit-0");
                    Callback::from(move |e: MouseEvent| {
                        emit(LabSettings { logits: None, ..s.clone() });
                        crate::browser::focus_near(e.target(), &first);
                    })
                }>{lab.lab_reset_logits}</button>
            }
            }
        </details>
    };

    let toggle_table = {
        let show_table = show_table.clone();
        Callback::from(move |_| show_table.set(!*show_table))
    };

    html! {
        <div class="lab" lang={lang.tag()}>
            <p class="lab__intro">{lab.lab_intro}</p>
            <div class="lab__controls">
                <div class="lab__prompt">
                    <label for={id("prompt")}>{lab.lab_prompt}</label>
                    <select id={id("prompt")} onchange={on_prompt}>
                        {for PROMPTS.iter().enumerate().map(|(i, pr)| html! {
                            <option value={pr.id} selected={i == s.prompt}>{pr.text(lang)}</option>
                        })}
                    </select>
                </div>
                {sliders}
                <div class="lab__row">
                    <label class="check">
                        <input type="checkbox" checked={p.order == Order::TemperatureLast} onchange={on_order} />
                        {lab.lab_temperature_last}
                    </label>
                    <button type="button" class="button" onclick={on_reset}>{lab.lab_reset}</button>
                </div>
                <p class="lab__note">{order_note}</p>
            </div>
            <p class="lab__explain" aria-live="polite">{s.explain(&dist, lang)}</p>
            <dl class="lab__readouts">
                <div><dt>{lab.lab_kept}</dt><dd>{format!("{} / {}", dist.kept, dist.len())}</dd></div>
                <div><dt>{lab.lab_entropy}</dt><dd>{format!("{} → {} {}", fixed(dist.entropy_bits_before, 2), fixed(dist.entropy_bits_after, 2), lab.lab_bits)}</dd></div>
                <div><dt>{lab.lab_effective}</dt><dd>{format!("{} → {}", fixed(dist.effective_choices_before, 1), fixed(dist.effective_choices_after, 1))}</dd></div>
            </dl>
            <Chart id={props.id.clone()} lang={lang} settings={s.clone()} dist={(*dist).clone()} />
            <div class="lab__row">
                <button type="button" class="button" onclick={sample(1)}>{lab.lab_sample_one}</button>
                <button type="button" class="button" onclick={sample(100)}>{lab.lab_sample_hundred}</button>
                <button type="button" class="button button--ghost" aria-expanded={if *show_table { "true" } else { "false" }} aria-controls={id("table")} onclick={toggle_table}>
                    {if *show_table { lab.lab_hide_table } else { lab.lab_show_table }}
                </button>
            </div>
            // Always one node, so that the first draw does not shift (and rebuild) the siblings.
            {draws.as_ref().map(|(seed, d)| html! { <Draws lang={lang} settings={s.clone()} dist={(*dist).clone()} draws={d.clone()} seed={*seed} /> }).unwrap_or_default()}
            <div id={id("table")} hidden={!*show_table}>
                if *show_table {
                    <ProbTable lang={lang} settings={s.clone()} dist={(*dist).clone()} />
                }
            </div>
            {logit_editor}
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ChartProps {
    id: AttrValue,
    lang: Lang,
    settings: LabSettings,
    dist: Distribution,
}

/// Horizontal bars, one row per token from most to least likely: the original probability (thin,
/// outlined) and the adjusted one (solid); removed tokens are struck through with the reason; the
/// cumulative probability runs down the rows, with the top-p threshold as a dashed line.
#[component]
fn Chart(props: &ChartProps) -> Html {
    let lab = props.lang.lab();
    let d = &props.dist;
    let prompt = props.settings.prompt();
    let p = &props.settings.params;
    // Rows in descending order of the distribution top-p looks at.
    let t_for_order = if p.order == Order::TemperatureFirst {
        p.temperature
    } else {
        1.0
    };
    let tempered = softmax(
        &props.settings.logits(),
        if t_for_order <= 0.0 { 1.0 } else { t_for_order },
    );
    let rows = cumulative_desc(&tempered);
    const ROW: f64 = 26.0;
    const LABEL_W: f64 = 96.0;
    const BAR_W: f64 = 260.0;
    const TOP: f64 = 22.0;
    let width = LABEL_W + BAR_W + 44.0;
    let height = TOP + ROW * rows.len() as f64 + 8.0;
    let max_p = d
        .tokens
        .iter()
        .map(|t| t.before.max(t.after))
        .fold(0.0, f64::max)
        .max(1e-9);
    let x = |prob: f64| LABEL_W + BAR_W * (prob / max_p).clamp(0.0, 1.0);
    let cx = |cum: f64| LABEL_W + BAR_W * cum.clamp(0.0, 1.0);
    let title_id = format!("{}-chart-title", props.id);

    let cumulative: String = rows
        .iter()
        .enumerate()
        .map(|(r, &(_, cum))| {
            format!(
                "{},{}",
                fixed(cx(cum), 1),
                fixed(TOP + ROW * r as f64 + ROW / 2.0, 1)
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let show_p = p.top_p < 1.0 && p.temperature > 0.0;

    html! {
        <figure class="lab__chart">
            <svg viewBox={format!("0 0 {} {}", fixed(width, 0), fixed(height, 0))} role="img" aria-labelledby={title_id.clone()}>
                <title id={title_id}>{lab.lab_chart_title}</title>
                <text x={fixed(LABEL_W, 0)} y="14" class="chart__axis">{"0"}</text>
                <text x={fixed(LABEL_W + BAR_W, 0)} y="14" class="chart__axis" text-anchor="end">{percent(max_p)}</text>
                {for rows.iter().enumerate().map(|(r, &(i, _))| {
                    let t = &d.tokens[i];
                    let y = TOP + ROW * r as f64;
                    let removed = t.removed_by;
                    html! {
                        <g class={classes!("chart__row", removed.map(|_| "chart__row--removed"))}>
                            <text x={fixed(LABEL_W - 6.0, 0)} y={fixed(y + 17.0, 1)} text-anchor="end" class="chart__label">{prompt.token(i, props.lang)}</text>
                            <rect class="chart__before" x={fixed(LABEL_W, 0)} y={fixed(y + 3.0, 1)} width={fixed(x(t.before) - LABEL_W, 1)} height="7" />
                            if removed.is_none() {
                                <rect class="chart__after" x={fixed(LABEL_W, 0)} y={fixed(y + 11.0, 1)} width={fixed((x(t.after) - LABEL_W).max(1.0), 1)} height="11" />
                                <text class="chart__value" x={fixed(x(t.after) + 4.0, 1)} y={fixed(y + 20.0, 1)}>{percent(t.after)}</text>
                            } else {
                                <text class="chart__reason" x={fixed(LABEL_W + 4.0, 0)} y={fixed(y + 21.0, 1)}>{reason(removed.unwrap_or(Filter::Masked), props.lang)}</text>
                            }
                        </g>
                    }
                })}
                if show_p {
                    <line class="chart__threshold" x1={fixed(cx(p.top_p), 1)} x2={fixed(cx(p.top_p), 1)} y1={fixed(TOP, 0)} y2={fixed(height - 4.0, 0)} />
                    <text class="chart__axis" x={fixed(cx(p.top_p), 1)} y={fixed(height - 1.0, 0)} text-anchor="middle">{format!("p = {}", fixed(p.top_p, 2))}</text>
                }
                <polyline class="chart__cumulative" points={cumulative} />
            </svg>
            <figcaption class="chart__legend">
                <span class="legend legend--before">{lab.lab_legend_before}</span>
                <span class="legend legend--after">{lab.lab_legend_after}</span>
                <span class="legend legend--cumulative">{lab.lab_legend_cumulative}</span>
            </figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct TableProps {
    lang: Lang,
    settings: LabSettings,
    dist: Distribution,
}

#[component]
fn ProbTable(props: &TableProps) -> Html {
    let lab = props.lang.lab();
    let prompt = props.settings.prompt();
    html! {
        <table class="lab__table">
            <caption>{lab.lab_chart_title}</caption>
            <thead>
                <tr>
                    <th scope="col">{lab.lab_col_token}</th>
                    <th scope="col">{lab.lab_col_before}</th>
                    <th scope="col">{lab.lab_col_after}</th>
                    <th scope="col">{lab.lab_col_removed}</th>
                </tr>
            </thead>
            <tbody>
                {for props.dist.tokens.iter().enumerate().map(|(i, t)| html! {
                    <tr>
                        <th scope="row">{prompt.token(i, props.lang)}</th>
                        <td>{percent(t.before)}</td>
                        <td>{percent(t.after)}</td>
                        <td>{t.removed_by.map(|f| reason(f, props.lang)).unwrap_or("—")}</td>
                    </tr>
                })}
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct DrawProps {
    lang: Lang,
    settings: LabSettings,
    dist: Distribution,
    draws: Vec<usize>,
    seed: u64,
}

/// What the draws gave: the token for one draw, or counts against expected counts for many.
#[component]
fn Draws(props: &DrawProps) -> Html {
    let lab = props.lang.lab();
    let prompt = props.settings.prompt();
    let n = props.draws.len();
    if n == 1 {
        return html! {
            <p class="lab__draws" aria-live="polite">
                {lab.lab_drawn}{": "}<strong>{prompt.token(props.draws[0], props.lang)}</strong>
                <span class="lab__seed">{format!(" ({} {})", lab.lab_seed, props.seed)}</span>
            </p>
        };
    }
    let counts = histogram(&props.draws, props.dist.len());
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    html! {
        <div class="lab__draws" aria-live="polite">
            <p>{format!("{} × {n}", lab.lab_drawn)}<span class="lab__seed">{format!(" ({} {})", lab.lab_seed, props.seed)}</span></p>
            <ul class="histogram">
                {for counts.iter().enumerate().filter(|(i, c)| **c > 0 || props.dist.tokens[*i].after > 0.0).map(|(i, &c)| {
                    let expected = props.dist.tokens[i].after * n as f64;
                    html! {
                        <li>
                            <span class="histogram__token">{prompt.token(i, props.lang)}</span>
                            // An SVG rect, not a style attribute: the page's CSP allows no inline styles.
                            <svg class="histogram__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                                <rect width={fixed(100.0 * c as f64 / max as f64, 1)} height="10" />
                            </svg>
                            <span class="histogram__count">{format!("{c} ({} {})", lab.lab_expected, fixed(expected, 1))}</span>
                        </li>
                    }
                })}
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LocalProps {
    pub id: AttrValue,
    pub lang: LangChoice,
    /// Where the lab starts, and what "Reset" goes back to: a card's preset, or the default.
    pub preset: LabSettings,
    /// The lab's URL keys (`t=0.7&p=0.9`), from the address bar. When they change from outside (Back,
    /// Forward) to something the lab did not write itself, it starts over from them.
    #[prop_or_default]
    pub state: AttrValue,
    /// Hears the lab's URL keys once a change settles.
    #[prop_or_default]
    pub on_settle: Callback<String>,
}

/// A lab that keeps its own settings: the page's (which follows the address bar through `state`), one
/// inside a card, or an embedded one.
#[component]
pub fn LocalLab(props: &LocalProps) -> Html {
    let read = {
        let preset = props.preset.clone();
        move |state: &str| {
            if state.is_empty() {
                return preset.clone();
            }
            let (settings, warnings) = LabSettings::from_url(&decode_state(state));
            for w in warnings {
                crate::browser::warn(&w);
            }
            settings
        }
    };
    let settings = use_state(|| read(&props.state));
    // What the lab last wrote (or was started from): its own change coming back is not a reset.
    let written = use_mut_ref(|| props.state.clone());
    {
        let (settings, written) = (settings.clone(), written.clone());
        use_effect_with(props.state.clone(), move |state| {
            if *written.borrow() != *state {
                *written.borrow_mut() = state.clone();
                settings.set(read(state));
            }
        });
    }
    let on_change = {
        let settings = settings.clone();
        Callback::from(move |s| settings.set(s))
    };
    let on_settle = {
        let (settings, written, emit) = (settings.clone(), written, props.on_settle.clone());
        Callback::from(move |s: LabSettings| {
            let state = AttrValue::from(encode_state(&s.to_url()));
            *written.borrow_mut() = state.clone();
            settings.set(s);
            emit.emit(state.to_string());
        })
    };
    html! {
        <Lab id={props.id.clone()} lang={props.lang} settings={(*settings).clone()} {on_change} {on_settle} reset_to={props.preset.clone()} />
    }
}
