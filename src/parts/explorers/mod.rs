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
use llm_qa_core::explore::UrlState;
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

impl Model {
    /// The prefix of this explorer's URL keys.
    fn prefix(&self) -> &'static str {
        match self {
            Model::Tokenizer(_) => "tk.",
            Model::Attention(_) => "at.",
            Model::Beam(_) => "bs.",
            Model::Positional(_) => "pe.",
            Model::Softmax(_) => "sm.",
            Model::CrossEntropy(_) => "ce.",
            Model::Kl(_) => "kl.",
            Model::Relu(_) => "re.",
        }
    }

    /// This model with the URL's settings applied on top of it, or unchanged (no warnings) when the
    /// URL has none of its keys.
    pub fn with_url(&self, pairs: &[(String, String)]) -> (Model, Vec<String>) {
        if !pairs.iter().any(|(k, _)| k.starts_with(self.prefix())) {
            return (self.clone(), Vec::new());
        }
        fn read<T>((m, w): (T, Vec<String>), wrap: fn(T) -> Model) -> (Model, Vec<String>) {
            (wrap(m), w)
        }
        match self {
            Model::Tokenizer(s) => read(s.with_url(pairs), Model::Tokenizer),
            Model::Attention(s) => read(s.with_url(pairs), Model::Attention),
            Model::Beam(s) => read(s.with_url(pairs), Model::Beam),
            Model::Positional(s) => read(s.with_url(pairs), Model::Positional),
            Model::Softmax(s) => read(s.with_url(pairs), Model::Softmax),
            Model::CrossEntropy(s) => read(s.with_url(pairs), Model::CrossEntropy),
            Model::Kl(s) => read(s.with_url(pairs), Model::Kl),
            Model::Relu(s) => read(s.with_url(pairs), Model::Relu),
        }
    }

    /// The URL keys for the settings that differ from `base` (the card's preset), none when equal.
    /// A model of another kind than `base` writes nothing.
    pub fn url_from(&self, base: &Model) -> Vec<(String, String)> {
        match (self, base) {
            (Model::Tokenizer(s), Model::Tokenizer(b)) => s.url_from(b),
            (Model::Attention(s), Model::Attention(b)) => s.url_from(b),
            (Model::Beam(s), Model::Beam(b)) => s.url_from(b),
            (Model::Positional(s), Model::Positional(b)) => s.url_from(b),
            (Model::Softmax(s), Model::Softmax(b)) => s.url_from(b),
            (Model::CrossEntropy(s), Model::CrossEntropy(b)) => s.url_from(b),
            (Model::Kl(s), Model::Kl(b)) => s.url_from(b),
            (Model::Relu(s), Model::Relu(b)) => s.url_from(b),
            _ => Vec::new(),
        }
    }
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

/// The explorer for card `id`, if it has one, starting from the URL keys in `pairs` (what they do not
/// set stays at the card's preset). `on_change` hears the explorer's URL keys after every change.
pub fn explorer_for(
    id: u8,
    lang: LangChoice,
    pairs: &[(String, String)],
    on_change: Callback<Vec<(String, String)>>,
) -> Option<Html> {
    let preset = model_for(id)?;
    let (initial, warnings) = preset.with_url(pairs);
    for w in warnings {
        crate::browser::warn(&w);
    }
    Some(html! {
        <div class="card__explorer">
            <Explorer card={id} lang={lang.ui()} {preset} {initial} {on_change} />
        </div>
    })
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub card: u8,
    pub lang: Lang,
    /// The card's own starting point: the URL says only what differs from it.
    pub preset: Model,
    pub initial: Model,
    pub on_change: Callback<Vec<(String, String)>>,
}

/// One explorer with its own settings and table toggle.
#[component]
pub fn Explorer(props: &Props) -> Html {
    let model = use_state(|| props.initial.clone());
    let tables_open = use_state(|| false);
    let ctx = Ctx {
        id: AttrValue::from(format!("q{}-x", props.card)),
        lang: props.lang,
        tables_open: *tables_open,
        toggle_tables: {
            let open = tables_open.clone();
            Callback::from(move |_| open.set(!*open))
        },
    };
    let set = {
        let model = model.clone();
        let (on_change, preset) = (props.on_change.clone(), props.preset.clone());
        Callback::from(move |m: Model| {
            on_change.emit(m.url_from(&preset));
            model.set(m)
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A card's preset moved somewhere else, through one of the kind's own keys.
    fn moved(m: &Model) -> Model {
        let key = match m {
            Model::Tokenizer(_) => ("tk.m", "12"),
            Model::Attention(_) => ("at.h", "3"),
            Model::Beam(_) => ("bs.k", "4"),
            Model::Positional(_) => ("pe.n", "12"),
            Model::Softmax(_) => ("sm.t", "2"),
            Model::CrossEntropy(_) => ("ce.p", "0.3"),
            Model::Kl(_) => ("kl.p", "0.5,0.5,0,0"),
            Model::Relu(_) => ("re.f", "gelu"),
        };
        let (m, w) = m.with_url(&[(key.0.into(), key.1.into())]);
        assert!(w.is_empty(), "{key:?}: {w:?}");
        m
    }

    #[test]
    fn settings_written_against_a_card_preset_read_back_onto_it() {
        for id in 1..=50 {
            let Some(preset) = model_for(id) else {
                continue;
            };
            assert!(
                preset.url_from(&preset).is_empty(),
                "card {id}: preset writes nothing"
            );
            assert_eq!(
                preset.with_url(&[]).0,
                preset,
                "card {id}: no keys, no change"
            );
            let moved = moved(&preset);
            assert_ne!(moved, preset, "card {id}");
            let pairs = moved.url_from(&preset);
            let (back, warnings) = preset.with_url(&pairs);
            assert!(warnings.is_empty(), "card {id}: {warnings:?}");
            assert_eq!(back, moved, "card {id}: {pairs:?}");
        }
    }

    /// The first stage offers an explorer exactly where this registry has one.
    #[test]
    fn the_first_stage_offers_exactly_the_registered_explorers() {
        let registered: Vec<u8> = (1..=50).filter(|&id| model_for(id).is_some()).collect();
        assert_eq!(registered, llm_qa_core::part::EXPLORER_CARDS);
    }

    #[test]
    fn keys_of_another_explorer_leave_a_model_alone() {
        let softmax = model_for(23).unwrap();
        let pairs = vec![("at.h".to_string(), "3".to_string())];
        assert_eq!(softmax.with_url(&pairs), (softmax.clone(), vec![]));
        let (attention, w) = model_for(22).unwrap().with_url(&pairs);
        assert!(w.is_empty());
        assert!(matches!(attention, Model::Attention(a) if a.heads == 3));
    }
}
