//! Build-time validation and code generation for the question bank.
//!
//! `crates/core/build.rs` calls [`generate_file`]: it reads `assets/questions.toml`, checks it
//! (every problem is reported, each named like `question 12, zh.answer: ...`), converts the
//! formulas to MathML and writes Rust source that builds `llm_qa_core::bank`'s statics.

mod codegen;
pub mod lang;
pub mod markup;
pub mod math;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;

pub use markup::{Block, Formula, Inline};

/// The number of questions in the bank: ids are exactly `1..=QUESTION_COUNT`.
pub const QUESTION_COUNT: u8 = 50;

/// A checked bank: every field parsed, every formula converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bank {
    pub source: Source,
    pub topics: Vec<Topic>,
    /// Sorted by id.
    pub questions: Vec<Question>,
    /// Where this bank's Chinese differs from the source's, in file order.
    pub translations: Vec<Translation>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub author: String,
    pub date: String,
    pub intro: Pair<Vec<Block>>,
    pub conclusion: Pair<Vec<Block>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Pair<T> {
    pub en: T,
    pub zh: T,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub name: Pair<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: u8,
    /// Indices into [`Bank::topics`].
    pub topics: Vec<usize>,
    pub text: Pair<Text>,
    pub note: Option<Note>,
}

/// An editor's note under an answer: what a careful interviewer would correct, in both languages,
/// with a primary source to check it against. Plain text (no formulas), one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub text: Pair<String>,
    pub reference: String,
}

/// One sentence of the Chinese text changed from the source's wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    pub question: u8,
    /// `"question"` or `"answer"`.
    pub field: String,
    /// The earlier wording was this app's own translation (the source has that text in English
    /// only), not the source's Chinese.
    pub ours: bool,
    pub before: String,
    pub after: String,
    /// Why it was changed: kept in the bank for its readers (checked, not shown by the app).
    pub why: Pair<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub question: Vec<Inline>,
    pub answer: Vec<Block>,
    pub question_plain: String,
    pub answer_plain: String,
}

/// Everything wrong with a bank, one line each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problems(pub Vec<String>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "the question bank has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.0 {
            writeln!(f, "  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// What the bank must hold. Tests use a smaller bank than the real one.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    pub question_count: u8,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            question_count: QUESTION_COUNT,
        }
    }
}

/// Reads, checks and converts the bank at `toml_path`, and writes the Rust source to `out_path`.
pub fn generate_file(toml_path: &Path, out_path: &Path) -> Result<(), String> {
    let src = std::fs::read_to_string(toml_path)
        .map_err(|e| format!("cannot read the question bank {}: {e}", toml_path.display()))?;
    let bank =
        check(&src, Rules::default()).map_err(|p| format!("{}: {p}", toml_path.display()))?;
    let code = generate(&bank);
    let files = codegen::texts_files(&bank);
    let dir = out_path.parent().unwrap_or(Path::new("."));
    for (path, text) in [
        (out_path.to_path_buf(), code),
        (dir.join("texts-en.json"), files.en.1),
        (dir.join("texts-zh.json"), files.zh.1),
    ] {
        // Rewrite only on change, so an unchanged bank does not rebuild the core crate.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The Rust source that defines `SOURCE`, `TOPICS` and `QUESTIONS` for `bank.rs`.
pub fn generate(bank: &Bank) -> String {
    codegen::generate(bank)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawBank {
    source: RawSource,
    topics: Vec<RawTopic>,
    questions: Vec<RawQuestion>,
    translations: Vec<RawTranslation>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawTranslation {
    question: Option<i64>,
    field: String,
    origin: String,
    before: String,
    after: String,
    why: RawPair,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSource {
    title: String,
    author: String,
    date: String,
    intro: RawPair,
    conclusion: RawPair,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawPair {
    en: String,
    zh: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawTopic {
    id: String,
    en: String,
    zh: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawQuestion {
    id: Option<i64>,
    topics: Vec<String>,
    en: RawText,
    zh: RawText,
    note: Option<RawNote>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawNote {
    en: String,
    zh: String,
    #[serde(rename = "ref")]
    reference: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawText {
    question: String,
    answer: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    En,
    Zh,
}

/// Collects problems, each prefixed with where it is.
struct Report {
    problems: Vec<String>,
    conv: math::Converter,
}

impl Report {
    fn push(&mut self, place: &str, msg: impl fmt::Display) {
        self.problems.push(format!("{place}: {msg}"));
    }

    /// Checks a field's language and that it is not blank. Returns false when it is blank.
    fn text_field(&mut self, place: &str, value: &str, lang: Language) -> bool {
        if value.trim().is_empty() {
            self.push(place, "missing or empty");
            return false;
        }
        match lang {
            Language::En => {
                if let Some(runs) = lang::cjk_runs(value) {
                    self.push(place, format!("English text contains Chinese: {runs}"));
                }
            }
            Language::Zh => {
                if !value.chars().any(lang::is_han) {
                    self.push(place, "Chinese text has no Chinese character");
                }
            }
        }
        true
    }

    /// In Chinese text, the text outside formulas must not hold an English sentence.
    fn english_leftovers(&mut self, place: &str, lines: &[&[Inline]]) {
        for line in lines {
            for inline in line.iter() {
                if let Inline::Text(t) = inline {
                    if let Some(run) = lang::english_run(t) {
                        self.push(
                            place,
                            format!("untranslated English in Chinese text: {run:?}"),
                        );
                    }
                }
            }
        }
    }

    fn blocks(&mut self, place: &str, value: &str, lang: Language) -> Vec<Block> {
        if !self.text_field(place, value, lang) {
            return Vec::new();
        }
        match markup::blocks(value, &self.conv) {
            Ok(blocks) => {
                if lang == Language::Zh {
                    let mut lines: Vec<&[Inline]> = Vec::new();
                    for b in &blocks {
                        match b {
                            Block::Para(l) => lines.push(l),
                            Block::Bullets(items) | Block::Steps(items) => {
                                lines.extend(items.iter().map(Vec::as_slice));
                            }
                            Block::Math(_) => {}
                        }
                    }
                    self.english_leftovers(place, &lines);
                }
                blocks
            }
            Err(errors) => {
                for e in errors {
                    self.push(place, e);
                }
                Vec::new()
            }
        }
    }

    fn line(&mut self, place: &str, value: &str, lang: Language) -> Vec<Inline> {
        if !self.text_field(place, value, lang) {
            return Vec::new();
        }
        match markup::single_paragraph(value, &self.conv) {
            Ok(line) => {
                if lang == Language::Zh {
                    self.english_leftovers(place, &[&line]);
                }
                line
            }
            Err(errors) => {
                for e in errors {
                    self.push(place, e);
                }
                Vec::new()
            }
        }
    }

    /// A note's text in one language: one paragraph of plain text (stored once, shown and searched
    /// as is, so it adds little to the first load).
    fn note_text(&mut self, place: &str, value: &str, lang: Language) -> String {
        let line = self.line(place, value, lang);
        if line.iter().any(|i| matches!(i, Inline::Math(_))) {
            self.push(place, "a note is plain text: write it without formulas");
        }
        markup::inline_plain(&line)
    }

    /// Checks a `[[translations]]` entry against the bank: the new wording is in that question's
    /// Chinese text and the old one is gone, so the list cannot drift from the text it describes.
    fn translation(
        &mut self,
        i: usize,
        t: &RawTranslation,
        questions: &[RawQuestion],
    ) -> Option<Translation> {
        let place = format!("translation #{} (in file order)", i + 1);
        let before = self.plain(&format!("{place}, before"), &t.before);
        let after = self.plain(&format!("{place}, after"), &t.after);
        let why = Pair {
            en: t.why.en.trim().to_string(),
            zh: t.why.zh.trim().to_string(),
        };
        self.text_field(&format!("{place}, why.en"), &why.en, Language::En);
        self.text_field(&format!("{place}, why.zh"), &why.zh, Language::Zh);
        let ours = match t.origin.as_str() {
            "source" => false,
            "app" => true,
            _ => {
                self.push(&place, "origin must be \"source\" or \"app\"");
                false
            }
        };
        let Some(q) = t
            .question
            .and_then(|id| questions.iter().find(|q| q.id == Some(id)))
        else {
            self.push(&place, "question missing or not in the bank");
            return None;
        };
        let text = match t.field.as_str() {
            "question" => &q.zh.question,
            "answer" => &q.zh.answer,
            _ => {
                self.push(&place, "field must be \"question\" or \"answer\"");
                return None;
            }
        };
        if before.is_empty() || after.is_empty() {
            return None;
        }
        if before == after {
            self.push(&place, "before and after are the same");
        }
        if !text.contains(after.as_str()) {
            self.push(&place, format!("the new wording is not in zh.{}", t.field));
        }
        if text.contains(before.as_str()) {
            self.push(
                &place,
                format!("the old wording is still in zh.{}", t.field),
            );
        }
        Some(Translation {
            question: u8::try_from(q.id?).ok()?,
            field: t.field.clone(),
            ours,
            before,
            after,
            why,
        })
    }

    fn plain(&mut self, place: &str, value: &str) -> String {
        if value.trim().is_empty() {
            self.push(place, "missing or empty");
        }
        value.trim().to_string()
    }
}

/// Parses and checks a bank. On failure, every problem found, in file order.
pub fn check(src: &str, rules: Rules) -> Result<Bank, Problems> {
    let raw: RawBank = toml::from_str(src).map_err(|e| {
        Problems(vec![format!(
            "not valid TOML or not the bank's schema: {}",
            e.to_string().trim_end()
        )])
    })?;
    let mut r = Report {
        problems: Vec::new(),
        conv: math::Converter::new(),
    };

    let s = &raw.source;
    let source = Source {
        title: r.plain("source, title", &s.title),
        author: r.plain("source, author", &s.author),
        date: r.plain("source, date", &s.date),
        intro: Pair {
            en: r.blocks("source, intro.en", &s.intro.en, Language::En),
            zh: r.blocks("source, intro.zh", &s.intro.zh, Language::Zh),
        },
        conclusion: Pair {
            en: r.blocks("source, conclusion.en", &s.conclusion.en, Language::En),
            zh: r.blocks("source, conclusion.zh", &s.conclusion.zh, Language::Zh),
        },
    };

    let mut topics = Vec::new();
    let mut topic_index: BTreeMap<&str, usize> = BTreeMap::new();
    if raw.topics.is_empty() {
        r.push("topics", "no [[topics]] defined");
    }
    for (i, t) in raw.topics.iter().enumerate() {
        let place = if t.id.trim().is_empty() {
            format!("topic #{} (in file order)", i + 1)
        } else {
            format!("topic {}", t.id)
        };
        if t.id.trim().is_empty() {
            r.push(&place, "id missing or empty");
        } else if !is_slug(&t.id) {
            r.push(
                &place,
                "id must be an ASCII slug: lowercase letters, digits, `-` or `_`, starting with a letter",
            );
        } else if topic_index.insert(&t.id, i).is_some() {
            r.push(&place, "topic id defined more than once");
        }
        r.text_field(&format!("{place}, en"), &t.en, Language::En);
        if r.text_field(&format!("{place}, zh"), &t.zh, Language::Zh) {
            if let Some(run) = lang::english_run(&t.zh) {
                r.push(
                    &format!("{place}, zh"),
                    format!("untranslated English in Chinese text: {run:?}"),
                );
            }
        }
        topics.push(Topic {
            id: t.id.clone(),
            name: Pair {
                en: t.en.trim().to_string(),
                zh: t.zh.trim().to_string(),
            },
        });
    }

    let mut questions = Vec::new();
    let mut seen: BTreeMap<i64, usize> = BTreeMap::new();
    let mut used_topics: HashSet<usize> = HashSet::new();
    for (i, q) in raw.questions.iter().enumerate() {
        let place = match q.id {
            Some(id) => format!("question {id}"),
            None => format!("question #{} (in file order)", i + 1),
        };
        let id = match q.id {
            None => {
                r.push(&place, "id missing");
                None
            }
            Some(id) if !(1..=i64::from(rules.question_count)).contains(&id) => {
                r.push(
                    &place,
                    format!("id out of range 1..={}", rules.question_count),
                );
                None
            }
            Some(id) => {
                let n = seen.entry(id).or_insert(0);
                *n += 1;
                if *n == 2 {
                    r.push(&place, "id used by more than one [[questions]] entry");
                }
                u8::try_from(id).ok()
            }
        };

        if !(1..=2).contains(&q.topics.len()) {
            r.push(
                &format!("{place}, topics"),
                format!("needs 1 or 2 topics, has {}", q.topics.len()),
            );
        }
        let mut tix = Vec::new();
        for t in &q.topics {
            match topic_index.get(t.as_str()) {
                Some(&ix) if tix.contains(&ix) => {
                    r.push(
                        &format!("{place}, topics"),
                        format!("topic {t:?} listed twice"),
                    );
                }
                Some(&ix) => {
                    tix.push(ix);
                    used_topics.insert(ix);
                }
                None => r.push(&format!("{place}, topics"), format!("unknown topic {t:?}")),
            }
        }

        let mut texts = |lang: Language, raw: &RawText| {
            let tag = if lang == Language::En { "en" } else { "zh" };
            let question = r.line(&format!("{place}, {tag}.question"), &raw.question, lang);
            let answer = r.blocks(&format!("{place}, {tag}.answer"), &raw.answer, lang);
            Text {
                question_plain: markup::inline_plain(&question),
                answer_plain: markup::blocks_plain(&answer),
                question,
                answer,
            }
        };
        let text = Pair {
            en: texts(Language::En, &q.en),
            zh: texts(Language::Zh, &q.zh),
        };
        let note = q.note.as_ref().map(|n| Note {
            text: Pair {
                en: r.note_text(&format!("{place}, note.en"), &n.en, Language::En),
                zh: r.note_text(&format!("{place}, note.zh"), &n.zh, Language::Zh),
            },
            reference: r.plain(&format!("{place}, note.ref"), &n.reference),
        });
        if let Some(id) = id {
            questions.push(Question {
                id,
                topics: tix,
                text,
                note,
            });
        }
    }
    let translations = raw
        .translations
        .iter()
        .enumerate()
        .filter_map(|(i, t)| r.translation(i, t, &raw.questions))
        .collect();
    for id in 1..=rules.question_count {
        if !seen.contains_key(&i64::from(id)) {
            r.push("questions", format!("no question with id {id}"));
        }
    }
    for (i, t) in topics.iter().enumerate() {
        if topic_index.get(t.id.as_str()) == Some(&i) && !used_topics.contains(&i) {
            r.push(&format!("topic {}", t.id), "not used by any question");
        }
    }

    if r.problems.is_empty() {
        questions.sort_by_key(|q| q.id);
        Ok(Bank {
            source,
            topics,
            questions,
            translations,
        })
    } else {
        Err(Problems(r.problems))
    }
}

fn is_slug(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests;
