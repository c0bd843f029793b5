//! The app's only door to the browser: storage, the address bar, the document. Every call tolerates a
//! missing window (server-side rendering, tests) and a throwing API (storage disabled, quota full) by
//! doing nothing. Components call these from callbacks and effects, never while rendering.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsCast;

    pub fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    pub fn document() -> Option<web_sys::Document> {
        window()?.document()
    }

    fn storage() -> Option<web_sys::Storage> {
        window()?.local_storage().ok().flatten()
    }

    pub fn load(key: &str) -> Option<String> {
        storage()?.get_item(key).ok().flatten()
    }

    pub fn save(key: &str, value: &str) {
        if let Some(s) = storage() {
            if s.set_item(key, value).is_err() {
                warn(&format!("could not save {key} (storage full or disabled)"));
            }
        }
    }

    pub fn warn(msg: &str) {
        web_sys::console::warn_1(&format!("llm-qa: {msg}").into());
    }

    pub fn location() -> (String, String) {
        window()
            .map(|w| {
                let l = w.location();
                (l.search().unwrap_or_default(), l.hash().unwrap_or_default())
            })
            .unwrap_or_default()
    }

    pub fn preferred_languages() -> Vec<String> {
        window()
            .map(|w| {
                w.navigator()
                    .languages()
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Puts `query` (`?…` or "") and `hash` in the address bar: a new history entry when `push`.
    pub fn set_url(query: &str, hash: &str, push: bool) {
        let Some(w) = window() else { return };
        let Ok(history) = w.history() else { return };
        let path = w.location().pathname().unwrap_or_default();
        let url = format!("{path}{query}{hash}");
        let current = format!(
            "{path}{}{}",
            w.location().search().unwrap_or_default(),
            w.location().hash().unwrap_or_default()
        );
        if url == current {
            return;
        }
        let r = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
        if r.is_err() {
            warn("could not update the address bar");
        }
    }

    /// After the reader picks a language, makes the address that of its prerendered page (`zh.html`
    /// for Chinese, the folder for English; "both" stays), with the same query and fragment, so that
    /// a reload or a bookmark opens that page directly instead of being redirected by `boot.js`.
    /// Replaces the history entry: the language is a setting, not a place. Pages without
    /// `<html data-page>` (embeds, the dev server's unrendered page) are left alone.
    pub fn follow_language_page(lang: llm_qa_core::i18n::LangChoice) {
        use llm_qa_core::i18n::LangChoice;
        let (Some(w), Some(root)) = (window(), document().and_then(|d| d.document_element()))
        else {
            return;
        };
        let Some(page) = root.get_attribute("data-page") else {
            return;
        };
        let (wanted, file) = match lang {
            LangChoice::En => ("en", ""),
            LangChoice::Zh => ("zh", "zh.html"),
            LangChoice::Both => return,
        };
        if page == wanted {
            return;
        }
        let loc = w.location();
        let path = loc.pathname().unwrap_or_default();
        let folder = path.rfind('/').map_or("/", |i| &path[..=i]);
        let url = format!(
            "{folder}{file}{}{}",
            loc.search().unwrap_or_default(),
            loc.hash().unwrap_or_default()
        );
        let Ok(history) = w.history() else { return };
        if history
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            .is_ok()
        {
            let _ = root.set_attribute("data-page", wanted);
        } else {
            warn("could not update the address bar");
        }
    }

    /// Sets an attribute on `<html>` if it is not already so: writing even the same value makes the
    /// browser recheck the style of the whole page, which selectors on `<html>` depend on.
    pub fn set_root_attr(name: &str, value: &str) {
        if let Some(root) = document().and_then(|d| d.document_element()) {
            if root.get_attribute(name).as_deref() != Some(value) {
                root.set_attribute(name, value).ok();
            }
        }
    }

    pub fn scroll_to(id: &str) {
        if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
            el.scroll_into_view();
        }
    }

    pub fn focus(id: &str) {
        if let Some(el) = document()
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            el.focus().ok();
        }
    }

    /// Like `focus`, but looks where `near` lives: the document, or an embed's shadow root (whose ids
    /// the document cannot see).
    pub fn focus_near(near: Option<web_sys::EventTarget>, id: &str) {
        let root = near
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .map(|n| n.get_root_node());
        let found = match root.and_then(|r| r.dyn_into::<web_sys::DocumentFragment>().ok()) {
            Some(shadow) => shadow.get_element_by_id(id),
            None => document().and_then(|d| d.get_element_by_id(id)),
        };
        if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            el.focus().ok();
        }
    }

    /// Copies text to the clipboard; `done` hears whether it worked.
    pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
        let Some(promise) = window().map(|w| w.navigator().clipboard().write_text(text)) else {
            return done(false);
        };
        wasm_bindgen_futures::spawn_local(async move {
            done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    }

    /// The app's folder URL (`https://host/path/`) and origin, for embed snippets.
    pub fn app_base() -> (String, String) {
        let Some(loc) = window().map(|w| w.location()) else {
            return (String::new(), String::new());
        };
        let origin = loc.origin().unwrap_or_default();
        let path = loc.pathname().unwrap_or_default();
        let folder = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "/",
        };
        (format!("{origin}{folder}"), origin)
    }

    /// Whether keyboard focus is in a text field (then single-key shortcuts must not fire).
    pub fn typing_in_field() -> bool {
        document()
            .and_then(|d| d.active_element())
            .map(|e| {
                let tag = e.tag_name().to_ascii_lowercase();
                let text_input = tag == "input"
                    && !matches!(
                        e.get_attribute("type").unwrap_or_default().as_str(),
                        "range" | "checkbox" | "radio" | "button"
                    );
                text_input
                    || tag == "textarea"
                    || tag == "select"
                    || e.has_attribute("contenteditable")
            })
            .unwrap_or(false)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn load(_key: &str) -> Option<String> {
        None
    }
    pub fn save(_key: &str, _value: &str) {}
    pub fn warn(_msg: &str) {}
    pub fn location() -> (String, String) {
        Default::default()
    }
    pub fn preferred_languages() -> Vec<String> {
        Vec::new()
    }
    pub fn set_url(_query: &str, _hash: &str, _push: bool) {}
    pub fn set_root_attr(_name: &str, _value: &str) {}
    pub fn follow_language_page(_lang: llm_qa_core::i18n::LangChoice) {}
    pub fn scroll_to(_id: &str) {}
    pub fn focus(_id: &str) {}
    #[allow(dead_code)]
    pub fn focus_near(_near: Option<web_sys::EventTarget>, _id: &str) {}
    #[allow(dead_code)]
    pub fn copy_text(_text: &str, done: impl FnOnce(bool) + 'static) {
        done(false)
    }
    #[allow(dead_code)]
    pub fn app_base() -> (String, String) {
        (String::new(), String::new())
    }
    // Only the keyboard listener uses it, and that exists in the browser alone.
    #[allow(dead_code)]
    pub fn typing_in_field() -> bool {
        false
    }
}

pub use imp::*;

/// Whether the `<details>` a `toggle` event came from is now open; `None` for any other target.
/// (Reads the event only: safe to call from any callback.)
pub fn details_open(e: &web_sys::Event) -> Option<bool> {
    use wasm_bindgen::JsCast;
    e.target()?
        .dyn_into::<web_sys::HtmlDetailsElement>()
        .ok()
        .map(|d| d.open())
}

/// localStorage keys. Versioned inside the value, not in the key, so old records can be read.
pub mod keys {
    pub const LANG: &str = "llm-qa.lang";
    pub const THEME: &str = "llm-qa.theme";
    /// `hidden` or `shown`: the editor's notes (read by boot.js too).
    pub const NOTES: &str = "llm-qa.notes";
    pub const MARKS: &str = "llm-qa.marks";
    /// A copy of a marks record that could not be fully read, kept before it is overwritten.
    pub const MARKS_UNREADABLE: &str = "llm-qa.marks.unreadable";
}
