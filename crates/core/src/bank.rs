//! The question bank as typed static data.
//!
//! `assets/questions.toml` is checked and converted at build time (by `build.rs`, with the
//! `bankgen` crate): formulas are already MathML, and a malformed bank fails the build. Nothing is
//! parsed when the app starts.

use crate::i18n::Lang;

/// Where the questions come from, with its introduction and conclusion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: &'static str,
    pub author: &'static str,
    pub date: &'static str,
    pub intro: Localized<&'static [Block]>,
    pub conclusion: Localized<&'static [Block]>,
}

/// The same thing in English and in Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Localized<T> {
    pub en: T,
    pub zh: T,
}

impl<T> Localized<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A group of questions, such as "Attention & Transformers".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Topic {
    /// ASCII slug, stable for URLs.
    pub id: &'static str,
    pub name: Localized<&'static str>,
}

/// Questions are equal when they are the same question: the bank is validated at build time to give
/// each its own id, so comparing ids is enough. (A derived comparison would walk both languages' whole
/// text, which the views do for every card on every render.)
#[derive(Clone, Copy, Debug)]
pub struct Question {
    /// 1 to 50.
    pub id: u8,
    /// One or two indices into [`TOPICS`].
    pub topics: &'static [usize],
    pub en: Text,
    pub zh: Text,
    /// The editor's note under the answer, where the author's text needs correcting.
    pub note: Option<Note>,
}

/// An editor's note: what is more accurate than the author's answer and why, in both languages,
/// with a primary source (authors, title, year). Plain text, shown and searched as is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
    pub text: Localized<&'static str>,
    pub reference: &'static str,
}

/// Which text of a question a translation note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Question,
    Answer,
}

/// A sentence of the Chinese text this app words differently from the source (checked at build
/// time: `after` is in the bank, `before` no longer is). Why each was changed is said in the bank,
/// in both languages; the app shows the two wordings side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Translation {
    pub question: u8,
    pub field: Field,
    /// The earlier wording was this app's own translation (the source gives that text in English
    /// only), not the source's Chinese.
    pub ours: bool,
    pub before: &'static str,
    pub after: &'static str,
}

/// A question and its answer in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// The answer as HTML: paragraphs, lists and MathML, text escaped at build time (bankgen), so
    /// safe to insert as markup. One static string per answer, where a tree of blocks would have to
    /// be built, hydrated and compared element by element on every render.
    pub answer_html: &'static str,
    /// Plain text for search: formulas as their TeX source, without `$`.
    pub question_plain: &'static str,
    /// Plain text for search: one line per paragraph, list item or display formula.
    pub answer_plain: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Para(&'static [Inline]),
    Bullets(&'static [&'static [Inline]]),
    /// A numbered list.
    Steps(&'static [&'static [Inline]]),
    /// A display formula; its MathML has `display="block"`.
    Math(Formula),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(&'static str),
    Math(Formula),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formula {
    pub tex: &'static str,
    /// A complete `<math>…</math>` element, checked at build time to hold only MathML Core
    /// elements and presentation attributes: safe to insert as raw HTML.
    pub mathml: &'static str,
}

impl PartialEq for Question {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Question {}

impl Question {
    pub fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    pub fn topics(&self) -> impl Iterator<Item = &'static Topic> {
        self.topics.iter().map(|&i| &TOPICS[i])
    }
}

/// The question with this id, if any.
pub fn question(id: u8) -> Option<&'static Question> {
    // QUESTIONS holds ids 1..=50 in order (checked at build time), so the id is the index + 1.
    let q = QUESTIONS.get(usize::from(id).checked_sub(1)?)?;
    (q.id == id).then_some(q)
}

/// The topic with this id, if any.
pub fn topic(id: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.id == id)
}

// Defines `SOURCE: Source`, `TOPICS: &[Topic]`, `QUESTIONS: &[Question]` (sorted by id) and
// `TRANSLATIONS: &[Translation]`.
include!(concat!(env!("OUT_DIR"), "/bank_data.rs"));
