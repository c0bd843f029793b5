//! What an embed shows, read from the custom element's attributes
//! (`<llm-interview-cards questions="6,12" lang="zh" view="cards" theme="dark">`) or the iframe's query
//! string (`embed.html?questions=6,12&lang=zh&view=cards`), and the snippets that reproduce it.
//!
//! Attribute values come from someone else's page: they are data. Values that do not parse are
//! dropped with a warning and never reach markup unescaped.

use crate::bank;
use crate::i18n::LangChoice;
use crate::route::{encode_component, parse_query, quote_clipped};
pub use crate::theme::Theme;

/// The custom element's tag name.
pub const ELEMENT: &str = "llm-interview-cards";

/// The attributes the element reads (and the keys `embed.html` reads), in snippet order.
pub const ATTRIBUTES: [&str; 4] = ["questions", "lang", "view", "theme"];

/// Message type the iframe posts to its parent, with `height` in CSS pixels.
pub const HEIGHT_MESSAGE: &str = "llm-qa:height";

/// What the widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Cards,
    Lab,
    Quiz,
}

impl View {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cards" => Some(View::Cards),
            "lab" => Some(View::Lab),
            "quiz" => Some(View::Quiz),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            View::Cards => "cards",
            View::Lab => "lab",
            View::Quiz => "quiz",
        }
    }
}

/// One embed's settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedSpec {
    /// Question ids in the order given; empty means all of them.
    pub questions: Vec<u8>,
    /// `None`: the reader's browser languages decide.
    pub lang: Option<LangChoice>,
    pub view: View,
    pub theme: Theme,
}

/// Longest attribute value read; the rest is ignored (with a warning).
const MAX_VALUE_CHARS: usize = 300;

impl EmbedSpec {
    /// Reads the four attributes (absent ones are `None`). Never fails: what cannot be read is
    /// left at its default and explained in the returned warnings.
    pub fn from_attrs(
        questions: Option<&str>,
        lang: Option<&str>,
        view: Option<&str>,
        theme: Option<&str>,
    ) -> (Self, Vec<String>) {
        let mut spec = EmbedSpec::default();
        let mut w = Vec::new();
        let mut take = |name: &str, v: Option<&str>| -> Option<String> {
            let v = v?;
            if v.chars().count() > MAX_VALUE_CHARS {
                w.push(format!("{name}: value cut to {MAX_VALUE_CHARS} characters"));
            }
            Some(v.chars().take(MAX_VALUE_CHARS).collect())
        };
        let (questions, lang, view, theme) = (
            take("questions", questions),
            take("lang", lang),
            take("view", view),
            take("theme", theme),
        );
        if let Some(q) = questions {
            spec.questions = read_questions(&q, &mut w);
        }
        if let Some(l) = lang.filter(|l| !l.trim().is_empty() && l.trim() != "auto") {
            match LangChoice::parse(l.trim()) {
                Some(l) => spec.lang = Some(l),
                None => w.push(format!(
                    "ignoring lang={}: use en, zh, both or auto",
                    quote_clipped(&l, 24)
                )),
            }
        }
        if let Some(v) = view.filter(|v| !v.trim().is_empty()) {
            match View::parse(&v) {
                Some(v) => spec.view = v,
                None => w.push(format!(
                    "ignoring view={}: use cards, lab or quiz",
                    quote_clipped(&v, 24)
                )),
            }
        }
        if let Some(t) = theme.filter(|t| !t.trim().is_empty()) {
            match Theme::parse(&t) {
                Some(t) => spec.theme = t,
                None => w.push(format!(
                    "ignoring theme={}: use auto, light or dark",
                    quote_clipped(&t, 24)
                )),
            }
        }
        (spec, w)
    }

    /// Reads `embed.html`'s query string (the same four keys; others are ignored).
    pub fn from_query(search: &str) -> (Self, Vec<String>) {
        let pairs = parse_query(search);
        let get = |key: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        Self::from_attrs(get("questions"), get("lang"), get("view"), get("theme"))
    }

    /// The questions shown, in order: the chosen ones, or the whole bank.
    pub fn shown(&self) -> Vec<u8> {
        if self.questions.is_empty() {
            bank::QUESTIONS.iter().map(|q| q.id).collect()
        } else {
            self.questions.clone()
        }
    }

    /// The settings as `(attribute, value)` pairs, defaults left out (`questions` only where the view
    /// uses it).
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.view != View::Lab && !self.questions.is_empty() {
            let ids: Vec<String> = self.questions.iter().map(u8::to_string).collect();
            out.push(("questions", ids.join(",")));
        }
        if let Some(l) = self.lang {
            out.push(("lang", l.code().to_string()));
        }
        if self.view != View::Cards {
            out.push(("view", self.view.code().to_string()));
        }
        if self.theme != Theme::Auto {
            out.push(("theme", self.theme.code().to_string()));
        }
        out
    }

    /// `?questions=6,12&lang=zh…` for `embed.html` (empty for all defaults).
    pub fn to_query(&self) -> String {
        let parts: Vec<String> = self
            .attributes()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_component(&v).replace("%2C", ",")))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The custom-element snippet for a page that loads the app from `base` (the deployed app's
    /// folder URL, ending in `/`).
    pub fn element_snippet(&self, base: &str) -> String {
        let attrs: String = self
            .attributes()
            .into_iter()
            .map(|(k, v)| format!(" {k}=\"{}\"", escape_attr(&v)))
            .collect();
        format!(
            "<script type=\"module\" src=\"{}embed.js\"></script>\n<{ELEMENT}{attrs}></{ELEMENT}>",
            escape_attr(base)
        )
    }

    /// The iframe snippet, with the script that sizes it from the frame's height messages after
    /// checking that they come from `origin` and from that very frame.
    pub fn iframe_snippet(&self, base: &str, origin: &str, title: &str) -> String {
        let src = format!("{base}embed.html{}", self.to_query());
        format!(
            concat!(
                "<iframe src=\"{src}\" title=\"{title}\" data-llm-qa loading=\"lazy\" ",
                "style=\"width:100%;height:480px;border:0\"></iframe>\n",
                "<script>\n",
                "addEventListener(\"message\", (e) => {{\n",
                "  const h = e.data && e.data.type === \"{msg}\" && Number(e.data.height);\n",
                "  if (e.origin !== \"{origin}\" || !(h > 0 && h < 100000)) return;\n",
                "  for (const f of document.querySelectorAll(\"iframe[data-llm-qa]\"))\n",
                "    if (f.contentWindow === e.source) f.style.height = Math.ceil(h) + \"px\";\n",
                "}});\n",
                "</script>"
            ),
            src = escape_attr(&src),
            title = escape_attr(title),
            msg = HEIGHT_MESSAGE,
            origin = escape_js_string(origin),
        )
    }
}

/// `6,12`, `6 12`, `1-5`: ids of questions in the bank, first occurrence kept, at most one of each.
fn read_questions(value: &str, w: &mut Vec<String>) -> Vec<u8> {
    let mut ids = Vec::new();
    let push = |id: u8, ids: &mut Vec<u8>| {
        if !ids.contains(&id) {
            ids.push(id);
        }
    };
    for part in value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let one = |s: &str| -> Option<u8> {
            let id: u8 = s.parse().ok()?;
            bank::question(id).map(|q| q.id)
        };
        match part.split_once('-') {
            Some((a, b)) => match (one(a), one(b)) {
                (Some(a), Some(b)) if a <= b => (a..=b).for_each(|id| push(id, &mut ids)),
                _ => w.push(format!(
                    "ignoring questions range {}",
                    quote_clipped(part, 16)
                )),
            },
            None => match one(part) {
                Some(id) => push(id, &mut ids),
                None => w.push(format!(
                    "ignoring question {}: use numbers 1 to {}",
                    quote_clipped(part, 16),
                    bank::QUESTIONS.len()
                )),
            },
        }
    }
    ids
}

/// Escapes text for a double-quoted HTML attribute (and element text).
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted JavaScript string inside a `<script>` element.
fn escape_js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(q: &str, l: &str, v: &str, t: &str) -> (EmbedSpec, Vec<String>) {
        EmbedSpec::from_attrs(Some(q), Some(l), Some(v), Some(t))
    }

    #[test]
    fn reads_the_documented_attributes() {
        let (s, w) = attrs("6,12", "zh", "quiz", "dark");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.questions, vec![6, 12]);
        assert_eq!(s.lang, Some(LangChoice::Zh));
        assert_eq!((s.view, s.theme), (View::Quiz, Theme::Dark));
        let (s, w) = EmbedSpec::from_attrs(None, None, None, None);
        assert!(w.is_empty());
        assert_eq!(s, EmbedSpec::default());
        assert_eq!(s.shown().len(), bank::QUESTIONS.len());
    }

    #[test]
    fn lists_ranges_spaces_and_repeats() {
        let (s, w) = attrs(" 3-5, 12 4  1 ", "auto", "", "");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.questions, vec![3, 4, 5, 12, 1]);
        assert_eq!(s.lang, None);
    }

    #[test]
    fn hostile_values_are_dropped_with_short_warnings() {
        let long = "9,".repeat(5_000);
        let (s, w) = attrs(
            "<img src=x onerror=alert(1)>,0,51,-1,5-2,7",
            "\"><script>alert(1)</script>",
            "javascript:alert(1)",
            "expression(alert(1))",
        );
        assert_eq!(s.questions, vec![7]);
        assert_eq!((s.lang, s.view, s.theme), (None, View::Cards, Theme::Auto));
        assert!(w.len() >= 7, "{w:?}");
        assert!(w.iter().all(|m| m.chars().count() < 100), "{w:?}");
        let (s, w) = attrs(&long, "en", "cards", "light");
        assert_eq!(s.questions, vec![9]);
        assert!(w.iter().any(|m| m.contains("cut")), "{w:?}");
    }

    #[test]
    fn query_and_attributes_round_trip() {
        let spec = EmbedSpec {
            questions: vec![12, 6],
            lang: Some(LangChoice::Both),
            view: View::Quiz,
            theme: Theme::Light,
        };
        assert_eq!(
            spec.to_query(),
            "?questions=12,6&lang=both&view=quiz&theme=light"
        );
        assert_eq!(
            EmbedSpec::from_query(&spec.to_query()),
            (spec.clone(), vec![])
        );
        assert_eq!(EmbedSpec::default().to_query(), "");
        let lab = EmbedSpec {
            view: View::Lab,
            ..spec
        };
        assert!(!lab.to_query().contains("questions"));
    }

    #[test]
    fn snippets_escape_what_they_quote() {
        let spec = EmbedSpec {
            questions: vec![6],
            ..EmbedSpec::default()
        };
        let el = spec.element_snippet("https://x.test/a\"b/");
        assert_eq!(
            el,
            "<script type=\"module\" src=\"https://x.test/a&quot;b/embed.js\"></script>\n\
             <llm-interview-cards questions=\"6\"></llm-interview-cards>"
        );
        let frame = spec.iframe_snippet(
            "https://x.test/app/",
            "https://x.test\"</script><b>",
            "Q<6>",
        );
        assert!(frame.contains("src=\"https://x.test/app/embed.html?questions=6\""));
        assert!(frame.contains("title=\"Q&lt;6&gt;\""));
        assert!(frame
            .contains("e.origin !== \"https://x.test\\\"\\u003C/script\\u003E\\u003Cb\\u003E\""));
        assert_eq!(frame.matches("</script>").count(), 1);
    }
}
