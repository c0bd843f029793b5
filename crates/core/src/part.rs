//! The parts of the app that load in its second stage: the sampling labs and the explorers. The first
//! stage (reading, search, language, study marks) only knows where a part goes and what to hand it; the
//! part's code ships in a wasm of its own, fetched when a part is about to be shown (`docs/perf.md`,
//! "Two stages").
//!
//! A part is an `<llm-part kind=… card=… language=… state=…>` element: attributes in, an `llm-part-change`
//! event with the part's new `state` out. `state` is a query string of the part's own URL keys (the lab's
//! `t`, `p`, …; an explorer's `sm.t`, …), so that the first stage can carry it in the address bar without
//! knowing what it means. Everything here is untrusted text from the page: what does not parse is
//! refused with a message, never acted on.

use crate::route::{encode_component, parse_query};

/// The cards that hold an explorer, in card order: those of the explorers' registry
/// (`crate::explore`), so a card named here always finds its explorer and no other is offered one.
pub const EXPLORER_CARDS: [u8; crate::explore::CARDS.len()] = crate::explore::CARDS;

/// The cards that hold a sampling lab set up to show that card's point.
pub const LAB_CARDS: [u8; 2] = [6, 12];

/// What kind of part: a sampling lab or an explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Lab,
    Explorer,
}

/// One part as its element names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Part {
    pub kind: Kind,
    /// The card it sits in: it picks the part's preset (and, for an explorer, which one). A lab with
    /// none is the page's own lab, or an embedded one.
    pub card: Option<u8>,
}

impl Part {
    pub const PAGE_LAB: Part = Part {
        kind: Kind::Lab,
        card: None,
    };

    pub fn explorer(card: u8) -> Part {
        Part {
            kind: Kind::Explorer,
            card: Some(card),
        }
    }

    pub fn lab(card: u8) -> Part {
        Part {
            kind: Kind::Lab,
            card: Some(card),
        }
    }

    /// The part card `id` holds, if any. A card has at most one.
    pub fn in_card(id: u8) -> Option<Part> {
        if EXPLORER_CARDS.contains(&id) {
            Some(Part::explorer(id))
        } else if LAB_CARDS.contains(&id) {
            Some(Part::lab(id))
        } else {
            None
        }
    }

    /// The `kind` attribute.
    pub fn kind_attr(self) -> &'static str {
        match self.kind {
            Kind::Lab => "lab",
            Kind::Explorer => "explorer",
        }
    }

    /// Reads the `kind` and `card` attributes (absent ones are `None`).
    pub fn parse(kind: Option<&str>, card: Option<&str>) -> Result<Part, String> {
        let quote = |s: &str| crate::route::quote_clipped(s, 24);
        let card = match card.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => match c.parse::<u8>() {
                Ok(id) if (1..=50).contains(&id) => Some(id),
                _ => return Err(format!("card={}: not a question number 1–50", quote(c))),
            },
        };
        match kind.map(str::trim) {
            Some("lab") => match card {
                Some(id) if !LAB_CARDS.contains(&id) => Err(format!(
                    "card {id} has no sampling lab (cards {LAB_CARDS:?} do; leave card out for the full lab)"
                )),
                _ => Ok(Part {
                    kind: Kind::Lab,
                    card,
                }),
            },
            Some("explorer") => match card {
                Some(id) if EXPLORER_CARDS.contains(&id) => Ok(Part::explorer(id)),
                Some(id) => Err(format!("card {id} has no explorer")),
                None => Err("an explorer needs card=… (one of the cards that have one)".into()),
            },
            Some(other) => Err(format!(
                "kind={}: use lab or explorer",
                quote(other)
            )),
            None => Err("kind is missing: use lab or explorer".into()),
        }
    }

    /// The prefix of the element ids inside the part, unique on a page that shows each part once.
    pub fn id_prefix(self) -> String {
        match (self.kind, self.card) {
            (Kind::Lab, None) => "lab".into(),
            (Kind::Lab, Some(id)) => format!("q{id}-lab"),
            (Kind::Explorer, Some(id)) => format!("q{id}-x"),
            (Kind::Explorer, None) => "x".into(),
        }
    }
}

/// A part's `state` attribute from its URL keys: `sm.t=2&sm.x=1`, each value percent-encoded.
pub fn encode_state(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The URL keys of a `state` attribute (the inverse of `encode_state`; at most 50 pairs).
pub fn decode_state(state: &str) -> Vec<(String, String)> {
    parse_query(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_card_holds_at_most_one_part() {
        for id in EXPLORER_CARDS {
            assert!(!LAB_CARDS.contains(&id), "card {id}");
        }
        assert_eq!(Part::in_card(23), Some(Part::explorer(23)));
        assert_eq!(Part::in_card(6), Some(Part::lab(6)));
        assert_eq!(Part::in_card(3), None);
    }

    #[test]
    fn attributes_round_trip_and_bad_ones_are_refused() {
        for id in 1..=50 {
            if let Some(p) = Part::in_card(id) {
                let card = p.card.map(|c| c.to_string());
                assert_eq!(Part::parse(Some(p.kind_attr()), card.as_deref()), Ok(p));
            }
        }
        assert_eq!(Part::parse(Some("lab"), None), Ok(Part::PAGE_LAB));
        assert_eq!(Part::parse(Some(" lab "), Some(" ")), Ok(Part::PAGE_LAB));
        for (kind, card) in [
            (None, None),
            (Some("explorer"), None),
            (Some("explorer"), Some("3")),
            (Some("explorer"), Some("51")),
            (Some("explorer"), Some("-1")),
            (Some("lab"), Some("23")),
            (Some("<script>"), None),
        ] {
            Part::parse(kind, card).expect_err(&format!("{kind:?} {card:?}"));
        }
        // A hostile value is quoted and cut short in the message.
        let long = "x".repeat(10_000);
        let e = Part::parse(Some(&long), None).unwrap_err();
        assert!(e.len() < 80, "{e}");
    }

    #[test]
    fn state_round_trips_any_text() {
        let pairs = vec![
            ("sm.t".to_string(), "2".to_string()),
            ("prompt".to_string(), "a&b=c 中文 %".to_string()),
        ];
        let s = encode_state(&pairs);
        assert_eq!(s.matches('&').count(), 1, "{s}");
        assert_eq!(decode_state(&s), pairs);
        assert_eq!(decode_state(""), Vec::<(String, String)>::new());
        assert_eq!(encode_state(&[]), "");
    }

    #[test]
    fn ids_differ_between_parts_of_one_page() {
        let mut ids: Vec<String> = (1..=50)
            .filter_map(Part::in_card)
            .chain([Part::PAGE_LAB])
            .map(Part::id_prefix)
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
