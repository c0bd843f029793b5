//! LLM interview questions in English and Chinese: the Yew components of the app.
//!
//! The logic (question bank, search, sampling, study progress) lives in the pure `llm-qa-core`
//! crate; this crate only renders it and dispatches user actions.
//!
//! It ships as two wasm modules (`docs/perf.md`, "Two stages"): the first stage (`src/main.rs`:
//! `app`, `components`, `state`) is what a visitor loads to read and search; the second (`src/bin/parts.rs`:
//! `parts`, the labs and explorers) is fetched when one of them is about to be shown.

pub mod app;
mod browser;
pub mod components;
mod hooks;
// `<llm-interview-cards>` on other sites is mounted by the second stage's wasm (`mount_embed`, next
// to `mount_part`): a reader of the app's own page never downloads the embed's code.
#[cfg(all(target_arch = "wasm32", feature = "parts"))]
pub mod embed;
pub mod island;
// Build time only: assembles the prerendered pages (`src/bin/prerender.rs`).
#[cfg(not(target_arch = "wasm32"))]
pub mod page;
#[cfg(target_arch = "wasm32")]
mod panic;
pub mod parts;
pub mod pwa;
mod search_view;
pub mod state;
pub mod texts;
pub mod url;

pub use app::App;

/// Mounts the app. The page holds the first screen prerendered at build time in its language
/// (`index.html` English, `zh.html` Chinese: `#app[data-prerender]`); `boot.js` has already sent the
/// visitor to the page of their language. The app hydrates it, then adds the other language if the
/// visitor reads both. Without prerendered HTML (the dev server before the hook ran), the app renders
/// from scratch.
#[cfg(all(target_arch = "wasm32", feature = "csr"))]
pub fn start() {
    use llm_qa_core::i18n::LangChoice;

    panic::install_hook();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // No app on this page (the wasm-bindgen test runner's, say): nothing to mount. Widgets on other
    // sites run on the second stage (`embed::mount_embed`), not on this one.
    let Some(root) = doc.get_element_by_id("app") else {
        return;
    };
    pwa::enable();
    let lang = root
        .get_attribute("data-prerender")
        .and_then(|l| LangChoice::parse(&l))
        .unwrap_or_default();
    let hydrating = cfg!(feature = "hydration") && root.has_child_nodes();
    let mount = move || {
        let renderer = yew::Renderer::<App>::with_root_and_props(
            root.clone(),
            app::AppProps { lang, hydrating },
        );
        #[cfg(feature = "hydration")]
        if hydrating {
            renderer.hydrate();
            return;
        }
        renderer.render();
    };
    // The cards render the page's language from the text the page holds (`texts`); a page that does
    // not hold all of it (edited by hand, say) is hydrated once its data file is in.
    #[cfg(feature = "runtime-text")]
    if let Some(page_lang) = lang.shown().first().copied() {
        if hydrating && !texts::read_page(page_lang) {
            texts::load(
                &[page_lang],
                llm_qa_core::bank::Have::Shown,
                move |result| {
                    if let Err(e) = result {
                        browser::warn(&format!("could not load the questions' text: {e}"));
                    }
                    mount();
                },
            );
            return;
        }
    }
    // In a task of its own: the loader (scripts/loader.mjs) has already waited for the first paint
    // before starting the wasm; this keeps the wasm's start-up and the hydration from adding up to
    // one long task.
    gloo_timers::callback::Timeout::new(0, mount).forget();
}

/// Native builds (tests, prerendering) have nothing to mount.
#[cfg(not(all(target_arch = "wasm32", feature = "csr")))]
pub fn start() {}

/// Both stages allocate with talc, which is smaller than Rust's default dlmalloc for wasm
/// (measured in `docs/perf-notes.md`, "Size").
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
