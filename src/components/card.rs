//! One question card: number, question, topics, study marks, and the answer behind a native
//! disclosure (`<details>`), which opens by mouse or keyboard and stays readable without JavaScript.

use llm_qa_core::bank::Question;
use llm_qa_core::i18n::{Lang, LangChoice};
use llm_qa_core::progress::Mark;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::embed_share::EmbedShare;
use super::highlight::Highlighted;
use super::part_slot::PartSlot;
use super::rich_text;
use llm_qa_core::embed::EmbedSpec;
use llm_qa_core::part::{decode_state, encode_state, Kind, Part};

/// An explorer's URL keys after a change, with the card it sits in.
pub type ExploreChange = (u8, Vec<(String, String)>);

/// A piece of text and the byte ranges in it that matched.
pub type MarkedText = (String, Vec<(usize, usize)>);

/// What the search found in a card, ready to show: per language, the question and an answer excerpt
/// with their matched ranges.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CardHits {
    pub question: [Vec<(usize, usize)>; 2],
    pub excerpt: [Option<MarkedText>; 2],
}

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub question: &'static Question,
    pub lang: LangChoice,
    pub open: bool,
    pub known: bool,
    pub starred: bool,
    #[prop_or_default]
    pub hits: Option<std::rc::Rc<CardHits>>,
    pub on_open: Callback<(u8, bool)>,
    pub on_mark: Callback<(u8, Mark)>,
    /// Explorer settings from the URL, when they are meant for this card.
    #[prop_or_default]
    pub explore: Option<std::rc::Rc<crate::state::ExploreUrl>>,
    /// Changes when the address bar does (load, Back/Forward): the explorer then starts over.
    #[prop_or_default]
    pub explore_generation: u32,
    /// In the app: study marks and the Embed control. An embedded card has neither.
    #[prop_or(true)]
    pub in_app: bool,
    /// Hears this card's explorer's URL keys after each change.
    #[prop_or_default]
    pub on_explore: Option<Callback<ExploreChange>>,
}

fn idx(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Zh => 1,
    }
}

/// The id of a card's summary (its question), where keyboard focus goes to land on a card.
pub fn summary_id(id: u8) -> String {
    format!("q{id}-summary")
}

#[component]
pub fn Card(props: &Props) -> Html {
    let q = props.question;
    let id = q.id;
    let ui = props.lang.ui().ui();
    let shown = props.lang.shown();

    let ontoggle = {
        let on_open = props.on_open.clone();
        let was_open = props.open;
        Callback::from(move |e: Event| {
            let now = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .map(|d| d.open());
            if let Some(now) = now {
                if now != was_open {
                    on_open.emit((id, now));
                }
            }
        })
    };
    // A card hydrated as an island (`card_list.rs`) tells its list when it listens: clicks that came
    // before are given again then.
    use_effect_with((), move |_| super::card_list::card_rendered(id));
    let mark_button = |mark: Mark, on: bool, label: &'static str, icon: &'static str| {
        let on_mark = props.on_mark.clone();
        html! {
            <button
                type="button"
                class={classes!("mark", on.then_some("mark--on"))}
                aria-pressed={if on { "true" } else { "false" }}
                onclick={Callback::from(move |_| on_mark.emit((id, mark)))}
            >
                <span class="mark__icon" aria-hidden="true">{icon}</span>
                {label}
            </button>
        }
    };

    let title = shown.iter().map(|&lang| {
        let text = q.text(lang);
        let ranges = props
            .hits
            .as_ref()
            .map(|h| h.question[idx(lang)].clone())
            .unwrap_or_default();
        html! {
            <span class="card__q" lang={lang.tag()}>
                <Highlighted text={AttrValue::Static(text.question_plain)} ranges={ranges} />
            </span>
        }
    });
    // Always one node (an empty list when there is nothing to show): an `Option` here would add or
    // drop a child of the article, and Yew's unkeyed diff would then rebuild the whole <details>.
    let excerpts: Html = props
        .hits
        .as_ref()
        .filter(|_| !props.open)
        .map(|h| {
            shown
                .iter()
                .filter_map(|&lang| {
                    let (text, ranges) = h.excerpt[idx(lang)].clone()?;
                    Some(html! {
                        <p class="card__excerpt" lang={lang.tag()}>
                            <Highlighted text={AttrValue::from(text)} ranges={ranges} />
                        </p>
                    })
                })
                .collect::<Html>()
        })
        .unwrap_or_default();
    let answers = shown.iter().map(|&lang| {
        html! {
            <div class="answer" lang={lang.tag()}>{rich_text::answer(q.text(lang))}</div>
        }
    });

    html! {
        <article
            class={classes!("card", props.open.then_some("card--open"), props.known.then_some("card--known"))}
            id={format!("q{id}")}
            aria-labelledby={format!("q{id}-title")}
        >
            <details open={props.open} {ontoggle}>
                <summary class="card__summary" id={summary_id(id)}>
                    <span class="card__num" aria-label={props.lang.ui().question_number(id)}>{id}</span>
                    <h2 class="card__title" id={format!("q{id}-title")}>{for title}</h2>
                </summary>
                <div class={classes!("card__answers", (shown.len() > 1).then_some("card__answers--both"))}>
                    {for answers}
                </div>
                // Labs and explorers are built only while the card is open: a closed card costs nothing.
                if props.open {
                    {part(props)}
                }
            </details>
            {excerpts}
            <div class="card__meta">
                <ul class="card__topics" aria-label={ui.topics}>
                    {for q.topics().map(|t| html! {
                        <li class="topic-label">{*t.name.get(props.lang.ui())}</li>
                    })}
                </ul>
                if props.in_app {
                    <div class="card__marks">
                        {mark_button(Mark::Known, props.known, ui.known, "✓")}
                        {mark_button(Mark::Starred, props.starred, ui.star, "★")}
                    </div>
                    <EmbedShare id={format!("q{id}-embed")} lang={props.lang} spec={EmbedSpec {
                        questions: vec![id],
                        lang: Some(props.lang),
                        ..EmbedSpec::default()
                    }} />
                }
            </div>
        </article>
    }
}

/// The lab or explorer of an open card, if it has one. An explorer starts from the URL's settings
/// when they are meant for this card, and starts over when the address bar changes (a new key).
fn part(props: &Props) -> Html {
    let id = props.question.id;
    let Some(part) = Part::in_card(id) else {
        return Html::default();
    };
    match part.kind {
        Kind::Lab => html! {
            <div class="card__lab">
                <h3 class="card__lab-title">{props.lang.ui().ui().lab_title}</h3>
                <PartSlot {part} lang={props.lang} />
            </div>
        },
        Kind::Explorer => {
            let state = props
                .explore
                .as_deref()
                .filter(|url| url.for_card(id))
                .map(|url| AttrValue::from(encode_state(&url.pairs)))
                .unwrap_or_default();
            let on_change = props
                .on_explore
                .clone()
                .map(|cb| cb.reform(move |state: String| (id, decode_state(&state))));
            html! {
                <PartSlot key={props.explore_generation} {part} lang={props.lang} {state} {on_change} />
            }
        }
    }
}
