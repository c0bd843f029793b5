//! The address bar's one owner: it reads the URL, restores the app from it and writes it. `App` and
//! the document listeners call the `AddressBar` handle, whose methods are named for what the reader
//! did and bundle the state change with the URL write; nothing else touches `history` or decides
//! between a new history entry and replacing the current one.
//!
//! | the reader…                                   | history        | when                          |
//! |------------------------------------------------|----------------|-------------------------------|
//! | starts a search (empty box → text)             | push           | waits until typing pauses     |
//! | refines or clears the search                   | replace        | waits until typing pauses     |
//! | picks a topic chip                             | push           | at once                       |
//! | picks a language: the path becomes its page's  | replace        | at once                       |
//! | (`./` or `zh.html`), and `?lang=` if there     |                |                               |
//! | changes an explorer (the hash becomes `#qN`)   | replace        | at once                       |
//! | lets the page lab's settings settle            | replace        | at once                       |
//! | goes Back or Forward                           | (the browser)  | drops a waiting search        |
//! | hides or leaves the page                       | (as it waited) | writes a waiting search now   |
//!
//! A write "at once" first writes a search still waiting, so that the search's entry comes before
//! the new one. Reading (`read_on_load`, and the reads inside each write) never writes. A write keeps
//! the keys it does not own (the lab's, the explorers', the language) and a hash that names a card.
//!
//! Why the search waits: a history entry written per keystroke cost more main-thread time than the
//! search and the render of its results together (`docs/perf.md`).
//!
//! Adding a setting carried by the URL: its field in `llm_qa_core::route::Route` (`parse`,
//! `to_query`), and here a method that sets it (a row of the table) and a line in `apply`.

use llm_qa_core::bank;
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::part::decode_state;
use llm_qa_core::route::{parse_card_anchor, Route};
use yew::UseReducerDispatcher;

use crate::browser;
use crate::state::{Action, State};

/// The handle `App` wires to the address bar. Cheap to clone; every clone is the same handle.
#[derive(Clone)]
pub struct AddressBar {
    dispatch: UseReducerDispatcher<State>,
}

impl AddressBar {
    pub fn new(dispatch: UseReducerDispatcher<State>) -> Self {
        AddressBar { dispatch }
    }

    /// What the address bar says when the page loads, with a warning for each thing in it that
    /// cannot be used. The caller weighs its language against the stored one, then calls `apply`.
    pub fn read_on_load(&self) -> Route {
        let (search, hash) = browser::location();
        let (route, warnings) = Route::parse(&search, &hash);
        for w in warnings {
            browser::warn(&w);
        }
        route
    }

    /// The app follows `route` (on load, and on Back/Forward): the lab's and the explorers' keys,
    /// the search and topic, and the card its hash names.
    pub fn apply(&self, route: &Route) {
        let d = &self.dispatch;
        // The lab reads its keys itself (and warns about those it cannot use) when it loads.
        d.dispatch(Action::SetLab(route.lab.clone()));
        d.dispatch(Action::ExploreFromUrl(route.card, route.explore.clone()));
        let topic = route.topic.as_deref().and_then(|id| {
            let found = bank::TOPICS.iter().position(|t| t.id == id);
            if found.is_none() {
                browser::warn(&format!("ignoring topic={id:?}: no such topic"));
            }
            found
        });
        d.dispatch(Action::FromUrl {
            query: route.query.clone(),
            topic,
        });
        if let Some(id) = route.card {
            d.dispatch(Action::JumpTo(id));
        }
    }

    /// Back or Forward: a search still waiting is dropped (its entry is no longer the current one),
    /// and the app follows the address bar.
    pub fn back_or_forward(&self) {
        waiting::cancel();
        self.apply(&location_route());
    }

    /// The hash changed (a `#q12` link): the card it names is opened and scrolled to.
    pub fn hash_changed(&self) {
        let (_, hash) = browser::location();
        if let Some(id) = parse_card_anchor(hash.trim_start_matches('#')) {
            self.dispatch.dispatch(Action::JumpTo(id));
        }
    }

    /// The page is hidden or left (a reload, a closed tab the browser may restore, a bookmark made
    /// from another tab): a search still waiting is written now.
    pub fn page_hidden(&self) {
        waiting::flush();
    }

    /// The search box now says `query`; it said `before`. Starting a search pushes one history
    /// entry, refining it replaces that entry; both wait until typing pauses.
    pub fn set_query(&self, before: &str, query: String) {
        let started = before.trim().is_empty() && !query.trim().is_empty();
        let mut r = waiting::pending().unwrap_or_else(location_route);
        r.query = query.clone();
        waiting::write(r, started);
        self.dispatch.dispatch(Action::SetQuery(query));
    }

    /// A topic chip (an index into `bank::TOPICS`), or none: a new history entry.
    pub fn set_topic(&self, topic: Option<usize>) {
        let mut r = route_after_waiting();
        r.topic = topic.map(|i| bank::TOPICS[i].id.to_string());
        write(&r, true);
        self.dispatch.dispatch(Action::SetTopic(topic));
    }

    /// The reader chose a language. The address becomes that of the language's prerendered page,
    /// so that a reload opens it directly (`browser::follow_language_page`). A language in the
    /// address bar would override the choice on reload, so one that is there is replaced; one that
    /// is not is not added.
    pub fn set_lang(&self, lang: LangChoice) {
        self.dispatch.dispatch(Action::SetLang(lang));
        browser::follow_language_page(lang);
        let mut r = route_after_waiting();
        if r.lang.is_some() {
            r.lang = Some(lang);
            write(&r, false);
        }
    }

    /// Card `id`'s explorer changed its settings (its URL keys, `pairs`). The URL names the card
    /// whose explorer it describes (`?at.h=3#q22`); replacing the entry keeps Back for real
    /// navigation and does not scroll.
    pub fn set_explore(&self, id: u8, pairs: Vec<(String, String)>) {
        let mut r = route_after_waiting();
        r.explore = pairs.clone();
        browser::set_url(&r.to_query(), &format!("#q{id}"), false);
        self.dispatch.dispatch(Action::ExploreChanged(id, pairs));
    }

    /// The page lab's settings settled (its `state`, `llm_qa_core::part`): the lab reports a change
    /// once a drag ends, not on every step, since a history write is among the slowest things a
    /// slider step could do.
    pub fn set_lab(&self, state: &str) {
        let mut r = route_after_waiting();
        r.lab = decode_state(state);
        write(&r, false);
        self.dispatch.dispatch(Action::SetLab(r.lab));
    }
}

/// What the address bar says now. A search still waiting is not in it yet.
fn location_route() -> Route {
    let (search, hash) = browser::location();
    Route::parse(&search, &hash).0
}

/// The address bar, once a search still waiting has been written to it (with its own history
/// entry): what a write at once starts from.
fn route_after_waiting() -> Route {
    waiting::flush();
    location_route()
}

/// Puts `route` in the address bar: a new history entry when `push`. A hash stays only while it
/// still names a card.
fn write(route: &Route, push: bool) {
    let (_, hash) = browser::location();
    let hash = if parse_card_anchor(hash.trim_start_matches('#')).is_some() {
        hash
    } else {
        String::new()
    };
    browser::set_url(&route.to_query(), &hash, push);
}

/// The search's write, waiting for typing to pause.
mod waiting {
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
                super::super::write(&route, push);
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
            super::super::write(&route, push);
        }

        pub fn pending() -> Option<Route> {
            None
        }

        pub fn flush() {}

        pub fn cancel() {}
    }

    pub use imp::*;
}
