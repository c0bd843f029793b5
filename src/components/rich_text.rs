//! Renders the bank's structured text: paragraphs, lists and formulas. Formulas are MathML produced
//! and checked at build time from our own data file (`crates/bankgen`), so inserting it as markup
//! is safe; nothing typed by a user ever reaches this.

use llm_qa_core::bank::{Block, Formula, Inline, Text};
use yew::prelude::*;

fn formula(f: &Formula) -> Html {
    Html::from_html_unchecked(AttrValue::Static(f.mathml))
}

/// An answer: one piece of static HTML made at build time (see `Text::answer_html`).
pub fn answer(t: &Text) -> Html {
    Html::from_html_unchecked(AttrValue::Static(t.answer_html))
}

pub fn inlines(items: &[Inline]) -> Html {
    items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => html! { {*t} },
            Inline::Math(f) => formula(f),
        })
        .collect()
}

pub fn blocks(items: &[Block]) -> Html {
    items
        .iter()
        .map(|b| match b {
            Block::Para(p) => html! { <p>{inlines(p)}</p> },
            Block::Bullets(list) => {
                html! { <ul>{for list.iter().map(|li| html! { <li>{inlines(li)}</li> })}</ul> }
            }
            Block::Steps(list) => {
                html! { <ol>{for list.iter().map(|li| html! { <li>{inlines(li)}</li> })}</ol> }
            }
            // Focusable: it scrolls sideways when the formula is wider than the column (as in bankgen).
            Block::Math(f) => html! { <div class="math-block" tabindex="0">{formula(f)}</div> },
        })
        .collect()
}
