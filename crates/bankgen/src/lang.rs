//! Language checks: is a Chinese field Chinese, and is an English field free of Chinese?

/// A Han ideograph: what makes a field Chinese.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{3400}'..='\u{4DBF}' // Extension A
        | '\u{F900}'..='\u{FAFF}' // Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

/// Han, or CJK punctuation / full-width forms / kana: none of it belongs in an English field.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3000}'..='\u{303F}'   // CJK Symbols and Punctuation: 。、「」
            | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
            | '\u{FF00}'..='\u{FFEF}') // Half-width and Full-width Forms: ，：（）
}

/// The CJK text in an English field, each run quoted once, or `None` when there is none.
pub fn cjk_runs(s: &str) -> Option<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if is_cjk(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    if runs.is_empty() {
        None
    } else {
        Some(
            runs.iter()
                .map(|r| format!("{r:?}"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// How many Latin words in a row make an untranslated English sentence.
///
/// The real bank keeps terms such as "Low-Rank Adaptation", "Elastic Weight Consolidation (EWC)"
/// or "Adaptive Softmax" in Chinese text (at most 4 words); a leftover English sentence, even a
/// short list item such as "L1/L2 penalties simplify models", has 5 or more.
pub const ENGLISH_RUN_WORDS: usize = 5;

/// The first run of [`ENGLISH_RUN_WORDS`] or more Latin words in `s`, as written.
///
/// A word is ASCII letters and digits with inner `-`, `'`, `’` or `.` (so "Fine-Tuning",
/// "model's", "e.g" are one word) and holds at least one letter. Numbers such as "32,000" and
/// acronyms (two or more letters, all capitals: "LLM", "GPT-4", "AI/ML") neither count nor break
/// a run: they are as much at home in Chinese text as in English. Spaces and ASCII punctuation keep a run going; anything else (a Chinese
/// character, full-width punctuation) ends it.
pub fn english_run(s: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut count = 0;
    let mut start = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_ascii_alphanumeric() {
            let mut j = i;
            let (mut letters, mut lower) = (0, false);
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_ascii_alphanumeric() {
                    letters += usize::from(c.is_ascii_alphabetic());
                    lower |= c.is_ascii_lowercase();
                    j += 1;
                } else if matches!(c, '-' | '\'' | '’' | '.')
                    && chars
                        .get(j + 1)
                        .is_some_and(|n| n.1.is_ascii_alphanumeric())
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let acronym = letters >= 2 && !lower;
            if letters > 0 && !acronym {
                if count == 0 {
                    start = pos;
                }
                count += 1;
                if count >= ENGLISH_RUN_WORDS {
                    let mut end = chars.get(j).map_or(s.len(), |n| n.0);
                    // Extend to the end of the run, so the message quotes the whole sentence.
                    let mut k = j;
                    while k < chars.len() && !breaks_run(chars[k].1) {
                        if chars[k].1.is_ascii_alphanumeric() {
                            end = chars.get(k + 1).map_or(s.len(), |n| n.0);
                        }
                        k += 1;
                    }
                    return Some(&s[start..end]);
                }
            }
            i = j;
        } else {
            if breaks_run(c) {
                count = 0;
            }
            i += 1;
        }
    }
    None
}

fn breaks_run(c: char) -> bool {
    !(c.is_ascii() || matches!(c, '’' | '‘' | '“' | '”'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_and_cjk() {
        assert!(is_han('新'));
        assert!(!is_han('，'));
        assert!(is_cjk('，') && is_cjk('。') && is_cjk('（'));
        assert!(!is_cjk('“') && !is_cjk('é') && !is_cjk('∑'));
        assert_eq!(cjk_runs("plain English, “quoted”"), None);
        assert_eq!(
            cjk_runs("old and 新数据, then 。").as_deref(),
            Some("\"新数据\", \"。\"")
        );
    }

    #[test]
    fn terms_in_chinese_text_pass() {
        for ok in [
            "LoRA（Low-Rank Adaptation）是一种微调方法",
            "参数高效微调 (Parameter-Efficient Fine-Tuning, PEFT) 仅更新一小部分参数",
            "弹性权重整合 (Elastic Weight Consolidation, EWC)",
            "Top 50 Large Language Model (LLM) 面试问题",
            "语言模型: BERT、GPT-4 用于文本任务。",
            "Larger Context: 可处理多达 25,000 个 token，而 GPT-3 为 4,096 个。",
            "例如, “cryptocurrency” 可能会被分割成 “crypto” 和 “currency”。",
            "Adaptive Softmax 按频率对单词进行分组",
            "如需更多 AI/ML 见解，请通过您的 LinkedIn 个人资料与我联系。",
            "top-k 采样选择 k 最可能的标记 (例如, ",
        ] {
            assert_eq!(english_run(ok), None, "{ok}");
        }
    }

    #[test]
    fn english_sentences_fail() {
        assert_eq!(
            english_run("这些特性。These features enhance scalability and performance in tasks like translation."),
            Some("These features enhance scalability and performance in tasks like translation")
        );
        assert_eq!(
            english_run("- Regularization: L1/L2 penalties simplify models."),
            Some("Regularization: L1/L2 penalties simplify models")
        );
        assert_eq!(
            english_run("Larger Context: Handles up to 25,000 tokens versus GPT-3s 4,096."),
            Some("Larger Context: Handles up to 25,000 tokens versus GPT-3s 4,096")
        );
        // Numbers neither count nor break: four words around a number are still four words.
        assert_eq!(english_run("uses 50% of the data 数据"), None);
        assert!(english_run("one two three four five").is_some());
        assert_eq!(english_run("one two three four 五 six"), None);
        // Acronyms do not count: four words and two acronyms pass, five words do not.
        assert_eq!(english_run("BERT and GPT-4 for text tasks 文本"), None);
        assert!(english_run("LLM use transformer architectures and massive datasets").is_some());
    }
}
