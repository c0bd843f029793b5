//! Turns the search box and the topic chip into the list of cards to show, with what to highlight.
//! The index is built once, on first use, from the bank's text (which, in the first stage, must
//! have been fetched in full by then: `crate::texts::can_search`).

use std::collections::HashMap;
use std::rc::Rc;

use llm_qa_core::i18n::Lang;
use llm_qa_core::search::{Marked, SearchIndex};

thread_local! {
    static INDEX: SearchIndex = SearchIndex::from_bank();
}

/// A piece of text and the byte ranges in it that matched.
pub type MarkedText = (String, Vec<(usize, usize)>);

/// What the search found in a card, ready to show: per language, the question and an answer excerpt
/// with their matched ranges.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CardHits {
    pub question: [Vec<(usize, usize)>; 2],
    pub excerpt: [Option<MarkedText>; 2],
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// Card ids in the order to show them: best match first, or by id without a query.
    pub ids: Vec<u8>,
    pub hits: HashMap<u8, Rc<CardHits>>,
    /// No card matched every word: these are the closest matches.
    pub partial: bool,
}

fn ranges(m: &Marked<'_>) -> Vec<(usize, usize)> {
    m.ranges.iter().map(|r| (r.start, r.end)).collect()
}

/// The cards for `query` and `topic`. `ready`: the search has the text it reads
/// (`crate::texts::can_search`); until then every card is listed, as before a search.
pub fn listing(query: &str, topic: Option<usize>, ready: bool) -> Listing {
    // No search and no topic: every card in order. The index is then not built at start-up (it costs
    // a few milliseconds of the first render) but on the first search.
    if (query.trim().is_empty() && topic.is_none()) || !ready {
        return Listing {
            ids: llm_qa_core::bank::QUESTIONS.iter().map(|q| q.id).collect(),
            ..Listing::default()
        };
    }
    INDEX.with(|index| {
        let results = index.search(query, topic);
        let mut out = Listing {
            partial: results.partial,
            ..Listing::default()
        };
        for hit in &results.hits {
            let Ok(id) = u8::try_from(hit.id) else {
                continue;
            };
            out.ids.push(id);
            if !results.is_everything() {
                let h = index.highlight(&results, hit);
                let excerpt = |l: Lang| {
                    let m = h.excerpt(l);
                    (!m.text.is_empty()).then(|| (m.text.to_string(), ranges(m)))
                };
                out.hits.insert(
                    id,
                    Rc::new(CardHits {
                        question: [ranges(h.question(Lang::En)), ranges(h.question(Lang::Zh))],
                        excerpt: [excerpt(Lang::En), excerpt(Lang::Zh)],
                    }),
                );
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_lists_every_card_in_order() {
        let l = listing("", None, true);
        assert_eq!(l.ids, (1..=50).collect::<Vec<u8>>());
        assert!(l.hits.is_empty() && !l.partial);
        // The shortcut that skips the index gives what the index itself would.
        let via_index: Vec<u8> = INDEX.with(|i| {
            let r = i.search(" ", None);
            assert!(r.is_everything() && !r.partial);
            r.hits.iter().map(|h| h.id as u8).collect()
        });
        assert_eq!(l.ids, via_index);
    }

    #[test]
    fn a_query_ranks_and_carries_highlights() {
        let l = listing("beam search", None, true);
        assert_eq!(l.ids.first(), Some(&5));
        let hits = &l.hits[&5];
        assert!(
            !hits.question[0].is_empty(),
            "the English question has a match"
        );
        let (text, marks) = hits.excerpt[0].clone().expect("an English excerpt");
        assert!(marks
            .iter()
            .all(|&(s, e)| text.is_char_boundary(s) && text.is_char_boundary(e)));
    }

    #[test]
    fn the_topic_chip_narrows_the_list() {
        let math = llm_qa_core::bank::TOPICS
            .iter()
            .position(|t| t.id == "math")
            .unwrap();
        let l = listing("", Some(math), true);
        assert!(l.ids.contains(&23) && !l.ids.contains(&1));
    }
}
