//! ReLU explorer (Q30): ReLU, leaky ReLU and GELU with their derivatives, and a layer of 64 seeded
//! random pre-activations showing how many units pass no gradient back.
//!
//! ReLU'(x) is 0 for x ≤ 0 (PyTorch's choice at 0), leaky ReLU'(x) is α for x ≤ 0, and GELU is
//! the exact x·Φ(x) with GELU'(x) = Φ(x) + x·φ(x). Pre-activations are μ + N(0, 1) from
//! `SplitMix64::next_normal`, so the same seed gives the same layer everywhere.

use super::UrlState;
use super::{clip, snap, url_num};
use crate::lab::fixed;
use crate::sampling::SplitMix64;

pub const UNITS: usize = 64;
/// Leaky ReLU's slope for x ≤ 0. 0.01 is common; 0.1 keeps the slope visible on the chart.
pub const ALPHA: f64 = 0.1;
pub const MEAN_RANGE: (f64, f64) = (-2.0, 2.0);
pub const MEAN_STEP: f64 = 0.1;
pub const SEED_MAX: u64 = 999_999;
/// The chart's x range, and where the table behind it samples the activation.
pub const X_RANGE: (f64, f64) = (-3.0, 3.0);
pub const TABLE_X: [f64; 9] = [-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Relu,
    Leaky,
    Gelu,
}

pub const ACTS: [Act; 3] = [Act::Relu, Act::Leaky, Act::Gelu];

impl Act {
    pub fn id(self) -> &'static str {
        match self {
            Act::Relu => "relu",
            Act::Leaky => "leaky",
            Act::Gelu => "gelu",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Act::Relu => "ReLU",
            Act::Leaky => "Leaky ReLU (α = 0.1)",
            Act::Gelu => "GELU",
        }
    }

    pub fn f(self, x: f64) -> f64 {
        match self {
            Act::Relu => x.max(0.0),
            Act::Leaky => {
                if x > 0.0 {
                    x
                } else {
                    ALPHA * x
                }
            }
            Act::Gelu => x * phi_cdf(x),
        }
    }

    pub fn df(self, x: f64) -> f64 {
        match self {
            Act::Relu => {
                if x > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Act::Leaky => {
                if x > 0.0 {
                    1.0
                } else {
                    ALPHA
                }
            }
            Act::Gelu => {
                let pdf = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
                phi_cdf(x) + x * pdf
            }
        }
    }
}

/// Standard normal CDF Φ(x) = ½ erfc(−x/√2).
pub fn phi_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Complementary error function, Chebyshev fit from Numerical Recipes (`erfcc`): fractional error
/// below 1.2e-7 everywhere, which is far beyond the three decimals shown.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Activations {
    pub act: Act,
    /// Mean of the pre-activations (a bias shifting the whole layer).
    pub mean: f64,
    pub seed: u64,
}

impl Default for Activations {
    fn default() -> Self {
        Self {
            act: Act::Relu,
            mean: 0.0,
            seed: 1,
        }
    }
}

/// How a layer's units fare under one activation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerStats {
    pub act: Act,
    /// Units whose gradient is exactly 0: they learn nothing from this example.
    pub zero: usize,
    pub mean_grad: f64,
}

impl LayerStats {
    pub fn zero_share(&self) -> f64 {
        self.zero as f64 / UNITS as f64
    }
}

impl Activations {
    pub fn set_mean(&mut self, m: f64) {
        if m.is_finite() {
            self.mean = snap(m.clamp(MEAN_RANGE.0, MEAN_RANGE.1), MEAN_STEP);
        }
    }

    /// The next layer ("new random layer").
    pub fn reseed(&mut self) {
        self.seed = if self.seed >= SEED_MAX {
            1
        } else {
            self.seed + 1
        };
    }

    /// The layer's pre-activations.
    pub fn layer(&self) -> Vec<f64> {
        let mut r = SplitMix64::new(self.seed);
        let m = self.mean.clamp(MEAN_RANGE.0, MEAN_RANGE.1);
        (0..UNITS).map(|_| m + r.next_normal()).collect()
    }

    pub fn stats(&self, act: Act) -> LayerStats {
        let layer = self.layer();
        let grads: Vec<f64> = layer.iter().map(|&x| act.df(x)).collect();
        LayerStats {
            act,
            zero: grads.iter().filter(|&&g| g == 0.0).count(),
            mean_grad: grads.iter().sum::<f64>() / UNITS as f64,
        }
    }
}

impl UrlState for Activations {
    const PREFIX: &'static str = "re.";

    /// Reads `re.f` (relu, leaky or gelu), `re.m` (mean) and `re.s` (seed).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "re.f" => match ACTS.iter().find(|a| a.id() == v) {
                    Some(&a) => s.act = a,
                    None => w.push(format!(
                        "ignoring re.f={}: use relu, leaky or gelu",
                        clip(v)
                    )),
                },
                "re.m" => {
                    if let Some(m) = url_num(k, v, MEAN_RANGE.0, MEAN_RANGE.1, &mut w) {
                        s.set_mean(m);
                    }
                }
                "re.s" => match v.trim().parse::<u64>() {
                    Ok(x) if (1..=SEED_MAX).contains(&x) => s.seed = x,
                    _ => w.push(format!("ignoring re.s={}: use 1 to {SEED_MAX}", clip(v))),
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
        if self.act != d.act {
            out.push(("re.f".into(), self.act.id().into()));
        }
        if self.mean != d.mean {
            out.push(("re.m".into(), fixed(self.mean, 1)));
        }
        if self.seed != d.seed {
            out.push(("re.s".into(), self.seed.to_string()));
        }
        out
    }
}

strings! {
    title,
    intro,
    function,
    mean,
    new_layer,
    layer_label,
    chart_title,
    legend_f,
    legend_df,
    legend_dead,
    col_x,
    col_f,
    col_df,
    col_function,
    col_zero,
    col_mean_grad,
    stats_caption,
    values_caption,
    note,
}

pub static EN: Text = Text {
    title: "ReLU and its derivative",
    intro: "Pick an activation and shift a layer of 64 random pre-activations; a unit whose gradient is 0 learns nothing from this input.",
    function: "Activation",
    mean: "Mean pre-activation μ",
    new_layer: "New random layer",
    layer_label: "Layer seed",
    chart_title: "The activation and its derivative from −4 to 4, with the layer's pre-activations marked below",
    legend_f: "function",
    legend_df: "derivative",
    legend_dead: "unit with zero gradient",
    col_x: "x",
    col_f: "f(x)",
    col_df: "f′(x)",
    col_function: "Activation",
    col_zero: "Units with zero gradient",
    col_mean_grad: "Mean gradient",
    stats_caption: "Gradients in this layer of 64 units",
    values_caption: "Values of the chosen activation",
    note: "ReLU's derivative is 1 for x > 0 and 0 otherwise: cheap, and no vanishing gradient for active units, but units that stay negative stop learning (“dying ReLU”). Leaky ReLU keeps a small slope; GELU is smooth and only nearly flat far to the left.",
};

pub static ZH: Text = Text {
    title: "ReLU 及其导数",
    intro: "选择激活函数并平移一层 64 个随机预激活值；梯度为 0 的单元无法从这个输入中学到任何东西。",
    function: "激活函数",
    mean: "预激活均值 μ",
    new_layer: "生成新的随机层",
    layer_label: "层的随机种子",
    chart_title: "激活函数及其导数（−4 到 4），下方标出该层的预激活值",
    legend_f: "函数",
    legend_df: "导数",
    legend_dead: "梯度为零的单元",
    col_x: "x",
    col_f: "f(x)",
    col_df: "f′(x)",
    col_function: "激活函数",
    col_zero: "梯度为零的单元",
    col_mean_grad: "平均梯度",
    stats_caption: "这一层 64 个单元的梯度",
    values_caption: "所选激活函数的取值",
    note: "ReLU 的导数在 x > 0 时为 1，否则为 0：计算便宜，激活的单元不会梯度消失，但一直为负的单元会停止学习（“ReLU 死亡”）。Leaky ReLU 保留一个小斜率；GELU 是平滑的，只在左侧很远处才接近平坦。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        assert_eq!(Act::Relu.f(-2.0), 0.0);
        assert_eq!(Act::Relu.df(0.0), 0.0);
        assert_eq!(Act::Relu.df(1e-12), 1.0);
        assert_eq!(Act::Leaky.f(-2.0), -0.2);
        assert_eq!(Act::Leaky.df(-2.0), ALPHA);
        // Φ(0) = ½, so GELU(0) = 0 and GELU'(0) = ½; Φ(1) = 0.8413447460685429.
        assert!(Act::Gelu.f(0.0).abs() < 1e-12);
        assert!((Act::Gelu.df(0.0) - 0.5).abs() < 1e-7);
        assert!((Act::Gelu.f(1.0) - 0.8413447460685429).abs() < 1e-7);
        assert!((phi_cdf(-1.959963984540054) - 0.025).abs() < 1e-8);
    }

    #[test]
    fn gelu_derivative_matches_finite_differences() {
        for i in -40..=40 {
            let x = i as f64 / 10.0;
            let h = 1e-4;
            let fd = (Act::Gelu.f(x + h) - Act::Gelu.f(x - h)) / (2.0 * h);
            assert!((fd - Act::Gelu.df(x)).abs() < 1e-5, "{x}: {fd}");
        }
    }

    #[test]
    fn relu_kills_about_the_normal_share_of_units() {
        // Over many seeds the share with x ≤ 0 approaches Φ(−μ).
        for mean in [-1.0, 0.0, 1.0] {
            let mut total = 0;
            for seed in 1..=200 {
                let s = Activations {
                    act: Act::Relu,
                    mean,
                    seed,
                };
                total += s.stats(Act::Relu).zero;
            }
            let share = total as f64 / (200 * UNITS) as f64;
            assert!((share - phi_cdf(-mean)).abs() < 0.015, "{mean}: {share}");
        }
        let s = Activations::default();
        assert_eq!(s.stats(Act::Leaky).zero, 0);
        assert_eq!(s.stats(Act::Gelu).zero, 0);
        let r = s.stats(Act::Relu);
        assert!((r.mean_grad - (UNITS - r.zero) as f64 / UNITS as f64).abs() < 1e-15);
    }

    #[test]
    fn odd_inputs_never_nan() {
        for x in [f64::MAX, -f64::MAX, 1e308, -40.0, 40.0] {
            for a in ACTS {
                assert!(!a.df(x).is_nan(), "{x}");
            }
        }
        let mut s = Activations::default();
        s.set_mean(f64::NAN);
        s.set_mean(-9.0);
        assert_eq!(s.mean, -2.0);
        s.seed = SEED_MAX;
        s.reseed();
        assert_eq!(s.seed, 1);
    }

    #[test]
    fn url_round_trip_and_hostile_values() {
        let s = Activations {
            act: Act::Gelu,
            mean: -0.7,
            seed: 42,
        };
        let (back, w) = Activations::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        let (bad, w) = Activations::from_url(&[
            ("re.f".into(), "tanh".into()),
            ("re.m".into(), "1e9".into()),
            ("re.s".into(), "-1".into()),
        ]);
        assert_eq!((bad.act, bad.mean, bad.seed), (Act::Relu, 2.0, 1));
        assert_eq!(w.len(), 3);
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
