//! The root component: owns the state, wires the browser (address bar, storage, keys) to actions,
//! and lays out the page.

use llm_qa_core::bank::{self, QUESTIONS};
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::part::{decode_state, encode_state, Part};
use llm_qa_core::progress::{read_marks, Mark, Verdict};
use llm_qa_core::route::Route;
use llm_qa_core::theme::Theme;
use yew::prelude::*;

use crate::browser::{self, keys};
use crate::components::card_list::CardList;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::part_slot::PartSlot;
use crate::components::quiz::{QuizView, QUIZ_HEADING_ID};
use crate::components::toolbar::{Toolbar, SEARCH_ID};
use crate::search_view::listing;
use crate::state::{Action, State};

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

    use_listeners(&state);

    // The theme goes on <html data-theme> (boot.js put the remembered one there before the first
    // paint); a choice is remembered once made.
    let first_theme = use_mut_ref(|| true);
    use_effect_with(state.theme, move |theme| {
        browser::set_root_attr("data-theme", theme.code());
        if !std::mem::replace(&mut *first_theme.borrow_mut(), false) {
            browser::save(keys::THEME, theme.code());
        }
    });

    // Keep <html lang> in step with what is shown.
    use_effect_with(state.lang, |lang| {
        browser::set_root_attr("lang", lang.ui().tag())
    });

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
        use_memo((query, topic), |(q, t)| listing(q, *t))
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
        let state = state.clone();
        Callback::from(move |l: LangChoice| {
            browser::save(keys::LANG, l.code());
            browser::follow_language_page(l);
            state.dispatch(Action::SetLang(l));
            // A language in the address bar would override the new choice on reload: update it.
            let mut r = current_route();
            if r.lang.is_some() {
                r.lang = Some(l);
                sync_url(&r, false);
            }
        })
    };
    let on_query = {
        let state = state.clone();
        Callback::from(move |q: String| {
            let had_query = !state.query.trim().is_empty();
            let mut r = url_later::pending().unwrap_or_else(location_route);
            r.query = q.clone();
            // Starting a search makes one history entry; refining it replaces that entry. Written
            // once typing pauses: a history write costs more than the search and its render.
            url_later::write(r, !had_query && !q.trim().is_empty());
            state.dispatch(Action::SetQuery(q));
        })
    };
    let on_topic = {
        let state = state.clone();
        Callback::from(move |t: Option<usize>| {
            let mut r = current_route();
            r.topic = t.map(|i| bank::TOPICS[i].id.to_string());
            sync_url(&r, true);
            state.dispatch(Action::SetTopic(t));
        })
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
        let d = state.dispatcher();
        use_callback((), move |(id, pairs): (u8, Vec<(String, String)>), _| {
            // The URL names the card whose explorer it describes: `?at.h=3#q22`. Replacing the entry
            // (not pushing) keeps Back for real navigation and does not scroll.
            let mut r = current_route();
            r.explore = pairs.clone();
            browser::set_url(&r.to_query(), &format!("#q{id}"), false);
            d.dispatch(Action::ExploreChanged(id, pairs))
        })
    };

    // The page lab (a second-stage part) reports a change once it settles, not on every step of a
    // drag: writing history entries is among the slowest things a slider step could do.
    let on_lab = {
        let d = state.dispatcher();
        use_callback((), move |lab: String, _| {
            let mut r = current_route();
            r.lab = decode_state(&lab);
            sync_url(&r, false);
            d.dispatch(Action::SetLab(r.lab));
        })
    };
    let lab_state = use_memo(state.lab.clone(), |lab| AttrValue::from(encode_state(lab)));
    // After the first render (which matches the prerendered HTML), apply what the address bar, the
    // stored choices and the browser's languages say. In a task of its own: hydration is the
    // longest task of a load, and this (with the render it causes) need not make it longer. The page
    // is ready once that is applied and rendered: `data-ready` is set by an effect, which Yew runs
    // only after every render queued by then is done.
    let restored = use_state(|| false);
    use_effect_with(*restored, |&restored| {
        if restored {
            browser::set_root_attr("data-ready", "true");
        }
    });
    {
        let state = state.clone();
        let restored = restored.clone();
        let page_lang = props.hydrating.then_some(props.lang);
        use_effect_with((), move |_| {
            let restore_now = move || {
                restore(&state, page_lang);
                restored.set(true);
            };
            #[cfg(target_arch = "wasm32")]
            gloo_timers::callback::Timeout::new(0, restore_now).forget();
            #[cfg(not(target_arch = "wasm32"))]
            restore_now();
        });
    }

    let ui = state.lang.ui().ui();
    let main = if let Some(quiz) = &state.quiz {
        let d = state.dispatcher();
        let (d1, d2, d3, d4) = (d.clone(), d.clone(), d.clone(), d);
        html! {
            <QuizView
                quiz={quiz.clone()}
                lang={state.lang}
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
                    lang={state.lang}
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
                />
                if list.partial && !visible.is_empty() {
                    <p class="notice">{ui.partial_results}</p>
                }
                if visible.is_empty() {
                    <EmptyState lang={state.lang} on_query={on_query.clone()} />
                }
                <CardList
                    lang={state.lang}
                    listing={list.clone()}
                    visible={visible.clone()}
                    open={state.open.clone()}
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
            <Header lang={state.lang} {on_lang} theme={state.theme} on_theme={{
                let d = state.dispatcher();
                Callback::from(move |t| d.dispatch(Action::SetTheme(t)))
            }} />
            <main id="main" class="main" tabindex="-1" lang={state.lang.ui().tag()}>
                <h1 class="page-title">{ui.tagline}</h1>
                {main}
                <section id="lab" class="lab-section" aria-labelledby="lab-title">
                    <h2 id="lab-title" class="section-title">{ui.lab_title}</h2>
                    <PartSlot part={Part::PAGE_LAB} lang={state.lang} state={(*lab_state).clone()} on_change={on_lab} lazy=true />
                    <crate::components::embed_share::EmbedShare id="lab-embed" lang={state.lang} spec={llm_qa_core::embed::EmbedSpec {
                        view: llm_qa_core::embed::View::Lab,
                        lang: Some(state.lang),
                        ..Default::default()
                    }} />
                </section>
            </main>
            <Footer lang={state.lang} />
            <crate::components::update_prompt::UpdatePrompt lang={state.lang} />
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

/// Reads the URL and storage once, after the first render. `page_lang` is the language of the
/// prerendered page being hydrated: `boot.js` already took the browser's languages into account when
/// it chose that page (and `zh.html` asked for Chinese by its address), so it comes before them.
fn restore(state: &UseReducerHandle<State>, page_lang: Option<LangChoice>) {
    let (search, hash) = browser::location();
    let (route, warnings) = Route::parse(&search, &hash);
    for w in warnings {
        browser::warn(&w);
    }
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
    apply_route(state, &route);

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

fn apply_route(state: &UseReducerHandle<State>, route: &Route) {
    // The lab reads its keys itself (and warns about those it cannot use) when it loads.
    state.dispatch(Action::SetLab(route.lab.clone()));
    state.dispatch(Action::ExploreFromUrl(route.card, route.explore.clone()));
    let topic = route.topic.as_deref().and_then(|id| {
        let found = bank::TOPICS.iter().position(|t| t.id == id);
        if found.is_none() {
            browser::warn(&format!("ignoring topic={id:?}: no such topic"));
        }
        found
    });
    state.dispatch(Action::FromUrl {
        query: route.query.clone(),
        topic,
    });
    if let Some(id) = route.card {
        state.dispatch(Action::JumpTo(id));
    }
}

/// What the address bar says, once a search still waiting to be written there is.
fn current_route() -> Route {
    url_later::flush();
    location_route()
}

fn location_route() -> Route {
    let (search, hash) = browser::location();
    Route::parse(&search, &hash).0
}

/// The search goes to the address bar once typing pauses for `DELAY_MS`, not on every keystroke: a
/// history entry written per keystroke cost more main-thread time than the search and the render of
/// its results together (docs/perf.md). Whatever reads or writes the address bar first writes a
/// search still waiting (`current_route`); Back and Forward drop it (`cancel`).
mod url_later {
    use llm_qa_core::route::Route;

    #[cfg(target_arch = "wasm32")]
    mod imp {
        use super::Route;
        use std::cell::RefCell;

        const DELAY_MS: u32 = 400;

        #[derive(Default)]
        struct Waiting {
            /// The route to write, and whether to push a history entry (a search was started).
            write: Option<(Route, bool)>,
            /// Left in place once it has fired (a timer is not dropped inside its own callback).
            timer: Option<gloo_timers::callback::Timeout>,
        }

        thread_local! {
            static WAITING: RefCell<Waiting> = RefCell::default();
        }

        pub fn write(route: Route, push: bool) {
            WAITING.with(|w| {
                let mut w = w.borrow_mut();
                // A search started within the pause still makes its history entry.
                let push = push || w.write.as_ref().is_some_and(|(_, p)| *p);
                w.write = Some((route, push));
                w.timer = Some(gloo_timers::callback::Timeout::new(DELAY_MS, flush));
            });
        }

        pub fn pending() -> Option<Route> {
            WAITING.with(|w| w.borrow().write.as_ref().map(|(r, _)| r.clone()))
        }

        pub fn flush() {
            if let Some((route, push)) = WAITING.with(|w| w.borrow_mut().write.take()) {
                super::super::sync_url(&route, push);
            }
        }

        pub fn cancel() {
            WAITING.with(|w| w.borrow_mut().write = None);
        }
    }

    /// Natively (tests, the prerenderer) there is no address bar to spare: write at once.
    #[cfg(not(target_arch = "wasm32"))]
    mod imp {
        use super::Route;

        pub fn write(route: Route, push: bool) {
            super::super::sync_url(&route, push);
        }

        pub fn pending() -> Option<Route> {
            None
        }

        pub fn flush() {}

        #[allow(dead_code)]
        pub fn cancel() {}
    }

    pub use imp::*;
}

fn sync_url(route: &Route, push: bool) {
    let (_, hash) = browser::location();
    // A card anchor stays only while it still names a card.
    let hash = if llm_qa_core::route::parse_card_anchor(hash.trim_start_matches('#')).is_some() {
        hash
    } else {
        String::new()
    };
    browser::set_url(&route.to_query(), &hash, push);
}

fn js_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

/// Document-level listeners: Back/Forward, `#q12` links, and the keyboard shortcuts.
#[hook]
fn use_listeners(state: &UseReducerHandle<State>) {
    let quiz_active = use_mut_ref(|| false);
    *quiz_active.borrow_mut() = state.quiz.is_some();
    let handle = state.clone();
    use_effect_with((), move |_| {
        #[cfg(target_arch = "wasm32")]
        let listeners = {
            use gloo_events::{EventListener, EventListenerOptions};
            let window = web_sys::window().expect("a window in the browser");
            let popstate = EventListener::new(&window, "popstate", {
                let handle = handle.clone();
                move |_| {
                    url_later::cancel();
                    apply_route(&handle, &current_route())
                }
            });
            // A search still waiting for the address bar is written before the page is left or
            // hidden (a reload, a closed tab that the browser restores, a bookmark from another tab).
            let leaving = ["pagehide", "visibilitychange"]
                .map(|kind| EventListener::new(&window, kind, |_| url_later::flush()));
            let hashchange = EventListener::new(&window, "hashchange", {
                let d = handle.dispatcher();
                move |_| {
                    let (_, hash) = browser::location();
                    if let Some(id) =
                        llm_qa_core::route::parse_card_anchor(hash.trim_start_matches('#'))
                    {
                        d.dispatch(Action::JumpTo(id));
                    }
                }
            });
            // Not passive: the shortcuts call preventDefault (Space must not also scroll or click).
            let keydown = EventListener::new_with_options(
                &window,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                {
                    let d = handle.dispatcher();
                    let quiz_active = quiz_active.clone();
                    move |e| {
                        use wasm_bindgen::JsCast;
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if e.ctrl_key() || e.meta_key() || e.alt_key() || browser::typing_in_field()
                        {
                            return;
                        }
                        let key = e.key();
                        if *quiz_active.borrow() {
                            let action = match key.as_str() {
                                " " | "Spacebar" => Some(Action::Reveal),
                                "a" | "A" => Some(Action::Rate(Verdict::Again)),
                                "k" | "K" => Some(Action::Rate(Verdict::Known)),
                                "Escape" => Some(Action::EndQuiz),
                                _ => None,
                            };
                            if let Some(a) = action {
                                // Space on a focused button would also click it: handle it once, here.
                                e.prevent_default();
                                let ends = a == Action::EndQuiz;
                                d.dispatch(a);
                                if ends {
                                    browser::focus(SEARCH_ID);
                                }
                            }
                        } else if key == "/" {
                            e.prevent_default();
                            browser::focus(SEARCH_ID);
                        }
                    }
                },
            );
            (popstate, leaving, hashchange, keydown)
        };
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (handle, quiz_active);
        move || {
            #[cfg(target_arch = "wasm32")]
            drop(listeners);
        }
    });
}
