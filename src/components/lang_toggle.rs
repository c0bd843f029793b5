//! The header's choices: language and theme, each a group of native radio buttons (so a screen
//! reader announces the group's name, each option and which one is checked), and a toggle button
//! for the editor's notes.

use llm_qa_core::i18n::LangChoice;
use llm_qa_core::theme::Theme;
use yew::prelude::*;

/// One option of a segmented choice: its value, visible label and the language the label is in.
struct Choice<T> {
    value: T,
    label: &'static str,
    lang: &'static str,
}

/// A fieldset of radios named `name`, each with `code(value)` as its `value`; picking one emits its
/// value.
fn segmented<T: Copy + PartialEq + 'static>(
    name: &'static str,
    code: fn(T) -> &'static str,
    legend: &'static str,
    current: T,
    choices: [Choice<T>; 3],
    on_change: &Callback<T>,
) -> Html {
    html! {
        <fieldset class="seg" data-testid={format!("{name}-toggle")}>
            <legend class="seg__legend">{legend}</legend>
            {for choices.into_iter().map(|c| {
                let on_change = on_change.clone();
                let value = c.value;
                html! {
                    <label class="seg__option" lang={c.lang}>
                        <input
                            type="radio"
                            {name}
                            value={code(value)}
                            checked={current == value}
                            onchange={Callback::from(move |_| on_change.emit(value))}
                        />
                        <span>{c.label}</span>
                    </label>
                }
            })}
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: LangChoice,
    pub on_change: Callback<LangChoice>,
}

#[component]
pub fn LangToggle(props: &Props) -> Html {
    let ui = props.value.ui().ui();
    let tag = props.value.ui().tag();
    segmented(
        "lang",
        LangChoice::code,
        ui.language,
        props.value,
        [
            Choice {
                value: LangChoice::En,
                label: ui.lang_en,
                lang: "en",
            },
            Choice {
                value: LangChoice::Zh,
                label: ui.lang_zh,
                lang: "zh-Hans",
            },
            Choice {
                value: LangChoice::Both,
                label: ui.lang_both,
                lang: tag,
            },
        ],
        &props.on_change,
    )
}

#[derive(Properties, PartialEq)]
pub struct ThemeProps {
    pub lang: LangChoice,
    pub value: Theme,
    pub on_change: Callback<Theme>,
}

#[component]
pub fn ThemeToggle(props: &ThemeProps) -> Html {
    let ui = props.lang.ui().ui();
    let tag = props.lang.ui().tag();
    segmented(
        "theme",
        Theme::code,
        ui.theme,
        props.value,
        [
            Choice {
                value: Theme::Auto,
                label: ui.theme_auto,
                lang: tag,
            },
            Choice {
                value: Theme::Light,
                label: ui.theme_light,
                lang: tag,
            },
            Choice {
                value: Theme::Dark,
                label: ui.theme_dark,
                lang: tag,
            },
        ],
        &props.on_change,
    )
}

#[derive(Properties, PartialEq)]
pub struct NotesProps {
    pub lang: LangChoice,
    /// The notes are hidden now.
    pub hidden: bool,
    /// Hears the new value of `hidden`.
    pub on_change: Callback<bool>,
}

/// Shows or hides every editor's note: pressed while they are shown. Its name is its visible label.
#[component]
pub fn NotesToggle(props: &NotesProps) -> Html {
    let ui = props.lang.ui().ui();
    let hidden = props.hidden;
    let on_change = props.on_change.clone();
    html! {
        <button
            type="button"
            class={classes!("chip", "notes-toggle", (!hidden).then_some("chip--on"))}
            aria-pressed={if hidden { "false" } else { "true" }}
            lang={props.lang.ui().tag()}
            onclick={Callback::from(move |_| on_change.emit(!hidden))}
        >{ui.notes_toggle}</button>
    }
}
