//! The second stage: the sampling labs and the explorers. They are built into a wasm of their own
//! (`src/bin/parts.rs`, feature `parts`, built by `scripts/parts.sh`), which the `<llm-part>` element
//! (`assets/part.js`) fetches when a part is about to be shown, and mounts here. The first stage's wasm
//! never links this module: it renders `components::part_slot::PartSlot`, which only names the part.
//!
//! The two wasm modules share nothing but the DOM: attributes in (`kind`, `card`, `language`, `state`),
//! an `llm-part-change` event with the part's new `state` out (`llm_qa_core::part`).

pub mod explorers;
pub mod lab;

use llm_qa_core::i18n::LangChoice;
use llm_qa_core::lab::LabSettings;
use llm_qa_core::part::{decode_state, encode_state, Kind, Part};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub part: Part,
    pub lang: LangChoice,
    /// The part's URL keys, encoded (`llm_qa_core::part::encode_state`).
    #[prop_or_default]
    pub state: AttrValue,
    /// Hears the part's new `state` after a change.
    #[prop_or_default]
    pub on_change: Callback<String>,
}

/// The lab a card holds, set up to show that card's point; the full lab's defaults elsewhere.
pub fn lab_preset(card: Option<u8>) -> LabSettings {
    match card {
        Some(6) => LabSettings::for_temperature(),
        Some(12) => LabSettings::for_top_k_top_p(),
        _ => LabSettings::default(),
    }
}

/// Whichever part `props.part` names.
#[component]
pub fn PartView(props: &Props) -> Html {
    let id = props.part.id_prefix();
    match props.part.kind {
        Kind::Lab => html! {
            <lab::LocalLab
                id={id}
                lang={props.lang}
                preset={lab_preset(props.part.card)}
                state={props.state.clone()}
                on_settle={props.on_change.clone()}
            />
        },
        Kind::Explorer => {
            let card = props.part.card.unwrap_or_default();
            let on_change = props
                .on_change
                .reform(|pairs: Vec<(String, String)>| encode_state(&pairs));
            explorers::explorer_for(card, props.lang, &decode_state(&props.state), on_change)
                .unwrap_or_default()
        }
    }
}

#[cfg(all(target_arch = "wasm32", feature = "parts"))]
pub use mount::start;

/// Outside the second stage's wasm there is nothing to start.
#[cfg(not(all(target_arch = "wasm32", feature = "parts")))]
pub fn start() {}

#[cfg(all(target_arch = "wasm32", feature = "parts"))]
mod mount {
    use llm_qa_core::i18n::LangChoice;
    use llm_qa_core::part::Part;
    use wasm_bindgen::prelude::*;
    use yew::{AppHandle, AttrValue, Callback};

    use super::{PartView, Props};

    /// One mounted part; `<llm-part>` keeps it while it is on the page.
    #[wasm_bindgen]
    pub struct MountedPart {
        handle: Option<AppHandle<PartView>>,
        part: Part,
        on_change: Callback<String>,
    }

    fn lang_of(lang: Option<String>) -> LangChoice {
        match lang.as_deref().map(LangChoice::parse) {
            Some(Some(l)) => l,
            Some(None) => {
                crate::browser::warn(&format!(
                    "<llm-part>: ignoring language={}: use en, zh or both",
                    llm_qa_core::route::quote_clipped(lang.as_deref().unwrap_or_default(), 24)
                ));
                LangChoice::default()
            }
            None => LangChoice::default(),
        }
    }

    fn props(
        part: Part,
        on_change: &Callback<String>,
        lang: Option<String>,
        state: Option<String>,
    ) -> Props {
        Props {
            part,
            lang: lang_of(lang),
            state: AttrValue::from(state.unwrap_or_default()),
            on_change: on_change.clone(),
        }
    }

    /// Called once by the second stage's `main`: a panic says so on the page. (Calling into this
    /// module is also what links its exports into that wasm.)
    pub fn start() {
        crate::panic::install_hook();
    }

    /// Renders the part named by `kind` and `card` into `root`. `on_change` is called with the part's
    /// new `state` after each change. Attributes that name no part are refused with the reason.
    #[wasm_bindgen]
    pub fn mount_part(
        root: web_sys::Element,
        kind: Option<String>,
        card: Option<String>,
        lang: Option<String>,
        state: Option<String>,
        on_change: js_sys::Function,
    ) -> Result<MountedPart, JsError> {
        let part = Part::parse(kind.as_deref(), card.as_deref()).map_err(|e| JsError::new(&e))?;
        let on_change = Callback::from(move |state: String| {
            let _ = on_change.call1(&JsValue::NULL, &JsValue::from_str(&state));
        });
        let handle = yew::Renderer::<PartView>::with_root_and_props(
            root,
            props(part, &on_change, lang, state),
        )
        .render();
        Ok(MountedPart {
            handle: Some(handle),
            part,
            on_change,
        })
    }

    #[wasm_bindgen]
    impl MountedPart {
        /// `lang` or `state` changed on the element.
        pub fn update(&mut self, lang: Option<String>, state: Option<String>) {
            let props = props(self.part, &self.on_change, lang, state);
            if let Some(h) = self.handle.as_mut() {
                h.update(props);
            }
        }

        /// The element left the page.
        pub fn destroy(&mut self) {
            if let Some(h) = self.handle.take() {
                h.destroy();
            }
        }
    }
}
