//! Wires a parent's islands (`crate::island`) to its renders and to the events in it.

use llm_qa_core::i18n::LangChoice;
use yew::prelude::*;

use crate::island::Island;

/// Keeps the islands of a parent made by hydration (`lang`: the language its page was prerendered
/// in; `None` when the parent renders its children itself) in step with `desired`, the props each
/// island (named by its host's id) should have now, in display order. `container` is the parent's
/// element, where presses, focus and clicks on islands not yet hydrated are heard. Once every island
/// has rendered, `<html>` gets `all_live_attr="live"`. Read once, when the parent is created:
/// `lang`, `container`, `all_live_attr`.
#[cfg(all(target_arch = "wasm32", feature = "hydration"))]
#[hook]
pub fn use_islands<C: Island>(
    lang: Option<LangChoice>,
    desired: Vec<(String, C::Properties)>,
    container: NodeRef,
    all_live_attr: &'static str,
) {
    use crate::island::Islands;
    use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};

    let islands = use_mut_ref(|| lang.map(|lang| Islands::<C>::new(lang, all_live_attr)));
    let islands = islands.borrow().clone();
    {
        let islands = islands.clone();
        use_effect(move || {
            if let Some(islands) = &islands {
                Islands::want(islands, desired);
            }
            || ()
        });
    }
    use_effect_with((), move |_| {
        let listeners = islands.as_ref().zip(container.get()).map(|(islands, el)| {
            let soon = ["pointerdown", "focusin"].map(|kind| {
                let islands = islands.clone();
                EventListener::new_with_options(
                    &el,
                    kind,
                    EventListenerOptions::run_in_capture_phase(),
                    move |e| Islands::soon(&islands, e),
                )
            });
            let islands = islands.clone();
            let click = EventListener::new_with_options(
                &el,
                "click",
                EventListenerOptions {
                    phase: EventListenerPhase::Capture,
                    passive: false,
                },
                move |e| Islands::click(&islands, e),
            );
            (soon, click)
        });
        move || {
            drop(listeners);
            if let Some(islands) = &islands {
                Islands::leave(islands);
            }
        }
    });
}

/// Native builds (the prerenderer, tests) and builds without hydration never hydrate.
#[cfg(not(all(target_arch = "wasm32", feature = "hydration")))]
#[hook]
pub fn use_islands<C: Island>(
    _lang: Option<LangChoice>,
    _desired: Vec<(String, C::Properties)>,
    _container: NodeRef,
    _all_live_attr: &'static str,
) {
}
