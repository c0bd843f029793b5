//! Text with search matches marked. The matched ranges come from the search core; the text is put in
//! text nodes and `<mark>` elements, never parsed as markup.
//!
//! A function of the card's render rather than a component of its own: it has no state, and each
//! component type costs the first stage's wasm its share of Yew's generic code.

use yew::prelude::*;

/// `text` with the byte ranges `ranges` (sorted, not overlapping) in `<mark>`. Ranges that are not on
/// character boundaries are skipped rather than trusted.
pub fn highlighted(text: &str, ranges: &[(usize, usize)]) -> Html {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at
            || end <= start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push(html! { {&text[at..start]} });
        }
        out.push(html! { <mark>{&text[start..end]}</mark> });
        at = end;
    }
    if at < text.len() {
        out.push(html! { {&text[at..]} });
    }
    out.into_iter().collect()
}
