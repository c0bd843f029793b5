//! Where a second-stage part (a lab, an explorer) goes. The first stage knows only the part's name
//! and its URL keys: it renders an `<llm-part>` element, which fetches the second stage's wasm and
//! mounts the part inside itself (`assets/part.js`, `crate::parts`), and hears its changes.
//!
//! The first render shows a plain placeholder instead of the element: that is the render a prerendered
//! page is hydrated with, and Yew's hydration must find an element's children exactly as it rendered
//! them, while `<llm-part>` fills its own. From the second render on the element is there, with the
//! same placeholder text inside until the part has loaded (or a Retry if it could not be).

use llm_qa_core::i18n::LangChoice;
use llm_qa_core::part::{Kind, Part};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub part: Part,
    pub lang: LangChoice,
    /// The part's URL keys (`llm_qa_core::part::encode_state`).
    #[prop_or_default]
    pub state: AttrValue,
    /// Hears the part's new `state` after each change it makes.
    #[prop_or_default]
    pub on_change: Option<Callback<String>>,
    /// Load only once the part comes near the viewport (the page's lab, far down the page), rather
    /// than as soon as it is put on the page (a part in a card just opened).
    #[prop_or_default]
    pub lazy: bool,
}

/// The event `<llm-part>` sends with its new state (`assets/part.js`).
pub const CHANGE_EVENT: &str = "llm-part-change";

#[component]
pub fn PartSlot(props: &Props) -> Html {
    let ui = props.lang.ui().ui();
    let live = use_state(|| false);
    {
        let live = live.clone();
        use_effect_with((), move |_| live.set(true));
    }
    let host = use_node_ref();
    {
        let host = host.clone();
        use_effect_with(
            (*live, props.on_change.clone()),
            move |(live, on_change)| {
                let listener = listen(*live, &host, on_change.clone());
                move || drop(listener)
            },
        );
    }
    let kind = props.part.kind_attr();
    let loading = match props.part.kind {
        Kind::Lab => ui.part_loading_lab,
        Kind::Explorer => ui.part_loading_explorer,
    };
    if !*live {
        return html! {
            <div class="part" data-kind={kind}>
                <p class="part__status">{loading}</p>
            </div>
        };
    }
    html! {
        <llm-part
            ref={host}
            class="part"
            data-kind={kind}
            kind={kind}
            card={props.part.card.map(|c| AttrValue::from(c.to_string()))}
            language={props.lang.code()}
            state={props.state.clone()}
            data-loading={loading}
            data-failed={ui.part_failed}
            data-retry={ui.part_retry}
            loading={props.lazy.then_some("lazy")}
        />
    }
}

/// Hears the element's change events while it is on the page (natively, in tests and the prerenderer,
/// there are none).
fn listen(
    live: bool,
    host: &NodeRef,
    on_change: Option<Callback<String>>,
) -> Option<gloo_events::EventListener> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    use wasm_bindgen::JsCast;
    let (el, on_change) = (host.cast::<web_sys::Element>()?, on_change?);
    live.then(|| {
        gloo_events::EventListener::new(&el, CHANGE_EVENT, move |e| {
            let state = e
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| e.detail().as_string());
            if let Some(state) = state {
                on_change.emit(state);
            }
        })
    })
}
