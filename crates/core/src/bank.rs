//! The question bank as typed static data.
//!
//! `assets/questions.toml` is checked and converted at build time (by `build.rs`, with the
//! `bankgen` crate): formulas are already MathML, and a malformed bank fails the build.
//!
//! **The text of the questions** (titles, answers, editor's notes) is static data in every build but
//! one: with the feature `runtime-text` (the app's first stage, whose every byte each reader downloads)
//! it is not in the program. There each language's text is installed at run time
//! ([`install_texts`]): the page's own language read from the prerendered page itself, which already
//! holds it, and a language the page does not hold from its data file ([`TEXT_FILES`], made by
//! bankgen next to the pages and read by [`parse_texts`]) when it is first needed.

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
    /// The editor's note under the answer, where the author's text needs correcting: its source
    /// here, its text in [`Text::note`].
    pub note: Option<Note>,
}

/// An editor's note: what is more accurate than the author's answer and why, in both languages
/// ([`Text::note`]), with a primary source (authors, title, year), given here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Text {
    /// The answer as HTML: paragraphs, lists and MathML, text escaped at build time (bankgen), so
    /// safe to insert as markup. One static string per answer, where a tree of blocks would have to
    /// be built, hydrated and compared element by element on every render.
    pub answer_html: &'static str,
    /// Plain text for search: formulas as their TeX source, without `$`.
    pub question_plain: &'static str,
    /// Plain text for search: one line per paragraph, list item or display formula.
    pub answer_plain: &'static str,
    /// The editor's note, plain text; empty when the question has none.
    pub note: &'static str,
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
    /// The question in `lang`. Where the text is installed at run time and `lang`'s is not (yet),
    /// every field is empty: a view must not show a language before [`has_texts`] says it is there.
    pub fn text(&self, lang: Lang) -> Text {
        let at = usize::from(self.id) - 1;
        texts(lang)
            .and_then(|t| t.get(at).copied())
            .unwrap_or_default()
    }

    /// The question in English (`text(Lang::En)`).
    pub fn en(&self) -> Text {
        self.text(Lang::En)
    }

    /// The question in Chinese (`text(Lang::Zh)`).
    pub fn zh(&self) -> Text {
        self.text(Lang::Zh)
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

/// A language's text as a data file: its content-hashed name, and (except in `runtime-text`
/// builds, which fetch it) its JSON, for the prerenderer to write next to the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextFile {
    pub name: &'static str,
    pub json: &'static str,
}

#[cfg(not(feature = "runtime-text"))]
macro_rules! text_json {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $file))
    };
}

#[cfg(feature = "runtime-text")]
macro_rules! text_json {
    ($file:literal) => {
        ""
    };
}

/// How much of a language's text is installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Have {
    /// What the cards show (titles, answers, notes), read from the page: enough to render, not to
    /// search (no plain text of the answers).
    Shown,
    /// All of it, the search's plain text included.
    All,
}

#[cfg(not(feature = "runtime-text"))]
fn texts(lang: Lang) -> Option<&'static [Text]> {
    Some(TEXTS.get(lang))
}

/// How much of `lang`'s text there is. Builds with static text have all of it.
#[cfg(not(feature = "runtime-text"))]
pub fn has_texts(_lang: Lang) -> Option<Have> {
    Some(Have::All)
}

/// Each language's installed text, and how much of it.
#[cfg(feature = "runtime-text")]
type Installed = [Option<(&'static [Text], Have)>; 2];

#[cfg(feature = "runtime-text")]
std::thread_local! {
    static INSTALLED: std::cell::Cell<Installed> = const { std::cell::Cell::new([None, None]) };
}

#[cfg(feature = "runtime-text")]
fn texts(lang: Lang) -> Option<&'static [Text]> {
    INSTALLED.with(|i| i.get()[lang.index()]).map(|(t, _)| t)
}

/// How much of `lang`'s text is installed, if any.
#[cfg(feature = "runtime-text")]
pub fn has_texts(lang: Lang) -> Option<Have> {
    INSTALLED.with(|i| i.get()[lang.index()]).map(|(_, h)| h)
}

/// Installs `lang`'s text, one entry per question in id order, as read from the page (`Have::Shown`)
/// or from its data file (`Have::All`). Text read from the page stays what the cards show: the data
/// file then adds only the search's plain text, so that no card is rendered again for the same text
/// serialised another way. The strings live as long as the page (installed once or twice per
/// language). Returns false, and changes nothing, when `texts` is not one entry per question.
#[cfg(feature = "runtime-text")]
pub fn install_texts(lang: Lang, texts: Vec<Text>, have: Have) -> bool {
    if texts.len() != QUESTIONS.len() {
        return false;
    }
    let texts = match (self::texts(lang), have) {
        (Some(shown), Have::All) => shown
            .iter()
            .zip(texts)
            .map(|(s, t)| Text {
                answer_plain: t.answer_plain,
                ..*s
            })
            .collect(),
        _ => texts,
    };
    let texts: &'static [Text] = Vec::leak(texts);
    INSTALLED.with(|i| {
        let mut now = i.get();
        let have = now[lang.index()].map_or(have, |(_, h)| h.max(have));
        now[lang.index()] = Some((texts, have));
        i.set(now);
    });
    true
}

/// Reads a language's data file (`TEXT_FILES`): one entry per question, in id order, every field a
/// string. The file is fetched, so it is checked like any input: a file that does not fit is
/// refused with the reason, never half used.
pub fn parse_texts(json: &str, lang: Lang) -> Result<Vec<Text>, String> {
    use crate::json::Value;
    let value = crate::json::parse(json).map_err(|e| e.to_string())?;
    let Value::Object(top) = value else {
        return Err("not a JSON object".into());
    };
    if top.get("version") != Some(&Value::Number(1.0)) {
        return Err("not version 1".into());
    }
    let code = lang.code();
    if top.get("lang") != Some(&Value::String(code.into())) {
        return Err(format!("not the text in {code}"));
    }
    let Some(Value::Array(items)) = top.get("questions") else {
        return Err("no list of questions".into());
    };
    if items.len() != QUESTIONS.len() {
        return Err(format!(
            "{} questions, not {}",
            items.len(),
            QUESTIONS.len()
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for (item, q) in items.iter().zip(QUESTIONS) {
        let Value::Object(o) = item else {
            return Err(format!("question {}: not an object", q.id));
        };
        if o.get("id") != Some(&Value::Number(f64::from(q.id))) {
            return Err(format!("question {}: another id", q.id));
        }
        let field = |name: &str| match o.get(name) {
            Some(Value::String(s)) => Ok(s.as_str()),
            _ => Err(format!("question {}: no {name}", q.id)),
        };
        out.push([
            field("question")?,
            field("answer_html")?,
            field("answer_plain")?,
            field("note")?,
        ]);
    }
    // Only a file that fits as a whole is kept, for as long as the page.
    let keep = |s: &str| -> &'static str { Box::leak(s.into()) };
    Ok(out
        .into_iter()
        .map(|[question, answer_html, answer_plain, note]| Text {
            question_plain: keep(question),
            answer_html: keep(answer_html),
            answer_plain: keep(answer_plain),
            note: keep(note),
        })
        .collect())
}

// Defines `SOURCE: Source`, `TOPICS: &[Topic]`, `QUESTIONS: &[Question]` (sorted by id),
// `TRANSLATIONS: &[Translation]`, `TEXT_FILES` and, without `runtime-text`, `TEXTS`.
include!(concat!(env!("OUT_DIR"), "/bank_data.rs"));
