//! Eigenvectors and PCA explorer (Q28): a 2-D Gaussian set by σx, σy and the correlation ρ, its
//! covariance matrix Σ = [[σx², ρσxσy], [ρσxσy, σy²]], Σ's eigenvalues and eigenvectors (the
//! principal components), the share of variance the first keeps, λ₁/(λ₁ + λ₂), and a seeded cloud
//! of points drawn from the Gaussian with their projections onto the first component.
//!
//! The eigen-decomposition is the closed form of a symmetric 2×2 matrix [[a, b], [b, c]]:
//! λ = (a + c)/2 ± √(((a − c)/2)² + b²), λ₁ ≥ λ₂, eigenvector of λ (b, λ − a) (or (1, 0)/(0, 1)
//! when b = 0), normalised, with its sign chosen so that its x is positive (y positive when x = 0).
//! The cloud: [`POINTS`] points, each (σx z₁, ρσy z₁ + σy√(1 − ρ²) z₂) with z₁, z₂ from
//! `SplitMix64::next_normal` in that order; its sample covariance divides by n − 1.

use super::UrlState;
use super::{clip, dec, snap, url_num};
use crate::lab::fixed;
use crate::sampling::SplitMix64;

pub const POINTS: usize = 40;
pub const SIGMA_RANGE: (f64, f64) = (0.2, 3.0);
pub const SIGMA_STEP: f64 = 0.1;
pub const RHO_RANGE: (f64, f64) = (-0.95, 0.95);
pub const RHO_STEP: f64 = 0.05;
pub const SEED_MAX: u64 = 999_999;

#[derive(Clone, Debug, PartialEq)]
pub struct Pca {
    pub sx: f64,
    pub sy: f64,
    pub rho: f64,
    pub seed: u64,
}

impl Default for Pca {
    fn default() -> Self {
        Self {
            sx: 2.0,
            sy: 1.0,
            rho: 0.6,
            seed: 1,
        }
    }
}

/// A symmetric 2×2 matrix's eigen-decomposition, largest eigenvalue first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Eigen {
    pub values: [f64; 2],
    /// Unit eigenvectors, `vectors[i]` for `values[i]`.
    pub vectors: [[f64; 2]; 2],
}

impl Eigen {
    /// λ₁ / (λ₁ + λ₂): the share of the total variance along the first component.
    pub fn share(&self) -> f64 {
        let total = self.values[0] + self.values[1];
        if total > 0.0 {
            self.values[0] / total
        } else {
            0.5
        }
    }

    /// λ₁ = λ₂: Σ is a multiple of the identity and every direction is a principal component.
    pub fn tied(&self) -> bool {
        self.values[0] - self.values[1] <= 1e-12 * self.values[0].abs().max(1.0)
    }

    /// The first component's angle from the x axis, in degrees (−90 to 90).
    pub fn angle(&self) -> f64 {
        let [x, y] = self.vectors[0];
        y.atan2(x).to_degrees()
    }
}

/// The eigen-decomposition of [[a, b], [b, c]].
pub fn eigen_sym(a: f64, b: f64, c: f64) -> Eigen {
    let mean = (a + c) / 2.0;
    let r = ((a - c) / 2.0).hypot(b);
    let values = [mean + r, mean - r];
    let vector = |l: f64, first: bool| -> [f64; 2] {
        let v = if b.abs() > 1e-300 {
            [b, l - a]
        } else if (a >= c) == first {
            [1.0, 0.0]
        } else {
            [0.0, 1.0]
        };
        let n = v[0].hypot(v[1]);
        let v = [v[0] / n, v[1] / n];
        if v[0] < 0.0 || (v[0] == 0.0 && v[1] < 0.0) {
            [-v[0], -v[1]]
        } else {
            v
        }
    };
    Eigen {
        values,
        vectors: [vector(values[0], true), vector(values[1], false)],
    }
}

impl Pca {
    pub fn set_sx(&mut self, v: f64) {
        if v.is_finite() {
            self.sx = snap(v.clamp(SIGMA_RANGE.0, SIGMA_RANGE.1), SIGMA_STEP);
        }
    }

    pub fn set_sy(&mut self, v: f64) {
        if v.is_finite() {
            self.sy = snap(v.clamp(SIGMA_RANGE.0, SIGMA_RANGE.1), SIGMA_STEP);
        }
    }

    pub fn set_rho(&mut self, v: f64) {
        if v.is_finite() {
            self.rho = snap(v.clamp(RHO_RANGE.0, RHO_RANGE.1), RHO_STEP);
        }
    }

    /// A new cloud ("New points").
    pub fn reseed(&mut self) {
        self.seed = if self.seed >= SEED_MAX {
            1
        } else {
            self.seed + 1
        };
    }

    fn params(&self) -> (f64, f64, f64) {
        let s = |v: f64| {
            if v.is_finite() {
                v.clamp(SIGMA_RANGE.0, SIGMA_RANGE.1)
            } else {
                1.0
            }
        };
        let r = if self.rho.is_finite() {
            self.rho.clamp(RHO_RANGE.0, RHO_RANGE.1)
        } else {
            0.0
        };
        (s(self.sx), s(self.sy), r)
    }

    /// Σ as (a, b, c) = (σx², ρσxσy, σy²).
    pub fn covariance(&self) -> (f64, f64, f64) {
        let (sx, sy, r) = self.params();
        (sx * sx, r * sx * sy, sy * sy)
    }

    pub fn eigen(&self) -> Eigen {
        let (a, b, c) = self.covariance();
        eigen_sym(a, b, c)
    }

    pub fn points(&self) -> Vec<[f64; 2]> {
        let (sx, sy, r) = self.params();
        let mut g = SplitMix64::new(self.seed);
        (0..POINTS)
            .map(|_| {
                let z1 = g.next_normal();
                let z2 = g.next_normal();
                [sx * z1, r * sy * z1 + sy * (1.0 - r * r).sqrt() * z2]
            })
            .collect()
    }

    /// Each point's coordinate along the first component (its projection is that times u₁).
    pub fn scores(&self) -> Vec<f64> {
        let u = self.eigen().vectors[0];
        self.points()
            .iter()
            .map(|p| p[0] * u[0] + p[1] * u[1])
            .collect()
    }

    /// The cloud's sample covariance (÷ n − 1) as (a, b, c).
    pub fn sample_covariance(&self) -> (f64, f64, f64) {
        let pts = self.points();
        let n = pts.len() as f64;
        let mx = pts.iter().map(|p| p[0]).sum::<f64>() / n;
        let my = pts.iter().map(|p| p[1]).sum::<f64>() / n;
        let sum = |f: &dyn Fn(&[f64; 2]) -> f64| pts.iter().map(f).sum::<f64>() / (n - 1.0);
        (
            sum(&|p| (p[0] - mx) * (p[0] - mx)),
            sum(&|p| (p[0] - mx) * (p[1] - my)),
            sum(&|p| (p[1] - my) * (p[1] - my)),
        )
    }
}

impl UrlState for Pca {
    const PREFIX: &'static str = "pc.";

    /// Reads `pc.x` (σx), `pc.y` (σy), `pc.r` (ρ) and `pc.s` (seed).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "pc.x" => {
                    if let Some(x) = url_num(k, v, SIGMA_RANGE.0, SIGMA_RANGE.1, &mut w) {
                        s.set_sx(x);
                    }
                }
                "pc.y" => {
                    if let Some(x) = url_num(k, v, SIGMA_RANGE.0, SIGMA_RANGE.1, &mut w) {
                        s.set_sy(x);
                    }
                }
                "pc.r" => {
                    if let Some(x) = url_num(k, v, RHO_RANGE.0, RHO_RANGE.1, &mut w) {
                        s.set_rho(x);
                    }
                }
                "pc.s" => match v.trim().parse::<u64>() {
                    Ok(x) if (1..=SEED_MAX).contains(&x) => s.seed = x,
                    _ => w.push(format!("ignoring pc.s={}: use 1 to {SEED_MAX}", clip(v))),
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
        if self.sx != d.sx {
            out.push(("pc.x".into(), fixed(self.sx, 1)));
        }
        if self.sy != d.sy {
            out.push(("pc.y".into(), fixed(self.sy, 1)));
        }
        if self.rho != d.rho {
            out.push(("pc.r".into(), dec(self.rho, 2)));
        }
        if self.seed != d.seed {
            out.push(("pc.s".into(), self.seed.to_string()));
        }
        out
    }
}

strings! {
    title,
    intro,
    sx,
    sy,
    rho,
    new_points,
    seed_label,
    chart_title,
    legend_points,
    legend_ellipse,
    legend_pc1,
    legend_pc2,
    legend_projection,
    tie,
    covariance,
    lambda1,
    lambda2,
    pc1,
    angle,
    share,
    sample_share,
    eigen_caption,
    col_component,
    col_lambda,
    col_sqrt,
    col_vector,
    col_share,
    points_caption,
    col_point,
    col_x,
    col_y,
    col_score,
    note,
}

pub static EN: Text = Text {
    title: "Eigenvectors and PCA",
    intro: "Shape a 2-D Gaussian with two standard deviations and a correlation. The eigenvectors of its covariance matrix are the principal components; each eigenvalue is the variance along its eigenvector.",
    sx: "Standard deviation σx",
    sy: "Standard deviation σy",
    rho: "Correlation ρ",
    new_points: "New points",
    seed_label: "Seed",
    chart_title: "40 points from the Gaussian, its 1σ and 2σ ellipses, the eigenvectors scaled by √λ, and each point's projection onto the first component (the axes end at 2.3√λ₁; a point beyond is only in the table)",
    legend_points: "points",
    legend_ellipse: "1σ and 2σ ellipses",
    legend_pc1: "first component",
    legend_pc2: "second component",
    legend_projection: "projection",
    tie: "Σ is a multiple of the identity: every direction has the same variance, so any two perpendicular directions are principal components. The axes are shown.",
    covariance: "Covariance matrix Σ",
    lambda1: "λ₁ (variance along PC1)",
    lambda2: "λ₂ (variance along PC2)",
    pc1: "First eigenvector u₁",
    angle: "Angle of u₁",
    share: "Variance kept by PC1, λ₁ / (λ₁ + λ₂)",
    sample_share: "The same for these 40 points' sample covariance",
    eigen_caption: "Eigenvalues and eigenvectors of Σ",
    col_component: "Component",
    col_lambda: "Eigenvalue λ",
    col_sqrt: "√λ",
    col_vector: "Eigenvector",
    col_share: "Share of variance",
    points_caption: "The points and their coordinate along u₁",
    col_point: "Point",
    col_x: "x",
    col_y: "y",
    col_score: "Along u₁",
    note: "With ρ = 0 the components are the axes themselves. Projecting onto u₁ alone keeps λ₁/(λ₁ + λ₂) of the variance: PCA keeps the directions with the largest eigenvalues and drops the rest.",
};

pub static ZH: Text = Text {
    title: "特征向量与 PCA",
    intro: "用两个标准差和一个相关系数塑造一个二维高斯分布。它的协方差矩阵的特征向量就是主成分；每个特征值是沿对应特征向量方向的方差。",
    sx: "标准差 σx",
    sy: "标准差 σy",
    rho: "相关系数 ρ",
    new_points: "重新生成点",
    seed_label: "随机种子",
    chart_title: "来自该高斯分布的 40 个点、1σ 与 2σ 椭圆、按 √λ 缩放的特征向量，以及每个点在第一主成分上的投影（坐标轴止于 2.3√λ₁，超出范围的点只列在表格中）",
    legend_points: "点",
    legend_ellipse: "1σ 与 2σ 椭圆",
    legend_pc1: "第一主成分",
    legend_pc2: "第二主成分",
    legend_projection: "投影",
    tie: "Σ 是单位矩阵的倍数：每个方向的方差都相同，所以任意两个互相垂直的方向都是主成分。图中画的是坐标轴。",
    covariance: "协方差矩阵 Σ",
    lambda1: "λ₁（沿 PC1 的方差）",
    lambda2: "λ₂（沿 PC2 的方差）",
    pc1: "第一特征向量 u₁",
    angle: "u₁ 的角度",
    share: "PC1 保留的方差比例 λ₁ / (λ₁ + λ₂)",
    sample_share: "用这 40 个点的样本协方差计算的同一比例",
    eigen_caption: "Σ 的特征值与特征向量",
    col_component: "主成分",
    col_lambda: "特征值 λ",
    col_sqrt: "√λ",
    col_vector: "特征向量",
    col_share: "方差占比",
    points_caption: "各点及其在 u₁ 方向上的坐标",
    col_point: "点",
    col_x: "x",
    col_y: "y",
    col_score: "沿 u₁ 的坐标",
    note: "ρ = 0 时主成分就是坐标轴本身。只投影到 u₁ 上会保留 λ₁/(λ₁ + λ₂) 的方差：PCA 保留特征值最大的方向，舍弃其余方向。",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(kv: &[(&str, &str)]) -> Vec<(String, String)> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn check_eigen(a: f64, b: f64, c: f64) {
        let e = eigen_sym(a, b, c);
        assert!(e.values[0] >= e.values[1]);
        for (l, u) in e.values.iter().zip(e.vectors) {
            // Σu = λu, |u| = 1.
            let su = [a * u[0] + b * u[1], b * u[0] + c * u[1]];
            assert!((su[0] - l * u[0]).abs() < 1e-12 && (su[1] - l * u[1]).abs() < 1e-12);
            assert!((u[0].hypot(u[1]) - 1.0).abs() < 1e-14);
            assert!(u[0] > 0.0 || (u[0] == 0.0 && u[1] > 0.0));
        }
        let dot = e.vectors[0][0] * e.vectors[1][0] + e.vectors[0][1] * e.vectors[1][1];
        assert!(dot.abs() < 1e-12);
        assert!((e.values[0] + e.values[1] - (a + c)).abs() < 1e-12, "trace");
        assert!(
            (e.values[0] * e.values[1] - (a * c - b * b)).abs() < 1e-10,
            "determinant"
        );
    }

    #[test]
    fn the_closed_form_is_an_eigen_decomposition() {
        check_eigen(4.0, 1.2, 1.0);
        check_eigen(1.0, 0.0, 4.0);
        check_eigen(4.0, 0.0, 1.0);
        check_eigen(2.0, 0.0, 2.0);
        check_eigen(1.0, -0.9, 1.0);
        check_eigen(9.0, -2.5, 0.04);
        // Equal variances, correlation ρ: λ = σ²(1 ± ρ) along the diagonals.
        let e = eigen_sym(1.0, 0.5, 1.0);
        assert!((e.values[0] - 1.5).abs() < 1e-15 && (e.values[1] - 0.5).abs() < 1e-15);
        assert!((e.angle() - 45.0).abs() < 1e-12);
        assert!((e.share() - 0.75).abs() < 1e-15);
    }

    #[test]
    fn the_default_by_hand() {
        // Σ = [[4, 1.2], [1.2, 1]]: λ = 2.5 ± √(2.25 + 1.44).
        let p = Pca::default();
        assert_eq!(p.covariance(), (4.0, 1.2, 1.0));
        let e = p.eigen();
        let r = 3.69f64.sqrt();
        assert!((e.values[0] - (2.5 + r)).abs() < 1e-12);
        assert!((e.share() - (2.5 + r) / 5.0).abs() < 1e-12);
    }

    #[test]
    fn the_cloud_has_the_chosen_covariance_on_average() {
        // Over many seeds the sample covariance averages to Σ.
        let p = Pca::default();
        let (mut a, mut b, mut c) = (0.0, 0.0, 0.0);
        let seeds = 400;
        for seed in 1..=seeds {
            let (x, y, z) = Pca { seed, ..p.clone() }.sample_covariance();
            a += x;
            b += y;
            c += z;
        }
        let n = seeds as f64;
        assert!((a / n - 4.0).abs() < 0.15, "{}", a / n);
        assert!((b / n - 1.2).abs() < 0.08, "{}", b / n);
        assert!((c / n - 1.0).abs() < 0.04, "{}", c / n);
        assert_eq!(p.points().len(), POINTS);
        // Scores are projections: |score| ≤ |point|.
        for (s, q) in p.scores().iter().zip(p.points()) {
            assert!(s.abs() <= q[0].hypot(q[1]) + 1e-12);
        }
    }

    #[test]
    fn setters_and_url_clamp_and_ignore_junk() {
        let mut p = Pca::default();
        p.set_sx(10.0);
        p.set_sy(f64::NAN);
        p.set_rho(-1.0);
        assert_eq!((p.sx, p.sy, p.rho), (3.0, 1.0, -0.95));
        p.set_rho(0.33);
        assert_eq!(p.rho, 0.35);
        p.reseed();
        let (back, w) = Pca::from_url(&p.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, p);
        assert!(Pca::default().to_url().is_empty());
        let (bad, w) = Pca::from_url(&pairs(&[
            ("pc.x", "0"),
            ("pc.y", "abc"),
            ("pc.r", "2"),
            ("pc.s", "-1"),
            ("pc.q", "1"),
            ("sd.d", "3"),
        ]));
        assert_eq!((bad.sx, bad.sy, bad.rho, bad.seed), (0.2, 1.0, 0.95, 1));
        assert_eq!(w.len(), 5, "{w:?}");
        let wild = Pca {
            sx: f64::NAN,
            sy: 1e9,
            rho: 5.0,
            seed: 3,
        };
        assert!(wild.eigen().values.iter().all(|v| v.is_finite()));
        assert!(wild.points().iter().flatten().all(|v| v.is_finite()));
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
