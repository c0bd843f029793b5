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
//!   cumulative probability reaches `p`); the top token is always kept. transformers
//!   sorts ascending, takes the cumulative sum and removes `cumsum <= 1 - p`; with a
//!   stable sort that ranks equal logits by index, the *higher* index ranking higher,
//!   so a tie straddling the cut keeps the higher indices. We always do that. (torch's
//!   CPU sort is stable only up to 16 elements; beyond, which tied tokens it keeps is an
//!   accident of its algorithm — only how many is determined.)
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
//! | `temperature` tiny (1e-300) | the limit: the tied maxima share the mass; tokens whose logit/t overflows to −∞ get probability 0 (and, like in transformers, top-p < 1 or min-p > 0 removes them) |
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
    let mut out = vec![0.0; logits.len()];
    if logits.is_empty() {
        return out;
    }
    let (mut z, live, _) = sanitize(logits);
    let t = effective_temperature(temperature);
    if t <= 0.0 {
        out[argmax_first(&z, &live)] = 1.0;
    } else {
        for &i in &live {
            z[i as usize] = temper(z[i as usize], t);
        }
        softmax_entropy_into(&z, &live, &mut out, |x| x);
    }
    out
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
    let (mut z, mut live, mut removed) = sanitize(logits);
    let mut tokens = vec![
        TokenProb {
            before: 0.0,
            after: 0.0,
            removed_by: None,
        };
        n
    ];
    let entropy_bits_before = softmax_entropy_into(&z, &live, &mut tokens, |t| &mut t.before);
    let t = effective_temperature(params.temperature);

    let entropy_bits_after = if t <= 0.0 {
        let a = argmax_first(&z, &live);
        for &i in &live {
            if i as usize != a {
                removed[i as usize] = Some(Filter::Greedy);
            }
        }
        tokens[a].after = 1.0;
        0.0
    } else {
        if params.order == Order::TemperatureFirst {
            temper_all(&mut z, &live, t);
        }
        top_k(&z, &mut live, &mut removed, params.top_k);
        top_p(&z, &mut live, &mut removed, params.top_p);
        min_p(&z, &mut live, &mut removed, params.min_p);
        if params.order == Order::TemperatureLast {
            temper_all(&mut z, &live, t);
        }
        softmax_entropy_into(&z, &live, &mut tokens, |t| &mut t.after)
    };

    let mut kept = 0;
    for (tok, r) in tokens.iter_mut().zip(removed) {
        tok.removed_by = r;
        kept += usize::from(r.is_none());
    }
    Distribution {
        kept,
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
// Internals. Working logits `z` are never NaN or +∞; they are shifted so that the largest
// is 0. `live` lists, in ascending order, the tokens still in the running; a removed
// token counts as −∞ (transformers' filter_value) whatever its `z`. A live token's `z`
// may still be −∞ (a logit range or a temperature beyond f64): it has probability 0.
// There is always at least one live token with z = 0.

/// Maps raw logits to working logits, the live list, and the removal marks (masked
/// tokens get [`Filter::Masked`]; see the edge-case table).
fn sanitize(logits: &[f64]) -> (Vec<f64>, Vec<u32>, Vec<Option<Filter>>) {
    let n = logits.len();
    let mut any_pos_inf = false;
    let mut max = f64::NEG_INFINITY;
    for &v in logits {
        if v.is_finite() {
            max = max.max(v);
        } else if v == f64::INFINITY {
            any_pos_inf = true;
        }
    }
    if !any_pos_inf && max == f64::NEG_INFINITY {
        // Nothing usable: no preference at all.
        return (vec![0.0; n], (0..n as u32).collect(), vec![None; n]);
    }
    let mut z = vec![f64::NEG_INFINITY; n];
    let mut removed = vec![Some(Filter::Masked); n];
    let mut live = Vec::with_capacity(n);
    for (i, &v) in logits.iter().enumerate() {
        let usable = if any_pos_inf {
            v == f64::INFINITY
        } else {
            v.is_finite()
        };
        if usable {
            // v − max ≤ 0; a range beyond f64 overflows to −∞ (probability 0 anyway).
            z[i] = if any_pos_inf { 0.0 } else { v - max };
            removed[i] = None;
            live.push(i as u32);
        }
    }
    (z, live, removed)
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

fn temper_all(z: &mut [f64], live: &[u32], t: f64) {
    for &i in live {
        z[i as usize] = temper(z[i as usize], t);
    }
}

/// First live index of the maximum.
fn argmax_first(z: &[f64], live: &[u32]) -> usize {
    let mut best = live[0] as usize;
    for &i in live {
        if z[i as usize] > z[best] {
            best = i as usize;
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

fn max_of(z: &[f64], live: &[u32]) -> f64 {
    live.iter()
        .map(|&i| z[i as usize])
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Writes the softmax of the live working logits into `slot(out[i])` (others untouched,
/// expected 0) and returns its entropy in bits, computed from the logits
/// (H = ln Z − Σ pᵢ·(zᵢ − max)) so that no logarithm per token is needed.
fn softmax_entropy_into<T>(
    z: &[f64],
    live: &[u32],
    out: &mut [T],
    slot: impl Fn(&mut T) -> &mut f64,
) -> f64 {
    let max = max_of(z, live);
    if max == f64::NEG_INFINITY {
        // Cannot happen (a live token has z = 0); stay total anyway.
        let u = 1.0 / live.len().max(1) as f64;
        for &i in live {
            *slot(&mut out[i as usize]) = u;
        }
        return (live.len() as f64).log2().max(0.0);
    }
    let mut sum = 0.0; // ≥ 1: the maximum contributes exp(0)
    for &i in live {
        let e = (z[i as usize] - max).exp();
        *slot(&mut out[i as usize]) = e;
        sum += e;
    }
    let inv = 1.0 / sum;
    let mut weighted = 0.0; // Σ pᵢ·(zᵢ − max) ≤ 0
    let mut support = 0usize;
    for &i in live {
        let p = slot(&mut out[i as usize]);
        if *p > 0.0 {
            *p *= inv;
            weighted += *p * (z[i as usize] - max);
            support += 1;
        }
    }
    let h = (sum.ln() - weighted) / std::f64::consts::LN_2;
    // Rounding can leave a hair outside [0, log2(support)].
    if h.is_finite() {
        h.clamp(0.0, (support as f64).log2())
    } else {
        0.0
    }
}

/// Drops from `live` (and marks) every token for which `gone` is true.
fn retain_live(
    live: &mut Vec<u32>,
    removed: &mut [Option<Filter>],
    by: Filter,
    mut gone: impl FnMut(usize) -> bool,
) {
    live.retain(|&i| {
        if gone(i as usize) {
            removed[i as usize] = Some(by);
            false
        } else {
            true
        }
    });
}

/// A float ordered by `total_cmp`, reversed, so that `BinaryHeap` is a min-heap.
#[derive(PartialEq)]
struct MinF(f64);
impl Eq for MinF {}
impl PartialOrd for MinF {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for MinF {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0)
    }
}

/// Removes tokens strictly below the k-th largest working logit, where all n tokens
/// count and removed ones are −∞ (so k > live count changes nothing). k = 0: off.
fn top_k(z: &[f64], live: &mut Vec<u32>, removed: &mut [Option<Filter>], k: usize) {
    if k == 0 || k >= live.len() {
        return;
    }
    let kth = if k <= 1024 {
        // Min-heap of the k largest: one comparison for most tokens.
        let mut heap = std::collections::BinaryHeap::with_capacity(k + 1);
        for &i in live.iter() {
            let v = z[i as usize];
            if heap.len() < k {
                heap.push(MinF(v));
            } else if v > heap.peek().map_or(f64::NEG_INFINITY, |m: &MinF| m.0) {
                heap.pop();
                heap.push(MinF(v));
            }
        }
        heap.peek().map_or(f64::NEG_INFINITY, |m| m.0)
    } else {
        let mut vals: Vec<f64> = live.iter().map(|&i| z[i as usize]).collect();
        let (_, kth, _) =
            vals.select_nth_unstable_by(k - 1, |a, b| b.partial_cmp(a).unwrap_or(Ordering::Equal));
        *kth
    };
    retain_live(live, removed, Filter::TopK, |i| z[i] < kth);
}

/// Nucleus filter: in rank order, keeps a token while the mass ranked above it is `< p`.
///
/// Only the head of the ranking is sorted: one pass buckets the live tokens by logit
/// (width 0.25 nats below the maximum) and sums each bucket's mass, which locates the
/// bucket where the nucleus ends; the tokens down to the bucket after that one — a rank
/// prefix — are sorted, and the exact sequential rule runs on them. If rounding leaves
/// the rule short of the threshold there, it reruns on all live tokens.
fn top_p(z: &[f64], live: &mut Vec<u32>, removed: &mut [Option<Filter>], p: f64) {
    if p.is_nan() || p >= 1.0 {
        return;
    }
    const WIDTH: f64 = 0.25;
    const BUCKETS: usize = 512;
    let max = max_of(z, live);
    let bucket = |v: f64| {
        let b = (max - v) / WIDTH; // ≥ 0, maybe +∞
        if b < (BUCKETS - 1) as f64 {
            b as usize
        } else {
            BUCKETS - 1
        }
    };
    let mut mass = [0.0f64; BUCKETS];
    let mut total = 0.0;
    for &i in live.iter() {
        let v = z[i as usize];
        let e = (v - max).exp();
        total += e;
        mass[bucket(v)] += e;
    }
    // Un-normalized threshold: mass_above / total < p  ⇔  mass_above < p · total.
    let threshold = p.max(0.0) * total;
    let mut last = BUCKETS - 1;
    let mut cum = 0.0;
    for (b, m) in mass.iter().enumerate() {
        cum += m;
        if cum >= threshold {
            last = (b + 1).min(BUCKETS - 1);
            break;
        }
    }
    let cmp = |a: &(f64, u32), b: &(f64, u32)| rank_cmp(a.0, a.1 as usize, b.0, b.1 as usize);
    loop {
        let mut head: Vec<(f64, u32)> = live
            .iter()
            .map(|&i| (z[i as usize], i))
            .filter(|&(v, _)| bucket(v) <= last)
            .collect();
        head.sort_unstable_by(cmp);
        let mut cum = 0.0;
        let mut cut = None;
        for (j, &(v, _)) in head.iter().enumerate() {
            if j > 0 && cum >= threshold {
                cut = Some(j);
                break;
            }
            cum += (v - max).exp();
        }
        match cut {
            Some(j) => {
                // Keep exactly the tokens ranked at or above the last kept one.
                let (lv, li) = head[j - 1];
                retain_live(live, removed, Filter::TopP, |i| {
                    rank_cmp(z[i], i, lv, li as usize) == Ordering::Greater
                });
                return;
            }
            None if head.len() == live.len() => return, // everything is in the nucleus
            None => last = BUCKETS - 1,
        }
    }
}

/// Removes tokens whose probability is below `m` × the largest probability.
fn min_p(z: &[f64], live: &mut Vec<u32>, removed: &mut [Option<Filter>], m: f64) {
    if m.is_nan() || m <= 0.0 {
        return;
    }
    let m = m.min(1.0);
    let max = max_of(z, live);
    // p_i / p_max = exp(z_i − max)
    retain_live(live, removed, Filter::MinP, |i| (z[i] - max).exp() < m);
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
