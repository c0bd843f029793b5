//! The root component: owns the state, wires the browser (the address bar through `crate::url`,
//! storage, keys) to actions, and lays out the page.

use llm_qa_core::bank::{self, Have, QUESTIONS};
use llm_qa_core::i18n::{Lang, LangChoice};
use llm_qa_core::part::{encode_state, Part};
use llm_qa_core::progress::{read_marks, Mark, Verdict};
use llm_qa_core::theme::Theme;
use yew::prelude::*;

use crate::browser::{self, keys};
use crate::components::card_list::CardList;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::part_slot::PartSlot;
use crate::components::quiz::{QuizView, QUIZ_HEADING_ID};
use crate::components::toolbar::{Toolbar, SEARCH_ID};
use crate::hooks::use_listeners;
use crate::search_view::listing;
use crate::state::{Action, State};
use crate::texts;
use crate::url::AddressBar;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The language of the first render. When hydrating, it must be the language the HTML was
    /// prerendered in; the visitor's own choice is applied right after.
    #[prop_or_default]
    pub lang: LangChoice,
    /// The app is hydrating prerendered HTML: the card list then hydrates its cards later, one at a
    /// time (see `components::card_list`).
    #[prop_or_default]
    pub hydrating: bool,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| State {
        lang: props.lang,
        ..State::default()
    });
    // Only the list created by hydration holds island cards; one made later (after a quiz) renders
    // its cards itself.
    let islands_lang = {
        let first = use_mut_ref(|| props.hydrating);
        let islands = std::mem::replace(&mut *first.borrow_mut(), false).then_some(props.lang);
        islands
    };

    let url = AddressBar::new(state.dispatcher());
    use_listeners(&state, &url);

    // The questions' text (`crate::texts`): the page's own language is there from the start; another
    // language, and the plain text the search reads, are fetched the first time they are asked for.
    // Until a language's text is in, the page stays in the language it shows (`lang`), so nothing
    // is ever shown without its text; `texts_in` re-renders once a file is installed.
    let texts_in = use_state(|| 0u32);
    let text_error = use_state(|| None::<String>);
    let shown_lang = use_mut_ref(|| props.lang);
    if texts::can_show(state.lang) {
        *shown_lang.borrow_mut() = state.lang;
    }
    let lang = *shown_lang.borrow();
    let searching = !state.query.trim().is_empty() || state.topic.is_some();
    let fetch_texts = {
        let (texts_in, text_error) = (texts_in.clone(), text_error.clone());
        Callback::from(move |(langs, need): (Vec<Lang>, Have)| {
            let (texts_in, text_error) = (texts_in.clone(), text_error.clone());
            texts::load(&langs, need, move |result| match result {
                Ok(()) => {
                    text_error.set(None);
                    texts_in.set(*texts_in + 1);
                }
                Err(e) => {
                    browser::warn(&format!("could not load the questions' text: {e}"));
                    text_error.set(Some(e));
                }
            });
        })
    };
    {
        let fetch_texts = fetch_texts.clone();
        let text_error = text_error.clone();
        use_effect_with(
            (state.lang, searching, *texts_in),
            move |&(choice, searching, _)| {
                // Back on a language that is there: an earlier failure no longer concerns the page.
                if texts::can_show(choice) && !searching && text_error.is_some() {
                    text_error.set(None);
                }
                fetch_texts.emit((choice.shown().to_vec(), Have::Shown));
                if searching {
                    fetch_texts.emit((vec![Lang::En, Lang::Zh], Have::All));
                }
            },
        );
    }

    // The theme goes on <html data-theme> (boot.js put the remembered one there before the first
    // paint); a choice is remembered once made.
    let first_theme = use_mut_ref(|| true);
    use_effect_with(state.theme, move |theme| {
        browser::set_root_attr("data-theme", theme.code());
        if !std::mem::replace(&mut *first_theme.borrow_mut(), false) {
            browser::save(keys::THEME, theme.code());
        }
    });

    // Hidden notes are a style on <html data-notes>, so no card's markup changes (boot.js put the
    // remembered choice there before the first paint, so the first run leaves it alone); a choice
    // is remembered once made.
    let first_notes = use_mut_ref(|| true);
    use_effect_with(state.notes_hidden, move |&hidden| {
        if !std::mem::replace(&mut *first_notes.borrow_mut(), false) {
            let code = if hidden { "hidden" } else { "shown" };
            browser::set_root_attr("data-notes", code);
            browser::save(keys::NOTES, code);
        }
    });

    // Keep <html lang> in step with what is shown.
    use_effect_with(lang, |lang| browser::set_root_attr("lang", lang.ui().tag()));

    // Persist marks whenever they change. The first run sees the empty marks of the first render,
    // before the stored ones are read back: writing then would wipe them, so it is skipped.
    let first_marks = use_mut_ref(|| true);
    use_effect_with(state.marks.clone(), move |marks| {
        if std::mem::replace(&mut *first_marks.borrow_mut(), false) {
            return;
        }
        if browser::load(keys::MARKS).is_some() || *marks != Default::default() {
            browser::save(keys::MARKS, &marks.to_json());
        }
    });

    // Scroll to a card named by #q12.
    use_effect_with(state.jump, |jump| {
        if let Some((id, _)) = jump {
            browser::scroll_to(&format!("q{id}"));
        }
    });

    // Move focus into the quiz when it starts, back to the search when it ends.
    let in_quiz = state.quiz.is_some();
    use_effect_with(in_quiz, |&in_quiz| {
        if in_quiz {
            browser::focus(QUIZ_HEADING_ID);
        }
    });

    let list = {
        let (query, topic) = (state.query.clone(), state.topic);
        let ready = texts::can_search();
        use_memo((query, topic, ready), |(q, t, ready)| {
            listing(q, *t, *ready)
        })
    };
    let visible: std::rc::Rc<Vec<u8>> = {
        let state = state.clone();
        use_memo(
            (list.clone(), state.filter, state.marks.clone()),
            move |(list, _, _)| {
                list.ids
                    .iter()
                    .copied()
                    .filter(|&id| state.passes_filter(id))
                    .collect()
            },
        )
    };
    let all_open = !visible.is_empty() && visible.iter().all(|id| state.open.contains(id));

    let on_lang = {
        let url = url.clone();
        Callback::from(move |l: LangChoice| {
            browser::save(keys::LANG, l.code());
            url.set_lang(l);
        })
    };
    let on_query = {
        let (url, state) = (url.clone(), state.clone());
        Callback::from(move |q: String| url.set_query(&state.query, q))
    };
    let on_topic = {
        let url = url.clone();
        Callback::from(move |t: Option<usize>| url.set_topic(t))
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |f| state.dispatch(Action::SetFilter(f)))
    };
    let on_expand_all = {
        let state = state.clone();
        let visible = visible.clone();
        Callback::from(move |open: bool| state.dispatch(Action::SetAllOpen(visible.to_vec(), open)))
    };
    let on_quiz = {
        let state = state.clone();
        let visible = visible.clone();
        Callback::from(move |shuffle: bool| {
            let seed = shuffle.then(js_seed);
            state.dispatch(Action::StartQuiz {
                ids: visible.to_vec(),
                shuffle_seed: seed,
            })
        })
    };
    // The cards' callbacks are memoised so that a change elsewhere (a lab slider, a keystroke that
    // leaves a card's hits alone) does not re-render all 50 cards through new callback props.
    let on_open = {
        let d = state.dispatcher();
        use_callback((), move |(id, open): (u8, bool), _| {
            d.dispatch(Action::SetOpen(id, open))
        })
    };
    let on_mark = {
        let state = state.clone();
        let deps = (state.filter, state.marks.clone(), visible.clone());
        use_callback(deps, move |(id, mark): (u8, Mark), (_, _, visible)| {
            // A card the filter is about to hide would take keyboard focus with it (to <body>): hand
            // focus to its neighbour, or the search box, first.
            if state.toggle_hides(id, mark) {
                match crate::state::neighbour(visible, id) {
                    Some(next) => browser::focus(&crate::components::card::summary_id(next)),
                    None => browser::focus(SEARCH_ID),
                }
            }
            state.dispatch(Action::ToggleMark(id, mark))
        })
    };

    let on_explore = {
        let url = url.clone();
        use_callback((), move |(id, pairs): (u8, Vec<(String, String)>), _| {
            url.set_explore(id, pairs)
        })
    };
    let on_lab = {
        let url = url.clone();
        use_callback((), move |lab: String, _| url.set_lab(&lab))
    };
    let lab_state = use_memo(state.lab.clone(), |lab| AttrValue::from(encode_state(lab)));
    // After the first render (which matches the prerendered HTML), apply what the address bar, the
    // stored choices and the browser's languages say. In a task of its own: hydration is the
    // longest task of a load, and this (with the render it causes) need not make it longer. The page
    // is ready once that is applied and rendered: `data-ready` is set by an effect, which Yew runs
    // only after every render queued by then is done.
    let restored = use_state(|| false);
    // Ready once the address bar and storage are applied, and the language they ask for is shown
    // (or could not be loaded, which the page then says).
    let settled = *restored && (lang == state.lang || text_error.is_some());
    use_effect_with(settled, |&settled| {
        if settled {
            browser::set_root_attr("data-ready", "true");
        }
    });
    {
        let state = state.clone();
        let restored = restored.clone();
        let page_lang = props.hydrating.then_some(props.lang);
        use_effect_with((), move |_| {
            let restore_now = move || {
                restore(&state, &url, page_lang);
                restored.set(true);
            };
            #[cfg(target_arch = "wasm32")]
            gloo_timers::callback::Timeout::new(0, restore_now).forget();
            #[cfg(not(target_arch = "wasm32"))]
            restore_now();
        });
    }

    let ui = lang.ui().ui();
    let main = if let Some(quiz) = &state.quiz {
        let d = state.dispatcher();
        let (d1, d2, d3, d4) = (d.clone(), d.clone(), d.clone(), d);
        html! {
            <QuizView
                quiz={quiz.clone()}
                lang={lang}
                on_reveal={Callback::from(move |_| d1.dispatch(Action::Reveal))}
                on_rate={Callback::from(move |v: Verdict| d2.dispatch(Action::Rate(v)))}
                on_end={Callback::from(move |_| { d3.dispatch(Action::EndQuiz); browser::focus(SEARCH_ID); })}
                on_again_round={Callback::from(move |ids| d4.dispatch(Action::StartQuiz { ids, shuffle_seed: None }))}
            />
        }
    } else {
        html! {
            <>
                <Toolbar
                    lang={lang}
                    query={AttrValue::from(state.query.clone())}
                    topic={state.topic}
                    filter={state.filter}
                    shown={visible.len()}
                    total={QUESTIONS.len()}
                    known={state.marks.count(Mark::Known)}
                    {all_open}
                    on_query={on_query.clone()}
                    {on_topic}
                    {on_filter}
                    {on_expand_all}
                    {on_quiz}
                    on_search_focus={fetch_texts.reform(|_| (vec![Lang::En, Lang::Zh], Have::All))}
                />
                if list.partial && !visible.is_empty() {
                    <p class="notice">{ui.partial_results}</p>
                }
                if visible.is_empty() {
                    <EmptyState lang={lang} on_query={on_query.clone()} />
                }
                <CardList
                    lang={lang}
                    listing={list.clone()}
                    visible={visible.clone()}
                    open={state.open}
                    marks={state.marks.clone()}
                    explore={state.explore.clone()}
                    {on_open}
                    {on_mark}
                    {on_explore}
                    {islands_lang}
                />
            </>
        }
    };

    html! {
        <>
            <a class="skip-link" href="#main">{ui.skip_link}</a>
            <Header {lang} chosen={state.lang} {on_lang} theme={state.theme} on_theme={{
                let d = state.dispatcher();
                Callback::from(move |t| d.dispatch(Action::SetTheme(t)))
            }} notes_hidden={state.notes_hidden} on_notes_hidden={{
                let d = state.dispatcher();
                Callback::from(move |h| d.dispatch(Action::SetNotesHidden(h)))
            }} />
            <main id="main" class="main" tabindex="-1" lang={lang.ui().tag()}
                aria-busy={(lang != state.lang && text_error.is_none()).then_some("true")}>
                <h1 class="page-title">{ui.tagline}</h1>
                if text_error.is_some() {
                    <p class="notice" role="alert">
                        {ui.text_failed}{" "}
                        <button type="button" onclick={{
                            let (texts_in, text_error) = (texts_in.clone(), text_error.clone());
                            Callback::from(move |_| { text_error.set(None); texts_in.set(*texts_in + 1); })
                        }}>{ui.part_retry}</button>
                    </p>
                }
                {main}
                <section id="lab" class="lab-section" aria-labelledby="lab-title">
                    <h2 id="lab-title" class="section-title">{ui.lab_title}</h2>
                    <PartSlot part={Part::PAGE_LAB} lang={lang} state={(*lab_state).clone()} on_change={on_lab} lazy=true />
                    <crate::components::embed_share::EmbedShare id="lab-embed" lang={lang} spec={llm_qa_core::embed::EmbedSpec {
                        view: llm_qa_core::embed::View::Lab,
                        lang: Some(lang),
                        ..Default::default()
                    }} />
                </section>
            </main>
            <Footer lang={lang} />
            <crate::components::update_prompt::UpdatePrompt lang={lang} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct EmptyProps {
    lang: LangChoice,
    on_query: Callback<String>,
}

#[component]
fn EmptyState(props: &EmptyProps) -> Html {
    let ui = props.lang.ui().ui();
    html! {
        <div class="empty">
            <p>{ui.no_results}</p>
            <p>
                {ui.try_instead}{" "}
                {for llm_qa_core::search::SUGGESTIONS.iter().map(|s| {
                    let on_query = props.on_query.clone();
                    html! {
                        // The suggestions vanish with the empty state: focus goes back to the search box.
                        <button type="button" class="chip" onclick={Callback::from(move |_| { on_query.emit(s.to_string()); browser::focus(SEARCH_ID); })}>{*s}</button>
                    }
                })}
            </p>
        </div>
    }
}

/// Reads the URL and storage once, after the first render. A language in the URL outranks the
/// stored one, which outranks the page's (`page_lang`, the language of the prerendered page being
/// hydrated: `boot.js` already weighed the browser's languages when it chose that page, and
/// `zh.html` asked for Chinese by its address), which outranks the browser's.
fn restore(state: &UseReducerHandle<State>, url: &AddressBar, page_lang: Option<LangChoice>) {
    let route = url.read_on_load();
    let lang = route
        .lang
        .or_else(|| {
            let stored = browser::load(keys::LANG)?;
            let lang = LangChoice::parse(&stored);
            if lang.is_none() {
                browser::warn(&format!(
                    "ignoring the stored language {}: not en, zh or both",
                    llm_qa_core::route::quote_clipped(&stored, 24)
                ));
            }
            lang
        })
        .or(page_lang)
        .unwrap_or_else(|| {
            let prefs = browser::preferred_languages();
            LangChoice::from_preferred(prefs.iter().map(String::as_str))
        });
    state.dispatch(Action::SetLang(lang));
    if let Some(stored) = browser::load(keys::THEME) {
        match Theme::parse(&stored) {
            Some(t) => state.dispatch(Action::SetTheme(t)),
            None => browser::warn(&format!(
                "ignoring the stored theme {}: not auto, light or dark",
                llm_qa_core::route::quote_clipped(&stored, 24)
            )),
        }
    }
    match browser::load(keys::NOTES).as_deref() {
        None | Some("shown") => {}
        Some("hidden") => state.dispatch(Action::SetNotesHidden(true)),
        Some(other) => browser::warn(&format!(
            "ignoring the stored notes choice {}: not hidden or shown",
            llm_qa_core::route::quote_clipped(other, 24)
        )),
    }
    url.apply(&route);

    if let Some(stored) = browser::load(keys::MARKS) {
        let loaded = read_marks(&stored, |id| bank::question(id).is_some());
        for w in &loaded.warnings {
            browser::warn(w);
        }
        if loaded.lossy {
            // Keep the original aside, then store what could be read in the current format: nothing
            // is silently lost, and the next visit reads a clean record.
            browser::save(keys::MARKS_UNREADABLE, &stored);
            browser::save(keys::MARKS, &loaded.marks.to_json());
        }
        state.dispatch(Action::SetMarks(loaded.marks));
    }
}

fn js_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}
