//! LLM interview questions in English and Chinese: the Yew components of the app.
//!
//! The logic (question bank, search, sampling, study progress) lives in the pure `llm-qa-core`
//! crate; this crate only renders it and dispatches user actions.

pub mod app;
mod browser;
pub mod components;
#[cfg(target_arch = "wasm32")]
mod panic;
mod search_view;
pub mod state;

pub use app::App;

/// Mounts the app on the page's `#app` element. Called by the browser entry point.
#[cfg(all(target_arch = "wasm32", feature = "csr"))]
pub fn start() {
    panic::install_hook();
    let Some(root) = app_root() else {
        web_sys::console::error_1(&"llm-qa: no #app element on the page".into());
        return;
    };
    yew::Renderer::<App>::with_root(root).render();
}

#[cfg(all(target_arch = "wasm32", feature = "csr"))]
fn app_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("app")
}

/// Native builds (tests, prerendering) have nothing to mount.
#[cfg(not(all(target_arch = "wasm32", feature = "csr")))]
pub fn start() {}
