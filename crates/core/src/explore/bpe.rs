//! Tokenization explorer (Q1, Q16): a byte-pair-encoding tokenizer trained on the bank's own English
//! text, then used to split any word the reader types.
//!
//! # Training (Sennrich et al. 2016, without an end-of-word marker)
//! The corpus is every English question and answer, cut into words at anything that is not an ASCII
//! letter or digit, and lower-cased. Every word starts as its characters; the base vocabulary is the
//! characters seen. Each merge joins the most frequent adjacent pair of tokens (counted over all words,
//! weighted by how often each word occurs; ties go to the pair whose (left, right) strings sort
//! first) into one new token, left to right without overlap. Training stops after `MAX_MERGES`
//! merges or when no pair is left. It runs once (`Bpe::bank`) and records, after every merge, the
//! vocabulary size and the average number of tokens per corpus word — so the slider only replays.
//!
//! # Encoding
//! The input is split at whitespace and lower-cased (ASCII). A character of the base vocabulary
//! becomes its token; any other character (an accent, a hanzi, punctuation) becomes its UTF-8 bytes,
//! shown as `<0xE4>`: an unknown word always splits, down to bytes if need be. Then the first `m`
//! merges are applied in the order they were learned, which is what training did to corpus words.

use super::UrlState;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::{clip, url_int};
use crate::i18n::Lang;

pub const MAX_MERGES: usize = 500;
/// Longest text the explorer encodes, in characters (the rest is cut).
pub const MAX_INPUT_CHARS: usize = 40;

#[derive(Debug)]
pub struct Bpe {
    /// Token strings by id; ids below `base` are single characters.
    vocab: Vec<String>,
    base: usize,
    /// (left, right, joined) token ids, in the order learned.
    merges: Vec<(u32, u32, u32)>,
    /// After r merges (r = 0..=merges.len()): distinct tokens in the vocabulary.
    vocab_sizes: Vec<usize>,
    /// After r merges: corpus tokens per corpus word.
    tokens_per_word: Vec<f64>,
    words: u64,
}

/// One piece of an encoded word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A vocabulary token: a single character (`merged` false) or a merged one.
    Token { text: String, merged: bool },
    /// A byte of a character outside the vocabulary.
    Byte(u8),
}

impl Piece {
    /// What a chip shows: the token, or the byte as `<0xE4>`.
    pub fn label(&self) -> String {
        match self {
            Piece::Token { text, .. } => text.clone(),
            Piece::Byte(b) => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                format!(
                    "<0x{}{}>",
                    HEX[(b >> 4) as usize] as char,
                    HEX[(b & 15) as usize] as char
                )
            }
        }
    }
}

/// The texts the bank tokenizer learns from: every English question and answer.
pub fn bank_corpus() -> impl Iterator<Item = &'static str> {
    crate::bank::QUESTIONS.iter().flat_map(|q| {
        let t = q.text(crate::i18n::Lang::En);
        [t.question_plain, t.answer_plain]
    })
}

/// Corpus words: runs of ASCII letters and digits, lower-cased.
pub fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
}

impl Bpe {
    /// The tokenizer trained on the bank, built on first use.
    pub fn bank() -> &'static Bpe {
        static BANK: OnceLock<Bpe> = OnceLock::new();
        BANK.get_or_init(|| Bpe::train(bank_corpus(), MAX_MERGES))
    }

    pub fn train<'a>(texts: impl Iterator<Item = &'a str>, max_merges: usize) -> Self {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for t in texts {
            for w in words_of(t) {
                *counts.entry(w).or_default() += 1;
            }
        }
        // Corpus words are ASCII letters and digits: the base vocabulary is the ones seen, in order.
        let mut seen = [false; 128];
        for w in counts.keys() {
            w.bytes().for_each(|b| seen[usize::from(b & 127)] = true);
        }
        let mut vocab: Vec<String> = (0u8..128)
            .filter(|&b| seen[usize::from(b)])
            .map(|b| char::from(b).to_string())
            .collect();
        let base = vocab.len();
        let mut ids: HashMap<String, u32> = HashMap::new();
        // Training does not depend on the order of the words: pair counts are sums, ties are
        // broken by the pairs' strings, and each word is merged on its own.
        let mut corpus: Vec<(Vec<u32>, u64)> = counts
            .into_iter()
            .map(|(w, n)| {
                let syms = w
                    .bytes()
                    .map(|b| vocab.iter().position(|v| v.as_bytes() == [b]).unwrap_or(0) as u32);
                (syms.collect(), n)
            })
            .collect();
        let words: u64 = corpus.iter().map(|(_, n)| n).sum();
        let mut tokens: u64 = corpus.iter().map(|(w, n)| w.len() as u64 * n).sum();

        let mut pairs: HashMap<(u32, u32), u64> = HashMap::new();
        for (w, n) in &corpus {
            for p in w.windows(2) {
                *pairs.entry((p[0], p[1])).or_default() += n;
            }
        }
        let per_word = |tokens: u64| {
            if words == 0 {
                0.0
            } else {
                tokens as f64 / words as f64
            }
        };
        let mut merges = Vec::new();
        let mut vocab_sizes = vec![vocab.len()];
        let mut tokens_per_word = vec![per_word(tokens)];
        while merges.len() < max_merges {
            let best = pairs
                .iter()
                .filter(|(_, &n)| n > 0)
                .max_by(|(a, na), (b, nb)| {
                    na.cmp(nb).then_with(|| {
                        let key = |p: &(u32, u32)| (&vocab[p.0 as usize], &vocab[p.1 as usize]);
                        key(b).cmp(&key(a))
                    })
                })
                .map(|(&p, _)| p);
            let Some((l, r)) = best else { break };
            let joined = format!("{}{}", vocab[l as usize], vocab[r as usize]);
            let id = *ids.entry(joined.clone()).or_insert_with(|| {
                vocab.push(joined);
                (vocab.len() - 1) as u32
            });
            for (w, n) in corpus.iter_mut() {
                if !w.windows(2).any(|p| p[0] == l && p[1] == r) {
                    continue;
                }
                for p in w.windows(2) {
                    if let Some(c) = pairs.get_mut(&(p[0], p[1])) {
                        *c -= *n;
                    }
                }
                let before = w.len();
                apply(w, l, r, id);
                tokens -= (before - w.len()) as u64 * *n;
                for p in w.windows(2) {
                    *pairs.entry((p[0], p[1])).or_default() += *n;
                }
            }
            pairs.retain(|_, c| *c > 0);
            merges.push((l, r, id));
            vocab_sizes.push(vocab.len());
            tokens_per_word.push(per_word(tokens));
        }
        Bpe {
            vocab,
            base,
            merges,
            vocab_sizes,
            tokens_per_word,
            words,
        }
    }

    /// How many merges were learned (≤ `MAX_MERGES`).
    pub fn merge_count(&self) -> usize {
        self.merges.len()
    }

    pub fn base_size(&self) -> usize {
        self.base
    }

    /// Corpus words counted with repetition.
    pub fn corpus_words(&self) -> u64 {
        self.words
    }

    /// Vocabulary size after `m` merges.
    pub fn vocab_size(&self, m: usize) -> usize {
        self.vocab_sizes[m.min(self.merges.len())]
    }

    /// Average tokens per corpus word after `m` merges.
    pub fn tokens_per_word(&self, m: usize) -> f64 {
        self.tokens_per_word[m.min(self.merges.len())]
    }

    /// Merge number `i` (0-based) as ("t", "h", "th").
    pub fn merge(&self, i: usize) -> Option<(&str, &str, &str)> {
        self.merges.get(i).map(|&(l, r, j)| {
            (
                self.vocab[l as usize].as_str(),
                self.vocab[r as usize].as_str(),
                self.vocab[j as usize].as_str(),
            )
        })
    }

    /// Encodes one word with the first `m` merges.
    pub fn encode_word(&self, word: &str, m: usize) -> Vec<Piece> {
        // Symbols: token ids, or bytes stored above u32::MAX's half so they never match a merge.
        const BYTE: u32 = 1 << 31;
        let mut syms: Vec<u32> = Vec::new();
        let mut buf = [0u8; 4];
        for c in word.chars() {
            let c = c.to_ascii_lowercase();
            match self.char_id(c) {
                Some(id) => syms.push(id),
                None => syms.extend(c.encode_utf8(&mut buf).bytes().map(|b| BYTE | b as u32)),
            }
        }
        for &(l, r, id) in &self.merges[..m.min(self.merges.len())] {
            if syms.len() < 2 {
                break;
            }
            apply(&mut syms, l, r, id);
        }
        syms.into_iter()
            .map(|s| {
                if s & BYTE != 0 {
                    Piece::Byte(s as u8)
                } else {
                    Piece::Token {
                        text: self.vocab[s as usize].clone(),
                        merged: s as usize >= self.base,
                    }
                }
            })
            .collect()
    }

    /// Encodes text word by word (split at whitespace, at most `MAX_INPUT_CHARS` characters).
    pub fn encode(&self, text: &str, m: usize) -> Vec<Vec<Piece>> {
        let text: String = text.chars().take(MAX_INPUT_CHARS).collect();
        text.split_whitespace()
            .map(|w| self.encode_word(w, m))
            .collect()
    }

    fn char_id(&self, c: char) -> Option<u32> {
        // The base vocabulary is sorted by character.
        let mut buf = [0u8; 4];
        let s: &str = c.encode_utf8(&mut buf);
        self.vocab[..self.base]
            .binary_search_by(|v| v.as_str().cmp(s))
            .ok()
            .map(|i| i as u32)
    }
}

/// Replaces every non-overlapping occurrence of (l, r), left to right, with `id`.
fn apply(w: &mut Vec<u32>, l: u32, r: u32, id: u32) {
    let mut out = 0;
    let mut i = 0;
    while i < w.len() {
        if i + 1 < w.len() && w[i] == l && w[i + 1] == r {
            w[out] = id;
            i += 2;
        } else {
            w[out] = w[i];
            i += 1;
        }
        out += 1;
    }
    w.truncate(out);
}

/// The explorer's settings: how many merges, and the text typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Tokenizer {
    pub merges: usize,
    pub text: String,
}

pub const DEFAULT_MERGES: usize = 300;

impl Default for Tokenizer {
    fn default() -> Self {
        Self {
            merges: DEFAULT_MERGES,
            text: "cryptocurrency".into(),
        }
    }
}

impl Tokenizer {
    /// Q1 (what tokenization is): the source's own example word.
    pub fn for_tokenization() -> Self {
        Self {
            text: "artificial".into(),
            ..Self::default()
        }
    }

    pub fn set_merges(&mut self, m: f64) {
        if m.is_finite() {
            self.merges = (m.max(0.0).round() as usize).min(MAX_MERGES);
        }
    }

    pub fn set_text(&mut self, t: &str) {
        self.text = t.chars().take(MAX_INPUT_CHARS).collect();
    }
}

impl UrlState for Tokenizer {
    const PREFIX: &'static str = "tk.";

    /// Reads `tk.m` (merges) and `tk.w` (the text, cut to `MAX_INPUT_CHARS`).
    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "tk.m" => {
                    if let Some(m) = url_int(k, v, 0, MAX_MERGES, &mut w) {
                        s.merges = m;
                    }
                }
                "tk.w" => {
                    if v.chars().count() > MAX_INPUT_CHARS {
                        w.push(format!("tk.w cut to {MAX_INPUT_CHARS} characters"));
                    }
                    s.set_text(v);
                }
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
        if self.merges != d.merges {
            out.push(("tk.m".into(), self.merges.to_string()));
        }
        if self.text != d.text {
            out.push(("tk.w".into(), self.text.clone()));
        }
        out
    }
}

/// "3 tokens" / "3 个标记".
pub fn token_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 token".into(),
        Lang::En => format!("{n} tokens"),
        Lang::Zh => format!("{n} 个标记"),
    }
}

strings! {
    title,
    intro,
    word,
    merges,
    result,
    vocab_size,
    tokens_per_word,
    recent_merges,
    chart_title,
    axis_vocab,
    axis_tpw,
    col_merges,
    col_vocab,
    col_tpw,
    legend_merged,
    legend_char,
    legend_byte,
    note,
}

pub static EN: Text = Text {
    title: "Tokenizer explorer",
    intro: "A byte-pair-encoding tokenizer trained in your browser on the English text of these 50 questions. Type any word and see how it splits.",
    word: "Text to tokenize",
    merges: "Merges learned",
    result: "Tokens",
    vocab_size: "Vocabulary size",
    tokens_per_word: "Tokens per word (on the questions)",
    recent_merges: "Latest merges",
    chart_title: "Tokens per word against vocabulary size as merges are learned",
    axis_vocab: "vocabulary size",
    axis_tpw: "tokens per word",
    col_merges: "Merges",
    col_vocab: "Vocabulary size",
    col_tpw: "Tokens per word",
    legend_merged: "merged token",
    legend_char: "single character",
    legend_byte: "byte (character never seen)",
    note: "More merges mean a bigger vocabulary and fewer, longer tokens per word. A word the tokenizer has never seen still splits into known pieces — down to single characters or raw bytes — so nothing is ever out of vocabulary.",
};

pub static ZH: Text = Text {
    title: "分词器探索器",
    intro: "一个字节对编码（BPE）分词器，在浏览器中用这 50 道题的英文文本训练而成。输入任意单词，看看它如何被拆分。",
    word: "要分词的文本",
    merges: "已学习的合并次数",
    result: "标记",
    vocab_size: "词表大小",
    tokens_per_word: "每词标记数（在这些问题上）",
    recent_merges: "最近的合并",
    chart_title: "随着合并次数增加，每词标记数与词表大小的关系",
    axis_vocab: "词表大小",
    axis_tpw: "每词标记数",
    col_merges: "合并次数",
    col_vocab: "词表大小",
    col_tpw: "每词标记数",
    legend_merged: "合并后的标记",
    legend_char: "单个字符",
    legend_byte: "字节（从未见过的字符）",
    note: "合并越多，词表越大，每个词的标记越少越长。分词器从未见过的词仍能拆成已知的片段——最细到单个字符或原始字节——所以不存在词表外的词。训练语料是英文，因此中文字符会被拆成字节。",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(p: &[Piece]) -> Vec<String> {
        p.iter().map(Piece::label).collect()
    }

    #[test]
    fn a_textbook_example_by_hand() {
        // "low low low low low lower lower newest ×6 widest ×3": the first merges, counted by hand:
        // (e,s) 9, then (es,t) 9, then (l,o) 7, then (lo,w) 7.
        let text = "low low low low low lower lower newest newest newest newest newest newest widest widest widest";
        let b = Bpe::train(std::iter::once(text), 10);
        assert_eq!(b.merge(0), Some(("e", "s", "es")));
        assert_eq!(b.merge(1), Some(("es", "t", "est")));
        assert_eq!(b.merge(2), Some(("l", "o", "lo")));
        assert_eq!(b.merge(3), Some(("lo", "w", "low")));
        assert_eq!(labels(&b.encode_word("lowest", 4)), ["low", "est"]);
        assert_eq!(
            labels(&b.encode_word("lowest", 0)),
            ["l", "o", "w", "e", "s", "t"]
        );
        assert_eq!(b.base_size(), 10); // d e i l n o r s t w
        assert_eq!(b.corpus_words(), 16);
        assert_eq!(
            b.tokens_per_word(0),
            (5.0 * 3.0 + 2.0 * 5.0 + 6.0 * 6.0 + 3.0 * 6.0) / 16.0
        );
    }

    #[test]
    fn overlapping_pairs_merge_left_to_right() {
        let b = Bpe::train(std::iter::once("aaa aaa"), 1);
        assert_eq!(b.merge(0), Some(("a", "a", "aa")));
        assert_eq!(labels(&b.encode_word("aaaaa", 1)), ["aa", "aa", "a"]);
        assert_eq!(b.tokens_per_word(1), 2.0);
    }

    #[test]
    fn unknown_characters_fall_back_to_bytes_and_never_fail() {
        let b = Bpe::bank();
        let p = b.encode_word("Café中", 0);
        assert_eq!(
            labels(&p),
            ["c", "a", "f", "<0xC3>", "<0xA9>", "<0xE4>", "<0xB8>", "<0xAD>"]
        );
        assert!(b.encode_word("", 500).is_empty());
        assert_eq!(b.encode("  ", 10), Vec::<Vec<Piece>>::new());
        let long = "x".repeat(10_000);
        assert_eq!(b.encode(&long, 500).len(), 1, "cut, not refused");
        for w in ["🦀", "\u{0}", "ǅ", "İstanbul", "e\u{301}"] {
            assert!(!b.encode_word(w, 500).is_empty(), "{w}");
        }
    }

    #[test]
    fn the_bank_tokenizer_compresses_and_round_trips() {
        let b = Bpe::bank();
        assert_eq!(b.merge_count(), MAX_MERGES);
        assert!(
            b.base_size() >= 26 && b.base_size() <= 40,
            "{}",
            b.base_size()
        );
        assert!(b.corpus_words() > 2000, "{}", b.corpus_words());
        for m in 1..=MAX_MERGES {
            assert!(b.tokens_per_word(m) < b.tokens_per_word(m - 1), "{m}");
            assert!(b.vocab_size(m) >= b.vocab_size(m - 1));
        }
        assert!(b.tokens_per_word(MAX_MERGES) < 2.0);
        // Decoding is concatenation, at every number of merges.
        for w in [
            "cryptocurrency",
            "artificial",
            "tokenization",
            "unbelievably",
        ] {
            for m in [0, 1, 50, 300, 500] {
                let p = b.encode_word(w, m);
                assert_eq!(labels(&p).concat(), w);
            }
            assert!(b.encode_word(w, 500).len() < w.len());
        }
        // A frequent corpus word ends up as one token.
        assert_eq!(labels(&b.encode_word("the", 500)), ["the"]);
    }

    #[test]
    fn training_is_fast_enough() {
        let t = std::time::Instant::now();
        let b = Bpe::train(bank_corpus(), MAX_MERGES);
        assert_eq!(b.merge_count(), MAX_MERGES);
        // Generous for a debug build on a busy machine; release wasm is far faster.
        assert!(t.elapsed().as_secs_f64() < 5.0, "{:?}", t.elapsed());
    }

    #[test]
    fn settings_and_urls() {
        let mut s = Tokenizer::default();
        s.set_merges(1e9);
        assert_eq!(s.merges, MAX_MERGES);
        s.set_merges(f64::NAN);
        s.set_text(&"é".repeat(100));
        assert_eq!(s.text.chars().count(), MAX_INPUT_CHARS);
        let (back, w) = Tokenizer::from_url(&s.to_url());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back, s);
        let (bad, w) = Tokenizer::from_url(&[
            ("tk.m".into(), "-5".into()),
            ("tk.w".into(), "<script>".repeat(10)),
        ]);
        assert_eq!(bad.merges, 0);
        assert_eq!(bad.text.chars().count(), MAX_INPUT_CHARS);
        assert_eq!(w.len(), 2);
        assert_eq!(token_count(Lang::En, 1), "1 token");
        assert_eq!(token_count(Lang::Zh, 3), "3 个标记");
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
