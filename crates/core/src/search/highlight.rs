//! Match ranges, answer excerpts and the segments the UI turns into text and `<mark>` nodes.

use std::borrow::Cow;
use std::ops::Range;

use super::text::{for_each_term, Class};
use crate::i18n::Lang;

/// A piece of a string: matched (`hit`, shown in `<mark>`) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub hit: bool,
}

/// A string and the byte ranges in it that matched the query: sorted, disjoint, non-empty and on
/// `char` boundaries of `text`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Marked<'a> {
    pub text: Cow<'a, str>,
    pub ranges: Vec<Range<usize>>,
}

impl Marked<'_> {
    /// `text` cut into plain and matched segments, in order; they concatenate to `text`.
    pub fn segments(&self) -> Vec<Segment<'_>> {
        segments(&self.text, &self.ranges)
    }
}

/// What to show for one hit: both questions with their matches, and a short excerpt of each
/// answer centred on its first match (or its beginning when the answer has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight<'a> {
    pub question_en: Marked<'a>,
    pub question_zh: Marked<'a>,
    pub excerpt_en: Marked<'static>,
    pub excerpt_zh: Marked<'static>,
}

impl<'a> Highlight<'a> {
    pub fn question(&self, lang: Lang) -> &Marked<'a> {
        match lang {
            Lang::En => &self.question_en,
            Lang::Zh => &self.question_zh,
        }
    }

    pub fn excerpt(&self, lang: Lang) -> &Marked<'static> {
        match lang {
            Lang::En => &self.excerpt_en,
            Lang::Zh => &self.excerpt_zh,
        }
    }
}

/// Splits `text` at `ranges` into plain and matched segments that concatenate to `text`.
///
/// Never panics: ranges out of bounds, reversed, not on `char` boundaries or overlapping an
/// earlier one are clipped or skipped. Empty segments are left out.
pub fn segments<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<Segment<'a>> {
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        let start = r.start.max(at);
        let end = r.end.min(text.len());
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: &text[at..start],
                hit: false,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            hit: true,
        });
        at = end;
    }
    if at < text.len() {
        out.push(Segment {
            text: &text[at..],
            hit: false,
        });
    }
    out
}

/// The ranges of `text` covered by terms for which `is_hit` says yes, merged where they overlap
/// or touch.
pub(crate) fn match_ranges(text: &str, mut is_hit: impl FnMut(&str) -> bool) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for_each_term(text, |term, start, end, _| {
        if is_hit(term) {
            ranges.push(start..end);
        }
    });
    merge(ranges)
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    crate::sort::sort_by(&mut ranges, |a, b| (a.start, a.end).cmp(&(b.start, b.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Is `c` part of a word that should not be cut in two (letters and digits, not CJK)?
fn in_word(c: char) -> bool {
    matches!(
        super::text::classify(c),
        Class::Word(..) | Class::Ignore | Class::Apostrophe
    )
}

/// At most `max_chars` characters of `text` (plus "…" where cut) around the first range, cut at
/// word boundaries where that is possible, with line breaks shown as spaces and the ranges moved
/// into the excerpt.
pub(crate) fn excerpt(text: &str, ranges: &[Range<usize>], max_chars: usize) -> Marked<'static> {
    // Byte offset of every char, plus the end.
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = bounds.len() - 1;
    let chars: Vec<char> = text.chars().collect();
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);

    let (mut start, mut end) = (0, n);
    if n > max_chars {
        let (m_start, m_end) = match ranges.first() {
            Some(r) => (char_at(r.start), char_at(r.end)),
            None => (0, 0),
        };
        let m_len = (m_end - m_start).min(max_chars);
        start = m_start.saturating_sub((max_chars - m_len) / 2);
        end = (start + max_chars).min(n);
        start = end.saturating_sub(max_chars);
        // Do not cut a word: move the start forward past a partial word and the end back
        // before one, unless that would lose the match.
        if start > 0 && start < n && in_word(chars[start - 1]) && in_word(chars[start]) {
            let mut s = start;
            while s < n && in_word(chars[s]) {
                s += 1;
            }
            if s <= m_start {
                start = s;
            }
        }
        if end > 0 && end < n && in_word(chars[end - 1]) && in_word(chars[end]) {
            let mut e = end;
            while e > start && in_word(chars[e - 1]) {
                e -= 1;
            }
            if e >= m_end && e > start {
                end = e;
            }
        }
        while start < end && chars[start].is_whitespace() {
            start += 1;
        }
        while end > start && chars[end - 1].is_whitespace() {
            end -= 1;
        }
    }

    let (sb, eb) = (bounds[start], bounds[end]);
    let lead = if start > 0 { "…" } else { "" };
    let mut out = String::with_capacity(eb - sb + 8);
    out.push_str(lead);
    out.extend(
        text[sb..eb]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
    );
    if end < n {
        out.push('…');
    }
    let shift = lead.len();
    let ranges = ranges
        .iter()
        .filter_map(|r| {
            let (s, e) = (r.start.max(sb), r.end.min(eb));
            (s < e).then(|| s - sb + shift..e - sb + shift)
        })
        .collect();
    Marked {
        text: Cow::Owned(out),
        ranges,
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)] // ranges on purpose
mod tests {
    use super::*;

    fn marked(m: &Marked<'_>) -> String {
        m.segments()
            .iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.to_string()
                }
            })
            .collect()
    }

    fn check_valid(m: &Marked<'_>) {
        let mut at = 0;
        for r in &m.ranges {
            assert!(
                r.start >= at && r.start < r.end && r.end <= m.text.len(),
                "{r:?}"
            );
            assert!(m.text.is_char_boundary(r.start) && m.text.is_char_boundary(r.end));
            at = r.end;
        }
    }

    #[test]
    fn segments_cover_the_text_and_survive_bad_ranges() {
        let text = "héllo 世界 🙂!";
        let segs = segments(text, &[0..2, 1..3, 7..10, 12..11, 9..100, 200..300]);
        let joined: String = segs.iter().map(|s| s.text).collect();
        assert_eq!(joined, text);
        // 0..2 cuts 'é' (bytes 1..3): skipped; 1..3 is 'é'; 7..10 is '世'; 12..11 is reversed;
        // 9..100 starts inside '世', already marked, and is clipped to "界 🙂!".
        let hits: Vec<&str> = segs.iter().filter(|s| s.hit).map(|s| s.text).collect();
        assert_eq!(hits, ["é", "世", "界 🙂!"]);
        assert!(segments("", &[0..1]).is_empty());
        assert_eq!(
            segments("abc", &[]),
            [Segment {
                text: "abc",
                hit: false
            }]
        );
    }

    #[test]
    fn ranges_cover_words_compounds_and_cjk_runs() {
        let text = "Top-p (nucleus) sampling; 注意力机制 and ATTENTIÓN.";
        let hit = |t: &str| matches!(t, "topp" | "nucleus" | "注意" | "意力" | "attention");
        let m = Marked {
            text: Cow::Borrowed(text),
            ranges: match_ranges(text, hit),
        };
        check_valid(&m);
        assert_eq!(
            marked(&m),
            "[Top-p] ([nucleus]) sampling; [注意力]机制 and [ATTENTIÓN]."
        );
    }

    #[test]
    fn short_text_is_its_own_excerpt() {
        let m = excerpt("Line one\nline two", &[5..8], 160);
        assert_eq!(m.text, "Line one line two");
        assert_eq!(marked(&m), "Line [one] line two");
    }

    #[test]
    fn excerpt_is_centred_and_cut_at_word_boundaries() {
        let words: Vec<String> = (0..100).map(|i| format!("word{i}")).collect();
        let text = words.join(" ");
        let at = text.find("word50").unwrap();
        let m = excerpt(&text, &[at..at + 6], 60);
        check_valid(&m);
        assert!(
            m.text.starts_with('…') && m.text.ends_with('…'),
            "{}",
            m.text
        );
        assert!(m.text.chars().count() <= 62);
        let inner = m.text.trim_matches('…');
        assert!(
            inner.starts_with("word") && !inner.starts_with(' '),
            "{inner}"
        );
        // Every word in the excerpt is whole.
        for w in inner.split(' ') {
            assert!(words.iter().any(|x| x == w), "cut word {w:?}");
        }
        assert_eq!(&m.text[m.ranges[0].clone()], "word50");
        // Roughly centred.
        let pos = m.text[..m.ranges[0].start].chars().count();
        assert!((20..=35).contains(&pos), "{pos}");
    }

    #[test]
    fn excerpt_without_match_is_the_beginning() {
        let text = "alpha ".repeat(100);
        let m = excerpt(&text, &[], 30);
        assert!(
            m.text.starts_with("alpha") && m.text.ends_with("alpha…"),
            "{}",
            m.text
        );
        assert!(m.ranges.is_empty());
    }

    #[test]
    fn excerpt_of_cjk_and_emoji_keeps_char_boundaries() {
        let text = "🙂注意力机制使模型能够关注输入的不同部分。".repeat(20);
        let ranges = match_ranges(&text, |t| t == "关注");
        for max in [2, 7, 40, 160] {
            let m = excerpt(&text, &ranges, max);
            check_valid(&m);
            assert!(m.text.chars().count() <= max + 2);
            assert_eq!(&m.text[m.ranges[0].clone()], "关注");
        }
        let m = excerpt(&text, &ranges, 20);
        assert!(m.text.starts_with('…') && m.text.ends_with('…'));
    }

    #[test]
    fn excerpt_keeps_a_match_longer_than_the_window() {
        let text = format!("{} {} {}", "a ".repeat(50), "x".repeat(40), "b ".repeat(50));
        let at = text.find('x').unwrap();
        let m = excerpt(&text, &[at..at + 40], 10);
        check_valid(&m);
        assert_eq!(m.ranges.len(), 1);
        assert!(m.text.contains("xxxxxxxxxx"));
    }
}
