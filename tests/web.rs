//! Browser tests: components rendered into a real DOM in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use llm_qa::components::highlight::highlighted;
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

// Widgets on other sites run on the second stage: `llm_qa::embed` exists in a build with `parts`
// (scripts/test.sh runs these tests so).
#[cfg(feature = "parts")]
#[wasm_bindgen_test]
async fn an_embed_shows_what_its_attributes_ask_and_follows_their_changes() {
    let root = fresh_root();
    let mut embed = llm_qa::embed::mount_embed(
        root.clone(),
        "https://example.org/app/".into(),
        Some("<b>x</b>,7,12".into()),
        Some("zh".into()),
        None,
        Some("dark".into()),
    );
    yew::scheduler::flush().await;
    assert_eq!(root.query_selector_all("article.card").unwrap().length(), 2);
    assert!(
        root.query_selector("b").unwrap().is_none(),
        "markup in an attribute stays text"
    );
    let widget = root.query_selector(".embed").unwrap().expect("the widget");
    assert_eq!(widget.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(widget.get_attribute("lang").as_deref(), Some("zh-Hans"));
    assert!(
        root.query_selector("button.mark").unwrap().is_none(),
        "no study marks in an embed"
    );

    embed.update(
        Some("5".into()),
        Some("en".into()),
        Some("quiz".into()),
        None,
    );
    yew::scheduler::flush().await;
    assert!(text(&root, ".quiz h2").contains("Quiz"));
    assert!(text(&root, ".quiz").contains("Card 1 of 1"));

    embed.destroy();
    yew::scheduler::flush().await;
    assert_eq!(root.child_element_count(), 0);
}

#[derive(Properties, PartialEq)]
struct HighlightProps {
    text: AttrValue,
    ranges: Vec<(usize, usize)>,
}

#[component]
fn HighlightHost(p: &HighlightProps) -> Html {
    html! { <p>{highlighted(&p.text, &p.ranges)}</p> }
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
    use llm_qa::parts::lab::Lab;
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

#[wasm_bindgen_test]
async fn the_offline_notice_offers_the_new_version_in_the_chosen_language() {
    use llm_qa::components::update_prompt::{NoticeProps, OfflineNotice};
    use llm_qa::pwa::OfflineStatus;
    use llm_qa_core::i18n::LangChoice;
    use std::cell::Cell;
    use std::rc::Rc;

    let root = fresh_root();
    let (reloads, dismissals) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
    let props = |status| NoticeProps {
        lang: LangChoice::Zh,
        status,
        on_reload: {
            let n = reloads.clone();
            Callback::from(move |()| n.set(n.get() + 1))
        },
        on_dismiss: {
            let n = dismissals.clone();
            Callback::from(move |()| n.set(n.get() + 1))
        },
    };

    let mut notice = yew::Renderer::<OfflineNotice>::with_root_and_props(
        root.clone(),
        props(OfflineStatus::Idle),
    )
    .render();
    yew::scheduler::flush().await;
    // The live region is there before anything is said in it, and says nothing yet.
    let region = root.query_selector("[aria-live=polite]").unwrap().unwrap();
    assert_eq!(region.child_element_count(), 0);

    notice.update(props(OfflineStatus::UpdateReady));
    yew::scheduler::flush().await;
    assert!(text(&root, "[aria-live=polite]").contains("新版本已就绪"));
    let buttons = root.query_selector_all("button").unwrap();
    assert_eq!(buttons.length(), 2, "reload and close");
    let reload: web_sys::HtmlElement = buttons.get(0).unwrap().dyn_into().unwrap();
    assert_eq!(reload.text_content().unwrap().trim(), "重新加载");
    reload.click();
    let close: web_sys::HtmlElement = buttons.get(1).unwrap().dyn_into().unwrap();
    assert_eq!(close.get_attribute("aria-label").as_deref(), Some("关闭"));
    close.click();
    assert_eq!((reloads.get(), dismissals.get()), (1, 1));

    notice.update(props(OfflineStatus::OfflineReady));
    yew::scheduler::flush().await;
    assert!(text(&root, "[aria-live=polite]").contains("已可离线使用"));
    assert_eq!(
        root.query_selector_all("button").unwrap().length(),
        1,
        "only close"
    );
}

#[derive(Properties, PartialEq)]
struct SlotHostProps {
    heard: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
}

#[component]
fn SlotHost(p: &SlotHostProps) -> Html {
    use llm_qa::components::part_slot::PartSlot;
    use llm_qa_core::i18n::LangChoice;
    use llm_qa_core::part::Part;
    let heard = p.heard.clone();
    let on_change = Callback::from(move |s: String| heard.borrow_mut().push(s));
    html! { <PartSlot part={Part::explorer(23)} lang={LangChoice::Zh} state="sm.t=2" {on_change} /> }
}

/// The first stage only names a part: an `<llm-part>` element with the part's attributes and
/// translated placeholder texts, whose change events reach the slot's callback.
#[wasm_bindgen_test]
async fn a_part_slot_names_its_part_and_hears_its_changes() {
    let root = fresh_root();
    let heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    yew::Renderer::<SlotHost>::with_root_and_props(
        root.clone(),
        SlotHostProps {
            heard: heard.clone(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let el = root
        .query_selector("llm-part")
        .unwrap()
        .expect("the element, from the second render on");
    let attr = |name: &str| el.get_attribute(name).unwrap_or_default();
    assert_eq!(attr("kind"), "explorer");
    assert_eq!(attr("card"), "23");
    assert_eq!(attr("language"), "zh");
    assert_eq!(attr("state"), "sm.t=2");
    assert_eq!(attr("data-loading"), "正在加载探索器…");
    assert_eq!(attr("data-retry"), "重试");

    let init = web_sys::CustomEventInit::new();
    init.set_detail(&"sm.t=3".into());
    let event = web_sys::CustomEvent::new_with_event_init_dict(
        llm_qa::components::part_slot::CHANGE_EVENT,
        &init,
    )
    .unwrap();
    el.dispatch_event(&event).unwrap();
    assert_eq!(*heard.borrow(), vec!["sm.t=3".to_string()]);
}

/// The second stage renders the part its element names, starting from its `state`, and reports
/// each change as the new `state`.
#[wasm_bindgen_test]
async fn a_part_starts_from_its_state_and_reports_changes() {
    use llm_qa::parts::{PartView, Props};
    use llm_qa_core::i18n::LangChoice;
    use llm_qa_core::part::Part;
    let root = fresh_root();
    let heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let on_change = {
        let heard = heard.clone();
        Callback::from(move |s: String| heard.borrow_mut().push(s))
    };
    yew::Renderer::<PartView>::with_root_and_props(
        root.clone(),
        Props {
            part: Part::explorer(23),
            lang: LangChoice::En,
            state: "sm.t=2".into(),
            on_change,
        },
    )
    .render();
    yew::scheduler::flush().await;
    let slider: web_sys::HtmlInputElement = root
        .query_selector("#q23-x-t")
        .unwrap()
        .expect("the softmax explorer's temperature")
        .dyn_into()
        .unwrap();
    assert_eq!(slider.value_as_number(), 2.0);
    slider.set_value("3");
    slider
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let heard = heard.borrow();
    assert_eq!(heard.len(), 1, "{heard:?}");
    let pairs = llm_qa_core::part::decode_state(&heard[0]);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!(pairs[0].0, "sm.t");
    assert_eq!(pairs[0].1.parse::<f64>().ok(), Some(3.0), "{pairs:?}");
}
