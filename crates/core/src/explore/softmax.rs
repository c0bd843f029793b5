//! Softmax explorer (Q23): four editable scores, a temperature, the probabilities, and the formula
//! with the current numbers in it.
//!
//! p_i = e^(z_i/T) / Σ_j e^(z_j/T). Scores are clamped to ±10 and T to 0.1–5, so z/T stays within
//! ±100 and every term fits an f64 (e^100 ≈ 2.7e43); the probabilities themselves are computed
//! shifted by the maximum, which gives the same numbers without overflow.

use super::UrlState;
use super::{clip, dec, sig, snap, url_list, url_num};
use crate::lab::fixed;

pub const N: usize = 4;
/// (English, Chinese) labels of the four candidates.
pub static TOKENS: [(&str, &str); N] = [
    ("cat", "猫"),
    ("dog", "狗"),
    ("car", "汽车"),
    ("idea", "想法"),
];
pub const SCORE_RANGE: (f64, f64) = (-10.0, 10.0);
pub const SCORE_STEP: f64 = 0.01;
pub const T_RANGE: (f64, f64) = (0.1, 5.0);
pub const T_STEP: f64 = 0.1;

#[derive(Clone, Debug, PartialEq)]
pub struct Softmax {
    pub scores: [f64; N],
    pub temperature: f64,
}

impl Default for Softmax {
    fn default() -> Self {
        Self {
            scores: [2.0, 1.0, 0.1, -1.0],
            temperature: 1.0,
        }
    }
}

/// The formula with numbers: `p_i = e^(z_i/T) / Σ`, each piece already formatted.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    /// "2.0/1.0" per token: the exponent as written.
    pub exponents: Vec<String>,
    /// e^(z_i/T), 4 significant digits.
    pub terms: Vec<String>,
    /// Σ_j e^(z_j/T).
    pub sum: String,
    /// p_i to 4 decimals.
    pub probs: Vec<String>,
}

impl Softmax {
    pub fn set_score(&mut self, i: usize, v: f64) {
        if let (Some(s), true) = (self.scores.get_mut(i), v.is_finite()) {
            *s = snap(v.clamp(SCORE_RANGE.0, SCORE_RANGE.1), SCORE_STEP);
        }
    }

    pub fn set_temperature(&mut self, t: f64) {
        if t.is_finite() {
            self.temperature = snap(t.clamp(T_RANGE.0, T_RANGE.1), T_STEP);
        }
    }

    fn t(&self) -> f64 {
        self.temperature.clamp(T_RANGE.0, T_RANGE.1)
    }

    /// e^(z_i/T), unshifted, as the formula writes it.
    pub fn terms(&self) -> Vec<f64> {
        let t = self.t();
        self.scores.iter().map(|&z| (z / t).exp()).collect()
    }

    pub fn probs(&self) -> Vec<f64> {
        super::softmax(&self.scores, self.t())
    }

    pub fn formula(&self) -> Formula {
        let terms = self.terms();
        Formula {
            exponents: self
                .scores
                .iter()
                .map(|&z| format!("{}/{}", dec(z, 2), dec(self.t(), 1)))
                .collect(),
            terms: terms.iter().map(|&x| sig(x, 4)).collect(),
            sum: sig(terms.iter().sum(), 4),
            probs: self.probs().iter().map(|&p| fixed(p, 4)).collect(),
        }
    }
}

impl UrlState for Softmax {
    const PREFIX: &'static str = "sm.";

    /// Reads `sm.t` and `sm.z` (four comma-separated scores).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "sm.t" => {
                    if let Some(t) = url_num(k, v, T_RANGE.0, T_RANGE.1, &mut w) {
                        s.set_temperature(t);
                    }
                }
                "sm.z" => {
                    if let Some(z) = url_list(k, v, N, SCORE_RANGE.0, SCORE_RANGE.1, &mut w) {
                        for (i, x) in z.into_iter().enumerate() {
                            s.set_score(i, x);
                        }
                    }
                }
                k if k.starts_with(Self::PREFIX) => {
                    w.push(format!("ignoring unknown key {}", clip(k)))
                }
                _ => {}
            }
        }
        (s, w)
    }

    /// The URL keys for this state; defaults are left out.
    fn url_from(&self, d: &Self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.temperature != d.temperature {
            out.push(("sm.t".into(), fixed(self.temperature, 1)));
        }
        if self.scores != d.scores {
            let z: Vec<String> = self.scores.iter().map(|&x| dec(x, 2)).collect();
            out.push(("sm.z".into(), z.join(",")));
        }
        out
    }
}

strings! {
    title,
    intro,
    scores,
    temperature,
    chart_title,
    col_token,
    col_score,
    col_term,
    col_prob,
    formula_title,
    formula_sum,
    note,
}

pub static EN: Text = Text {
    title: "Softmax explorer",
    intro: "Edit the scores (logits) and the temperature; softmax turns them into probabilities that sum to 1.",
    scores: "Scores",
    temperature: "Temperature T",
    chart_title: "Probabilities after softmax",
    col_token: "Token",
    col_score: "Score z",
    col_term: "e^(z/T)",
    col_prob: "Probability",
    formula_title: "The formula with these numbers",
    formula_sum: "Sum of the terms",
    note: "Below 1, the temperature sharpens the distribution towards the top score; above 1, it flattens it. Adding the same number to every score changes nothing.",
};

pub static ZH: Text = Text {
    title: "Softmax 探索器",
    intro: "修改分数（logits）和温度；softmax 把它们变成总和为 1 的概率。",
    scores: "分数",
    temperature: "温度 T",
    chart_title: "softmax 之后的概率",
    col_token: "标记",
    col_score: "分数 z",
    col_term: "e^(z/T)",
    col_prob: "概率",
    formula_title: "代入当前数值的公式",
    formula_sum: "各项之和",
    note: "温度低于 1 时分布变得更尖锐，偏向最高分；高于 1 时分布变得更平坦。所有分数同时加上同一个数，结果不变。",
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
    fn default_matches_the_closed_form() {
        // e^2, e^1, e^0.1, e^-1 written out: 7.389056, 2.718282, 1.105171, 0.367879.
        let s = Softmax::default();
        let sum = 7.38905609893065 + std::f64::consts::E + 1.1051709180756477 + 0.36787944117144233;
        let p = s.probs();
        assert!((p[0] - 7.38905609893065 / sum).abs() < 1e-12);
        assert!((p[3] - 0.36787944117144233 / sum).abs() < 1e-12);
        let f = s.formula();
        assert_eq!(f.exponents[0], "2.0/1.0");
        assert_eq!(f.exponents[2], "0.1/1.0");
        assert_eq!(f.terms, ["7.389", "2.718", "1.105", "0.3679"]);
        assert_eq!(f.sum, "11.58");
        assert_eq!(f.probs[0], "0.6381");
    }

    #[test]
    fn temperature_sharpens_and_flattens() {
        let mut s = Softmax::default();
        s.set_temperature(0.5);
        let cold = s.probs()[0];
        s.set_temperature(5.0);
        let hot = s.probs()[0];
        assert!(cold > Softmax::default().probs()[0] && hot < 0.4 && hot > 0.25);
        // At T = 0.5, softmax(z/0.5) = softmax(2z): e^4 / (e^4 + e^2 + e^0.2 + e^-2).
        let e = |x: f64| x.exp();
        assert!((cold - e(4.0) / (e(4.0) + e(2.0) + e(0.2) + e(-2.0))).abs() < 1e-12);
    }

    #[test]
    fn extremes_stay_finite() {
        let mut s = Softmax::default();
        for i in 0..N {
            s.set_score(i, if i == 0 { 1e9 } else { -1e9 });
        }
        s.set_temperature(0.0);
        assert_eq!(s.temperature, T_RANGE.0);
        assert_eq!(s.scores[0], 10.0);
        let p = s.probs();
        assert!(p.iter().all(|x| x.is_finite()));
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let f = s.formula();
        assert_eq!(f.terms[0], "2.688e43");
        assert!(f.terms[1].contains("e-44"), "{:?}", f.terms);
        s.set_score(1, f64::NAN);
        s.set_temperature(f64::INFINITY);
        assert_eq!(s.scores[1], -10.0);
        assert_eq!(s.temperature, T_RANGE.0);
        // Equal scores: uniform whatever T.
        let flat = Softmax {
            scores: [3.0; N],
            temperature: 0.1,
        };
        assert!(flat.probs().iter().all(|&p| (p - 0.25).abs() < 1e-15));
    }

    #[test]
    fn url_round_trip_and_hostile_values() {
        let mut s = Softmax::default();
        s.set_temperature(0.7);
        s.set_score(2, -3.25);
        let (back, w) = Softmax::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        assert!(Softmax::default().to_url().is_empty());
        let (bad, w) = Softmax::from_url(&pairs(&[
            ("sm.t", "-4"),
            ("sm.z", "1,2,3"),
            ("sm.x", "1"),
            ("t", "9"),
        ]));
        assert_eq!(bad.temperature, T_RANGE.0);
        assert_eq!(bad.scores, Softmax::default().scores);
        assert_eq!(w.len(), 3, "{w:?}");
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
