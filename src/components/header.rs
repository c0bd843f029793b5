use llm_qa_core::i18n::LangChoice;
use llm_qa_core::theme::Theme;
use yew::prelude::*;

use super::lang_toggle::{LangToggle, NotesToggle, ThemeToggle};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The language the page shows.
    pub lang: LangChoice,
    /// The language asked for, which the toggle shows at once (the page follows once the text of
    /// that language is in: `crate::texts`).
    pub chosen: LangChoice,
    pub on_lang: Callback<LangChoice>,
    #[prop_or_default]
    pub theme: Theme,
    #[prop_or_default]
    pub on_theme: Callback<Theme>,
    /// The editor's notes are hidden.
    #[prop_or_default]
    pub notes_hidden: bool,
    #[prop_or_default]
    pub on_notes_hidden: Callback<bool>,
}

#[component]
pub fn Header(props: &Props) -> Html {
    let ui = props.lang.ui().ui();
    html! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="#top" lang={props.lang.ui().tag()}>
                    <span class="brand__mark" aria-hidden="true">{"Q"}</span>
                    <span class="brand__name">{ui.app_name}</span>
                </a>
                <nav class="site-nav" aria-label={ui.app_name}>
                    <a href="#main">{ui.nav_questions}</a>
                    <a href="#lab">{ui.lab_title}</a>
                </nav>
                <div class="site-header__prefs">
                    <LangToggle value={props.chosen} on_change={props.on_lang.clone()} />
                    <ThemeToggle lang={props.lang} value={props.theme} on_change={props.on_theme.clone()} />
                    <NotesToggle lang={props.lang} hidden={props.notes_hidden} on_change={props.on_notes_hidden.clone()} />
                </div>
            </div>
        </header>
    }
}
