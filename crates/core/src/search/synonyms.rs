//! Equivalent spellings and abbreviations. A query that contains one phrase of a group is also
//! matched by every other phrase of the group.
//!
//! Phrases are written naturally: hyphens, spaces, case and plurals do not matter (they are
//! tokenized and stemmed like any text), and the spelled-together form of a multi-word phrase
//! (`topp`, `chainofthought`) is added automatically. A multi-word alternative matches a card that
//! has all of its words (stopwords aside); a Chinese one, a card that has all of its bigrams.

pub(crate) const GROUPS: &[&[&str]] = &[
    &["top-p", "nucleus", "核采样"],
    &["MoE", "mixture of experts", "混合专家"],
    &[
        "RAG",
        "retrieval-augmented generation",
        "检索增强生成",
        "检索增强",
    ],
    &["KL", "Kullback-Leibler", "KLD"],
    &["CoT", "chain-of-thought", "思维链"],
    &["LoRA", "low-rank adaptation", "低秩适配"],
    &["QLoRA", "quantized LoRA"],
    &["PEFT", "parameter-efficient fine-tuning", "参数高效微调"],
    &[
        "LLM",
        "large language model",
        "大型语言模型",
        "大语言模型",
        "大模型",
    ],
    &["Seq2Seq", "sequence-to-sequence", "序列到序列"],
    &["NSP", "next sentence prediction", "下一句预测"],
    &["MLM", "masked language modeling", "掩码语言建模"],
    &["OOV", "out-of-vocabulary", "词汇表外"],
    &["BPE", "byte-pair encoding", "字节对编码"],
    &["PCA", "principal component analysis", "主成分分析"],
    &["NLP", "natural language processing", "自然语言处理"],
    &["RNN", "recurrent neural network", "循环神经网络"],
    &["EWC", "elastic weight consolidation", "弹性权重整合"],
    &["ReLU", "rectified linear unit"],
];
