//! The sampling lab: how temperature, top-k, top-p (nucleus) and min-p reshape a
//! next-token distribution, and seeded draws from the result.
//!
//! # Semantics
//!
//! [`sample_distribution`] follows the Hugging Face transformers logits warpers
//! (`TemperatureLogitsWarper`, `TopKLogitsWarper`, `TopPLogitsWarper`,
//! `MinPLogitsWarper`, applied in that order, then a softmax over the survivors);
//! golden vectors produced by transformers itself check this (see
//! `tools/golden/make_golden.py` and `docs/sampling.md`).
//!
//! * **Temperature** divides the logits by `t`.
//! * **Top-k** removes every token whose logit is *strictly* below the k-th largest
//!   logit (counting removed tokens as −∞, as transformers does), so tokens tied with
//!   the k-th value are all kept.
//! * **Top-p** ranks tokens from most to least probable and keeps a token while the
//!   probability mass ranked strictly above it is `< p` (the smallest set whose
//!   cumulative probability reaches `p`); the top token is always kept. Tied tokens
//!   are ranked the way transformers' ascending stable sort ranks them: among equal
//!   logits the *higher* index ranks higher, so a tie straddling the cut keeps the
//!   higher indices.
//! * **Min-p** removes tokens whose probability is below `min_p × max probability`,
//!   on the distribution left by the earlier steps.
//!
//! [`Order::TemperatureLast`] runs top-k, top-p and min-p on the untempered logits
//! and applies the temperature to the survivors only (llama.cpp users' favourite
//! order). [`compare_orders`] runs both.
//!
//! # Edge cases (never a panic, never a NaN)
//!
//! | input | result |
//! | --- | --- |
//! | empty `logits` | empty [`Distribution`], entropies 0, effective choices 0 |
//! | NaN or −∞ logit | the token has probability 0 from the start: [`Filter::Masked`] |
//! | some +∞ logits | the +∞ tokens share the mass equally (they are tied at the top); all others are [`Filter::Masked`] |
//! | every logit NaN/−∞ | no preference: every logit is read as 0 (uniform), then the filters apply |
//! | huge finite logits (±1e308) | fine: logits are shifted by their maximum first |
//! | `temperature` ≤ 0 (incl. −∞) | greedy: only the argmax survives (ties → the first index), k/p/min-p ignored, others [`Filter::Greedy`] |
//! | `temperature` NaN | read as 1 |
//! | `temperature` tiny (1e-300) | the limit: the tied maxima share the mass |
//! | `temperature` huge (1e30) or +∞ | flat: survivors (nearly) uniform |
//! | `top_k` = 0 or ≥ vocabulary | top-k off |
//! | `top_p` NaN or ≥ 1 | top-p off |
//! | `top_p` ≤ 0 (incl. −∞) | keeps the single top-ranked token (ties → the highest index, like transformers) |
//! | `min_p` NaN or ≤ 0 | min-p off |
//! | `min_p` ≥ 1 | keeps only tokens tied with the most probable one |
//!
//! With a non-empty input at least one token is kept and the `after` probabilities
//! sum to 1 (±1e-9); so do the `before` ones.

mod draw;

pub use draw::{draw, draw_probs, histogram, SplitMix64};

use std::cmp::Ordering;

/// When the temperature is applied relative to the truncation filters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Temperature, then top-k, top-p, min-p (Hugging Face transformers).
    #[default]
    TemperatureFirst,
    /// Top-k, top-p, min-p on the untempered logits, then temperature on the survivors.
    TemperatureLast,
}

/// The knobs of the sampling lab. [`Default`] changes nothing: t = 1, every filter off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SamplingParams {
    /// Divides the logits. ≤ 0 means greedy; NaN is read as 1.
    pub temperature: f64,
    /// Keep the k most likely tokens (and ties with the k-th). 0 = off.
    pub top_k: usize,
    /// Nucleus mass in (0, 1). ≥ 1 or NaN = off; ≤ 0 keeps only the top token.
    pub top_p: f64,
    /// Relative probability floor in (0, 1]. ≤ 0 or NaN = off; ≥ 1 is read as 1.
    pub min_p: f64,
    /// Where the temperature goes.
    pub order: Order,
}

impl Default for SamplingParams {
    fn default() -> Self {
        Self {
            temperature: 1.0,
            top_k: 0,
            top_p: 1.0,
            min_p: 0.0,
            order: Order::TemperatureFirst,
        }
    }
}

/// Why a token is out of the final distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Filter {
    /// Zero probability from the start: its logit was NaN or −∞, or another logit was +∞.
    Masked,
    /// Temperature ≤ 0: not the argmax.
    Greedy,
    TopK,
    TopP,
    MinP,
}

/// One candidate token's fate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TokenProb {
    /// Plain softmax of the original logits (temperature 1, no filter).
    pub before: f64,
    /// Probability after the whole pipeline (0 when removed).
    pub after: f64,
    /// The step that removed it; `None` if it survived.
    pub removed_by: Option<Filter>,
}

/// The result of [`sample_distribution`]: one [`TokenProb`] per input logit, in input order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Distribution {
    pub tokens: Vec<TokenProb>,
    /// Shannon entropy of `before`, in bits.
    pub entropy_bits_before: f64,
    /// Shannon entropy of `after`, in bits.
    pub entropy_bits_after: f64,
    /// 2^entropy_before: how many equally likely choices the distribution is "worth" (0 if empty).
    pub effective_choices_before: f64,
    /// 2^entropy_after (0 if empty).
    pub effective_choices_after: f64,
    /// How many tokens survived (`removed_by == None`).
    pub kept: usize,
}

impl Distribution {
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The final probabilities, in input order.
    pub fn after(&self) -> Vec<f64> {
        self.tokens.iter().map(|t| t.after).collect()
    }

    /// The untouched T = 1 probabilities, in input order.
    pub fn before(&self) -> Vec<f64> {
        self.tokens.iter().map(|t| t.before).collect()
    }

    /// Indices of the surviving tokens, ascending.
    pub fn kept_indices(&self) -> Vec<usize> {
        (0..self.tokens.len())
            .filter(|&i| self.tokens[i].removed_by.is_none())
            .collect()
    }

    /// How many tokens `filter` removed.
    pub fn removed_count(&self, filter: Filter) -> usize {
        self.tokens
            .iter()
            .filter(|t| t.removed_by == Some(filter))
            .count()
    }
}

/// The two orders side by side, for showing how they differ.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderComparison {
    pub temperature_first: Distribution,
    pub temperature_last: Distribution,
    /// Total variation distance between the two `after` distributions, in [0, 1].
    pub total_variation: f64,
    /// Tokens kept by temperature-first only.
    pub kept_only_first: Vec<usize>,
    /// Tokens kept by temperature-last only.
    pub kept_only_last: Vec<usize>,
}

/// Runs `params` in both orders (its `order` field is ignored).
pub fn compare_orders(logits: &[f64], params: &SamplingParams) -> OrderComparison {
    let first = sample_distribution(
        logits,
        &SamplingParams {
            order: Order::TemperatureFirst,
            ..*params
        },
    );
    let last = sample_distribution(
        logits,
        &SamplingParams {
            order: Order::TemperatureLast,
            ..*params
        },
    );
    let total_variation = (0.5
        * first
            .tokens
            .iter()
            .zip(&last.tokens)
            .map(|(a, b)| (a.after - b.after).abs())
            .sum::<f64>())
    .min(1.0);
    let kept_first = |i: &usize| first.tokens[*i].removed_by.is_none();
    let kept_last = |i: &usize| last.tokens[*i].removed_by.is_none();
    let kept_only_first = (0..logits.len())
        .filter(|i| kept_first(i) && !kept_last(i))
        .collect();
    let kept_only_last = (0..logits.len())
        .filter(|i| kept_last(i) && !kept_first(i))
        .collect();
    OrderComparison {
        temperature_first: first,
        temperature_last: last,
        total_variation,
        kept_only_first,
        kept_only_last,
    }
}

/// Plain softmax of `logits / temperature` with the same input handling as
/// [`sample_distribution`] (NaN/−∞ → 0, +∞ share the mass, all invalid → uniform,
/// temperature NaN → 1, temperature ≤ 0 → one-hot on the first argmax).
/// Handy with [`cumulative_desc`] for drawing the top-p line before any filter.
pub fn softmax(logits: &[f64], temperature: f64) -> Vec<f64> {
    let (z, _) = sanitize(logits);
    let t = effective_temperature(temperature);
    if z.is_empty() {
        return Vec::new();
    }
    if t <= 0.0 {
        let a = argmax_first(&z);
        return (0..z.len())
            .map(|i| if i == a { 1.0 } else { 0.0 })
            .collect();
    }
    let z: Vec<f64> = z.iter().map(|&v| temper(v, t)).collect();
    normalized(&z)
}

/// Cumulative probability in descending order: `(token index, mass of this token and
/// every token ranked above it)`, most probable first. Ties rank the higher index first
/// (the top-p rule). NaN or negative entries count as 0. The last value is the total
/// mass (≈ 1 for a distribution).
pub fn cumulative_desc(probs: &[f64]) -> Vec<(usize, f64)> {
    let clean = |p: f64| if p > 0.0 { p } else { 0.0 };
    let mut idx: Vec<usize> = (0..probs.len()).collect();
    idx.sort_unstable_by(|&a, &b| rank_cmp(clean(probs[a]), a, clean(probs[b]), b));
    let mut cum = 0.0;
    idx.into_iter()
        .map(|i| {
            cum += clean(probs[i]);
            (i, cum)
        })
        .collect()
}

/// The whole pipeline: the distribution of the next token under `params`, token by token.
pub fn sample_distribution(logits: &[f64], params: &SamplingParams) -> Distribution {
    let n = logits.len();
    if n == 0 {
        return Distribution::default();
    }
    let (base, masked) = sanitize(logits);
    let before = normalized(&base);

    let mut removed: Vec<Option<Filter>> = masked
        .iter()
        .map(|&m| if m { Some(Filter::Masked) } else { None })
        .collect();
    let t = effective_temperature(params.temperature);

    let after = if t <= 0.0 {
        let a = argmax_first(&base);
        for (i, r) in removed.iter_mut().enumerate() {
            if i != a && r.is_none() {
                *r = Some(Filter::Greedy);
            }
        }
        (0..n).map(|i| if i == a { 1.0 } else { 0.0 }).collect()
    } else {
        // Working logits: removed tokens are −∞, as with transformers' filter_value.
        let mut z = base;
        if params.order == Order::TemperatureFirst {
            for v in z.iter_mut() {
                *v = temper(*v, t);
            }
        }
        top_k(&mut z, &mut removed, params.top_k);
        top_p(&mut z, &mut removed, params.top_p);
        min_p(&mut z, &mut removed, params.min_p);
        if params.order == Order::TemperatureLast {
            for v in z.iter_mut() {
                *v = temper(*v, t);
            }
        }
        normalized(&z)
    };

    let tokens: Vec<TokenProb> = (0..n)
        .map(|i| TokenProb {
            before: before[i],
            after: after[i],
            removed_by: removed[i],
        })
        .collect();
    let entropy_bits_before = entropy_bits(&before);
    let entropy_bits_after = entropy_bits(&after);
    Distribution {
        kept: removed.iter().filter(|r| r.is_none()).count(),
        tokens,
        entropy_bits_before,
        entropy_bits_after,
        effective_choices_before: entropy_bits_before.exp2(),
        effective_choices_after: entropy_bits_after.exp2(),
    }
}

/// Shannon entropy in bits of a probability vector (zero and invalid entries skipped;
/// never negative).
pub fn entropy_bits(probs: &[f64]) -> f64 {
    let h: f64 = probs
        .iter()
        .filter(|&&p| p > 0.0 && p.is_finite())
        .map(|&p| -p * p.log2())
        .sum();
    h.max(0.0)
}

// ---------------------------------------------------------------------------------
// Internals. Working logits are always finite or −∞, never NaN or +∞, and at least one
// is finite; after the shift by the maximum, the largest is 0.

/// Maps raw logits to working logits shifted so that the maximum is 0, and flags the
/// masked tokens (see the edge-case table).
fn sanitize(logits: &[f64]) -> (Vec<f64>, Vec<bool>) {
    let any_pos_inf = logits.iter().any(|&v| v == f64::INFINITY);
    let mut masked = vec![false; logits.len()];
    let mut z: Vec<f64> = Vec::with_capacity(logits.len());
    if any_pos_inf {
        for (i, &v) in logits.iter().enumerate() {
            if v == f64::INFINITY {
                z.push(0.0);
            } else {
                masked[i] = true;
                z.push(f64::NEG_INFINITY);
            }
        }
        return (z, masked);
    }
    let mut max = f64::NEG_INFINITY;
    for (i, &v) in logits.iter().enumerate() {
        if v.is_finite() {
            max = max.max(v);
        } else {
            masked[i] = true;
        }
    }
    if max == f64::NEG_INFINITY {
        // Nothing usable: no preference at all.
        return (vec![0.0; logits.len()], vec![false; logits.len()]);
    }
    for (i, &v) in logits.iter().enumerate() {
        // v − max ≤ 0; a range beyond f64 overflows to −∞ (probability 0 anyway).
        z.push(if masked[i] {
            f64::NEG_INFINITY
        } else {
            v - max
        });
    }
    (z, masked)
}

fn effective_temperature(t: f64) -> f64 {
    if t.is_nan() {
        1.0
    } else {
        t
    }
}

/// Divides a working logit (≤ 0 or −∞) by t > 0 without making NaN (−∞/∞).
fn temper(v: f64, t: f64) -> f64 {
    if v == f64::NEG_INFINITY {
        v
    } else {
        v / t
    }
}

/// First index of the maximum (working logits have no NaN).
fn argmax_first(z: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in z.iter().enumerate() {
        if v > z[best] {
            best = i;
        }
    }
    best
}

/// Rank order for top-p: larger value first; among equal values the higher index first
/// (transformers sorts ascending with a stable sort and keeps the tail). `-0.0 == 0.0`.
fn rank_cmp(va: f64, a: usize, vb: f64, b: usize) -> Ordering {
    vb.partial_cmp(&va)
        .unwrap_or(Ordering::Equal)
        .then(b.cmp(&a))
}

/// Softmax of working logits (−∞ → 0). Needs at least one finite value unless empty.
fn normalized(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        // Cannot happen with working logits; stay total anyway.
        let u = 1.0 / z.len() as f64;
        return vec![u; z.len()];
    }
    let mut e: Vec<f64> = z.iter().map(|&v| (v - max).exp()).collect();
    let sum: f64 = e.iter().sum(); // ≥ 1: the maximum contributes exp(0)
    for v in e.iter_mut() {
        *v /= sum;
    }
    e
}

fn remove(z: &mut [f64], removed: &mut [Option<Filter>], i: usize, by: Filter) {
    z[i] = f64::NEG_INFINITY;
    if removed[i].is_none() {
        removed[i] = Some(by);
    }
}

/// Removes tokens strictly below the k-th largest working logit (all n tokens count,
/// removed ones as −∞). k = 0 or k ≥ n: nothing happens.
fn top_k(z: &mut [f64], removed: &mut [Option<Filter>], k: usize) {
    let n = z.len();
    if k == 0 || k >= n {
        return;
    }
    let mut vals = z.to_vec();
    let (_, kth, _) =
        vals.select_nth_unstable_by(k - 1, |a, b| b.partial_cmp(a).unwrap_or(Ordering::Equal));
    let kth = *kth;
    for i in 0..n {
        if z[i] < kth {
            remove(z, removed, i, Filter::TopK);
        }
    }
}

/// Nucleus filter: in rank order, keeps a token while the mass ranked above it is `< p`.
fn top_p(z: &mut [f64], removed: &mut [Option<Filter>], p: f64) {
    if p.is_nan() || p >= 1.0 {
        return;
    }
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut alive: Vec<u32> = Vec::new();
    let mut e: Vec<f64> = vec![0.0; z.len()];
    let mut total = 0.0;
    for (i, &v) in z.iter().enumerate() {
        if v != f64::NEG_INFINITY {
            e[i] = (v - max).exp();
            total += e[i];
            alive.push(i as u32);
        }
    }
    // Un-normalized threshold: mass_above / total < p  ⇔  mass_above < p · total.
    let threshold = p.max(0.0) * total;
    let cmp = |a: &u32, b: &u32| rank_cmp(z[*a as usize], *a as usize, z[*b as usize], *b as usize);

    // Rank lazily: select the next chunk of most probable tokens, sort only that chunk,
    // and stop as soon as the nucleus is complete.
    let mut start = 0;
    let mut chunk = 64;
    let mut cum = 0.0;
    let mut cut = alive.len();
    'outer: while start < alive.len() {
        let rest = &mut alive[start..];
        let take = chunk.min(rest.len());
        if take < rest.len() {
            rest.select_nth_unstable_by(take - 1, cmp);
        }
        rest[..take].sort_unstable_by(cmp);
        for (j, &i) in rest[..take].iter().enumerate() {
            if start + j > 0 && cum >= threshold {
                cut = start + j;
                break 'outer;
            }
            cum += e[i as usize];
        }
        start += take;
        chunk *= 4;
    }
    for &i in &alive[cut..] {
        remove(z, removed, i as usize, Filter::TopP);
    }
}

/// Removes tokens whose probability is below `m` × the largest probability.
fn min_p(z: &mut [f64], removed: &mut [Option<Filter>], m: f64) {
    if m.is_nan() || m <= 0.0 {
        return;
    }
    let m = m.min(1.0);
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for i in 0..z.len() {
        // p_i / p_max = exp(z_i − max); −∞ stays removed by its earlier filter.
        if z[i] != f64::NEG_INFINITY && (z[i] - max).exp() < m {
            remove(z, removed, i, Filter::MinP);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(t: f64, k: usize, p: f64, m: f64) -> SamplingParams {
        SamplingParams {
            temperature: t,
            top_k: k,
            top_p: p,
            min_p: m,
            order: Order::TemperatureFirst,
        }
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn default_is_plain_softmax() {
        let l = [1.0, 2.0, 3.0];
        let d = sample_distribution(&l, &SamplingParams::default());
        assert!(close(&d.after(), &d.before()));
        assert_eq!(d.kept, 3);
        let s: f64 = [1.0f64, 2.0, 3.0].iter().map(|v| v.exp()).sum();
        assert!((d.tokens[2].after - 3f64.exp() / s).abs() < 1e-12);
    }

    #[test]
    fn empty() {
        let d = sample_distribution(&[], &SamplingParams::default());
        assert!(d.is_empty());
        assert_eq!(d.kept, 0);
        assert_eq!(d.effective_choices_after, 1.0 - 1.0);
        assert!(draw(&d, 10, 1).is_empty());
    }

    #[test]
    fn top_k_keeps_ties() {
        let d = sample_distribution(&[3.0, 1.0, 2.0, 2.0, 0.0], &params(1.0, 2, 1.0, 0.0));
        assert_eq!(d.kept_indices(), vec![0, 2, 3]);
        assert_eq!(d.tokens[1].removed_by, Some(Filter::TopK));
    }

    #[test]
    fn top_p_tie_keeps_higher_index() {
        let d = sample_distribution(&[0.0; 4], &params(1.0, 0, 0.5, 0.0));
        assert_eq!(d.kept_indices(), vec![2, 3]);
        assert!(close(&d.after(), &[0.0, 0.0, 0.5, 0.5]));
        let d = sample_distribution(&[0.0; 4], &params(1.0, 0, 0.0, 0.0));
        assert_eq!(d.kept_indices(), vec![3]);
    }

    #[test]
    fn greedy() {
        let d = sample_distribution(&[1.0, 5.0, 5.0, f64::NAN], &params(0.0, 0, 1.0, 0.0));
        assert_eq!(d.kept_indices(), vec![1]);
        assert_eq!(d.tokens[2].removed_by, Some(Filter::Greedy));
        assert_eq!(d.tokens[3].removed_by, Some(Filter::Masked));
        assert_eq!(d.entropy_bits_after, 0.0);
        assert_eq!(d.effective_choices_after, 1.0);
    }

    #[test]
    fn infinities_and_nan() {
        let l = [f64::INFINITY, 0.0, f64::INFINITY, f64::NAN];
        let d = sample_distribution(&l, &SamplingParams::default());
        assert!(close(&d.after(), &[0.5, 0.0, 0.5, 0.0]));
        assert_eq!(d.tokens[1].removed_by, Some(Filter::Masked));
        let d = sample_distribution(&[f64::NAN, f64::NEG_INFINITY], &SamplingParams::default());
        assert!(close(&d.after(), &[0.5, 0.5]));
        assert_eq!(d.kept, 2);
    }

    #[test]
    fn min_p_and_orders_differ() {
        let l = [2.0, 1.0, 0.0];
        // min_p 0.3: untempered ratios 1, e^-1=.37, e^-2=.14 → keeps 0, 1.
        // At t = 2 first: ratios 1, .61, .37 → keeps all three.
        let p = SamplingParams {
            temperature: 2.0,
            min_p: 0.3,
            ..Default::default()
        };
        let c = compare_orders(&l, &p);
        assert_eq!(c.temperature_first.kept, 3);
        assert_eq!(c.temperature_last.kept, 2);
        assert_eq!(c.kept_only_first, vec![2]);
        assert!(c.total_variation > 0.0);
    }

    #[test]
    fn cumulative() {
        let c = cumulative_desc(&[0.25, 0.5, 0.25]);
        assert_eq!(c.iter().map(|x| x.0).collect::<Vec<_>>(), vec![1, 2, 0]);
        assert!((c[2].1 - 1.0).abs() < 1e-15);
    }
}
