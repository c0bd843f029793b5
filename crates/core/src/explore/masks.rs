//! Causal vs bidirectional attention explorer (Q9): one sentence of [`N`] tokens, the two attention
//! masks side by side, the positions that carry a loss under next-token prediction (every position
//! but the last: n − 1) and under masked-language modelling (a seeded ~15% draw with BERT's
//! 80/10/10 replacement), and the masked softmax of one query's scores under both masks.
//!
//! - Causal: query i may attend to keys j ≤ i. Bidirectional: to every key.
//! - Scores: fixed N(0, 1) numbers, `SplitMix64::new(SCORE_SEED).next_normal()` row by row (query
//!   i's row is entries i·N … i·N + N − 1). A masked key's score becomes −∞ before the softmax, so
//!   its weight is exactly 0 and the others are renormalised.
//! - Masked-language modelling, as BERT and Hugging Face's data collator do it: each position is
//!   picked independently with probability 0.15 (so some draws pick none); a picked position becomes
//!   [MASK] with probability 0.8, a random word of [`VOCAB`] with 0.1, and stays itself with 0.1;
//!   the loss is computed only at picked positions, against the original token. Draws, from
//!   `SplitMix64::new(seed)`, per position in order: u = next_f64 (picked when u < 0.15); if picked,
//!   r = next_f64 (r < 0.8 mask, r < 0.9 random, else keep); if random, the word is
//!   VOCAB[⌊next_f64 · |VOCAB|⌋].

use super::UrlState;
use super::{clip, url_int};
use crate::sampling::SplitMix64;

pub const N: usize = 12;
/// (English, Chinese) tokens of the sentence.
pub static TOKENS: [(&str, &str); N] = [
    ("The", "那只"),
    ("cat", "猫"),
    ("sat", "坐"),
    ("on", "在"),
    ("the", "那张"),
    ("mat", "垫子"),
    ("because", "上"),
    ("it", "因为"),
    ("was", "它"),
    ("very", "非常"),
    ("tired", "累"),
    (".", "。"),
];
/// Words a randomly replaced position may become.
pub static VOCAB: [(&str, &str); 8] = [
    ("dog", "狗"),
    ("ran", "跑"),
    ("blue", "蓝色"),
    ("under", "下面"),
    ("house", "房子"),
    ("quickly", "很快"),
    ("a", "一个"),
    ("green", "绿色"),
];
pub const MASK_RATE: f64 = 0.15;
pub const SCORE_SEED: u64 = 2024;
pub const SEED_MAX: u64 = 999_999;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    Mask,
    /// Replaced by `VOCAB[i]`.
    Random(usize),
    Keep,
}

/// A position picked for masked-language modelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Picked {
    pub pos: usize,
    pub replace: Replace,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Masks {
    /// The query position, 0-based.
    pub query: usize,
    pub seed: u64,
}

impl Default for Masks {
    fn default() -> Self {
        Self { query: 5, seed: 18 }
    }
}

/// May query `i` attend to key `j`?
pub fn allowed(causal: bool, i: usize, j: usize) -> bool {
    !causal || j <= i
}

/// The fixed raw scores, N × N.
pub fn scores() -> Vec<Vec<f64>> {
    let mut r = SplitMix64::new(SCORE_SEED);
    (0..N)
        .map(|_| (0..N).map(|_| r.next_normal()).collect())
        .collect()
}

/// The masked softmax of query `i`'s scores: masked keys get exactly 0.
pub fn weights(causal: bool, i: usize) -> Vec<f64> {
    let i = i.min(N - 1);
    let row = &scores()[i];
    let keys: Vec<usize> = (0..N).filter(|&j| allowed(causal, i, j)).collect();
    let kept: Vec<f64> = keys.iter().map(|&j| row[j]).collect();
    let p = super::softmax(&kept, 1.0);
    let mut out = vec![0.0; N];
    for (&j, &w) in keys.iter().zip(&p) {
        out[j] = w;
    }
    out
}

/// The positions that carry a next-token loss: every position but the last, each predicting the
/// token after it.
pub fn next_token_targets() -> Vec<(usize, usize)> {
    (0..N - 1).map(|i| (i, i + 1)).collect()
}

impl Masks {
    pub fn set_query(&mut self, q: f64) {
        if q.is_finite() {
            self.query = q.round().clamp(0.0, (N - 1) as f64) as usize;
        }
    }

    /// The next draw ("New masking").
    pub fn reseed(&mut self) {
        self.seed = if self.seed >= SEED_MAX {
            1
        } else {
            self.seed + 1
        };
    }

    pub fn query(&self) -> usize {
        self.query.min(N - 1)
    }

    /// The masked-language-modelling draw for this seed.
    pub fn picked(&self) -> Vec<Picked> {
        let mut r = SplitMix64::new(self.seed);
        let mut out = Vec::new();
        for pos in 0..N {
            if r.next_f64() >= MASK_RATE {
                continue;
            }
            let u = r.next_f64();
            let replace = if u < 0.8 {
                Replace::Mask
            } else if u < 0.9 {
                let k = ((r.next_f64() * VOCAB.len() as f64) as usize).min(VOCAB.len() - 1);
                Replace::Random(k)
            } else {
                Replace::Keep
            };
            out.push(Picked { pos, replace });
        }
        out
    }
}

impl UrlState for Masks {
    const PREFIX: &'static str = "cm.";

    /// Reads `cm.q` (query position, 1-based) and `cm.s` (seed).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "cm.q" => {
                    if let Some(q) = url_int(k, v, 1, N, &mut w) {
                        s.set_query(q as f64 - 1.0);
                    }
                }
                "cm.s" => match v.trim().parse::<u64>() {
                    Ok(x) if (1..=SEED_MAX).contains(&x) => s.seed = x,
                    _ => w.push(format!("ignoring cm.s={}: use 1 to {SEED_MAX}", clip(v))),
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
        if self.query != d.query {
            out.push(("cm.q".into(), (self.query + 1).to_string()));
        }
        if self.seed != d.seed {
            out.push(("cm.s".into(), self.seed.to_string()));
        }
        out
    }
}

strings! {
    title,
    intro,
    query,
    causal,
    bidirectional,
    mask_title,
    legend_allowed,
    legend_blocked,
    legend_query,
    loss_title,
    next_token,
    next_token_count,
    mlm,
    mlm_count,
    mlm_none,
    new_draw,
    seed_label,
    mask_token,
    random_word,
    kept,
    predicts,
    weights_title,
    col_key,
    col_score,
    col_causal,
    col_bidirectional,
    weights_caption,
    mask_caption,
    col_query,
    note,
}

pub static EN: Text = Text {
    title: "Causal vs bidirectional attention",
    intro: "A decoder (GPT) lets each token see only itself and the tokens before it; an encoder (BERT) lets every token see the whole sentence. The mask decides which scores count, and the training objective decides where the loss is.",
    query: "Query token",
    causal: "Causal (GPT)",
    bidirectional: "Bidirectional (BERT)",
    mask_title: "attention mask: row = query, column = key; filled = may attend",
    legend_allowed: "may attend",
    legend_blocked: "blocked (score set to −∞)",
    legend_query: "the chosen query's row",
    loss_title: "Where the loss is",
    next_token: "Next-token prediction",
    next_token_count: "positions with a loss",
    mlm: "Masked-token prediction (15% picked, then 80% [MASK], 10% random word, 10% unchanged)",
    mlm_count: "positions with a loss",
    mlm_none: "No position was picked in this draw: this sentence would teach the model nothing this time.",
    new_draw: "New masking",
    seed_label: "Seed",
    mask_token: "[MASK]",
    random_word: "random word",
    kept: "unchanged",
    predicts: "predicts",
    weights_title: "The chosen query's attention weights: softmax of its scores over the keys it may see",
    col_key: "Key",
    col_score: "Score",
    col_causal: "Causal weight",
    col_bidirectional: "Bidirectional weight",
    weights_caption: "Scores and masked-softmax weights for the chosen query",
    mask_caption: "Which keys each query may attend to (✓) under the causal mask",
    col_query: "Query",
    note: "Every position of a causal model is trained at once (n − 1 targets per sentence), which makes decoders efficient to train; BERT's objective uses only the ~15% picked positions but each sees both sides. The scores here are fixed random numbers: the point is the mask, which zeroes the weights of blocked keys and renormalises the rest.",
};

pub static ZH: Text = Text {
    title: "因果注意力与双向注意力",
    intro: "解码器（GPT）让每个词元只看到自己和它之前的词元；编码器（BERT）让每个词元看到整个句子。掩码决定哪些分数有效，训练目标决定在哪些位置计算损失。",
    query: "查询词元",
    causal: "因果（GPT）",
    bidirectional: "双向（BERT）",
    mask_title: "注意力掩码：行是查询，列是键；填色表示可以关注",
    legend_allowed: "可以关注",
    legend_blocked: "被屏蔽（分数设为 −∞）",
    legend_query: "所选查询所在的行",
    loss_title: "损失在哪里计算",
    next_token: "下一个词元预测",
    next_token_count: "有损失的位置数",
    mlm: "掩码词元预测（选中 15%，其中 80% 换成 [MASK]，10% 换成随机词，10% 保持不变）",
    mlm_count: "有损失的位置数",
    mlm_none: "这次抽取没有选中任何位置：这一次这个句子不会教给模型任何东西。",
    new_draw: "重新抽取掩码",
    seed_label: "随机种子",
    mask_token: "[MASK]",
    random_word: "随机词",
    kept: "保持不变",
    predicts: "预测",
    weights_title: "所选查询的注意力权重：在它能看到的键上对分数做 softmax",
    col_key: "键",
    col_score: "分数",
    col_causal: "因果权重",
    col_bidirectional: "双向权重",
    weights_caption: "所选查询的分数与掩码 softmax 权重",
    mask_caption: "因果掩码下每个查询可以关注的键（✓）",
    col_query: "查询",
    note: "因果模型的每个位置同时参与训练（每句 n − 1 个目标），所以解码器训练效率高；BERT 的目标只用被选中的约 15% 的位置，但每个位置都能看到两侧。这里的分数是固定的随机数：重点在掩码，它把被屏蔽键的权重变成 0，并对其余权重重新归一化。",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(kv: &[(&str, &str)]) -> Vec<(String, String)> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn causal_weights_are_zero_after_the_query_and_renormalised() {
        let s = scores();
        for i in 0..N {
            let c = weights(true, i);
            let b = weights(false, i);
            assert!((c.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!((b.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(c[i + 1..].iter().all(|&w| w == 0.0));
            assert!(b.iter().all(|&w| w > 0.0));
            // Renormalised: the causal weights are the bidirectional ones over the visible keys,
            // divided by their sum.
            let visible: f64 = b[..=i].iter().sum();
            for j in 0..=i {
                assert!((c[j] - b[j] / visible).abs() < 1e-12);
            }
            // By hand: e^s / Σ e^s.
            let z: f64 = s[i][..=i].iter().map(|x| x.exp()).sum();
            assert!((c[0] - s[i][0].exp() / z).abs() < 1e-12);
        }
        // The first token sees only itself.
        assert_eq!(weights(true, 0)[0], 1.0);
        assert_eq!(next_token_targets().len(), N - 1);
    }

    #[test]
    fn masking_picks_about_fifteen_percent_with_80_10_10() {
        let (mut picked, mut mask, mut random, mut keep, mut none) = (0, 0, 0, 0, 0);
        let draws = 20_000;
        for seed in 1..=draws {
            let p = Masks { query: 0, seed }.picked();
            if p.is_empty() {
                none += 1;
            }
            for x in &p {
                picked += 1;
                match x.replace {
                    Replace::Mask => mask += 1,
                    Replace::Random(k) => {
                        assert!(k < VOCAB.len());
                        random += 1
                    }
                    Replace::Keep => keep += 1,
                }
            }
            assert!(p.windows(2).all(|w| w[0].pos < w[1].pos));
        }
        let share = picked as f64 / (draws as usize * N) as f64;
        assert!((share - 0.15).abs() < 0.005, "{share}");
        let f = |n: i32| n as f64 / picked as f64;
        assert!(
            (f(mask) - 0.8).abs() < 0.01
                && (f(random) - 0.1).abs() < 0.01
                && (f(keep) - 0.1).abs() < 0.01
        );
        // 0.85^12 ≈ 14.2% of draws pick nothing.
        let p_none = none as f64 / draws as f64;
        assert!((p_none - 0.85f64.powi(N as i32)).abs() < 0.01, "{p_none}");
    }

    #[test]
    fn url_round_trip_and_hostile_values() {
        let mut s = Masks::default();
        s.set_query(11.0);
        s.reseed();
        let (back, w) = Masks::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        assert_eq!(s.to_url()[0], ("cm.q".to_string(), "12".to_string()));
        assert!(Masks::default().to_url().is_empty());
        let (bad, w) = Masks::from_url(&pairs(&[
            ("cm.q", "99"),
            ("cm.s", "x"),
            ("cm.z", "1"),
            ("pc.r", "0"),
        ]));
        assert_eq!((bad.query, bad.seed), (N - 1, 18));
        assert_eq!(w.len(), 3, "{w:?}");
        let mut t = Masks::default();
        t.set_query(f64::NAN);
        t.set_query(-5.0);
        assert_eq!(t.query, 0);
        let odd = Masks {
            query: 1000,
            seed: 3,
        };
        assert_eq!(odd.query(), N - 1);
        assert_eq!(weights(true, 1000).len(), N);
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
