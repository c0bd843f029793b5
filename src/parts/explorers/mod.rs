//! Interactive explorers that live inside their question's card, built only while the card is open.
//! Each file renders one model from `llm_qa_core::explore`; a single `Explorer` component holds
//! whichever model a card has (one component type rather than eight keeps the wasm small). Which
//! card holds which explorer, and which view renders it, is the registry's
//! (`llm_qa_core::explorers!`): adding an explorer is `docs/explorers.md`'s checklist.

mod attention;
mod beam;
mod cross_entropy;
mod jacobian;
mod kl;
mod masks;
mod pca;
mod positional;
mod relu;
mod scaling;
mod softmax;
mod tokenizer;
mod widgets;

use llm_qa_core::explore::{model_for, Model};
use llm_qa_core::i18n::{Lang, LangChoice};
use yew::prelude::*;

use widgets::Ctx;

/// Renders a model with the view its line of the explorers' registry names
/// (`llm_qa_core::explorers!`): `softmax::view` for `Model::Softmax`, …
macro_rules! views {
    ($($variant:ident($model:ty, $view:ident) [$($card:literal => $preset:ident),+ $(,)?]),+ $(,)?) => {
        fn view(model: &Model, ctx: &Ctx, set: Callback<Model>) -> Html {
            match model {
                $(Model::$variant(s) => $view::view(s, ctx, set.reform(Model::$variant)),)+
            }
        }
    };
}

llm_qa_core::explorers!(views);

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
    view(&model, &ctx, set)
}
