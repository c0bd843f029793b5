//! Writes the perf harness's two baselines, generated from the same bank as the app:
//!
//! * `index.html` (+ `baseline.css`): the same 50 questions and answers in both languages, formulas
//!   as MathML — the practical limit for a page like ours. No script, one small stylesheet.
//! * `plain.html`: the seed's English text alone (the bank's English questions and answers, the
//!   same markup), no stylesheet, no script — the plainest page holding what an English reader
//!   reads. Issue 15's LCP budget compares both languages of the app with this page.
//!
//!     baseline <out-dir>

use std::fmt::Write;
use std::process::ExitCode;

use llm_qa_core::bank::{QUESTIONS, SOURCE};
use llm_qa_core::i18n::Lang;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.6}\
article{border:1px solid #ccc;border-radius:8px;padding:0 1rem;margin:1rem 0}";

/// The English questions and answers as a bare document: a heading and the answer per question.
fn plain_english() -> String {
    let mut out = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>LLM interview questions (plain English)</title>\
         </head><body>",
    );
    let _ = write!(out, "<h1>{}</h1>", escape(SOURCE.title));
    for q in QUESTIONS {
        let t = q.text(Lang::En);
        let _ = write!(out, "<h2>{}. {}</h2>", q.id, escape(t.question_plain));
        out.push_str(t.answer_html);
    }
    out.push_str("</body></html>\n");
    out
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: baseline <out-dir>");
        return ExitCode::from(2);
    };
    let mut out = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>LLM interview questions (static baseline)</title>\
         <link rel=\"stylesheet\" href=\"baseline.css\"></head><body>",
    );
    let _ = write!(out, "<h1>{}</h1>", escape(SOURCE.title));
    for q in QUESTIONS {
        let _ = write!(out, "<article id=\"q{}\">", q.id);
        for lang in [Lang::En, Lang::Zh] {
            let t = q.text(lang);
            let _ = write!(
                out,
                "<section lang=\"{}\"><h2>{}. {}</h2>",
                lang.tag(),
                q.id,
                escape(t.question_plain)
            );
            out.push_str(t.answer_html);
            out.push_str("</section>");
        }
        out.push_str("</article>");
    }
    out.push_str("</body></html>\n");
    let plain = plain_english();
    let dir = std::path::Path::new(&dir);
    if let Err(e) = std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::write(dir.join("index.html"), &out))
        .and_then(|_| std::fs::write(dir.join("baseline.css"), CSS))
        .and_then(|_| std::fs::write(dir.join("plain.html"), &plain))
    {
        eprintln!("baseline: cannot write into {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    println!(
        "baseline: {} bytes of HTML (both languages) and {} (plain English) in {}",
        out.len(),
        plain.len(),
        dir.display()
    );
    ExitCode::SUCCESS
}
