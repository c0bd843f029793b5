//! Attention explorer (Q2, Q22, Q32): "The cat chased the mouse" with small hand-set embeddings,
//! softmax(QKᵀ/√d_k) for up to four heads, and the √d_k scaling switched on or off.
//!
//! Each token's embedding has five features: determiner, noun, verb, and its position as
//! (cos iθ, sin iθ) with θ = π/3. Each head has d_k = 4 and projections W_Q, W_K (5 × 4) set by
//! hand with a gain g = √6 on every non-zero entry, so raw scores reach ±6:
//!
//! 1. previous word: q_i is the position rotated back by θ, k_j the position, so q_i·k_j =
//!    6·cos((i − 1 − j)θ) peaks at j = i − 1 (positions wrap every 6, so "The" also looks at "mouse");
//! 2. verb ↔ nouns: q = g·(verb, noun), k = g·(noun, verb): the verb looks at the nouns and the
//!    nouns at the verb; determiners have a zero query and spread evenly;
//! 3. same kind of word: q = k = g·(det, noun, verb): "cat" looks at "mouse", "The" at "the";
//! 4. next word: like 1, rotated forward.
//!
//! With √d_k = 2 the scaled scores reach ±3; unscaled, the softmax saturates towards one-hot rows.

use super::UrlState;
use super::{clip, url_int};

pub const N: usize = 5;
pub const D_MODEL: usize = 5;
pub const D_K: usize = 4;
pub const MAX_HEADS: usize = 4;
/// (English, Chinese) tokens: "这只猫追赶那只老鼠" reads naturally and keeps the five roles.
pub static TOKENS: [(&str, &str); N] = [
    ("The", "这只"),
    ("cat", "猫"),
    ("chased", "追赶"),
    ("the", "那只"),
    ("mouse", "老鼠"),
];
/// (English, Chinese) names of the heads' patterns.
pub static HEADS: [(&str, &str); MAX_HEADS] = [
    ("previous word", "前一个词"),
    ("verb ↔ nouns", "动词 ↔ 名词"),
    ("same kind of word", "同类词"),
    ("next word", "后一个词"),
];

const THETA: f64 = std::f64::consts::FRAC_PI_3;
/// √6: raw scores reach ±6.
fn gain() -> f64 {
    6f64.sqrt()
}

/// The hand-set embeddings: (det, noun, verb, cos iθ, sin iθ).
pub fn embeddings() -> [[f64; D_MODEL]; N] {
    let kind = [0, 1, 2, 0, 1];
    let mut x = [[0.0; D_MODEL]; N];
    for (i, row) in x.iter_mut().enumerate() {
        row[kind[i]] = 1.0;
        row[3] = (i as f64 * THETA).cos();
        row[4] = (i as f64 * THETA).sin();
    }
    x
}

/// W_Q and W_K of head `h` (0-based), D_MODEL rows × D_K columns.
pub fn projections(h: usize) -> ([[f64; D_K]; D_MODEL], [[f64; D_K]; D_MODEL]) {
    let g = gain();
    let (c, s) = (THETA.cos(), THETA.sin());
    let mut wq = [[0.0; D_K]; D_MODEL];
    let mut wk = [[0.0; D_K]; D_MODEL];
    match h {
        // Rotating (cos iθ, sin iθ) by ∓θ gives (cos (i∓1)θ, sin (i∓1)θ).
        0 | 3 => {
            let s = if h == 0 { s } else { -s };
            wq[3] = [g * c, -g * s, 0.0, 0.0];
            wq[4] = [g * s, g * c, 0.0, 0.0];
            wk[3] = [g, 0.0, 0.0, 0.0];
            wk[4] = [0.0, g, 0.0, 0.0];
        }
        1 => {
            wq[2][0] = g;
            wq[1][1] = g;
            wk[1][0] = g;
            wk[2][1] = g;
        }
        _ => {
            for f in 0..3 {
                wq[f][f] = g;
                wk[f][f] = g;
            }
        }
    }
    (wq, wk)
}

fn project(x: &[[f64; D_MODEL]; N], w: &[[f64; D_K]; D_MODEL]) -> [[f64; D_K]; N] {
    let mut out = [[0.0; D_K]; N];
    for (i, row) in out.iter_mut().enumerate() {
        for (k, o) in row.iter_mut().enumerate() {
            *o = (0..D_MODEL).map(|m| x[i][m] * w[m][k]).sum();
        }
    }
    out
}

/// Raw scores QKᵀ of head `h`: row = query token, column = key token.
pub fn scores(h: usize) -> [[f64; N]; N] {
    let x = embeddings();
    let (wq, wk) = projections(h);
    let (q, k) = (project(&x, &wq), project(&x, &wk));
    let mut s = [[0.0; N]; N];
    for i in 0..N {
        for j in 0..N {
            s[i][j] = (0..D_K).map(|d| q[i][d] * k[j][d]).sum();
        }
    }
    s
}

/// softmax(QKᵀ/√d_k) row by row (or without the division when `scaled` is false).
pub fn weights(h: usize, scaled: bool) -> [[f64; N]; N] {
    let div = if scaled { (D_K as f64).sqrt() } else { 1.0 };
    let s = scores(h);
    let mut w = [[0.0; N]; N];
    for i in 0..N {
        let row = super::softmax(&s[i], div);
        w[i].copy_from_slice(&row);
    }
    w
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attention {
    /// How many heads are shown, 1–4.
    pub heads: usize,
    /// The query token whose attention is spelled out.
    pub query: usize,
    /// Divide by √d_k before the softmax.
    pub scaled: bool,
}

impl Default for Attention {
    fn default() -> Self {
        Self {
            heads: 2,
            query: 2,
            scaled: true,
        }
    }
}

impl Attention {
    /// Q22 (multi-head attention): all four heads.
    pub fn for_multi_head() -> Self {
        Self {
            heads: 4,
            ..Self::default()
        }
    }

    /// Q32 (how scores are calculated): one head, to look at the scaling.
    pub fn for_scores() -> Self {
        Self {
            heads: 1,
            ..Self::default()
        }
    }

    pub fn set_heads(&mut self, n: f64) {
        if n.is_finite() {
            self.heads = (n.max(0.0).round() as usize).clamp(1, MAX_HEADS);
        }
    }

    pub fn set_query(&mut self, i: usize) {
        self.query = i.min(N - 1);
    }

    /// The query token's weights in head `h` under the current scaling.
    pub fn row(&self, h: usize) -> [f64; N] {
        weights(h, self.scaled)[self.query.min(N - 1)]
    }

    /// The largest weight in the query's row with and without scaling: how peaked the softmax is.
    pub fn peak(&self, h: usize) -> (f64, f64) {
        let q = self.query.min(N - 1);
        let max = |w: [[f64; N]; N]| w[q].iter().copied().fold(0.0, f64::max);
        (max(weights(h, true)), max(weights(h, false)))
    }
}

impl UrlState for Attention {
    const PREFIX: &'static str = "at.";

    /// Reads `at.h` (heads), `at.q` (query token 0–4) and `at.s` (1 = scaled, 0 = not).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "at.h" => {
                    if let Some(h) = url_int(k, v, 1, MAX_HEADS, &mut w) {
                        s.heads = h;
                    }
                }
                "at.q" => {
                    if let Some(q) = url_int(k, v, 0, N - 1, &mut w) {
                        s.query = q;
                    }
                }
                "at.s" => match v.as_str() {
                    "1" => s.scaled = true,
                    "0" => s.scaled = false,
                    _ => w.push(format!("ignoring at.s={}: use 1 or 0", clip(v))),
                },
                k if k.starts_with(Self::PREFIX) => {
                    w.push(format!("ignoring unknown key {}", clip(k)))
                }
                _ => {}
            }
        }
        (s, w)
    }

    fn url_from(&self, d: &Self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.heads != d.heads {
            out.push(("at.h".into(), self.heads.to_string()));
        }
        if self.query != d.query {
            out.push(("at.q".into(), self.query.to_string()));
        }
        if self.scaled != d.scaled {
            out.push(("at.s".into(), if self.scaled { "1" } else { "0" }.into()));
        }
        out
    }
}

strings! {
    title,
    intro,
    heads,
    query,
    scaled,
    head,
    heatmap_title,
    attends,
    peak_scaled,
    peak_unscaled,
    row_header,
    note,
}

pub static EN: Text = Text {
    title: "Attention explorer",
    intro: "Five tokens with small hand-set embeddings. Each head compares every token's query with every token's key and turns the scores into weights with softmax(QKᵀ/√d_k).",
    heads: "Heads",
    query: "Query token",
    scaled: "Divide the scores by √d_k (d_k = 4)",
    head: "Head",
    heatmap_title: "Attention weights: rows are query tokens, columns are the key tokens they attend to",
    attends: "attends to",
    peak_scaled: "Largest weight with √d_k scaling",
    peak_unscaled: "without",
    row_header: "Query ↓ / key →",
    note: "Without the division by √d_k, dot products grow with the dimension and the softmax saturates: one weight takes almost everything and the gradients of the others vanish.",
};

pub static ZH: Text = Text {
    title: "注意力探索器",
    intro: "五个标记，各有一个手工设定的小嵌入向量。每个注意力头把每个标记的查询与每个标记的键比较，并用 softmax(QKᵀ/√d_k) 把分数变成权重。",
    heads: "注意力头数",
    query: "查询标记",
    scaled: "分数除以 √d_k（d_k = 4）",
    head: "注意力头",
    heatmap_title: "注意力权重：行是查询标记，列是它所关注的键标记",
    attends: "关注",
    peak_scaled: "有 √d_k 缩放时的最大权重",
    peak_unscaled: "无缩放",
    row_header: "查询 ↓ / 键 →",
    note: "如果不除以 √d_k，点积会随维度增大，softmax 趋于饱和：一个权重几乎占据全部，其余权重的梯度消失。",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn argmax(r: &[f64; N]) -> usize {
        (0..N).max_by(|&a, &b| r[a].total_cmp(&r[b])).unwrap()
    }

    #[test]
    fn scores_match_the_closed_forms() {
        // Head 1: 6·cos((i − 1 − j)·π/3).
        for (i, row) in scores(0).iter().enumerate() {
            for (j, &s) in row.iter().enumerate() {
                let e = 6.0 * ((i as f64 - 1.0 - j as f64) * THETA).cos();
                assert!((s - e).abs() < 1e-12, "{i} {j}");
            }
        }
        // Head 2: the verb (2) scores 6 against each noun (1, 4), nouns 6 against the verb.
        let s = scores(1);
        assert!((s[2][1] - 6.0).abs() < 1e-12 && (s[4][2] - 6.0).abs() < 1e-12);
        assert_eq!(s[0], [0.0; N]);
        // Head 3: 6 for the same kind of word, 0 otherwise.
        let s = scores(2);
        assert!((s[1][4] - 6.0).abs() < 1e-12 && s[1][2].abs() < 1e-12);
    }

    #[test]
    fn heads_show_their_patterns() {
        let prev = weights(0, true);
        let next = weights(3, true);
        for i in 1..N {
            assert_eq!(argmax(&prev[i]), i - 1);
            assert_eq!(argmax(&next[i - 1]), i);
        }
        let verb = weights(1, true)[2];
        assert!((verb[1] - verb[4]).abs() < 1e-15 && verb[1] > 0.45);
        let same = weights(2, true)[1];
        assert!((same[1] - same[4]).abs() < 1e-15 && same[4] > 0.45);
        // A zero query spreads evenly.
        assert!(weights(1, true)[0].iter().all(|&w| (w - 0.2).abs() < 1e-15));
    }

    #[test]
    fn weights_match_an_explicit_softmax() {
        // Head 2, query "chased", scaled: scores (0, 6, 0, 0, 6)/2 → e^3 on the nouns.
        let e3 = 3f64.exp();
        let w = weights(1, true)[2];
        assert!((w[1] - e3 / (2.0 * e3 + 3.0)).abs() < 1e-12);
        let u = weights(1, false)[2];
        let e6 = 6f64.exp();
        assert!((u[1] - e6 / (2.0 * e6 + 3.0)).abs() < 1e-12);
        for h in 0..MAX_HEADS {
            for scaled in [true, false] {
                for row in weights(h, scaled) {
                    assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12);
                    assert!(row.iter().all(|w| w.is_finite() && *w >= 0.0));
                }
            }
        }
    }

    #[test]
    fn scaling_softens_every_peak() {
        for q in 0..N {
            let a = Attention {
                query: q,
                ..Attention::default()
            };
            for h in 0..MAX_HEADS {
                let (s, u) = a.peak(h);
                assert!(s <= u + 1e-15, "{q} {h}");
            }
        }
    }

    #[test]
    fn setters_and_urls() {
        let mut a = Attention::default();
        a.set_heads(9.0);
        a.set_query(99);
        assert_eq!((a.heads, a.query), (4, 4));
        a.set_heads(f64::NAN);
        a.scaled = false;
        let (back, w) = Attention::from_url(&a.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, a);
        let (bad, w) = Attention::from_url(&[
            ("at.h".into(), "0".into()),
            ("at.q".into(), "-2".into()),
            ("at.s".into(), "yes".into()),
        ]);
        assert_eq!((bad.heads, bad.query, bad.scaled), (1, 0, true));
        assert_eq!(w.len(), 3);
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
        assert!(HEADS.iter().all(|h| !h.0.is_empty() && !h.1.is_empty()));
    }
}
