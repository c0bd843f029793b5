//! Cross-entropy explorer (Q25): a five-token vocabulary, a one-hot target, and a slider for the
//! probability the model gives the true token. The loss is −ln p; its gradient with respect to p is
//! −1/p, and with respect to each logit it is q_i − y_i (softmax and cross-entropy together).

use super::UrlState;
use super::{clip, snap, url_num};
use crate::lab::fixed;

/// (English, Chinese) tokens; the first is the target.
pub static VOCAB: [(&str, &str); 5] = [
    ("mat", "垫子"),
    ("sofa", "沙发"),
    ("floor", "地板"),
    ("bed", "床"),
    ("moon", "月亮"),
];
/// How the wrong tokens share what the true token does not get.
const OTHER_SHARES: [f64; 4] = [0.4, 0.3, 0.2, 0.1];
pub const P_RANGE: (f64, f64) = (0.01, 0.99);
pub const P_STEP: f64 = 0.01;

#[derive(Clone, Debug, PartialEq)]
pub struct CrossEntropy {
    /// Predicted probability of the true token.
    pub p: f64,
}

impl Default for CrossEntropy {
    fn default() -> Self {
        Self { p: 0.5 }
    }
}

impl CrossEntropy {
    pub fn set_p(&mut self, p: f64) {
        if p.is_finite() {
            self.p = snap(p.clamp(P_RANGE.0, P_RANGE.1), P_STEP);
        }
    }

    fn clamped(&self) -> f64 {
        self.p.clamp(P_RANGE.0, P_RANGE.1)
    }

    /// The model's predicted distribution q over `VOCAB`.
    pub fn predicted(&self) -> Vec<f64> {
        let p = self.clamped();
        std::iter::once(p)
            .chain(OTHER_SHARES.iter().map(|s| s * (1.0 - p)))
            .collect()
    }

    /// The one-hot target y.
    pub fn target(&self) -> Vec<f64> {
        (0..VOCAB.len())
            .map(|i| if i == 0 { 1.0 } else { 0.0 })
            .collect()
    }

    /// H(y, q) = −Σ y_i ln q_i = −ln p, in nats.
    pub fn loss(&self) -> f64 {
        loss_at(self.clamped())
    }

    pub fn loss_bits(&self) -> f64 {
        self.loss() / std::f64::consts::LN_2
    }

    /// e^loss = 1/p: "as unsure as a uniform choice among this many tokens".
    pub fn perplexity(&self) -> f64 {
        1.0 / self.clamped()
    }

    /// dL/dp = −1/p.
    pub fn grad_p(&self) -> f64 {
        grad_at(self.clamped())
    }

    /// dL/dz_i = q_i − y_i.
    pub fn grad_logits(&self) -> Vec<f64> {
        self.predicted()
            .iter()
            .zip(self.target())
            .map(|(q, y)| q - y)
            .collect()
    }
}

impl UrlState for CrossEntropy {
    const PREFIX: &'static str = "ce.";

    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "ce.p" => {
                    if let Some(p) = url_num(k, v, P_RANGE.0, P_RANGE.1, &mut w) {
                        s.set_p(p);
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

    fn url_from(&self, d: &Self) -> Vec<(String, String)> {
        if self == d {
            Vec::new()
        } else {
            vec![("ce.p".into(), fixed(self.p, 2))]
        }
    }
}

/// −ln p for p in (0, 1]; the curve the chart draws.
pub fn loss_at(p: f64) -> f64 {
    -p.max(1e-300).ln()
}

/// d(−ln p)/dp = −1/p.
pub fn grad_at(p: f64) -> f64 {
    -1.0 / p.max(1e-300)
}

strings! {
    title,
    intro,
    probability,
    loss,
    loss_bits,
    perplexity,
    grad_p,
    chart_title,
    axis_p,
    axis_loss,
    col_token,
    col_target,
    col_predicted,
    col_grad,
    note,
}

pub static EN: Text = Text {
    title: "Cross-entropy explorer",
    intro: "The true next token is “mat”. Move the probability the model gives it and watch the loss and its gradient.",
    probability: "Probability of the true token",
    loss: "Loss −ln p",
    loss_bits: "in bits",
    perplexity: "Perplexity 1/p",
    grad_p: "Gradient dL/dp = −1/p",
    chart_title: "Cross-entropy loss −ln p against the probability of the true token, with the tangent at the current point",
    axis_p: "p(true token)",
    axis_loss: "loss",
    col_token: "Token",
    col_target: "Target y",
    col_predicted: "Predicted q",
    col_grad: "Gradient q − y",
    note: "The loss grows without bound as p → 0, and the gradient is steepest there: confident mistakes are punished hardest. With a one-hot target only the true token's probability matters.",
};

pub static ZH: Text = Text {
    title: "交叉熵探索器",
    intro: "真实的下一个标记是“垫子”。调整模型给它的概率，观察损失和梯度的变化。",
    probability: "真实标记的概率",
    loss: "损失 −ln p",
    loss_bits: "以比特计",
    perplexity: "困惑度 1/p",
    grad_p: "梯度 dL/dp = −1/p",
    chart_title: "交叉熵损失 −ln p 随真实标记概率的变化，以及当前点的切线",
    axis_p: "p(真实标记)",
    axis_loss: "损失",
    col_token: "标记",
    col_target: "目标 y",
    col_predicted: "预测 q",
    col_grad: "梯度 q − y",
    note: "当 p → 0 时损失无限增大，梯度也最陡：越自信的错误受到的惩罚越重。目标是独热向量时，只有真实标记的概率起作用。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_and_gradients_match_closed_forms() {
        let mut s = CrossEntropy::default();
        assert!((s.loss() - std::f64::consts::LN_2).abs() < 1e-15);
        assert!((s.loss_bits() - 1.0).abs() < 1e-15);
        assert_eq!(s.perplexity(), 2.0);
        assert_eq!(s.grad_p(), -2.0);
        s.set_p(0.25);
        assert!((s.loss() - 4f64.ln()).abs() < 1e-15);
        let q = s.predicted();
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert_eq!(q[1], 0.4 * 0.75);
        let g = s.grad_logits();
        assert_eq!(g[0], -0.75);
        assert!((g.iter().sum::<f64>()).abs() < 1e-15, "gradients sum to 0");
        // The full definition −Σ y ln q agrees with −ln p.
        let full: f64 = s
            .target()
            .iter()
            .zip(&q)
            .map(|(y, q)| if *y > 0.0 { -y * q.ln() } else { 0.0 })
            .sum();
        assert!((full - s.loss()).abs() < 1e-15);
    }

    #[test]
    fn finite_difference_agrees_with_the_gradient() {
        for p in [0.05, 0.3, 0.9] {
            let h = 1e-6;
            let fd = (loss_at(p + h) - loss_at(p - h)) / (2.0 * h);
            assert!((fd - (-1.0 / p)).abs() < 1e-5, "{p}");
            assert_eq!(grad_at(p), -1.0 / p);
        }
    }

    #[test]
    fn odd_inputs_are_clamped() {
        let mut s = CrossEntropy::default();
        s.set_p(0.0);
        assert_eq!(s.p, 0.01);
        assert!((s.loss() - 100f64.ln()).abs() < 1e-12);
        s.set_p(f64::NAN);
        assert_eq!(s.p, 0.01);
        s.set_p(7.0);
        assert_eq!(s.p, 0.99);
        assert!(loss_at(0.0).is_finite());
        let (u, w) = CrossEntropy::from_url(&[("ce.p".into(), "x".into())]);
        assert_eq!((u, w.len()), (CrossEntropy::default(), 1));
        let (u, w) = CrossEntropy::from_url(&[("ce.p".into(), "0.2".into())]);
        assert!(w.is_empty());
        assert_eq!(CrossEntropy::from_url(&u.to_url()).0, u);
        assert!(CrossEntropy::default().to_url().is_empty());
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
