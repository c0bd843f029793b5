//! Softmax explorer (Q23): renders `llm_qa_core::explore::softmax`.

use llm_qa_core::explore::softmax::{self as model, Softmax, SCORE_RANGE, TOKENS, T_RANGE, T_STEP};
use llm_qa_core::explore::{dec, pct, pick};
use yew::prelude::*;

use super::widgets::{input_number, rect, slider, svg, table, text, update, Ctx, Row};

pub fn view(s: &Softmax, ctx: &Ctx, set: Callback<Softmax>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let probs = s.probs();
    let f = s.formula();
    let token = |i: usize| pick(lang, TOKENS[i].0, TOKENS[i].1);

    let score_input = |i: usize| {
        let (s2, set) = (s.clone(), set.clone());
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(v) = input_number(&e) {
                let mut n = s2.clone();
                n.set_score(i, v);
                set.emit(n);
            }
        });
        let id = ctx.id(&format!("z{i}"));
        html! {
            <label class="xfield" for={id.clone()}>
                <span>{token(i)}</span>
                <input type="number" {id} min={dec(SCORE_RANGE.0, 0)} max={dec(SCORE_RANGE.1, 0)} step="0.1" value={dec(s.scores[i], 2)} {oninput} />
            </label>
        }
    };

    // Horizontal bars, one row per token.
    let bars = (0..TOKENS.len())
        .map(|i| {
            let (y, p) = (26.0 * i as f64, probs[i]);
            html! {
                <>
                    {text("xchart__label", 54.0, y + 17.0, "end", token(i).into())}
                    {rect("xchart__bar", 60.0, y + 5.0, (220.0 * p).max(1.0), 15.0, None)}
                    {text("xchart__value", 64.0 + 220.0 * p, y + 17.0, "start", pct(p))}
                </>
            }
        })
        .collect::<Html>();

    let exps: Vec<String> = f.exponents.iter().map(|x| format!("e^({x})")).collect();
    let body = html! {
        <>
            <div class="xcontrols">
                <fieldset class="xfields">
                    <legend>{t.scores}</legend>
                    {for (0..TOKENS.len()).map(score_input)}
                </fieldset>
                {slider(ctx.id("t"), t.temperature, T_RANGE.0, T_RANGE.1, T_STEP, s.temperature, dec(s.temperature, 1), update(s, &set, Softmax::set_temperature))}
            </div>
            {svg(ctx, "chart", "xchart", 340.0, 108.0, t.chart_title.into(), bars)}
            <div class="xformula">
                <p class="xformula__title">{t.formula_title}</p>
                <p class="xformula__line">{"pᵢ = e^(zᵢ/T) / Σⱼ e^(zⱼ/T)"}</p>
                <p class="xformula__line">{format!("{}: {} = {} = {}", t.formula_sum, exps.join(" + "), f.terms.join(" + "), f.sum)}</p>
                <ul class="xformula__list" aria-live="polite">
                    {for (0..TOKENS.len()).map(|i| html! {
                        <li>{format!("p({}) = {} / {} = {}", token(i), f.terms[i], f.sum, f.probs[i])}</li>
                    })}
                </ul>
            </div>
            {ctx.tables(|| table(t.chart_title, &[t.col_token, t.col_score, t.col_term, t.col_prob],
                (0..TOKENS.len()).map(|i| Row::new(token(i), vec![dec(s.scores[i], 2), f.terms[i].clone(), pct(probs[i])])).collect()))}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
