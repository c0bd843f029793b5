//! The list of question cards. Every card stays in the document: the ones the search, topic and
//! study filter leave out are hidden, not removed, so a keystroke changes attributes and order
//! instead of building and tearing down whole answers. It is its own component so that a change
//! elsewhere on the page (a lab slider, the toolbar) does not touch the list at all.

use std::collections::BTreeSet;
use std::rc::Rc;

use llm_qa_core::bank;
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::progress::{Mark, Marks};
use yew::prelude::*;

use super::card::Card;
use super::explorers::ExploreChange;
use crate::search_view::Listing;
use crate::state::{display_order, ExploreUrl};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: LangChoice,
    /// What the search found: highlights per card.
    pub listing: Rc<Listing>,
    /// The cards to show, in order; every other card is hidden after them.
    pub visible: Rc<Vec<u8>>,
    pub open: BTreeSet<u8>,
    pub marks: Marks,
    pub explore: Rc<ExploreUrl>,
    pub on_open: Callback<(u8, bool)>,
    pub on_mark: Callback<(u8, Mark)>,
    pub on_explore: Callback<ExploreChange>,
}

#[component]
pub fn CardList(props: &Props) -> Html {
    let ui = props.lang.ui().ui();
    let order = use_memo(props.visible.clone(), |v| display_order(v));
    let shown = props.visible.len();
    html! {
        <ol class="cards" aria-label={ui.question_label}>
            {for order.iter().enumerate().filter_map(|(at, &id)| bank::question(id).map(|q| (at < shown, q))).map(|(listed, q)| html! {
                <li key={q.id} hidden={!listed}>
                    <Card
                        question={q}
                        lang={props.lang}
                        open={props.open.contains(&q.id)}
                        known={props.marks.has(q.id, Mark::Known)}
                        starred={props.marks.has(q.id, Mark::Starred)}
                        hits={listed.then(|| props.listing.hits.get(&q.id).cloned()).flatten()}
                        on_open={props.on_open.clone()}
                        on_mark={props.on_mark.clone()}
                        explore={props.explore.for_card(q.id).then(|| props.explore.clone())}
                        explore_generation={props.explore.generation}
                        on_explore={props.on_explore.clone()}
                    />
                </li>
            })}
        </ol>
    }
}
