//! Renders the app's first screen to HTML with Yew's server renderer and writes one page per
//! language (see `llm_qa::page`), so that visitors see every question before the wasm has loaded (and
//! without JavaScript at all), and each visitor downloads the text of the language they read:
//!
//!     prerender <dist/index.html>      writes index.html (English) and zh.html (Chinese) there,
//!                                      and each language's text as the data file the first
//!                                      stage fetches for a language its page does not hold
//!
use std::path::Path;
use std::process::ExitCode;

use llm_qa::app::{App, AppProps};
use llm_qa::page::{check_template, page_file, page_for, take_boot_tag};
use llm_qa_core::bank;
use llm_qa_core::i18n::LangChoice;

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

fn run(path: &str) -> Result<(), String> {
    let page = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    check_template(&page).map_err(|e| format!("{path}: {e}"))?;
    let dir = Path::new(path).parent().unwrap_or(Path::new("."));
    let (template, boot_file) = take_boot_tag(&page)?;
    let boot_path = dir.join(&boot_file);
    let boot = std::fs::read_to_string(&boot_path)
        .map_err(|e| format!("cannot read {}: {e}", boot_path.display()))?;
    if boot.contains("</script") {
        return Err(format!(
            "{boot_file} cannot be inlined: it contains </script"
        ));
    }

    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("no tokio runtime: {e}"))?;
    let local = tokio::task::LocalSet::new();
    for lang in [LangChoice::En, LangChoice::Zh] {
        let app = local.block_on(&rt, render(lang));
        let out = dir.join(page_file(lang));
        std::fs::write(&out, page_for(&template, lang, &boot, &app))
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        println!(
            "prerender: {}: {} bytes of first screen",
            out.display(),
            app.len()
        );
    }
    // The first stage carries no question text (`llm_qa_core::bank`, `runtime-text`): it reads its
    // page's language from the page and fetches the other from these files.
    for file in [bank::TEXT_FILES.en, bank::TEXT_FILES.zh] {
        let out = dir.join(file.name);
        std::fs::write(&out, file.json)
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    // Inlined in both pages: the file itself is not needed any more.
    std::fs::remove_file(&boot_path)
        .map_err(|e| format!("cannot remove {}: {e}", boot_path.display()))?;
    Ok(())
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender <index.html>");
        return ExitCode::from(2);
    };
    match run(&path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}
