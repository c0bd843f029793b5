//! The bank's tiny Markdown subset.
//!
//! - paragraphs are separated by blank lines; the lines of one paragraph are joined with a space
//!   (with nothing between two Chinese characters);
//! - consecutive lines starting with `- ` are a bullet list, consecutive lines starting with
//!   `1. `, `2. `, … a numbered list (numbered from 1, in order);
//! - `$...$` is inline math, a paragraph that is exactly `$$...$$` is display math;
//! - `\$` is a literal dollar sign; everything else is text, taken literally.

use crate::lang::is_cjk;
use crate::math::{Converter, Display};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    pub tex: String,
    pub mathml: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Math(Formula),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Para(Vec<Inline>),
    Bullets(Vec<Vec<Inline>>),
    Steps(Vec<Vec<Inline>>),
    Math(Formula),
}

/// Parses a field of paragraphs, lists and display math. Returns every problem found.
pub fn blocks(src: &str, conv: &Converter) -> Result<Vec<Block>, Vec<String>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for para in paragraphs(src) {
        let joined = para.join("\n");
        if let Some(inner) = joined
            .strip_prefix("$$")
            .and_then(|r| r.strip_suffix("$$"))
            .filter(|_| joined.len() >= 4)
        {
            let tex = inner.trim();
            if tex.is_empty() {
                errors.push("empty display formula `$$$$`".to_string());
            } else if tex.contains('$') && !tex.contains("\\$") {
                errors.push(format!(
                    "display math must be a paragraph of its own, exactly `$$...$$`: {joined:?}"
                ));
            } else {
                match conv.convert(tex, Display::Block) {
                    Ok(mathml) => out.push(Block::Math(Formula {
                        tex: tex.to_string(),
                        mathml,
                    })),
                    Err(e) => errors.push(format!("formula `{tex}` does not convert: {e}")),
                }
            }
            continue;
        }
        for (kind, lines) in runs(&para) {
            match kind {
                Kind::Text => match inlines(&join_lines(&lines), conv) {
                    Ok(i) => out.push(Block::Para(i)),
                    Err(e) => errors.extend(e),
                },
                Kind::Bullet | Kind::Step => {
                    let mut items = Vec::new();
                    for (n, line) in lines.iter().enumerate() {
                        let body = match kind {
                            Kind::Bullet => line.strip_prefix('-').unwrap_or(line).trim(),
                            _ => {
                                let (num, body) = line.split_once('.').unwrap_or(("", line));
                                if num.parse::<usize>().ok() != Some(n + 1) {
                                    errors.push(format!(
                                        "numbered list item {line:?} should be numbered {}.",
                                        n + 1
                                    ));
                                }
                                body.trim()
                            }
                        };
                        if body.is_empty() {
                            errors.push(format!("empty list item {line:?}"));
                            continue;
                        }
                        match inlines(body, conv) {
                            Ok(i) => items.push(i),
                            Err(e) => errors.extend(e),
                        }
                    }
                    out.push(match kind {
                        Kind::Bullet => Block::Bullets(items),
                        _ => Block::Steps(items),
                    });
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Parses a one-paragraph field (a question): text and inline math only.
pub fn single_paragraph(src: &str, conv: &Converter) -> Result<Vec<Inline>, Vec<String>> {
    let paras = paragraphs(src);
    if paras.len() > 1 {
        return Err(vec![
            "must be a single paragraph (it has a blank line)".to_string()
        ]);
    }
    let lines = paras.into_iter().next().unwrap_or_default();
    inlines(&join_lines(&lines), conv)
}

/// Splits text on blank lines into paragraphs of trimmed, non-empty lines.
fn paragraphs(src: &str) -> Vec<Vec<&str>> {
    let mut paras = Vec::new();
    let mut cur = Vec::new();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !cur.is_empty() {
                paras.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        paras.push(cur);
    }
    paras
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Bullet,
    Step,
}

fn kind(line: &str) -> Kind {
    if line == "-" || line.starts_with("- ") {
        return Kind::Bullet;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 && digits <= 3 && (rest == "." || rest.starts_with(". ")) {
        Kind::Step
    } else {
        Kind::Text
    }
}

/// Groups a paragraph's lines into runs of the same kind.
fn runs<'a>(lines: &[&'a str]) -> Vec<(Kind, Vec<&'a str>)> {
    let mut out: Vec<(Kind, Vec<&'a str>)> = Vec::new();
    for &line in lines {
        let k = kind(line);
        match out.last_mut() {
            Some((last, group)) if *last == k => group.push(line),
            _ => out.push((k, vec![line])),
        }
    }
    out
}

/// Joins the lines of one paragraph: a space, except between two CJK characters.
fn join_lines(lines: &[&str]) -> String {
    let mut s = String::new();
    for line in lines {
        if let (Some(a), Some(b)) = (s.chars().last(), line.chars().next()) {
            if !(is_cjk(a) && is_cjk(b)) {
                s.push(' ');
            }
        }
        s.push_str(line);
    }
    s
}

/// Splits one line of text into text and `$...$` formulas.
pub fn inlines(src: &str, conv: &Converter) -> Result<Vec<Inline>, Vec<String>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut text = String::new();
    let mut tex = String::new();
    let mut in_math = false;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'$') => {
                chars.next();
                if in_math {
                    tex.push_str("\\$");
                } else {
                    text.push('$');
                }
            }
            '$' if chars.peek() == Some(&'$') => {
                return Err(vec![format!(
                    "`$$` inside a paragraph: display math must be a paragraph of its own: {src:?}"
                )]);
            }
            '$' if in_math => {
                in_math = false;
                let t = std::mem::take(&mut tex);
                let t = t.trim();
                if t.is_empty() {
                    errors.push(format!("empty formula `$ $` in {src:?}"));
                    continue;
                }
                match conv.convert(t, Display::Inline) {
                    Ok(mathml) => {
                        if !text.is_empty() {
                            out.push(Inline::Text(std::mem::take(&mut text)));
                        }
                        out.push(Inline::Math(Formula {
                            tex: t.to_string(),
                            mathml,
                        }));
                    }
                    Err(e) => errors.push(format!("formula `{t}` does not convert: {e}")),
                }
            }
            '$' => in_math = true,
            c if in_math => tex.push(c),
            c => text.push(c),
        }
    }
    if in_math {
        let shown: String = tex.chars().take(40).collect();
        let more = if shown.len() < tex.len() { "…" } else { "" };
        errors.push(format!(
            "unbalanced `$`: no closing `$` after {:?}",
            format!("${shown}{more}")
        ));
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Plain text of a line: text as is, formulas as their TeX source.
pub fn inline_plain(line: &[Inline]) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(t) => t.as_str(),
            Inline::Math(f) => f.tex.as_str(),
        })
        .collect()
}

/// Plain text of a field for search: one line per paragraph, list item or display formula.
pub fn blocks_plain(blocks: &[Block]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Para(l) => lines.push(inline_plain(l)),
            Block::Bullets(items) | Block::Steps(items) => {
                lines.extend(items.iter().map(|l| inline_plain(l)));
            }
            Block::Math(f) => lines.push(f.tex.clone()),
        }
    }
    lines.join("\n")
}

/// Escapes text for an HTML text node.
fn escape_text(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

fn inline_html(out: &mut String, line: &[Inline]) {
    for i in line {
        match i {
            Inline::Text(t) => escape_text(out, t),
            Inline::Math(f) => out.push_str(&f.mathml),
        }
    }
}

/// A field as HTML, the way the app shows it: paragraphs, lists and formulas (display formulas in a
/// `div.math-block`, which scrolls sideways when a formula is wider than a phone's column and so is
/// focusable, `tabindex="0"`, for keyboard users to scroll it: axe's `scrollable-region-focusable`). Text is escaped and formulas are the checked MathML, so the result is safe to
/// insert as markup; the app then treats each answer as one piece of static HTML, with nothing to
/// build or compare element by element.
pub fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Para(l) => {
                out.push_str("<p>");
                inline_html(&mut out, l);
                out.push_str("</p>");
            }
            Block::Bullets(items) | Block::Steps(items) => {
                let tag = if matches!(b, Block::Bullets(_)) {
                    "ul"
                } else {
                    "ol"
                };
                out.push('<');
                out.push_str(tag);
                out.push('>');
                for l in items {
                    out.push_str("<li>");
                    inline_html(&mut out, l);
                    out.push_str("</li>");
                }
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
            Block::Math(f) => {
                out.push_str("<div class=\"math-block\" tabindex=\"0\">");
                out.push_str(&f.mathml);
                out.push_str("</div>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_text_and_keeps_structure() {
        let conv = conv();
        let b = blocks(
            "A <script>alert(1)</script> & $x$\n\n- one\n- two\n\n1. first",
            &conv,
        )
        .unwrap();
        let html = blocks_html(&b);
        assert!(
            html.starts_with("<p>A &lt;script&gt;alert(1)&lt;/script&gt; &amp; <math"),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"),
            "{html}"
        );
    }

    fn conv() -> Converter {
        Converter::new()
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    fn ok(src: &str) -> Vec<Block> {
        blocks(src, &conv()).unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
    }

    fn err(src: &str) -> String {
        blocks(src, &conv()).expect_err(src).join("\n")
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_join_lines() {
        let b = ok("\nFirst line\ncontinues here.\n\n  \nSecond.\n");
        assert_eq!(
            b,
            vec![
                Block::Para(vec![text("First line continues here.")]),
                Block::Para(vec![text("Second.")]),
            ]
        );
        // Chinese lines join without a space; mixed lines with one.
        assert_eq!(
            ok("掌握语义\n关系。"),
            vec![Block::Para(vec![text("掌握语义关系。")])]
        );
        assert_eq!(
            ok("使用 LLM\n模型"),
            vec![Block::Para(vec![text("使用 LLM 模型")])]
        );
        assert_eq!(ok("a\r\nb"), vec![Block::Para(vec![text("a b")])]);
    }

    #[test]
    fn bullets_and_steps() {
        let b = ok("Includes:\n\n- Rehearsal: old data.\n- Dropout: $p$ drop.\n\nDone.");
        assert_eq!(b.len(), 3);
        let Block::Bullets(items) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(items[0], vec![text("Rehearsal: old data.")]);
        assert!(
            matches!(&items[1][..], [Inline::Text(t), Inline::Math(f), Inline::Text(u)]
            if t == "Dropout: " && f.tex == "p" && u == " drop.")
        );

        let b = ok("RAG involves:\n1. Retrieval: fetch.\n2. Ranking: sort.\n3. Generation: write.");
        assert_eq!(b[0], Block::Para(vec![text("RAG involves:")]));
        assert_eq!(
            b[1],
            Block::Steps(vec![
                vec![text("Retrieval: fetch.")],
                vec![text("Ranking: sort.")],
                vec![text("Generation: write.")],
            ])
        );
        // Not list markers: no space after the dash, a year, a negative number.
        assert_eq!(
            ok("-5 degrees\n2025年5月\n3.5 tokens"),
            vec![Block::Para(vec![text("-5 degrees 2025年5月 3.5 tokens")])]
        );
    }

    #[test]
    fn list_slips_are_errors() {
        assert!(err("- one\n- \n- three").contains("empty list item"));
        assert!(err("- one\n-").contains("empty list item"));
        assert!(err("1. one\n3. three").contains("should be numbered 2."));
        assert!(err("2. one").contains("should be numbered 1."));
        assert!(err("1.").contains("empty list item"));
    }

    #[test]
    fn inline_math() {
        let b = ok("with $k = 5$, for instance");
        let Block::Para(line) = &b[0] else { panic!() };
        assert_eq!(line.len(), 3);
        assert_eq!(line[0], text("with "));
        let Inline::Math(f) = &line[1] else { panic!() };
        assert_eq!(f.tex, "k = 5");
        assert!(f.mathml.starts_with("<math><mi>k</mi>"));
        assert_eq!(line[2], text(", for instance"));
        assert_eq!(inline_plain(line), "with k = 5, for instance");
        // A formula at either end, and two in a row.
        let l = inlines("$a$ and $b$$", &conv());
        assert!(l.is_err(), "$$ after a formula is a slip");
        let l = inlines("$a$ $b$", &conv()).unwrap();
        assert_eq!(l.len(), 3);
        assert!(matches!(&l[..], [Inline::Math(_), Inline::Text(t), Inline::Math(_)] if t == " "));
    }

    #[test]
    fn display_math() {
        let b = ok("Loss:\n\n$$L = - \\sum y_i \\log(\\hat{y}_i)$$\n\nIt penalizes.");
        let Block::Math(f) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(f.tex, "L = - \\sum y_i \\log(\\hat{y}_i)");
        assert!(f.mathml.starts_with("<math display=\"block\">"));
        assert_eq!(
            blocks_plain(&b),
            "Loss:\nL = - \\sum y_i \\log(\\hat{y}_i)\nIt penalizes."
        );
        // Spread over lines is fine as long as the paragraph is exactly $$...$$.
        let b = ok("$$\nx = 1\n$$");
        assert!(matches!(&b[0], Block::Math(f) if f.tex == "x = 1"));
    }

    #[test]
    fn dollar_edge_cases() {
        assert!(err("costs $5 only").contains("unbalanced `$`"));
        assert!(err("ends with $").contains("unbalanced `$`"));
        assert!(err("empty $ $ formula").contains("empty formula"));
        assert!(err("$$$$").contains("empty display formula"));
        assert!(err("text then $$x$$").contains("`$$` inside a paragraph"));
        assert!(err("$$x$$ then text").contains("`$$` inside a paragraph"));
        assert!(err("$$a$ b$$").contains("display math must be a paragraph"));
        assert!(err("bad $\\frac{1}{$ formula").contains("does not convert"));
        // An escaped dollar is text, also next to a formula; inside a formula it stays TeX.
        assert_eq!(ok("costs \\$5"), vec![Block::Para(vec![text("costs $5")])]);
        let l = inlines("\\$$x$", &conv()).unwrap();
        assert!(matches!(&l[..], [Inline::Text(t), Inline::Math(f)] if t == "$" && f.tex == "x"));
        let l = inlines("$\\$ 5$", &conv()).unwrap();
        assert!(matches!(&l[..], [Inline::Math(f)] if f.tex == "\\$ 5"));
        // Several problems in one field are all reported.
        let e = blocks("a $\\foo$ b\n\n- \n\nc $d", &conv()).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
    }

    #[test]
    fn single_paragraph_questions() {
        let q = single_paragraph("Why is $O(n^2)$ slow?\n", &conv()).unwrap();
        assert_eq!(q.len(), 3);
        assert!(single_paragraph("one\n\ntwo", &conv()).is_err());
        assert!(single_paragraph("costs $5", &conv()).is_err());
    }

    #[test]
    fn plain_text_of_lists() {
        let b = ok("Intro $x$:\n\n- a\n- b\n\n1. c\n2. d");
        assert_eq!(blocks_plain(&b), "Intro x:\na\nb\nc\nd");
    }
}
