//! A large synthetic bank for benchmarks and scale tests: cards made of the real bank's sentences,
//! shuffled deterministically.

use std::borrow::Cow;

use super::SearchDoc;
use crate::bank;

/// `n` cards with ids `1..=n`, each a real question (English and Chinese) with an answer of 2–5
/// sentences drawn from all of the bank's answers, and the question's topics. The same `seed`
/// gives the same cards.
pub fn synthetic_docs(n: usize, seed: u64) -> Vec<SearchDoc> {
    let split = |text: &'static str, sep: &[char]| -> Vec<&'static str> {
        text.split_inclusive(sep)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    let mut en: Vec<&'static str> = Vec::new();
    let mut zh: Vec<&'static str> = Vec::new();
    for q in bank::QUESTIONS {
        en.extend(split(
            q.text(crate::i18n::Lang::En).answer_plain,
            &['.', '\n'],
        ));
        zh.extend(split(
            q.text(crate::i18n::Lang::Zh).answer_plain,
            &['。', '\n'],
        ));
    }
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: usize| -> usize {
        // SplitMix64.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % bound.max(1) as u64) as usize
    };
    (0..n)
        .map(|i| {
            let q = &bank::QUESTIONS[next(bank::QUESTIONS.len())];
            let mut doc = SearchDoc::from_question(q);
            doc.id = (i + 1) as u32;
            let k = 2 + next(4);
            doc.answer_en = Cow::Owned(
                (0..k)
                    .map(|_| en[next(en.len())])
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            doc.answer_zh = Cow::Owned((0..k).map(|_| zh[next(zh.len())]).collect::<String>());
            doc
        })
        .collect()
}
