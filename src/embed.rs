//! The wasm side of `<llm-interview-cards>`: `embed.js` defines the element, gives each one a shadow
//! root with our stylesheet and a container, and calls `mount_embed` with its attributes. Attribute
//! values are read by `llm_qa_core::embed` as data; what cannot be read is ignored with a warning.

use llm_qa_core::embed::{EmbedSpec, ELEMENT};
use llm_qa_core::i18n::LangChoice;
use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::browser;
use crate::components::embed_view::{EmbedApp, Props};

/// One mounted widget; `embed.js` keeps it per element.
#[wasm_bindgen]
pub struct Embed {
    handle: Option<AppHandle<EmbedApp>>,
    app_base: String,
}

fn props(
    app_base: &str,
    questions: Option<String>,
    lang: Option<String>,
    view: Option<String>,
    theme: Option<String>,
) -> Props {
    let (spec, warnings) = EmbedSpec::from_attrs(
        questions.as_deref(),
        lang.as_deref(),
        view.as_deref(),
        theme.as_deref(),
    );
    for w in warnings {
        browser::warn(&format!("<{ELEMENT}>: {w}"));
    }
    let lang = spec.lang.unwrap_or_else(|| {
        let prefs = browser::preferred_languages();
        LangChoice::from_preferred(prefs.iter().map(String::as_str))
    });
    Props {
        app_url: format!("{app_base}{}", spec_app_query(&spec)).into(),
        spec,
        lang,
    }
}

/// The full app's query for what the widget shows: its language and, for one card, that card.
fn spec_app_query(spec: &EmbedSpec) -> String {
    let lang = spec
        .lang
        .map(|l| format!("?lang={}", l.code()))
        .unwrap_or_default();
    match spec.questions.as_slice() {
        [one] => format!("{lang}#q{one}"),
        _ => lang,
    }
}

/// Renders a widget into `root` (an element inside the custom element's shadow root). `app_base` is
/// the app's folder URL, from the address `embed.js` was loaded from. Absent attributes are
/// `undefined`.
#[wasm_bindgen]
pub fn mount_embed(
    root: web_sys::Element,
    app_base: String,
    questions: Option<String>,
    lang: Option<String>,
    view: Option<String>,
    theme: Option<String>,
) -> Embed {
    // Only a web address: the link under the widget must never become a `javascript:` URL.
    let app_base = if app_base.starts_with("https://") || app_base.starts_with("http://") {
        app_base
    } else {
        String::new()
    };
    let props = props(&app_base, questions, lang, view, theme);
    let handle = yew::Renderer::<EmbedApp>::with_root_and_props(root, props).render();
    Embed {
        handle: Some(handle),
        app_base,
    }
}

#[wasm_bindgen]
impl Embed {
    /// An attribute changed: re-render with the new values (state the view keeps, such as open
    /// cards, stays where it still applies).
    pub fn update(
        &mut self,
        questions: Option<String>,
        lang: Option<String>,
        view: Option<String>,
        theme: Option<String>,
    ) {
        if let Some(h) = self.handle.as_mut() {
            h.update(props(&self.app_base, questions, lang, view, theme));
        }
    }

    /// The element left the page.
    pub fn destroy(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
    }
}
