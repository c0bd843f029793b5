//! Text processing shared by the index, the query parser and the highlighter: character
//! folding, tokenizing, light English stemming and a bounded edit distance.
//!
//! Everything here works on any `&str` and never panics.

/// The longest word kept, in bytes of folded text; longer words are cut (still one token).
pub(crate) const MAX_WORD_BYTES: usize = 48;

/// How one character takes part in tokenizing, after folding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A letter or digit of an alphabetic script, folded: lowercase, accents removed.
    /// Some fold to two letters (`ß` → `ss`, `æ` → `ae`).
    Word(char, Option<char>),
    /// A CJK character (Han, kana, Hangul): indexed as single characters and bigrams.
    Cjk,
    /// Zero-width inside a word: combining marks, joiners, variation selectors, soft hyphen.
    Ignore,
    /// Joins two words into a compound (`top-p`, `chain-of-thought`).
    Hyphen,
    /// Dropped between two letters (`model's` → `models`); a quote elsewhere.
    Apostrophe,
    /// Anything else: space, punctuation, symbols, emoji, controls.
    Sep,
}

/// Latin-1 Supplement U+00C0..=U+00FF folded; `?` is a letter with a two-letter folding, `_`
/// a separator (× and ÷).
const LATIN1: &[u8; 64] = b"aaaaaa?ceeeeiiiidnooooo_ouuuuy??aaaaaa?ceeeeiiiidnooooo_ouuuuy?y";

/// Latin Extended-A U+0100..=U+017F folded; `?` is a two-letter folding (Ĳ ĳ Œ œ).
const LATIN_EXT_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrsssssssstttttt\
uuuuuuuuuuuuwwyyyzzzzzzs";

/// Folds and classifies one character. Small tables only: ASCII, Latin-1, Latin Extended-A,
/// Greek and Cyrillic capitals, fullwidth ASCII; other letters are kept as they are.
#[inline]
pub(crate) fn classify(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        return match u {
            0x30..=0x39 | 0x61..=0x7A => Class::Word(c, None),
            0x41..=0x5A => Class::Word(c.to_ascii_lowercase(), None),
            0x2D => Class::Hyphen,
            0x27 => Class::Apostrophe,
            _ => Class::Sep,
        };
    }
    if u >= 0x3040 && is_cjk(c) {
        return Class::Cjk;
    }
    match u {
        0x2010 | 0x2011 => Class::Hyphen,
        0x2019 | 0x02BC => Class::Apostrophe,
        0xAA => Class::Word('a', None),
        0xBA => Class::Word('o', None),
        0xB2 => Class::Word('2', None),
        0xB3 => Class::Word('3', None),
        0xB9 => Class::Word('1', None),
        0xB5 => Class::Word('μ', None),
        0xAD => Class::Ignore,
        0xC0..=0xFF => match (u, LATIN1[(u - 0xC0) as usize]) {
            (0xC6 | 0xE6, _) => Class::Word('a', Some('e')),
            (0xDE | 0xFE, _) => Class::Word('t', Some('h')),
            (0xDF, _) => Class::Word('s', Some('s')),
            (_, b'_') => Class::Sep,
            (_, b) => Class::Word(char::from(b), None),
        },
        0x100..=0x17F => match (u, LATIN_EXT_A[(u - 0x100) as usize]) {
            (0x132 | 0x133, _) => Class::Word('i', Some('j')),
            (0x152 | 0x153, _) => Class::Word('o', Some('e')),
            (_, b) => Class::Word(char::from(b), None),
        },
        0x300..=0x36F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200D
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F => Class::Ignore,
        // Greek capitals (U+03A2 is unassigned) and final sigma.
        0x391..=0x3A9 => Class::Word(char::from_u32(u + 0x20).unwrap_or(c), None),
        0x3C2 => Class::Word('σ', None),
        // Cyrillic capitals.
        0x410..=0x42F => Class::Word(char::from_u32(u + 0x20).unwrap_or(c), None),
        0x400..=0x40F => Class::Word(char::from_u32(u + 0x50).unwrap_or(c), None),
        // Fullwidth ASCII, as typed with a Chinese input method.
        0xFF01..=0xFF5E => match char::from_u32(u - 0xFEE0) {
            Some(a) => classify(a),
            None => Class::Sep,
        },
        _ if c.is_alphanumeric() => Class::Word(c, None),
        _ => Class::Sep,
    }
}

/// Han ideographs (with extensions and compatibility forms), kana and Hangul syllables.
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // Han Extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // Han compatibility
        | 0x20000..=0x3134F) // Han Extensions B–G
}

/// A token of text, with its byte range in the text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// For a word, its folded form; for a CJK character, the character itself.
    pub text: &'a str,
    /// A word joined by a hyphen to the word before (`p` in `top-p`), or a CJK character
    /// directly after another one.
    pub joined: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Cjk,
}

/// Calls `f` with each token of `text` in order: words (runs of letters and digits, folded) and
/// single CJK characters.
pub(crate) fn tokenize(text: &str, mut f: impl FnMut(Token<'_>)) {
    let mut buf = String::new();
    let mut i = 0;
    // Where the next word must start to be joined by a hyphen to the previous word, and where
    // the next CJK character must start to continue a run.
    let mut word_join_at = usize::MAX;
    let mut cjk_join_at = usize::MAX;
    while let Some(c) = char_at(text, i) {
        let len = c.len_utf8();
        match classify(c) {
            Class::Word(a, b) => {
                buf.clear();
                push_folded(&mut buf, a, b);
                let start = i;
                let mut j = i + len;
                while let Some(d) = char_at(text, j) {
                    match classify(d) {
                        Class::Word(a, b) => push_folded(&mut buf, a, b),
                        Class::Ignore => {}
                        Class::Apostrophe
                            if matches!(
                                char_at(text, j + d.len_utf8()).map(classify),
                                Some(Class::Word(..))
                            ) => {}
                        _ => break,
                    }
                    j += d.len_utf8();
                }
                f(Token {
                    start,
                    end: j,
                    kind: Kind::Word,
                    text: &buf,
                    joined: start == word_join_at,
                });
                word_join_at = usize::MAX;
                // A single hyphen followed by a letter or digit joins the next word.
                if let Some(h) = char_at(text, j) {
                    if classify(h) == Class::Hyphen
                        && matches!(
                            char_at(text, j + h.len_utf8()).map(classify),
                            Some(Class::Word(..))
                        )
                    {
                        word_join_at = j + h.len_utf8();
                    }
                }
                i = j;
            }
            Class::Cjk => {
                f(Token {
                    start: i,
                    end: i + len,
                    kind: Kind::Cjk,
                    text: &text[i..i + len],
                    joined: i == cjk_join_at,
                });
                word_join_at = usize::MAX;
                cjk_join_at = i + len;
                i += len;
            }
            _ => i += len,
        }
    }
}

/// The char starting at byte `i` of `text` (`i` must be a char boundary or the end).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|t| t.chars().next()),
    }
}

fn push_folded(buf: &mut String, a: char, b: Option<char>) {
    if buf.len() + 8 > MAX_WORD_BYTES {
        return;
    }
    buf.push(a);
    if let Some(b) = b {
        buf.push(b);
    }
}

/// The longest hyphen chain that also gets a spelled-together compound term.
pub(crate) const MAX_CHAIN: usize = 4;

/// What an indexed term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// A folded word.
    Word,
    /// A hyphen chain of 2 to [`MAX_CHAIN`] words spelled together (`top-p` → `topp`).
    Compound,
    /// One CJK character.
    Char,
    /// Two adjacent CJK characters.
    Bigram,
}

/// Calls `f(term, start, end, kind)` for every term of `text`: each word, each compound, each
/// CJK character and each CJK bigram, with the byte range it covers in `text`.
pub(crate) fn for_each_term(text: &str, mut f: impl FnMut(&str, usize, usize, TermKind)) {
    let mut chain = String::new();
    let mut chain_len = 0usize;
    let mut chain_span = (0, 0);
    let mut gram = String::new();
    let mut prev_char: Option<(usize, &str)> = None;
    let flush = |chain: &mut String,
                 len: &mut usize,
                 span: (usize, usize),
                 f: &mut dyn FnMut(&str, usize, usize, TermKind)| {
        if (2..=MAX_CHAIN).contains(len) {
            f(chain, span.0, span.1, TermKind::Compound);
        }
        chain.clear();
        *len = 0;
    };
    tokenize(text, |t| match t.kind {
        Kind::Word => {
            if !t.joined {
                flush(&mut chain, &mut chain_len, chain_span, &mut f);
                chain_span.0 = t.start;
            }
            f(t.text, t.start, t.end, TermKind::Word);
            chain.push_str(t.text);
            chain_len += 1;
            chain_span.1 = t.end;
            prev_char = None;
        }
        Kind::Cjk => {
            flush(&mut chain, &mut chain_len, chain_span, &mut f);
            f(t.text, t.start, t.end, TermKind::Char);
            if let (true, Some((start, p))) = (t.joined, prev_char) {
                gram.clear();
                gram.push_str(p);
                gram.push_str(t.text);
                f(&gram, start, t.end, TermKind::Bigram);
            }
            prev_char = Some((t.start, &text[t.start..t.end]));
        }
    });
    flush(&mut chain, &mut chain_len, chain_span, &mut f);
}

/// Folds a whole string the way words are folded: the folded words joined by single spaces.
#[cfg(test)]
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::new();
    tokenize(text, |t| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t.text);
    });
    out
}

/// Words too common to narrow a search; dropped from queries that have other words.
pub(crate) fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "by"
            | "can"
            | "do"
            | "does"
            | "for"
            | "from"
            | "how"
            | "in"
            | "into"
            | "is"
            | "it"
            | "its"
            | "of"
            | "on"
            | "or"
            | "s"
            | "so"
            | "that"
            | "the"
            | "their"
            | "them"
            | "they"
            | "this"
            | "to"
            | "was"
            | "what"
            | "when"
            | "where"
            | "which"
            | "who"
            | "why"
            | "with"
            | "you"
            | "your"
    )
}

/// Words the suffix rules would mangle; they are their own stem.
fn is_stem_exception(w: &str) -> bool {
    matches!(
        w,
        "alias"
            | "always"
            | "anything"
            | "as"
            | "atlas"
            | "bed"
            | "bias"
            | "bring"
            | "canvas"
            | "during"
            | "embed"
            | "everything"
            | "gas"
            | "has"
            | "his"
            | "hundred"
            | "indeed"
            | "is"
            | "its"
            | "king"
            | "lens"
            | "mathematics"
            | "news"
            | "nothing"
            | "perhaps"
            | "physics"
            | "plus"
            | "red"
            | "ring"
            | "series"
            | "shed"
            | "sing"
            | "something"
            | "species"
            | "spring"
            | "string"
            | "thing"
            | "this"
            | "thus"
            | "was"
            | "whereas"
            | "yes"
    )
}

/// A conservative English stemmer for folded ASCII words: plurals (`-s`, `-es`, `-ies`),
/// `-ing`, `-ed`, a final doubled consonant and a final silent `e`, so `embeddings`,
/// `embedding`, `embedded` and `embed` all become `embed`, and `tune`, `tuned`, `tuning`
/// become `tun`. Words with digits or other scripts, and words shorter than 4 letters, are
/// kept as they are. Index and query go through the same function, so a stem only has to be
/// consistent, not a real word.
pub(crate) fn stem(word: &str) -> String {
    let mut s = word.to_string();
    if s.len() < 4 || !s.bytes().all(|b| b.is_ascii_lowercase()) || is_stem_exception(word) {
        return s;
    }
    // British -isation → -ization.
    for (from, to) in [("isations", "izations"), ("isation", "ization")] {
        if s.ends_with(from) {
            s.truncate(s.len() - from.len());
            s.push_str(to);
        }
    }
    // Plurals.
    if s.ends_with("sses") {
        s.truncate(s.len() - 2);
    } else if s.ends_with("ies") && s.len() > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if ["ches", "shes", "xes"].iter().any(|e| s.ends_with(e)) {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !["ss", "us", "is"].iter().any(|e| s.ends_with(e)) {
        s.truncate(s.len() - 1);
    }
    if is_stem_exception(&s) {
        return s;
    }
    // -ing and -ed, when what is left still has a vowel.
    let has_vowel = |t: &str| t.bytes().any(|b| b"aeiouy".contains(&b));
    if s.ends_with("ing") && s.len() >= 5 && has_vowel(&s[..s.len() - 3]) {
        s.truncate(s.len() - 3);
    } else if s.ends_with("ied") && s.len() > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with("ed")
        && !s.ends_with("eed")
        && s.len() >= 4
        && has_vowel(&s[..s.len() - 2])
    {
        s.truncate(s.len() - 2);
    }
    // A doubled final consonant (`embedd` → `embed`, `class` → `clas`) leaving at least four
    // letters (so `topp`, the compound of `top-p`, is not `top`), and a silent final `e`
    // (`tune` → `tun`) leaving at least three.
    let b = s.as_bytes();
    let n = b.len();
    let doubled = n >= 5 && b[n - 1] == b[n - 2] && !b"aeiouy".contains(&b[n - 1]);
    let silent_e = n >= 4 && b[n - 1] == b'e' && b[n - 2] != b'e';
    if doubled || silent_e {
        s.truncate(n - 1);
    }
    s
}

/// The optimal-string-alignment (restricted Damerau–Levenshtein) distance between `a` and `b`
/// if it is at most `max`, else `None`. Stops as soon as every alignment exceeds `max`; inputs
/// longer than 64 bytes are never within reach.
pub(crate) fn edit_distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    const CAP: usize = 64;
    if a.len().abs_diff(b.len()) > max || a.len() > CAP || b.len() > CAP {
        return None;
    }
    if a == b {
        return Some(0);
    }
    let w = b.len() + 1;
    let mut prev2 = [0usize; CAP + 1];
    let mut prev = [0usize; CAP + 1];
    let mut cur = [0usize; CAP + 1];
    for (j, p) in prev.iter_mut().enumerate().take(w) {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// The set of ASCII letters and digits in a word, one bit each (digits share a bit): one edit
/// changes at most two bits, so words whose sets differ in more than `2k` bits are more than
/// `k` edits apart.
pub(crate) fn letter_mask(w: &[u8]) -> u32 {
    w.iter().fold(0, |m, &b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'0'..=b'9' => m | 1 << 26,
        _ => m | 1 << 27,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, Kind, bool, &str)> {
        let mut out = Vec::new();
        tokenize(text, |t| {
            out.push((t.text.to_string(), t.kind, t.joined, &text[t.start..t.end]))
        });
        out
    }

    #[test]
    fn folds_case_and_latin_accents() {
        assert_eq!(
            fold("Attention ATTENTION attentión"),
            "attention attention attention"
        );
        assert_eq!(
            fold("Ça déjà vu, naïve façade, Œuvre"),
            "ca deja vu naive facade oeuvre"
        );
        assert_eq!(fold("Straße Æsir Þorn Ĳssel"), "strasse aesir thorn ijssel");
        assert_eq!(fold("Łódź Dvořák Šťastný ſ"), "lodz dvorak stastny s");
        assert_eq!(fold("ÀÁÂÃÄÅàáâãäåÿ"), "aaaaaaaaaaaay");
        assert_eq!(fold("ΑΒΓ ΣΟΦΟΣ Привет"), "αβγ σοφοσ привет");
        assert_eq!(fold("ＬｏＲＡ，ＱＬｏＲＡ"), "lora qlora");
    }

    #[test]
    fn every_latin_table_entry_folds_to_ascii_letters() {
        for u in 0xC0..=0x17Fu32 {
            let c = char::from_u32(u).unwrap();
            match classify(c) {
                Class::Word(a, b) => {
                    assert!(a.is_ascii_lowercase(), "{c:?} → {a:?}");
                    assert!(b.is_none_or(|b| b.is_ascii_lowercase()), "{c:?}");
                    // The folding agrees with the character's own lowercase where that is ASCII.
                    let lower: Vec<char> = c.to_lowercase().collect();
                    if lower.len() == 1 && lower[0].is_ascii() {
                        assert_eq!(lower[0], a);
                    }
                }
                other => assert!(u == 0xD7 || u == 0xF7, "{c:?} is {other:?}"),
            }
        }
    }

    #[test]
    fn combining_marks_are_part_of_the_word() {
        // "attentión" written with a combining acute accent.
        let t = tokens("attentio\u{301}n rocks");
        assert_eq!(t[0].0, "attention");
        assert_eq!(t[0].3, "attentio\u{301}n");
        assert_eq!(t[1].0, "rocks");
    }

    #[test]
    fn hyphens_join_and_apostrophes_vanish() {
        let t = tokens("top-p, Chain-of-Thought; model's GPT-4 - x --y 'quoted'");
        let words: Vec<(&str, bool)> = t.iter().map(|t| (t.0.as_str(), t.2)).collect();
        assert_eq!(
            words,
            [
                ("top", false),
                ("p", true),
                ("chain", false),
                ("of", true),
                ("thought", true),
                ("models", false),
                ("gpt", false),
                ("4", true),
                ("x", false),
                ("y", false),
                ("quoted", false),
            ]
        );
        assert_eq!(t[5].3, "model's");
    }

    #[test]
    fn cjk_characters_are_single_tokens_joined_in_runs() {
        let t = tokens("注意力 机制，LLM中");
        let got: Vec<(&str, Kind, bool)> = t.iter().map(|t| (t.0.as_str(), t.1, t.2)).collect();
        assert_eq!(
            got,
            [
                ("注", Kind::Cjk, false),
                ("意", Kind::Cjk, true),
                ("力", Kind::Cjk, true),
                ("机", Kind::Cjk, false),
                ("制", Kind::Cjk, true),
                ("llm", Kind::Word, false),
                ("中", Kind::Cjk, false),
            ]
        );
    }

    #[test]
    fn terms_include_compounds_and_bigrams() {
        let text = "Top-p, chain-of-thought 注意力 a-b-c-d-e";
        let mut got = Vec::new();
        for_each_term(text, |t, s, e, k| got.push((t.to_string(), &text[s..e], k)));
        let want = [
            ("top", "Top", TermKind::Word),
            ("p", "p", TermKind::Word),
            ("topp", "Top-p", TermKind::Compound),
            ("chain", "chain", TermKind::Word),
            ("of", "of", TermKind::Word),
            ("thought", "thought", TermKind::Word),
            ("chainofthought", "chain-of-thought", TermKind::Compound),
            ("注", "注", TermKind::Char),
            ("意", "意", TermKind::Char),
            ("注意", "注意", TermKind::Bigram),
            ("力", "力", TermKind::Char),
            ("意力", "意力", TermKind::Bigram),
            ("a", "a", TermKind::Word),
            ("b", "b", TermKind::Word),
            ("c", "c", TermKind::Word),
            ("d", "d", TermKind::Word),
            ("e", "e", TermKind::Word), // a chain of five: no compound
        ];
        let got: Vec<(&str, &str, TermKind)> =
            got.iter().map(|(t, s, k)| (t.as_str(), *s, *k)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_word_after_cjk_is_not_joined_to_it() {
        let t = tokens("中LLM-x");
        assert_eq!(t[1].0, "llm");
        assert!(!t[1].2);
        assert!(t[2].2);
    }

    #[test]
    fn emoji_controls_and_marks_alone_are_separators() {
        assert_eq!(fold("🙂\u{0}\u{301}a\u{7}b👍🏽c"), "a b c");
        assert_eq!(fold(""), "");
        assert_eq!(fold("\u{301}\u{200d}"), "");
    }

    #[test]
    fn long_words_are_cut() {
        let w = "a".repeat(1000);
        let t = tokens(&w);
        assert_eq!(t.len(), 1);
        assert!(t[0].0.len() <= MAX_WORD_BYTES);
        assert_eq!(t[0].3.len(), 1000);
    }

    #[test]
    fn stopwords_and_exceptions() {
        for w in ["the", "how", "does", "what", "is", "of"] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["attention", "top", "p", "lora", "not", "no"] {
            assert!(!is_stopword(w), "{w}");
        }
        assert!(is_stem_exception("embed") && !is_stem_exception("embeds"));
    }

    #[test]
    fn stems_plurals_ing_and_ed() {
        let same = [
            &["embed", "embeds", "embedding", "embeddings", "embedded"][..],
            &["model", "models", "modeling", "modelling", "modeled"],
            &["token", "tokens"],
            &["tune", "tuned", "tuning", "tunes"],
            &["train", "training", "trained", "trains"],
            &["overfit", "overfitting", "overfits"],
            &["probability", "probabilities"],
            &["apply", "applies", "applied", "applying"],
            &["bias", "biases", "biased"],
            &["process", "processes", "processing", "processed"],
            &["sample", "samples", "sampled", "sampling"],
            &["transformer", "transformers"],
            &["llm", "llms"],
            &["tokenization", "tokenisation"],
            &["batch", "batches"],
            &["loss", "losses"],
            &["matrix", "matrixes"],
            &["need", "needs"],
        ];
        for group in same {
            let s = stem(group[0]);
            for w in group {
                assert_eq!(stem(w), s, "{w} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn stemming_stays_conservative() {
        for (w, s) in [
            ("thing", "thing"),
            ("string", "string"),
            ("king", "king"),
            ("nucleus", "nucleus"),
            ("analysis", "analysis"),
            ("class", "clas"),
            ("seq2seq", "seq2seq"),
            ("gpt", "gpt"),
            ("the", "the"),
            ("use", "use"),
            ("one", "one"),
            ("speed", "speed"),
            ("embed", "embed"),
            ("was", "was"),
            ("add", "add"),
            ("adding", "add"),
            ("topp", "topp"),
            ("loss", "loss"),
            ("naïve", "naïve"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
        // Different words stay different.
        assert_ne!(stem("transform"), stem("transformer"));
        assert_ne!(stem("token"), stem("tokenization"));
        assert_ne!(stem("attention"), stem("attend"));
    }

    #[test]
    fn edit_distance_is_bounded_osa() {
        let d = |a: &str, b: &str, k| edit_distance_within(a.as_bytes(), b.as_bytes(), k);
        assert_eq!(d("overfitting", "overfitting", 2), Some(0));
        assert_eq!(d("overfiting", "overfitting", 2), Some(1)); // deletion
        assert_eq!(d("tokenizaton", "tokenization", 2), Some(1));
        assert_eq!(d("atention", "attention", 1), Some(1));
        assert_eq!(d("attnetion", "attention", 1), Some(1)); // transposition
        assert_eq!(d("attemtion", "attention", 1), Some(1)); // substitution
        assert_eq!(d("atemtion", "attention", 1), None);
        assert_eq!(d("atemtion", "attention", 2), Some(2));
        assert_eq!(d("lora", "lore", 0), None);
        assert_eq!(d("ab", "abcd", 1), None); // length gap alone exceeds the bound
        assert_eq!(d("", "ab", 2), Some(2));
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("ca", "abc", 3), Some(3)); // OSA, not full Damerau (which says 2)
        let long = "x".repeat(65);
        assert_eq!(d(&long, &long, 2), None);
    }

    #[test]
    fn letter_masks_bound_the_distance() {
        let words = [
            "attention",
            "atention",
            "tension",
            "retention",
            "mention",
            "lora",
        ];
        for a in words {
            for b in words {
                for k in 0..3 {
                    if edit_distance_within(a.as_bytes(), b.as_bytes(), k).is_some() {
                        let bits =
                            (letter_mask(a.as_bytes()) ^ letter_mask(b.as_bytes())).count_ones();
                        assert!(bits as usize <= 2 * k, "{a} {b} {k}");
                    }
                }
            }
        }
    }
}
