//! The embedded widget: the cards, the lab or a quiz, as `<llm-interview-cards>` or `embed.html`
//! ask, without the app's header, search and study marks. Each embed keeps its own state.

use llm_qa_core::idset::IdSet;

use llm_qa_core::bank::{self, SOURCE};
use llm_qa_core::embed::{EmbedSpec, View};
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::part::Part;
use llm_qa_core::progress::{Quiz, Verdict};
use yew::prelude::*;

use super::card::Card;
use super::part_slot::PartSlot;
use super::quiz::QuizView;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: EmbedSpec,
    /// The language shown: the spec's, or the reader's browser languages when it names none.
    pub lang: LangChoice,
    /// The full app's address, for the link under the widget.
    pub app_url: AttrValue,
}

#[component]
pub fn EmbedApp(props: &Props) -> Html {
    let ui = props.lang.ui().ui();
    let body = match props.spec.view {
        View::Cards => html! { <EmbedCards ids={props.spec.shown()} lang={props.lang} /> },
        View::Lab => html! {
            <section class="lab-section" aria-label={ui.lab_title}>
                <PartSlot part={Part::PAGE_LAB} lang={props.lang} lazy=true />
            </section>
        },
        // Keyed by its questions: a changed attribute starts a new quiz.
        View::Quiz => {
            let ids = props.spec.shown();
            let key = format!("{ids:?}");
            html! { <EmbedQuiz {key} {ids} lang={props.lang} /> }
        }
    };
    html! {
        <div class="embed" data-theme={props.spec.theme.code()} lang={props.lang.ui().tag()}>
            {body}
            <p class="embed__credit">
                <a href={props.app_url.clone()} target="_blank" rel="noopener">{ui.embed_open_app}</a>
                {" · "}{ui.source_label}{" "}<cite lang="en">{SOURCE.title}</cite>{", "}{SOURCE.author}
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CardsProps {
    ids: Vec<u8>,
    lang: LangChoice,
}

#[component]
fn EmbedCards(props: &CardsProps) -> Html {
    let open = use_state(IdSet::new);
    let on_open = {
        let open = open.clone();
        use_callback((), move |(id, now): (u8, bool), _| {
            let mut set = *open;
            if now {
                set.insert(id);
            } else {
                set.remove(&id);
            }
            open.set(set);
        })
    };
    let ui = props.lang.ui().ui();
    html! {
        <ol class="cards" aria-label={ui.question_label}>
            {for props.ids.iter().filter_map(|&id| bank::question(id)).map(|q| html! {
                <li key={q.id}>
                    <Card
                        question={q}
                        lang={props.lang}
                        open={open.contains(&q.id)}
                        known=false
                        starred=false
                        on_open={on_open.clone()}
                        on_mark={Callback::noop()}
                        in_app=false
                    />
                </li>
            })}
        </ol>
    }
}

#[derive(Properties, PartialEq)]
struct QuizProps {
    ids: Vec<u8>,
    lang: LangChoice,
}

#[component]
fn EmbedQuiz(props: &QuizProps) -> Html {
    let quiz = {
        let ids = props.ids.clone();
        use_state(move || Quiz::new(ids, None))
    };
    let update = |f: fn(&mut Quiz)| {
        let quiz = quiz.clone();
        Callback::from(move |_| {
            let mut q = (*quiz).clone();
            f(&mut q);
            quiz.set(q);
        })
    };
    let on_rate = {
        let quiz = quiz.clone();
        Callback::from(move |v: Verdict| {
            let mut q = (*quiz).clone();
            q.rate(v);
            quiz.set(q);
        })
    };
    let restart = {
        let (quiz, ids) = (quiz.clone(), props.ids.clone());
        Callback::from(move |_| quiz.set(Quiz::new(ids.clone(), None)))
    };
    let again = {
        let quiz = quiz.clone();
        Callback::from(move |ids: Vec<u8>| quiz.set(Quiz::new(ids, None)))
    };
    html! {
        <QuizView
            quiz={(*quiz).clone()}
            lang={props.lang}
            on_reveal={update(Quiz::reveal)}
            {on_rate}
            on_end={restart}
            on_again_round={again}
            in_app=false
        />
    }
}
