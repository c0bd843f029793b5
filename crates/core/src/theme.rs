//! The colour theme: the app's theme control (remembered in the browser) and an embed's `theme`
//! attribute. The stylesheet does the rest (`[data-theme]` sets `color-scheme`, and every colour is a
//! `light-dark()` pair).

/// Colour theme: `Auto` follows the reader's system setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_junk_is_refused() {
        for t in [Theme::Auto, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(t.code()), Some(t));
        }
        assert_eq!(Theme::parse(" DARK "), Some(Theme::Dark));
        for junk in ["", "blue", "dark;", "\"{}\"", "light dark"] {
            assert_eq!(Theme::parse(junk), None, "{junk}");
        }
    }
}
