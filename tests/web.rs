//! Browser tests: components rendered into a real DOM in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use llm_qa::components::highlight::Highlighted;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_renders_all_cards_between_header_and_credited_footer() {
    let root = fresh_root();
    yew::Renderer::<llm_qa::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    assert!(text(&root, "header").contains("LLM"));
    assert_eq!(
        root.query_selector_all("article.card").unwrap().length(),
        50
    );
    assert!(text(&root, "footer").contains("Hao Hoang"));
}

#[wasm_bindgen_test]
async fn choosing_chinese_switches_the_card_text() {
    let root = fresh_root();
    yew::Renderer::<llm_qa::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let zh: web_sys::HtmlElement = root
        .query_selector("input[name=lang][value=zh]")
        .unwrap()
        .expect("a 中文 radio")
        .dyn_into()
        .unwrap();
    zh.click();
    yew::scheduler::flush().await;

    assert!(
        text(&root, "#q2 .card__q").contains("注意力机制"),
        "{}",
        text(&root, "#q2 .card__q")
    );
    let lang = root
        .query_selector("#q2 .card__q")
        .unwrap()
        .unwrap()
        .get_attribute("lang");
    assert_eq!(lang.as_deref(), Some("zh-Hans"));
}

#[derive(Properties, PartialEq)]
struct HighlightProps {
    text: AttrValue,
    ranges: Vec<(usize, usize)>,
}

#[component]
fn HighlightHost(p: &HighlightProps) -> Html {
    html! { <p><Highlighted text={p.text.clone()} ranges={p.ranges.clone()} /></p> }
}

#[wasm_bindgen_test]
async fn highlighting_marks_ranges_as_text_never_markup() {
    let root = fresh_root();
    let hostile = "<img src=x onerror=alert(1)> attention";
    yew::Renderer::<HighlightHost>::with_root_and_props(
        root.clone(),
        HighlightProps {
            text: AttrValue::Static(hostile),
            ranges: vec![(29, 38), (40, 99), (0, 1)],
        },
    )
    .render();
    yew::scheduler::flush().await;

    assert!(
        root.query_selector("img").unwrap().is_none(),
        "markup must not be parsed"
    );
    assert_eq!(text(&root, "p"), hostile);
    let marks = root.query_selector_all("mark").unwrap();
    assert_eq!(
        marks.length(),
        1,
        "out-of-range and out-of-order ranges are skipped"
    );
    assert_eq!(marks.get(0).unwrap().text_content().unwrap(), "attention");
}

#[derive(Properties, PartialEq)]
struct LabHostProps {
    settings: llm_qa_core::lab::LabSettings,
}

#[component]
fn LabHost(p: &LabHostProps) -> Html {
    use llm_qa::components::lab::Lab;
    use llm_qa_core::i18n::LangChoice;
    html! { <Lab id="t" lang={LangChoice::En} settings={p.settings.clone()} on_change={Callback::noop()} /> }
}

#[wasm_bindgen_test]
async fn the_lab_shows_the_cores_numbers() {
    use llm_qa_core::lab::{percent, LabSettings};
    let settings = LabSettings::for_top_k_top_p();
    let dist = settings.distribution();
    let root = fresh_root();
    yew::Renderer::<LabHost>::with_root_and_props(
        root.clone(),
        LabHostProps {
            settings: settings.clone(),
        },
    )
    .render();
    yew::scheduler::flush().await;

    let readout = text(&root, "dl");
    assert!(
        readout.contains(&format!("{} / 12", dist.kept)),
        "{readout}"
    );
    let values = root.query_selector_all(".chart__value").unwrap();
    assert_eq!(
        values.length() as usize,
        dist.kept,
        "one value label per kept token"
    );
    assert_eq!(
        values.get(0).unwrap().text_content().unwrap(),
        percent(dist.tokens[0].after)
    );
    let reasons = root.query_selector_all(".chart__reason").unwrap();
    assert_eq!(reasons.length() as usize, 12 - dist.kept);

    let show: web_sys::HtmlElement = root
        .query_selector(".lab__row .button--ghost")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    show.click();
    yew::scheduler::flush().await;
    let rows = root.query_selector_all("table tbody tr").unwrap();
    assert_eq!(rows.length(), 12);
    let first = rows.get(0).unwrap().text_content().unwrap();
    assert!(
        first.contains("mat") && first.contains(&percent(dist.tokens[0].after)),
        "{first}"
    );
}
