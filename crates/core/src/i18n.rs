//! The two languages of the app and the user-interface strings in each.

/// A language the bank and the interface are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// 0 for English, 1 for Chinese: where a language's entry is in a pair kept as an array.
    pub fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Zh => 1,
        }
    }

    /// The language's short code, as in `?lang=` and the text files' names: `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }
}

/// Which language(s) the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum LangChoice {
    #[default]
    En,
    Zh,
    Both,
}

impl LangChoice {
    /// Parses the `?lang=` value and stored choice: `en`, `zh` or `both`. Anything else is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "zh" => Some(Self::Zh),
            "both" => Some(Self::Both),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
            Self::Both => "both",
        }
    }

    /// The language of the interface chrome: Chinese only when Chinese alone is shown.
    pub fn ui(self) -> Lang {
        match self {
            Self::Zh => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The languages whose text the cards show, in display order.
    pub fn shown(self) -> &'static [Lang] {
        match self {
            Self::En => &[Lang::En],
            Self::Zh => &[Lang::Zh],
            Self::Both => &[Lang::En, Lang::Zh],
        }
    }

    /// Picks a default from the browser's preferred languages (`navigator.languages`), first match wins.
    pub fn from_preferred<'a>(prefs: impl IntoIterator<Item = &'a str>) -> Self {
        for p in prefs {
            let p = p.trim().to_ascii_lowercase();
            if p == "zh" || p.starts_with("zh-") {
                return Self::Zh;
            }
            if p == "en" || p.starts_with("en-") {
                return Self::En;
            }
        }
        Self::En
    }
}

/// Defines a struct of strings and its `entries`, which lists every field by name (for tests that
/// check them all).
macro_rules! ui_strings {
    ($(#[$doc:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name {
            $(pub $field: &'static str,)*
        }

        impl $name {
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

ui_strings! {
    /// Every string of the first stage's interface, in one language. A struct rather than a key
    /// lookup, so that a string missing in one language is a compile error.
    Ui {
        app_name,
        tagline,
        skip_link,
        language,
        lang_en,
        lang_zh,
        lang_both,
        expand_all,
        collapse_all,
        question_label,
        nav_questions,
        topics,
        all_topics,
        search_label,
        search_placeholder,
        clear_search,
        partial_results,
        no_results,
        try_instead,
        known,
        star,
        study,
        filter_all,
        filter_starred,
        filter_unknown,
        quiz_start,
        quiz_shuffle,
        quiz_show_answer,
        quiz_again,
        quiz_known,
        quiz_end,
        quiz_back,
        quiz_keys,
        quiz_title,
        source_label,
        translation_note,
        about,
        note_label,
        note_ref,
        notes_toggle,
        translations_title,
        translations_intro,
        translation_pdf,
        translation_ours,
        translation_now,
        field_question,
        field_answer,
        conclusion,
        lab_title,
        part_loading_lab,
        part_loading_explorer,
        part_failed,
        part_retry,
        text_failed,
        offline_ready,
        update_ready,
        update_reload,
        notice_close,
        embed,
        embed_intro,
        embed_element,
        embed_iframe,
        copy,
        copied,
        copy_failed,
        embed_open_app,
        embed_widget,
        quiz_restart,
        theme,
        theme_auto,
        theme_light,
        theme_dark,
    }
}

ui_strings! {
    /// The sampling lab's strings, in one language: a struct of their own, which only the second
    /// stage links (a static is linked whole, so in `Ui` every reader's first load would carry them).
    LabUi {
        lab_intro,
        lab_prompt,
        lab_temperature,
        lab_top_k,
        lab_top_p,
        lab_min_p,
        lab_off,
        lab_reset,
        lab_temperature_last,
        lab_kept,
        lab_entropy,
        lab_effective,
        lab_sample_one,
        lab_sample_hundred,
        lab_drawn,
        lab_expected,
        lab_show_table,
        lab_hide_table,
        lab_col_token,
        lab_col_before,
        lab_col_after,
        lab_col_removed,
        lab_edit_logits,
        lab_reset_logits,
        lab_chart_title,
        lab_legend_before,
        lab_legend_after,
        lab_legend_cumulative,
        lab_reason_masked,
        lab_reason_greedy,
        lab_order_same,
        lab_bits,
        lab_seed,
    }
}

pub static EN: Ui = Ui {
    app_name: "LLM Interview Q&A",
    tagline: "50 large-language-model interview questions, answered in English and Chinese",
    skip_link: "Skip to the questions",
    language: "Language",
    lang_en: "English",
    lang_zh: "中文",
    lang_both: "Both",
    expand_all: "Expand all",
    collapse_all: "Collapse all",
    question_label: "Question",
    nav_questions: "Questions",
    topics: "Topics",
    all_topics: "All topics",
    search_label: "Search questions",
    search_placeholder: "attention, LoRA, 温度 …",
    clear_search: "Clear search",
    partial_results: "No question has every word; showing the closest matches.",
    no_results: "No question matches your search.",
    try_instead: "Try:",
    known: "Known",
    star: "Star",
    study: "Study",
    filter_all: "All",
    filter_starred: "Starred",
    filter_unknown: "Not yet known",
    quiz_start: "Start quiz",
    quiz_shuffle: "Shuffle",
    quiz_show_answer: "Show answer",
    quiz_again: "Again",
    quiz_known: "Known",
    quiz_end: "End quiz",
    quiz_back: "Back to the cards",
    quiz_keys: "Keys: Space shows the answer, A = again, K = known, Esc ends the quiz.",
    quiz_title: "Quiz",
    source_label: "Questions and answers from",
    translation_note:
        "Chinese translations of the passages the source left in English are by this app's authors.",
    about: "About these questions",
    conclusion: "Conclusion",
    lab_title: "Sampling lab",
    part_loading_lab: "Loading the sampling lab…",
    part_loading_explorer: "Loading the explorer…",
    part_failed: "This part could not be loaded. Check the connection and try again.",
    part_retry: "Retry",
    text_failed:
        "The questions could not be loaded in that language. Check the connection and try again.",
    offline_ready: "Ready to work offline",
    update_ready: "A new version is ready",
    update_reload: "Reload",
    notice_close: "Close",
    embed: "Embed",
    embed_intro: "Put this on your own page: paste one of the two snippets into its HTML.",
    embed_element: "Custom element (one script, takes the page's width and its own height)",
    embed_iframe: "Iframe (fully separate from your page; the script sizes it)",
    copy: "Copy",
    copied: "Copied to the clipboard.",
    copy_failed: "Could not copy: select the text and copy it yourself.",
    embed_open_app: "Open the full app",
    embed_widget: "LLM interview questions",
    quiz_restart: "Start over",
    theme: "Theme",
    theme_auto: "Auto",
    theme_light: "Light",
    theme_dark: "Dark",
    note_label: "Editor's note",
    note_ref: "Reference",
    notes_toggle: "Editor's notes",
    translations_title: "Translation notes",
    translations_intro: "Where our Chinese differs from the source's:",
    translation_pdf: "In the PDF",
    translation_ours: "Our earlier translation (English only in the PDF)",
    translation_now: "Now",
    field_question: "question",
    field_answer: "answer",
};

pub static LAB_EN: LabUi = LabUi {
    lab_intro:
        "Move the sliders and watch how the next-token distribution for a toy prompt changes.",
    lab_prompt: "Prompt",
    lab_temperature: "Temperature",
    lab_top_k: "Top-k",
    lab_top_p: "Top-p",
    lab_min_p: "Min-p",
    lab_off: "off",
    lab_reset: "Reset",
    lab_temperature_last: "Apply temperature last (llama.cpp order)",
    lab_kept: "Tokens kept",
    lab_entropy: "Entropy",
    lab_effective: "Effective choices",
    lab_sample_one: "Sample 1",
    lab_sample_hundred: "Sample 100",
    lab_drawn: "Drawn",
    lab_expected: "expected",
    lab_show_table: "Show table",
    lab_hide_table: "Hide table",
    lab_col_token: "Token",
    lab_col_before: "Probability before",
    lab_col_after: "Probability after",
    lab_col_removed: "Removed by",
    lab_edit_logits: "Advanced: edit the logits",
    lab_reset_logits: "Restore the prompt's logits",
    lab_chart_title: "Next-token probabilities before and after sampling settings",
    lab_legend_before: "before",
    lab_legend_after: "after",
    lab_legend_cumulative: "cumulative probability",
    lab_reason_masked: "masked",
    lab_reason_greedy: "greedy",
    lab_order_same: "Both orders give the same result here.",
    lab_bits: "bits",
    lab_seed: "seed",
};

pub static ZH: Ui = Ui {
    app_name: "LLM 面试问答",
    tagline: "50 道大语言模型面试题，中英双语解答",
    skip_link: "跳到问题列表",
    language: "语言",
    lang_en: "English",
    lang_zh: "中文",
    lang_both: "双语",
    expand_all: "全部展开",
    collapse_all: "全部收起",
    question_label: "问题",
    nav_questions: "问题列表",
    topics: "主题",
    all_topics: "全部主题",
    search_label: "搜索问题",
    search_placeholder: "注意力、LoRA、temperature …",
    clear_search: "清除搜索",
    partial_results: "没有问题包含全部词语，显示最接近的结果。",
    no_results: "没有与搜索匹配的问题。",
    try_instead: "试试：",
    known: "已掌握",
    star: "收藏",
    study: "学习",
    filter_all: "全部",
    filter_starred: "已收藏",
    filter_unknown: "未掌握",
    quiz_start: "开始测验",
    quiz_shuffle: "随机顺序",
    quiz_show_answer: "显示答案",
    quiz_again: "再看一次",
    quiz_known: "已掌握",
    quiz_end: "结束测验",
    quiz_back: "返回卡片",
    quiz_keys: "按键：空格显示答案，A 再看一次，K 已掌握，Esc 结束测验。",
    quiz_title: "测验",
    source_label: "问题与答案出自",
    translation_note: "原文中未译成中文的段落由本应用作者翻译。",
    about: "关于这些问题",
    conclusion: "结语",
    lab_title: "采样实验室",
    part_loading_lab: "正在加载采样实验室…",
    part_loading_explorer: "正在加载探索器…",
    part_failed: "这一部分未能加载。请检查网络连接后重试。",
    part_retry: "重试",
    text_failed: "无法加载该语言的题目。请检查网络连接后重试。",
    offline_ready: "已可离线使用",
    update_ready: "新版本已就绪",
    update_reload: "重新加载",
    notice_close: "关闭",
    embed: "嵌入",
    embed_intro: "放到你自己的网页上：把下面两段代码之一粘贴到网页的 HTML 中。",
    embed_element: "自定义元素（一个脚本，宽度随网页，高度随内容）",
    embed_iframe: "iframe（与你的网页完全隔离，由脚本调整高度）",
    copy: "复制",
    copied: "已复制到剪贴板。",
    copy_failed: "无法复制：请选中文本后自行复制。",
    embed_open_app: "打开完整应用",
    embed_widget: "大语言模型面试题",
    quiz_restart: "重新开始",
    theme: "主题",
    theme_auto: "自动",
    theme_light: "浅色",
    theme_dark: "深色",
    note_label: "编者注",
    note_ref: "参考文献",
    notes_toggle: "编者注",
    translations_title: "译文说明",
    translations_intro: "本应用中文与原文的不同之处：",
    translation_pdf: "原 PDF",
    translation_ours: "本应用旧译（原 PDF 仅有英文）",
    translation_now: "现译",
    field_question: "题目",
    field_answer: "答案",
};

pub static LAB_ZH: LabUi = LabUi {
    lab_intro: "拖动滑块，观察玩具提示词的下一个标记分布如何变化。",
    lab_prompt: "提示词",
    lab_temperature: "温度",
    lab_top_k: "Top-k",
    lab_top_p: "Top-p",
    lab_min_p: "Min-p",
    lab_off: "关闭",
    lab_reset: "重置",
    lab_temperature_last: "最后应用温度（llama.cpp 顺序）",
    lab_kept: "保留的标记",
    lab_entropy: "熵",
    lab_effective: "有效选择数",
    lab_sample_one: "采样 1 次",
    lab_sample_hundred: "采样 100 次",
    lab_drawn: "抽到",
    lab_expected: "期望",
    lab_show_table: "显示表格",
    lab_hide_table: "隐藏表格",
    lab_col_token: "标记",
    lab_col_before: "调整前概率",
    lab_col_after: "调整后概率",
    lab_col_removed: "移除原因",
    lab_edit_logits: "高级：编辑 logits",
    lab_reset_logits: "恢复提示词的 logits",
    lab_chart_title: "调整前后的下一个标记概率",
    lab_legend_before: "调整前",
    lab_legend_after: "调整后",
    lab_legend_cumulative: "累计概率",
    lab_reason_masked: "屏蔽",
    lab_reason_greedy: "贪心",
    lab_order_same: "在这里两种顺序结果相同。",
    lab_bits: "比特",
    lab_seed: "随机种子",
};

impl Lang {
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The sampling lab's strings (second stage only).
    pub fn lab(self) -> &'static LabUi {
        match self {
            Lang::En => &LAB_EN,
            Lang::Zh => &LAB_ZH,
        }
    }

    /// "7 of 50" / "第 7 题，共 50 题" style counts for search results.
    pub fn results_count(self, shown: usize, total: usize) -> String {
        match self {
            Lang::En => format!("{shown} of {total}"),
            Lang::Zh => format!("{shown} / {total} 题"),
        }
    }

    pub fn known_progress(self, known: usize, total: usize) -> String {
        match self {
            Lang::En => format!("{known} / {total} known"),
            Lang::Zh => format!("已掌握 {known} / {total}"),
        }
    }

    pub fn question_number(self, id: u8) -> String {
        match self {
            Lang::En => format!("Question {id}"),
            Lang::Zh => format!("问题 {id}"),
        }
    }

    pub fn quiz_position(self, at: usize, of: usize) -> String {
        match self {
            Lang::En => format!("Card {at} of {of}"),
            Lang::Zh => format!("第 {at} 张，共 {of} 张"),
        }
    }

    pub fn quiz_summary(self, known: usize, total: usize) -> String {
        match self {
            Lang::En => format!("You knew {known} of {total}."),
            Lang::Zh => format!("{total} 题中你掌握了 {known} 题。"),
        }
    }

    pub fn lab_order_difference(self, tv_percent: &str) -> String {
        match self {
            Lang::En => format!("The other order would move {tv_percent} of the probability mass."),
            Lang::Zh => format!("换成另一种顺序会改变 {tv_percent} 的概率质量。"),
        }
    }

    pub fn quiz_again_round(self, n: usize) -> String {
        match self {
            Lang::En => format!("Practise the {n} marked “again”"),
            Lang::Zh => format!("再练习标记为“再看一次”的 {n} 题"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_codes_and_rejects_others() {
        assert_eq!(LangChoice::parse("zh"), Some(LangChoice::Zh));
        assert_eq!(LangChoice::parse(" BOTH "), Some(LangChoice::Both));
        assert_eq!(LangChoice::parse("xx"), None);
        assert_eq!(LangChoice::parse(""), None);
    }

    #[test]
    fn preferred_languages_pick_the_first_supported() {
        assert_eq!(
            LangChoice::from_preferred(["fr-FR", "zh-CN", "en"]),
            LangChoice::Zh
        );
        assert_eq!(LangChoice::from_preferred(["en-GB", "zh"]), LangChoice::En);
        assert_eq!(LangChoice::from_preferred(["de"]), LangChoice::En);
    }

    #[test]
    fn both_shows_english_then_chinese_with_english_chrome() {
        assert_eq!(LangChoice::Both.shown(), &[Lang::En, Lang::Zh]);
        assert_eq!(LangChoice::Both.ui(), Lang::En);
        assert_eq!(LangChoice::Zh.ui(), Lang::Zh);
    }

    #[test]
    fn every_chinese_string_is_chinese_and_none_is_empty() {
        let lab = LAB_EN.entries().into_iter().zip(LAB_ZH.entries());
        for ((name, en), (_, zh)) in EN.entries().into_iter().zip(ZH.entries()).chain(lab) {
            assert!(
                !en.trim().is_empty() && !zh.trim().is_empty(),
                "{name} is empty"
            );
            // Names of the languages themselves are the same in both.
            if en != zh {
                assert!(
                    zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{name} is not Chinese: {zh}"
                );
            }
        }
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(Lang::En.results_count(7, 50), "7 of 50");
        assert_eq!(Lang::Zh.known_progress(12, 50), "已掌握 12 / 50");
        assert_eq!(Lang::En.question_number(12), "Question 12");
    }
}
