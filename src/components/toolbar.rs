//! Above the cards: the search box with its result count, topic chips, study filters and progress,
//! "expand all", and the quiz launcher.

use llm_qa_core::bank::TOPICS;
use llm_qa_core::i18n::LangChoice;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::StudyFilter;

pub const SEARCH_ID: &str = "search";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: LangChoice,
    pub query: AttrValue,
    pub topic: Option<usize>,
    pub filter: StudyFilter,
    pub shown: usize,
    pub total: usize,
    pub known: usize,
    pub all_open: bool,
    pub on_query: Callback<String>,
    pub on_topic: Callback<Option<usize>>,
    pub on_filter: Callback<StudyFilter>,
    pub on_expand_all: Callback<bool>,
    pub on_quiz: Callback<bool>,
    /// The search box got focus: a search may be about to start.
    #[prop_or_default]
    pub on_search_focus: Callback<()>,
}

#[component]
pub fn Toolbar(props: &Props) -> Html {
    let lang = props.lang.ui();
    let ui = lang.ui();
    let shuffle = use_state(|| true);

    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                on_query.emit(input.value());
            }
        })
    };
    let onkeydown = {
        let on_query = props.on_query.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_query.emit(String::new());
            }
        })
    };
    let clear = {
        let on_query = props.on_query.clone();
        Callback::from(move |_| {
            on_query.emit(String::new());
            crate::browser::focus(SEARCH_ID);
        })
    };

    let chip = |topic: Option<usize>, label: &'static str| {
        let on_topic = props.on_topic.clone();
        let pressed = props.topic == topic;
        html! {
            <li>
                <button
                    type="button"
                    class={classes!("chip", pressed.then_some("chip--on"))}
                    aria-pressed={if pressed { "true" } else { "false" }}
                    onclick={Callback::from(move |_| on_topic.emit(if pressed { None } else { topic }))}
                >{label}</button>
            </li>
        }
    };
    let filter = |f: StudyFilter, label: &'static str| {
        let on_filter = props.on_filter.clone();
        let pressed = props.filter == f;
        html! {
            <button
                type="button"
                class={classes!("chip", pressed.then_some("chip--on"))}
                aria-pressed={if pressed { "true" } else { "false" }}
                onclick={Callback::from(move |_| on_filter.emit(f))}
            >{label}</button>
        }
    };
    let start_quiz = {
        let on_quiz = props.on_quiz.clone();
        let shuffle = shuffle.clone();
        Callback::from(move |_| on_quiz.emit(*shuffle))
    };
    let toggle_shuffle = {
        let shuffle = shuffle.clone();
        Callback::from(move |_| shuffle.set(!*shuffle))
    };
    let expand = {
        let on_expand_all = props.on_expand_all.clone();
        let all_open = props.all_open;
        Callback::from(move |_| on_expand_all.emit(!all_open))
    };

    html! {
        <section class="toolbar" aria-label={ui.search_label}>
            <div class="search" role="search">
                <label class="search__label" for={SEARCH_ID}>{ui.search_label}</label>
                <div class="search__row">
                    <input
                        id={SEARCH_ID}
                        class="search__input"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        enterkeyhint="search"
                        maxlength="200"
                        placeholder={ui.search_placeholder}
                        aria-keyshortcuts="/"
                        aria-describedby="search-count"
                        value={props.query.clone()}
                        {oninput}
                        onfocus={props.on_search_focus.reform(|_: FocusEvent| ())}
                        {onkeydown}
                    />
                    if !props.query.is_empty() {
                        <button type="button" class="button button--ghost" onclick={clear}>{ui.clear_search}</button>
                    }
                </div>
                <p id="search-count" class="search__count" role="status" aria-live="polite">
                    {lang.results_count(props.shown, props.total)}
                </p>
            </div>
            <div class="filters">
                <ul class="chips" aria-label={ui.topics}>
                    {chip(None, ui.all_topics)}
                    {for TOPICS.iter().enumerate().map(|(i, t)| chip(Some(i), t.name.get(lang)))}
                </ul>
                <div class="study" role="group" aria-label={ui.study}>
                    {filter(StudyFilter::All, ui.filter_all)}
                    {filter(StudyFilter::Starred, ui.filter_starred)}
                    {filter(StudyFilter::NotKnown, ui.filter_unknown)}
                    <span class="study__progress">{lang.known_progress(props.known, props.total)}</span>
                </div>
            </div>
            <div class="actions">
                <button type="button" class="button" onclick={expand} aria-expanded={if props.all_open { "true" } else { "false" }}>
                    {if props.all_open { ui.collapse_all } else { ui.expand_all }}
                </button>
                <span class="actions__quiz">
                    <label class="check">
                        <input type="checkbox" checked={*shuffle} onchange={toggle_shuffle} />
                        {ui.quiz_shuffle}
                    </label>
                    <button type="button" class="button button--primary" onclick={start_quiz} disabled={props.shown == 0}>
                        {ui.quiz_start}
                    </button>
                </span>
            </div>
        </section>
    }
}
