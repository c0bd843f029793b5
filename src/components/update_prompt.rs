use llm_qa_core::i18n::LangChoice;
use yew::prelude::*;

use crate::pwa::{self, OfflineStatus};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: LangChoice,
}

/// Tells the user that the app now works offline, or that a new version is ready to load.
#[component]
pub fn UpdatePrompt(props: &Props) -> Html {
    let offline = pwa::use_offline();
    html! {
        <OfflineNotice
            lang={props.lang}
            status={offline.status}
            on_reload={offline.on_reload}
            on_dismiss={offline.on_dismiss}
        />
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub lang: LangChoice,
    pub status: OfflineStatus,
    pub on_reload: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// The notice itself. The live region is always in the page, empty when there is nothing to say, so
/// that screen readers announce a message when it appears (politely: it never interrupts).
#[component]
pub fn OfflineNotice(props: &NoticeProps) -> Html {
    let ui = props.lang.ui().ui();
    let message = match props.status {
        OfflineStatus::Idle => None,
        OfflineStatus::OfflineReady => Some(ui.offline_ready),
        OfflineStatus::UpdateReady => Some(ui.update_ready),
    };
    let reload = props.on_reload.reform(|_: MouseEvent| ());
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="pwa-notice" aria-live="polite" lang={props.lang.ui().tag()}>
            if let Some(message) = message {
                <div class="pwa-notice__box">
                    <p class="pwa-notice__text">{message}</p>
                    if props.status == OfflineStatus::UpdateReady {
                        <button type="button" class="button button--primary" onclick={reload}>
                            {ui.update_reload}
                        </button>
                    }
                    <button
                        type="button"
                        class="button button--ghost pwa-notice__close"
                        aria-label={ui.notice_close}
                        onclick={dismiss}
                    >
                        <span aria-hidden="true">{"×"}</span>
                    </button>
                </div>
            }
        </div>
    }
}
