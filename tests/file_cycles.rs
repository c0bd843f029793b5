//! No two files under `src/` import each other, directly or round a longer loop: a type or function
//! used by two modules lives with its owner, and the owner does not import its users.
//!
//! A cheap reading of the source, not the compiler's: it follows paths that start with `crate::`,
//! `super::` or `self::`, and paths through a child module the file declares (`mod lab;` …
//! `lab::Lab`), in `use` trees and inline alike; comments and string literals are skipped. A path
//! through a `use`d alias (`use crate::components; components::card::…`) is not followed.
//! `src/main.rs` and `src/bin/` are crates of their own (they reach the library as `llm_qa::`).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A file's module path: `src/components/card.rs` → `["components", "card"]`; `src/lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().unwrap() != "bin" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().unwrap() != "main.rs"
        {
            out.push(path);
        }
    }
}

/// The source with comments, string and character literals blanked out (lengths kept).
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < b.len() {
        let at = |k: usize| b.get(k).copied().unwrap_or('\0');
        if b[i] == '/' && at(i + 1) == '/' {
            while i < b.len() && b[i] != '\n' {
                blank(&mut out, b[i]);
                i += 1;
            }
        } else if b[i] == '/' && at(i + 1) == '*' {
            while i < b.len() && !(b[i] == '*' && at(i + 1) == '/') {
                blank(&mut out, b[i]);
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if b[i] == 'r'
            && (at(i + 1) == '"' || (at(i + 1) == '#' && matches!(at(i + 2), '#' | '"')))
        {
            // A raw string: r"…", r#"…"#, …
            let mut hashes = 0;
            let mut j = i + 1;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let closes = |k: usize| b[k] == '"' && (1..=hashes).all(|h| b.get(k + h) == Some(&'#'));
            while j < b.len() && !closes(j) {
                j += 1;
            }
            let end = (j + 1 + hashes).min(b.len());
            for &c in &b[i..end] {
                blank(&mut out, c);
            }
            i = end;
        } else if b[i] == '"' {
            blank(&mut out, b[i]);
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    blank(&mut out, b[i]);
                    i += 1;
                }
                if i < b.len() {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
            if i < b.len() {
                blank(&mut out, b[i]);
                i += 1;
            }
        } else if b[i] == '\'' && (at(i + 2) == '\'' || (at(i + 1) == '\\' && at(i + 3) == '\'')) {
            // A character literal ('{', '\n'); a lifetime ('a) has no closing quote there.
            let len = if at(i + 1) == '\\' { 4 } else { 3 };
            for _ in 0..len {
                blank(&mut out, ' ');
            }
            i += len;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path the code names, as written (`super::card::Card`), with the inline module it is
/// written in (`["imp"]` inside `mod imp { … }`), `use` trees expanded.
fn paths(code: &str) -> Vec<(Vec<String>, String)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new(); // (name, brace depth inside it)
    let mut depth = 0;
    let mut pending_mod: Option<String> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            depth += 1;
            if let Some(name) = pending_mod.take() {
                inline.push((name, depth));
            }
            i += 1;
            continue;
        }
        if c == '}' {
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            depth -= 1;
            i += 1;
            continue;
        }
        if c == ';' {
            pending_mod = None;
        }
        if !is_ident(c) || (i > 0 && (is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_ident(chars[i]) {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let at: Vec<String> = inline.iter().map(|(n, _)| n.clone()).collect();
        if word == "mod" {
            let rest: String = chars[i..].iter().collect();
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|&c| is_ident(c))
                .collect();
            pending_mod = Some(name);
        } else if word == "use" {
            let end = chars[i..]
                .iter()
                .position(|&c| c == ';')
                .map_or(chars.len(), |p| i + p);
            let tree: String = chars[i..end].iter().collect();
            for p in expand_use(
                &tree
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace(" as ", "@")
                    .replace(' ', ""),
            ) {
                out.push((at.clone(), p));
            }
            i = end;
        } else {
            let mut path = word;
            while chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
                let seg_start = i + 2;
                let mut j = seg_start;
                while j < chars.len() && is_ident(chars[j]) {
                    j += 1;
                }
                if j == seg_start {
                    break;
                }
                path.push_str("::");
                path.extend(&chars[seg_start..j]);
                i = j;
            }
            if path.contains("::") {
                out.push((at, path));
            }
        }
    }
    out
}

/// `a::{b, c::{d, e@f}}` → `a::b`, `a::c::d`, `a::c::e` (a use tree without spaces, `as` written `@`).
fn expand_use(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.split('@').next().unwrap().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut items = Vec::new();
    let (mut level, mut from) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => level += 1,
            '}' => level -= 1,
            ',' if level == 0 => {
                items.push(&inner[from..k]);
                from = k + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[from..]);
    items
        .into_iter()
        .filter(|s| !s.is_empty())
        .flat_map(|item| {
            expand_use(item)
                .into_iter()
                .map(move |p| format!("{prefix}{p}"))
        })
        .collect()
}

/// The modules declared as files of their own (`mod lab;`, `pub mod explorers;`).
fn declared_modules(code: &str) -> BTreeSet<String> {
    code.match_indices("mod ")
        .filter(|(at, _)| *at == 0 || !is_ident(code[..*at].chars().last().unwrap()))
        .filter_map(|(at, _)| {
            let rest = &code[at + 4..];
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            rest[name.len()..]
                .trim_start()
                .starts_with(';')
                .then_some(name)
        })
        .collect()
}

/// The file a path leads to, from a file whose module is `module` (written inside its inline
/// modules `inline`, which declares the child modules `children`).
fn resolve(
    module: &[String],
    inline: &[String],
    children: &BTreeSet<String>,
    path: &str,
    files: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<PathBuf> {
    let mut segs: Vec<&str> = path.split("::").collect();
    let mut at: Vec<String> = module.iter().chain(inline).cloned().collect();
    match segs[0] {
        "crate" => {
            at.clear();
            segs.remove(0);
        }
        "self" => {
            segs.remove(0);
        }
        "super" => {
            while segs.first() == Some(&"super") {
                at.pop()?;
                segs.remove(0);
            }
        }
        first if inline.is_empty() && children.contains(first) => {}
        _ => return None,
    }
    // The longest prefix that is a file of its own.
    let mut best = None;
    let mut full = at.clone();
    if let Some(f) = files.get(&full) {
        best = Some(f.clone());
    }
    for s in segs {
        full.push(s.to_string());
        if let Some(f) = files.get(&full) {
            best = Some(f.clone());
        }
    }
    best
}

#[test]
fn no_file_under_src_imports_itself_round_a_loop() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut list = Vec::new();
    rust_files(&src, &mut list);
    let files: BTreeMap<Vec<String>, PathBuf> = list
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    assert!(
        files.len() > 20,
        "found only {} files under {src:?}",
        files.len()
    );

    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &files {
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        let found = paths(&code);
        let children = declared_modules(&code);
        let to = edges.entry(file.clone()).or_default();
        for (inline, path) in &found {
            if let Some(target) = resolve(module, inline, &children, path, &files) {
                if target != *file {
                    to.insert(target);
                }
            }
        }
    }

    // Depth-first search; a file met again while still on the stack closes a loop.
    fn visit(
        f: &PathBuf,
        edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
        loops: &mut Vec<String>,
    ) {
        if let Some(at) = stack.iter().position(|s| s == f) {
            let names: Vec<String> = stack[at..]
                .iter()
                .chain([f])
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            loops.push(names.join(" → "));
            return;
        }
        if !done.insert(f.clone()) {
            return;
        }
        stack.push(f.clone());
        for next in edges.get(f).into_iter().flatten() {
            visit(next, edges, stack, done, loops);
        }
        stack.pop();
    }
    let mut loops = Vec::new();
    let mut done = BTreeSet::new();
    for f in edges.keys() {
        visit(f, &edges, &mut Vec::new(), &mut done, &mut loops);
    }
    assert!(
        loops.is_empty(),
        "files that import each other:\n{}",
        loops.join("\n")
    );
}

#[test]
fn the_reader_sees_the_paths_that_make_a_loop() {
    let code = code_only(
        "use super::{card::{Card, Props as P}, island};\n\
         // use crate::nope::Nope;\n\
         let s = \"crate::string::Not\"; let c = '{';\n\
         mod imp { use super::host_id; fn f() { crate::browser::warn(x); } }\n\
         lab::Lab",
    );
    let found: Vec<(Vec<String>, String)> = paths(&code);
    let names: Vec<&str> = found.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "super::card::Card",
            "super::card::Props",
            "super::island",
            "super::host_id",
            "crate::browser::warn",
            "lab::Lab"
        ]
    );
    assert_eq!(found[3].0, ["imp"], "written inside mod imp");
    assert!(found[0].0.is_empty());
}
