//! The sampling lab's model: toy prompts with candidate next tokens, the lab's settings and how they
//! come from and go to a URL, the sentence that explains the current setting, and number formatting.
//! The maths is `crate::sampling`; the view only renders what this module computes.

use crate::i18n::Lang;
use crate::sampling::{sample_distribution, Distribution, Filter, Order, SamplingParams};

/// A toy prompt and its candidate next tokens, the same logits in both languages (so a shared link
/// shows the same numbers whatever the reader's language).
#[derive(Debug)]
pub struct Prompt {
    pub id: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    /// (English token, Chinese token, logit)
    pub tokens: &'static [(&'static str, &'static str, f64)],
}

impl Prompt {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    pub fn token(&self, i: usize, lang: Lang) -> &'static str {
        self.tokens.get(i).map_or("?", |t| match lang {
            Lang::En => t.0,
            Lang::Zh => t.1,
        })
    }

    pub fn logits(&self) -> Vec<f64> {
        self.tokens.iter().map(|t| t.2).collect()
    }
}

/// Logits are made up but shaped like a real model's: one or two strong candidates, a plausible
/// middle, a long tail.
pub static PROMPTS: &[Prompt] = &[
    Prompt {
        id: "cat",
        en: "The cat sat on the …",
        zh: "猫坐在……",
        tokens: &[
            ("mat", "垫子上", 4.2),
            ("sofa", "沙发上", 3.6),
            ("floor", "地板上", 3.3),
            ("bed", "床上", 2.9),
            ("chair", "椅子上", 2.6),
            ("windowsill", "窗台上", 2.4),
            ("roof", "屋顶上", 1.9),
            ("keyboard", "键盘上", 1.6),
            ("table", "桌子上", 1.5),
            ("grass", "草地上", 1.1),
            ("fence", "篱笆上", 0.7),
            ("moon", "月亮上", -1.2),
        ],
    },
    Prompt {
        id: "capital",
        en: "The capital of France is …",
        zh: "法国的首都是……",
        tokens: &[
            ("Paris", "巴黎", 9.0),
            ("a", "一座", 4.1),
            ("the", "那座", 3.5),
            ("located", "位于", 2.8),
            ("Lyon", "里昂", 2.2),
            ("known", "以……闻名", 2.0),
            ("not", "不是", 1.4),
            ("Marseille", "马赛", 1.3),
            ("home", "……的所在地", 0.9),
            ("Versailles", "凡尔赛", 0.6),
            ("London", "伦敦", -0.5),
        ],
    },
    Prompt {
        id: "story",
        en: "Once upon a time, there was a …",
        zh: "很久很久以前，有一个……",
        tokens: &[
            ("little", "小小的", 3.1),
            ("young", "年轻的", 2.8),
            ("king", "国王", 2.7),
            ("princess", "公主", 2.6),
            ("girl", "女孩", 2.5),
            ("boy", "男孩", 2.4),
            ("dragon", "巨龙", 2.2),
            ("village", "村庄", 2.0),
            ("wizard", "巫师", 1.9),
            ("fox", "狐狸", 1.7),
            ("robot", "机器人", 1.2),
            ("teapot", "茶壶", 0.4),
            ("spreadsheet", "电子表格", -0.8),
        ],
    },
    Prompt {
        id: "code",
        en: "for i in range(…",
        zh: "代码：for i in range(……",
        tokens: &[
            ("10", "10", 3.8),
            ("len", "len", 3.7),
            ("n", "n", 3.4),
            ("5", "5", 2.6),
            ("100", "100", 2.3),
            ("0", "0", 2.0),
            ("1", "1", 1.9),
            ("3", "3", 1.5),
            ("num", "num", 1.4),
            ("self", "self", 0.6),
            ("x", "x", 0.5),
            ("-1", "-1", -0.3),
            ("\"", "\"", -1.5),
        ],
    },
];

/// Slider ranges: values from a URL or an edit are clamped into them.
pub const TEMPERATURE_MAX: f64 = 2.0;
pub const TOP_K_MAX: usize = 20;
pub const MIN_P_MAX: f64 = 0.5;
pub const LOGIT_RANGE: (f64, f64) = (-20.0, 20.0);

/// Everything the lab shows is a function of this.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabSettings {
    /// Index into `PROMPTS`.
    pub prompt: usize,
    pub params: SamplingParams,
    /// The prompt's logits as edited in "Advanced"; `None` means the prompt's own.
    pub logits: Option<Vec<f64>>,
}

impl LabSettings {
    /// Q6 (temperature): a cool setting, to show sharpening.
    pub fn for_temperature() -> Self {
        Self {
            params: SamplingParams {
                temperature: 0.5,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// Q12 (top-k and top-p): both filters on, to show what each removes.
    pub fn for_top_k_top_p() -> Self {
        Self {
            params: SamplingParams {
                top_k: 5,
                top_p: 0.8,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    pub fn prompt(&self) -> &'static Prompt {
        &PROMPTS[self.prompt.min(PROMPTS.len() - 1)]
    }

    pub fn logits(&self) -> Vec<f64> {
        self.logits
            .clone()
            .unwrap_or_else(|| self.prompt().logits())
    }

    pub fn distribution(&self) -> Distribution {
        sample_distribution(&self.logits(), &self.params)
    }

    /// Reads the lab's URL keys (`t`, `p`, `k`, `minp`, `prompt`, `order`, `logits`). Bad values are
    /// skipped and out-of-range ones clamped, each with a warning.
    pub fn from_url(pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = Self::default();
        let mut warnings = Vec::new();
        let mut logits_text = None;
        for (k, v) in pairs {
            match k.as_str() {
                "t" => {
                    if let Some(t) = parse_num(v, 0.0, TEMPERATURE_MAX, &mut warnings, "t") {
                        s.params.temperature = t;
                    }
                }
                "p" => {
                    if let Some(p) = parse_num(v, 0.0, 1.0, &mut warnings, "p") {
                        s.params.top_p = p;
                    }
                }
                "minp" => {
                    if let Some(m) = parse_num(v, 0.0, MIN_P_MAX, &mut warnings, "minp") {
                        s.params.min_p = m;
                    }
                }
                "k" => match v.parse::<usize>() {
                    Ok(k) if k <= TOP_K_MAX => s.params.top_k = k,
                    _ => warnings.push(format!(
                        "ignoring k={}: use 0 (off) to {TOP_K_MAX}",
                        short(v)
                    )),
                },
                "prompt" => match PROMPTS.iter().position(|p| p.id == v) {
                    Some(i) => s.prompt = i,
                    None => warnings.push(format!("ignoring prompt={}: no such prompt", short(v))),
                },
                "order" => match v.as_str() {
                    "first" => s.params.order = Order::TemperatureFirst,
                    "last" => s.params.order = Order::TemperatureLast,
                    _ => warnings.push(format!("ignoring order={}: use first or last", short(v))),
                },
                "logits" => logits_text = Some(v.clone()),
                _ => {}
            }
        }
        if let Some(text) = logits_text {
            let n = s.prompt().tokens.len();
            let parsed: Option<Vec<f64>> = text
                .split(',')
                .map(|x| x.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
                .collect();
            match parsed {
                Some(v) if v.len() == n => {
                    s.logits = Some(
                        v.into_iter()
                            .map(|x| x.clamp(LOGIT_RANGE.0, LOGIT_RANGE.1))
                            .collect(),
                    )
                }
                _ => warnings.push(format!(
                    "ignoring logits: expected {n} numbers for this prompt"
                )),
            }
        }
        (s, warnings)
    }

    /// The URL keys for this state; settings at their default are left out.
    pub fn to_url(&self) -> Vec<(String, String)> {
        let d = SamplingParams::default();
        let p = &self.params;
        let mut out = Vec::new();
        if self.prompt != 0 {
            out.push(("prompt".into(), self.prompt().id.into()));
        }
        if p.temperature != d.temperature {
            out.push(("t".into(), fixed(p.temperature, 2)));
        }
        if p.top_k != d.top_k {
            out.push(("k".into(), p.top_k.to_string()));
        }
        if p.top_p != d.top_p {
            out.push(("p".into(), fixed(p.top_p, 2)));
        }
        if p.min_p != d.min_p {
            out.push(("minp".into(), fixed(p.min_p, 2)));
        }
        if p.order == Order::TemperatureLast {
            out.push(("order".into(), "last".into()));
        }
        if let Some(l) = &self.logits {
            out.push((
                "logits".into(),
                l.iter().map(|x| fixed(*x, 1)).collect::<Vec<_>>().join(","),
            ));
        }
        out
    }

    /// One plain sentence saying what the current setting does, in `lang`.
    pub fn explain(&self, dist: &Distribution, lang: Lang) -> String {
        let p = &self.params;
        let prompt = self.prompt();
        let n = dist.len();
        let top = dist
            .tokens
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.after.total_cmp(&b.1.after))
            .map(|(i, t)| (prompt.token(i, lang), percent(t.after)));
        let (top_tok, top_pct) = top.unwrap_or(("?", "0.0%".into()));
        let greedy = p.temperature <= 0.0;
        let mut parts: Vec<String> = Vec::new();
        match lang {
            Lang::En => {
                if greedy {
                    return format!(
                        "Temperature 0 is greedy decoding: “{top_tok}”, the most likely token, is always chosen."
                    );
                }
                let t = fixed(p.temperature, 2);
                parts.push(if p.temperature < 1.0 {
                    format!("Temperature {t} sharpens the distribution towards the likely tokens")
                } else if p.temperature > 1.0 {
                    format!("Temperature {t} flattens the distribution, giving unlikely tokens more chance")
                } else {
                    "Temperature 1 leaves the model's probabilities as they are".into()
                });
                let removed = |f| dist.removed_count(f);
                if p.top_k > 0 && removed(Filter::TopK) > 0 {
                    parts.push(format!("top-k drops all but the {} most likely", p.top_k));
                }
                if p.top_p < 1.0 && removed(Filter::TopP) > 0 {
                    parts.push(format!(
                        "top-p drops the tail beyond {} of the probability",
                        percent0(p.top_p)
                    ));
                }
                if p.min_p > 0.0 && removed(Filter::MinP) > 0 {
                    parts.push(format!(
                        "min-p drops tokens under {} of the top token's probability",
                        percent0(p.min_p)
                    ));
                }
                format!(
                    "{}; {} of {n} tokens remain and “{top_tok}” is the most likely at {top_pct}.",
                    parts.join(", "),
                    dist.kept
                )
            }
            Lang::Zh => {
                if greedy {
                    return format!("温度为 0 即贪心解码：总是选择概率最高的标记“{top_tok}”。");
                }
                let t = fixed(p.temperature, 2);
                parts.push(if p.temperature < 1.0 {
                    format!("温度 {t} 使分布更尖锐，偏向高概率标记")
                } else if p.temperature > 1.0 {
                    format!("温度 {t} 使分布更平坦，低概率标记的机会变大")
                } else {
                    "温度 1 保持模型原有的概率".into()
                });
                let removed = |f| dist.removed_count(f);
                if p.top_k > 0 && removed(Filter::TopK) > 0 {
                    parts.push(format!("top-k 只保留概率最高的 {} 个", p.top_k));
                }
                if p.top_p < 1.0 && removed(Filter::TopP) > 0 {
                    parts.push(format!(
                        "top-p 去掉累计概率 {} 之外的尾部",
                        percent0(p.top_p)
                    ));
                }
                if p.min_p > 0.0 && removed(Filter::MinP) > 0 {
                    parts.push(format!(
                        "min-p 去掉低于最高概率 {} 的标记",
                        percent0(p.min_p)
                    ));
                }
                format!(
                    "{}；{n} 个标记中保留 {} 个，“{top_tok}”概率最高，为 {top_pct}。",
                    parts.join("，"),
                    dist.kept
                )
            }
        }
    }
}

fn parse_num(v: &str, lo: f64, hi: f64, warnings: &mut Vec<String>, key: &str) -> Option<f64> {
    match v.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => {
            if x < lo || x > hi {
                warnings.push(format!(
                    "{key}={} is outside {}–{}; using the nearest",
                    short(v),
                    fixed(lo, 2),
                    fixed(hi, 2)
                ));
            }
            Some(x.clamp(lo, hi))
        }
        _ => {
            warnings.push(format!("ignoring {key}={}: not a number", short(v)));
            None
        }
    }
}

fn short(s: &str) -> String {
    crate::route::quote_clipped(s, 16)
}

/// `x` with `decimals` digits after the point, without the float formatter (which costs the wasm
/// build tens of kilobytes). Non-finite values print as "0".
pub fn fixed(x: f64, decimals: u32) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let scale = 10_i64.pow(decimals.min(6));
    let n = (x * scale as f64).round();
    let n = if n.abs() > 9.0e15 {
        9.0e15f64.copysign(n)
    } else {
        n
    } as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (int, frac) = (n.abs() / scale, n.abs() % scale);
    if decimals == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0width$}", width = decimals as usize)
    }
}

/// A probability as a percentage with one decimal: 0.41234 → "41.2%".
pub fn percent(p: f64) -> String {
    format!("{}%", fixed(p * 100.0, 1))
}

/// A fraction as a whole percentage: 0.9 → "90%".
fn percent0(p: f64) -> String {
    format!("{}%", fixed(p * 100.0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_have_ten_to_twenty_tokens_translated() {
        assert!(PROMPTS.len() >= 4);
        for p in PROMPTS {
            assert!((10..=20).contains(&p.tokens.len()), "{}", p.id);
            assert!(p
                .tokens
                .iter()
                .all(|t| !t.0.is_empty() && !t.1.is_empty() && t.2.is_finite()));
            assert!(
                p.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}",
                p.id
            );
        }
    }

    #[test]
    fn fixed_point_formatting_matches_the_float_formatter() {
        for (x, d) in [
            (0.0, 1),
            (41.234, 1),
            (0.05, 2),
            (1.0, 2),
            (-0.26, 1),
            (99.95, 1),
            (2.0, 0),
            (-1.23456, 3),
        ] {
            assert_eq!(
                fixed(x, d),
                format!("{x:.prec$}", prec = d as usize),
                "{x} {d}"
            );
        }
        assert_eq!(fixed(f64::NAN, 1), "0");
        assert_eq!(percent(0.41234), "41.2%");
        assert_eq!(percent(1.0), "100.0%");
    }

    #[test]
    fn url_round_trip_reproduces_the_settings() {
        let s = LabSettings {
            prompt: 2,
            params: SamplingParams {
                temperature: 0.7,
                top_k: 5,
                top_p: 0.9,
                min_p: 0.05,
                order: Order::TemperatureLast,
            },
            logits: Some(PROMPTS[2].logits().iter().map(|x| x + 1.0).collect()),
        };
        let url = s.to_url();
        let (back, w) = LabSettings::from_url(&url);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(back.prompt, 2);
        assert_eq!(back.params, s.params);
        let (a, b) = (back.logits.unwrap(), s.logits.unwrap());
        assert!(a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-9));
        assert!(LabSettings::default().to_url().is_empty());
    }

    #[test]
    fn hostile_url_values_are_ignored_or_clamped() {
        let pairs: Vec<(String, String)> = [
            ("t", "NaN"),
            ("p", "-1"),
            ("k", "1e9"),
            ("minp", "5"),
            ("prompt", "<b>"),
            ("logits", "1,2"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (s, w) = LabSettings::from_url(&pairs);
        assert_eq!(s.params.temperature, 1.0);
        assert_eq!(s.params.top_p, 0.0);
        assert_eq!(s.params.top_k, 0);
        assert_eq!(s.params.min_p, MIN_P_MAX);
        assert_eq!(s.prompt, 0);
        assert_eq!(s.logits, None);
        assert_eq!(w.len(), 6, "{w:?}");
        let d = s.distribution();
        assert!(d.tokens.iter().all(|t| t.after.is_finite()));
    }

    #[test]
    fn the_explanation_follows_the_setting_in_both_languages() {
        let s = LabSettings::for_top_k_top_p();
        let d = s.distribution();
        let en = s.explain(&d, Lang::En);
        assert!(en.contains("top-k drops all but the 5 most likely"), "{en}");
        assert!(
            en.contains(&format!("{} of 12 tokens remain", d.kept)),
            "{en}"
        );
        assert!(en.contains("“mat”"), "{en}");
        let zh = s.explain(&d, Lang::Zh);
        assert!(
            zh.contains("top-k 只保留概率最高的 5 个") && zh.contains("“垫子上”"),
            "{zh}"
        );

        let greedy = LabSettings {
            params: SamplingParams {
                temperature: 0.0,
                ..Default::default()
            },
            ..Default::default()
        };
        let g = greedy.explain(&greedy.distribution(), Lang::En);
        assert!(
            g.starts_with("Temperature 0 is greedy") && g.contains("mat"),
            "{g}"
        );
        let hot = LabSettings {
            params: SamplingParams {
                temperature: 1.8,
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(hot
            .explain(&hot.distribution(), Lang::En)
            .contains("flattens"));
    }
}
