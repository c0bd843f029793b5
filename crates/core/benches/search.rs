//! Search: query time on the real bank (50 cards) and on a synthetic 10,000-card bank made of
//! the bank's sentences, highlighting, and index build time.
//! Targets: ≤ 50 µs per query on the bank, ≤ 5 ms on 10,000 cards.
//! Run: `cargo bench -p llm-qa-core --bench search`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use llm_qa_core::i18n::Lang;
use llm_qa_core::search::synthetic::synthetic_docs;
use llm_qa_core::search::SearchIndex;

/// (label, query): one word, completion, typo, several words, synonym, CJK, no match, huge.
fn queries() -> Vec<(&'static str, String)> {
    vec![
        ("word", "attention".into()),
        ("prefix", "transf".into()),
        ("typo", "overfiting".into()),
        ("multi", "vanishing gradient transformers".into()),
        ("synonym", "mixture of experts".into()),
        ("cjk", "注意力机制".into()),
        ("partial", "lora temperature xylophone".into()),
        ("huge-repeated", "attention 注意力 ".repeat(1000)),
        ("huge-text", pasted_text()),
    ]
}

/// 10,000 characters of the bank's answers, as if pasted into the box.
fn pasted_text() -> String {
    llm_qa_core::bank::QUESTIONS
        .iter()
        .flat_map(|q| [Lang::En, Lang::Zh].map(|l| q.text(l).answer_plain))
        .flat_map(str::chars)
        .take(10_000)
        .collect()
}

fn bench(c: &mut Criterion) {
    let bank = SearchIndex::from_bank();
    let big = SearchIndex::new(synthetic_docs(10_000, 7));

    let mut g = c.benchmark_group("search/bank");
    for (label, q) in queries() {
        g.bench_function(label, |b| b.iter(|| bank.search(black_box(&q), None)));
    }
    g.bench_function("empty", |b| b.iter(|| bank.search(black_box(""), None)));
    g.finish();

    let mut g = c.benchmark_group("search/10k");
    g.sample_size(30);
    for (label, q) in queries() {
        g.bench_function(label, |b| b.iter(|| big.search(black_box(&q), None)));
    }
    g.finish();

    let mut g = c.benchmark_group("highlight");
    let r = bank.search("attention", None);
    g.bench_function("bank/first-card", |b| {
        b.iter(|| bank.highlight(black_box(&r), &r.hits[0]))
    });
    g.bench_function("bank/all-11-cards", |b| {
        b.iter(|| {
            for h in &r.hits {
                black_box(bank.highlight(&r, h));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("build");
    g.bench_function("bank", |b| b.iter(SearchIndex::from_bank));
    g.sample_size(10);
    let docs = synthetic_docs(10_000, 7);
    g.bench_function("10k", |b| {
        b.iter_batched(
            || docs.clone(),
            SearchIndex::new,
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
