//! Models of the interactive explorers that live inside question cards: one file per explorer, each a
//! plain value (its settings) with the numbers it shows, its URL keys and its strings in both
//! languages. Nothing here touches the DOM; the views in the app crate only render these.
//!
//! URL keys are prefixed per explorer (`sm.t`, `kl.p`, …) so that they never clash with the lab's or
//! with each other. Bad values are skipped, out-of-range ones clamped, each with a warning.

use crate::i18n::Lang;
use crate::lab::fixed;

/// Defines an explorer's `Text` (every visible string, one field each, so a string missing in one
/// language is a compile error), `Text::entries` for the tests, and `text(lang)` picking `EN`/`ZH`.
macro_rules! strings {
    ($($field:ident),* $(,)?) => {
        /// The explorer's strings in one language.
        #[derive(Debug)]
        pub struct Text {
            $(pub $field: &'static str,)*
        }

        impl Text {
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }

        pub fn text(lang: $crate::i18n::Lang) -> &'static Text {
            match lang {
                $crate::i18n::Lang::En => &EN,
                $crate::i18n::Lang::Zh => &ZH,
            }
        }
    };
}

/// An explorer's settings as URL keys. Each explorer reads and writes its own prefixed keys relative
/// to a starting point (its defaults, or a card's preset), so that a URL says only what differs.
pub trait UrlState: Default + Clone {
    /// These settings with the URL's keys applied: bad values are skipped and out-of-range ones
    /// clamped, each with a warning; keys of other explorers are ignored.
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>);

    /// The URL keys of the settings that differ from `d`.
    fn url_from(&self, d: &Self) -> Vec<(String, String)>;

    /// The defaults with the URL's keys applied.
    fn from_url(pairs: &[(String, String)]) -> (Self, Vec<String>) {
        Self::default().with_url(pairs)
    }

    /// The URL keys of the settings that differ from the defaults.
    fn to_url(&self) -> Vec<(String, String)> {
        self.url_from(&Self::default())
    }
}

pub mod attention;
pub mod beam;
pub mod bpe;
pub mod cross_entropy;
pub mod kl;
pub mod positional;
pub mod relu;
pub mod softmax;

/// Strings every explorer uses.
pub mod common {
    strings! {
        try_it,
        show_table,
        hide_table,
        infinity,
    }

    pub static EN: Text = Text {
        try_it: "Try it",
        show_table: "Show table",
        hide_table: "Hide table",
        infinity: "∞ (infinite)",
    };

    pub static ZH: Text = Text {
        try_it: "动手试试",
        show_table: "显示表格",
        hide_table: "隐藏表格",
        infinity: "∞（无穷大）",
    };
}

/// `x` with `sig` significant digits, switching to `1.23e-45` style outside 0.001–999,999 (the
/// float formatter costs the wasm build tens of kilobytes). Non-finite values: "∞", "-∞", "NaN" —
/// never produced by the models, but a view should not lie if one slips through.
pub fn sig(x: f64, sig: u32) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞".into() } else { "-∞".into() };
    }
    if x == 0.0 {
        return "0".into();
    }
    let sig = sig.clamp(1, 6) as i32;
    let mut exp = x.abs().log10().floor() as i32;
    // log10 can land one off near powers of ten; rounding can carry into the next power.
    let mant = |e: i32| x.abs() / 10f64.powi(e);
    if mant(exp) >= 10.0 {
        exp += 1;
    } else if mant(exp) < 1.0 {
        exp -= 1;
    }
    let scale = 10f64.powi(sig - 1);
    if (mant(exp) * scale).round() >= 10.0 * scale {
        exp += 1;
    }
    if (-3..6).contains(&exp) {
        let decimals = (sig - 1 - exp).max(0) as u32;
        return fixed(x, decimals);
    }
    let m = mant(exp).copysign(x);
    format!("{}e{exp}", fixed(m, (sig - 1) as u32))
}

/// `x` with at most `decimals` digits after the point and at least one, trailing zeros dropped:
/// 2 → "2.0", 1.25 → "1.25", -3.30 → "-3.3".
pub fn dec(x: f64, decimals: u32) -> String {
    let s = fixed(x, decimals.max(1));
    let trimmed = s.trim_end_matches('0');
    let out = if trimmed.ends_with('.') {
        format!("{trimmed}0")
    } else {
        trimmed.to_string()
    };
    if out == "-0.0" {
        "0.0".into()
    } else {
        out
    }
}

/// A probability as a percentage with one decimal.
pub fn pct(p: f64) -> String {
    format!("{}%", fixed(p * 100.0, 1))
}

/// Parses a number from a URL, clamped to `lo..=hi` (with a warning when it had to be).
pub(crate) fn url_num(
    key: &str,
    v: &str,
    lo: f64,
    hi: f64,
    warnings: &mut Vec<String>,
) -> Option<f64> {
    match v.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => {
            if x < lo || x > hi {
                warnings.push(format!(
                    "{key}={} is outside {}–{}; using the nearest",
                    clip(v),
                    sig(lo, 4),
                    sig(hi, 4)
                ));
            }
            Some(x.clamp(lo, hi))
        }
        _ => {
            warnings.push(format!("ignoring {key}={}: not a number", clip(v)));
            None
        }
    }
}

/// Parses a whole number from a URL, clamped to `lo..=hi`.
pub(crate) fn url_int(
    key: &str,
    v: &str,
    lo: usize,
    hi: usize,
    warnings: &mut Vec<String>,
) -> Option<usize> {
    url_num(key, v, lo as f64, hi as f64, warnings).map(|x| x.round() as usize)
}

/// Parses a comma-separated list of exactly `n` numbers, each clamped to `lo..=hi`.
pub(crate) fn url_list(
    key: &str,
    v: &str,
    n: usize,
    lo: f64,
    hi: f64,
    warnings: &mut Vec<String>,
) -> Option<Vec<f64>> {
    let parsed: Option<Vec<f64>> = v
        .split(',')
        .map(|x| x.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect();
    match parsed {
        Some(xs) if xs.len() == n => {
            if xs.iter().any(|&x| x < lo || x > hi) {
                warnings.push(format!(
                    "{key}: values clamped to {}–{}",
                    sig(lo, 4),
                    sig(hi, 4)
                ));
            }
            Some(xs.into_iter().map(|x| x.clamp(lo, hi)).collect())
        }
        _ => {
            warnings.push(format!("ignoring {key}={}: expected {n} numbers", clip(v)));
            None
        }
    }
}

/// A list of numbers for a URL, `decimals` digits each.
pub(crate) fn list_to_url(xs: &[f64], decimals: u32) -> String {
    xs.iter()
        .map(|&x| fixed(x, decimals))
        .collect::<Vec<_>>()
        .join(",")
}

/// A URL value as it may appear in a warning: short and quoted.
pub(crate) fn clip(s: &str) -> String {
    crate::route::quote_clipped(s, 16)
}

/// Rounds `x` to the nearest multiple of `step` (for slider values from a URL), keeping it finite.
pub(crate) fn snap(x: f64, step: f64) -> f64 {
    let y = (x / step).round() * step;
    // Trim the binary noise of the multiplication (0.30000000000000004 → 0.3).
    (y * 1e9).round() / 1e9
}

/// Numerically safe softmax of `z / t` (shifted by the maximum; `t` > 0 and every `z` finite are
/// the callers' business — the models clamp their inputs).
pub fn softmax(z: &[f64], t: f64) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|&x| ((x - m) / t).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|&x| x / s).collect()
}

/// The language-independent parts of every explorer's text test: nothing empty, the Chinese is
/// Chinese wherever it differs from the English.
#[cfg(test)]
pub(crate) fn check_strings(en: Vec<(&str, &str)>, zh: Vec<(&str, &str)>) {
    assert_eq!(en.len(), zh.len());
    for ((name, e), (_, z)) in en.into_iter().zip(zh) {
        assert!(
            !e.trim().is_empty() && !z.trim().is_empty(),
            "{name} is empty"
        );
        if e != z {
            assert!(
                z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name} is not Chinese: {z}"
            );
        }
    }
}

/// `lang`'s text or the other: for picking per-language data in tables.
pub fn pick<T>(lang: Lang, en: T, zh: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_digits_match_the_float_formatter() {
        assert_eq!(sig(0.0, 4), "0");
        assert_eq!(sig(1.0, 4), "1.000");
        assert_eq!(sig(7.389056, 4), "7.389");
        assert_eq!(sig(11.58, 4), "11.58");
        assert_eq!(sig(999.96, 4), "1000");
        assert_eq!(sig(0.0123456, 3), "0.0123");
        assert_eq!(sig(0.001, 2), "0.0010");
        assert_eq!(sig(-2.5, 2), "-2.5");
        assert_eq!(sig(2.688117e43, 3), "2.69e43");
        assert_eq!(sig(3.72e-44, 3), "3.72e-44");
        assert_eq!(sig(9.9999e-5, 2), "1.0e-4");
        assert_eq!(sig(123456.0, 3), "123456");
        assert_eq!(sig(1234567.0, 3), "1.23e6");
        assert_eq!(sig(f64::INFINITY, 3), "∞");
        assert_eq!(sig(f64::NAN, 3), "NaN");
        assert_eq!(dec(2.0, 2), "2.0");
        assert_eq!(dec(1.25, 2), "1.25");
        assert_eq!(dec(-3.30, 2), "-3.3");
        assert_eq!(dec(-0.001, 2), "0.0");
        assert_eq!(dec(10.0, 0), "10.0");
        for x in [1e-300, 5e-324, f64::MAX, -f64::MAX, 0.1, 0.5, 1e5 - 0.1] {
            let s = sig(x, 3);
            assert!(!s.is_empty() && !s.contains("NaN"), "{x} → {s}");
        }
    }

    #[test]
    fn url_helpers_clamp_and_warn() {
        let mut w = Vec::new();
        assert_eq!(url_num("a", "5", 0.0, 1.0, &mut w), Some(1.0));
        assert_eq!(url_num("a", "NaN", 0.0, 1.0, &mut w), None);
        assert_eq!(url_num("a", "inf", 0.0, 1.0, &mut w), None);
        assert_eq!(url_int("b", "2.6", 1, 5, &mut w), Some(3));
        assert_eq!(
            url_list("c", "1,2,x", 3, 0.0, 9.0, &mut w),
            None,
            "a bad entry drops the list"
        );
        assert_eq!(
            url_list("c", "1, 20 ,3", 3, 0.0, 9.0, &mut w),
            Some(vec![1.0, 9.0, 3.0])
        );
        assert_eq!(w.len(), 5, "{w:?}");
        assert_eq!(snap(0.1 + 0.2, 0.1), 0.3);
    }

    #[test]
    fn softmax_is_stable_and_sums_to_one() {
        let p = softmax(&[1000.0, 999.0, -1000.0], 1.0);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((p[0] - 1.0 / (1.0 + (-1f64).exp())).abs() < 1e-12);
        assert_eq!(p[2], 0.0);
    }

    #[test]
    fn common_strings_in_both_languages() {
        check_strings(common::EN.entries(), common::ZH.entries());
    }
}
