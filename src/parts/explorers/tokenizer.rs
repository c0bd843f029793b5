//! Tokenizer explorer (Q1, Q16): renders `llm_qa_core::explore::bpe`. The tokenizer is trained on
//! first use (tens of milliseconds) and shared by every card that shows it.

use llm_qa_core::explore::bpe::{
    self as model, token_count, Bpe, Piece, Tokenizer, MAX_INPUT_CHARS,
};
use llm_qa_core::lab::fixed;
use yew::prelude::*;

use super::widgets::{
    dot, input_text, legend, polyline, readouts, slider, svg, table, update, Ctx, Plot, Row,
};

pub fn view(s: &Tokenizer, ctx: &Ctx, set: Callback<Tokenizer>) -> Html {
    let lang = ctx.lang;
    let t = model::text(lang);
    let bpe = Bpe::bank();
    let last = bpe.merge_count();
    let m = s.merges.min(last);

    let on_text = {
        let (s, set) = (s.clone(), set.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_text(&e) {
                let mut n = s.clone();
                n.set_text(&v);
                set.emit(n);
            }
        })
    };
    let words = bpe.encode(&s.text, m);
    let count: usize = words.iter().map(Vec::len).sum();

    let plot = Plot {
        x0: 0.0,
        x1: (bpe.vocab_size(last) as f64 / 100.0).ceil() * 100.0,
        y0: 0.0,
        y1: bpe.tokens_per_word(0).ceil(),
        left: 30.0,
        top: 20.0,
        width: 290.0,
        height: 140.0,
    };
    let at = |r: usize| (bpe.vocab_size(r) as f64, bpe.tokens_per_word(r));
    let (cx, cy) = at(m);
    let chart = html! {
        <>
            {plot.axes(&[0.0, plot.x1 / 2.0, plot.x1], &[0.0, plot.y1 / 2.0, plot.y1], (0, 1), (t.axis_vocab, t.axis_tpw))}
            {polyline("xchart__line", plot.points((0..=last).step_by(5).map(at)))}
            {dot(plot.x(cx), plot.y(cy))}
        </>
    };
    let text_id = ctx.id("text");

    let body = html! {
        <>
            <div class="xcontrols">
                <div class="xfield xfield--wide">
                    <label for={text_id.clone()}>{t.word}</label>
                    <input type="text" id={text_id} value={s.text.clone()} maxlength={MAX_INPUT_CHARS.to_string()} autocomplete="off" spellcheck="false" oninput={on_text} />
                </div>
                {slider(ctx.id("m"), t.merges, 0.0, last as f64, 1.0, m as f64, m.to_string(), update(s, &set, Tokenizer::set_merges))}
            </div>
            <div class="xtokens" aria-live="polite">
                <p class="xtokens__count">{format!("{}: {}", t.result, token_count(lang, count))}</p>
                {for words.iter().map(|w| html! {
                    <ol class="xtokens__word">
                        {for w.iter().map(|p| {
                            let class = match p {
                                Piece::Token { merged: true, .. } => "xtoken xtoken--merged",
                                Piece::Token { .. } => "xtoken",
                                Piece::Byte(_) => "xtoken xtoken--byte",
                            };
                            html! { <li {class}>{p.label()}</li> }
                        })}
                    </ol>
                })}
            </div>
            {legend(&[("legend--merged", t.legend_merged), ("legend--char", t.legend_char), ("legend--byte", t.legend_byte)])}
            {readouts("xreadouts", vec![
                (t.vocab_size.into(), bpe.vocab_size(m).to_string()),
                (t.tokens_per_word.into(), fixed(cy, 2)),
            ])}
            {svg(ctx, "chart", "xchart", 330.0, 196.0, t.chart_title.into(), chart)}
            if m > 0 {
                <p class="xsubtitle">{t.recent_merges}</p>
                <ol class="xmerges">
                    {for (m.saturating_sub(5)..m).rev().filter_map(|i| bpe.merge(i).map(|(l, r, j)| html! {
                        <li value={(i + 1).to_string()}><code>{l}</code>{" + "}<code>{r}</code>{" → "}<code>{j}</code></li>
                    }))}
                </ol>
            }
            {ctx.tables(|| table(t.chart_title, &[t.col_merges, t.col_vocab, t.col_tpw],
                (0..=last).step_by(50).map(|r| Row { current: r == m, ..Row::new(r.to_string(), vec![bpe.vocab_size(r).to_string(), fixed(bpe.tokens_per_word(r), 2)]) }).collect()))}
        </>
    };
    ctx.frame(t.title, t.intro, t.note, body)
}
