//! Causal vs bidirectional attention explorer (Q9): renders `llm_qa_core::explore::masks`.

use llm_qa_core::explore::masks::{
    self as model, allowed, next_token_targets, scores, weights, Masks, Replace, N, TOKENS, VOCAB,
};
use llm_qa_core::explore::{pct, pick};
use llm_qa_core::i18n::Lang;
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{legend, rect, slider, svg, table, text, Ctx, Row};

const CELL: f64 = 16.0;
const LEFT: f64 = 70.0;
const TOP: f64 = 18.0;

fn token(lang: Lang, i: usize) -> &'static str {
    pick(lang, TOKENS[i].0, TOKENS[i].1)
}

fn mask_chart(ctx: &Ctx, causal: bool, q: usize, title: String) -> Html {
    let lang = ctx.lang;
    let cells = html! {
        <>
            {for (0..N).map(|j| text("xmask__n", LEFT + CELL * (j as f64 + 0.5), TOP - 5.0, "middle", (j + 1).to_string()))}
            {for (0..N).map(|i| html! {
                <>
                    {text(if i == q { "xchart__label xchart__label--pick" } else { "xchart__label" }, LEFT - 4.0, TOP + CELL * (i as f64 + 0.5) + 4.0, "end", format!("{} {}", i + 1, token(lang, i)))}
                    {for (0..N).map(|j| {
                        let on = allowed(causal, i, j);
                        rect(if on { "heat--pos" } else { "xcell--off" }, LEFT + CELL * j as f64, TOP + CELL * i as f64, CELL - 1.0, CELL - 1.0, Some(if on { 0.75 } else { 1.0 }))
                    })}
                </>
            })}
            {rect("heat__pick", LEFT - 1.0, TOP + CELL * q as f64 - 1.0, CELL * N as f64 + 1.0, CELL + 1.0, None)}
        </>
    };
    let key = if causal { "mc" } else { "mb" };
    html! {
        <figure class="xfigure">
            <figcaption class="xfigure__title">{title.clone()}</figcaption>
            {svg(ctx, key, "xchart xchart--mask", LEFT + CELL * N as f64 + 4.0, TOP + CELL * N as f64 + 4.0, title, cells)}
        </figure>
    }
}

fn weight_bars(ctx: &Ctx, key: &str, title: &str, w: &[f64], q: usize, causal: bool) -> Html {
    let lang = ctx.lang;
    let bars = (0..N)
        .map(|j| {
            let y = 18.0 * j as f64;
            let seen = allowed(causal, q, j);
            html! {
                <>
                    {text(if seen { "xchart__label" } else { "xchart__axis" }, 66.0, y + 13.0, "end", token(lang, j).to_string())}
                    {rect("xchart__bar", 72.0, y + 3.0, (140.0 * w[j]).max(if seen { 1.0 } else { 0.0 }), 12.0, None)}
                    {text("xchart__value", 76.0 + 140.0 * w[j], y + 13.0, "start", if seen { pct(w[j]) } else { "—".to_string() })}
                </>
            }
        })
        .collect::<Html>();
    html! {
        <figure class="xfigure">
            <figcaption class="xfigure__title">{title.to_string()}</figcaption>
            {svg(ctx, key, "xchart", 262.0, 18.0 * N as f64 + 4.0, title.to_string(), bars)}
        </figure>
    }
}

pub fn view(s: &Masks, ctx: &Ctx, set: Callback<Masks>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let q = s.query();
    let picked = s.picked();
    let (wc, wb) = (weights(true, q), weights(false, q));
    let row = &scores()[q];
    let colon = pick(lang, ": ", "：");

    let on_query = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |v: f64| {
            let mut n = s.clone();
            n.set_query(v);
            set.emit(n);
        })
    };
    let on_reseed = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |_| {
            let mut n = s.clone();
            n.reseed();
            set.emit(n);
        })
    };

    let mlm_chips = (0..N).map(|i| {
        let hit = picked.iter().find(|p| p.pos == i);
        match hit {
            None => html! { <li class="xtoken">{token(lang, i)}</li> },
            Some(p) => {
                let predicts = format!("{} {}", t.predicts, token(lang, i));
                let (shown, note) = match p.replace {
                    Replace::Mask => (t.mask_token.to_string(), predicts),
                    Replace::Random(k) => (pick(lang, VOCAB[k].0, VOCAB[k].1).to_string(), format!("{}{}{predicts}", t.random_word, pick(lang, "; ", "；"))),
                    Replace::Keep => (token(lang, i).to_string(), format!("{}{}{predicts}", t.kept, pick(lang, "; ", "；"))),
                };
                html! {
                    <li class="xtoken xtoken--merged">
                        {shown}
                        <span class="xtoken__note">{pick(lang, format!(" ({note})"), format!("（{note}）"))}</span>
                    </li>
                }
            }
        }
    });

    let body = html! {
        <>
            <div class="xcontrols">
                {slider(ctx.id("q"), t.query, 0.0, (N - 1) as f64, 1.0, q as f64, format!("{} {}", q + 1, token(lang, q)), on_query)}
            </div>
            <div class="xheats">
                {mask_chart(ctx, true, q, format!("{}{colon}{}", t.causal, t.mask_title))}
                {mask_chart(ctx, false, q, format!("{}{colon}{}", t.bidirectional, t.mask_title))}
            </div>
            {legend(&[("legend--pos", t.legend_allowed), ("legend--off", t.legend_blocked), ("legend--pick", t.legend_query)])}
            <h4 class="xsubtitle">{t.weights_title}</h4>
            <div class="xheats">
                {weight_bars(ctx, "wc", t.causal, &wc, q, true)}
                {weight_bars(ctx, "wb", t.bidirectional, &wb, q, false)}
            </div>
            <h4 class="xsubtitle">{t.loss_title}</h4>
            <div class="xtokens" aria-live="polite">
                <p class="xtokens__count">{format!("{}{colon}{} = {}", t.next_token, t.next_token_count, next_token_targets().len())}</p>
                <ol class="xtokens__word">
                    {for next_token_targets().into_iter().map(|(i, j)| html! {
                        <li class="xtoken">{format!("{} → {}", token(lang, i), token(lang, j))}</li>
                    })}
                </ol>
                <p class="xtokens__count">{format!("{}{colon}{} = {}", t.mlm, t.mlm_count, picked.len())}</p>
                <ol class="xtokens__word">{for mlm_chips}</ol>
                if picked.is_empty() {
                    <p class="explorer__status">{t.mlm_none}</p>
                }
            </div>
            <div class="xrow">
                <button type="button" class="button" onclick={on_reseed}>{t.new_draw}</button>
                <span class="xmuted">{format!("{}{colon}{}", t.seed_label, s.seed)}</span>
            </div>
            {ctx.tables(|| {
                let mut head = vec![t.col_query.to_string()];
                head.extend((0..N).map(|j| (j + 1).to_string()));
                let head: Vec<&str> = head.iter().map(String::as_str).collect();
                html! {
                    <>
                        {table(t.weights_caption, &[t.col_key, t.col_score, t.col_causal, t.col_bidirectional],
                            (0..N).map(|j| Row::new(format!("{} {}", j + 1, token(lang, j)), vec![
                                fixed(row[j], 3),
                                if allowed(true, q, j) { pct(wc[j]) } else { "—".to_string() },
                                pct(wb[j]),
                            ])).collect())}
                        {table(t.mask_caption, &head,
                            (0..N).map(|i| Row {
                                current: i == q,
                                ..Row::new(format!("{} {}", i + 1, token(lang, i)), (0..N).map(|j| if allowed(true, i, j) { "✓".to_string() } else { String::new() }).collect())
                            }).collect())}
                    </>
                }
            })}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
