//! The whole sampling pipeline on a 50,000-token vocabulary (logits ~ N(0, 3²), fixed seed).
//! Target: ≤ 5 ms per call. Run: `cargo bench -p llm-qa-core --bench sampling`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use llm_qa_core::sampling::{draw, sample_distribution, Order, SamplingParams, SplitMix64};

const VOCAB: usize = 50_000;

fn logits() -> Vec<f64> {
    let mut rng = SplitMix64::new(42);
    (0..VOCAB).map(|_| 3.0 * rng.next_normal()).collect()
}

fn bench(c: &mut Criterion) {
    let l = logits();
    let typical = SamplingParams {
        temperature: 0.8,
        top_k: 40,
        top_p: 0.95,
        min_p: 0.05,
        order: Order::TemperatureFirst,
    };
    let nucleus = SamplingParams {
        temperature: 0.8,
        top_k: 0,
        top_p: 0.9,
        min_p: 0.0,
        order: Order::TemperatureFirst,
    };
    let mut g = c.benchmark_group("sampling_50k");
    g.bench_function("t0.8_k40_p0.95_minp0.05", |b| {
        b.iter(|| sample_distribution(black_box(&l), black_box(&typical)))
    });
    g.bench_function("t0.8_k40_p0.95_minp0.05_temp_last", |b| {
        let p = SamplingParams {
            order: Order::TemperatureLast,
            ..typical
        };
        b.iter(|| sample_distribution(black_box(&l), black_box(&p)))
    });
    g.bench_function("t0.8_koff_p0.9", |b| {
        b.iter(|| sample_distribution(black_box(&l), black_box(&nucleus)))
    });
    g.bench_function("defaults_noop", |b| {
        let p = SamplingParams::default();
        b.iter(|| sample_distribution(black_box(&l), black_box(&p)))
    });
    let d = sample_distribution(&l, &nucleus);
    g.bench_function("draw_100_from_p0.9", |b| {
        b.iter(|| draw(black_box(&d), 100, black_box(7)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
