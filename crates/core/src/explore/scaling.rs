//! Dot-product scaling explorer (Q24): why attention divides its scores by √d_k.
//!
//! Two parts. First, two 2-D vectors q and k set by sliders: q·k = q_x k_x + q_y k_y, which equals
//! |q||k|cos θ. Second, a width d: [`PAIRS`] pairs of random vectors with independent N(0, 1)
//! entries, whose dot products have mean 0 and variance d (a sum of d products, each of variance 1),
//! shown as a histogram; and one query against [`ROW`] random keys, whose softmax is shown with and
//! without ÷√d. Without it the scores spread like √d and the softmax collapses onto one key (its
//! entropy falls towards 0 bits); with it the spread stays 1 whatever d.
//!
//! The random numbers: one `SplitMix64` stream from the seed, `next_normal` each. First the pairs,
//! pair by pair (d entries of q, then d of k), then the row: d entries of the query, then each
//! key's d entries in turn.

use super::UrlState;
use super::{clip, dec, snap, url_int, url_list};
use crate::sampling::SplitMix64;

/// Random pairs behind the histogram.
pub const PAIRS: usize = 1000;
/// Keys in the softmax row.
pub const ROW: usize = 8;
pub const D_RANGE: (usize, usize) = (1, 256);
pub const COMPONENT_RANGE: (f64, f64) = (-2.0, 2.0);
pub const COMPONENT_STEP: f64 = 0.1;
pub const SEED_MAX: u64 = 999_999;
/// The histogram's bins: `BINS` of width `BIN_WIDTH` centred on 0; scores beyond the outer edges
/// are counted in the outermost bins.
pub const BINS: usize = 24;
pub const BIN_WIDTH: f64 = 4.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Scaling {
    pub q: [f64; 2],
    pub k: [f64; 2],
    pub d: usize,
    pub seed: u64,
}

impl Default for Scaling {
    fn default() -> Self {
        Self {
            q: [1.5, 0.5],
            k: [1.0, 1.0],
            d: 64,
            seed: 1,
        }
    }
}

/// The 2-D part's numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoD {
    pub dot: f64,
    pub norm_q: f64,
    pub norm_k: f64,
    /// cos θ and θ in degrees; `None` when q or k is the zero vector (no angle).
    pub cos: Option<f64>,
    pub degrees: Option<f64>,
}

/// The softmax of one row of scores, raw or divided by √d.
#[derive(Clone, Debug, PartialEq)]
pub struct RowSoftmax {
    pub probs: Vec<f64>,
    /// Shannon entropy in bits (at most log2 ROW = 3).
    pub entropy_bits: f64,
    pub max: f64,
}

impl Scaling {
    pub fn set_component(&mut self, which: usize, v: f64) {
        if !v.is_finite() {
            return;
        }
        let v = snap(
            v.clamp(COMPONENT_RANGE.0, COMPONENT_RANGE.1),
            COMPONENT_STEP,
        );
        match which {
            0 => self.q[0] = v,
            1 => self.q[1] = v,
            2 => self.k[0] = v,
            3 => self.k[1] = v,
            _ => {}
        }
    }

    pub fn set_d(&mut self, d: f64) {
        if d.is_finite() {
            self.d = d.round().clamp(D_RANGE.0 as f64, D_RANGE.1 as f64) as usize;
        }
    }

    /// The next random draw ("New random vectors").
    pub fn reseed(&mut self) {
        self.seed = if self.seed >= SEED_MAX {
            1
        } else {
            self.seed + 1
        };
    }

    fn width(&self) -> usize {
        self.d.clamp(D_RANGE.0, D_RANGE.1)
    }

    pub fn two_d(&self) -> TwoD {
        let [qx, qy] = self.q;
        let [kx, ky] = self.k;
        let dot = qx * kx + qy * ky;
        let (norm_q, norm_k) = (qx.hypot(qy), kx.hypot(ky));
        let cos =
            (norm_q > 0.0 && norm_k > 0.0).then(|| (dot / (norm_q * norm_k)).clamp(-1.0, 1.0));
        TwoD {
            dot,
            norm_q,
            norm_k,
            cos,
            // atan2 of the cross and dot products: exact near 0° and 180°, where acos is not.
            degrees: cos.map(|_| (qx * ky - qy * kx).abs().atan2(dot).to_degrees()),
        }
    }

    /// The dot products of the random pairs, and the row's raw scores (query · each key).
    pub fn draws(&self) -> (Vec<f64>, Vec<f64>) {
        let d = self.width();
        let mut r = SplitMix64::new(self.seed);
        let vector = |r: &mut SplitMix64| (0..d).map(|_| r.next_normal()).collect::<Vec<_>>();
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
        let mut pairs = Vec::with_capacity(PAIRS);
        for _ in 0..PAIRS {
            let q = vector(&mut r);
            let k = vector(&mut r);
            pairs.push(dot(&q, &k));
        }
        let q = vector(&mut r);
        let row = (0..ROW)
            .map(|_| {
                let k = vector(&mut r);
                dot(&q, &k)
            })
            .collect();
        (pairs, row)
    }

    /// √d.
    pub fn scale(&self) -> f64 {
        (self.width() as f64).sqrt()
    }

    /// The row's softmax without (`false`) or with (`true`) the division by √d.
    pub fn row_softmax(row: &[f64], divide_by: f64) -> RowSoftmax {
        let probs = super::softmax(row, divide_by);
        let entropy_bits = -probs
            .iter()
            .filter(|&&p| p > 0.0)
            .map(|&p| p * p.log2())
            .sum::<f64>();
        RowSoftmax {
            max: probs.iter().copied().fold(0.0, f64::max),
            probs,
            entropy_bits: entropy_bits.max(0.0),
        }
    }
}

/// Mean and (population) variance.
pub fn mean_var(xs: &[f64]) -> (f64, f64) {
    let n = xs.len().max(1) as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var)
}

/// The bin of each score, counted: bin i covers [(i − BINS/2)·w, (i − BINS/2 + 1)·w).
pub fn histogram(xs: &[f64]) -> [usize; BINS] {
    let mut h = [0; BINS];
    for &x in xs {
        let i = (x / BIN_WIDTH + (BINS / 2) as f64).floor();
        let i = if i.is_nan() {
            continue;
        } else {
            i.clamp(0.0, (BINS - 1) as f64) as usize
        };
        h[i] += 1;
    }
    h
}

/// The lower edge of bin `i`.
pub fn bin_start(i: usize) -> f64 {
    (i as f64 - (BINS / 2) as f64) * BIN_WIDTH
}

impl UrlState for Scaling {
    const PREFIX: &'static str = "sd.";

    /// Reads `sd.q` and `sd.k` (two numbers each), `sd.d` (width) and `sd.s` (seed).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "sd.q" | "sd.k" => {
                    if let Some(xs) =
                        url_list(k, v, 2, COMPONENT_RANGE.0, COMPONENT_RANGE.1, &mut w)
                    {
                        let base = if k == "sd.q" { 0 } else { 2 };
                        s.set_component(base, xs[0]);
                        s.set_component(base + 1, xs[1]);
                    }
                }
                "sd.d" => {
                    if let Some(d) = url_int(k, v, D_RANGE.0, D_RANGE.1, &mut w) {
                        s.set_d(d as f64);
                    }
                }
                "sd.s" => match v.trim().parse::<u64>() {
                    Ok(x) if (1..=SEED_MAX).contains(&x) => s.seed = x,
                    _ => w.push(format!("ignoring sd.s={}: use 1 to {SEED_MAX}", clip(v))),
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
        let pair = |v: [f64; 2]| format!("{},{}", dec(v[0], 1), dec(v[1], 1));
        if self.q != d.q {
            out.push(("sd.q".into(), pair(self.q)));
        }
        if self.k != d.k {
            out.push(("sd.k".into(), pair(self.k)));
        }
        if self.d != d.d {
            out.push(("sd.d".into(), self.d.to_string()));
        }
        if self.seed != d.seed {
            out.push(("sd.s".into(), self.seed.to_string()));
        }
        out
    }
}

strings! {
    title,
    intro,
    vectors,
    qx,
    qy,
    kx,
    ky,
    plane_title,
    dot,
    norms,
    cos,
    angle,
    no_angle,
    random_title,
    width,
    new_draw,
    seed_label,
    hist_title,
    var_raw,
    var_scaled,
    theory,
    row_title,
    raw,
    scaled,
    entropy_raw,
    entropy_scaled,
    bits,
    top_raw,
    top_scaled,
    col_bin,
    col_count,
    hist_caption,
    row_caption,
    col_key,
    col_score,
    col_p_raw,
    col_p_scaled,
    note,
}

pub static EN: Text = Text {
    title: "Why divide by √d_k",
    intro: "A dot product grows with the vectors' length and with the number of dimensions it sums over. Move two 2-D vectors, then widen random vectors and watch the softmax of their scores.",
    vectors: "Two vectors in the plane",
    qx: "q, x component",
    qy: "q, y component",
    kx: "k, x component",
    ky: "k, y component",
    plane_title: "The vectors q and k from the origin, on a grid from −2 to 2",
    dot: "q·k, the sum of products",
    norms: "|q| · |k| · cos θ",
    cos: "cos θ",
    angle: "Angle θ",
    no_angle: "undefined (a zero vector)",
    random_title: "Random vectors of width d",
    width: "Width d (entries per vector)",
    new_draw: "New random vectors",
    seed_label: "Seed",
    hist_title: "Histogram of q·k over 1,000 pairs of random vectors with N(0, 1) entries, from −48 to 48 (scores beyond counted in the end bins)",
    var_raw: "Variance of q·k",
    var_scaled: "Variance of q·k / √d",
    theory: "theory",
    row_title: "Softmax of one query's scores against 8 random keys",
    raw: "Without ÷√d",
    scaled: "With ÷√d",
    entropy_raw: "Entropy without ÷√d",
    entropy_scaled: "Entropy with ÷√d",
    bits: "bits",
    top_raw: "Largest weight without ÷√d",
    top_scaled: "Largest weight with ÷√d",
    col_bin: "Scores from",
    col_count: "Pairs",
    hist_caption: "Dot products of the random pairs, by range",
    row_caption: "The query's scores and their softmax",
    col_key: "Key",
    col_score: "Score q·k",
    col_p_raw: "Weight without ÷√d",
    col_p_scaled: "Weight with ÷√d",
    note: "Each of the d products in q·k has variance 1, so the sum has variance d and typical size √d. Dividing by √d brings the variance back to 1, so the softmax stays soft and its gradients do not vanish as the model gets wider. Entropy 3 bits means all 8 keys equally weighted; 0 bits, one key takes everything.",
};

pub static ZH: Text = Text {
    title: "为什么要除以 √d_k",
    intro: "点积随向量长度增大，也随求和的维数增多而增大。先移动两个二维向量，再加宽随机向量，观察它们的分数经过 softmax 后的样子。",
    vectors: "平面上的两个向量",
    qx: "q 的 x 分量",
    qy: "q 的 y 分量",
    kx: "k 的 x 分量",
    ky: "k 的 y 分量",
    plane_title: "从原点出发的向量 q 和 k，网格范围 −2 到 2",
    dot: "q·k，分量乘积之和",
    norms: "|q| · |k| · cos θ",
    cos: "cos θ",
    angle: "夹角 θ",
    no_angle: "无定义（有零向量）",
    random_title: "宽度为 d 的随机向量",
    width: "宽度 d（每个向量的分量数）",
    new_draw: "重新抽取随机向量",
    seed_label: "随机种子",
    hist_title: "1000 对随机向量（各分量服从 N(0, 1)）的 q·k 直方图，范围 −48 到 48（超出部分计入两端的柱）",
    var_raw: "q·k 的方差",
    var_scaled: "q·k / √d 的方差",
    theory: "理论值",
    row_title: "一个查询对 8 个随机键的分数经过 softmax",
    raw: "不除以 √d",
    scaled: "除以 √d",
    entropy_raw: "不除以 √d 时的熵",
    entropy_scaled: "除以 √d 时的熵",
    bits: "比特",
    top_raw: "不除以 √d 时的最大权重",
    top_scaled: "除以 √d 时的最大权重",
    col_bin: "分数区间起点",
    col_count: "向量对数",
    hist_caption: "随机向量对的点积，按区间计数",
    row_caption: "查询的分数及其 softmax",
    col_key: "键",
    col_score: "分数 q·k",
    col_p_raw: "不除以 √d 的权重",
    col_p_scaled: "除以 √d 的权重",
    note: "q·k 中的 d 个乘积各自方差为 1，所以总和的方差为 d，典型大小为 √d。除以 √d 让方差回到 1，于是模型变宽时 softmax 依然平滑，梯度也不会消失。熵为 3 比特表示 8 个键权重相同；0 比特表示一个键独占全部权重。",
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
    fn the_plane_dot_product_is_the_cosine_form() {
        let s = Scaling::default();
        let t = s.two_d();
        assert!((t.dot - 2.0).abs() < 1e-12, "1.5·1 + 0.5·1");
        let c = t.cos.unwrap();
        assert!((t.norm_q * t.norm_k * c - t.dot).abs() < 1e-12);
        // θ between (1.5, 0.5) and (1, 1): 45° − atan(1/3).
        let want = 45.0 - (1.0f64 / 3.0).atan().to_degrees();
        assert!((t.degrees.unwrap() - want).abs() < 1e-9);
        let mut z = s.clone();
        z.set_component(0, 0.0);
        z.set_component(1, 0.0);
        assert_eq!(z.two_d().cos, None);
        assert_eq!(z.two_d().dot, 0.0);
        // Opposite vectors: 180°.
        let mut o = s.clone();
        o.k = [-3.0, -1.0];
        assert!((o.two_d().degrees.unwrap() - 180.0).abs() < 1e-12);
    }

    #[test]
    fn the_variance_grows_like_d_and_scaling_undoes_it() {
        for d in [1, 16, 64, 256] {
            let s = Scaling {
                d,
                ..Scaling::default()
            };
            let (p, row) = s.draws();
            assert_eq!((p.len(), row.len()), (PAIRS, ROW));
            let (_, var) = mean_var(&p);
            // 1,000 samples: the sample variance is within ±20% of d with room to spare.
            assert!((var / d as f64 - 1.0).abs() < 0.2, "d = {d}: {var}");
            let scaled: Vec<f64> = p.iter().map(|x| x / s.scale()).collect();
            assert!((mean_var(&scaled).1 - var / d as f64).abs() < 1e-9);
            assert_eq!(histogram(&p).iter().sum::<usize>(), PAIRS);
        }
    }

    #[test]
    fn without_scaling_the_softmax_collapses_as_d_grows() {
        let mut raw = Vec::new();
        for seed in 1..=20 {
            let s = Scaling {
                d: 256,
                seed,
                ..Scaling::default()
            };
            let (_, row) = s.draws();
            let r = Scaling::row_softmax(&row, 1.0);
            let c = Scaling::row_softmax(&row, s.scale());
            assert!(r.entropy_bits < c.entropy_bits, "seed {seed}");
            assert!(c.entropy_bits <= 3.0 + 1e-12 && r.entropy_bits >= 0.0);
            raw.push(r.entropy_bits);
        }
        let mean = raw.iter().sum::<f64>() / raw.len() as f64;
        assert!(mean < 0.5, "mean raw entropy at d = 256: {mean}");
        // Equal scores: uniform, 3 bits.
        let u = Scaling::row_softmax(&[2.0; ROW], 1.0);
        assert!((u.entropy_bits - 3.0).abs() < 1e-12 && (u.max - 0.125).abs() < 1e-15);
    }

    #[test]
    fn histogram_bins_and_edges() {
        let h = histogram(&[0.0, 3.99, -0.01, -4.0, 1e9, -1e9, f64::NAN]);
        assert_eq!(h[12], 2);
        assert_eq!(h[11], 2);
        assert_eq!(h[0], 1);
        assert_eq!(h[BINS - 1], 1);
        assert_eq!(h.iter().sum::<usize>(), 6);
        assert_eq!(bin_start(0), -48.0);
        assert_eq!(bin_start(BINS - 1) + BIN_WIDTH, 48.0);
    }

    #[test]
    fn setters_clamp_and_ignore_junk() {
        let mut s = Scaling::default();
        s.set_d(1e9);
        assert_eq!(s.d, 256);
        s.set_d(f64::NAN);
        assert_eq!(s.d, 256);
        s.set_d(-3.0);
        assert_eq!(s.d, 1);
        s.set_component(0, 9.0);
        s.set_component(3, f64::INFINITY);
        s.set_component(7, 1.0);
        assert_eq!(s.q, [2.0, 0.5]);
        assert_eq!(s.k, [1.0, 1.0]);
        s.seed = SEED_MAX;
        s.reseed();
        assert_eq!(s.seed, 1);
        // A width out of range still draws within it.
        let odd = Scaling {
            d: 0,
            ..Scaling::default()
        };
        assert_eq!(odd.scale(), 1.0);
        assert_eq!(odd.draws().0.len(), PAIRS);
    }

    #[test]
    fn url_round_trip_and_hostile_values() {
        let mut s = Scaling::default();
        s.set_component(1, -1.3);
        s.set_component(2, 0.2);
        s.set_d(17.0);
        s.reseed();
        let (back, w) = Scaling::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        assert!(Scaling::default().to_url().is_empty());
        let (bad, w) = Scaling::from_url(&pairs(&[
            ("sd.d", "1e6"),
            ("sd.q", "1"),
            ("sd.k", "5,-5"),
            ("sd.s", "0"),
            ("sd.zz", "1"),
            ("at.h", "2"),
        ]));
        assert_eq!(bad.d, 256);
        assert_eq!(bad.q, Scaling::default().q);
        assert_eq!(bad.k, [2.0, -2.0]);
        assert_eq!(bad.seed, 1);
        assert_eq!(w.len(), 5, "{w:?}");
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
