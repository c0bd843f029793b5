//! The three-way language choice: a group of native radio buttons, so a screen reader announces the
//! group's name, each option and which one is checked.

use llm_qa_core::i18n::LangChoice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: LangChoice,
    pub on_change: Callback<LangChoice>,
}

#[component]
pub fn LangToggle(props: &Props) -> Html {
    let ui = props.value.ui().ui();
    let option = |choice: LangChoice, label: &'static str, lang: &'static str| {
        let on_change = props.on_change.clone();
        html! {
            <label class="seg__option" lang={lang}>
                <input
                    type="radio"
                    name="lang"
                    value={choice.code()}
                    checked={props.value == choice}
                    onchange={Callback::from(move |_| on_change.emit(choice))}
                />
                <span>{label}</span>
            </label>
        }
    };
    html! {
        <fieldset class="seg" data-testid="lang-toggle">
            <legend class="seg__legend">{ui.language}</legend>
            {option(LangChoice::En, ui.lang_en, "en")}
            {option(LangChoice::Zh, ui.lang_zh, "zh-Hans")}
            {option(LangChoice::Both, ui.lang_both, props.value.ui().tag())}
        </fieldset>
    }
}
