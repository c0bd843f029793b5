//! The "Embed" control on each card and under the lab: a native disclosure that, once opened, shows
//! the custom-element and iframe snippets for exactly that view, each with a copy button.

use llm_qa_core::embed::EmbedSpec;
use llm_qa_core::i18n::LangChoice;
use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Prefix for the ids inside (unique on the page).
    pub id: AttrValue,
    pub lang: LangChoice,
    pub spec: EmbedSpec,
}

#[component]
pub fn EmbedShare(props: &Props) -> Html {
    let open = use_state(|| false);
    // Which snippet was copied (0 or 1) and whether it worked: the status line says so.
    let status = use_state(|| None::<bool>);
    let ui = props.lang.ui().ui();
    let ontoggle = {
        let (open, status) = (open.clone(), status.clone());
        Callback::from(move |e: Event| {
            if let Some(now) = browser::details_open(&e) {
                open.set(now);
                status.set(None);
            }
        })
    };
    // The snippets need the page's address: built only once opened, never in the prerendered HTML.
    // Always one node (empty while closed): an `Option` would change the number of children, and
    // Yew's unkeyed diff, which pairs children from the end, would then rebuild the focused summary.
    let body: Html = if *open {
        let (base, origin) = browser::app_base();
        let snippets = [
            (ui.embed_element, props.spec.element_snippet(&base)),
            (
                ui.embed_iframe,
                props.spec.iframe_snippet(&base, &origin, ui.embed_widget),
            ),
        ];
        html! {
            <div class="share__body">
                <p>{ui.embed_intro}</p>
                {for snippets.into_iter().enumerate().map(|(i, (label, text))| {
                    let caption = format!("{}-snippet-{i}", props.id);
                    let copy = {
                        let (status, text) = (status.clone(), text.clone());
                        Callback::from(move |_| {
                            let status = status.clone();
                            browser::copy_text(&text, move |ok| status.set(Some(ok)));
                        })
                    };
                    html! {
                        <figure class="share__snippet">
                            <figcaption id={caption.clone()}>{label}</figcaption>
                            <pre tabindex="0" aria-labelledby={caption.clone()}><code>{text}</code></pre>
                            <button type="button" class="button" aria-describedby={caption} onclick={copy}>{ui.copy}</button>
                        </figure>
                    }
                })}
                <p class="share__status" role="status">
                    {match *status {
                        Some(true) => ui.copied,
                        Some(false) => ui.copy_failed,
                        None => "",
                    }}
                </p>
            </div>
        }
    } else {
        Html::default()
    };
    html! {
        <details class="share" {ontoggle}>
            <summary class="share__toggle">{ui.embed}</summary>
            {body}
        </details>
    }
}
