//! One test per validation rule: a small valid bank, then each rule broken on purpose.

use super::*;

const RULES: Rules = Rules { question_count: 2 };

const SOURCE: &str = r#"
[source]
title = "Top 2 Questions"
author = "Someone"
date = "May 2025"
intro.en = "Welcome."
intro.zh = "欢迎。"
conclusion.en = '''
Good luck.
'''
conclusion.zh = "祝你好运。"

[[topics]]
id = "tokenization"
en = "Tokenization"
zh = "分词"

[[topics]]
id = "math"
en = "Math"
zh = "数学"
"#;

const Q1: &str = r#"
[[questions]]
id = 1
topics = ["tokenization"]
en.question = "What is tokenization?"
en.answer = '''
Tokenization splits text into tokens, with $k = 5$ for instance.

- Words: whole words.
- Subwords: pieces such as BPE.
'''
zh.question = "什么是分词？"
zh.answer = '''
分词将文本拆分为标记，例如 $k = 5$。

- 单词：完整的单词。
- 子词：如 BPE（Byte-Pair Encoding）这样的片段。
'''
"#;

const Q2: &str = r#"
[[questions]]
id = 2
topics = ["math", "tokenization"]
en.question = "How is softmax applied?"
en.answer = '''
It normalizes scores:

$$\text{softmax}(x_i) = \frac{e^{x_i}}{\sum_j e^{x_j}}$$

1. Score.
2. Normalize.
'''
zh.question = "如何应用 softmax？"
zh.answer = '''
它将分数归一化：

$$\text{softmax}(x_i) = \frac{e^{x_i}}{\sum_j e^{x_j}}$$

1. 打分。
2. 归一化。
'''
"#;

fn valid() -> String {
    format!("{SOURCE}{Q1}{Q2}")
}

/// The problems of a bank that must fail.
fn problems(src: &str) -> Vec<String> {
    match check(src, RULES) {
        Ok(_) => panic!("expected problems in:\n{src}"),
        Err(p) => p.0,
    }
}

/// Asserts that some problem contains every one of `parts`.
fn assert_problem(src: &str, parts: &[&str]) {
    let ps = problems(src);
    assert!(
        ps.iter().any(|p| parts.iter().all(|part| p.contains(part))),
        "no problem with {parts:?} in {ps:#?}"
    );
}

fn with(from: &str, to: &str) -> String {
    let v = valid();
    assert!(v.contains(from), "{from}");
    v.replacen(from, to, 1)
}

#[test]
fn valid_bank_passes() {
    let bank = check(&valid(), RULES).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(bank.questions.len(), 2);
    assert_eq!(bank.questions[1].topics, vec![1, 0]);
    let en = &bank.questions[0].text.en;
    assert_eq!(en.question_plain, "What is tokenization?");
    assert_eq!(
        en.answer_plain,
        "Tokenization splits text into tokens, with k = 5 for instance.\nWords: whole words.\nSubwords: pieces such as BPE."
    );
    let zh = &bank.questions[1].text.zh;
    assert!(
        matches!(&zh.answer[1], Block::Math(f) if f.mathml.starts_with("<math display=\"block\">"))
    );
    assert!(matches!(&zh.answer[2], Block::Steps(items) if items.len() == 2));
    assert_eq!(
        bank.source.conclusion.en,
        vec![Block::Para(vec![Inline::Text("Good luck.".into())])]
    );
}

#[test]
fn questions_come_out_sorted_by_id() {
    let bank = check(&format!("{SOURCE}{Q2}{Q1}"), RULES).unwrap();
    let ids: Vec<u8> = bank.questions.iter().map(|q| q.id).collect();
    assert_eq!(ids, vec![1, 2]);
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    let ps = problems(&with("id = 2\n", "id = = 2\n"));
    assert_eq!(ps.len(), 1);
    assert!(
        ps[0].contains("line ") && ps[0].contains("column"),
        "{ps:?}"
    );
}

#[test]
fn unknown_field_and_wrong_type_are_parse_errors() {
    assert_problem(
        &with(
            "en.answer = '''\nTokenization",
            "en.anwser = '''\nTokenization",
        ),
        &["anwser", "line"],
    );
    assert_problem(&with("id = 2", "id = \"2\""), &["line"]);
}

#[test]
fn missing_id_is_named() {
    let ps = problems(&with("id = 2\n", ""));
    assert!(
        ps.contains(&"question #2 (in file order): id missing".to_string()),
        "{ps:#?}"
    );
    assert!(
        ps.contains(&"questions: no question with id 2".to_string()),
        "{ps:#?}"
    );
}

#[test]
fn duplicate_id_is_named() {
    let ps = problems(&with("id = 2\n", "id = 1\n"));
    assert!(
        ps.iter()
            .any(|p| p == "question 1: id used by more than one [[questions]] entry"),
        "{ps:#?}"
    );
    assert!(
        ps.iter().any(|p| p == "questions: no question with id 2"),
        "{ps:#?}"
    );
}

#[test]
fn out_of_range_id_is_named() {
    assert_problem(
        &with("id = 2\n", "id = 51\n"),
        &["question 51: id out of range 1..=2"],
    );
    assert_problem(
        &with("id = 2\n", "id = 0\n"),
        &["question 0: id out of range"],
    );
    assert_problem(
        &with("id = 2\n", "id = -3\n"),
        &["question -3: id out of range"],
    );
}

#[test]
fn empty_and_missing_fields_are_named() {
    assert_problem(
        &with("zh.question = \"什么是分词？\"", "zh.question = \"  \""),
        &["question 1, zh.question: missing or empty"],
    );
    assert_problem(
        &with("zh.question = \"什么是分词？\"", ""),
        &["question 1, zh.question: missing or empty"],
    );
    assert_problem(
        &with("author = \"Someone\"", "author = \"\""),
        &["source, author: missing or empty"],
    );
    assert_problem(
        &with("intro.zh = \"欢迎。\"", "intro.zh = '''\n\n'''"),
        &["source, intro.zh: missing or empty"],
    );
    assert_problem(
        &with("zh = \"数学\"", "zh = \"\""),
        &["topic math, zh: missing or empty"],
    );
    assert_problem(
        &with("en = \"Math\"", ""),
        &["topic math, en: missing or empty"],
    );
}

#[test]
fn all_problems_are_reported_not_only_the_first() {
    let src = with("zh.question = \"什么是分词？\"", "zh.question = \"\"")
        .replacen(
            "en.question = \"How is softmax applied?\"",
            "en.question = \"如何？\"",
            1,
        )
        .replacen("topics = [\"math\", \"tokenization\"]", "topics = []", 1);
    let ps = problems(&src);
    assert_eq!(ps.len(), 4, "{ps:#?}");
    let all = Problems(ps).to_string();
    assert!(
        all.starts_with("the question bank has 4 problems:\n"),
        "{all}"
    );
    for p in [
        "question 1, zh.question",
        "question 2, en.question",
        "question 2, topics",
        "topic math: not used",
    ] {
        assert!(all.contains(&format!("  - {p}")), "{p} in {all}");
    }
}

#[test]
fn topic_count_per_question() {
    assert_problem(
        &with("topics = [\"math\", \"tokenization\"]", "topics = []"),
        &["question 2, topics: needs 1 or 2 topics, has 0"],
    );
    let three = with(
        "[[topics]]\nid = \"math\"",
        "[[topics]]\nid = \"rag\"\nen = \"RAG\"\nzh = \"检索\"\n\n[[topics]]\nid = \"math\"",
    )
    .replacen(
        "topics = [\"math\", \"tokenization\"]",
        "topics = [\"math\", \"tokenization\", \"rag\"]",
        1,
    );
    assert_problem(&three, &["question 2, topics: needs 1 or 2 topics, has 3"]);
}

#[test]
fn unknown_or_repeated_topic() {
    assert_problem(
        &with("topics = [\"tokenization\"]", "topics = [\"tokenisation\"]"),
        &["question 1, topics: unknown topic \"tokenisation\""],
    );
    assert_problem(
        &with(
            "topics = [\"math\", \"tokenization\"]",
            "topics = [\"math\", \"math\"]",
        ),
        &["question 2, topics: topic \"math\" listed twice"],
    );
}

#[test]
fn topic_ids_unique_and_slugs() {
    assert_problem(
        &with("id = \"math\"", "id = \"tokenization\""),
        &["topic tokenization: topic id defined more than once"],
    );
    assert_problem(
        &with("id = \"math\"", "id = \"Math Stuff\""),
        &["topic Math Stuff: id must be an ASCII slug"],
    );
    assert_problem(
        &with("id = \"math\"", "id = \"\""),
        &["topic #2 (in file order): id missing or empty"],
    );
}

#[test]
fn unused_topic_is_named() {
    assert_problem(
        &with(
            "topics = [\"math\", \"tokenization\"]",
            "topics = [\"tokenization\"]",
        ),
        &["topic math: not used by any question"],
    );
}

#[test]
fn chinese_field_without_chinese() {
    assert_problem(
        &with(
            "zh.question = \"什么是分词？\"",
            "zh.question = \"What is tokenization?\"",
        ),
        &["question 1, zh.question: Chinese text has no Chinese character"],
    );
    assert_problem(
        &with(
            "conclusion.zh = \"祝你好运。\"",
            "conclusion.zh = \"Good luck.\"",
        ),
        &["source, conclusion.zh: Chinese text has no Chinese character"],
    );
    assert_problem(
        &with("zh = \"数学\"", "zh = \"Math\""),
        &["topic math, zh: Chinese text has no Chinese character"],
    );
}

#[test]
fn english_sentence_left_in_chinese_field() {
    // The seed's Q17 slip: the closing sentence kept in English.
    let src = with("2. 归一化。\n", "2. 归一化。\n\nThese features enhance scalability and performance in tasks like translation.\n");
    assert_problem(&src, &["question 2, zh.answer: untranslated English in Chinese text: \"These features enhance scalability and performance in tasks like translation\""]);
    // The seed's Q18 slip: a list item kept in English.
    let src = with(
        "- 单词：完整的单词。",
        "- Regularization: L1/L2 penalties simplify models.",
    );
    assert_problem(
        &src,
        &[
            "question 1, zh.answer: untranslated English",
            "L1/L2 penalties",
        ],
    );
    // In a question and in the intro too.
    assert_problem(
        &with(
            "zh.question = \"什么是分词？\"",
            "zh.question = \"分词：What does tokenization entail for models?\"",
        ),
        &["question 1, zh.question: untranslated English"],
    );
    assert_problem(
        &with(
            "intro.zh = \"欢迎。\"",
            "intro.zh = \"欢迎。Follow me on LinkedIn for insights!\"",
        ),
        &["source, intro.zh: untranslated English"],
    );
}

#[test]
fn terms_in_chinese_field_pass() {
    let src = with(
        "- 子词：如 BPE（Byte-Pair Encoding）这样的片段。",
        "- 子词：如 LoRA (Low-Rank Adaptation)、参数高效微调 (Parameter-Efficient Fine-Tuning, PEFT)、GPT-4 和 Elastic Weight Consolidation (EWC)。",
    );
    check(&src, RULES).unwrap_or_else(|p| panic!("{p}"));
    // English inside a formula is not prose.
    let src = with(
        "例如 $k = 5$。",
        "例如 $\\text{the softmax of all the scores here}$。",
    );
    check(&src, RULES).unwrap_or_else(|p| panic!("{p}"));
}

#[test]
fn english_field_with_chinese() {
    assert_problem(
        &with(
            "en.question = \"What is tokenization?\"",
            "en.question = \"What is tokenization（分词）?\"",
        ),
        &["question 1, en.question: English text contains Chinese: \"（分词）\""],
    );
    assert_problem(
        &with("- Words: whole words.", "- Words: old and 新数据."),
        &["question 1, en.answer: English text contains Chinese: \"新数据\""],
    );
    assert_problem(
        &with("intro.en = \"Welcome.\"", "intro.en = \"Welcome，friend.\""),
        &["source, intro.en: English text contains Chinese: \"，\""],
    );
    assert_problem(
        &with("en = \"Math\"", "en = \"Math 数学\""),
        &["topic math, en: English text contains Chinese"],
    );
}

#[test]
fn unbalanced_dollars_are_named_with_field() {
    assert_problem(
        &with("with $k = 5$ for", "with $k = 5 for"),
        &[
            "question 1, en.answer: unbalanced `$`",
            "$k = 5 for instance.",
        ],
    );
    assert_problem(
        &with(
            "\n$$\\text{softmax}(x_i) = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$\n\n1. Score.",
            "\n$$\\text{softmax}(x_i)$\n\n1. Score.",
        ),
        &["question 2, en.answer:"],
    );
    assert_problem(
        &with("It normalizes scores:\n", "It normalizes scores: $$x$$\n"),
        &["question 2, en.answer: `$$` inside a paragraph"],
    );
}

#[test]
fn formula_that_does_not_convert_names_question_field_and_tex() {
    assert_problem(
        &with("例如 $k = 5$。", "例如 $\\frac{k}{$。"),
        &["question 1, zh.answer: formula `\\frac{k}{` does not convert"],
    );
    assert_problem(
        &with(
            "\n$$\\text{softmax}(x_i) = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$\n\n1. Score.",
            "\n$$\\softmax(x_i)$$\n\n1. Score.",
        ),
        &[
            "question 2, en.answer: formula `\\softmax(x_i)` does not convert",
            "softmax",
        ],
    );
    assert_problem(
        &with(
            "with $k = 5$ for",
            "with $\\href{javascript:alert(1)}{k}$ for",
        ),
        &["question 1, en.answer: formula `\\href", "not allowed"],
    );
}

#[test]
fn markup_slips_are_named() {
    assert_problem(
        &with("- Words: whole words.", "- "),
        &["question 1, en.answer: empty list item"],
    );
    assert_problem(
        &with("2. Normalize.", "3. Normalize."),
        &["question 2, en.answer: numbered list item \"3. Normalize.\" should be numbered 2."],
    );
    assert_problem(
        &with(
            "zh.question = \"什么是分词？\"",
            "zh.question = '''\n什么是分词？\n\n第二段？\n'''",
        ),
        &["question 1, zh.question: must be a single paragraph"],
    );
}

#[test]
fn generated_code_is_deterministic_and_escaped() {
    let bank = check(&valid(), RULES).unwrap();
    let a = generate(&bank);
    assert_eq!(a, generate(&check(&valid(), RULES).unwrap()));
    assert!(a.contains("pub static QUESTIONS: &[Question] = &["));
    // Answers are one escaped HTML string each, display formulas in a math block.
    assert!(
        a.contains("<div class=\\\"math-block\\\" tabindex=\\\"0\\\"><math display=\\\"block\\\">"),
        "{a}"
    );
    assert!(a.contains("answer_html: \"<p>"), "{a}");
    assert!(a.contains("<ul><li>Words: whole words.</li><li>"), "{a}");
    assert!(a.contains("topics: &[1, 0],"));
    assert!(a.contains("zh: \"分词\""));
    // Quotes and backslashes in text become valid literals.
    let src = with(
        "- Words: whole words.",
        r#"- Words: "quoted" and a \ backslash."#,
    );
    let code = generate(&check(&src, RULES).unwrap());
    assert!(
        code.contains(r#"<li>Words: \"quoted\" and a \\ backslash.</li>"#),
        "{code}"
    );
}

const NOTE: &str = "note.en = \"BPE merges frequent pairs.\"\nnote.zh = \"BPE 合并高频字符对。\"\nnote.ref = \"Sennrich, Haddow, Birch, “Neural Machine Translation of Rare Words with Subword Units”, 2016\"\n";

/// The valid bank with a note on question 2, its fields as given.
fn with_note(note: &str) -> String {
    format!("{}{note}", valid())
}

#[test]
fn a_note_with_both_languages_and_a_reference_passes() {
    let bank = check(&with_note(NOTE), RULES).unwrap_or_else(|p| panic!("{p}"));
    let note = bank.questions[1]
        .note
        .as_ref()
        .expect("question 2 has a note");
    assert_eq!(note.text.en, "BPE merges frequent pairs.");
    assert_eq!(note.text.zh, "BPE 合并高频字符对。");
    assert!(note.reference.starts_with("Sennrich"));
    assert_eq!(bank.questions[0].note, None);
}

/// The build fails on a note missing either language or its reference, naming the field.
#[test]
fn a_note_missing_a_language_or_its_reference_fails() {
    for (line, field) in [
        ("note.en", "question 2, note.en"),
        ("note.zh", "question 2, note.zh"),
        ("note.ref", "question 2, note.ref"),
    ] {
        let without: String = NOTE
            .lines()
            .filter(|l| !l.starts_with(line))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_problem(&with_note(&without), &[field, "missing or empty"]);
        let blank: String = NOTE
            .lines()
            .map(|l| match l.split_once(" = ") {
                Some((k, _)) if k == line => format!("{k} = \"  \"\n"),
                _ => format!("{l}\n"),
            })
            .collect();
        assert_problem(&with_note(&blank), &[field, "missing or empty"]);
    }
    // Each language in its own language, and no formulas.
    assert_problem(
        &with_note(&NOTE.replace("BPE merges", "BPE 合并 merges")),
        &["question 2, note.en", "Chinese"],
    );
    assert_problem(
        &with_note(&NOTE.replace("BPE 合并高频字符对。", "BPE merges pairs.")),
        &["question 2, note.zh", "no Chinese character"],
    );
    assert_problem(
        &with_note(&NOTE.replace("frequent pairs", "pairs $k = 2$")),
        &["question 2, note.en", "without formulas"],
    );
}

const TRANSLATION: &str = "\n[[translations]]\nquestion = 1\nfield = \"question\"\norigin = \"source\"\nbefore = \"分词是什么？\"\nafter = \"什么是分词？\"\nwhy.en = \"Word order.\"\nwhy.zh = \"语序。\"\n";

#[test]
fn a_translation_note_must_describe_the_text_as_it_is() {
    let bank = check(&format!("{}{TRANSLATION}", valid()), RULES).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(bank.translations.len(), 1);
    assert_eq!(bank.translations[0].after, "什么是分词？");
    assert!(!bank.translations[0].ours);

    let t = |from: &str, to: &str| format!("{}{}", valid(), TRANSLATION.replacen(from, to, 1));
    assert_problem(
        &t("after = \"什么是分词？\"", "after = \"分词指什么？\""),
        &["translation #1", "new wording is not in zh.question"],
    );
    assert_problem(
        &t("before = \"分词是什么？\"", "before = \"什么是分词？\""),
        &["translation #1", "old wording is still in zh.question"],
    );
    assert_problem(
        &t("question = 1", "question = 9"),
        &["translation #1", "not in the bank"],
    );
    assert_problem(
        &t("origin = \"source\"", "origin = \"pdf\""),
        &["translation #1", "origin"],
    );
    assert_problem(
        &t("why.zh = \"语序。\"", "why.zh = \"\""),
        &["translation #1 (in file order), why.zh", "missing"],
    );
}
