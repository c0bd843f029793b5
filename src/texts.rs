//! Where the questions' text comes from in the first stage (`llm_qa_core::bank`, feature
//! `runtime-text`): the page's own language from the prerendered page, which already holds it (read
//! once, before hydration), and any other language, or the plain text the search needs, from that
//! language's data file, fetched the first time it is needed and precached by the service worker.
//! In builds with static text (tests, the second stage) every language is always there and nothing
//! here fetches anything.

use std::cell::Cell;

use llm_qa_core::bank::{self, Have};
use llm_qa_core::i18n::{Lang, LangChoice};

thread_local! {
    /// A fetch of each language's file under way.
    static LOADING: Cell<[bool; 2]> = const { Cell::new([false, false]) };
}

/// Whether every language of `choice` can be shown.
pub fn can_show(choice: LangChoice) -> bool {
    choice.shown().iter().all(|&l| bank::has_texts(l).is_some())
}

/// Whether the search has the plain text it reads (both languages, in full).
pub fn can_search() -> bool {
    [Lang::En, Lang::Zh]
        .iter()
        .all(|&l| bank::has_texts(l) == Some(Have::All))
}

/// Fetches what is missing for `langs` (`Have::All`: everything, for the search; `Have::Shown`: what
/// the cards show) unless a fetch of it is already under way, then calls `done` once per file that
/// was fetched with `Ok(())`, or with what went wrong (the fetch may be retried by asking again).
pub fn load(langs: &[Lang], need: Have, done: impl Fn(Result<(), String>) + Clone + 'static) {
    for &lang in langs {
        if bank::has_texts(lang).is_some_and(|h| h >= need) {
            continue;
        }
        let busy = LOADING.with(|l| {
            let mut now = l.get();
            let was = std::mem::replace(&mut now[lang.index()], true);
            l.set(now);
            was
        });
        if busy {
            continue;
        }
        let done = done.clone();
        imp::fetch(bank::TEXT_FILES.get(lang).name, move |body| {
            LOADING.with(|l| {
                let mut now = l.get();
                now[lang.index()] = false;
                l.set(now);
            });
            done(body.and_then(|json| install_file(&json, lang)));
        });
    }
}

/// Installs a language's data file, or says why it cannot.
fn install_file(json: &str, lang: Lang) -> Result<(), String> {
    let texts = bank::parse_texts(json, lang)?;
    if install(lang, texts, Have::All) {
        Ok(())
    } else {
        Err("the file does not fit this bank".into())
    }
}

#[cfg(feature = "runtime-text")]
fn install(lang: Lang, texts: Vec<bank::Text>, have: Have) -> bool {
    bank::install_texts(lang, texts, have)
}

/// Static text is always there.
#[cfg(not(feature = "runtime-text"))]
fn install(_lang: Lang, _texts: Vec<bank::Text>, _have: Have) -> bool {
    true
}

/// Reads the page's own language from its prerendered cards (before hydration, which renders the
/// same text). False when the page does not hold every card in `lang`, say a page edited by hand:
/// the text must then be fetched before the cards are hydrated.
#[cfg(all(target_arch = "wasm32", feature = "runtime-text"))]
pub fn read_page(lang: Lang) -> bool {
    match imp::read_page(lang) {
        Some(texts) => bank::install_texts(lang, texts, Have::Shown),
        None => false,
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    #[cfg(feature = "runtime-text")]
    pub use super::page::read_page;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// Fetches `name`, next to the page, as text.
    pub fn fetch(name: &'static str, done: impl FnOnce(Result<String, String>) + 'static) {
        wasm_bindgen_futures::spawn_local(async move {
            let result = async {
                let window = web_sys::window().ok_or("no window")?;
                let response: web_sys::Response = JsFuture::from(window.fetch_with_str(name))
                    .await
                    .map_err(|_| "no connection")?
                    .dyn_into()
                    .map_err(|_| "no response")?;
                if !response.ok() {
                    return Err(format!("the server answered {}", response.status()));
                }
                let text = response.text().map_err(|_| "no text")?;
                JsFuture::from(text)
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .ok_or_else(|| "no text".to_string())
            }
            .await;
            done(result.map_err(|e| format!("{name}: {e}")));
        });
    }
}

#[cfg(all(target_arch = "wasm32", feature = "runtime-text"))]
mod page {
    use llm_qa_core::bank::{self, Text};
    use llm_qa_core::i18n::Lang;

    /// Yew's hydration markers around raw HTML (`<!--<#>-->` … `<!--</#>-->`): not the answer's.
    fn without_markers(html: &str) -> String {
        html.replace("<!--<#>-->", "").replace("<!--</#>-->", "")
    }

    /// Each card's text in `lang` as the page shows it, if the page holds every card.
    pub fn read_page(lang: Lang) -> Option<Vec<Text>> {
        let doc = web_sys::window()?.document()?;
        let tag = lang.tag();
        let leak = |s: String| -> &'static str { String::leak(s) };
        bank::QUESTIONS
            .iter()
            .map(|q| {
                let card = doc.get_element_by_id(&format!("q{}", q.id))?;
                let one = |selector: &str| card.query_selector(selector).ok().flatten();
                let title = one(&format!(".card__q[lang=\"{tag}\"]"))?.text_content()?;
                let answer = one(&format!(".answer[lang=\"{tag}\"]"))?.inner_html();
                let note = match q.note {
                    Some(_) => {
                        one(&format!(".note[lang=\"{tag}\"] .note__text"))?.text_content()?
                    }
                    None => String::new(),
                };
                Some(Text {
                    question_plain: leak(title),
                    answer_html: leak(without_markers(&answer)),
                    // Not on the page: the search fetches it (`super::can_search`).
                    answer_plain: "",
                    note: leak(note),
                })
            })
            .collect()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    /// Native builds have static text and never fetch.
    pub fn fetch(name: &'static str, done: impl FnOnce(Result<String, String>) + 'static) {
        done(Err(format!("{name}: no network here")));
    }
}
