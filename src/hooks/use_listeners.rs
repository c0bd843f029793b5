//! Document-level listeners: Back/Forward, `#q12` links, leaving the page, and the keyboard shortcuts.

use yew::prelude::*;

use crate::state::State;
use crate::url::AddressBar;

/// Listens on the window while the app is mounted: the address bar's events go to `url`, the
/// shortcuts to `state` (Space, A, K and Escape in a quiz; `/` to the search box elsewhere).
#[hook]
pub fn use_listeners(state: &UseReducerHandle<State>, url: &AddressBar) {
    let quiz_active = use_mut_ref(|| false);
    *quiz_active.borrow_mut() = state.quiz.is_some();
    let handle = state.clone();
    let url = url.clone();
    use_effect_with((), move |_| {
        #[cfg(target_arch = "wasm32")]
        let listeners = {
            use crate::browser;
            use crate::components::toolbar::SEARCH_ID;
            use crate::state::Action;
            use gloo_events::{EventListener, EventListenerOptions};
            use llm_qa_core::progress::Verdict;

            let window = web_sys::window().expect("a window in the browser");
            let popstate = EventListener::new(&window, "popstate", {
                let url = url.clone();
                move |_| url.back_or_forward()
            });
            let leaving = ["pagehide", "visibilitychange"].map(|kind| {
                let url = url.clone();
                EventListener::new(&window, kind, move |_| url.page_hidden())
            });
            let hashchange = EventListener::new(&window, "hashchange", move |_| url.hash_changed());
            // Not passive: the shortcuts call preventDefault (Space must not also scroll or click).
            let keydown = EventListener::new_with_options(
                &window,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                {
                    let d = handle.dispatcher();
                    let quiz_active = quiz_active.clone();
                    move |e| {
                        use wasm_bindgen::JsCast;
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if e.ctrl_key() || e.meta_key() || e.alt_key() || browser::typing_in_field()
                        {
                            return;
                        }
                        let key = e.key();
                        if *quiz_active.borrow() {
                            let action = match key.as_str() {
                                " " | "Spacebar" => Some(Action::Reveal),
                                "a" | "A" => Some(Action::Rate(Verdict::Again)),
                                "k" | "K" => Some(Action::Rate(Verdict::Known)),
                                "Escape" => Some(Action::EndQuiz),
                                _ => None,
                            };
                            if let Some(a) = action {
                                // Space on a focused button would also click it: handle it once, here.
                                e.prevent_default();
                                let ends = a == Action::EndQuiz;
                                d.dispatch(a);
                                if ends {
                                    browser::focus(SEARCH_ID);
                                }
                            }
                        } else if key == "/" {
                            e.prevent_default();
                            browser::focus(SEARCH_ID);
                        }
                    }
                },
            );
            (popstate, leaving, hashchange, keydown)
        };
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (handle, quiz_active, url);
        move || {
            #[cfg(target_arch = "wasm32")]
            drop(listeners);
        }
    });
}
