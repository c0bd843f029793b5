//! Beam search explorer (Q5): renders `llm_qa_core::explore::beam`.

use llm_qa_core::explore::beam::{
    self as model, all_sequences, result, search, word, Beam, BeamSettings, Node, TREE, WIDTH_RANGE,
};
use llm_qa_core::i18n::Lang;
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{slider, update, Ctx};

/// "“The nice house .” log p = −2.002 (p = 0.1350)".
fn scored(b: &Beam, lang: Lang) -> String {
    format!(
        "“{}” log p = {} (p = {})",
        b.sentence(lang),
        fixed(b.logp, 3),
        fixed(b.prob(), 4)
    )
}

/// The tree as nested lists, with the prefixes the search kept marked.
fn tree(level: &'static [Node], prefix: &[usize], kept: &[Vec<usize>], lang: Lang) -> Html {
    html! {
        <ul>
            {for level.iter().enumerate().map(|(i, n)| {
                let mut path = prefix.to_vec();
                path.push(i);
                let class = kept.contains(&path).then_some("xtree--kept");
                html! {
                    <li {class}>
                        <span class="xtree__word">{word(n.word, lang)}</span>
                        <span class="xmuted">{format!(" {}", fixed(n.p, 2))}</span>
                        {if n.children.is_empty() { Html::default() } else { tree(n.children, &path, kept, lang) }}
                    </li>
                }
            })}
        </ul>
    }
}

pub fn view(s: &BeamSettings, ctx: &Ctx, set: Callback<BeamSettings>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let steps = search(s.width);
    let greedy = search(1);
    let all = all_sequences();
    let (found, best) = (result(&steps), all.first());
    let is_best = matches!((found, best), (Some(f), Some(b)) if f.path == b.path);
    let kept: Vec<Vec<usize>> = steps
        .iter()
        .flat_map(|s| s.kept().iter().map(|b| b.path.clone()))
        .collect();
    let shown = if s.width == 1 {
        format!("1 ({})", t.greedy)
    } else {
        s.width.to_string()
    };
    let line = |label: &str, b: Option<&Beam>, tail: &str| {
        b.map(|b| format!("{label}: {} {tail}", scored(b, lang)))
            .unwrap_or_default()
    };

    let body = html! {
        <>
            <div class="xcontrols">
                {slider(ctx.id("k"), t.width, WIDTH_RANGE.0 as f64, WIDTH_RANGE.1 as f64, 1.0, s.width as f64, shown, update(s, &set, BeamSettings::set_width))}
            </div>
            <ul class="xresults" aria-live="polite">
                <li class="xresults__main">{line(t.found, found, if is_best { t.is_best } else { t.not_best })}</li>
                <li>{line(t.greedy_found, result(&greedy), "")}</li>
                <li>{line(t.best_found, best, "")}</li>
            </ul>
            <p class="xsubtitle">{t.steps_title}</p>
            <ol class="xsteps">
                {for steps.iter().enumerate().map(|(i, st)| html! {
                    <li>
                        <span class="xsteps__title">{format!("{} {}", t.step, i + 1)}</span>
                        <ol class="xsteps__list">
                            {for st.candidates.iter().enumerate().map(|(r, b)| {
                                let (class, tag) = if r < st.kept { ("xsteps--kept", t.kept) } else { ("xsteps--dropped", t.pruned) };
                                html! { <li {class}>{scored(b, lang)}<span class="xtag">{tag}</span></li> }
                            })}
                        </ol>
                    </li>
                })}
            </ol>
            // Not a <details>: a disclosure nested in the card's own would confuse "expand all".
            <div class="xtree">
                <p class="xsubtitle">{t.tree_title}</p>
                <p class="xtree__root">{word(0, lang)}</p>
                {tree(TREE, &[], &kept, lang)}
            </div>
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
