//! Positional-encoding explorer (Q21): the sinusoidal encodings of "Attention Is All You Need" as a
//! position × dimension heatmap, and the dot product between one position and every other.
//!
//! PE(pos, 2i) = sin(pos·ω_i), PE(pos, 2i+1) = cos(pos·ω_i), ω_i = 10000^(−2i/d). The dot product
//! of two positions is Σ_i cos((p − q)·ω_i): it depends only on the offset, is largest at 0 (d/2),
//! and falls off with distance — which is what lets attention see relative position.

use super::UrlState;
use super::{clip, url_int};

pub const LEN_RANGE: (usize, usize) = (2, 50);
pub const WIDTH_RANGE: (usize, usize) = (4, 64);
/// The model width moves in steps of 2: sines and cosines come in pairs.
pub const WIDTH_STEP: usize = 2;

#[derive(Clone, Debug, PartialEq)]
pub struct Positional {
    /// Sequence length: positions 0..len.
    pub len: usize,
    /// Model width d (even).
    pub width: usize,
    /// The position compared with all others.
    pub pos: usize,
}

impl Default for Positional {
    fn default() -> Self {
        Self {
            len: 20,
            width: 32,
            pos: 5,
        }
    }
}

impl Positional {
    pub fn set_len(&mut self, n: f64) {
        if n.is_finite() {
            self.len = (n.round() as usize).clamp(LEN_RANGE.0, LEN_RANGE.1);
            self.pos = self.pos.min(self.len - 1);
        }
    }

    pub fn set_width(&mut self, d: f64) {
        if d.is_finite() {
            let d = (d.round() as usize).clamp(WIDTH_RANGE.0, WIDTH_RANGE.1);
            self.width = d - d % WIDTH_STEP;
        }
    }

    pub fn set_pos(&mut self, p: f64) {
        if p.is_finite() {
            self.pos = (p.max(0.0).round() as usize).min(self.len.max(1) - 1);
        }
    }

    /// ω_i for each sine/cosine pair i = 0..d/2.
    pub fn frequencies(&self) -> Vec<f64> {
        let d = self.width as f64;
        (0..self.width / 2)
            .map(|i| 10000f64.powf(-((2 * i) as f64) / d))
            .collect()
    }

    /// The encoding of one position: `width` values in [−1, 1].
    pub fn encode(&self, pos: usize) -> Vec<f64> {
        self.frequencies()
            .iter()
            .flat_map(|&w| {
                let a = pos as f64 * w;
                [a.sin(), a.cos()]
            })
            .collect()
    }

    /// Every position's encoding, `len` rows of `width`.
    pub fn matrix(&self) -> Vec<Vec<f64>> {
        (0..self.len).map(|p| self.encode(p)).collect()
    }

    /// PE(pos)·PE(q) for every q.
    pub fn similarity(&self) -> Vec<f64> {
        let me = self.encode(self.pos);
        (0..self.len)
            .map(|q| self.encode(q).iter().zip(&me).map(|(a, b)| a * b).sum())
            .collect()
    }

    /// The largest possible dot product, |PE|² = d/2.
    pub fn max_similarity(&self) -> f64 {
        self.width as f64 / 2.0
    }

    /// Wavelength in positions of the fastest and slowest pair: 2π and 2π·10000^((d−2)/d).
    pub fn wavelengths(&self) -> (f64, f64) {
        let f = self.frequencies();
        let tau = std::f64::consts::TAU;
        (
            tau / f.first().copied().unwrap_or(1.0),
            tau / f.last().copied().unwrap_or(1.0),
        )
    }
}

impl UrlState for Positional {
    const PREFIX: &'static str = "pe.";

    /// Reads `pe.n` (length), `pe.d` (width) and `pe.p` (position; applied after the length).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        let mut pos = None;
        for (k, v) in pairs {
            match k.as_str() {
                "pe.n" => {
                    if let Some(n) = url_int(k, v, LEN_RANGE.0, LEN_RANGE.1, &mut w) {
                        s.set_len(n as f64);
                    }
                }
                "pe.d" => {
                    if let Some(d) = url_int(k, v, WIDTH_RANGE.0, WIDTH_RANGE.1, &mut w) {
                        if d % WIDTH_STEP != 0 {
                            w.push(format!("pe.d={d} is odd; using {}", d - 1));
                        }
                        s.set_width(d as f64);
                    }
                }
                "pe.p" => pos = url_int(k, v, 0, LEN_RANGE.1 - 1, &mut w),
                k if k.starts_with(Self::PREFIX) => {
                    w.push(format!("ignoring unknown key {}", clip(k)))
                }
                _ => {}
            }
        }
        if let Some(p) = pos {
            if p >= s.len {
                w.push(format!(
                    "pe.p={p} is beyond the sequence; using {}",
                    s.len - 1
                ));
            }
            s.set_pos(p as f64);
        }
        (s, w)
    }

    fn url_from(&self, d: &Self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.len != d.len {
            out.push(("pe.n".into(), self.len.to_string()));
        }
        if self.width != d.width {
            out.push(("pe.d".into(), self.width.to_string()));
        }
        if self.pos != d.pos {
            out.push(("pe.p".into(), self.pos.to_string()));
        }
        out
    }
}

strings! {
    title,
    intro,
    length,
    width,
    position,
    heatmap_title,
    heatmap_summary,
    axis_position,
    axis_dimension,
    similarity_title,
    col_position,
    col_dot,
    col_cosine,
    col_dimension,
    col_value,
    encoding_caption,
    legend_positive,
    legend_negative,
    note,
}

pub static EN: Text = Text {
    title: "Positional encoding explorer",
    intro: "Each position gets a vector of sines and cosines at different frequencies. Change the sequence length and the model width, and pick a position to compare with the others.",
    length: "Sequence length",
    width: "Model width d",
    position: "Compare position",
    heatmap_title: "Sinusoidal positional encodings: one row per position, one column per dimension",
    heatmap_summary: "Wavelength in positions, from the first pair of dimensions to the last:",
    axis_position: "position",
    axis_dimension: "dimension",
    similarity_title: "Dot product between the chosen position and every position",
    col_position: "Position",
    col_dot: "Dot product",
    col_cosine: "Cosine similarity",
    col_dimension: "Dimension",
    col_value: "Value",
    encoding_caption: "Encoding of the chosen position",
    legend_positive: "positive",
    legend_negative: "negative",
    note: "Early dimensions change fast and later ones slowly, like the hands of a clock, so every position gets a distinct pattern. The dot product depends only on the distance between positions.",
};

pub static ZH: Text = Text {
    title: "位置编码探索器",
    intro: "每个位置都得到一个由不同频率的正弦和余弦组成的向量。改变序列长度和模型宽度，并选择一个位置与其他位置比较。",
    length: "序列长度",
    width: "模型宽度 d",
    position: "比较的位置",
    heatmap_title: "正弦位置编码：每行一个位置，每列一个维度",
    heatmap_summary: "波长（以位置计），从第一对维度到最后一对：",
    axis_position: "位置",
    axis_dimension: "维度",
    similarity_title: "所选位置与每个位置的点积",
    col_position: "位置",
    col_dot: "点积",
    col_cosine: "余弦相似度",
    col_dimension: "维度",
    col_value: "值",
    encoding_caption: "所选位置的编码",
    legend_positive: "正值",
    legend_negative: "负值",
    note: "前面的维度变化快，后面的维度变化慢，就像钟表的指针，因此每个位置都有独特的模式。点积只取决于两个位置之间的距离。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_closed_forms() {
        let s = Positional::default();
        let e0 = s.encode(0);
        assert!(e0
            .iter()
            .enumerate()
            .all(|(i, &v)| v == if i % 2 == 0 { 0.0 } else { 1.0 }));
        let e1 = s.encode(1);
        assert!((e1[0] - 1f64.sin()).abs() < 1e-15);
        assert!((e1[1] - 1f64.cos()).abs() < 1e-15);
        // Pair i = 1 with d = 32: ω = 10000^(−2/32) = 0.5623413251903491.
        assert!((e1[2] - 0.5623413251903491f64.sin()).abs() < 1e-12);
        assert_eq!(s.matrix().len(), 20);
        assert!(s.matrix().iter().all(|r| r.len() == 32));
    }

    #[test]
    fn similarity_is_the_sum_of_cosines_of_the_offset() {
        for (len, width, pos) in [(20, 32, 5), (50, 64, 49), (2, 4, 0), (37, 10, 18)] {
            let s = Positional { len, width, pos };
            let sim = s.similarity();
            let w = s.frequencies();
            for (q, &d) in sim.iter().enumerate() {
                let off = pos as f64 - q as f64;
                let closed: f64 = w.iter().map(|&wi| (off * wi).cos()).sum();
                assert!((d - closed).abs() < 1e-9, "{len} {width} {pos} {q}");
            }
            assert!((sim[pos] - s.max_similarity()).abs() < 1e-12);
            assert!(sim.iter().all(|&x| x <= s.max_similarity() + 1e-12));
        }
    }

    #[test]
    fn wavelengths() {
        let s = Positional::default();
        let (fast, slow) = s.wavelengths();
        assert!((fast - std::f64::consts::TAU).abs() < 1e-12);
        let expect = std::f64::consts::TAU * 10000f64.powf(30.0 / 32.0);
        assert!((slow - expect).abs() < 1e-6);
    }

    #[test]
    fn setters_clamp_and_keep_the_position_inside() {
        let mut s = Positional::default();
        s.set_len(1e9);
        assert_eq!(s.len, 50);
        s.set_pos(49.0);
        s.set_len(3.0);
        assert_eq!((s.len, s.pos), (3, 2));
        s.set_width(33.0);
        assert_eq!(s.width, 32);
        s.set_width(-5.0);
        assert_eq!(s.width, 4);
        s.set_pos(f64::NAN);
        s.set_len(f64::INFINITY);
        assert_eq!((s.len, s.pos), (3, 2));
        s.set_pos(-3.0);
        assert_eq!(s.pos, 0);
    }

    #[test]
    fn url_round_trip_and_hostile_values() {
        let s = Positional {
            len: 12,
            width: 8,
            pos: 11,
        };
        let (back, w) = Positional::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        let (bad, w) = Positional::from_url(&[
            ("pe.p".into(), "40".into()),
            ("pe.n".into(), "10".into()),
            ("pe.d".into(), "7".into()),
            ("pe.x".into(), "1".into()),
        ]);
        assert_eq!((bad.len, bad.width, bad.pos), (10, 6, 9));
        assert_eq!(w.len(), 3, "{w:?}");
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
