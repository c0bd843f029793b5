//! The built pages, one per language: how `src/bin/prerender.rs` turns Trunk's `index.html` and
//! the prerendered app into `index.html` (English) and `zh.html` (Chinese). Plain string work, no
//! DOM, tested natively.
//!
//! Both pages sit in one directory, so relative and absolute addresses of the built files hold under
//! any public URL, and name each other as `hreflang` alternates. Trunk's `boot.js` becomes an inline
//! script at the top of `<head>`, after `<meta charset>` (where `scripts/csp.mjs` puts the policy that
//! allows it by hash): it costs no render-blocking request, and it sends a visitor whose language is
//! the other page's there before anything is painted.

use llm_qa_core::i18n::LangChoice;

/// Trunk's empty mount point, which the prerendered app replaces.
pub const MOUNT: &str = r#"<div id="app"></div>"#;
/// The `<html>` tag of Trunk's page.
pub const HTML_OPEN: &str = r#"<html lang="en">"#;
/// The first tag of Trunk's `<head>`, after which the boot script goes.
pub const CHARSET: &str = r#"<meta charset="utf-8" />"#;

/// The file a language's page is written to, next to `index.html`.
pub fn page_file(lang: LangChoice) -> &'static str {
    match lang {
        LangChoice::Zh => "zh.html",
        _ => "index.html",
    }
}

/// Takes Trunk's `<script src="…/boot-<hash>.js" …></script>` out of `page`, returning the page
/// without it and the name of the file it loaded.
pub fn take_boot_tag(page: &str) -> Result<(String, String), String> {
    let start = page
        .find(r#"<script src=""#)
        .filter(|&i| {
            page[i..]
                .split('>')
                .next()
                .is_some_and(|tag| tag.contains("/boot-"))
        })
        .ok_or("no <script src=\".../boot-<hash>.js\"> from Trunk in the page")?;
    let end = page[start..]
        .find("</script>")
        .map(|e| start + e + "</script>".len())
        .ok_or("the boot script's tag is not closed")?;
    let tag = &page[start..end];
    let src = tag
        .split('"')
        .nth(1)
        .ok_or("the boot script's tag has no src")?;
    let file = src.rsplit('/').next().unwrap_or(src).to_owned();
    let mut rest = String::with_capacity(page.len());
    rest.push_str(page[..start].trim_end_matches([' ', '\n']));
    rest.push_str(&page[end..]);
    Ok((rest, file))
}

/// The page of `lang`, from Trunk's page (already without its boot tag) and the rendered app.
pub fn page_for(template: &str, lang: LangChoice, boot: &str, app: &str) -> String {
    let (html_tag, mount) = match lang {
        LangChoice::Zh => (
            r#"<html lang="zh-Hans" data-page="zh">"#,
            format!(r#"<div id="app" data-prerender="zh">{app}</div>"#),
        ),
        _ => (
            r#"<html lang="en" data-page="en">"#,
            format!(r#"<div id="app" data-prerender="en">{app}</div>"#),
        ),
    };
    // Both pages sit in one directory: relative addresses work under any public URL (sub-paths too).
    let head = format!(
        "{CHARSET}\n    <script>{}</script>\n    \
         <link rel=\"alternate\" hreflang=\"en\" href=\"./\" />\n    \
         <link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"zh.html\" />\n    \
         <link rel=\"alternate\" hreflang=\"x-default\" href=\"./\" />",
        without_line_comments(boot)
    );
    let page = template
        .replacen(HTML_OPEN, html_tag, 1)
        .replacen(CHARSET, &head, 1)
        .replacen(MOUNT, &mount, 1);
    match lang {
        LangChoice::Zh => in_chinese(&page),
        _ => page,
    }
}

/// The Chinese page's title and description (a search result or a tab shows these).
const ZH_TITLE: &str = "大语言模型面试题 — 中文 &amp; English";
const ZH_DESCRIPTION: &str =
    "50 道大语言模型（LLM）面试题，中英双语解答：可搜索的卡片、学习模式和交互式采样实验室，可离线使用。";

/// `page` with its `<title>` and `<meta name="description">` in Chinese (left as they are if the
/// template has none).
fn in_chinese(page: &str) -> String {
    let mut out = page.to_owned();
    if let (Some(a), Some(b)) = (out.find("<title>"), out.find("</title>")) {
        out.replace_range(a + "<title>".len()..b, ZH_TITLE);
    }
    if let Some(meta) = out.find(r#"name="description""#) {
        let content = out[meta..]
            .find(r#"content=""#)
            .map(|i| meta + i + r#"content=""#.len());
        if let Some(start) = content {
            if let Some(len) = out[start..].find('"') {
                out.replace_range(start..start + len, ZH_DESCRIPTION);
            }
        }
    }
    out
}

/// The script without its whole-line `//` comments and blank lines: it is inlined into every page,
/// where they would only cost bytes. (Comments after code on a line are kept: a `//` there could be
/// inside a string.)
fn without_line_comments(js: &str) -> String {
    js.lines()
        .filter(|line| {
            let t = line.trim_start();
            !t.is_empty() && !t.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether Trunk's `page` has each tag the pages are made from exactly once; else what is off.
pub fn check_template(page: &str) -> Result<(), String> {
    for what in [MOUNT, HTML_OPEN, CHARSET] {
        if page.matches(what).count() != 1 {
            let body = page.find("<body").map_or("", |i| &page[i..]);
            return Err(format!(
                "the page must contain {what} exactly once; its body is:\n{body:.600}"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <link rel=\"stylesheet\" href=\"/s.css\"/>\n    <script src=\"/llm-qa/boot-0a1b.js\" integrity=\"sha384-x\"></script>\n  </head>\n  <body>\n    <div id=\"app\"></div>\n  </body>\n</html>\n";

    #[test]
    fn the_boot_tag_is_taken_out_and_its_file_named() {
        let (rest, file) = take_boot_tag(TRUNK).unwrap();
        assert_eq!(file, "boot-0a1b.js");
        assert!(!rest.contains("<script"));
        assert!(rest.contains("href=\"/s.css\"/>\n  </head>"));
    }

    #[test]
    fn the_inlined_script_loses_its_comment_lines_only() {
        let js = "// about it\n(function () {\n  // why\n  var u = \"a//b\"; // kept\n\n})();\n";
        assert_eq!(
            without_line_comments(js),
            "(function () {\n  var u = \"a//b\"; // kept\n})();"
        );
    }

    #[test]
    fn the_chinese_page_has_a_chinese_title_and_description() {
        let template = "<head><title>Questions</title>\n<meta\n  name=\"description\"\n  content=\"Fifty questions.\"\n/></head>";
        let zh = in_chinese(template);
        assert!(zh.contains(&format!("<title>{ZH_TITLE}</title>")));
        assert!(zh.contains(&format!("content=\"{ZH_DESCRIPTION}\"")));
        assert!(!zh.contains("Fifty") && !zh.contains("Questions"));
        assert_eq!(in_chinese("<p>none</p>"), "<p>none</p>");
    }

    #[test]
    fn a_template_missing_a_tag_is_refused() {
        assert!(check_template(TRUNK).is_ok());
        assert!(check_template(&TRUNK.replace(MOUNT, "")).is_err());
        assert!(check_template(&TRUNK.replace(CHARSET, "<meta charset=utf-8>")).is_err());
    }

    #[test]
    fn a_page_without_a_boot_tag_is_refused() {
        assert!(take_boot_tag("<head><script src=\"/app.js\"></script></head>").is_err());
    }

    #[test]
    fn each_page_holds_its_language_the_boot_script_first_and_both_alternates() {
        let (template, _) = take_boot_tag(TRUNK).unwrap();
        let zh = page_for(&template, LangChoice::Zh, "boot();\n", "<p>中文</p>");
        assert!(zh.contains(r#"<html lang="zh-Hans" data-page="zh">"#));
        assert!(zh.contains(r#"<div id="app" data-prerender="zh"><p>中文</p></div>"#));
        let head = &zh[zh.find("<head>").unwrap()..];
        assert!(head
            .starts_with("<head>\n    <meta charset=\"utf-8\" />\n    <script>boot();</script>"));
        assert!(zh.contains(r#"hreflang="en" href="./""#));
        assert!(zh.contains(r#"hreflang="zh-Hans" href="zh.html""#));
        let en = page_for(&template, LangChoice::En, "boot();", "<p>English</p>");
        assert!(en.contains(r#"<html lang="en" data-page="en">"#));
        assert!(en.contains(r#"<div id="app" data-prerender="en"><p>English</p></div>"#));
        assert!(!en.contains("中文"));
    }
}
