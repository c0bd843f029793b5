//! Fuzzing on stable Rust: proptest drives every function that reads untrusted input — the search
//! box, the sampling maths, the address bar, the lab's URL keys and the stored study marks — with
//! arbitrary Unicode, lossy bytes, very long strings and odd floats, and checks that nothing panics
//! and the outputs keep their invariants.
//!
//! Each target runs twice: a smoke test with [`SMOKE_CASES`] cases in every `cargo test`, and an
//! `#[ignore]`d one whose case count comes from `FUZZ_CASES` (default [`SMOKE_CASES`]).
//! `scripts/fuzz.sh` runs the ignored ones in release mode with 1,000,000 cases each; see
//! `docs/fuzzing.md`.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;
use std::time::Instant;

use llm_qa_core::bank::{self, TOPICS};
use llm_qa_core::i18n::{Lang, LangChoice};
use llm_qa_core::lab::{LabSettings, LOGIT_RANGE, MIN_P_MAX, PROMPTS, TEMPERATURE_MAX, TOP_K_MAX};
use llm_qa_core::progress::{read_marks, Mark, MAX_WARNINGS};
use llm_qa_core::route::{self, Route, LAB_KEYS, MAX_QUERY_CHARS};
use llm_qa_core::sampling::{compare_orders, draw, sample_distribution, Order, SamplingParams};
use llm_qa_core::search::{segments, Marked, SearchIndex};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Cases per target in a plain `cargo test`.
const SMOKE_CASES: u32 = 1_000;

fn fuzz_cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.replace('_', "").parse().ok())
        .unwrap_or(SMOKE_CASES)
}

/// Runs `check` on `cases` values of `strategy` (random seed each run; a failure prints the
/// shrunk input) and reports the count and time on stderr.
fn fuzz<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..Config::default()
    });
    let start = Instant::now();
    if let Err(e) = runner.run(&strategy, check) {
        panic!("fuzz target {name} failed: {e}");
    }
    eprintln!(
        "fuzz {name}: {cases} cases, no failure, in {:.1?}",
        start.elapsed()
    );
}

// ---- input strategies ----

/// Pieces that mean something to one of the parsers: bank words, markup, escapes, separators,
/// numbers in odd spellings, combining marks and emoji sequences.
const PIECES: &[&str] = &[
    "attention",
    "LoRA",
    "top-p",
    "top",
    "p",
    "温度",
    "注意力",
    "梯度消失",
    "beam",
    "search",
    "temperature",
    "transformer",
    "q",
    "lang",
    "topic",
    "t",
    "k",
    "minp",
    "prompt",
    "order",
    "logits",
    "en",
    "zh",
    "both",
    "cat",
    "story",
    "first",
    "last",
    "decoding",
    "math",
    "=",
    "&",
    "?",
    "#",
    "%",
    "%2",
    "%zz",
    "%E4%B8%AD",
    "%FF%FE",
    "%00",
    "+",
    " ",
    "\t",
    "\n",
    "\r\n",
    ",",
    "-",
    ".",
    "e",
    "E",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e309",
    "-1e309",
    "1e-320",
    "0x10",
    "0",
    "-0",
    "1",
    "5",
    "20",
    "21",
    "50",
    "51",
    "999",
    "-1",
    "0.5",
    "1.5",
    "2.01",
    "18446744073709551616",
    "<img src=x onerror=alert(1)>",
    "<script>",
    "\"",
    "'",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "true",
    "false",
    "version",
    "known",
    "starred",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{feff}",
    "\u{301}",
    "\u{fe0f}",
    "\u{fffd}",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "İ",
    "ß",
    "ﬁ",
    "Ω",
    "ǅ",
    "𝒜",
    "\u{10ffff}",
];

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(PIECES)
}

/// Any string: arbitrary scalar values, bytes read as lossy UTF-8, meaningful pieces glued
/// together, or a very long repetition (often over 10,000 characters).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(any::<char>(), 0..48).prop_map(String::from_iter),
        2 => prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        4 => prop::collection::vec(piece(), 0..16).prop_map(|p| p.concat()),
        1 => (prop::collection::vec(piece(), 1..4), 1usize..3_000)
            .prop_map(|(p, n)| p.concat().repeat(n)),
    ]
}

/// Floats of every class: ordinary logits, ties, NaN, ±∞, subnormals, ±huge and raw bit
/// patterns (every NaN payload, every subnormal).
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -20.0..20.0f64,
        1 => (-3i32..3).prop_map(f64::from),
        2 => prop::sample::select(&[
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1e-300,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            1.0,
            -1.0,
        ][..]),
        2 => any::<u64>().prop_map(f64::from_bits),
    ]
}

fn any_params() -> impl Strategy<Value = SamplingParams> {
    (
        any_f64(),
        prop_oneof![4 => 0usize..30, 1 => any::<usize>()],
        prop_oneof![2 => 0.0..1.0f64, 1 => any_f64()],
        prop_oneof![2 => 0.0..1.0f64, 1 => any_f64()],
        any::<bool>(),
    )
        .prop_map(|(temperature, top_k, top_p, min_p, last)| SamplingParams {
            temperature,
            top_k,
            top_p,
            min_p,
            order: if last {
                Order::TemperatureLast
            } else {
                Order::TemperatureFirst
            },
        })
}

/// A query string made of `key=value` pairs with the app's keys (and others), values of any kind.
fn any_query_string() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => prop::sample::select(&["lang", "q", "topic", "t", "p", "k", "minp", "prompt", "order", "logits"][..])
            .prop_map(str::to_string),
        1 => any_text(),
    ];
    prop_oneof![
        3 => (any::<bool>(), prop::collection::vec((key, any_text()), 0..8)).prop_map(|(mark, pairs)| {
            let body = pairs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&");
            if mark { format!("?{body}") } else { body }
        }),
        1 => any_text(),
    ]
}

// ---- invariants ----

/// Ranges are sorted, disjoint, non-empty, inside `text` and on `char` boundaries; the segments
/// concatenate back to `text` and their hits are exactly the ranges.
fn check_marked(m: &Marked<'_>) -> Result<(), TestCaseError> {
    let text: &str = &m.text;
    let mut at = 0;
    for r in &m.ranges {
        prop_assert!(
            r.start >= at && r.start < r.end && r.end <= text.len(),
            "{:?} in {} bytes",
            r,
            text.len()
        );
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        at = r.end;
    }
    let segs = m.segments();
    prop_assert_eq!(segs.iter().map(|s| s.text).collect::<String>(), text);
    prop_assert!(segs.iter().all(|s| !s.text.is_empty()));
    let hits: Vec<&str> = segs.iter().filter(|s| s.hit).map(|s| s.text).collect();
    let want: Vec<&str> = m.ranges.iter().map(|r| &text[r.clone()]).collect();
    prop_assert_eq!(hits, want);
    Ok(())
}

fn index() -> &'static SearchIndex {
    static IX: OnceLock<SearchIndex> = OnceLock::new();
    IX.get_or_init(SearchIndex::from_bank)
}

fn check_search(
    (query, topic, ranges): (String, Option<usize>, Vec<Range<usize>>),
) -> Result<(), TestCaseError> {
    let ix = index();
    let results = ix.search(&query, topic);
    let mut seen = std::collections::BTreeSet::new();
    for hit in &results.hits {
        prop_assert!(seen.insert(hit.id), "card {} listed twice", hit.id);
        let doc = &ix.docs()[hit.doc];
        prop_assert_eq!(doc.id, hit.id);
        prop_assert!(bank::question(hit.id as u8).is_some());
        prop_assert!(hit.score.is_finite());
        if let Some(t) = topic {
            prop_assert!(doc.topic_indices.contains(&t));
        }
        if results.is_everything() {
            continue;
        }
        let h = ix.highlight(&results, hit);
        for lang in [Lang::En, Lang::Zh] {
            check_marked(h.question(lang))?;
            check_marked(h.excerpt(lang))?;
        }
    }
    if query.trim().is_empty() && topic.is_none() {
        prop_assert_eq!(results.total(), bank::QUESTIONS.len());
    }
    // Arbitrary (hostile) ranges over the query itself: clipped or skipped, never a panic, and the
    // segments still spell the text.
    let segs = segments(&query, &ranges);
    prop_assert_eq!(
        segs.iter().map(|s| s.text).collect::<String>(),
        query.clone()
    );
    let marked = Marked {
        text: Cow::Borrowed(&query),
        ranges: Vec::new(),
    };
    check_marked(&marked)
}

fn search_input() -> impl Strategy<Value = (String, Option<usize>, Vec<Range<usize>>)> {
    (
        any_text(),
        prop_oneof![2 => Just(None), 2 => (0..TOPICS.len()).prop_map(Some), 1 => any::<usize>().prop_map(Some)],
        prop::collection::vec((0usize..80, 0usize..80).prop_map(|(a, b)| a..b), 0..6),
    )
}

fn check_sampling(
    (logits, params, n, seed): (Vec<f64>, SamplingParams, usize, u64),
) -> Result<(), TestCaseError> {
    let d = sample_distribution(&logits, &params);
    prop_assert_eq!(d.len(), logits.len());
    for x in [
        d.entropy_bits_before,
        d.entropy_bits_after,
        d.effective_choices_before,
        d.effective_choices_after,
    ] {
        prop_assert!(x.is_finite() && x >= 0.0, "{:?}", d);
    }
    let kept = d.tokens.iter().filter(|t| t.removed_by.is_none()).count();
    prop_assert_eq!(d.kept, kept);
    if !logits.is_empty() {
        prop_assert!(kept >= 1);
        let (mut before, mut after) = (0.0, 0.0);
        for t in &d.tokens {
            prop_assert!(!t.before.is_nan() && !t.after.is_nan(), "NaN in {:?}", d);
            prop_assert!((0.0..=1.0).contains(&t.before) && (0.0..=1.0).contains(&t.after));
            if t.removed_by.is_some() {
                prop_assert_eq!(t.after, 0.0);
            }
            before += t.before;
            after += t.after;
        }
        prop_assert!((before - 1.0).abs() <= 1e-9, "before sums to {}", before);
        prop_assert!((after - 1.0).abs() <= 1e-9, "after sums to {}", after);
    }
    let c = compare_orders(&logits, &params);
    prop_assert!(
        (0.0..=1.0).contains(&c.total_variation),
        "tv {}",
        c.total_variation
    );
    for i in c.kept_only_first.iter().chain(&c.kept_only_last) {
        prop_assert!(*i < logits.len());
    }
    let draws = draw(&d, n, seed);
    prop_assert_eq!(draws.len(), if logits.is_empty() { 0 } else { n });
    for i in draws {
        prop_assert!(
            i < d.len() && d.tokens[i].after > 0.0,
            "drew {} from {:?}",
            i,
            d
        );
    }
    Ok(())
}

fn sampling_input() -> impl Strategy<Value = (Vec<f64>, SamplingParams, usize, u64)> {
    (
        prop_oneof![
            8 => prop::collection::vec(any_f64(), 0..24),
            1 => prop::collection::vec(any_f64(), 24..400),
        ],
        any_params(),
        0usize..64,
        any::<u64>(),
    )
}

fn check_route((search, hash): (String, String)) -> Result<(), TestCaseError> {
    let (r, warnings) = Route::parse(&search, &hash);
    prop_assert!(r.query.chars().count() <= MAX_QUERY_CHARS);
    if let Some(id) = r.card {
        prop_assert!((1..=50).contains(&id));
    }
    if let Some(t) = &r.topic {
        prop_assert!(!t.is_empty() && t.len() <= 40);
    }
    for (k, v) in &r.lab {
        prop_assert!(LAB_KEYS.contains(&k.as_str()) && v.chars().count() <= 400);
    }
    prop_assert!(warnings.len() <= 51, "{} warnings", warnings.len());
    // Values are quoted cut to a few characters (escaped for the console, so up to ~10 each).
    for w in &warnings {
        prop_assert!(w.chars().count() < 300, "long warning {:?}", w);
    }
    // What the app writes back to the address bar reads back the same (a query of spaces only is
    // not written).
    let (back, w2) = Route::parse(&r.to_query(), &hash);
    prop_assert!(w2.len() <= warnings.len());
    let mut want = r.clone();
    if want.query.trim().is_empty() {
        want.query.clear();
    }
    prop_assert_eq!(back, want);
    let decoded = route::decode_component(&search);
    prop_assert_eq!(
        route::decode_component(&route::encode_component(&decoded)),
        decoded
    );
    Ok(())
}

fn route_input() -> impl Strategy<Value = (String, String)> {
    (
        any_query_string(),
        prop_oneof![
            2 => any_text(),
            2 => (any::<bool>(), any_text()).prop_map(|(h, t)| format!("{}q{t}", if h { "#" } else { "" })),
            1 => (0u32..1000).prop_map(|n| format!("#q{n}")),
        ],
    )
}

fn check_lab(pairs: Vec<(String, String)>) -> Result<(), TestCaseError> {
    let (s, warnings) = LabSettings::from_url(&pairs);
    let p = &s.params;
    prop_assert!(
        (0.0..=TEMPERATURE_MAX).contains(&p.temperature),
        "t {}",
        p.temperature
    );
    prop_assert!((0.0..=1.0).contains(&p.top_p), "p {}", p.top_p);
    prop_assert!((0.0..=MIN_P_MAX).contains(&p.min_p), "minp {}", p.min_p);
    prop_assert!(p.top_k <= TOP_K_MAX);
    prop_assert!(s.prompt < PROMPTS.len());
    if let Some(l) = &s.logits {
        prop_assert_eq!(l.len(), s.prompt().tokens.len());
        prop_assert!(l
            .iter()
            .all(|x| (LOGIT_RANGE.0..=LOGIT_RANGE.1).contains(x)));
    }
    prop_assert!(warnings.len() <= pairs.len());
    // Values are quoted cut to a few characters (escaped for the console, so up to ~10 each).
    for w in &warnings {
        prop_assert!(w.chars().count() < 300, "long warning {:?}", w);
    }
    let d = s.distribution();
    let sum: f64 = d.tokens.iter().map(|t| t.after).sum();
    prop_assert!((sum - 1.0).abs() <= 1e-9);
    for lang in [Lang::En, Lang::Zh] {
        prop_assert!(!s.explain(&d, lang).is_empty());
    }
    // The settings written to the URL read back without a warning, and stay put from then on.
    let (once, w1) = LabSettings::from_url(&s.to_url());
    prop_assert!(w1.is_empty(), "{:?} from {:?}", w1, s.to_url());
    let (twice, _) = LabSettings::from_url(&once.to_url());
    prop_assert_eq!(twice, once);
    Ok(())
}

fn lab_input() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop_oneof![
        6 => prop::sample::select(&LAB_KEYS[..]).prop_map(str::to_string),
        1 => any_text(),
    ];
    let value = prop_oneof![
        3 => any_f64().prop_map(|x| x.to_string()),
        1 => any::<u64>().prop_map(|x| x.to_string()),
        1 => prop::sample::select(PROMPTS.iter().map(|p| p.id).collect::<Vec<_>>()).prop_map(str::to_string),
        1 => prop::collection::vec(any_f64(), 0..16)
            .prop_map(|v| v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(",")),
        3 => any_text(),
    ];
    prop::collection::vec((key, value), 0..10)
}

fn check_marks(stored: String) -> Result<(), TestCaseError> {
    let valid = |id: u8| (1..=50).contains(&id);
    let got = read_marks(&stored, valid);
    prop_assert!(got.lossy || got.warnings.is_empty());
    prop_assert!(got.warnings.len() <= MAX_WARNINGS + 1);
    for w in &got.warnings {
        prop_assert!(w.chars().count() < 200, "long warning {:?}", w);
    }
    for id in 0..=255u8 {
        if got.marks.has(id, Mark::Known) || got.marks.has(id, Mark::Starred) {
            prop_assert!(valid(id), "mark on card {}", id);
        }
    }
    // What is kept is written back and reads back exactly, silently.
    let again = read_marks(&got.marks.to_json(), valid);
    prop_assert_eq!(&again.marks, &got.marks);
    prop_assert!(again.warnings.is_empty() && !again.lossy);
    Ok(())
}

/// Stored records: arbitrary text, and JSON-shaped records with the right and wrong keys, types and
/// nesting, some of them huge.
fn marks_input() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => (-5i64..300).prop_map(|n| n.to_string()),
        1 => any_f64().prop_map(|x| if x.is_finite() { x.to_string() } else { "1e999".into() }),
        1 => any_text().prop_map(|s| llm_qa_core::json::quote(&s)),
        1 => prop::sample::select(&["null", "true", "false", "{}", "[]", "\"known\""][..]).prop_map(str::to_string),
    ];
    let value = prop_oneof![
        4 => prop::collection::vec(leaf.clone(), 0..12).prop_map(|v| format!("[{}]", v.join(","))),
        1 => leaf,
        1 => (1usize..40).prop_map(|d| format!("{}1{}", "[".repeat(d), "]".repeat(d))),
        1 => (1usize..5_000).prop_map(|n| format!("[{}7]", "999,".repeat(n))),
    ];
    let key = prop_oneof![
        4 => prop::sample::select(&["version", "known", "starred", "v", "marks"][..]).prop_map(str::to_string),
        1 => any_text(),
    ];
    prop_oneof![
        3 => prop::collection::vec((key, value), 0..5).prop_map(|kv| {
            let body = kv
                .iter()
                .map(|(k, v)| format!("{}:{v}", llm_qa_core::json::quote(k)))
                .collect::<Vec<_>>()
                .join(",");
            format!("{{{body}}}")
        }),
        2 => any_text(),
    ]
}

fn check_lang(stored: String) -> Result<(), TestCaseError> {
    if let Some(l) = LangChoice::parse(&stored) {
        prop_assert_eq!(stored.trim().to_ascii_lowercase(), l.code());
    }
    Ok(())
}

// ---- the targets: a smoke run in every `cargo test`, the full run on demand ----

macro_rules! targets {
    ($($smoke:ident, $full:ident, $name:literal, $input:expr, $check:expr;)*) => {$(
        #[test]
        fn $smoke() {
            fuzz($name, SMOKE_CASES, $input, $check);
        }

        #[test]
        #[ignore = "long: run by scripts/fuzz.sh with FUZZ_CASES=1000000"]
        fn $full() {
            fuzz($name, fuzz_cases(), $input, $check);
        }
    )*};
}

targets! {
    search_smoke, fuzz_search, "search", search_input(), check_search;
    sampling_smoke, fuzz_sampling, "sampling", sampling_input(), check_sampling;
    route_smoke, fuzz_route, "route", route_input(), check_route;
    lab_url_smoke, fuzz_lab_url, "lab_url", lab_input(), check_lab;
    marks_smoke, fuzz_marks, "marks", marks_input(), check_marks;
    lang_smoke, fuzz_lang, "lang", any_text(), check_lang;
}
