//! Full-text search over the cards: one query box, both languages, typo- and prefix-tolerant,
//! ranked with BM25F. Pure Rust, no dependencies, small enough for the wasm bundle.
//!
//! # Use
//!
//! Build a [`SearchIndex`] once ([`SearchIndex::from_bank`]; the UI keeps it in a
//! `thread_local`), then call [`SearchIndex::search`] on every keystroke with the query and the
//! topic filter (an index into `bank::TOPICS`, or `None`). It returns the matching cards in rank
//! order. [`SearchIndex::highlight`] then gives, for the cards on screen, both questions with
//! their match ranges and a short answer excerpt per language; [`Marked::segments`] cuts them into
//! [`Segment`]s that the UI renders as text nodes and `<mark>` elements (never as HTML).
//!
//! An empty query (or one with nothing searchable in it, such as `"?!"` or an emoji) matches every
//! card of the topic, in id order.
//!
//! # Matching
//!
//! Each field of a card (question and answer in English and in Chinese, topic names in both
//! languages plus the topic id) is split into terms:
//!
//! * **words**: runs of letters and digits, lowercased and accent-folded (`Attentión` →
//!   `attention`, `Straße` → `strasse`, fullwidth `ＬｏＲＡ` → `lora`), with apostrophes
//!   dropped (`model's` → `models`);
//! * **compounds**: a hyphen chain of 2–4 words also counts spelled together (`top-p` → `topp`,
//!   `chain-of-thought` → `chainofthought`), so `topp` finds `top-p`;
//! * **CJK**: every character and every pair of adjacent characters (bigram).
//!
//! A query is split the same way into *clauses*, and a card matches when it matches every clause
//! (AND). When no card (of the topic) matches them all, every card matching at least one clause
//! is returned, those matching the most clauses first, and the result is marked
//! [`SearchResults::partial`]. A clause is:
//!
//! * a word, matched by the same word, by words with the same stem (light English stemming:
//!   plurals, `-ing`, `-ed`), by completions when it is the last word and still being typed
//!   (`transf` → `transformer`), and — only when none of those exists in the bank — by words one
//!   edit away (from 4 letters; two edits from 8 letters; Damerau/OSA, length-bucketed);
//! * a hyphen chain (`fine-tuning`): all its words, or the compound;
//! * one CJK bigram (so `注意力` needs `注意` and `意力`); a single CJK character on its own;
//! * a synonym group when the query holds one of its phrases (`moe` ↔ `mixture of experts` ↔
//!   `混合专家`, `top-p` ↔ `topp` ↔ `nucleus`, …): any phrase of the group matches.
//!
//! Stopwords (`the`, `how`, `is`, …) are dropped unless the query has nothing else, and a
//! repeated clause counts once.
//!
//! # Ranking
//!
//! BM25F. Per card and term, the field frequencies are weighted (questions 3, topic names 1.5,
//! answers 1), length-normalised per field (b = 0.5 for the short questions, 0.75 for answers,
//! 0.3 for topic names) and saturated once (k1 = 1.2); this part is computed when the index is
//! built. At query time each clause part ("atom") takes, per card, its best term's value scaled
//! by how the term matched (exact 1, same stem 0.9, synonym 0.9, completion 0.75, one typo 0.6,
//! two typos 0.45), times one IDF for the whole atom computed from the number of cards having any
//! of its terms — so a rare completion (`transform`) does not outrank the common word being typed
//! (`transformer`). An alternative scores the mean of its atoms, a clause its best alternative, a
//! card the sum of its clauses. Ties go to the lower id.
//!
//! # Limits
//!
//! Queries are cut to [`MAX_QUERY_CHARS`] characters and [`MAX_QUERY_TERMS`] clauses, words to
//! 48 bytes; completions and typo candidates are capped. Nothing in the query path panics.

mod highlight;
mod synonyms;
#[doc(hidden)]
pub mod synthetic;
mod text;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub use highlight::{segments, Highlight, Marked, Segment};

use crate::bank;
use crate::i18n::Lang;
use text::{
    edit_distance_within, for_each_term, is_stopword, letter_mask, stem, tokenize, Kind, TermKind,
};

/// Queries to offer when the search box is empty.
pub const SUGGESTIONS: &[&str] = &["attention", "LoRA", "温度", "top-p", "RAG", "梯度消失"];

/// Longer queries are cut to this many characters.
pub const MAX_QUERY_CHARS: usize = 256;

/// At most this many clauses (words, CJK bigrams, synonym phrases) of a query are used.
pub const MAX_QUERY_TERMS: usize = 16;

/// The length of an answer excerpt, in characters (plus "…" where it is cut).
pub const EXCERPT_CHARS: usize = 160;

/// One card as the index sees it: plain strings, so the index also works on a synthetic bank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchDoc {
    /// The card's id: results are in id order when scores tie, and an empty query lists cards
    /// by id.
    pub id: u32,
    pub question_en: Cow<'static, str>,
    pub question_zh: Cow<'static, str>,
    pub answer_en: Cow<'static, str>,
    pub answer_zh: Cow<'static, str>,
    /// The editor's note (empty when there is none), searched with less weight than the answer.
    pub note_en: Cow<'static, str>,
    pub note_zh: Cow<'static, str>,
    /// Searchable topic text: topic names in both languages and topic ids.
    pub topics: Vec<Cow<'static, str>>,
    /// The topics for the topic filter of [`SearchIndex::search`] (indices into `bank::TOPICS`).
    pub topic_indices: Vec<usize>,
}

impl SearchDoc {
    /// The card of a bank question. Where text is installed at run time, both languages' must be
    /// there in full first (`bank::has_texts`), or the card is searched as if it had no text.
    pub fn from_question(q: &'static bank::Question) -> Self {
        let mut topics = Vec::with_capacity(q.topics.len() * 3);
        for &t in q.topics {
            if let Some(t) = bank::TOPICS.get(t) {
                topics.extend([t.name.en, t.name.zh, t.id].map(Cow::Borrowed));
            }
        }
        let (en, zh) = (q.text(Lang::En), q.text(Lang::Zh));
        Self {
            id: u32::from(q.id),
            question_en: Cow::Borrowed(en.question_plain),
            question_zh: Cow::Borrowed(zh.question_plain),
            answer_en: Cow::Borrowed(en.answer_plain),
            answer_zh: Cow::Borrowed(zh.answer_plain),
            note_en: Cow::Borrowed(en.note),
            note_zh: Cow::Borrowed(zh.note),
            topics,
            topic_indices: q.topics.to_vec(),
        }
    }
}

/// One matching card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// The card's [`SearchDoc::id`].
    pub id: u32,
    /// Its position in [`SearchIndex::docs`].
    pub doc: usize,
    /// Higher is better; 0 for an empty query.
    pub score: f32,
    /// How many of the query's clauses the card matches (all of them unless the result is
    /// partial).
    pub matched: usize,
}

/// The cards matching a query, best first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    /// Best first; ties in id order. Partial results are ordered by clauses matched first.
    pub hits: Vec<Hit>,
    /// No card matched every clause, so these are the cards matching the most of them.
    pub partial: bool,
    /// The number of clauses the query was split into (0 for an empty query).
    pub clauses: usize,
    /// The terms to highlight, sorted: every term any clause could match.
    marks: Vec<u32>,
}

impl SearchResults {
    /// The number of matching cards.
    pub fn total(&self) -> usize {
        self.hits.len()
    }

    /// The ids of the matching cards, best first.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.hits.iter().map(|h| h.id)
    }

    /// Whether the query was empty (every card of the topic, in id order).
    pub fn is_everything(&self) -> bool {
        self.clauses == 0
    }
}

// Fields of a card, in the order of the weights below.
const FIELDS: usize = 7;
const Q_EN: usize = 0;
const Q_ZH: usize = 1;
const A_EN: usize = 2;
const A_ZH: usize = 3;
const TOPIC: usize = 4;
const NOTE_EN: usize = 5;
const NOTE_ZH: usize = 6;
// An editor's note finds its card but weighs less than the author's answer: a word a note mentions
// in passing should not outrank the card that is about it.
const FIELD_WEIGHT: [f32; FIELDS] = [3.0, 3.0, 1.0, 1.0, 1.5, 0.4, 0.4];
const FIELD_B: [f32; FIELDS] = [0.5, 0.5, 0.75, 0.75, 0.3, 0.75, 0.75];
const K1: f32 = 1.2;

// How much a term found each way counts.
const W_STEM: f32 = 0.9;
const W_SYNONYM: f32 = 0.9;
const W_PREFIX: f32 = 0.75;
const W_TYPO: [f32; 3] = [1.0, 0.6, 0.45];

/// Completions need this many characters typed.
const PREFIX_MIN_CHARS: usize = 2;
/// At most this many completions (the shortest) per word.
const PREFIX_CAP: usize = 32;
/// At most this many typo candidates (the closest) per word.
const TYPO_CAP: usize = 16;
/// Typo candidates are looked up among words up to this length.
const TYPO_MAX_LEN: usize = 64;

/// A phrase of a synonym group, tokenized.
#[derive(Clone, Debug)]
struct Phrase {
    /// Folded words.
    words: Vec<String>,
    /// Their stems, to compare with the query's.
    stems: Vec<String>,
    /// The words spelled together, for phrases of two words or more (else empty).
    compound: String,
    /// The CJK characters of a Chinese phrase.
    cjk: Vec<String>,
}

/// The inverted index. Build it once; searching borrows it immutably.
#[derive(Clone, Debug)]
pub struct SearchIndex {
    docs: Vec<SearchDoc>,
    /// Every term, sorted (so completions are a contiguous range).
    terms: Vec<Box<str>>,
    /// Postings of term `t`: `post_doc[offsets[t]..offsets[t + 1]]`, in doc order.
    offsets: Vec<u32>,
    post_doc: Vec<u32>,
    /// The term's saturated BM25F frequency in that doc (the IDF is applied per query, see
    /// [`SearchIndex::score`]).
    post_score: Vec<f32>,
    /// `(stem, term)` for every word and compound, sorted.
    stems: Vec<(Box<str>, u32)>,
    /// Lowercase ASCII words by byte length, for typo candidates.
    by_len: Vec<Vec<u32>>,
    /// [`letter_mask`] of each term (0 for terms that are not lowercase ASCII).
    masks: Vec<u32>,
    synonyms: Vec<Vec<Phrase>>,
    /// `(key, group, phrase)` sorted by key: each phrase under its first stem, its compound and
    /// its Chinese text.
    synonym_keys: Vec<(Box<str>, u16, u16)>,
    /// The most words in a synonym phrase.
    longest_phrase: usize,
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self::new(std::iter::empty())
    }
}

impl SearchIndex {
    /// The index of the question bank.
    pub fn from_bank() -> Self {
        Self::new(bank::QUESTIONS.iter().map(SearchDoc::from_question))
    }

    /// Indexes `docs` (kept, sorted by id).
    pub fn new(docs: impl IntoIterator<Item = SearchDoc>) -> Self {
        let mut docs: Vec<SearchDoc> = docs.into_iter().collect();
        crate::sort::sort_by(&mut docs, |a, b| a.id.cmp(&b.id));
        let n = docs.len();

        let mut ids: HashMap<Box<str>, u32, BuildHasherDefault<FxHasher>> = HashMap::default();
        let mut names: Vec<Box<str>> = Vec::new();
        let mut kinds: Vec<TermKind> = Vec::new();
        let mut postings: Vec<Vec<(u32, [u16; FIELDS])>> = Vec::new();
        let mut lens: Vec<[u32; FIELDS]> = vec![[0; FIELDS]; n];
        for (d, doc) in docs.iter().enumerate() {
            let d32 = d as u32;
            let fields: [(usize, &[Cow<'static, str>]); FIELDS] = [
                (Q_EN, std::slice::from_ref(&doc.question_en)),
                (Q_ZH, std::slice::from_ref(&doc.question_zh)),
                (A_EN, std::slice::from_ref(&doc.answer_en)),
                (A_ZH, std::slice::from_ref(&doc.answer_zh)),
                (TOPIC, &doc.topics),
                (NOTE_EN, std::slice::from_ref(&doc.note_en)),
                (NOTE_ZH, std::slice::from_ref(&doc.note_zh)),
            ];
            for (f, texts) in fields {
                for text in texts {
                    for_each_term(text, |term, _, _, kind| {
                        if matches!(kind, TermKind::Word | TermKind::Char) {
                            lens[d][f] += 1;
                        }
                        let t = match ids.get(term) {
                            Some(&t) => t as usize,
                            None => {
                                let t = names.len();
                                ids.insert(term.into(), t as u32);
                                names.push(term.into());
                                kinds.push(kind);
                                postings.push(Vec::new());
                                t
                            }
                        };
                        let p = &mut postings[t];
                        match p.last_mut() {
                            Some((pd, tf)) if *pd == d32 => tf[f] = tf[f].saturating_add(1),
                            _ => {
                                let mut tf = [0; FIELDS];
                                tf[f] = 1;
                                p.push((d32, tf));
                            }
                        }
                    });
                }
            }
        }
        drop(ids);

        let mut avg = [0f32; FIELDS];
        for l in &lens {
            for f in 0..FIELDS {
                avg[f] += l[f] as f32;
            }
        }
        for a in &mut avg {
            *a = (*a / n.max(1) as f32).max(1.0);
        }

        // Sort the terms and lay the postings out flat, scored.
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        crate::sort::sort_by(&mut order, |&a, &b| {
            names[a as usize].cmp(&names[b as usize])
        });
        let total: usize = postings.iter().map(Vec::len).sum();
        let mut offsets = Vec::with_capacity(order.len() + 1);
        let mut post_doc = Vec::with_capacity(total);
        let mut post_score = Vec::with_capacity(total);
        let mut terms = Vec::with_capacity(order.len());
        let mut stems = Vec::new();
        let mut by_len: Vec<Vec<u32>> = vec![Vec::new(); TYPO_MAX_LEN + 1];
        let mut masks = Vec::with_capacity(order.len());
        offsets.push(0);
        for (new, &old) in order.iter().enumerate() {
            let old = old as usize;
            let p = std::mem::take(&mut postings[old]);
            for (d, tf) in p {
                let l = &lens[d as usize];
                let mut x = 0.0;
                for f in 0..FIELDS {
                    if tf[f] > 0 {
                        let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * l[f] as f32 / avg[f];
                        x += FIELD_WEIGHT[f] * f32::from(tf[f]) / norm;
                    }
                }
                post_doc.push(d);
                post_score.push(x * (K1 + 1.0) / (x + K1));
            }
            offsets.push(post_doc.len() as u32);
            let name = std::mem::take(&mut names[old]);
            let word = matches!(kinds[old], TermKind::Word | TermKind::Compound);
            let ascii = name.bytes().all(|b| b.is_ascii_lowercase());
            if word {
                stems.push((stem(&name).into_boxed_str(), new as u32));
            }
            if word && ascii && name.len() <= TYPO_MAX_LEN {
                by_len[name.len()].push(new as u32);
                masks.push(letter_mask(name.as_bytes()));
            } else {
                masks.push(0);
            }
            terms.push(name);
        }
        crate::sort::sort(&mut stems);

        let synonyms: Vec<Vec<Phrase>> = synonyms::GROUPS
            .iter()
            .map(|group| group.iter().map(|p| phrase(p)).collect())
            .collect();
        let mut synonym_keys: Vec<(Box<str>, u16, u16)> = Vec::new();
        for (g, group) in synonyms.iter().enumerate() {
            for (p, ph) in group.iter().enumerate() {
                let (g, p) = (g as u16, p as u16);
                for key in [
                    ph.stems.first().cloned(),
                    Some(ph.compound.clone()),
                    Some(ph.cjk.concat()),
                ]
                .into_iter()
                .flatten()
                .filter(|k| !k.is_empty())
                {
                    synonym_keys.push((key.into_boxed_str(), g, p));
                }
            }
        }
        crate::sort::sort(&mut synonym_keys);
        synonym_keys.dedup();

        Self {
            docs,
            terms,
            offsets,
            post_doc,
            post_score,
            stems,
            by_len,
            masks,
            longest_phrase: synonyms
                .iter()
                .flatten()
                .map(|p| p.words.len())
                .max()
                .unwrap_or(0)
                .max(1),
            synonyms,
            synonym_keys,
        }
    }

    /// The indexed cards, sorted by id; [`Hit::doc`] indexes this.
    pub fn docs(&self) -> &[SearchDoc] {
        &self.docs
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The number of distinct terms (words, compounds, CJK characters and bigrams).
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The cards matching `query`, best first, restricted to cards having topic `topic` (an index
    /// into `bank::TOPICS`) when it is given. See the module documentation for the semantics.
    pub fn search(&self, query: &str, topic: Option<usize>) -> SearchResults {
        let in_topic = |d: usize| topic.is_none_or(|t| self.docs[d].topic_indices.contains(&t));
        let plan = self.plan(query);
        if plan.clauses.is_empty() {
            let hits = (0..self.docs.len())
                .filter(|&d| in_topic(d))
                .map(|d| Hit {
                    id: self.docs[d].id,
                    doc: d,
                    score: 0.0,
                    matched: 0,
                })
                .collect();
            return SearchResults {
                hits,
                ..SearchResults::default()
            };
        }

        let (total, matched, touched) = self.score(&plan.clauses);
        let n_clauses = plan.clauses.len();
        let mut hits: Vec<Hit> = touched
            .into_iter()
            .map(|d| d as usize)
            .filter(|&d| in_topic(d))
            .map(|d| Hit {
                id: self.docs[d].id,
                doc: d,
                score: total[d],
                matched: usize::from(matched[d]),
            })
            .collect();
        let partial = !hits.is_empty() && hits.iter().all(|h| h.matched < n_clauses);
        if !partial {
            hits.retain(|h| h.matched == n_clauses);
        }
        crate::sort::sort_by(&mut hits, |a, b| {
            b.matched
                .cmp(&a.matched)
                .then(b.score.total_cmp(&a.score))
                .then(a.id.cmp(&b.id))
                .then(a.doc.cmp(&b.doc))
        });
        SearchResults {
            hits,
            partial,
            clauses: n_clauses,
            marks: plan.marks,
        }
    }

    /// Both questions of `hit` with the ranges matching `results`' query, and an answer excerpt
    /// per language of about [`EXCERPT_CHARS`] characters, centred on the first match in that
    /// answer. Computed on demand, for the cards actually shown.
    pub fn highlight(&self, results: &SearchResults, hit: &Hit) -> Highlight<'_> {
        let Some(doc) = self.docs.get(hit.doc) else {
            return Highlight {
                question_en: Marked::default(),
                question_zh: Marked::default(),
                excerpt_en: Marked::default(),
                excerpt_zh: Marked::default(),
            };
        };
        // The few marked terms, sorted as strings (term ids are in string order).
        let marks: Vec<&str> = results
            .marks
            .iter()
            .filter_map(|&t| self.terms.get(t as usize).map(|s| &**s))
            .collect();
        let is_hit = |term: &str| marks.binary_search(&term).is_ok();
        let mark = |text: &str| {
            if marks.is_empty() {
                Vec::new()
            } else {
                highlight::match_ranges(text, is_hit)
            }
        };
        let q_en = mark(&doc.question_en);
        let q_zh = mark(&doc.question_zh);
        // The excerpt comes from the answer, or from the note when only the note matches.
        let excerpt = |answer: &'_ Cow<'static, str>, note: &'_ Cow<'static, str>| {
            let a = mark(answer);
            if a.is_empty() {
                let n = mark(note);
                if !n.is_empty() {
                    return highlight::excerpt(note, &n, EXCERPT_CHARS);
                }
            }
            highlight::excerpt(answer, &a, EXCERPT_CHARS)
        };
        Highlight {
            question_en: Marked {
                text: Cow::Borrowed(&doc.question_en),
                ranges: q_en,
            },
            question_zh: Marked {
                text: Cow::Borrowed(&doc.question_zh),
                ranges: q_zh,
            },
            excerpt_en: excerpt(&doc.answer_en, &doc.note_en),
            excerpt_zh: excerpt(&doc.answer_zh, &doc.note_zh),
        }
    }

    fn lookup(&self, term: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|t| (**t).cmp(term))
            .ok()
            .map(|t| t as u32)
    }

    fn postings(&self, t: u32) -> (&[u32], &[f32]) {
        let t = t as usize;
        let (a, b) = (self.offsets[t] as usize, self.offsets[t + 1] as usize);
        (&self.post_doc[a..b], &self.post_score[a..b])
    }

    /// The terms a query word stands for, with weights.
    fn expand(&self, word: &str, prefix: bool, typo: bool) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = Vec::new();
        let add = |out: &mut Vec<(u32, f32)>, t: u32, w: f32| {
            if !out.iter().any(|&(x, _)| x == t) {
                out.push((t, w));
            }
        };
        if let Some(t) = self.lookup(word) {
            add(&mut out, t, 1.0);
        }
        let st = stem(word);
        let from = self.stems.partition_point(|(s, _)| **s < *st);
        for (s, t) in &self.stems[from..] {
            if **s != *st {
                break;
            }
            add(&mut out, *t, W_STEM);
        }
        if prefix && word.chars().count() >= PREFIX_MIN_CHARS {
            let from = self.terms.partition_point(|t| **t < *word);
            let mut completions: Vec<(usize, u32)> = self.terms[from..]
                .iter()
                .take_while(|t| t.starts_with(word))
                .enumerate()
                .map(|(i, t)| (t.len(), (from + i) as u32))
                .collect();
            if completions.len() > PREFIX_CAP {
                completions.select_nth_unstable(PREFIX_CAP);
                completions.truncate(PREFIX_CAP);
            }
            for (_, t) in completions {
                add(&mut out, t, W_PREFIX);
            }
        }
        let len = word.len();
        if out.is_empty()
            && typo
            && (4..=TYPO_MAX_LEN).contains(&len)
            && word.bytes().all(|b| b.is_ascii_lowercase())
        {
            let k = if len >= 8 { 2 } else { 1 };
            let mask = letter_mask(word.as_bytes());
            let mut found: Vec<(usize, u32)> = Vec::new();
            for l in len - k..=(len + k).min(TYPO_MAX_LEN) {
                for &t in &self.by_len[l] {
                    if ((self.masks[t as usize] ^ mask).count_ones() as usize) <= 2 * k {
                        if let Some(d) = edit_distance_within(
                            word.as_bytes(),
                            self.terms[t as usize].as_bytes(),
                            k,
                        ) {
                            found.push((d, t));
                        }
                    }
                }
            }
            crate::sort::sort(&mut found);
            for (d, t) in found.into_iter().take(TYPO_CAP) {
                add(&mut out, t, W_TYPO[d.min(2)]);
            }
        }
        out
    }

    /// The CJK bigrams (or the single character) of a run, each as an atom.
    fn cjk_atoms(&self, chars: &[String]) -> Vec<Vec<(u32, f32)>> {
        let exact = |s: &str| self.lookup(s).map(|t| vec![(t, 1.0)]).unwrap_or_default();
        if chars.len() == 1 {
            return vec![exact(&chars[0])];
        }
        chars
            .windows(2)
            .map(|w| exact(&format!("{}{}", w[0], w[1])))
            .collect()
    }

    /// The alternatives a synonym phrase adds to a clause.
    fn phrase_alts(&self, p: &Phrase, weight: f32, out: &mut Vec<Alt>) {
        if !p.words.is_empty() {
            let all_stop = p.words.iter().all(|w| is_stopword(w));
            let atoms = p
                .words
                .iter()
                .filter(|w| all_stop || !is_stopword(w))
                .map(|w| self.expand(w, false, false))
                .collect();
            out.push(Alt { weight, atoms });
            if !p.compound.is_empty() {
                out.push(Alt {
                    weight,
                    atoms: vec![self.expand(&p.compound, false, false)],
                });
            }
        }
        if !p.cjk.is_empty() {
            out.push(Alt {
                weight,
                atoms: self.cjk_atoms(&p.cjk),
            });
        }
    }

    /// Splits a query into clauses and expands each into the terms that can match it.
    fn plan(&self, query: &str) -> Plan {
        // Cut huge queries, and complete the last word only while it is being typed.
        let (query, cut) = match query.char_indices().nth(MAX_QUERY_CHARS) {
            Some((i, _)) => (&query[..i], true),
            None => (query, false),
        };
        let open = !cut
            && query.chars().next_back().is_some_and(|c| {
                matches!(
                    text::classify(c),
                    text::Class::Word(..) | text::Class::Ignore
                )
            });

        // Units: runs of words (each with the number of its hyphen chain), and CJK runs.
        let mut units: Vec<Unit> = Vec::new();
        let mut tokens = 0usize;
        tokenize(query, |t| {
            tokens += 1;
            if tokens > MAX_QUERY_TERMS * 4 {
                return;
            }
            match (t.kind, units.last_mut()) {
                (Kind::Word, Some(Unit::Words(w))) => {
                    let chain = match w.last() {
                        Some(last) if t.joined => last.1,
                        _ => tokens,
                    };
                    w.push((t.text.to_string(), chain));
                }
                (Kind::Word, _) => units.push(Unit::Words(vec![(t.text.to_string(), tokens)])),
                (Kind::Cjk, Some(Unit::Cjk(c))) if t.joined => c.push(t.text.to_string()),
                (Kind::Cjk, _) => units.push(Unit::Cjk(vec![t.text.to_string()])),
            }
        });
        let open = open && tokens <= MAX_QUERY_TERMS * 4;

        let mut clauses: Vec<Clause> = Vec::new();
        let last_unit = units.len().saturating_sub(1);
        for (u, unit) in units.iter().enumerate() {
            if clauses.iter().filter(|c| !c.stop).count() >= MAX_QUERY_TERMS {
                break;
            }
            let last = open && u == last_unit;
            match unit {
                Unit::Cjk(chars) => {
                    if let Some(c) = self.synonym_for_cjk(chars) {
                        clauses.push(c);
                    } else if chars.len() == 1 {
                        clauses.push(Clause::single(chars.concat(), self.cjk_atoms(chars)));
                    } else {
                        for (pair, atom) in chars.windows(2).zip(self.cjk_atoms(chars)) {
                            clauses.push(Clause::single(pair.concat(), vec![atom]));
                        }
                    }
                }
                Unit::Words(words) => self.word_clauses(words, last, &mut clauses),
            }
        }

        // Stopwords only count when there is nothing else; a repeated clause counts once.
        if clauses.iter().any(|c| !c.stop) {
            clauses.retain(|c| !c.stop);
        } else {
            for c in &mut clauses {
                let (word, open) = match c.key.strip_suffix('*') {
                    Some(w) => (w, true),
                    None => (c.key.as_str(), false),
                };
                c.alts[0].atoms = vec![self.expand(word, open, true)];
            }
        }
        let mut unique: Vec<Clause> = Vec::with_capacity(clauses.len());
        for c in clauses {
            if !unique.iter().any(|u| u.key == c.key) {
                unique.push(c);
            }
        }
        let mut clauses = unique;
        clauses.truncate(MAX_QUERY_TERMS);

        let mut marks: Vec<u32> = clauses
            .iter()
            .flat_map(|c| &c.alts)
            .filter(|a| a.atoms.iter().all(|atom| !atom.is_empty()))
            .flat_map(|a| &a.atoms)
            .flatten()
            .map(|&(t, _)| t)
            .collect();
        crate::sort::sort(&mut marks);
        marks.dedup();
        Plan { clauses, marks }
    }

    /// Clauses for a run of words `(word, chain number)`: synonym phrases (across spaces and
    /// hyphens), then each remaining hyphen chain or single word. `open`: the last word is still
    /// being typed.
    fn word_clauses(&self, run: &[(String, usize)], open: bool, clauses: &mut Vec<Clause>) {
        let words: Vec<String> = run.iter().map(|(w, _)| w.clone()).collect();
        // Stems are computed as far as synonym phrases look ahead.
        let mut stems: Vec<String> = Vec::with_capacity(words.len());
        let mut i = 0;
        // Words not covered by a synonym phrase, of one chain.
        let mut rest: Vec<&str> = Vec::new();
        let mut rest_chain = usize::MAX;
        let mut ends_in_phrase = false;
        while i < words.len() {
            if clauses.iter().filter(|c| !c.stop).count() >= MAX_QUERY_TERMS {
                break;
            }
            let ahead = (i + self.longest_phrase).min(words.len());
            while stems.len() < ahead {
                stems.push(stem(&words[stems.len()]));
            }
            if let Some((len, clause)) = self.synonym_at(&words[i..], &stems[i..ahead]) {
                self.chain_clause(&rest, false, clauses);
                rest.clear();
                clauses.push(clause);
                i += len;
                ends_in_phrase = true;
            } else {
                if run[i].1 != rest_chain {
                    self.chain_clause(&rest, false, clauses);
                    rest.clear();
                    rest_chain = run[i].1;
                }
                rest.push(&words[i]);
                i += 1;
                ends_in_phrase = false;
            }
        }
        // Complete the last word only when no synonym phrase took it.
        let open = open && !ends_in_phrase && i == words.len();
        self.chain_clause(&rest, open, clauses);
    }

    fn chain_clause(&self, words: &[&str], open: bool, clauses: &mut Vec<Clause>) {
        match words {
            [] => {}
            [w] => {
                // A stopword is expanded only if the query turns out to have nothing else.
                let stop = is_stopword(w);
                let atoms = if stop {
                    Vec::new()
                } else {
                    vec![self.expand(w, open, true)]
                };
                clauses.push(Clause {
                    key: format!("{w}{}", if open { "*" } else { "" }),
                    alts: vec![Alt { weight: 1.0, atoms }],
                    stop,
                });
            }
            _ => {
                let all_stop = words.iter().all(|w| is_stopword(w));
                let n = words.len();
                let atoms = words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| all_stop || !is_stopword(w))
                    .map(|(i, w)| self.expand(w, open && i == n - 1, true))
                    .collect();
                let compound = self.expand(&words.concat(), open, true);
                clauses.push(Clause {
                    key: format!("{}{}", words.join("-"), if open { "*" } else { "" }),
                    alts: vec![
                        Alt { weight: 1.0, atoms },
                        Alt {
                            weight: 1.0,
                            atoms: vec![compound],
                        },
                    ],
                    stop: false,
                });
            }
        }
    }

    /// The longest synonym phrase starting at the first word, if any, as `(words used, clause)`.
    fn synonym_at(&self, words: &[String], stems: &[String]) -> Option<(usize, Clause)> {
        let mut best: Option<(usize, usize, usize)> = None; // (words used, group, phrase)
        for (g, p) in self
            .synonyms_keyed(&stems[0])
            .chain(self.synonyms_keyed(&words[0]))
        {
            {
                let ph = &self.synonyms[g][p];
                let len = ph.stems.len();
                let used = if len > 0 && len <= stems.len() && stems[..len] == ph.stems[..] {
                    len
                } else if len >= 2 && words[0] == ph.compound {
                    1 // spelled together: `topp`, `chainofthought`
                } else {
                    continue;
                };
                if best.is_none_or(|(l, _, _)| used > l) {
                    best = Some((used, g, p));
                }
            }
        }
        let (used, g, p) = best?;
        Some((used, self.group_clause(g, p)))
    }

    fn synonym_for_cjk(&self, chars: &[String]) -> Option<Clause> {
        let (g, p) = self
            .synonyms_keyed(&chars.concat())
            .find(|&(g, p)| self.synonyms[g][p].cjk[..] == chars[..])?;
        Some(self.group_clause(g, p))
    }

    /// The synonym phrases `(group, phrase)` whose first stem, compound or Chinese text is `key`.
    fn synonyms_keyed<'s>(&'s self, key: &'s str) -> impl Iterator<Item = (usize, usize)> + 's {
        let from = self.synonym_keys.partition_point(|(k, _, _)| **k < *key);
        self.synonym_keys[from..]
            .iter()
            .take_while(move |(k, _, _)| **k == *key)
            .map(|&(_, g, p)| (usize::from(g), usize::from(p)))
    }

    fn group_clause(&self, g: usize, matched: usize) -> Clause {
        let mut alts = Vec::new();
        for (p, ph) in self.synonyms[g].iter().enumerate() {
            let weight = if p == matched { 1.0 } else { W_SYNONYM };
            self.phrase_alts(ph, weight, &mut alts);
        }
        Clause {
            key: format!("={g}"),
            alts,
            stop: false,
        }
    }

    /// Scores every card against the clauses: per card, the summed clause scores and the number
    /// of clauses matched, and the cards matching at least one.
    fn score(&self, clauses: &[Clause]) -> (Vec<f32>, Vec<u16>, Vec<u32>) {
        let n = self.docs.len();
        let mut total = vec![0f32; n];
        let mut matched = vec![0u16; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut atom_best = vec![0f32; n];
        let mut atom_docs: Vec<u32> = Vec::new();
        let mut alt_sum = vec![0f32; n];
        let mut alt_count = vec![0u16; n];
        let mut alt_docs: Vec<u32> = Vec::new();
        let mut clause_best = vec![0f32; n];
        let mut clause_docs: Vec<u32> = Vec::new();

        for clause in clauses {
            for alt in &clause.alts {
                if alt.atoms.iter().any(Vec::is_empty) {
                    continue;
                }
                for atom in &alt.atoms {
                    for &(t, w) in atom {
                        let (docs, scores) = self.postings(t);
                        for (&d, &s) in docs.iter().zip(scores) {
                            let best = &mut atom_best[d as usize];
                            if *best == 0.0 {
                                atom_docs.push(d);
                            }
                            *best = best.max(w * s);
                        }
                    }
                    // All the terms of an atom share one IDF, from the number of cards having
                    // any of them, so a rare completion or typo candidate does not outweigh the
                    // common word the user means.
                    let idf = idf(n, atom_docs.len());
                    for d in atom_docs.drain(..) {
                        let d = d as usize;
                        if alt_count[d] == 0 {
                            alt_docs.push(d as u32);
                        }
                        alt_count[d] += 1;
                        alt_sum[d] += idf * atom_best[d];
                        atom_best[d] = 0.0;
                    }
                }
                let need = alt.atoms.len() as u16;
                let weight = alt.weight / f32::from(need.max(1));
                for d in alt_docs.drain(..) {
                    let d = d as usize;
                    if alt_count[d] == need {
                        let s = alt_sum[d] * weight;
                        if clause_best[d] == 0.0 {
                            clause_docs.push(d as u32);
                        }
                        clause_best[d] = clause_best[d].max(s);
                    }
                    alt_count[d] = 0;
                    alt_sum[d] = 0.0;
                }
            }
            for d in clause_docs.drain(..) {
                let d = d as usize;
                if matched[d] == 0 {
                    touched.push(d as u32);
                }
                matched[d] += 1;
                total[d] += clause_best[d];
                clause_best[d] = 0.0;
            }
        }
        (total, matched, touched)
    }
}

/// The Firefox/rustc hash: much faster than SipHash on short keys, and the index's keys are not
/// chosen by an attacker (a slow-down is the worst a crafted bank could cause).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// BM25's inverse document frequency of a term found in `df` of `n` cards (always > 0).
fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Tokenizes a synonym phrase.
fn phrase(src: &str) -> Phrase {
    let mut words = Vec::new();
    let mut cjk = Vec::new();
    tokenize(src, |t| match t.kind {
        Kind::Word => words.push(t.text.to_string()),
        Kind::Cjk => cjk.push(t.text.to_string()),
    });
    let stems = words.iter().map(|w| stem(w)).collect();
    let compound = if words.len() >= 2 {
        words.concat()
    } else {
        String::new()
    };
    Phrase {
        words,
        stems,
        compound,
        cjk,
    }
}

enum Unit {
    Words(Vec<(String, usize)>),
    Cjk(Vec<String>),
}

struct Plan {
    clauses: Vec<Clause>,
    marks: Vec<u32>,
}

/// One part of the query that a card must match: any of its alternatives.
#[derive(Debug)]
struct Clause {
    /// What the query said, to count a repeated clause once.
    key: String,
    alts: Vec<Alt>,
    /// A lone stopword: dropped when the query has anything else.
    stop: bool,
}

impl Clause {
    fn single(key: String, atoms: Vec<Vec<(u32, f32)>>) -> Self {
        Self {
            key,
            alts: vec![Alt { weight: 1.0, atoms }],
            stop: false,
        }
    }
}

/// An alternative matches a card that has a term of every atom; it scores the mean of its atoms'
/// scores, times `weight`.
#[derive(Debug)]
struct Alt {
    weight: f32,
    /// Each atom: the terms that satisfy it, with their weights.
    atoms: Vec<Vec<(u32, f32)>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: u32, q: &str, a: &str) -> SearchDoc {
        SearchDoc {
            id,
            question_en: q.to_string().into(),
            answer_en: a.to_string().into(),
            ..SearchDoc::default()
        }
    }

    fn small() -> SearchIndex {
        SearchIndex::new([
            doc(
                3,
                "What is top-p sampling?",
                "Nucleus sampling keeps the top tokens.",
            ),
            doc(
                1,
                "What is attention?",
                "Attention weighs tokens. 注意力机制",
            ),
            doc(
                2,
                "How are embeddings trained?",
                "Embedding vectors are learned.",
            ),
            doc(4, "Mixture of Experts", "MoE routes tokens to experts."),
            doc(5, "Chain-of-thought prompting", "CoT reasons step by step."),
        ])
    }

    fn ids(r: &SearchResults) -> Vec<u32> {
        r.ids().collect()
    }

    #[test]
    fn docs_are_sorted_and_empty_query_lists_all() {
        let ix = small();
        assert_eq!(ids(&ix.search("", None)), [1, 2, 3, 4, 5]);
        assert_eq!(ids(&ix.search("  \t\n ", None)), [1, 2, 3, 4, 5]);
        assert_eq!(ids(&ix.search("?!… 🙂", None)), [1, 2, 3, 4, 5]);
        assert!(ix.search("", None).is_everything());
    }

    #[test]
    fn synonyms_expand_in_both_directions() {
        let ix = small();
        for q in ["top-p", "top p", "topp", "nucleus", "Top-P"] {
            assert_eq!(ids(&ix.search(q, None)), [3], "{q}");
        }
        for q in [
            "moe",
            "mixture of experts",
            "Mixture-of-Experts",
            "混合专家",
        ] {
            assert_eq!(ids(&ix.search(q, None)), [4], "{q}");
        }
        for q in [
            "cot",
            "chain of thought",
            "chain-of-thought",
            "chainofthought",
        ] {
            assert_eq!(ids(&ix.search(q, None)), [5], "{q}");
        }
    }

    #[test]
    fn synonym_phrases_are_recognised_in_longer_queries() {
        let ix = small();
        let plan = ix.plan("mixture of experts routes");
        assert_eq!(plan.clauses.len(), 2);
        let plan = ix.plan("what is the top p");
        assert_eq!(plan.clauses.len(), 1); // stopwords dropped, `top p` one clause
        assert!(plan.clauses[0].alts.len() >= 3);
    }

    #[test]
    fn stems_prefixes_and_typos() {
        let ix = small();
        assert_eq!(ids(&ix.search("embeddings", None)), [2]);
        assert_eq!(ids(&ix.search("embedded", None)), [2]);
        assert_eq!(ids(&ix.search("atten", None)), [1]); // completion
        assert_eq!(ids(&ix.search("atten ", None)), Vec::<u32>::new()); // finished word: none
        assert_eq!(ids(&ix.search("atention", None)), [1]); // one typo
        assert_eq!(ids(&ix.search("atentoin", None)), [1]); // two edits at 8 letters
        assert_eq!(ids(&ix.search("atentoi", None)), Vec::<u32>::new()); // 7 letters: one edit
        let mut typo = ids(&ix.search("tokenz", None));
        typo.sort_unstable();
        assert_eq!(typo, [1, 3, 4]); // `tokens`
        assert_eq!(ids(&ix.search("nuclesu", None)), [3]); // transposition
    }

    #[test]
    fn typos_are_only_tried_for_unknown_words() {
        let ix = small();
        // `keeps` exists, so it is not also read as a typo of anything.
        let plan = ix.plan("keeps ");
        assert_eq!(plan.clauses[0].alts[0].atoms[0].len(), 1);
    }

    #[test]
    fn cjk_uses_bigrams_and_single_characters() {
        let ix = small();
        assert_eq!(ids(&ix.search("注意力", None)), [1]);
        assert_eq!(ids(&ix.search("意", None)), [1]);
        assert_eq!(ids(&ix.search("注意机", None)).len(), 1); // partial: 注意 yes, 意机 no
        assert!(ix.search("注意机", None).partial);
        assert_eq!(ix.plan("注意力机制").clauses.len(), 4);
    }

    #[test]
    fn partial_results_rank_by_clauses_matched() {
        let ix = small();
        let r = ix.search("attention experts zebra", None);
        assert!(r.partial);
        assert_eq!(r.clauses, 3);
        assert_eq!(ids(&r).len(), 2);
        assert!(r.hits.iter().all(|h| h.matched == 1));
        let r = ix.search("attention tokens", None);
        assert!(!r.partial);
        assert_eq!(ids(&r), [1]);
    }

    #[test]
    fn stopwords_are_dropped_unless_alone() {
        let ix = small();
        assert_eq!(ix.plan("what is attention").clauses.len(), 1);
        assert_eq!(ix.plan("what is").clauses.len(), 2);
        assert_eq!(ids(&ix.search("what is", None)), [1, 3]);
    }

    #[test]
    fn topic_filter_applies_before_partial() {
        let mut a = doc(1, "attention", "");
        a.topic_indices = vec![0];
        let mut b = doc(2, "attention lora", "");
        b.topic_indices = vec![1];
        let ix = SearchIndex::new([a, b]);
        assert_eq!(ids(&ix.search("attention lora", None)), [2]);
        let r = ix.search("attention lora", Some(0));
        assert!(r.partial);
        assert_eq!(ids(&r), [1]);
        assert_eq!(ids(&ix.search("", Some(1))), [2]);
        assert!(ix.search("", Some(7)).hits.is_empty());
    }

    #[test]
    fn huge_queries_are_cut() {
        let ix = small();
        let q = "attention ".repeat(2000);
        let plan = ix.plan(&q);
        assert!(plan.clauses.len() <= MAX_QUERY_TERMS);
        assert_eq!(ids(&ix.search(&q, None)), [1]);
        let varied: String = (0..10_000u32)
            .filter_map(|i| char::from_u32(0x4E00 + i % 700))
            .collect();
        assert_eq!(ix.plan(&varied).clauses.len(), MAX_QUERY_TERMS);
        // Repeats count once.
        assert_eq!(ix.plan(&"注".repeat(10_000)).clauses.len(), 1);
        assert_eq!(ix.plan("attention attention Attention ").clauses.len(), 1);
    }

    #[test]
    fn highlight_marks_what_matched() {
        let ix = small();
        let r = ix.search("nucleus", None);
        let h = ix.highlight(&r, &r.hits[0]);
        let q: Vec<(&str, bool)> = h
            .question_en
            .segments()
            .iter()
            .map(|s| (s.text, s.hit))
            .collect();
        assert_eq!(
            q,
            [("What is ", false), ("top-p", true), (" sampling?", false)]
        );
        let e: Vec<(&str, bool)> = h
            .excerpt_en
            .segments()
            .iter()
            .map(|s| (s.text, s.hit))
            .collect();
        assert_eq!(e[0], ("Nucleus", true));
        // An empty query marks nothing.
        let r = ix.search("", None);
        let h = ix.highlight(&r, &r.hits[0]);
        assert!(h.question_en.ranges.is_empty() && h.excerpt_en.ranges.is_empty());
    }

    #[test]
    fn scores_prefer_questions_and_break_ties_by_id() {
        let ix = SearchIndex::new([
            doc(
                2,
                "Other",
                "Mentions softmax once among many other words here.",
            ),
            doc(1, "Why softmax?", "Because."),
            doc(4, "Same", "Same text softmax."),
            doc(3, "Same", "Same text softmax."),
        ]);
        assert_eq!(ids(&ix.search("softmax", None)), [1, 3, 4, 2]);
    }

    /// A note is searched as part of its answer, in both languages, and a card found only by its
    /// note shows the note's matching words as its excerpt.
    #[test]
    fn notes_are_searched_and_excerpted() {
        let mut d = doc(4, "What is a mixture?", "Experts share the load.");
        d.note_en = "Routing happens per token in every layer.".into();
        d.note_zh = "路由在每一层对每个标记进行。".into();
        let index = SearchIndex::new([d, doc(5, "What is routing?", "Roads.")]);
        let r = index.search("per token", None);
        assert_eq!(ids(&r), [4]);
        let h = index.highlight(&r, &r.hits[0]);
        assert!(
            h.excerpt_en.text.contains("per token"),
            "{:?}",
            h.excerpt_en.text
        );
        assert!(!h.excerpt_en.ranges.is_empty());
        assert_eq!(ids(&index.search("每个标记", None)), [4]);
    }

    #[test]
    fn empty_index_is_fine() {
        let ix = SearchIndex::default();
        assert!(ix.search("anything", None).hits.is_empty());
        assert!(ix.search("", None).hits.is_empty());
        assert!(ix.is_empty());
    }
}
