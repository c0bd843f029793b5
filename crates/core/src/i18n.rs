//! The two languages of the app and the user-interface strings in each.

/// A language the bank and the interface are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }
}

/// Which language(s) the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum LangChoice {
    #[default]
    En,
    Zh,
    Both,
}

impl LangChoice {
    /// Parses the `?lang=` value and stored choice: `en`, `zh` or `both`. Anything else is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "zh" => Some(Self::Zh),
            "both" => Some(Self::Both),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
            Self::Both => "both",
        }
    }

    /// The language of the interface chrome: Chinese only when Chinese alone is shown.
    pub fn ui(self) -> Lang {
        match self {
            Self::Zh => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The languages whose text the cards show, in display order.
    pub fn shown(self) -> &'static [Lang] {
        match self {
            Self::En => &[Lang::En],
            Self::Zh => &[Lang::Zh],
            Self::Both => &[Lang::En, Lang::Zh],
        }
    }

    /// Picks a default from the browser's preferred languages (`navigator.languages`), first match wins.
    pub fn from_preferred<'a>(prefs: impl IntoIterator<Item = &'a str>) -> Self {
        for p in prefs {
            let p = p.trim().to_ascii_lowercase();
            if p == "zh" || p.starts_with("zh-") {
                return Self::Zh;
            }
            if p == "en" || p.starts_with("en-") {
                return Self::En;
            }
        }
        Self::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_codes_and_rejects_others() {
        assert_eq!(LangChoice::parse("zh"), Some(LangChoice::Zh));
        assert_eq!(LangChoice::parse(" BOTH "), Some(LangChoice::Both));
        assert_eq!(LangChoice::parse("xx"), None);
        assert_eq!(LangChoice::parse(""), None);
    }

    #[test]
    fn preferred_languages_pick_the_first_supported() {
        assert_eq!(LangChoice::from_preferred(["fr-FR", "zh-CN", "en"]), LangChoice::Zh);
        assert_eq!(LangChoice::from_preferred(["en-GB", "zh"]), LangChoice::En);
        assert_eq!(LangChoice::from_preferred(["de"]), LangChoice::En);
    }

    #[test]
    fn both_shows_english_then_chinese_with_english_chrome() {
        assert_eq!(LangChoice::Both.shown(), &[Lang::En, Lang::Zh]);
        assert_eq!(LangChoice::Both.ui(), Lang::En);
        assert_eq!(LangChoice::Zh.ui(), Lang::Zh);
    }
}
