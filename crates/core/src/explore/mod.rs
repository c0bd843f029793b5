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
    /// The prefix of this explorer's URL keys (`"sm."`), written nowhere else: the router passes
    /// the keys of every registered explorer's prefix (`route::EXPLORE_PREFIXES`), and the explorer
    /// reads and writes only keys under its own.
    const PREFIX: &'static str;

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
pub mod jacobian;
pub mod kl;
pub mod masks;
pub mod pca;
pub mod positional;
pub mod relu;
pub mod scaling;
pub mod softmax;

/// **The registry of explorers**: one line each, the only place an explorer is registered. A line
/// gives the name of its `Model` variant, its model (whose `UrlState::PREFIX` names its URL keys),
/// its view module in `src/parts/explorers/`, and the cards that hold it, each with the model's
/// constructor for that card's starting point. Made from it: `Model`, `model_for`, `PREFIXES` (the
/// keys the router passes, `route::EXPLORE_PREFIXES`), `CARDS` (the first stage's
/// `part::EXPLORER_CARDS`), and the app's dispatch from a model to its view. `explorers!(m)` calls
/// the macro `m` with the table. Adding an explorer: `docs/explorers.md`.
#[macro_export]
macro_rules! explorers {
    ($then:ident) => {
        $then! {
            Tokenizer($crate::explore::bpe::Tokenizer, tokenizer) [1 => for_tokenization, 16 => default],
            Attention($crate::explore::attention::Attention, attention) [2 => default, 22 => for_multi_head, 32 => for_scores],
            Beam($crate::explore::beam::BeamSettings, beam) [5 => default],
            Masks($crate::explore::masks::Masks, masks) [9 => default],
            Positional($crate::explore::positional::Positional, positional) [21 => default],
            Softmax($crate::explore::softmax::Softmax, softmax) [23 => default],
            Scaling($crate::explore::scaling::Scaling, scaling) [24 => default],
            CrossEntropy($crate::explore::cross_entropy::CrossEntropy, cross_entropy) [25 => default],
            Jacobian($crate::explore::jacobian::Jacobian, jacobian) [27 => default],
            Pca($crate::explore::pca::Pca, pca) [28 => default],
            Kl($crate::explore::kl::Kl, kl) [29 => default],
            Relu($crate::explore::relu::Activations, relu) [30 => default],
        }
    };
}

/// `Model`, `model_for`, `PREFIXES` and the cards, from the registry.
macro_rules! models {
    ($($variant:ident($model:ty, $view:ident) [$($card:literal => $preset:ident),+ $(,)?]),+ $(,)?) => {
        /// The settings of whichever explorer a card shows.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Model {
            $($variant($model),)+
        }

        impl Model {
            /// The prefix of this explorer's URL keys.
            pub fn prefix(&self) -> &'static str {
                match self {
                    $(Model::$variant(_) => <$model as UrlState>::PREFIX,)+
                }
            }

            /// This model with the URL's settings applied on top of it, or unchanged (no warnings)
            /// when the URL has none of its keys.
            pub fn with_url(&self, pairs: &[(String, String)]) -> (Model, Vec<String>) {
                if !pairs.iter().any(|(k, _)| k.starts_with(self.prefix())) {
                    return (self.clone(), Vec::new());
                }
                match self {
                    $(Model::$variant(s) => {
                        let (m, w) = s.with_url(pairs);
                        (Model::$variant(m), w)
                    })+
                }
            }

            /// The URL keys for the settings that differ from `base` (the card's preset), none when
            /// equal. A model of another kind than `base` writes nothing.
            pub fn url_from(&self, base: &Model) -> Vec<(String, String)> {
                match (self, base) {
                    $((Model::$variant(s), Model::$variant(b)) => s.url_from(b),)+
                    _ => Vec::new(),
                }
            }
        }

        /// The explorer a card starts with, if it has one.
        pub fn model_for(card: u8) -> Option<Model> {
            Some(match card {
                $($($card => Model::$variant(<$model>::$preset()),)+)+
                _ => return None,
            })
        }

        /// The prefixes of the registered explorers' URL keys, in registry order.
        pub const PREFIXES: &[&str] = &[$(<$model as UrlState>::PREFIX),+];

        const CARDS_AS_LISTED: &[u8] = &[$($($card),+),+];
    };
}

explorers!(models);

/// The cards that hold an explorer, in card order.
pub const CARDS: [u8; CARDS_AS_LISTED.len()] = in_card_order(CARDS_AS_LISTED);

/// `cards` sorted; a card listed twice fails the build (a card holds one explorer).
const fn in_card_order<const N: usize>(cards: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = cards[i];
        i += 1;
    }
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && out[j - 1] > out[j] {
            let t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    let mut i = 1;
    while i < N {
        assert!(out[i - 1] != out[i], "a card is registered twice");
        i += 1;
    }
    out
}

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

    /// A card's preset moved somewhere else, through one of the kind's own keys.
    fn moved(m: &Model) -> Model {
        let key = match m {
            Model::Tokenizer(_) => ("tk.m", "12"),
            Model::Attention(_) => ("at.h", "3"),
            Model::Beam(_) => ("bs.k", "4"),
            Model::Positional(_) => ("pe.n", "12"),
            Model::Softmax(_) => ("sm.t", "2"),
            Model::CrossEntropy(_) => ("ce.p", "0.3"),
            Model::Kl(_) => ("kl.p", "0.5,0.5,0,0"),
            Model::Relu(_) => ("re.f", "gelu"),
            Model::Scaling(_) => ("sd.d", "16"),
            Model::Jacobian(_) => ("jc.f", "gelu"),
            Model::Pca(_) => ("pc.r", "0"),
            Model::Masks(_) => ("cm.q", "2"),
        };
        let (m, w) = m.with_url(&[(key.0.into(), key.1.into())]);
        assert!(w.is_empty(), "{key:?}: {w:?}");
        m
    }

    #[test]
    fn settings_written_against_a_card_preset_read_back_onto_it() {
        for id in 1..=50 {
            let Some(preset) = model_for(id) else {
                continue;
            };
            assert!(
                preset.url_from(&preset).is_empty(),
                "card {id}: preset writes nothing"
            );
            assert_eq!(
                preset.with_url(&[]).0,
                preset,
                "card {id}: no keys, no change"
            );
            let moved = moved(&preset);
            assert_ne!(moved, preset, "card {id}");
            let pairs = moved.url_from(&preset);
            let (back, warnings) = preset.with_url(&pairs);
            assert!(warnings.is_empty(), "card {id}: {warnings:?}");
            assert_eq!(back, moved, "card {id}: {pairs:?}");
        }
    }

    /// The first stage offers an explorer exactly where this registry has one.
    #[test]
    fn the_first_stage_offers_exactly_the_registered_explorers() {
        let registered: Vec<u8> = (1..=50).filter(|&id| model_for(id).is_some()).collect();
        assert_eq!(registered, crate::part::EXPLORER_CARDS);
    }

    #[test]
    fn keys_of_another_explorer_leave_a_model_alone() {
        let softmax = model_for(23).unwrap();
        let pairs = vec![("at.h".to_string(), "3".to_string())];
        assert_eq!(softmax.with_url(&pairs), (softmax.clone(), vec![]));
        let (attention, w) = model_for(22).unwrap().with_url(&pairs);
        assert!(w.is_empty());
        assert!(matches!(attention, Model::Attention(a) if a.heads == 3));
    }

    /// The address bar carries an explorer's keys only if the router passes them: it must pass the
    /// keys every registered explorer writes, and no key of a prefix that no explorer registered.
    #[test]
    fn the_router_passes_exactly_the_registered_prefixes() {
        use crate::route::Route;
        let mut registered = Vec::new();
        for id in 1..=50 {
            let Some(preset) = model_for(id) else {
                continue;
            };
            registered.push(preset.prefix());
            let pairs = moved(&preset).url_from(&preset);
            assert!(!pairs.is_empty(), "card {id}");
            for (k, _) in &pairs {
                assert!(
                    k.starts_with(preset.prefix()),
                    "card {id}: {k} is not under its model's prefix {}",
                    preset.prefix()
                );
            }
            let query = format!("?lang=en&{}&t=0.5", crate::part::encode_state(&pairs));
            let (route, w) = Route::parse(&query, &format!("#q{id}"));
            assert!(w.is_empty(), "card {id}: {w:?}");
            assert_eq!(route.explore, pairs, "card {id}: the router drops its keys");
        }
        registered.sort_unstable();
        registered.dedup();
        // Every two-letter prefix: passed exactly when registered.
        let letters = 'a'..='z';
        let mut passed = Vec::new();
        for a in letters.clone() {
            for b in letters.clone() {
                let prefix = format!("{a}{b}.");
                let (route, _) = Route::parse(&format!("?{prefix}x=1"), "");
                if !route.explore.is_empty() {
                    passed.push(prefix);
                }
            }
        }
        assert_eq!(passed, registered);
    }
}
