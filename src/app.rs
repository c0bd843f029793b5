use yew::prelude::*;

use crate::components::{footer::Footer, header::Header};

#[component]
pub fn App() -> Html {
    use_effect_with((), |_| mark_ready());
    html! {
        <>
            <Header />
            <main id="main" class="main" tabindex="-1">
                <h1 class="page-title">{"50 LLM interview questions, in English and Chinese"}</h1>
            </main>
            <Footer />
        </>
    }
}

/// Tells tests and scripts that the app has rendered (`<html data-ready="true">`).
fn mark_ready() {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        root.set_attribute("data-ready", "true").ok();
    }
}
