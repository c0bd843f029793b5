//! What the address bar says: `?lang=zh&q=attention&topic=math#q12` and the lab's `t`, `p`, `k`, `minp`
//! and `prompt`. Everything in a URL is untrusted: values that do not parse are dropped with a
//! warning, never acted on.

use crate::i18n::LangChoice;

/// Longest search query kept from a URL, in characters; the rest is cut (a 10,000-character query in
/// a link is hostile, not a search).
pub const MAX_QUERY_CHARS: usize = 200;

/// The app's state as far as the URL carries it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    pub lang: Option<LangChoice>,
    pub query: String,
    /// A topic id as written; the caller checks it against the bank.
    pub topic: Option<String>,
    /// The card named by `#q12`.
    pub card: Option<u8>,
    /// The lab's parameters, still as text: the lab decides what values mean (`crate::lab`).
    pub lab: Vec<(String, String)>,
    /// An explorer's settings (`sm.t`, `at.h`, …), still as text: they belong to the explorer of the
    /// card named by the hash, or to every explorer of their kind when the hash names no card.
    pub explore: Vec<(String, String)>,
}

/// Keys the lab owns in the query string.
pub const LAB_KEYS: [&str; 7] = ["t", "p", "k", "minp", "prompt", "order", "logits"];

/// Key prefixes the explorers own: each registered explorer's `UrlState::PREFIX` (`crate::explore`,
/// its registry).
pub const EXPLORE_PREFIXES: &[&str] = crate::explore::PREFIXES;

/// Whether a query key belongs to an explorer.
pub fn is_explore_key(key: &str) -> bool {
    EXPLORE_PREFIXES.iter().any(|p| key.starts_with(p))
}

impl Route {
    /// Reads `location.search` (with or without the leading `?`) and `location.hash`.
    pub fn parse(search: &str, hash: &str) -> (Route, Vec<String>) {
        let mut route = Route::default();
        let mut warnings = Vec::new();
        for (key, value) in parse_query(search) {
            match key.as_str() {
                "lang" => match LangChoice::parse(&value) {
                    Some(l) => route.lang = Some(l),
                    None => warnings.push(format!(
                        "ignoring lang={}: use en, zh or both",
                        quote_clipped(&value, 24)
                    )),
                },
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        warnings.push(format!("search text cut to {MAX_QUERY_CHARS} characters"));
                    }
                    route.query = value.chars().take(MAX_QUERY_CHARS).collect();
                }
                "topic" => {
                    let ok = !value.is_empty()
                        && value.len() <= 40
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                    if ok {
                        route.topic = Some(value);
                    } else {
                        warnings.push(format!("ignoring topic={}", quote_clipped(&value, 24)));
                    }
                }
                k if LAB_KEYS.contains(&k) => {
                    route.lab.push((key, value.chars().take(400).collect()))
                }
                k if is_explore_key(k) && k.len() <= 8 => {
                    route.explore.push((key, value.chars().take(400).collect()))
                }
                _ => {}
            }
        }
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if !hash.is_empty() {
            match parse_card_anchor(hash) {
                Some(id) => route.card = Some(id),
                None if hash.starts_with('q') => warnings.push(format!(
                    "ignoring #{}: no such card",
                    quote_clipped(hash, 24)
                )),
                None => {}
            }
        }
        (route, warnings)
    }

    /// The query string for this state (`?…`, or empty), without the hash. Lab keys keep their order.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = self.lang {
            parts.push(format!("lang={}", l.code()));
        }
        if !self.query.trim().is_empty() {
            parts.push(format!("q={}", encode_component(&self.query)));
        }
        if let Some(t) = &self.topic {
            parts.push(format!("topic={}", encode_component(t)));
        }
        for (k, v) in self.lab.iter().chain(&self.explore) {
            parts.push(format!("{k}={}", encode_component(v)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// `q12` → 12. Only 1–50 with no sign, no leading zero, nothing after.
pub fn parse_card_anchor(hash: &str) -> Option<u8> {
    let digits = hash.strip_prefix('q')?;
    if digits.is_empty()
        || digits.len() > 2
        || digits.starts_with('0')
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let id: u8 = digits.parse().ok()?;
    (1..=50).contains(&id).then_some(id)
}

/// Splits a query string into decoded key/value pairs (`+` is a space; bad escapes are kept as text).
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    let search = search.strip_prefix('?').unwrap_or(search);
    search
        .split('&')
        .filter(|p| !p.is_empty())
        .take(50)
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

/// Percent-decodes one component; invalid UTF-8 becomes U+FFFD, a lone `%` stays as it is.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes everything but unreserved characters (RFC 3986), so any text round-trips.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A value quoted in a warning, cut to `max` characters: warnings go to the console, not a flood.
/// Shared by every reader of untrusted values (URL, attributes, storage).
pub fn quote_clipped(s: &str, max: usize) -> String {
    let mut c: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        c.push('…');
    }
    format!("{c:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_url() {
        let (r, w) = Route::parse(
            "?lang=zh&q=top-p%20%E9%87%87%E6%A0%B7&topic=decoding&t=0.7&k=5",
            "#q12",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(r.lang, Some(LangChoice::Zh));
        assert_eq!(r.query, "top-p 采样");
        assert_eq!(r.topic.as_deref(), Some("decoding"));
        assert_eq!(r.card, Some(12));
        assert_eq!(
            r.lab,
            vec![("t".into(), "0.7".into()), ("k".into(), "5".into())]
        );
    }

    #[test]
    fn round_trips_through_the_query_string() {
        let r = Route {
            lang: Some(LangChoice::Both),
            query: "a&b=c #1 %中文+".into(),
            topic: Some("math".into()),
            card: None,
            lab: vec![("p".into(), "0.9".into())],
            explore: vec![("sm.t".into(), "2".into()), ("tk.w".into(), "<b>&".into())],
        };
        let (back, w) = Route::parse(&r.to_query(), "");
        assert!(w.is_empty());
        assert_eq!(back, r);
        assert_eq!(Route::default().to_query(), "");
    }

    #[test]
    fn hostile_values_are_dropped_or_cut_with_warnings() {
        let long = "a".repeat(10_000);
        let (r, w) = Route::parse(&format!("?lang=xx&topic=%3Cscript%3E&q={long}"), "#q999");
        assert_eq!(r.lang, None);
        assert_eq!(r.topic, None);
        assert_eq!(r.query.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(r.card, None);
        assert_eq!(w.len(), 4, "{w:?}");
        assert!(w.iter().all(|m| m.len() < 120));
    }

    #[test]
    fn only_real_card_anchors_open_a_card() {
        for (hash, want) in [
            ("#q1", Some(1)),
            ("#q50", Some(50)),
            ("#q0", None),
            ("#q51", None),
            ("#q-1", None),
            ("#q", None),
            ("#q07", None),
            ("#q1x", None),
            ("#main", None),
            ("", None),
        ] {
            assert_eq!(Route::parse("", hash).0.card, want, "{hash}");
        }
    }

    #[test]
    fn explorer_keys_are_kept_apart_from_the_rest() {
        let (r, w) = Route::parse("?sm.t=2&at.h=3&zz.q=1&t=0.5&kl.verylongkey=1", "#q22");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            r.explore,
            vec![("sm.t".into(), "2".into()), ("at.h".into(), "3".into())]
        );
        assert_eq!(r.lab, vec![("t".into(), "0.5".into())]);
        assert_eq!(r.card, Some(22));
        assert!(is_explore_key("re.f") && !is_explore_key("re") && !is_explore_key("q"));
    }

    #[test]
    fn decoding_never_fails() {
        assert_eq!(decode_component("%"), "%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
        assert_eq!(decode_component("a+b%2Bc"), "a b+c");
        assert_eq!(decode_component("%E4%B8%AD"), "中");
    }
}
