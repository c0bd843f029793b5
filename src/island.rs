//! **Deferred-hydration islands.** A prerendered component that is hydrated later than the page
//! around it, in a task of its own, as a Yew app of its own. All of its code ships with the page and
//! the page is hydrated whole; what an island defers is the *work* of hydrating it, spread over
//! tasks so that no one task holds the main thread long (Lighthouse's total blocking time). These
//! are not Leptos' islands, where code outside the islands never reaches the browser.
//!
//! How: the parent holds the island's prerendered HTML as raw markup (`markup`), which the page's
//! hydration takes without walking; later the component is hydrated in place on that markup
//! (`Live::hydrate`), which keeps the nodes (focus, an answer opened meanwhile), and from then on
//! follows its props (`AppHandle::update`). The cards of the list are islands, one per task
//! (`components::card_list`); the scheduler and the held clicks below serve any component that
//! implements `Island`, through `hooks::use_islands`.
//!
//! # The rules
//!
//! 1. **The first render equals the prerendered HTML.** Yew hydrates by walking the prerendered
//!    nodes and expecting exactly what the component's first render makes. So an island is hydrated
//!    first with the props it was prerendered with and only then given the props of now.
//! 2. **One function gives those props**, for the prerenderer and for the first hydration alike:
//!    `Island::first_props`; for a card, `card::Props::prerendered`. Every prop that shapes markup
//!    (for a card: the language, open, the marks, search hits) is at its prerendered value; the
//!    rest (callbacks, settings that a closed card does not show) comes from now. It names every
//!    prop, so a new one needs a decision there, and a test renders a card both ways and compares
//!    the two byte for byte (`card.rs`).
//! 3. **Prerendered before the page.** `set_prerendered` must have run for every island of a page
//!    in its language before the prerenderer renders that page: `markup` writes what was stored then
//!    (`card_list::set_prerendered_cards`, called by `src/bin/prerender.rs` for each language).
//! 4. **An island says when it listens.** It calls `rendered(host)` from an effect of its first
//!    render (its hydration, which Yew may finish some tasks after `hydrate` was called). Until then
//!    a click on one of its controls is held back (not lost, and not half done: a summary would open
//!    natively, unknown to the app) and given again then; `pointerdown` or `focusin` on it hydrate
//!    it at once, before the click or key arrives.
//! 5. **One per task, changed ones first.** The scheduler hydrates, per task, every waiting island
//!    whose props no longer match its prerendered ones (a search from the address bar, a stored
//!    mark, another language) and the first waiting one, in display order, that still does.

use llm_qa_core::i18n::LangChoice;
use yew::prelude::*;

/// A component that can be an island.
pub trait Island: BaseComponent<Properties: Clone + PartialEq> {
    /// The props the island is prerendered with in `lang` and first hydrated with: what shapes its
    /// markup as it was prerendered, the rest from `now` (rule 2).
    fn first_props(lang: LangChoice, now: &Self::Properties) -> Self::Properties;
}

/// The raw markup standing for an island inside its parent. The server renderer writes the
/// component's own prerendered HTML (given to `set_prerendered`) in a host element with id `host`
/// and class `island`; in the browser the markup is never read (hydration takes the prerendered
/// nodes as they are).
pub fn markup(host: &str) -> Html {
    #[cfg(feature = "ssr")]
    {
        let html = PRERENDERED
            .with(|p| p.borrow().get(host).cloned())
            .unwrap_or_default();
        Html::from_html_unchecked(format!(r#"<div class="island" id="{host}">{html}</div>"#).into())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = host;
        Html::from_html_unchecked(AttrValue::Static(""))
    }
}

#[cfg(feature = "ssr")]
thread_local! {
    static PRERENDERED: std::cell::RefCell<std::collections::HashMap<String, String>> =
        Default::default();
}

/// Prerenders `C` with `props` for the island in `host` (rule 3).
#[cfg(feature = "ssr")]
pub async fn set_prerendered<C>(host: String, props: C::Properties)
where
    C: BaseComponent,
{
    let html = yew::LocalServerRenderer::<C>::with_props(props)
        .hydratable(true)
        .render()
        .await;
    PRERENDERED.with(|p| p.borrow_mut().insert(host, html));
}

/// The island in `host` has rendered: it listens now (rule 4). Clicks held back for it are given
/// again.
pub fn rendered(host: &str) {
    #[cfg(all(target_arch = "wasm32", feature = "hydration"))]
    live::rendered(host);
    #[cfg(not(all(target_arch = "wasm32", feature = "hydration")))]
    let _ = host;
}

#[cfg(all(target_arch = "wasm32", feature = "hydration"))]
pub use live::{Islands, Live};

#[cfg(all(target_arch = "wasm32", feature = "hydration"))]
mod live {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::{Rc, Weak};

    use gloo_timers::callback::Timeout;
    use llm_qa_core::i18n::LangChoice;
    use wasm_bindgen::JsCast;
    use yew::prelude::*;

    use super::Island;

    /// A component hydrated in place as an app of its own, with the props it was last given.
    pub struct Live<C: BaseComponent> {
        handle: yew::AppHandle<C>,
        last: C::Properties,
    }

    impl<C> Live<C>
    where
        C: BaseComponent,
        C::Properties: Clone + PartialEq,
    {
        /// Hydrates `C` into the element `host` with `first` (what its prerendered HTML shows),
        /// then brings it to `now`. Call it outside any render: `hydrate()` then finishes before it
        /// returns.
        pub fn hydrate(host: &str, first: C::Properties, now: C::Properties) -> Option<Self> {
            let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(host))
            else {
                crate::browser::warn(&format!("no prerendered #{host} to hydrate"));
                return None;
            };
            let handle = yew::Renderer::<C>::with_root_and_props(el, first.clone()).hydrate();
            let mut live = Self {
                handle,
                last: first,
            };
            live.follow(now);
            Some(live)
        }

        /// Gives the component `now`, if that is not what it already has.
        pub fn follow(&mut self, now: C::Properties) {
            if self.last != now {
                self.handle.update(now.clone());
                self.last = now;
            }
        }

        pub fn destroy(self) {
            self.handle.destroy();
        }
    }

    /// The islands of one parent (the card list), each named by its host element's id.
    pub struct Islands<C: Island> {
        /// Islands whose hydration has begun.
        live: HashMap<String, Live<C>>,
        /// Islands whose hydration has rendered: their listeners are in place.
        ready: Vec<String>,
        /// Clicks on controls of islands not yet ready, held back to be given again once they are.
        held: Vec<(String, web_sys::HtmlElement)>,
        /// What every island should show now, in display order.
        desired: Vec<(String, C::Properties)>,
        /// The language the page was prerendered in, once hydration has made the parent.
        lang: Option<LangChoice>,
        /// The pending next step of the hydration chain.
        next: Option<Timeout>,
        /// Set to "live" on `<html>` once every island has rendered (tests and the perf harness
        /// wait for it).
        all_live_attr: &'static str,
    }

    /// What `rendered` needs of a parent's islands, whatever their component.
    trait Listening {
        /// Island `host` has rendered: the clicks held for it, or `None` if it is not one of these.
        fn ready(&self, host: &str) -> Option<Vec<web_sys::HtmlElement>>;
    }

    thread_local! {
        /// The islands on the page, for their components to report to (`rendered`).
        static PARENTS: RefCell<Vec<Weak<dyn Listening>>> = const { RefCell::new(Vec::new()) };
    }

    pub fn rendered(host: &str) {
        let parents: Vec<Rc<dyn Listening>> =
            PARENTS.with(|p| p.borrow().iter().filter_map(Weak::upgrade).collect());
        for parent in parents {
            if let Some(clicks) = parent.ready(host) {
                for el in clicks {
                    el.click();
                }
                return;
            }
        }
    }

    impl<C: Island> Listening for RefCell<Islands<C>> {
        fn ready(&self, host: &str) -> Option<Vec<web_sys::HtmlElement>> {
            let mut me = self.borrow_mut();
            if !me.live.contains_key(host) || me.ready.iter().any(|h| h == host) {
                return None;
            }
            me.ready.push(host.to_string());
            if !me.desired.is_empty()
                && me
                    .desired
                    .iter()
                    .all(|(h, _)| me.ready.iter().any(|r| r == h))
            {
                crate::browser::set_root_attr(me.all_live_attr, "live");
            }
            let (now, later) = std::mem::take(&mut me.held)
                .into_iter()
                .partition(|(h, _)| h == host);
            me.held = later;
            Some(now.into_iter().map(|(_, el)| el).collect())
        }
    }

    impl<C: Island> Islands<C> {
        /// The islands of a parent made by hydrating a page prerendered in `lang`; `rendered` hears
        /// from them until `leave`.
        pub fn new(lang: LangChoice, all_live_attr: &'static str) -> Rc<RefCell<Self>> {
            let me = Rc::new(RefCell::new(Islands {
                live: HashMap::new(),
                ready: Vec::new(),
                held: Vec::new(),
                desired: Vec::new(),
                lang: Some(lang),
                next: None,
                all_live_attr,
            }));
            let weak: Weak<dyn Listening> = Rc::downgrade(&me) as Weak<RefCell<Islands<C>>>;
            PARENTS.with(|p| {
                let mut p = p.borrow_mut();
                p.retain(|w| w.strong_count() > 0);
                p.push(weak);
            });
            me
        }

        /// After every render of the parent: hydrated islands follow their props at once; the
        /// others are hydrated by the chain, one per task, or in the next task if they must change.
        pub fn want(this: &Rc<RefCell<Self>>, desired: Vec<(String, C::Properties)>) {
            {
                let mut me = this.borrow_mut();
                let Islands { live, .. } = &mut *me;
                for (host, now) in &desired {
                    if let Some(live) = live.get_mut(host) {
                        live.follow(now.clone());
                    }
                }
                me.desired = desired;
            }
            Self::schedule(this);
        }

        /// The parent goes (a quiz starts): so do its island apps and the chain.
        pub fn leave(this: &Rc<RefCell<Self>>) {
            let mut me = this.borrow_mut();
            me.next = None;
            me.lang = None;
            me.desired.clear();
            me.ready.clear();
            me.held.clear();
            for (_, live) in me.live.drain() {
                live.destroy();
            }
        }

        /// A pointer went down or focus came into the parent: an island about to be used is
        /// hydrated at once, before its click or key arrives.
        pub fn soon(this: &Rc<RefCell<Self>>, e: &Event) {
            if let Some((host, _)) = island_of(e) {
                Self::hydrate_now(this, &host);
            }
        }

        /// A click in the parent (capture phase): one on a control of an island that does not
        /// listen yet is held back and given again once it does (rule 4).
        pub fn click(this: &Rc<RefCell<Self>>, e: &Event) {
            let Some((host, target)) = island_of(e) else {
                return;
            };
            if this.borrow().ready.contains(&host) {
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
                this.borrow_mut().held.push((host.clone(), control));
                Self::hydrate_now(this, &host);
            }
        }

        /// One task of the chain: hydrates every waiting island that no longer matches its
        /// prerendered HTML, and the first waiting one that still does; then queues the next task
        /// if any wait.
        fn step(this: Rc<RefCell<Self>>) {
            this.borrow_mut().next = None;
            let mut took_one = false;
            Self::hydrate_where(&this, |_, matches| {
                let take = !matches || !took_one;
                took_one |= take && matches;
                take
            });
            Self::schedule(&this);
        }

        /// Hydrates island `host` now if it is still waiting: someone is about to use it.
        fn hydrate_now(this: &Rc<RefCell<Self>>, host: &str) {
            Self::hydrate_where(this, |h, _| h == host);
        }

        /// Hydrates the waiting islands `pick` chooses, in display order; `pick` is given each
        /// waiting island's host and whether it still matches its prerendered HTML.
        fn hydrate_where(this: &Rc<RefCell<Self>>, mut pick: impl FnMut(&str, bool) -> bool) {
            let batch = {
                let me = this.borrow();
                let Some(lang) = me.lang else { return };
                let mut batch = Vec::new();
                for (host, now) in &me.desired {
                    if me.live.contains_key(host) {
                        continue;
                    }
                    let first = C::first_props(lang, now);
                    if pick(host, *now == first) {
                        batch.push((host.clone(), first, now.clone()));
                    }
                }
                batch
            };
            // No borrow is held while an island hydrates: its render may dispatch to the app,
            // whose parent then re-renders and comes back here.
            for (host, first, now) in batch {
                if let Some(live) = Live::hydrate(&host, first, now) {
                    this.borrow_mut().live.insert(host, live);
                }
            }
        }

        fn schedule(this: &Rc<RefCell<Self>>) {
            let mut me = this.borrow_mut();
            let waiting = me.desired.iter().any(|(h, _)| !me.live.contains_key(h));
            if waiting && me.next.is_none() && me.lang.is_some() {
                let again = this.clone();
                me.next = Some(Timeout::new(0, move || Self::step(again)));
            }
        }
    }

    /// The island an event happened in, if any, with the element it happened on.
    fn island_of(e: &Event) -> Option<(String, web_sys::Element)> {
        let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        let host = target.closest(".island").ok().flatten()?;
        Some((host.id(), target))
    }
}
