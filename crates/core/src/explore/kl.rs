//! KL divergence explorer (Q29): two editable distributions over four outcomes, D_KL(P‖Q) and
//! D_KL(Q‖P) side by side.
//!
//! D_KL(P‖Q) = Σ p_i ln(p_i / q_i) in nats, with the usual conventions: a term with p_i = 0 is 0
//! (whatever q_i), and a term with p_i > 0 = q_i is +∞ — Q says impossible what P says happens. The
//! result is then +∞, never NaN. Each distribution is edited as four weights (0–100) and normalised;
//! all-zero weights are read as uniform (and `is_uniform_fallback` says so).

use super::UrlState;
use super::{clip, list_to_url, url_list};

pub const N: usize = 4;
/// (English, Chinese) outcome names: a toy weather forecast.
pub static OUTCOMES: [(&str, &str); N] = [
    ("sun", "晴"),
    ("cloud", "多云"),
    ("rain", "雨"),
    ("snow", "雪"),
];
pub const WEIGHT_MAX: f64 = 100.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Kl {
    /// Weights of P and Q, each 0–100 (whole numbers), normalised to probabilities.
    pub p: [f64; N],
    pub q: [f64; N],
}

impl Default for Kl {
    fn default() -> Self {
        Self {
            p: [60.0, 25.0, 10.0, 5.0],
            q: [30.0, 30.0, 30.0, 10.0],
        }
    }
}

/// Which distribution a control edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    P,
    Q,
}

impl Kl {
    pub fn set(&mut self, which: Which, i: usize, w: f64) {
        let ws = match which {
            Which::P => &mut self.p,
            Which::Q => &mut self.q,
        };
        if let (Some(x), true) = (ws.get_mut(i), w.is_finite()) {
            *x = w.clamp(0.0, WEIGHT_MAX).round();
        }
    }

    pub fn weights(&self, which: Which) -> &[f64; N] {
        match which {
            Which::P => &self.p,
            Which::Q => &self.q,
        }
    }

    /// The normalised distribution.
    pub fn probs(&self, which: Which) -> [f64; N] {
        normalise(self.weights(which))
    }

    /// True when every weight of that distribution is 0 and it is read as uniform.
    pub fn is_uniform_fallback(&self, which: Which) -> bool {
        self.weights(which).iter().all(|&w| w <= 0.0)
    }

    /// The terms p_i ln(p_i/q_i) of D_KL(A‖B) (A = `from`), each finite or +∞.
    pub fn terms(&self, from: Which) -> [f64; N] {
        let (a, b) = match from {
            Which::P => (self.probs(Which::P), self.probs(Which::Q)),
            Which::Q => (self.probs(Which::Q), self.probs(Which::P)),
        };
        let mut out = [0.0; N];
        for i in 0..N {
            out[i] = term(a[i], b[i]);
        }
        out
    }

    /// D_KL(A‖B) with A = `from`: ≥ 0, possibly +∞, never NaN.
    pub fn divergence(&self, from: Which) -> f64 {
        let d: f64 = self.terms(from).iter().sum();
        // Tiny negative sums from rounding when A = B.
        d.max(0.0)
    }

    /// Whether both directions agree to the four decimals shown (both infinite counts as unequal:
    /// ∞ is not a number to compare).
    pub fn looks_symmetric(&self) -> bool {
        let (a, b) = (self.divergence(Which::P), self.divergence(Which::Q));
        a.is_finite() && b.is_finite() && (a - b).abs() < 5e-5
    }
}

impl UrlState for Kl {
    const PREFIX: &'static str = "kl.";

    /// Reads `kl.p` and `kl.q`, four weights each.
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            let which = match k.as_str() {
                "kl.p" => Which::P,
                "kl.q" => Which::Q,
                k if k.starts_with(Self::PREFIX) => {
                    w.push(format!("ignoring unknown key {}", clip(k)));
                    continue;
                }
                _ => continue,
            };
            if let Some(xs) = url_list(k, v, N, 0.0, WEIGHT_MAX, &mut w) {
                for (i, x) in xs.into_iter().enumerate() {
                    s.set(which, i, x);
                }
            }
        }
        (s, w)
    }

    fn url_from(&self, d: &Self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.p != d.p {
            out.push(("kl.p".into(), list_to_url(&self.p, 0)));
        }
        if self.q != d.q {
            out.push(("kl.q".into(), list_to_url(&self.q, 0)));
        }
        out
    }
}

fn normalise(w: &[f64; N]) -> [f64; N] {
    let s: f64 = w.iter().filter(|x| **x > 0.0).sum();
    let mut out = [1.0 / N as f64; N];
    if s > 0.0 {
        for (o, &x) in out.iter_mut().zip(w) {
            *o = x.max(0.0) / s;
        }
    }
    out
}

/// p ln(p/q) with 0 ln(0/q) = 0 and p ln(p/0) = +∞ for p > 0.
pub fn term(p: f64, q: f64) -> f64 {
    if p <= 0.0 {
        0.0
    } else if q <= 0.0 {
        f64::INFINITY
    } else {
        p * (p / q).ln()
    }
}

strings! {
    title,
    intro,
    dist_p,
    dist_q,
    weight_of,
    kl_pq,
    kl_qp,
    nats,
    asymmetric,
    symmetric,
    infinite_note,
    uniform_note,
    chart_title,
    col_outcome,
    col_p,
    col_q,
    col_term_pq,
    col_term_qp,
    note,
}

pub static EN: Text = Text {
    title: "KL divergence explorer",
    intro: "Set two forecasts P and Q with the sliders (weights are normalised to probabilities) and compare the divergence in each direction.",
    dist_p: "P (the truth)",
    dist_q: "Q (the model)",
    weight_of: "weight of",
    kl_pq: "D_KL(P‖Q)",
    kl_qp: "D_KL(Q‖P)",
    nats: "nats",
    asymmetric: "The two directions differ: KL divergence is not a distance.",
    symmetric: "The two directions are equal here.",
    infinite_note: "Infinite: one distribution gives zero probability to an outcome the other says can happen.",
    uniform_note: "All weights are zero, so this distribution is read as uniform.",
    chart_title: "Probabilities of P and Q for each outcome",
    col_outcome: "Outcome",
    col_p: "P",
    col_q: "Q",
    col_term_pq: "p ln(p/q)",
    col_term_qp: "q ln(q/p)",
    note: "D_KL(P‖Q) weighs each log-ratio by P, so it punishes Q most for missing what P expects. In LLMs it keeps a fine-tuned model close to its reference model (RLHF) and measures how well a student matches its teacher (distillation).",
};

pub static ZH: Text = Text {
    title: "KL 散度探索器",
    intro: "用滑块设置两个预报 P 和 Q（权重会归一化为概率），比较两个方向的散度。",
    dist_p: "P（真实分布）",
    dist_q: "Q（模型分布）",
    weight_of: "权重：",
    kl_pq: "D_KL(P‖Q)",
    kl_qp: "D_KL(Q‖P)",
    nats: "奈特",
    asymmetric: "两个方向的值不同：KL 散度不是距离。",
    symmetric: "这里两个方向的值相等。",
    infinite_note: "无穷大：一个分布认为可能发生的结果，另一个分布给它的概率为零。",
    uniform_note: "所有权重都为零，因此该分布按均匀分布处理。",
    chart_title: "每个结果在 P 和 Q 下的概率",
    col_outcome: "结果",
    col_p: "P",
    col_q: "Q",
    col_term_pq: "p ln(p/q)",
    col_term_qp: "q ln(q/p)",
    note: "D_KL(P‖Q) 用 P 对每个对数比加权，因此 Q 漏掉 P 认为会发生的结果时惩罚最重。在 LLM 中，它让微调后的模型不偏离参考模型（RLHF），也用来衡量学生模型与教师模型的接近程度（蒸馏）。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_form_two_point_example() {
        // P = (1/2, 1/2), Q = (1/4, 3/4): D(P‖Q) = ½ln2 + ½ln(2/3), D(Q‖P) = ¼ln(1/2) + ¾ln(3/2).
        let s = Kl {
            p: [50.0, 50.0, 0.0, 0.0],
            q: [25.0, 75.0, 0.0, 0.0],
        };
        let pq = 0.5 * 2f64.ln() + 0.5 * (2.0f64 / 3.0).ln();
        let qp = 0.25 * 0.5f64.ln() + 0.75 * 1.5f64.ln();
        assert!((s.divergence(Which::P) - pq).abs() < 1e-15);
        assert!((s.divergence(Which::Q) - qp).abs() < 1e-15);
        assert!((pq - qp).abs() > 0.01, "asymmetric");
        assert!(!s.looks_symmetric());
        // Mirror images: P = (1,2,3,4)/10, Q reversed — both directions are equal.
        let m = Kl {
            p: [1.0, 2.0, 3.0, 4.0],
            q: [4.0, 3.0, 2.0, 1.0],
        };
        assert!(m.looks_symmetric());
    }

    #[test]
    fn zero_mass_gives_infinity_not_nan() {
        let mut s = Kl::default();
        s.set(Which::Q, 3, 0.0);
        assert_eq!(s.divergence(Which::P), f64::INFINITY);
        assert!(s.divergence(Which::Q).is_finite());
        assert_eq!(s.terms(Which::Q)[3], 0.0, "0 ln 0 = 0");
        s.set(Which::P, 3, 0.0);
        assert!(s.divergence(Which::P).is_finite());
        for i in 0..N {
            s.set(Which::P, i, 0.0);
        }
        assert!(s.is_uniform_fallback(Which::P));
        assert_eq!(s.probs(Which::P), [0.25; N]);
        assert_eq!(
            s.divergence(Which::P),
            f64::INFINITY,
            "uniform P, Q(snow) = 0"
        );
        assert!(!s.divergence(Which::Q).is_nan());
    }

    #[test]
    fn identical_distributions_give_zero_and_gibbs_holds() {
        let s = Kl {
            p: [7.0, 3.0, 0.0, 90.0],
            q: [7.0, 3.0, 0.0, 90.0],
        };
        assert_eq!(s.divergence(Which::P), 0.0);
        let mut r = crate::sampling::SplitMix64::new(3);
        for _ in 0..500 {
            let mut s = Kl::default();
            for i in 0..N {
                s.set(Which::P, i, (r.next_f64() * 101.0).floor());
                s.set(Which::Q, i, (r.next_f64() * 101.0).floor());
            }
            for w in [Which::P, Which::Q] {
                let d = s.divergence(w);
                assert!(d >= 0.0 && !d.is_nan());
            }
        }
    }

    #[test]
    fn odd_inputs_and_urls() {
        let mut s = Kl::default();
        s.set(Which::P, 0, f64::NAN);
        s.set(Which::P, 9, 5.0);
        s.set(Which::Q, 1, 1e9);
        s.set(Which::Q, 2, -4.0);
        assert_eq!(s.p, Kl::default().p);
        assert_eq!(s.q[1..3], [100.0, 0.0]);
        let (back, w) = Kl::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        let (bad, w) = Kl::from_url(&[
            ("kl.p".into(), "1,2".into()),
            ("kl.q".into(), "-1,500,3,4".into()),
        ]);
        assert_eq!(bad.p, Kl::default().p);
        assert_eq!(bad.q, [0.0, 100.0, 3.0, 4.0]);
        assert_eq!(w.len(), 2, "{w:?}");
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
