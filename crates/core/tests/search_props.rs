//! Property tests of `llm_qa_core::search` over arbitrary Unicode: control characters, combining
//! marks, emoji sequences, CJK, Latin-1 letters, bank words and very long strings. 17,000 cases in
//! all: the query path never panics, results are a deterministic, well-ordered subset of the bank,
//! and every highlight range is a valid, sorted, disjoint range on `char` boundaries.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use llm_qa_core::bank;
use llm_qa_core::search::{segments, Marked, SearchDoc, SearchIndex, EXCERPT_CHARS};
use proptest::prelude::*;

fn ix() -> &'static SearchIndex {
    static IX: OnceLock<SearchIndex> = OnceLock::new();
    IX.get_or_init(SearchIndex::from_bank)
}

/// Words and phrases of the bank, so that generated queries also hit.
fn bank_words() -> &'static [&'static str] {
    static W: OnceLock<Vec<&'static str>> = OnceLock::new();
    W.get_or_init(|| {
        let mut w: Vec<&'static str> = bank::QUESTIONS
            .iter()
            .flat_map(|q| {
                [
                    q.en().question_plain,
                    q.zh().question_plain,
                    q.en().answer_plain,
                ]
                .into_iter()
                .flat_map(|t| t.split([' ', '，', '？', '、']))
            })
            .filter(|s| !s.is_empty())
            .collect();
        w.extend([
            "top-p",
            "注意力",
            "LoRA",
            "moe",
            "chain-of-thought",
            "思维链",
            "a-b-c-d-e",
        ]);
        w
    })
}

const SPECIAL: &[&str] = &[
    "\u{0}",
    "\u{7}",
    "\r\n",
    "\t",
    "\u{85}",
    "\u{200b}",
    "\u{200d}",
    "\u{fe0f}",
    "\u{feff}",
    "\u{301}",
    "\u{20dd}",
    "👨‍👩‍👧",
    "👍🏽",
    "🏳️‍🌈",
    "🇨🇳",
    "-",
    "--",
    "'",
    "’",
    "…",
    "ß",
    "Ǆ",
    "ﬁ",
    "İ",
    "Σ",
    "\u{10ffff}",
    "\u{d7ff}",
    "𠀀",
    "ＡＢＣ",
    "，",
    "　",
];

/// One piece of a string, chosen by a `u64`: the low byte picks the kind.
fn piece(b: u64) -> String {
    let v = (b >> 8) as u32;
    let ch = |lo: u32, span: u32| char::from_u32(lo + v % span).unwrap_or('?').to_string();
    match b & 0xff {
        0..=39 => bank_words()[v as usize % bank_words().len()].to_string(),
        40..=59 => ch(0x20, 0x5f),       // ASCII printable
        60..=69 => ch(0, 0x20),          // C0 controls
        70..=79 => ch(0x300, 0x70),      // combining marks
        80..=99 => ch(0x4e00, 0x5200),   // CJK
        100..=114 => ch(0xc0, 0xc0),     // Latin-1 + Extended-A
        115..=129 => ch(0x1f300, 0x700), // emoji
        130..=149 => SPECIAL[v as usize % SPECIAL.len()].into(), // tricky sequences
        150..=159 => ch(0x370, 0x200),   // Greek, Cyrillic
        160..=169 => " ".into(),
        _ => char::from_u32(v % 0x11_0000)
            .unwrap_or('\u{fffd}')
            .to_string(), // anything
    }
}

/// Arbitrary strings: usually short, sometimes thousands of characters.
fn text() -> impl Strategy<Value = String> {
    (prop::collection::vec(any::<u64>(), 0..24), any::<u8>()).prop_map(|(parts, long)| {
        let s: String = parts.into_iter().map(piece).collect();
        match long {
            0..=11 => s.repeat(400).chars().take(12_000).collect(),
            12..=24 => s.repeat(20),
            _ => s,
        }
    })
}

fn check_marked(m: &Marked<'_>, what: &str) {
    let mut at = 0;
    for r in &m.ranges {
        assert!(
            at <= r.start && r.start < r.end && r.end <= m.text.len(),
            "{what}: bad range {r:?} after {at} in {:?}",
            m.text
        );
        assert!(
            m.text.is_char_boundary(r.start) && m.text.is_char_boundary(r.end),
            "{what}: {r:?} not on char boundaries"
        );
        at = r.end;
    }
    let segs = m.segments();
    assert_eq!(segs.iter().map(|s| s.text).collect::<String>(), m.text);
    assert_eq!(segs.iter().filter(|s| s.hit).count(), m.ranges.len());
}

fn check_results(index: &SearchIndex, q: &str, topic: Option<usize>, ids: &BTreeSet<u32>) {
    let r = index.search(q, topic);
    // Deterministic.
    assert_eq!(r, index.search(q, topic));
    assert_eq!(r.total(), r.hits.len());
    // A subset of the bank, each card once.
    let mut seen = BTreeSet::new();
    for h in &r.hits {
        assert!(ids.contains(&h.id), "unknown id {}", h.id);
        assert!(seen.insert(h.id), "duplicate {}", h.id);
        assert!(h.score.is_finite() && h.score >= 0.0);
        assert_eq!(index.docs()[h.doc].id, h.id);
        if let Some(t) = topic {
            assert!(index.docs()[h.doc].topic_indices.contains(&t));
        }
        assert!(h.matched <= r.clauses);
        if !r.partial {
            assert_eq!(h.matched, r.clauses);
        }
    }
    // Rank order: clauses matched, then score, then id.
    for w in r.hits.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            (a.matched, a.score) > (b.matched, b.score)
                || (a.matched == b.matched && a.score == b.score && a.id <= b.id),
            "out of order: {a:?} then {b:?}"
        );
    }
    assert!(r.clauses <= llm_qa_core::search::MAX_QUERY_TERMS);
    for h in r.hits.iter().take(3) {
        let hl = index.highlight(&r, h);
        check_marked(&hl.question_en, "question_en");
        check_marked(&hl.question_zh, "question_zh");
        check_marked(&hl.excerpt_en, "excerpt_en");
        check_marked(&hl.excerpt_zh, "excerpt_zh");
        assert!(hl.excerpt_en.text.chars().count() <= EXCERPT_CHARS + 2);
        assert!(hl.excerpt_zh.text.chars().count() <= EXCERPT_CHARS + 2);
    }
}

fn bank_ids() -> &'static BTreeSet<u32> {
    static IDS: OnceLock<BTreeSet<u32>> = OnceLock::new();
    IDS.get_or_init(|| ix().docs().iter().map(|d| d.id).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// Any query on the real bank, with or without a topic filter.
    #[test]
    fn any_query_on_the_bank(q in text(), topic in prop::option::of(0usize..12)) {
        check_results(ix(), &q, topic, bank_ids());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Arbitrary cards (so excerpts and ranges meet emoji, marks and CJK in the answers too),
    /// queried with pieces of their own text.
    #[test]
    fn any_cards_any_query(
        texts in prop::collection::vec(text(), 1..12),
        cut in any::<(u16, u16)>(),
        q in text(),
    ) {
        let docs: Vec<SearchDoc> = texts
            .chunks(4)
            .enumerate()
            .map(|(i, t)| SearchDoc {
                id: i as u32 * 7 % 5,
                question_en: Cow::Owned(t[0].clone()),
                question_zh: Cow::Owned(t.get(1).cloned().unwrap_or_default()),
                answer_en: Cow::Owned(t.get(2).cloned().unwrap_or_default()),
                answer_zh: Cow::Owned(t.get(3).cloned().unwrap_or_default()),
                note_en: Cow::Borrowed(""),
                note_zh: Cow::Borrowed(""),
                topics: vec![Cow::Owned(t[0].chars().take(8).collect())],
                topic_indices: vec![i % 2],
            })
            .collect();
        let ids = docs.iter().map(|d| d.id).collect();
        let index = SearchIndex::new(docs);
        // A slice of a card's own text as the query, cut at char boundaries.
        let all: Vec<char> = texts.concat().chars().collect();
        let (a, b) = (cut.0 as usize % (all.len() + 1), cut.1 as usize % 40);
        let own: String = all[a..(a + b).min(all.len())].iter().collect();
        check_results(&index, &own, None, &ids);
        check_results(&index, &q, Some(1), &ids);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]

    /// `segments` survives any ranges, valid or not, and always covers the text exactly.
    #[test]
    fn segments_never_panic(s in text(), raw in prop::collection::vec(any::<(u16, u16)>(), 0..8)) {
        let ranges: Vec<Range<usize>> = raw.iter().map(|&(a, b)| a as usize..b as usize).collect();
        let segs = segments(&s, &ranges);
        prop_assert_eq!(segs.iter().map(|x| x.text).collect::<String>(), s.clone());
        prop_assert!(segs.iter().all(|x| !x.text.is_empty()));
    }
}
