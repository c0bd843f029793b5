//! Seeded, reproducible draws: a SplitMix64 generator (no crate) and inverse-CDF sampling.

use super::Distribution;

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, full-period 2^64, and good enough
/// for a teaching demo. Same seed → same stream on every platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal deviate (Box–Muller), for making realistic toy logits.
    pub fn next_normal(&mut self) -> f64 {
        let u1 = 1.0 - self.next_f64(); // (0, 1]
        let u2 = self.next_f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// `n` token indices drawn independently from `dist`'s `after` probabilities, reproducible
/// from `seed`. Only tokens with positive probability are ever drawn. Empty `dist` → empty.
pub fn draw(dist: &Distribution, n: usize, seed: u64) -> Vec<usize> {
    let probs: Vec<f64> = dist.tokens.iter().map(|t| t.after).collect();
    draw_probs(&probs, n, seed)
}

/// Like [`draw`] on any weight vector (need not sum to 1; NaN, negative and infinite
/// weights count as 0). If no weight is positive, draws uniformly. Empty → empty.
pub fn draw_probs(probs: &[f64], n: usize, seed: u64) -> Vec<usize> {
    if probs.is_empty() {
        return Vec::new();
    }
    let mut cdf = Vec::with_capacity(probs.len());
    let mut total = 0.0;
    for &p in probs {
        if p > 0.0 && p.is_finite() {
            total += p;
        }
        cdf.push(total);
    }
    let mut rng = SplitMix64::new(seed);
    if !(total > 0.0 && total.is_finite()) {
        let len = probs.len() as u64;
        // Uniform over indices (modulo bias is negligible for a vocabulary).
        return (0..n).map(|_| (rng.next_u64() % len) as usize).collect();
    }
    // The last index with positive weight: the fallback if rounding puts u at the top.
    let last = probs
        .iter()
        .rposition(|&p| p > 0.0 && p.is_finite())
        .unwrap_or(0);
    (0..n)
        .map(|_| {
            let u = rng.next_f64() * total;
            // First index whose cumulative weight exceeds u (so zero-weight tokens never win).
            let i = cdf.partition_point(|&c| c <= u);
            i.min(last)
        })
        .collect()
}

/// Counts of each token index in `draws`, for a vocabulary of `vocab` tokens
/// (indices ≥ `vocab` are ignored).
pub fn histogram(draws: &[usize], vocab: usize) -> Vec<usize> {
    let mut h = vec![0; vocab];
    for &d in draws {
        if d < vocab {
            h[d] += 1;
        }
    }
    h
}
