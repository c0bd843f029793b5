//! Property tests of `llm_qa_core::sampling` over arbitrary logits (NaN, ±∞, huge) and
//! arbitrary parameters. 115,000 cases in all; small vocabularies keep it fast in debug.

use llm_qa_core::sampling::{
    compare_orders, draw, entropy_bits, histogram, sample_distribution, Distribution, Filter,
    Order, SamplingParams,
};
use proptest::prelude::*;

// Strategies map plain `u64`s to values: several times cheaper than nested `prop_oneof!`
// trees in a debug build, and they still shrink (towards 0 → the first, plain category).

const ODD: [f64; 10] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    1.0,
    1e30,
    1e-300,
    -1.0,
    f64::MIN_POSITIVE,
];

/// Low byte picks a category, the rest picks a value in it.
fn odd_or(b: u64, plain: f64) -> f64 {
    let v = b >> 8;
    match b & 0xff {
        0..=199 => plain,
        200..=229 => ODD[(v % ODD.len() as u64) as usize],
        _ => f64::from_bits(v.rotate_left(8) ^ b), // anything, incl. NaN payloads, subnormals
    }
}

fn frac(b: u64, steps: u64) -> f64 {
    ((b >> 8) % (steps + 1)) as f64 / steps as f64
}

fn to_logit(b: u64) -> f64 {
    let v = b >> 8;
    match b & 0xff {
        0..=149 => frac(b, 40_000) * 40.0 - 20.0,
        150..=199 => (v % 6) as f64 - 3.0, // ties
        200..=224 => f64::from_bits(v.rotate_left(8) ^ b),
        _ => [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
            -1000.0,
        ][(v % 8) as usize],
    }
}

fn logit() -> impl Strategy<Value = f64> {
    any::<u64>().prop_map(to_logit)
}

fn logits() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(logit(), 0..12)
}

fn to_temperature(b: u64) -> f64 {
    odd_or(b, 0.05 + frac(b, 100_000) * 3.95)
}

/// Mostly [0, 1], some [-0.5, 1.5], some odd values.
fn to_unit(b: u64) -> f64 {
    if b & 0xff < 40 {
        -0.5 + frac(b, 100_000) * 2.0
    } else {
        odd_or(b, frac(b, 100_000))
    }
}

fn unit() -> impl Strategy<Value = f64> {
    any::<u64>().prop_map(to_unit)
}

fn to_top_k(b: u64) -> usize {
    if b & 0xff < 200 {
        ((b >> 8) % 15) as usize
    } else {
        (b >> 8) as usize
    }
}

fn params() -> impl Strategy<Value = SamplingParams> {
    any::<[u64; 4]>().prop_map(|[t, k, p, m]| SamplingParams {
        temperature: to_temperature(t),
        top_k: to_top_k(k),
        top_p: to_unit(p),
        min_p: to_unit(m),
        order: if t & 0x100 == 0 {
            Order::TemperatureFirst
        } else {
            Order::TemperatureLast
        },
    })
}

fn kept(d: &Distribution) -> Vec<usize> {
    d.kept_indices()
}

fn is_subset(a: &[usize], b: &[usize]) -> bool {
    a.iter().all(|i| b.contains(i))
}

fn check_invariants(l: &[f64], p: &SamplingParams, d: &Distribution) -> Result<(), TestCaseError> {
    prop_assert_eq!(d.len(), l.len());
    for x in [
        d.entropy_bits_before,
        d.entropy_bits_after,
        d.effective_choices_before,
        d.effective_choices_after,
    ] {
        prop_assert!(x.is_finite() && x >= 0.0);
    }
    if l.is_empty() {
        prop_assert_eq!(d.kept, 0);
        return Ok(());
    }
    let n = l.len() as f64;
    prop_assert!(d.entropy_bits_after <= n.log2() + 1e-9);
    prop_assert!(d.effective_choices_after >= 1.0 - 1e-9 && d.effective_choices_after <= n + 1e-6);
    let (mut sb, mut sa) = (0.0, 0.0);
    for t in &d.tokens {
        prop_assert!((0.0..=1.0).contains(&t.before), "before {}", t.before);
        prop_assert!((0.0..=1.0).contains(&t.after), "after {}", t.after);
        if t.removed_by.is_some() {
            prop_assert_eq!(t.after, 0.0);
        }
        sb += t.before;
        sa += t.after;
    }
    prop_assert!((sb - 1.0).abs() < 1e-9, "before sums to {}", sb);
    prop_assert!((sa - 1.0).abs() < 1e-9, "after sums to {}", sa);
    prop_assert!(d.kept >= 1);
    // The entropy shortcut (from the logits) equals −Σ p·log2 p.
    prop_assert!((d.entropy_bits_before - entropy_bits(&d.before())).abs() < 1e-6);
    prop_assert!((d.entropy_bits_after - entropy_bits(&d.after())).abs() < 1e-6);
    prop_assert_eq!(d.kept, kept(d).len());
    // Masked exactly where documented.
    let any_pos_inf = l.contains(&f64::INFINITY);
    let any_finite = l.iter().any(|v| v.is_finite());
    for (i, &v) in l.iter().enumerate() {
        let masked = if any_pos_inf {
            v != f64::INFINITY
        } else {
            any_finite && !v.is_finite()
        };
        prop_assert_eq!(
            d.tokens[i].removed_by == Some(Filter::Masked),
            masked,
            "token {}",
            i
        );
    }
    let greedy = !p.temperature.is_nan() && p.temperature <= 0.0;
    if greedy {
        prop_assert_eq!(d.kept, 1);
    } else {
        prop_assert_eq!(d.removed_count(Filter::Greedy), 0);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(37_000))]

    /// No panic, no NaN, sums to 1, at least one kept, masking as documented.
    #[test]
    fn invariants(l in logits(), p in params()) {
        let d = sample_distribution(&l, &p);
        check_invariants(&l, &p, &d)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// The same on bigger vocabularies (exercises the chunked top-p ranking).
    #[test]
    fn invariants_big_vocab(l in prop::collection::vec(logit(), 0..400), p in params()) {
        let d = sample_distribution(&l, &p);
        check_invariants(&l, &p, &d)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(15_000))]

    /// Lower p never keeps more tokens (the kept set shrinks), all else fixed.
    #[test]
    fn top_p_monotone(l in logits(), p in params(), a in unit(), b in unit()) {
        let (lo, hi) = if a.is_nan() || b.is_nan() { (a, b) } else { (a.min(b), a.max(b)) };
        prop_assume!(!lo.is_nan() && !hi.is_nan());
        let d_lo = sample_distribution(&l, &SamplingParams { top_p: lo, ..p });
        let d_hi = sample_distribution(&l, &SamplingParams { top_p: hi, ..p });
        prop_assert!(is_subset(&kept(&d_lo), &kept(&d_hi)), "p {} keeps {:?}, p {} keeps {:?}", lo, kept(&d_lo), hi, kept(&d_hi));
    }

    /// Smaller k never keeps more tokens; k = 0 (off) keeps at least as many as any k.
    #[test]
    fn top_k_monotone(l in logits(), p in params(), a in 1..20usize, b in 1..20usize) {
        let (lo, hi) = (a.min(b), a.max(b));
        let d_lo = sample_distribution(&l, &SamplingParams { top_k: lo, ..p });
        let d_hi = sample_distribution(&l, &SamplingParams { top_k: hi, ..p });
        let d_off = sample_distribution(&l, &SamplingParams { top_k: 0, ..p });
        prop_assert!(is_subset(&kept(&d_lo), &kept(&d_hi)));
        prop_assert!(is_subset(&kept(&d_hi), &kept(&d_off)));
    }

    /// Higher min_p never keeps more tokens.
    #[test]
    fn min_p_monotone(l in logits(), p in params(), a in unit(), b in unit()) {
        prop_assume!(!a.is_nan() && !b.is_nan());
        let (lo, hi) = (a.min(b), a.max(b));
        let d_lo = sample_distribution(&l, &SamplingParams { min_p: lo, ..p });
        let d_hi = sample_distribution(&l, &SamplingParams { min_p: hi, ..p });
        prop_assert!(is_subset(&kept(&d_hi), &kept(&d_lo)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Top-p alone at T = 1 keeps the smallest rank-prefix whose mass reaches p.
    #[test]
    fn top_p_alone_is_minimal_nucleus(l in prop::collection::vec(-10.0..10.0f64, 1..30), p in 0.0..1.0f64) {
        let d = sample_distribution(&l, &SamplingParams { top_p: p, ..Default::default() });
        let mass: f64 = d.tokens.iter().filter(|t| t.removed_by.is_none()).map(|t| t.before).sum();
        let least = d.tokens.iter().filter(|t| t.removed_by.is_none()).map(|t| t.before).fold(1.0, f64::min);
        prop_assert!(mass >= p - 1e-9, "kept mass {} < p {}", mass, p);
        if d.kept > 1 {
            prop_assert!(mass - least < p + 1e-9, "not minimal: {} - {} >= {}", mass, least, p);
        }
        // every kept token is at least as probable as every removed one
        let min_kept = least;
        let max_removed = d.tokens.iter().filter(|t| t.removed_by.is_some()).map(|t| t.before).fold(0.0, f64::max);
        prop_assert!(min_kept >= max_removed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// When no logit is usable (all NaN / −∞): uniform before, nothing masked, filters apply.
    #[test]
    fn all_invalid_is_uniform(l in prop::collection::vec(prop_oneof![Just(f64::NAN), Just(f64::NEG_INFINITY)], 1..20), p in params()) {
        let d = sample_distribution(&l, &p);
        check_invariants(&l, &p, &d)?;
        let u = 1.0 / l.len() as f64;
        for t in &d.tokens {
            prop_assert!((t.before - u).abs() < 1e-12);
        }
        prop_assert_eq!(d.removed_count(Filter::Masked), 0);
    }

    /// Temperature ≤ 0 is greedy: exactly one token, the first argmax, with probability 1.
    #[test]
    fn greedy_keeps_first_argmax(l in prop::collection::vec(prop_oneof![3 => (-3i32..3).prop_map(f64::from), 1 => logit()], 1..20),
                                 t in prop_oneof![Just(0.0), Just(-0.0), -5.0..0.0f64, Just(f64::NEG_INFINITY)],
                                 p in params()) {
        let d = sample_distribution(&l, &SamplingParams { temperature: t, ..p });
        prop_assert_eq!(d.kept, 1);
        let i = kept(&d)[0];
        prop_assert_eq!(d.tokens[i].after, 1.0);
        let finite: Vec<f64> = l.iter().map(|&v| if v.is_nan() { f64::NEG_INFINITY } else { v }).collect();
        let best = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if best > f64::NEG_INFINITY {
            prop_assert_eq!(i, finite.iter().position(|&v| v == best).unwrap());
        } else {
            prop_assert_eq!(i, 0);
        }
    }

    /// At T = 1 the two orders are the same computation.
    #[test]
    fn orders_agree_at_t1(l in logits(), p in params()) {
        let c = compare_orders(&l, &SamplingParams { temperature: 1.0, ..p });
        prop_assert_eq!(&c.temperature_first.tokens, &c.temperature_last.tokens);
        prop_assert_eq!(c.total_variation, 0.0);
    }

    /// Draws are reproducible from the seed and only ever pick tokens with probability > 0.
    #[test]
    fn draws_reproducible_and_supported(l in logits(), p in params(), seed in any::<u64>(), n in 0..50usize) {
        let d = sample_distribution(&l, &p);
        let a = draw(&d, n, seed);
        prop_assert_eq!(&a, &draw(&d, n, seed));
        prop_assert_eq!(a.len(), if l.is_empty() { 0 } else { n });
        for &i in &a {
            prop_assert!(d.tokens[i].after > 0.0 && d.tokens[i].removed_by.is_none());
        }
        prop_assert_eq!(histogram(&a, l.len()).iter().sum::<usize>(), a.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The bucketed top-p ranking equals a naive full sort on big vocabularies with many
    /// ties, spread over many buckets (logits 0–20 in steps of 0.05). Naive rule: rank by logit desc, ties → higher index
    /// first; keep while the mass ranked above is < p.
    #[test]
    fn top_p_matches_naive_full_sort(l in prop::collection::vec((0u64..400).prop_map(|v| v as f64 * 0.05), 1..3000),
                                     p in 0.0..1.0f64) {
        let d = sample_distribution(&l, &SamplingParams { top_p: p, ..Default::default() });
        let max = l.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = l.iter().map(|v| (v - max).exp()).collect();
        let total: f64 = e.iter().sum();
        let mut idx: Vec<usize> = (0..l.len()).collect();
        idx.sort_by(|&a, &b| l[b].partial_cmp(&l[a]).unwrap().then(b.cmp(&a)));
        let mut want = Vec::new();
        let mut cum = 0.0;
        for &i in &idx {
            if !want.is_empty() && cum >= p * total {
                break;
            }
            cum += e[i];
            want.push(i);
        }
        want.sort_unstable();
        prop_assert_eq!(kept(&d), want);
    }
}
