//! One question card: number, question, topics, study marks, and the answer behind a native
//! disclosure (`<details>`), which opens by mouse or keyboard and stays readable without JavaScript.

use llm_qa_core::bank::Question;
use llm_qa_core::i18n::{Lang, LangChoice};
use llm_qa_core::progress::Mark;
use yew::prelude::*;

use super::embed_share::EmbedShare;
use super::highlight::highlighted;
use super::part_slot::PartSlot;
use super::rich_text;
use crate::island::Island;
use crate::search_view::CardHits;
use crate::state::ExploreUrl;
use llm_qa_core::embed::EmbedSpec;
use llm_qa_core::part::{decode_state, encode_state, Kind, Part};

/// An explorer's URL keys after a change, with the card it sits in.
pub type ExploreChange = (u8, Vec<(String, String)>);

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
    pub explore: Option<std::rc::Rc<ExploreUrl>>,
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

impl Props {
    /// The props card `q` is prerendered with in `lang`, and first hydrated with (`live`: the props it
    /// has now; `None` when prerendering). Every field is named (no `..live.clone()`): one that
    /// shapes the card's markup must be at its prerendered value, or hydration meets other HTML
    /// than it expects (`crate::island`, rule 2).
    pub fn prerendered(q: &'static Question, lang: LangChoice, live: Option<&Props>) -> Props {
        Props {
            // Shape the markup: as prerendered, the page's language, closed, unmarked, no hits.
            question: q,
            lang,
            open: false,
            known: false,
            starred: false,
            hits: None,
            in_app: true,
            // Shape nothing: callbacks, and explorer settings that a closed card does not show.
            on_open: live.map_or_else(Callback::noop, |l| l.on_open.clone()),
            on_mark: live.map_or_else(Callback::noop, |l| l.on_mark.clone()),
            explore: live.and_then(|l| l.explore.clone()),
            explore_generation: live.map_or(0, |l| l.explore_generation),
            on_explore: live.and_then(|l| l.on_explore.clone()),
        }
    }
}

/// A card in the list is an island (`components::card_list`).
impl Island for Card {
    fn first_props(lang: LangChoice, now: &Props) -> Props {
        Props::prerendered(now.question, lang, Some(now))
    }
}

/// The id of the element a card is hydrated into, as an island of the list.
pub fn host_id(id: u8) -> String {
    format!("q{id}-host")
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
            if let Some(now) = crate::browser::details_open(&e) {
                if now != was_open {
                    on_open.emit((id, now));
                }
            }
        })
    };
    // A card hydrated as an island tells the islands when it listens: clicks that came before are
    // given again then (`crate::island`, rule 4).
    use_effect_with((), move |_| crate::island::rendered(&host_id(id)));
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
            .map(|h| h.question[lang.index()].clone())
            .unwrap_or_default();
        html! {
            <span class="card__q" lang={lang.tag()}>
                {highlighted(text.question_plain, &ranges)}
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
                    let (text, ranges) = h.excerpt[lang.index()].clone()?;
                    Some(html! {
                        <p class="card__excerpt" lang={lang.tag()}>
                            {highlighted(&text, &ranges)}
                        </p>
                    })
                })
                .collect::<Html>()
        })
        .unwrap_or_default();
    let answers = shown.iter().map(|&lang| {
        html! {
            <div class="answer" lang={lang.tag()}>{rich_text::answer(&q.text(lang))}</div>
        }
    });

    // The editor's note sits under the answers, in each shown language, apart from the author's
    // text. Hiding notes is a style on <html data-notes> (`app.rs`), so the card's markup is the
    // same whether they are shown or not (and matches the prerendered HTML).
    let notes: Html = q
        .note
        .map(|n| {
            html! {
                <div class={classes!("card__notes", (shown.len() > 1).then_some("card__notes--both"))}>
                    {for shown.iter().map(|&lang| {
                        let ui = lang.ui();
                        let colon = if lang == Lang::Zh { "：" } else { ": " };
                        html! {
                            <aside class="note" lang={lang.tag()}>
                                <p class="note__label">{ui.note_label}</p>
                                <p class="note__text">{q.text(lang).note}</p>
                                <p class="note__ref">{ui.note_ref}{colon}<cite lang="en">{n.reference}</cite></p>
                            </aside>
                        }
                    })}
                </div>
            }
        })
        .unwrap_or_default();

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
                {notes}
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use llm_qa_core::bank;

    use super::*;

    /// The card's HTML as the prerenderer writes it (hydratable, with Yew's markers).
    fn render(props: Props) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        tokio::task::LocalSet::new().block_on(
            &rt,
            yew::LocalServerRenderer::<Card>::with_props(props)
                .hydratable(true)
                .render(),
        )
    }

    /// A card as the list may have it by the time its turn to hydrate comes: another language,
    /// open, marked, with search hits and explorer settings from the address bar.
    fn busy(q: &'static Question, lang: LangChoice) -> Props {
        Props {
            question: q,
            lang,
            open: true,
            known: true,
            starred: true,
            hits: Some(Rc::new(CardHits {
                question: [vec![(0, 3)], vec![(0, 3)]],
                excerpt: [Some(("the answer".into(), vec![(4, 10)])), None],
            })),
            on_open: Callback::from(|_| ()),
            on_mark: Callback::from(|_| ()),
            explore: Some(Rc::new(ExploreUrl {
                card: Some(q.id),
                pairs: vec![("sm.t".into(), "2".into())],
                generation: 3,
            })),
            explore_generation: 3,
            in_app: false,
            on_explore: Some(Callback::from(|_| ())),
        }
    }

    /// The island's rule 2: the first hydration renders byte for byte what was prerendered, however
    /// far the card's props have moved since.
    #[test]
    fn a_cards_first_hydration_renders_its_prerendered_html() {
        let langs = [LangChoice::En, LangChoice::Zh, LangChoice::Both];
        // A plain card, one with a lab, one with an explorer.
        for id in [3, 6, 23] {
            let q = bank::question(id).unwrap();
            for (i, &lang) in langs.iter().enumerate() {
                let prerendered = render(Props::prerendered(q, lang, None));
                let now = busy(q, langs[(i + 1) % langs.len()]);
                assert_ne!(
                    render(now.clone()),
                    prerendered,
                    "card {id}: the props of now show something else"
                );
                let first = <Card as Island>::first_props(lang, &now);
                assert_eq!(render(first), prerendered, "card {id} in {lang:?}");
            }
        }
    }
}
