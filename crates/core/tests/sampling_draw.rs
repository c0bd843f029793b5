//! Seeded draws: reproducible, only from surviving tokens, and (statistically) faithful.

use llm_qa_core::sampling::{
    draw, draw_probs, histogram, sample_distribution, SamplingParams, SplitMix64,
};

#[test]
fn splitmix64_matches_reference_stream() {
    // First outputs of Vigna's splitmix64.c for seed 0.
    let mut r = SplitMix64::new(0);
    assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
    assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    assert_eq!(r.next_u64(), 0x06c4_5d18_8009_454f);
    let mut r = SplitMix64::new(7);
    for _ in 0..10_000 {
        let u = r.next_f64();
        assert!((0.0..1.0).contains(&u));
    }
}

#[test]
fn same_seed_same_draws_other_seed_other_draws() {
    let d = sample_distribution(&[1.0, 0.5, 0.0, -0.5, 2.0], &SamplingParams::default());
    let a = draw(&d, 100, 42);
    assert_eq!(a, draw(&d, 100, 42));
    assert_ne!(a, draw(&d, 100, 43));
    assert_eq!(
        draw(&d, 1, 42),
        a[..1].to_vec(),
        "a single draw is the first of a hundred"
    );
    assert_eq!(draw(&d, 0, 42), Vec::<usize>::new());
}

#[test]
fn frequencies_approach_the_distribution() {
    let logits = [2.0, 1.0, 0.5, 0.0, -1.0, -3.0];
    let params = SamplingParams {
        temperature: 0.9,
        top_k: 5,
        ..Default::default()
    };
    let d = sample_distribution(&logits, &params);
    const N: usize = 200_000;
    let h = histogram(&draw(&d, N, 2024), logits.len());
    assert_eq!(h.iter().sum::<usize>(), N);
    assert_eq!(h[5], 0, "removed by top-k: never drawn");
    let mut chi2 = 0.0;
    for (i, t) in d.tokens.iter().enumerate() {
        let f = h[i] as f64 / N as f64;
        // binomial sd ≤ 0.0012 at this N: 0.006 is a 5-sigma bound
        assert!((f - t.after).abs() < 0.006, "token {i}: {f} vs {}", t.after);
        if t.after > 0.0 {
            let e = t.after * N as f64;
            chi2 += (h[i] as f64 - e).powi(2) / e;
        }
    }
    // 4 degrees of freedom: P(chi2 > 30) ≈ 5e-6
    assert!(chi2 < 30.0, "chi2 {chi2}");
}

#[test]
fn weights_need_not_be_normalized_and_bad_ones_are_ignored() {
    let w = [0.0, f64::NAN, 3.0, -1.0, f64::INFINITY, 1.0];
    let h = histogram(&draw_probs(&w, 40_000, 9), w.len());
    assert_eq!(h[0] + h[1] + h[3] + h[4], 0);
    let f = h[2] as f64 / 40_000.0;
    assert!((f - 0.75).abs() < 0.02, "{f}");
    // no positive weight at all: uniform
    let h = histogram(&draw_probs(&[0.0, f64::NAN, -2.0, 0.0], 40_000, 9), 4);
    assert!(
        h.iter().all(|&c| (c as f64 / 40_000.0 - 0.25).abs() < 0.02),
        "{h:?}"
    );
    assert!(draw_probs(&[], 5, 1).is_empty());
    assert_eq!(histogram(&[0, 7, 1, 1], 2), vec![1, 2]);
}
