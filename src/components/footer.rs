use llm_qa_core::bank::{Field, SOURCE, TRANSLATIONS};
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
    // The translation notes are built when opened: closed, they add nothing to the prerendered page.
    let translations_open = use_state(|| false);
    let on_translations = {
        let open = translations_open.clone();
        Callback::from(move |e: Event| {
            if let Some(now) = crate::browser::details_open(&e) {
                open.set(now);
            }
        })
    };
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
            <details class="translations" ontoggle={on_translations}>
                <summary>{ui.translations_title}</summary>
                if *translations_open {
                <p>{ui.translations_intro}</p>
                <ol class="translations__list">
                    {for TRANSLATIONS.iter().map(|t| {
                        let lang = props.lang.ui();
                        let field = match t.field {
                            Field::Question => ui.field_question,
                            Field::Answer => ui.field_answer,
                        };
                        html! {
                            <li class="translation">
                                <p class="translation__where">{lang.question_number(t.question)}{" · "}{field}</p>
                                <p class="translation__was">
                                    <span class="translation__tag">{if t.ours { ui.translation_ours } else { ui.translation_pdf }}</span>
                                    {" "}<del lang="zh-Hans">{t.before}</del>
                                </p>
                                <p class="translation__now">
                                    <span class="translation__tag">{ui.translation_now}</span>
                                    {" "}<ins lang="zh-Hans">{t.after}</ins>
                                </p>
                            </li>
                        }
                    })}
                </ol>
                }
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
