//! The list of question cards. Every card stays in the document: the ones the search, topic and
//! study filter leave out are hidden, not removed, so a keystroke changes attributes and order
//! instead of building and tearing down whole answers. It is its own component so that a change
//! elsewhere on the page (a lab slider, the toolbar) does not touch the list at all.
//!
//! **Islands.** On a prerendered page the cards are most of what hydration would walk, in one long
//! task that holds the phone's main thread. So the list hydrates them later, one card per task, as
//! deferred-hydration islands (`crate::island`, whose rules they follow): at first each card is only
//! its prerendered HTML, owned by the list as raw markup, and each is then hydrated in place as an
//! app of its own. Without prerendered HTML (development builds, the tests' own renders, the list
//! rebuilt after a quiz) the cards are plain children.

use llm_qa_core::idset::IdSet;
use std::rc::Rc;

use llm_qa_core::bank::{self, Question};
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::progress::{Mark, Marks};
use yew::prelude::*;

use super::card::{host_id, Card, ExploreChange, Props as CardProps};
use crate::hooks::use_islands;
use crate::island;
use crate::search_view::Listing;
use crate::state::{display_order, ExploreUrl};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: LangChoice,
    /// What the search found: highlights per card.
    pub listing: Rc<Listing>,
    /// The cards to show, in order; every other card is hidden after them.
    pub visible: Rc<Vec<u8>>,
    pub open: IdSet,
    pub marks: Marks,
    pub explore: Rc<ExploreUrl>,
    pub on_open: Callback<(u8, bool)>,
    pub on_mark: Callback<(u8, Mark)>,
    pub on_explore: Callback<ExploreChange>,
    /// The list is being hydrated from prerendered HTML in `islands_lang`: hydrate the cards as
    /// islands (see the module's notes). Read once, when the list is created.
    #[prop_or_default]
    pub islands_lang: Option<LangChoice>,
}

/// What card `q` is given, in the list as it stands.
fn card_props(props: &Props, q: &'static Question, listed: bool) -> CardProps {
    CardProps {
        question: q,
        lang: props.lang,
        open: props.open.contains(&q.id),
        known: props.marks.has(q.id, Mark::Known),
        starred: props.marks.has(q.id, Mark::Starred),
        hits: listed
            .then(|| props.listing.hits.get(&q.id).cloned())
            .flatten(),
        on_open: props.on_open.clone(),
        on_mark: props.on_mark.clone(),
        explore: props.explore.for_card(q.id).then(|| props.explore.clone()),
        explore_generation: props.explore.generation,
        in_app: true,
        on_explore: Some(props.on_explore.clone()),
    }
}

#[component]
pub fn CardList(props: &Props) -> Html {
    let ui = props.lang.ui().ui();
    let order = use_memo(props.visible.clone(), |v| display_order(v));
    let shown = props.visible.len();
    // Fixed for the life of the list: islands only when created by hydration.
    let islands = *use_state(|| props.islands_lang);
    let cards: Vec<(bool, &'static Question)> = order
        .iter()
        .enumerate()
        .filter_map(|(at, &id)| bank::question(id).map(|q| (at < shown, q)))
        .collect();

    let list = use_node_ref();
    // What each island card should show now (only a list made by hydration has islands).
    let desired = match islands {
        Some(_) => cards
            .iter()
            .map(|&(listed, q)| (host_id(q.id), card_props(props, q, listed)))
            .collect(),
        None => Vec::new(),
    };
    use_islands::<Card>(islands, desired, list.clone(), "data-cards");

    html! {
        <ol class="cards" aria-label={ui.question_label} ref={list}>
            {for cards.iter().map(|&(listed, q)| html! {
                <li key={q.id} hidden={!listed}>
                    if islands.is_some() {
                        {island::markup(&host_id(q.id))}
                    } else {
                        <Card ..card_props(props, q, listed) />
                    }
                </li>
            })}
        </ol>
    }
}

/// Prerenders every card for `lang`, for the list's islands to embed: the prerender binary calls
/// this before it renders the app in that language (`crate::island`, rule 3).
#[cfg(feature = "ssr")]
pub async fn set_prerendered_cards(lang: LangChoice) {
    for q in bank::QUESTIONS {
        island::set_prerendered::<Card>(host_id(q.id), CardProps::prerendered(q, lang, None)).await;
    }
}
