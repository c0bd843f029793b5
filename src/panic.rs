//! A panic must not leave a silent dead page: say what happened in the console and on the page.

use wasm_bindgen::JsCast;

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("llm-qa stopped because of a bug: {info}").into());
        show_banner();
    }));
}

/// Puts a plain-text notice at the top of the page. Text only: nothing from the panic message is
/// parsed as markup.
fn show_banner() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_attribute("role", "alert").ok();
    banner.set_class_name("crash-banner");
    banner.set_text_content(Some(
        "Something went wrong and the app stopped. Please reload the page. · 出错了，应用已停止，请刷新页面。",
    ));
    if let Ok(el) = banner.dyn_into::<web_sys::HtmlElement>() {
        body.prepend_with_node_1(&el).ok();
    }
}
