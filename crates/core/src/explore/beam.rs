//! Beam search explorer (Q5): a small next-word tree three words deep after "The", beam widths 1–5,
//! the beams kept at each step and the final sequences with their log-probabilities.
//!
//! The tree is built so that greedy decoding (width 1) follows "nice woman" to a sequence of
//! probability 0.09, width 2 finds "dog has a" (0.126), and width 3 or more finds the most probable
//! sequence, "nice house ." (0.135), whose middle prefix ranks only third after two words. Every
//! leaf is at depth 3, so no length normalisation is needed. Scores are natural-log probabilities;
//! ties keep the earlier sequence in tree order.

use super::UrlState;
use super::{clip, url_int};
use crate::i18n::Lang;

/// (English, Chinese gloss) of each word in the tree.
pub static WORDS: [(&str, &str); 23] = [
    ("The", "这"),
    ("nice", "漂亮的"),
    ("dog", "狗"),
    ("car", "汽车"),
    ("woman", "女人"),
    ("house", "房子"),
    ("guy", "家伙"),
    ("has", "有"),
    ("runs", "跑"),
    ("barks", "叫"),
    ("is", "是"),
    ("drives", "开"),
    ("turns", "转弯"),
    (".", "。"),
    ("and", "和"),
    ("who", "谁"),
    ("a", "一个"),
    ("been", "曾经"),
    ("to", "去"),
    ("away", "走了"),
    ("again", "又"),
    ("red", "红色"),
    ("left", "向左"),
];

/// A word in the tree with the model's probability of it after its parent, and what may follow.
#[derive(Debug)]
pub struct Node {
    pub word: usize,
    pub p: f64,
    pub children: &'static [Node],
}

const fn leaf(word: usize, p: f64) -> Node {
    Node {
        word,
        p,
        children: &[],
    }
}

/// The continuations of "The" (word 0).
pub static TREE: &[Node] = &[
    Node {
        word: 1,
        p: 0.5,
        children: &[
            Node {
                word: 4,
                p: 0.45,
                children: &[leaf(13, 0.4), leaf(14, 0.3), leaf(15, 0.3)],
            },
            Node {
                word: 5,
                p: 0.3,
                children: &[leaf(13, 0.9), leaf(10, 0.1)],
            },
            Node {
                word: 6,
                p: 0.25,
                children: &[leaf(13, 0.6), leaf(15, 0.4)],
            },
        ],
    },
    Node {
        word: 2,
        p: 0.4,
        children: &[
            Node {
                word: 7,
                p: 0.9,
                children: &[leaf(16, 0.35), leaf(17, 0.33), leaf(18, 0.32)],
            },
            Node {
                word: 8,
                p: 0.05,
                children: &[leaf(13, 0.7), leaf(19, 0.3)],
            },
            Node {
                word: 9,
                p: 0.05,
                children: &[leaf(13, 0.8), leaf(20, 0.2)],
            },
        ],
    },
    Node {
        word: 3,
        p: 0.1,
        children: &[
            Node {
                word: 10,
                p: 0.3,
                children: &[leaf(21, 0.6), leaf(13, 0.4)],
            },
            Node {
                word: 11,
                p: 0.5,
                children: &[leaf(13, 0.6), leaf(19, 0.4)],
            },
            Node {
                word: 12,
                p: 0.2,
                children: &[leaf(13, 0.7), leaf(22, 0.3)],
            },
        ],
    },
];

pub const WIDTH_RANGE: (usize, usize) = (1, 5);

/// A partial or complete sequence: the child index taken at each level, and its log-probability.
#[derive(Clone, Debug, PartialEq)]
pub struct Beam {
    pub path: Vec<usize>,
    pub logp: f64,
}

impl Beam {
    /// The words after "The", as indices into `WORDS`.
    pub fn words(&self) -> Vec<usize> {
        let mut level = TREE;
        let mut out = Vec::new();
        for &c in &self.path {
            let Some(n) = level.get(c) else { break };
            out.push(n.word);
            level = n.children;
        }
        out
    }

    /// "The dog has a" / "这 狗 有 一个".
    pub fn sentence(&self, lang: Lang) -> String {
        std::iter::once(0)
            .chain(self.words())
            .map(|w| word(w, lang))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn prob(&self) -> f64 {
        self.logp.exp()
    }
}

pub fn word(i: usize, lang: Lang) -> &'static str {
    WORDS.get(i).map_or("?", |w| match lang {
        Lang::En => w.0,
        Lang::Zh => w.1,
    })
}

/// One step of the search: every candidate extension, best first, and how many were kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub candidates: Vec<Beam>,
    pub kept: usize,
}

impl Step {
    pub fn kept(&self) -> &[Beam] {
        &self.candidates[..self.kept]
    }
}

/// Runs beam search with `width` beams (clamped to 1–5) over `TREE`.
pub fn search(width: usize) -> Vec<Step> {
    run(width.clamp(WIDTH_RANGE.0, WIDTH_RANGE.1))
}

fn run(width: usize) -> Vec<Step> {
    let mut beams = vec![Beam {
        path: Vec::new(),
        logp: 0.0,
    }];
    let mut steps = Vec::new();
    loop {
        let mut candidates = Vec::new();
        for b in &beams {
            for (c, n) in children(&b.path).iter().enumerate() {
                let mut path = b.path.clone();
                path.push(c);
                candidates.push(Beam {
                    path,
                    logp: b.logp + n.p.ln(),
                });
            }
        }
        if candidates.is_empty() {
            return steps;
        }
        // Insertion sort, best first: stable (ties keep tree order), and a few lines of wasm
        // rather than a generic sort, for lists of a few dozen.
        for i in 1..candidates.len() {
            let mut j = i;
            while j > 0 && candidates[j - 1].logp < candidates[j].logp {
                candidates.swap(j - 1, j);
                j -= 1;
            }
        }
        let kept = width.min(candidates.len());
        beams = candidates[..kept].to_vec();
        steps.push(Step { candidates, kept });
    }
}

/// The best complete sequence a search found.
pub fn result(steps: &[Step]) -> Option<&Beam> {
    steps.last().and_then(|s| s.candidates.first())
}

/// Every complete sequence, most probable first: what an exhaustive search would rank.
pub fn all_sequences() -> Vec<Beam> {
    run(usize::MAX)
        .last()
        .map(|s| s.candidates.clone())
        .unwrap_or_default()
}

fn children(path: &[usize]) -> &'static [Node] {
    let mut level = TREE;
    for &c in path {
        match level.get(c) {
            Some(n) => level = n.children,
            None => return &[],
        }
    }
    level
}

/// The explorer's setting: the beam width.
#[derive(Clone, Debug, PartialEq)]
pub struct BeamSettings {
    pub width: usize,
}

impl Default for BeamSettings {
    fn default() -> Self {
        Self { width: 2 }
    }
}

impl BeamSettings {
    pub fn set_width(&mut self, w: f64) {
        if w.is_finite() {
            self.width = (w.max(0.0).round() as usize).clamp(WIDTH_RANGE.0, WIDTH_RANGE.1);
        }
    }
}

impl UrlState for BeamSettings {
    const PREFIX: &'static str = "bs.";

    fn with_url(&self, pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut s = self.clone();
        let mut w = Vec::new();
        for (k, v) in pairs {
            match k.as_str() {
                "bs.k" => {
                    if let Some(x) = url_int(k, v, WIDTH_RANGE.0, WIDTH_RANGE.1, &mut w) {
                        s.width = x;
                    }
                }
                k if k.starts_with(Self::PREFIX) => {
                    w.push(format!("ignoring unknown key {}", clip(k)))
                }
                _ => {}
            }
        }
        (s, w)
    }

    fn url_from(&self, d: &Self) -> Vec<(String, String)> {
        if self == d {
            Vec::new()
        } else {
            vec![("bs.k".into(), self.width.to_string())]
        }
    }
}

strings! {
    title,
    intro,
    width,
    greedy,
    tree_title,
    steps_title,
    step,
    kept,
    pruned,
    found,
    greedy_found,
    best_found,
    is_best,
    not_best,
    col_sequence,
    col_logp,
    col_prob,
    note,
}

pub static EN: Text = Text {
    title: "Beam search vs greedy",
    intro: "A toy model's next-word probabilities after “The”, three words deep. Change the beam width and see which sequences survive each step.",
    width: "Beam width",
    greedy: "greedy",
    tree_title: "The next-word tree (probability of each word after the words before it)",
    steps_title: "Beams at each step",
    step: "Step",
    kept: "kept",
    pruned: "dropped",
    found: "This beam width finds",
    greedy_found: "Greedy decoding (width 1) finds",
    best_found: "The most probable sequence is",
    is_best: "the most probable sequence.",
    not_best: "not the most probable sequence.",
    col_sequence: "Sequence",
    col_logp: "log p",
    col_prob: "p",
    note: "Greedy takes “nice” (0.5) over “dog” (0.4) and never looks back; a wider beam keeps the runner-up prefixes alive, so a better continuation can still win. Scores are summed log-probabilities.",
};

pub static ZH: Text = Text {
    title: "束搜索与贪心解码",
    intro: "一个玩具模型在“这”之后的下一个词概率，共三层。改变束宽，观察每一步哪些序列被保留。",
    width: "束宽",
    greedy: "贪心",
    tree_title: "下一个词的树（每个词在前面词之后出现的概率）",
    steps_title: "每一步的束",
    step: "第几步",
    kept: "保留",
    pruned: "丢弃",
    found: "当前束宽找到",
    greedy_found: "贪心解码（束宽 1）找到",
    best_found: "概率最高的序列是",
    is_best: "即概率最高的序列。",
    not_best: "不是概率最高的序列。",
    col_sequence: "序列",
    col_logp: "log p",
    col_prob: "p",
    note: "贪心解码选择“漂亮的”（0.5）而不是“狗”（0.4），之后无法回头；更宽的束让排名靠后的前缀继续存活，更好的后续仍有机会胜出。得分是对数概率之和。",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn best(width: usize) -> (String, f64) {
        let steps = search(width);
        let b = result(&steps).unwrap();
        (b.sentence(Lang::En), b.prob())
    }

    #[test]
    fn probabilities_at_each_node_sum_to_one() {
        fn check(level: &[Node]) {
            if level.is_empty() {
                return;
            }
            let s: f64 = level.iter().map(|n| n.p).sum();
            assert!((s - 1.0).abs() < 1e-12, "{s}");
            level.iter().for_each(|n| check(n.children));
        }
        check(TREE);
        assert!((all_sequences().iter().map(Beam::prob).sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn greedy_misses_and_a_wider_beam_finds_the_best() {
        // Products written out by hand.
        let (g, pg) = best(1);
        assert_eq!(g, "The nice woman .");
        assert!((pg - 0.5 * 0.45 * 0.4).abs() < 1e-12);
        let (b2, p2) = best(2);
        assert_eq!(b2, "The dog has a");
        assert!((p2 - 0.4 * 0.9 * 0.35).abs() < 1e-12);
        for k in 3..=5 {
            let (b, p) = best(k);
            assert_eq!(b, "The nice house .");
            assert!((p - 0.5 * 0.3 * 0.9).abs() < 1e-12);
        }
        let all = all_sequences();
        assert_eq!(all[0].sentence(Lang::En), "The nice house .");
        assert_eq!(all.len(), 20);
        assert!(all.windows(2).all(|w| w[0].logp >= w[1].logp));
    }

    #[test]
    fn steps_keep_the_width() {
        let steps = search(2);
        assert_eq!(steps.len(), 3);
        assert_eq!(
            steps.iter().map(|s| s.candidates.len()).collect::<Vec<_>>(),
            [3, 6, 6]
        );
        assert!(steps.iter().all(|s| s.kept == 2));
        assert_eq!(steps[1].kept()[1].sentence(Lang::En), "The nice woman");
        assert_eq!(steps[1].kept()[0].sentence(Lang::Zh), "这 狗 有");
        // Width 0 and huge widths are clamped.
        assert_eq!(search(0), search(1));
        assert_eq!(search(99)[2].kept, 5);
    }

    #[test]
    fn url_round_trip_and_hostile_values() {
        let mut s = BeamSettings::default();
        s.set_width(4.4);
        assert_eq!(s.width, 4);
        let (back, w) = BeamSettings::from_url(&s.to_url());
        assert!(w.is_empty());
        assert_eq!(back, s);
        s.set_width(f64::NAN);
        s.set_width(-3.0);
        assert_eq!(s.width, 1);
        let (bad, w) = BeamSettings::from_url(&[("bs.k".into(), "1e99".into())]);
        assert_eq!((bad.width, w.len()), (5, 1));
        assert_eq!(
            Beam {
                path: vec![7, 7],
                logp: 0.0
            }
            .words(),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn strings_in_both_languages() {
        super::super::check_strings(EN.entries(), ZH.entries());
    }
}
