//! Quiz mode: one card at a time with the answer hidden; Space reveals, A / K rate, Esc ends.
//! The key handling lives in `app.rs` (a document listener); this view offers the same actions as
//! buttons, so everything works by mouse, touch and keyboard.

use llm_qa_core::bank::question;
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::progress::{Quiz, Verdict};
use yew::prelude::*;

use super::rich_text;

pub const QUIZ_HEADING_ID: &str = "quiz-heading";
const QUESTION_ID: &str = "quiz-question";
const ANSWER_ID: &str = "quiz-answer";
const RESULT_ID: &str = "quiz-result";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub quiz: Quiz,
    pub lang: LangChoice,
    pub on_reveal: Callback<()>,
    pub on_rate: Callback<Verdict>,
    pub on_end: Callback<()>,
    pub on_again_round: Callback<Vec<u8>>,
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
    let first_step = use_mut_ref(|| true);
    use_effect_with(step, move |&(_, revealed, done)| {
        if !std::mem::take(&mut *first_step.borrow_mut()) {
            crate::browser::focus(if done {
                RESULT_ID
            } else if revealed {
                ANSWER_ID
            } else {
                QUESTION_ID
            });
        }
    });

    let body = match props.quiz.current().and_then(question) {
        None => {
            let summary = props.quiz.summary();
            let again = summary.again.clone();
            let on_again_round = props.on_again_round.clone();
            html! {
                <div class="quiz__summary">
                    <p class="quiz__result" id={RESULT_ID} tabindex="-1">{lang.quiz_summary(summary.known, summary.total)}</p>
                    <div class="quiz__buttons">
                        if !again.is_empty() {
                            <button type="button" class="button button--primary"
                                onclick={Callback::from(move |_| on_again_round.emit(again.clone()))}>
                                {lang.quiz_again_round(summary.again.len())}
                            </button>
                        }
                        <button type="button" class="button" onclick={end.clone()}>{ui.quiz_back}</button>
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
                    <h3 class="quiz__question" id={QUESTION_ID} tabindex="-1">
                        <span class="card__num">{q.id}</span>
                        {for props.lang.shown().iter().map(|&l| html! {
                            <span class="card__q" lang={l.tag()}>{q.text(l).question_plain}</span>
                        })}
                    </h3>
                    if props.quiz.is_revealed() {
                        <div id={ANSWER_ID} tabindex="-1" class={classes!("card__answers", (props.lang.shown().len() > 1).then_some("card__answers--both"))}>
                            {for props.lang.shown().iter().map(|&l| html! {
                                <div class="answer" lang={l.tag()}>{rich_text::blocks(q.text(l).answer)}</div>
                            })}
                        </div>
                        <div class="quiz__buttons">
                            <button type="button" class="button" aria-keyshortcuts="A" onclick={rate(Verdict::Again)}>
                                {ui.quiz_again}<kbd>{"A"}</kbd>
                            </button>
                            <button type="button" class="button button--primary" aria-keyshortcuts="K" onclick={rate(Verdict::Known)}>
                                {ui.quiz_known}<kbd>{"K"}</kbd>
                            </button>
                        </div>
                    } else {
                        <div class="quiz__buttons">
                            <button type="button" class="button button--primary" aria-keyshortcuts="Space" onclick={reveal}>
                                {ui.quiz_show_answer}<kbd>{"Space"}</kbd>
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
                <button type="button" class="button button--ghost" aria-keyshortcuts="Escape" onclick={end}>{ui.quiz_end}</button>
            </div>
            <p class="quiz__keys">{ui.quiz_keys}</p>
            <div aria-live="polite">{body}</div>
        </section>
    }
}
