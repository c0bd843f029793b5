//! The list of question cards. Every card stays in the document: the ones the search, topic and
//! study filter leave out are hidden, not removed, so a keystroke changes attributes and order
//! instead of building and tearing down whole answers. It is its own component so that a change
//! elsewhere on the page (a lab slider, the toolbar) does not touch the list at all.
//!
//! **Islands.** On a prerendered page the cards are most of what hydration would walk, in one long
//! task that holds the phone's main thread (Lighthouse's total blocking time). So the list hydrates
//! them later, one card per task: at first each card is only its prerendered HTML, owned by the list
//! as raw markup (cheap to hydrate: Yew just takes the nodes), and each is then hydrated in place as
//! an app of its own (`yew::Renderer::hydrate` on the card's host element), which keeps the nodes
//! (focus, an answer opened in the meantime) and from then on follows the list's props through
//! `AppHandle::update`. A card whose props change before its turn (a stored mark, a search from the
//! address bar, another language) is hydrated at once. Without prerendered HTML (development
//! builds, the tests' own renders, the list rebuilt after a quiz) the cards are plain children.

use std::collections::BTreeSet;
use std::rc::Rc;

use llm_qa_core::bank::{self, Question};
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::progress::{Mark, Marks};
use yew::prelude::*;

use super::card::ExploreChange;
use super::card::{Card, Props as CardProps};
use crate::search_view::Listing;
use crate::state::{display_order, ExploreUrl};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: LangChoice,
    /// What the search found: highlights per card.
    pub listing: Rc<Listing>,
    /// The cards to show, in order; every other card is hidden after them.
    pub visible: Rc<Vec<u8>>,
    pub open: BTreeSet<u8>,
    pub marks: Marks,
    pub explore: Rc<ExploreUrl>,
    pub on_open: Callback<(u8, bool)>,
    pub on_mark: Callback<(u8, Mark)>,
    pub on_explore: Callback<ExploreChange>,
    /// The list is being hydrated from prerendered HTML in `islands_lang`: hydrate the cards as
    /// islands (see the module's notes). Read once, when the list is created.
    #[prop_or_default]
    pub islands_lang: Option<LangChoice>,
}

/// The id of the element each island card is hydrated into.
pub fn host_id(id: u8) -> String {
    format!("q{id}-host")
}

/// What card `q` is given, in the list as it stands.
fn card_props(props: &Props, q: &'static Question, listed: bool) -> CardProps {
    CardProps {
        question: q,
        lang: props.lang,
        open: props.open.contains(&q.id),
        known: props.marks.has(q.id, Mark::Known),
        starred: props.marks.has(q.id, Mark::Starred),
        hits: listed
            .then(|| props.listing.hits.get(&q.id).cloned())
            .flatten(),
        on_open: props.on_open.clone(),
        on_mark: props.on_mark.clone(),
        explore: props.explore.for_card(q.id).then(|| props.explore.clone()),
        explore_generation: props.explore.generation,
        in_app: true,
        on_explore: Some(props.on_explore.clone()),
    }
}

/// What card `q` is prerendered with: the page's language and nothing else.
#[cfg(feature = "ssr")]
fn prerendered_props(
    q: &'static Question,
    lang: LangChoice,
    on_open: Callback<(u8, bool)>,
    on_mark: Callback<(u8, Mark)>,
    on_explore: Option<Callback<ExploreChange>>,
) -> CardProps {
    CardProps {
        question: q,
        lang,
        open: false,
        known: false,
        starred: false,
        hits: None,
        on_open,
        on_mark,
        explore: None,
        explore_generation: 0,
        in_app: true,
        on_explore,
    }
}

#[component]
pub fn CardList(props: &Props) -> Html {
    let ui = props.lang.ui().ui();
    let order = use_memo(props.visible.clone(), |v| display_order(v));
    let shown = props.visible.len();
    // Fixed for the life of the list: islands only when created by hydration.
    let islands = *use_state(|| props.islands_lang);
    let cards: Vec<(bool, &'static Question)> = order
        .iter()
        .enumerate()
        .filter_map(|(at, &id)| bank::question(id).map(|q| (at < shown, q)))
        .collect();

    let list = use_node_ref();
    island::use_islands(islands, props, &cards, list.clone());

    html! {
        <ol class="cards" aria-label={ui.question_label} ref={list}>
            {for cards.iter().map(|&(listed, q)| html! {
                <li key={q.id} hidden={!listed}>
                    if islands.is_some() {
                        {super::island::markup(&host_id(q.id))}
                    } else {
                        <Card ..card_props(props, q, listed) />
                    }
                </li>
            })}
        </ol>
    }
}

/// Prerenders every card for `lang`, for the list's islands to embed: the prerender binary calls
/// this before it renders the app in that language.
#[cfg(feature = "ssr")]
pub async fn set_prerendered_cards(lang: LangChoice) {
    for q in bank::QUESTIONS {
        let props = prerendered_props(q, lang, Callback::noop(), Callback::noop(), None);
        super::island::set_prerendered::<Card>(host_id(q.id), props).await;
    }
}

/// Native builds (the prerenderer, tests) and builds without hydration never hydrate.
#[cfg(not(all(target_arch = "wasm32", feature = "hydration")))]
mod island {
    use super::{LangChoice, Props, Question};
    use yew::prelude::*;

    #[hook]
    pub fn use_islands(
        _lang: Option<LangChoice>,
        _props: &Props,
        _cards: &[(bool, &'static Question)],
        _list: NodeRef,
    ) {
    }
}

/// Card `id` has rendered in the browser: see the hydrating builds' `island::rendered`.
pub fn card_rendered(id: u8) {
    #[cfg(all(target_arch = "wasm32", feature = "hydration"))]
    island::rendered(id);
    #[cfg(not(all(target_arch = "wasm32", feature = "hydration")))]
    let _ = id;
}

#[cfg(all(target_arch = "wasm32", feature = "hydration"))]
mod island {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::{Rc, Weak};

    use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
    use gloo_timers::callback::Timeout;
    use llm_qa_core::bank::Question;
    use llm_qa_core::i18n::LangChoice;
    use wasm_bindgen::JsCast;
    use yew::prelude::*;

    use super::{card_props, host_id, Card, CardProps, Props};
    use crate::components::island::Live;

    #[derive(Default)]
    struct Islands {
        /// Cards whose hydration has begun.
        live: HashMap<u8, Live<Card>>,
        /// Cards whose hydration has rendered: their listeners are in place.
        ready: Vec<u8>,
        /// Clicks on controls of cards not yet ready, held back to be given again once they are.
        held: Vec<(u8, web_sys::HtmlElement)>,
        /// What every card should show now, in display order.
        desired: Vec<(u8, CardProps)>,
        lang: Option<LangChoice>,
        /// The pending next step of the hydration chain.
        next: Option<Timeout>,
    }

    /// The props card `q` is hydrated with: what shapes its prerendered HTML (the page's language,
    /// closed, unmarked, no search hits) and the rest as it is now (callbacks, explorer settings,
    /// which a closed card does not show).
    fn first_props(lang: LangChoice, now: &CardProps) -> CardProps {
        CardProps {
            lang,
            open: false,
            known: false,
            starred: false,
            hits: None,
            ..now.clone()
        }
    }

    /// One task of the chain: hydrates every waiting card that no longer matches its prerendered
    /// HTML, and the first waiting one that still does; then queues the next task if any wait.
    fn step(islands: Rc<RefCell<Islands>>) {
        islands.borrow_mut().next = None;
        let mut took_one = false;
        hydrate_where(&islands, |_, matches| {
            let take = !matches || !took_one;
            took_one |= take && matches;
            take
        });
        schedule(&islands);
    }

    /// Hydrates card `id` now if it is still waiting: someone is about to use it.
    fn hydrate_card(islands: &Rc<RefCell<Islands>>, id: u8) {
        hydrate_where(islands, |card, _| card == id);
    }

    /// Hydrates the waiting cards `pick` chooses, in display order; `pick` is given each waiting
    /// card's id and whether the card still matches its prerendered HTML.
    fn hydrate_where(islands: &Rc<RefCell<Islands>>, mut pick: impl FnMut(u8, bool) -> bool) {
        let batch = {
            let me = islands.borrow();
            let Some(lang) = me.lang else { return };
            let mut batch = Vec::new();
            for (id, now) in &me.desired {
                if me.live.contains_key(id) {
                    continue;
                }
                let first = first_props(lang, now);
                if pick(*id, *now == first) {
                    batch.push((*id, first, now.clone()));
                }
            }
            batch
        };
        // No borrow is held while a card hydrates: its render may dispatch to the app, whose list
        // then re-renders and comes back here.
        for (id, first, now) in batch {
            if let Some(live) = Live::hydrate(&host_id(id), first, now) {
                islands.borrow_mut().live.insert(id, live);
            }
        }
    }

    fn schedule(islands: &Rc<RefCell<Islands>>) {
        let mut me = islands.borrow_mut();
        let waiting = me.desired.iter().any(|(id, _)| !me.live.contains_key(id));
        if waiting && me.next.is_none() {
            let again = islands.clone();
            me.next = Some(Timeout::new(0, move || step(again)));
        }
    }

    thread_local! {
        /// The islands of the list on the page, for its cards to report to (`rendered`).
        static CURRENT: RefCell<Weak<RefCell<Islands>>> = const { RefCell::new(Weak::new()) };
    }

    /// Card `id` has rendered (each card reports its first render). For an island that render is its
    /// hydration, which Yew's scheduler may run some tasks after `hydrate` was called (it yields to
    /// the browser during long work): a click that came in between was held back, and is given
    /// again now that the card listens.
    pub fn rendered(id: u8) {
        let Some(islands) = CURRENT.with(|c| c.borrow().upgrade()) else {
            return;
        };
        let clicks: Vec<web_sys::HtmlElement> = {
            let mut me = islands.borrow_mut();
            if !me.live.contains_key(&id) || me.ready.contains(&id) {
                return;
            }
            me.ready.push(id);
            if !me.desired.is_empty() && me.desired.iter().all(|(id, _)| me.ready.contains(id)) {
                // Every card is hydrated (tests and the perf harness wait for this).
                crate::browser::set_root_attr("data-cards", "live");
            }
            let (now, later) = std::mem::take(&mut me.held)
                .into_iter()
                .partition(|(card, _)| *card == id);
            me.held = later;
            now.into_iter().map(|(_, el)| el).collect()
        };
        for el in clicks {
            el.click();
        }
    }

    /// The island card an event happened in, if any, with the element it happened on.
    fn card_of(e: &Event) -> Option<(u8, web_sys::Element)> {
        let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        let host = target.closest(".island").ok().flatten()?;
        let id = host
            .id()
            .strip_prefix('q')?
            .strip_suffix("-host")?
            .parse::<u8>()
            .ok()?;
        Some((id, target))
    }

    #[hook]
    pub fn use_islands(
        lang: Option<LangChoice>,
        props: &Props,
        cards: &[(bool, &'static Question)],
        list: NodeRef,
    ) {
        let islands = use_mut_ref(Islands::default);
        let desired: Vec<(u8, CardProps)> = cards
            .iter()
            .map(|&(listed, q)| (q.id, card_props(props, q, listed)))
            .collect();
        {
            let islands = islands.clone();
            // After every render of the list: hydrated cards follow their props at once; the others
            // are hydrated by the chain, one per task, or in the next task if they must change.
            use_effect(move || {
                if lang.is_some() {
                    {
                        let mut me = islands.borrow_mut();
                        me.lang = lang;
                        let Islands { live, .. } = &mut *me;
                        for (id, now) in &desired {
                            if let Some(live) = live.get_mut(id) {
                                live.follow(now.clone());
                            }
                        }
                        me.desired = desired;
                    }
                    schedule(&islands);
                }
                || ()
            });
        }
        // The list goes (a quiz starts): so do its card apps and the chain. Until then, a card that
        // is about to be used (pressed, touched or reached by keyboard) is hydrated at once, before
        // its click or key arrives.
        use_effect_with((), move |_| {
            CURRENT.with(|c| *c.borrow_mut() = Rc::downgrade(&islands));
            let listeners = list.get().map(|list| {
                let soon = ["pointerdown", "focusin"].map(|kind| {
                    let islands = islands.clone();
                    EventListener::new_with_options(
                        &list,
                        kind,
                        EventListenerOptions::run_in_capture_phase(),
                        move |e| {
                            if let Some((id, _)) = card_of(e) {
                                hydrate_card(&islands, id);
                            }
                        },
                    )
                });
                // A click on a control of a card that does not listen yet is held back (not lost,
                // and not half done: a summary would open natively, unknown to the app) and given
                // again once the card has rendered.
                let islands = islands.clone();
                let click = EventListener::new_with_options(
                    &list,
                    "click",
                    EventListenerOptions {
                        phase: EventListenerPhase::Capture,
                        passive: false,
                    },
                    move |e| {
                        let Some((id, target)) = card_of(e) else {
                            return;
                        };
                        if islands.borrow().ready.contains(&id) {
                            return;
                        }
                        let control = target
                            .closest("summary, button, a[href], input, label")
                            .ok()
                            .flatten()
                            .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok());
                        if let Some(control) = control {
                            e.prevent_default();
                            e.stop_propagation();
                            islands.borrow_mut().held.push((id, control));
                            hydrate_card(&islands, id);
                        }
                    },
                );
                (soon, click)
            });
            move || {
                drop(listeners);
                CURRENT.with(|c| *c.borrow_mut() = Weak::new());
                let mut me = islands.borrow_mut();
                me.next = None;
                me.desired.clear();
                me.ready.clear();
                me.held.clear();
                for (_, live) in me.live.drain() {
                    live.destroy();
                }
            }
        });
    }
}
