//! Renders the app's first screen to HTML with Yew's server renderer and puts it into a built page,
//! so that visitors see every question before the wasm has loaded (and without JavaScript at all).
//!
//!     prerender <dist/index.html>
//!
//! Both languages are rendered: English into `#app`, Chinese into `#app-zh`. `boot.js` shows the
//! visitor's one before the first paint and the app hydrates it.

use std::process::ExitCode;

use llm_qa::app::{App, AppProps};
use llm_qa_core::i18n::LangChoice;

const MOUNT: &str = r#"<div id="app"></div>"#;

async fn render(lang: LangChoice) -> String {
    // The card list embeds each card prerendered on its own, to be hydrated as an island.
    llm_qa::components::card_list::set_prerendered_cards(lang).await;
    yew::LocalServerRenderer::<App>::with_props(AppProps {
        lang,
        hydrating: true,
    })
    .hydratable(true)
    .render()
    .await
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender <index.html>");
        return ExitCode::from(2);
    };
    let page = match std::fs::read_to_string(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("prerender: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if page.matches(MOUNT).count() != 1 {
        let body = page.find("<body").map_or("", |i| &page[i..]);
        eprintln!(
            "prerender: {path} must contain exactly one empty {MOUNT}; its body is:\n{body:.600}"
        );
        return ExitCode::FAILURE;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let local = tokio::task::LocalSet::new();
    let (en, zh) = local.block_on(&rt, async {
        (render(LangChoice::En).await, render(LangChoice::Zh).await)
    });
    let html = format!(
        r#"<div id="app" data-prerender="en">{en}</div><div id="app-zh" data-prerender="zh" lang="zh-Hans">{zh}</div>"#
    );
    if let Err(e) = std::fs::write(&path, page.replacen(MOUNT, &html, 1)) {
        eprintln!("prerender: cannot write {path}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "prerender: {path}: {} bytes English, {} bytes Chinese",
        en.len(),
        zh.len()
    );
    ExitCode::SUCCESS
}
