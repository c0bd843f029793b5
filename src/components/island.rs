//! One component hydrated later than the page around it: the parent holds its prerendered HTML as
//! raw markup, which hydration takes without walking, and the component is hydrated in place as an
//! app of its own in a later task, then follows its props through `AppHandle::update`. The card list
//! does this for its fifty cards, one per task (`card_list.rs`).

use yew::prelude::*;

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

/// Prerenders `C` with `props` for the island in `host`: the prerender binary calls this before it
/// renders the page (in one language) that holds the island.
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

/// A component hydrated in place as an app of its own, with the props it was last given.
#[cfg(all(target_arch = "wasm32", feature = "hydration"))]
pub struct Live<C: BaseComponent> {
    handle: yew::AppHandle<C>,
    last: C::Properties,
}

#[cfg(all(target_arch = "wasm32", feature = "hydration"))]
impl<C> Live<C>
where
    C: BaseComponent,
    C::Properties: Clone + PartialEq,
{
    /// Hydrates `C` into the element `host` with `first` (what its prerendered HTML shows), then
    /// brings it to `now`. Call it outside any render: `hydrate()` then finishes before it returns.
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
