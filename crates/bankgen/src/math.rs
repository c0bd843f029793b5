//! LaTeX → MathML Core with math-core, and a check that the output is only MathML.
//!
//! The UI injects the MathML as raw HTML, so besides trusting math-core we check its output:
//! only MathML Core elements and presentation attributes, well nested, one `<math>` root.

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

/// Where a formula stands: inside a line of text, or as a paragraph of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Display {
    Inline,
    Block,
}

/// Converts TeX to MathML; build it once and reuse it.
pub struct Converter(LatexToMathML);

impl Default for Converter {
    fn default() -> Self {
        Self::new()
    }
}

/// TeX commands that could carry links, ids, classes or raw HTML. math-core 0.7 knows none of
/// them, but a newer version might: refuse them here so an upgrade cannot let them through.
const FORBIDDEN_COMMANDS: &[&str] = &[
    "href",
    "url",
    "html",
    "class",
    "cssId",
    "style",
    "data",
    "attr",
    "require",
    "unicode",
    "includegraphics",
];

impl Converter {
    pub fn new() -> Self {
        // Default config: unknown commands are errors, no pretty-printing, no xmlns.
        let inner = LatexToMathML::new(MathCoreConfig::default())
            .expect("the default math-core config has no macros to fail");
        Self(inner)
    }

    /// The complete `<math>…</math>` element for `tex`, or why there is none.
    pub fn convert(&self, tex: &str, display: Display) -> Result<String, String> {
        if let Some(cmd) = forbidden_command(tex) {
            return Err(format!("the command \\{cmd} is not allowed in the bank"));
        }
        let mode = match display {
            Display::Inline => MathDisplay::Inline,
            Display::Block => MathDisplay::Block,
        };
        let mathml = self
            .0
            .convert_with_local_state(tex, mode)
            .map_err(|e| {
                let mut msg = String::new();
                e.to_message(&mut msg, tex);
                format!("at character {msg}")
            })?
            .mathml;
        let mathml = styles_to_classes(&mathml);
        check_mathml(&mathml, display)?;
        Ok(mathml)
    }
}

/// The inline styles math-core writes (table cells of `cases` and `aligned`), as classes that
/// `assets/style.css` defines: the page's Content-Security-Policy allows no inline style. Any other
/// `style` attribute is refused by [`check_mathml`], so a formula needing one fails the build.
const STYLE_CLASSES: &[(&str, &str)] = &[
    (
        "style=\"text-align: left;justify-items: start;padding-right: 0;padding-left:1em;\"",
        "class=\"mtd-left mtd-gap\"",
    ),
    (
        "style=\"text-align: left;justify-items: start;padding-right: 0;\"",
        "class=\"mtd-left\"",
    ),
    (
        "style=\"text-align: right;justify-items: end;padding-right: 0;\"",
        "class=\"mtd-right\"",
    ),
    (
        "style=\"text-align: left;justify-items: start;padding-left: 0;\"",
        "class=\"mtd-left-flush\"",
    ),
];

fn styles_to_classes(mathml: &str) -> String {
    STYLE_CLASSES
        .iter()
        .fold(mathml.to_string(), |m, (style, class)| {
            m.replace(style, class)
        })
}

fn forbidden_command(tex: &str) -> Option<&str> {
    let mut rest = tex;
    while let Some(i) = rest.find('\\') {
        let after = &rest[i + 1..];
        let len = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let name = &after[..len];
        if FORBIDDEN_COMMANDS
            .iter()
            .any(|f| name == *f || (*f == "html" && name.starts_with("html")))
        {
            return Some(name);
        }
        // Skip the escaped character too, so `\\href` (a line break, then text) is not a command.
        let skip = if len == 0 {
            after.chars().next().map_or(0, char::len_utf8)
        } else {
            len
        };
        rest = &after[skip..];
    }
    None
}

/// MathML Core elements math-core emits (and a few more it may), nothing that can hold script.
const ELEMENTS: &[&str] = &[
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mfrac",
    "msqrt",
    "mroot",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "merror",
    "semantics",
    "annotation",
];

/// Presentation attributes only: no `on*` handlers, no `href`, no `src`.
const ATTRIBUTES: &[&str] = &[
    "display",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "mathsize",
    "mathcolor",
    "mathbackground",
    "dir",
    "class",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "accent",
    "accentunder",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "form",
    "fence",
    "separator",
    "width",
    "height",
    "depth",
    "voffset",
    "linethickness",
    "columnspan",
    "rowspan",
    "columnalign",
    "rowalign",
    "notation",
    "encoding",
];

/// Checks that `mathml` is exactly one well-nested `<math>` element made of [`ELEMENTS`] and
/// [`ATTRIBUTES`], with `display="block"` exactly when the formula is a block.
pub fn check_mathml(mathml: &str, display: Display) -> Result<(), String> {
    let bad = |why: String| Err(format!("unsafe or malformed MathML ({why}): {mathml}"));
    let block_root = if display == Display::Block {
        "<math display=\"block\">"
    } else {
        "<math>"
    };
    if !mathml.starts_with(block_root) || !mathml.ends_with("</math>") {
        return bad(format!("expected it to start with {block_root}"));
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = mathml;
    let mut roots = 0;
    while let Some(lt) = rest.find('<') {
        if stack.is_empty() && (roots > 0 || !rest[..lt].is_empty()) {
            return bad("content outside <math>".into());
        }
        let Some(gt) = rest[lt..].find('>') else {
            return bad("unclosed tag".into());
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop() != Some(name) {
                return bad(format!("stray </{name}>"));
            }
            continue;
        }
        let (tag, self_closing) = match tag.strip_suffix('/') {
            Some(t) => (t.trim_end(), true),
            None => (tag, false),
        };
        let name_len = tag.find(' ').unwrap_or(tag.len());
        let name = &tag[..name_len];
        if !ELEMENTS.contains(&name) {
            return bad(format!("element <{name}>"));
        }
        if name == "math" {
            if !stack.is_empty() {
                return bad("nested <math>".into());
            }
            roots += 1;
        }
        check_attributes(&tag[name_len..]).or_else(bad)?;
        if !self_closing {
            stack.push(name);
        }
    }
    if !stack.is_empty() || !rest.is_empty() || roots != 1 {
        return bad("not one complete <math> element".into());
    }
    Ok(())
}

fn check_attributes(mut attrs: &str) -> Result<(), String> {
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return Ok(());
        }
        let Some(eq) = attrs.find("=\"") else {
            return Err(format!("attribute without a quoted value: {attrs}"));
        };
        let name = &attrs[..eq];
        if !ATTRIBUTES.contains(&name) {
            return Err(format!("attribute {name}"));
        }
        let value_and_rest = &attrs[eq + 2..];
        let Some(close) = value_and_rest.find('"') else {
            return Err(format!("unclosed value of {name}"));
        };
        let value = &value_and_rest[..close];
        let lower = value.to_ascii_lowercase();
        if ["url(", "expression", "javascript", "@import", "\\"]
            .iter()
            .any(|s| lower.contains(s))
        {
            return Err(format!("{name}=\"{value}\""));
        }
        attrs = &value_and_rest[close + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(tex: &str) -> String {
        Converter::new()
            .convert(tex, Display::Block)
            .unwrap_or_else(|e| panic!("{tex}: {e}"))
    }

    fn has_all(mathml: &str, parts: &[&str]) {
        for p in parts {
            assert!(mathml.contains(p), "{p} missing in {mathml}");
        }
    }

    #[test]
    fn chain_rule_for_embeddings() {
        let m = block(
            r"\frac{\partial L}{\partial E} = \frac{\partial L}{\partial \text{logits}} \cdot \frac{\partial \text{logits}}{\partial E}",
        );
        has_all(
            &m,
            &[
                "<math display=\"block\">",
                "<mfrac>",
                "<mi>∂</mi>",
                "<mtext>logits</mtext>",
                "⋅</mo>",
            ],
        );
        assert_eq!(m.matches("<mfrac>").count(), 3);
    }

    #[test]
    fn kl_divergence() {
        let m = block(r"D_{KL}(P||Q) = \sum P(x) \log \frac{P(x)}{Q(x)}");
        has_all(
            &m,
            &[
                "<msub><mi>D</mi><mrow><mi>K</mi><mi>L</mi></mrow></msub>",
                "∑</mo>",
                ">log</mo>",
                "<mfrac>",
                "|</mo>",
            ],
        );
    }

    #[test]
    fn relu_derivative_cases() {
        let m = block(
            r"f'(x) = \begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}",
        );
        has_all(
            &m,
            &[
                "<msup><mi>f</mi><mo>′</mo></msup>",
                "<mo>{</mo>",
                "<mtable",
                "<mtr>",
                "<mtd",
                "<mtext>if",
                "<mo>&gt;</mo>",
                "<mtext>otherwise</mtext>",
            ],
        );
        assert_eq!(m.matches("<mtr>").count(), 2);
        // Left-aligned cells by class, not inline style (the page's CSP forbids inline styles).
        assert!(!m.contains(" style="), "{m}");
        assert_eq!(m.matches("<mtd class=\"mtd-left\">").count(), 2, "{m}");
        assert_eq!(
            m.matches("<mtd class=\"mtd-left mtd-gap\">").count(),
            2,
            "{m}"
        );
    }

    #[test]
    fn aligned_equations_need_no_inline_style() {
        let m = block(r"\begin{aligned} a &= b + c \\ d &= e \end{aligned}");
        assert!(!m.contains(" style="), "{m}");
        assert_eq!(m.matches("<mtd class=\"mtd-right\">").count(), 2, "{m}");
        assert_eq!(
            m.matches("<mtd class=\"mtd-left-flush\">").count(),
            2,
            "{m}"
        );
    }

    #[test]
    fn chain_rule() {
        let m = block(r"\frac{d}{dx}f(g(x)) = f'(g(x)) \cdot g'(x)");
        has_all(
            &m,
            &[
                "<mfrac><mi>d</mi><mrow><mi>d</mi><mi>x</mi></mrow></mfrac>",
                "<msup><mi>g</mi><mo>′</mo></msup>",
                "⋅</mo>",
            ],
        );
    }

    #[test]
    fn attention() {
        let m = block(
            r"\text{Attention}(Q, K, V) = \text{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V",
        );
        has_all(
            &m,
            &[
                "<mtext>Attention</mtext>",
                "<mtext>softmax</mtext>",
                "<msup><mi>K</mi><mi>T</mi></msup>",
                "<msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>",
                "<mo>(</mo>",
                "<mo>)</mo>",
            ],
        );
    }

    #[test]
    fn softmax_score_cross_entropy() {
        has_all(
            &block(r"\text{softmax}(x_i) = \frac{e^{x_i}}{\sum_j e^{x_j}}"),
            &[
                "<munder>",
                "∑</mo><mi>j</mi></munder>",
                "<msup><mi>e</mi><msub><mi>x</mi><mi>i</mi></msub></msup>",
            ],
        );
        has_all(
            &block(r"\text{Score} = \frac{Q \cdot K}{\sqrt{d_k}}"),
            &["<mtext>Score</mtext>", "<msqrt>", "⋅</mo>"],
        );
        has_all(
            &block(r"L = - \sum y_i \log(\hat{y}_i)"),
            &[
                "−</mo>",
                "∑</mo>",
                ">log</mo>",
                "<mover accent=\"true\"><mi>y</mi>",
            ],
        );
    }

    #[test]
    fn inline_formulas() {
        let c = Converter::new();
        let m = c.convert(r"f(x) = \max(0, x)", Display::Inline).unwrap();
        has_all(&m, &["<math>", ">max</mo>", "<mn>0</mn>"]);
        assert!(!m.contains("display="));
        assert_eq!(
            c.convert("k = 5", Display::Inline).unwrap(),
            "<math><mi>k</mi><mo>=</mo><mn>5</mn></math>"
        );
        has_all(
            &c.convert("O(n^2)", Display::Inline).unwrap(),
            &["<msup><mi>n</mi><mn>2</mn></msup>"],
        );
    }

    #[test]
    fn bad_tex_is_an_error() {
        let c = Converter::new();
        for bad in [r"\frac{1}{", r"\foo x", r"\begin{cases} 1", "x^^2"] {
            assert!(c.convert(bad, Display::Inline).is_err(), "{bad}");
        }
        let e = c.convert(r"\foo x", Display::Inline).unwrap_err();
        assert!(e.contains("foo"), "{e}");
    }

    #[test]
    fn links_and_html_are_refused() {
        let c = Converter::new();
        for bad in [
            r"\href{javascript:alert(1)}{x}",
            r"\htmlClass{a}{x}",
            r"x \url{http://a}",
            r"\class{x}{y}",
        ] {
            let e = c.convert(bad, Display::Inline).unwrap_err();
            assert!(e.contains("not allowed"), "{bad}: {e}");
        }
        // `\\` is a line break, not the start of a command named "href".
        assert_eq!(forbidden_command(r"a \\href"), None);
        // Text that looks like a tag is escaped by the converter and passes the check.
        let m = c
            .convert(r"\text{<script>alert(1)</script>}", Display::Inline)
            .unwrap();
        assert!(m.contains("&lt;script&gt;") && !m.contains("<script"));
    }

    #[test]
    fn output_check_rejects_non_mathml() {
        let ok = "<math><mi>x</mi><mspace width=\"1em\"/></math>";
        assert_eq!(check_mathml(ok, Display::Inline), Ok(()));
        for bad in [
            "<math><script>alert(1)</script></math>",
            "<math><mi onclick=\"alert(1)\">x</mi></math>",
            "<math><mi href=\"javascript:alert(1)\">x</mi></math>",
            "<math><mi style=\"background:url(x)\">x</mi></math>",
            "<math><mi>x</mo></math>",
            "<math><mi>x</mi>",
            "<math></math><math></math>",
            "<math><mi>x</mi></math><img src=x>",
            "<math><math></math></math>",
            "<math><mi>x<mi></math>",
        ] {
            assert!(check_mathml(bad, Display::Inline).is_err(), "{bad}");
        }
        assert!(check_mathml("<math><mi>x</mi></math>", Display::Block).is_err());
        assert!(
            check_mathml("<math display=\"block\"><mi>x</mi></math>", Display::Inline).is_err()
        );
    }
}
