//! Quiz mode: one card at a time with the answer hidden; Space reveals, A / K rate, Esc ends.
//! The key handling lives in `app.rs` (a document listener); this view offers the same actions as
//! buttons, so everything works by mouse, touch and keyboard.

use llm_qa_core::bank::question;
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::progress::{Quiz, Verdict};
use yew::prelude::*;

use super::rich_text;

pub const QUIZ_HEADING_ID: &str = "quiz-heading";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub quiz: Quiz,
    pub lang: LangChoice,
    pub on_reveal: Callback<()>,
    pub on_rate: Callback<Verdict>,
    pub on_end: Callback<()>,
    pub on_again_round: Callback<Vec<u8>>,
    /// In the app, keys work too (a document listener there) and ending goes back to the cards. An
    /// embed has no keys of its own (it must not take a blog's keyboard), and ending starts over.
    #[prop_or(true)]
    pub in_app: bool,
}

#[component]
pub fn QuizView(props: &Props) -> Html {
    let lang = props.lang.ui();
    let ui = lang.ui();
    let end = {
        let on_end = props.on_end.clone();
        Callback::from(move |_| on_end.emit(()))
    };

    // Each step replaces the button that was pressed: move focus to what the step shows (the answer,
    // the next question, the result) rather than let it fall to <body>. The quiz's first render is
    // left alone: the app focuses the quiz heading then.
    let step = (
        props.quiz.position(),
        props.quiz.is_revealed(),
        props.quiz.is_done(),
    );
    // Node refs, not ids: an embed's quiz lives in a shadow root, where ids are not found from the
    // document, and two embeds on one page would share them.
    let (question_ref, answer_ref, result_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    let first_step = use_mut_ref(|| true);
    {
        let refs = (question_ref.clone(), answer_ref.clone(), result_ref.clone());
        use_effect_with(step, move |&(_, revealed, done)| {
            if !std::mem::take(&mut *first_step.borrow_mut()) {
                let target = if done {
                    &refs.2
                } else if revealed {
                    &refs.1
                } else {
                    &refs.0
                };
                if let Some(el) = target.cast::<web_sys::HtmlElement>() {
                    el.focus().ok();
                }
            }
        });
    }
    let in_app = props.in_app;
    let end_label = if in_app { ui.quiz_end } else { ui.quiz_restart };
    let back_label = if in_app {
        ui.quiz_back
    } else {
        ui.quiz_restart
    };
    let key = |k: &'static str| in_app.then(|| html! { <kbd>{k}</kbd> });
    let shortcut = |k: &'static str| in_app.then_some(k);

    let body = match props.quiz.current().and_then(question) {
        None => {
            let summary = props.quiz.summary();
            let again = summary.again.clone();
            let on_again_round = props.on_again_round.clone();
            html! {
                <div class="quiz__summary">
                    <p class="quiz__result" ref={result_ref} tabindex="-1">{lang.quiz_summary(summary.known, summary.total)}</p>
                    <div class="quiz__buttons">
                        if !again.is_empty() {
                            <button type="button" class="button button--primary"
                                onclick={Callback::from(move |_| on_again_round.emit(again.clone()))}>
                                {lang.quiz_again_round(summary.again.len())}
                            </button>
                        }
                        <button type="button" class="button" onclick={end.clone()}>{back_label}</button>
                    </div>
                </div>
            }
        }
        Some(q) => {
            let (at, of) = props.quiz.position();
            let reveal = {
                let on_reveal = props.on_reveal.clone();
                Callback::from(move |_| on_reveal.emit(()))
            };
            let rate = |v: Verdict| {
                let on_rate = props.on_rate.clone();
                Callback::from(move |_| on_rate.emit(v))
            };
            html! {
                <div class="quiz__card">
                    <p class="quiz__position">{lang.quiz_position(at, of)}</p>
                    <h3 class="quiz__question" ref={question_ref} tabindex="-1">
                        <span class="card__num">{q.id}</span>
                        {for props.lang.shown().iter().map(|&l| html! {
                            <span class="card__q" lang={l.tag()}>{q.text(l).question_plain}</span>
                        })}
                    </h3>
                    if props.quiz.is_revealed() {
                        <div ref={answer_ref} tabindex="-1" class={classes!("card__answers", (props.lang.shown().len() > 1).then_some("card__answers--both"))}>
                            {for props.lang.shown().iter().map(|&l| html! {
                                <div class="answer" lang={l.tag()}>{rich_text::answer(&q.text(l))}</div>
                            })}
                        </div>
                        <div class="quiz__buttons">
                            <button type="button" class="button" aria-keyshortcuts={shortcut("A")} onclick={rate(Verdict::Again)}>
                                {ui.quiz_again}{key("A")}
                            </button>
                            <button type="button" class="button button--primary" aria-keyshortcuts={shortcut("K")} onclick={rate(Verdict::Known)}>
                                {ui.quiz_known}{key("K")}
                            </button>
                        </div>
                    } else {
                        <div class="quiz__buttons">
                            <button type="button" class="button button--primary" aria-keyshortcuts={shortcut("Space")} onclick={reveal}>
                                {ui.quiz_show_answer}{key("Space")}
                            </button>
                        </div>
                    }
                </div>
            }
        }
    };

    html! {
        <section class="quiz" aria-labelledby={QUIZ_HEADING_ID}>
            <div class="quiz__head">
                <h2 id={QUIZ_HEADING_ID} tabindex="-1">{ui.quiz_title}</h2>
                <button type="button" class="button button--ghost" aria-keyshortcuts={shortcut("Escape")} onclick={end}>{end_label}</button>
            </div>
            if in_app {
                <p class="quiz__keys">{ui.quiz_keys}</p>
            }
            <div aria-live="polite">{body}</div>
        </section>
    }
}
