//! Browser tests: components rendered into a real DOM in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn app_renders_header_main_and_footer() {
    let root = fresh_root();
    yew::Renderer::<llm_qa::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let header = root.query_selector("header").unwrap().expect("a header");
    assert!(header.text_content().unwrap().contains("LLM Interview Q&A"));
    assert!(root.query_selector("main#main").unwrap().is_some());
    let footer = root.query_selector("footer").unwrap().expect("a footer");
    assert!(footer.text_content().unwrap().contains("Hao Hoang"));
}
