//! Text with search matches marked. The matched ranges come from the search core; the text is put in
//! text nodes and `<mark>` elements, never parsed as markup.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    /// Byte ranges into `text`, sorted and not overlapping. Ranges that are not on character
    /// boundaries are skipped rather than trusted.
    #[prop_or_default]
    pub ranges: Vec<(usize, usize)>,
}

#[component]
pub fn Highlighted(props: &Props) -> Html {
    let text: &str = &props.text;
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in &props.ranges {
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
