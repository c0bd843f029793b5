//! The real bank, as built from `assets/questions.toml`: complete, bilingual, with its formulas
//! and with sentences of the source document in the right question and language.
//!
//! (Without the bank file the crate does not build at all: `build.rs` fails naming it.)

use llm_qa_core::bank::{
    self, parse_texts, Block, Inline, Question, Text, QUESTIONS, SOURCE, TEXT_FILES, TOPICS,
};
use llm_qa_core::i18n::Lang;

const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

fn q(id: u8) -> &'static Question {
    bank::question(id).unwrap_or_else(|| panic!("no question {id}"))
}

fn inlines_nonempty(line: &[Inline]) -> bool {
    !line.is_empty()
        && line.iter().all(|i| match i {
            Inline::Text(t) => !t.is_empty(),
            Inline::Math(f) => !f.tex.trim().is_empty() && f.mathml.starts_with("<math"),
        })
}

fn blocks_nonempty(blocks: &[Block]) -> bool {
    !blocks.is_empty()
        && blocks.iter().all(|b| match b {
            Block::Para(l) => inlines_nonempty(l),
            Block::Bullets(items) | Block::Steps(items) => {
                !items.is_empty() && items.iter().all(|l| inlines_nonempty(l))
            }
            Block::Math(f) => f.mathml.starts_with("<math display=\"block\">"),
        })
}

/// The pieces of `html` between each `open` and the next `close` (inclusive of `close`).
fn pieces<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.split(open)
        .skip(1)
        .filter_map(|rest| rest.find(close).map(|end| &rest[..end + close.len()]))
        .collect()
}

/// How bankgen opens a display formula's block (focusable: it scrolls when the formula is wide).
const MATH_BLOCK: &str = "<div class=\"math-block\" tabindex=\"0\">";

/// The display formulas of an answer, as MathML.
fn display_maths(html: &str) -> Vec<&str> {
    pieces(html, MATH_BLOCK, "</math>")
}

/// The inline formulas of an answer, as MathML.
fn inline_maths(html: &str) -> Vec<String> {
    pieces(html, "<math>", "</math>")
        .into_iter()
        .map(|m| format!("<math>{m}"))
        .collect()
}

/// An answer's HTML is blocks of text, lists and formulas, each closed, none empty.
fn answer_well_formed(html: &str) -> bool {
    let opens = |tag: &str| html.matches(&format!("<{tag}>")).count();
    let closes = |tag: &str| html.matches(&format!("</{tag}>")).count();
    !html.is_empty()
        && ["<p>", "<ul>", "<ol>", MATH_BLOCK]
            .iter()
            .any(|s| html.starts_with(s))
        && ["p", "ul", "ol", "li"]
            .iter()
            .all(|t| opens(t) == closes(t))
        && !html.contains("<p></p>")
        && !html.contains("<li></li>")
        && !html.contains("<script")
}

#[test]
fn fifty_questions_with_ids_1_to_50_in_order() {
    assert_eq!(QUESTIONS.len(), 50);
    for (i, q) in QUESTIONS.iter().enumerate() {
        assert_eq!(usize::from(q.id), i + 1);
        assert_eq!(bank::question(q.id), Some(q));
    }
    assert_eq!(bank::question(0), None);
    assert_eq!(bank::question(51), None);
}

#[test]
fn every_field_is_filled_in_both_languages() {
    assert!(!SOURCE.title.is_empty() && !SOURCE.author.is_empty() && !SOURCE.date.is_empty());
    for lang in LANGS {
        assert!(blocks_nonempty(SOURCE.intro.get(lang)), "intro {lang:?}");
        assert!(
            blocks_nonempty(SOURCE.conclusion.get(lang)),
            "conclusion {lang:?}"
        );
    }
    for q in QUESTIONS {
        for lang in LANGS {
            let t = q.text(lang);
            assert!(
                answer_well_formed(t.answer_html),
                "answer {}, {lang:?}",
                q.id
            );
            assert!(!t.question_plain.trim().is_empty(), "{} {lang:?}", q.id);
            assert!(!t.answer_plain.trim().is_empty(), "{} {lang:?}", q.id);
        }
        assert!((1..=2).contains(&q.topics.len()), "question {}", q.id);
    }
}

#[test]
fn chinese_text_is_chinese_and_english_text_is_not() {
    let han = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    for q in QUESTIONS {
        assert!(
            han(q.zh().question_plain) && han(q.zh().answer_plain),
            "question {}",
            q.id
        );
        assert!(
            !han(q.en().question_plain) && !han(q.en().answer_plain),
            "question {}",
            q.id
        );
    }
}

#[test]
fn the_formula_questions_have_display_math_as_mathml() {
    for id in [23, 24, 25, 26, 29, 30, 31, 32] {
        for lang in LANGS {
            let maths = display_maths(q(id).text(lang).answer_html);
            assert!(
                !maths.is_empty(),
                "question {id} {lang:?} has no display formula"
            );
            for f in maths {
                assert!(f.starts_with("<math display=\"block\">"), "{f}");
                assert!(f.ends_with("</math>"));
            }
        }
    }
    // Both languages carry the same formulas.
    for q in QUESTIONS {
        assert_eq!(
            display_maths(q.en().answer_html),
            display_maths(q.zh().answer_html),
            "question {}",
            q.id
        );
        assert_eq!(
            inline_maths(q.en().answer_html),
            inline_maths(q.zh().answer_html),
            "question {}",
            q.id
        );
    }
}

#[test]
fn formulas_are_converted_to_the_expected_mathml() {
    let display = |id: u8| match display_maths(q(id).en().answer_html).first() {
        Some(f) => f.to_string(),
        None => panic!("question {id} has no display formula"),
    };
    assert!(display(23).contains("<munder>") && display(23).contains("∑"));
    assert!(display(24).contains("<msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>"));
    assert!(display(26).contains("<mtext>logits</mtext>"));
    assert!(display(29).contains(">log</mo>"));
    assert!(display(30).contains("<mtable"));
    assert!(display(31).contains("⋅"));
    assert!(display(32).contains("<mtext>softmax</mtext>"));
    // Inline formulas: Q5's k = 5 and Q30's ReLU, with their TeX in the plain text.
    for lang in LANGS {
        assert_eq!(
            inline_maths(q(5).text(lang).answer_html),
            ["<math><mi>k</mi><mo>=</mo><mn>5</mn></math>"]
        );
        assert!(q(5).text(lang).answer_plain.contains("k = 5"));
        let relu = inline_maths(q(30).text(lang).answer_html);
        assert!(relu[0].contains(">max</mo>"), "{relu:?}");
        assert!(q(30).text(lang).answer_plain.contains(r"f(x) = \max(0, x)"));
    }
    // Plain text keeps the TeX, without dollars.
    assert!(q(5).en().answer_plain.contains("with k = 5, for instance"));
}

#[test]
fn every_topic_is_used_and_found_by_id() {
    assert!(!TOPICS.is_empty());
    for (i, t) in TOPICS.iter().enumerate() {
        assert!(
            QUESTIONS.iter().any(|q| q.topics.contains(&i)),
            "topic {} unused",
            t.id
        );
        assert_eq!(bank::topic(t.id), Some(t));
        assert!(!t.name.en.is_empty() && !t.name.zh.is_empty());
    }
    assert_eq!(bank::topic("no-such-topic"), None);
    let q23: Vec<&str> = q(23).topics().map(|t| t.id).collect();
    assert!(!q23.is_empty());
}

/// Sentences of the source document, with its line breaks rejoined and its slips fixed.
const SENTENCES: &[(u8, Lang, &str)] = &[
    (1, Lang::En, r#"For example, "artificial" might be split into "art," "ific," and "ial.""#),
    (4, Lang::En, "QLoRA can fine-tune a 70B-parameter model on a single GPU"),
    // Q7: a sentence split across a page break in the source, rejoined.
    (7, Lang::En, "enabling the model to grasp semantic relationships."),
    (7, Lang::Zh, "使模型能够掌握语义关系。"),
    (13, Lang::En, r#"A clear prompt, like "Summarize this article in 100 words," improves output relevance compared to vague instructions."#),
    // Q14: the source's "新技术据" fixed to "新数据".
    (14, Lang::Zh, "在训练过程中混合旧数据和新数据。"),
    (18, Lang::En, "Regularization: L1/L2 penalties simplify models."),
    // Q20: "GPT-3s" fixed to "GPT-3's".
    (20, Lang::En, "Handles up to 25,000 tokens versus GPT-3's 4,096."),
    // Q22: "models ability" fixed to "model's ability".
    (22, Lang::En, "This improves the model's ability to capture complex patterns."),
    (33, Lang::En, "These features make Gemini more stable and scalable than models like GPT-4."),
    (36, Lang::Zh, "检索: 使用查询嵌入获取相关文档。"),
    // Q38: another sentence rejoined across a page break.
    (38, Lang::En, "it breaks down calculations into logical steps, improving accuracy and interpretability in complex tasks like logical inference or multi-step queries."),
    (38, Lang::Zh, "从而提高在逻辑推理或多步骤查询等复杂任务中的准确性和可解释性"),
    (41, Lang::Zh, "LLM 可以在没有特定任务数据的情况下推断情感"),
    (45, Lang::En, "Analyze Patterns: Identify bias sources in data or prompts."),
    (50, Lang::Zh, "解决这些问题可以确保 LLM 的合乎道德和有效使用。"),
];

#[test]
fn source_sentences_are_in_the_right_question_and_language() {
    for &(id, lang, sentence) in SENTENCES {
        assert!(
            q(id).text(lang).answer_plain.contains(sentence),
            "question {id} {lang:?} lacks {sentence:?}:\n{}",
            q(id).text(lang).answer_plain
        );
        for other in QUESTIONS.iter().filter(|o| o.id != id) {
            assert!(
                !other.text(lang).answer_plain.contains(sentence),
                "{sentence:?} also in {}",
                other.id
            );
        }
    }
    assert!(SOURCE.conclusion.en.iter().any(|b| matches!(b,
        Block::Para(l) if l.iter().any(|i| matches!(i, Inline::Text(t) if t.contains("connect with me at Your LinkedIn Profile."))))));
}

#[test]
fn lists_keep_their_shape() {
    // Q14: three bullets in both languages; Q36 and Q45: three numbered steps.
    let count = |id: u8, lang: Lang, steps: bool| -> usize {
        let (open, close) = if steps {
            ("<ol>", "</ol>")
        } else {
            ("<ul>", "</ul>")
        };
        pieces(q(id).text(lang).answer_html, open, close)
            .iter()
            .map(|list| list.matches("<li>").count())
            .sum()
    };
    for lang in LANGS {
        assert_eq!(count(14, lang, false), 3);
        assert_eq!(count(36, lang, true), 3);
        assert_eq!(count(45, lang, true), 3);
        assert_eq!(count(50, lang, false), 4);
    }
}

/// The data file of each language (what the first stage fetches for a language its page does not
/// hold) reads back as exactly the static text.
#[test]
fn each_languages_data_file_reads_back_as_its_text() {
    for (lang, file) in [(Lang::En, TEXT_FILES.en), (Lang::Zh, TEXT_FILES.zh)] {
        let code = if lang == Lang::En { "en" } else { "zh" };
        assert!(
            file.name.starts_with(&format!("texts-{code}-")) && file.name.ends_with(".json"),
            "{}",
            file.name
        );
        let texts = parse_texts(file.json, lang).expect("the data file reads");
        let expected: Vec<Text> = QUESTIONS.iter().map(|q| q.text(lang)).collect();
        assert_eq!(texts, expected, "{code}");
        assert!(
            texts.iter().any(|t| !t.note.is_empty()),
            "notes are in the file"
        );
    }
    assert_ne!(TEXT_FILES.en.name, TEXT_FILES.zh.name);
}

/// A data file is fetched, so it is read like any input: one that does not fit is refused whole,
/// with the reason.
#[test]
fn a_data_file_that_does_not_fit_is_refused_with_the_reason() {
    let good = TEXT_FILES.en.json;
    let refused = |json: &str, lang: Lang, why: &str| {
        let err = parse_texts(json, lang).expect_err(why);
        assert!(err.contains(why), "{err:?} should say {why:?}");
    };
    refused(good, Lang::Zh, "not the text in zh");
    refused("", Lang::En, "unexpected end");
    refused("[]", Lang::En, "not a JSON object");
    refused(
        &good.replacen("\"version\":1", "\"version\":2", 1),
        Lang::En,
        "not version 1",
    );
    refused(
        &good.replacen("{\"id\":1,", "{\"id\":7,", 1),
        Lang::En,
        "question 1: another id",
    );
    refused(
        &good.replacen("\"answer_html\":", "\"answer_htm\":", 1),
        Lang::En,
        "question 1: no answer_html",
    );
    refused(
        &good.replacen("\"note\":\"", "\"note\":1,\"was\":\"", 1),
        Lang::En,
        "question 1: no note",
    );
    // One question fewer.
    let cut = good.find("\n{\"id\":50,").expect("question 50");
    refused(
        &format!("{}]}}", &good[..cut - 1]),
        Lang::En,
        "49 questions, not 50",
    );
}
