//! Interactive explorers that live inside their question's card, built only while the card is open.
//! Each file renders one model from `llm_qa_core::explore`; a single `Explorer` component holds
//! whichever model a card has (one component type rather than eight keeps the wasm small).

mod attention;
mod beam;
mod cross_entropy;
mod kl;
mod positional;
mod relu;
mod softmax;
mod tokenizer;
mod widgets;

use llm_qa_core::explore::attention::Attention;
use llm_qa_core::explore::beam::BeamSettings;
use llm_qa_core::explore::bpe::Tokenizer;
use llm_qa_core::explore::cross_entropy::CrossEntropy;
use llm_qa_core::explore::kl::Kl;
use llm_qa_core::explore::positional::Positional;
use llm_qa_core::explore::relu::Activations;
use llm_qa_core::explore::softmax::Softmax;
use llm_qa_core::i18n::{Lang, LangChoice};
use yew::prelude::*;

use widgets::Ctx;

/// The settings of whichever explorer a card shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    Tokenizer(Tokenizer),
    Attention(Attention),
    Beam(BeamSettings),
    Positional(Positional),
    Softmax(Softmax),
    CrossEntropy(CrossEntropy),
    Kl(Kl),
    Relu(Activations),
}

/// The explorer a card starts with, if it has one.
pub fn model_for(id: u8) -> Option<Model> {
    Some(match id {
        1 => Model::Tokenizer(Tokenizer::for_tokenization()),
        16 => Model::Tokenizer(Tokenizer::default()),
        2 => Model::Attention(Attention::default()),
        22 => Model::Attention(Attention::for_multi_head()),
        32 => Model::Attention(Attention::for_scores()),
        5 => Model::Beam(BeamSettings::default()),
        21 => Model::Positional(Positional::default()),
        23 => Model::Softmax(Softmax::default()),
        25 => Model::CrossEntropy(CrossEntropy::default()),
        29 => Model::Kl(Kl::default()),
        30 => Model::Relu(Activations::default()),
        _ => return None,
    })
}

/// The explorer for a card, if it has one.
pub fn explorer_for(id: u8, lang: LangChoice) -> Option<Html> {
    let initial = model_for(id)?;
    Some(html! {
        <div class="card__explorer">
            <Explorer id={format!("q{id}-x")} lang={lang.ui()} {initial} />
        </div>
    })
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub lang: Lang,
    pub initial: Model,
}

/// One explorer with its own settings and table toggle.
#[component]
pub fn Explorer(props: &Props) -> Html {
    let model = use_state(|| props.initial.clone());
    let tables_open = use_state(|| false);
    let ctx = Ctx {
        id: props.id.clone(),
        lang: props.lang,
        tables_open: *tables_open,
        toggle_tables: {
            let open = tables_open.clone();
            Callback::from(move |_| open.set(!*open))
        },
    };
    let set = {
        let model = model.clone();
        Callback::from(move |m: Model| model.set(m))
    };
    match &*model {
        Model::Tokenizer(s) => tokenizer::view(s, &ctx, set.reform(Model::Tokenizer)),
        Model::Attention(s) => attention::view(s, &ctx, set.reform(Model::Attention)),
        Model::Beam(s) => beam::view(s, &ctx, set.reform(Model::Beam)),
        Model::Positional(s) => positional::view(s, &ctx, set.reform(Model::Positional)),
        Model::Softmax(s) => softmax::view(s, &ctx, set.reform(Model::Softmax)),
        Model::CrossEntropy(s) => cross_entropy::view(s, &ctx, set.reform(Model::CrossEntropy)),
        Model::Kl(s) => kl::view(s, &ctx, set.reform(Model::Kl)),
        Model::Relu(s) => relu::view(s, &ctx, set.reform(Model::Relu)),
    }
}
