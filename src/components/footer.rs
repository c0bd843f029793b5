use llm_qa_core::bank::SOURCE;
use llm_qa_core::i18n::LangChoice;
use yew::prelude::*;

use super::rich_text;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: LangChoice,
}

/// Credits the source, and carries its introduction and conclusion in the chosen language(s).
#[component]
pub fn Footer(props: &Props) -> Html {
    let ui = props.lang.ui().ui();
    html! {
        <footer class="site-footer">
            <details class="about">
                <summary>{ui.about}</summary>
                {for props.lang.shown().iter().map(|&l| html! {
                    <div class="about__text" lang={l.tag()}>
                        {rich_text::blocks(SOURCE.intro.get(l))}
                        <h2 class="about__heading">{l.ui().conclusion}</h2>
                        {rich_text::blocks(SOURCE.conclusion.get(l))}
                    </div>
                })}
            </details>
            <p class="credit">
                {ui.source_label}{" "}
                <cite lang="en">{SOURCE.title}</cite>
                {", "}{SOURCE.author}{", "}{SOURCE.date}{". "}
                {ui.translation_note}
            </p>
        </footer>
    }
}
