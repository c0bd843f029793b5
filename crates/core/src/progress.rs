//! Study progress: the "known" and "starred" marks a learner puts on cards, how they are stored, and
//! the quiz that walks through a deck one card at a time.
//!
//! Stored marks are untrusted text (another version of the app, another tab, a user with devtools may
//! have written them). Reading never panics and keeps every mark it can read; whatever it could not
//! read is reported so that the caller can warn and keep a copy of the original before overwriting.

use crate::idset::IdSet;
use crate::json::{self, Value};
use crate::sampling::SplitMix64;

/// The version written by this code. Readers accept records without a version or with another one,
/// keeping what they can read.
pub const MARKS_VERSION: u32 = 1;

/// The two marks a card can carry. They are independent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    Known,
    Starred,
}

/// Which cards are marked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    known: IdSet,
    starred: IdSet,
}

impl Marks {
    fn set_mut(&mut self, mark: Mark) -> &mut IdSet {
        match mark {
            Mark::Known => &mut self.known,
            Mark::Starred => &mut self.starred,
        }
    }

    fn set(&self, mark: Mark) -> &IdSet {
        match mark {
            Mark::Known => &self.known,
            Mark::Starred => &self.starred,
        }
    }

    pub fn has(&self, id: u8, mark: Mark) -> bool {
        self.set(mark).contains(&id)
    }

    pub fn put(&mut self, id: u8, mark: Mark, on: bool) {
        if on {
            self.set_mut(mark).insert(id);
        } else {
            self.set_mut(mark).remove(&id);
        }
    }

    pub fn toggle(&mut self, id: u8, mark: Mark) {
        let on = !self.has(id, mark);
        self.put(id, mark, on);
    }

    pub fn count(&self, mark: Mark) -> usize {
        self.set(mark).len()
    }

    /// The record to store: `{"version":1,"known":[…],"starred":[…]}`.
    pub fn to_json(&self) -> String {
        let list = |s: &IdSet| {
            s.iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            "{{\"version\":{MARKS_VERSION},\"known\":[{}],\"starred\":[{}]}}",
            list(&self.known),
            list(&self.starred)
        )
    }
}

/// At most this many warnings are kept per record; the rest are counted in one last line (a 1 MB
/// list of bad ids must not become a quarter of a million console lines).
pub const MAX_WARNINGS: usize = 8;

/// What reading a stored record gave.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedMarks {
    pub marks: Marks,
    /// One line per problem, for the console: at most [`MAX_WARNINGS`] and a count of the rest.
    pub warnings: Vec<String>,
    /// Part of the record could not be read: keep a copy of the original before writing over it.
    pub lossy: bool,
    /// Warnings beyond [`MAX_WARNINGS`], counted but not kept.
    suppressed: usize,
}

/// Reads a stored record. `valid_id` says which card ids exist; marks on other ids are dropped.
pub fn read_marks(stored: &str, valid_id: impl Fn(u8) -> bool) -> LoadedMarks {
    let mut out = LoadedMarks::default();
    let obj = match json::parse(stored) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => {
            out.warn("stored study marks are not a JSON object; ignoring them");
            return out;
        }
        Err(e) => {
            out.warn(&format!(
                "stored study marks are not valid JSON ({e}); ignoring them"
            ));
            return out;
        }
    };
    match obj.get("version") {
        Some(Value::Number(v)) if *v == f64::from(MARKS_VERSION) => {}
        Some(v) => out.warn(&format!(
            "stored study marks have version {}, expected {MARKS_VERSION}; reading what fits",
            describe(v)
        )),
        None => out.warn("stored study marks have no version; reading what fits"),
    }
    for (key, mark) in [("known", Mark::Known), ("starred", Mark::Starred)] {
        match obj.get(key) {
            None => {}
            Some(Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::Number(n)
                            if n.fract() == 0.0
                                && (1.0..=255.0).contains(n)
                                && valid_id(*n as u8) =>
                        {
                            out.marks.put(*n as u8, mark, true)
                        }
                        other => out.warn(&format!(
                            "ignoring {key} mark {}: no such question",
                            describe(other)
                        )),
                    }
                }
            }
            Some(other) => out.warn(&format!(
                "ignoring \"{key}\": expected a list, found {}",
                describe(other)
            )),
        }
    }
    if out.suppressed > 0 {
        let n = out.suppressed;
        out.warnings.push(format!(
            "… and {n} more problems with the stored study marks"
        ));
    }
    out
}

impl LoadedMarks {
    fn warn(&mut self, msg: &str) {
        self.lossy = true;
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(msg.to_string());
        } else {
            self.suppressed += 1;
        }
    }
}

/// A short, bounded description of a value for a warning (a 1 MB string must not flood the console).
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        // Without Rust's float formatting, which would add ~14 KB to the wasm for these warnings
        // alone: whole numbers as integers, others to three decimals, extremes in words.
        Value::Number(n) if n.abs() >= 1e15 => "a number too large to be an id".into(),
        Value::Number(n) if n.fract() == 0.0 => crate::lab::fixed(*n, 0),
        Value::Number(n) if n.abs() < 1e-3 => "a number too small to be an id".into(),
        Value::Number(n) => crate::lab::fixed(*n, 3),
        Value::String(s) if s.chars().count() > 20 => {
            format!("a {}-character string", s.chars().count())
        }
        Value::String(s) => json::quote(s),
        Value::Array(a) => format!("a list of {}", a.len()),
        Value::Object(_) => "an object".into(),
    }
}

/// How the learner rated a card in the quiz.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Again,
    Known,
}

/// A quiz over a deck: one card at a time, answer hidden until revealed, then rated.
#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
    deck: Vec<u8>,
    pos: usize,
    revealed: bool,
    results: Vec<(u8, Verdict)>,
}

impl Quiz {
    /// A quiz over `ids` in the given order, or shuffled reproducibly when `shuffle_seed` is set.
    pub fn new(mut ids: Vec<u8>, shuffle_seed: Option<u64>) -> Self {
        if let Some(seed) = shuffle_seed {
            shuffle(&mut ids, seed);
        }
        Self {
            deck: ids,
            pos: 0,
            revealed: false,
            results: Vec::new(),
        }
    }

    pub fn current(&self) -> Option<u8> {
        self.deck.get(self.pos).copied()
    }

    /// 1-based position of the current card and the deck size, for "Card 3 of 12".
    pub fn position(&self) -> (usize, usize) {
        ((self.pos + 1).min(self.deck.len()), self.deck.len())
    }

    pub fn is_revealed(&self) -> bool {
        self.revealed
    }

    pub fn reveal(&mut self) {
        if self.current().is_some() {
            self.revealed = true;
        }
    }

    /// Rates the current card and moves on. Rating before revealing is allowed (a learner who is sure).
    pub fn rate(&mut self, verdict: Verdict) -> Option<u8> {
        let id = self.current()?;
        self.results.push((id, verdict));
        self.pos += 1;
        self.revealed = false;
        Some(id)
    }

    pub fn is_done(&self) -> bool {
        self.pos >= self.deck.len()
    }

    pub fn summary(&self) -> QuizSummary {
        let again: Vec<u8> = self
            .results
            .iter()
            .filter(|r| r.1 == Verdict::Again)
            .map(|r| r.0)
            .collect();
        QuizSummary {
            total: self.deck.len(),
            known: self.results.len() - again.len(),
            again,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSummary {
    pub total: usize,
    pub known: usize,
    /// The cards rated "again", in the order they came, for a follow-up round.
    pub again: Vec<u8>,
}

/// Fisher–Yates with the app's seeded generator: the same seed gives the same order everywhere.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = SplitMix64::new(seed);
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(id: u8) -> bool {
        (1..=50).contains(&id)
    }

    #[test]
    fn marks_round_trip_through_the_stored_record() {
        let mut m = Marks::default();
        m.toggle(12, Mark::Known);
        m.toggle(3, Mark::Known);
        m.toggle(50, Mark::Starred);
        let json = m.to_json();
        assert_eq!(json, r#"{"version":1,"known":[3,12],"starred":[50]}"#);
        let back = read_marks(&json, valid);
        assert_eq!(back.marks, m);
        assert!(back.warnings.is_empty() && !back.lossy);
    }

    #[test]
    fn toggling_twice_clears_and_marks_are_independent() {
        let mut m = Marks::default();
        m.toggle(7, Mark::Known);
        m.toggle(7, Mark::Starred);
        m.toggle(7, Mark::Known);
        assert!(!m.has(7, Mark::Known));
        assert!(m.has(7, Mark::Starred));
        assert_eq!((m.count(Mark::Known), m.count(Mark::Starred)), (0, 1));
    }

    #[test]
    fn corrupt_records_are_ignored_with_a_warning() {
        for bad in [
            "{not json",
            "",
            "[1,2,3]",
            "\"known\"",
            "null",
            &"x".repeat(1 << 20),
        ] {
            let got = read_marks(bad, valid);
            assert_eq!(got.marks, Marks::default(), "{:.40}", bad);
            assert_eq!(got.warnings.len(), 1);
            assert!(got.lossy);
        }
    }

    #[test]
    fn readable_marks_survive_bad_neighbours() {
        let got = read_marks(
            r#"{"version":1,"known":[1,"2",999,3.5,-1,4,null],"starred":"all","extra":true}"#,
            valid,
        );
        let mut want = Marks::default();
        want.put(1, Mark::Known, true);
        want.put(4, Mark::Known, true);
        assert_eq!(got.marks, want);
        assert!(got.lossy);
        assert_eq!(got.warnings.len(), 6, "{:?}", got.warnings);
    }

    #[test]
    fn other_versions_are_read_as_far_as_they_fit() {
        let got = read_marks(r#"{"version":0,"known":[5],"starred":[6]}"#, valid);
        assert!(got.marks.has(5, Mark::Known) && got.marks.has(6, Mark::Starred));
        assert!(got.lossy);
        let got = read_marks(r#"{"known":[5]}"#, valid);
        assert!(got.marks.has(5, Mark::Known));
        assert!(got.warnings[0].contains("no version"));
    }

    #[test]
    fn warnings_about_huge_values_stay_short() {
        let huge = format!(r#"{{"version":1,"known":["{}"]}}"#, "y".repeat(1 << 20));
        let got = read_marks(&huge, valid);
        assert!(
            got.warnings.iter().all(|w| w.len() < 200),
            "{:?}",
            got.warnings
        );
    }

    #[test]
    fn a_huge_list_of_bad_marks_gives_a_few_warnings_and_keeps_the_good_ones() {
        let mut items = vec!["999"; 200_000];
        items[100_000] = "7";
        let record = format!(r#"{{"version":1,"known":[{}]}}"#, items.join(","));
        assert!(record.len() > 500_000);
        let got = read_marks(&record, valid);
        assert!(got.marks.has(7, Mark::Known) && got.marks.count(Mark::Known) == 1);
        assert!(got.lossy);
        assert_eq!(got.warnings.len(), MAX_WARNINGS + 1, "{:?}", got.warnings);
        assert!(
            got.warnings[MAX_WARNINGS].contains(&format!("{} more", 200_000 - 1 - MAX_WARNINGS))
        );
    }

    #[test]
    fn records_in_shapes_this_app_never_wrote_keep_nothing_but_say_so() {
        // Wrong types, and an imagined older layout: nothing fits, everything is reported (and the
        // caller keeps the original as a backup because the read was lossy).
        for record in [
            r#"{"version":1,"known":"yes"}"#,
            r#"{"v":0,"marks":{"3":"known"}}"#,
        ] {
            let got = read_marks(record, valid);
            assert_eq!(got.marks, Marks::default(), "{record}");
            assert!(got.lossy && !got.warnings.is_empty(), "{record}");
        }
        let got = read_marks(r#"{"known":[3]}"#, valid);
        assert!(got.marks.has(3, Mark::Known) && got.lossy);
    }

    #[test]
    fn warnings_about_extreme_numbers_stay_short() {
        let got = read_marks(
            r#"{"version":1e300,"known":[2.2250738585072014e-308,-1e300,0.5]}"#,
            valid,
        );
        assert_eq!(got.warnings.len(), 4, "{:?}", got.warnings);
        assert!(got.warnings[0].contains("too large"), "{:?}", got.warnings);
        assert!(got.warnings[1].contains("too small"), "{:?}", got.warnings);
        assert!(
            got.warnings[3].contains("mark 0.500:"),
            "{:?}",
            got.warnings
        );
        assert!(
            got.warnings.iter().all(|w| w.len() < 100),
            "{:?}",
            got.warnings
        );
    }

    #[test]
    fn quiz_walks_the_deck_and_summarises() {
        let mut q = Quiz::new(vec![1, 2, 3], None);
        assert_eq!((q.current(), q.position()), (Some(1), (1, 3)));
        assert!(!q.is_revealed());
        q.reveal();
        assert!(q.is_revealed());
        assert_eq!(q.rate(Verdict::Known), Some(1));
        assert!(!q.is_revealed(), "the next card starts hidden");
        q.rate(Verdict::Again);
        q.rate(Verdict::Known);
        assert!(q.is_done());
        assert_eq!(q.rate(Verdict::Known), None);
        assert_eq!(
            q.summary(),
            QuizSummary {
                total: 3,
                known: 2,
                again: vec![2]
            }
        );
    }

    #[test]
    fn shuffle_is_a_reproducible_permutation() {
        let ids: Vec<u8> = (1..=50).collect();
        let a = Quiz::new(ids.clone(), Some(42));
        let b = Quiz::new(ids.clone(), Some(42));
        let c = Quiz::new(ids.clone(), Some(43));
        assert_eq!(a, b);
        assert_ne!(a.deck, c.deck);
        assert_ne!(a.deck, ids);
        let mut sorted = a.deck.clone();
        sorted.sort();
        assert_eq!(sorted, ids);
    }

    #[test]
    fn an_empty_quiz_is_done_at_once() {
        let mut q = Quiz::new(vec![], Some(1));
        assert!(q.is_done());
        q.reveal();
        assert!(!q.is_revealed());
        assert_eq!(
            q.summary(),
            QuizSummary {
                total: 0,
                known: 0,
                again: vec![]
            }
        );
    }
}
