//! Jacobian explorer (Q27): the Jacobian of softmax, LayerNorm or GELU at an editable input x of
//! four numbers, as a matrix, and its product with an editable direction v, checked against a
//! central finite difference.
//!
//! - softmax: s = softmax(x), J = diag(s) − s sᵀ (symmetric, every row sums to 0: adding the same
//!   number to every input changes nothing).
//! - LayerNorm without the learned scale and shift: y = (x − μ)/σ̂ with σ̂ = √(σ² + ε), σ² the
//!   population variance and ε = 1e-5 (PyTorch's default); J_ij = (δ_ij − 1/n − y_i y_j / n) / σ̂
//!   (symmetric, rows sum to 0).
//! - GELU, elementwise: J = diag(GELU′(x_i)), with `relu::Act::Gelu` (x·Φ(x), Φ from an erfc fit
//!   with relative error below 1.2e-7).
//!
//! J·v is the change of f(x) along v; the check is (f(x + hv) − f(x − hv)) / 2h with h = 1e-5.

use super::relu::Act;
use super::UrlState;
use super::{clip, dec, snap, url_list};

pub const N: usize = 4;
pub const RANGE: (f64, f64) = (-5.0, 5.0);
pub const STEP: f64 = 0.1;
/// LayerNorm's ε.
pub const EPS: f64 = 1e-5;
/// The finite difference's step.
pub const H: f64 = 1e-5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Softmax,
    LayerNorm,
    Gelu,
}

pub const FUNCS: [Func; 3] = [Func::Softmax, Func::LayerNorm, Func::Gelu];

impl Func {
    pub fn id(self) -> &'static str {
        match self {
            Func::Softmax => "softmax",
            Func::LayerNorm => "layernorm",
            Func::Gelu => "gelu",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Func::Softmax => "softmax",
            Func::LayerNorm => "LayerNorm",
            Func::Gelu => "GELU",
        }
    }

    /// f(x).
    pub fn apply(self, x: &[f64]) -> Vec<f64> {
        match self {
            Func::Softmax => super::softmax(x, 1.0),
            Func::LayerNorm => {
                let (mu, s) = norm_stats(x);
                x.iter().map(|&v| (v - mu) / s).collect()
            }
            Func::Gelu => x.iter().map(|&v| Act::Gelu.f(v)).collect(),
        }
    }

    /// The Jacobian at x, row i = ∂f_i/∂x_·.
    pub fn jacobian(self, x: &[f64]) -> Vec<Vec<f64>> {
        let n = x.len();
        let delta = |i: usize, j: usize| if i == j { 1.0 } else { 0.0 };
        match self {
            Func::Softmax => {
                let s = super::softmax(x, 1.0);
                (0..n)
                    .map(|i| (0..n).map(|j| s[i] * delta(i, j) - s[i] * s[j]).collect())
                    .collect()
            }
            Func::LayerNorm => {
                let (_, sd) = norm_stats(x);
                let y = self.apply(x);
                let nf = n as f64;
                (0..n)
                    .map(|i| {
                        (0..n)
                            .map(|j| (delta(i, j) - 1.0 / nf - y[i] * y[j] / nf) / sd)
                            .collect()
                    })
                    .collect()
            }
            Func::Gelu => (0..n)
                .map(|i| (0..n).map(|j| delta(i, j) * Act::Gelu.df(x[i])).collect())
                .collect(),
        }
    }
}

/// The mean and σ̂ = √(σ² + ε) of x.
fn norm_stats(x: &[f64]) -> (f64, f64) {
    let n = x.len().max(1) as f64;
    let mu = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mu) * (v - mu)).sum::<f64>() / n;
    (mu, (var + EPS).sqrt())
}

#[derive(Clone, Debug, PartialEq)]
pub struct Jacobian {
    pub func: Func,
    pub x: [f64; N],
    pub v: [f64; N],
}

impl Default for Jacobian {
    fn default() -> Self {
        Self {
            func: Func::Softmax,
            x: [2.0, 1.0, 0.1, -1.0],
            v: [1.0, -1.0, 0.0, 0.5],
        }
    }
}

/// Everything the view shows, computed once.
#[derive(Clone, Debug, PartialEq)]
pub struct Numbers {
    pub y: Vec<f64>,
    pub j: Vec<Vec<f64>>,
    pub row_sums: Vec<f64>,
    pub jv: Vec<f64>,
    pub finite_difference: Vec<f64>,
    /// max_i |(J·v)_i − finite difference_i|.
    pub max_gap: f64,
}

impl Jacobian {
    pub fn set_x(&mut self, i: usize, v: f64) {
        if let (Some(x), true) = (self.x.get_mut(i), v.is_finite()) {
            *x = snap(v.clamp(RANGE.0, RANGE.1), STEP / 10.0);
        }
    }

    pub fn set_v(&mut self, i: usize, v: f64) {
        if let (Some(x), true) = (self.v.get_mut(i), v.is_finite()) {
            *x = snap(v.clamp(RANGE.0, RANGE.1), STEP / 10.0);
        }
    }

    pub fn numbers(&self) -> Numbers {
        let f = self.func;
        let x: Vec<f64> = self.x.iter().map(|v| v.clamp(RANGE.0, RANGE.1)).collect();
        let v: Vec<f64> = self.v.iter().map(|v| v.clamp(RANGE.0, RANGE.1)).collect();
        let j = f.jacobian(&x);
        let jv: Vec<f64> = j
            .iter()
            .map(|row| row.iter().zip(&v).map(|(a, b)| a * b).sum())
            .collect();
        let shifted = |sign: f64| -> Vec<f64> {
            let p: Vec<f64> = x.iter().zip(&v).map(|(a, b)| a + sign * H * b).collect();
            f.apply(&p)
        };
        let (plus, minus) = (shifted(1.0), shifted(-1.0));
        let finite_difference: Vec<f64> = plus
            .iter()
            .zip(&minus)
            .map(|(a, b)| (a - b) / (2.0 * H))
            .collect();
        let max_gap = jv
            .iter()
            .zip(&finite_difference)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        Numbers {
            y: f.apply(&x),
            row_sums: j.iter().map(|r| r.iter().sum()).collect(),
            j,
            jv,
            finite_difference,
            max_gap,
        }
    }
}

impl UrlState for Jacobian {
    const PREFIX: &'static str = "jc.";

    /// Reads `jc.f` (softmax, layernorm or gelu), `jc.x` and `jc.v` (four numbers each).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "jc.f" => match FUNCS.iter().find(|f| f.id() == v) {
                    Some(&f) => s.func = f,
                    None => w.push(format!(
                        "ignoring jc.f={}: use softmax, layernorm or gelu",
                        clip(v)
                    )),
                },
                "jc.x" | "jc.v" => {
                    if let Some(xs) = url_list(k, v, N, RANGE.0, RANGE.1, &mut w) {
                        for (i, x) in xs.into_iter().enumerate() {
                            if k == "jc.x" {
                                s.set_x(i, x);
                            } else {
                                s.set_v(i, x);
                            }
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

    fn url_from(&self, d: &Self) -> Vec<(String, String)> {
        let list = |xs: &[f64; N]| xs.iter().map(|&x| dec(x, 2)).collect::<Vec<_>>().join(",");
        let mut out = Vec::new();
        if self.func != d.func {
            out.push(("jc.f".into(), self.func.id().into()));
        }
        if self.x != d.x {
            out.push(("jc.x".into(), list(&self.x)));
        }
        if self.v != d.v {
            out.push(("jc.v".into(), list(&self.v)));
        }
        out
    }
}

strings! {
    title,
    intro,
    function,
    input,
    direction,
    output,
    heatmap_title,
    legend_pos,
    legend_neg,
    jv,
    fd,
    gap,
    row_sums,
    table_caption,
    check_caption,
    col_row,
    col_jv,
    col_fd,
    note_softmax,
    note_layernorm,
    note_gelu,
    note,
}

pub static EN: Text = Text {
    title: "Jacobian explorer",
    intro: "A Jacobian holds every partial derivative ∂fᵢ/∂xⱼ of a vector function. Pick a function, edit its input x and a direction v, and compare J·v with a finite difference.",
    function: "Function f",
    input: "Input x",
    direction: "Direction v",
    output: "f(x)",
    heatmap_title: "The Jacobian J at x: row i, column j is ∂fᵢ/∂xⱼ",
    legend_pos: "positive",
    legend_neg: "negative",
    jv: "J·v",
    fd: "Finite difference (f(x + hv) − f(x − hv)) / 2h, h = 0.00001",
    gap: "Largest gap between the two",
    row_sums: "Row sums of J",
    table_caption: "The Jacobian's entries",
    check_caption: "J·v against the finite difference",
    col_row: "Output",
    col_jv: "J·v",
    col_fd: "Finite difference",
    note_softmax: "Softmax: J = diag(s) − ssᵀ. It is symmetric and every row sums to 0, because adding the same number to every score leaves the probabilities unchanged.",
    note_layernorm: "LayerNorm (no learned scale or shift): J = (I − 11ᵀ/n − yyᵀ/n) / σ̂. Rows sum to 0: shifting every input by the same amount changes nothing.",
    note_gelu: "GELU acts on each number separately, so only the diagonal is non-zero: GELU′(xᵢ) = Φ(xᵢ) + xᵢφ(xᵢ).",
    note: "Backpropagation never builds the full matrix: it multiplies the incoming gradient by J (a vector–Jacobian product), which for these functions costs about as much as the function itself.",
};

pub static ZH: Text = Text {
    title: "雅可比矩阵探索器",
    intro: "雅可比矩阵收集了向量函数的全部偏导数 ∂fᵢ/∂xⱼ。选择一个函数，修改输入 x 和方向 v，把 J·v 与有限差分相比较。",
    function: "函数 f",
    input: "输入 x",
    direction: "方向 v",
    output: "f(x)",
    heatmap_title: "x 处的雅可比矩阵 J：第 i 行第 j 列是 ∂fᵢ/∂xⱼ",
    legend_pos: "正值",
    legend_neg: "负值",
    jv: "J·v",
    fd: "有限差分 (f(x + hv) − f(x − hv)) / 2h，h = 0.00001",
    gap: "两者的最大差距",
    row_sums: "J 的各行之和",
    table_caption: "雅可比矩阵的元素",
    check_caption: "J·v 与有限差分的对比",
    col_row: "输出",
    col_jv: "J·v",
    col_fd: "有限差分",
    note_softmax: "Softmax：J = diag(s) − ssᵀ。它是对称矩阵，每行之和为 0，因为所有分数同时加上同一个数，概率不变。",
    note_layernorm: "LayerNorm（不含可学习的缩放和平移）：J = (I − 11ᵀ/n − yyᵀ/n) / σ̂。各行之和为 0：所有输入平移同样的量，输出不变。",
    note_gelu: "GELU 对每个数单独作用，所以只有对角线非零：GELU′(xᵢ) = Φ(xᵢ) + xᵢφ(xᵢ)。",
    note: "反向传播从不构造完整的矩阵：它把传回来的梯度乘以 J（向量–雅可比积），对这几个函数来说，代价与计算函数本身相当。",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(kv: &[(&str, &str)]) -> Vec<(String, String)> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn with(func: Func) -> Jacobian {
        Jacobian {
            func,
            ..Jacobian::default()
        }
    }

    #[test]
    fn softmax_jacobian_is_diag_s_minus_s_s_transposed() {
        let n = with(Func::Softmax).numbers();
        let e: Vec<f64> = [2.0f64, 1.0, 0.1, -1.0].iter().map(|x| x.exp()).collect();
        let sum: f64 = e.iter().sum();
        let s: Vec<f64> = e.iter().map(|x| x / sum).collect();
        assert!((n.j[0][0] - s[0] * (1.0 - s[0])).abs() < 1e-15);
        assert!((n.j[1][3] + s[1] * s[3]).abs() < 1e-15);
        for i in 0..N {
            assert!(n.row_sums[i].abs() < 1e-15, "{:?}", n.row_sums);
            for j in 0..N {
                assert_eq!(n.j[i][j], n.j[j][i]);
            }
        }
    }

    #[test]
    fn layernorm_jacobian_by_hand_and_rows_sum_to_zero() {
        // x = (1, 2, 3, 4): μ = 2.5, σ² = 1.25, y = (−1.5, −0.5, 0.5, 1.5)/σ̂.
        let s = Jacobian {
            func: Func::LayerNorm,
            x: [1.0, 2.0, 3.0, 4.0],
            v: [1.0, 0.0, 0.0, 0.0],
        };
        let n = s.numbers();
        let sd = (1.25f64 + EPS).sqrt();
        let y0 = -1.5 / sd;
        assert!((n.y[0] - y0).abs() < 1e-15);
        assert!((n.j[0][0] - (1.0 - 0.25 - y0 * y0 / 4.0) / sd).abs() < 1e-14);
        let y3 = 1.5 / sd;
        assert!((n.j[0][3] - (-0.25 - y0 * y3 / 4.0) / sd).abs() < 1e-14);
        assert!(
            n.row_sums.iter().all(|r| r.abs() < 1e-14),
            "{:?}",
            n.row_sums
        );
        // Equal inputs: y = 0 and J = (I − 11ᵀ/n)/√ε, no division by zero.
        let flat = Jacobian { x: [0.7; N], ..s };
        let f = flat.numbers();
        assert!(f.y.iter().all(|&v| v == 0.0));
        assert!((f.j[0][0] - 0.75 / EPS.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn gelu_jacobian_is_diagonal() {
        let n = with(Func::Gelu).numbers();
        for i in 0..N {
            for j in 0..N {
                if i != j {
                    assert_eq!(n.j[i][j], 0.0);
                }
            }
        }
        // GELU′(0) = ½.
        let z = Jacobian {
            func: Func::Gelu,
            x: [0.0; N],
            v: [1.0; N],
        };
        assert!((z.numbers().j[2][2] - 0.5).abs() < 1e-7);
    }

    #[test]
    fn j_times_v_matches_the_finite_difference() {
        for func in FUNCS {
            for (x, v) in [
                ([2.0, 1.0, 0.1, -1.0], [1.0, -1.0, 0.0, 0.5]),
                ([-3.0, 0.4, 4.9, 0.0], [0.3, 2.0, -5.0, 1.0]),
                ([0.5, 0.5, 0.5, 0.6], [1.0, 1.0, 1.0, 1.0]),
            ] {
                let n = Jacobian { func, x, v }.numbers();
                // GELU's Φ is an erfc fit; its slope is not exactly GELU′, hence the looser bound.
                let tol = if func == Func::Gelu { 1e-5 } else { 1e-7 };
                assert!(n.max_gap < tol, "{func:?} {x:?}: {}", n.max_gap);
            }
        }
    }

    #[test]
    fn setters_and_url_clamp_and_ignore_junk() {
        let mut s = Jacobian::default();
        s.set_x(0, 99.0);
        s.set_x(1, f64::NAN);
        s.set_v(9, 1.0);
        s.set_v(3, -0.123);
        assert_eq!(s.x, [5.0, 1.0, 0.1, -1.0]);
        assert_eq!(s.v, [1.0, -1.0, 0.0, -0.12]);
        s.func = Func::LayerNorm;
        let (back, w) = Jacobian::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        assert!(Jacobian::default().to_url().is_empty());
        let (bad, w) = Jacobian::from_url(&pairs(&[
            ("jc.f", "tanh"),
            ("jc.x", "1,2"),
            ("jc.v", "9,0,0,-9"),
            ("jc.q", "1"),
            ("sm.t", "2"),
        ]));
        assert_eq!(bad.func, Func::Softmax);
        assert_eq!(bad.x, Jacobian::default().x);
        assert_eq!(bad.v, [5.0, 0.0, 0.0, -5.0]);
        assert_eq!(w.len(), 4, "{w:?}");
        // Out-of-range fields set directly are clamped where they are used.
        let wild = Jacobian {
            x: [1e300, -1e300, f64::MAX, 0.0],
            ..Jacobian::default()
        };
        assert!(wild.numbers().j.iter().flatten().all(|v| v.is_finite()));
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
