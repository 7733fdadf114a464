//! Rules of the code's shape, checked on the sources under `src/`:
//! - words reach users only through the catalogue: no `#[error("…")]` whose text holds a
//!   letter outside `src/i18n/` and `src/commands/` (the binary's edge);
//! - the interface language is a `Lang` or a `&Texts`, never a boolean;
//! - `cli` (clap's types) is known only to `commands` and `main`: no library module depends
//!   on the command line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its path relative to the crate root ("src/…").
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, fs::read_to_string(&p).unwrap()));
        }
    }
}

fn all_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    assert!(out.len() > 50, "src/ not found: {} files", out.len());
    out
}

/// The string literals of `attr` (the text between `#[error(` and its closing `)]`).
fn literals(attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = attr.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut lit = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        lit.push('\\');
                        lit.push(n);
                    }
                }
                '"' => break,
                c => lit.push(c),
            }
        }
        out.push(lit);
    }
    out
}

/// `#[error(…)]` attributes of a file whose string literals hold a letter (outside the
/// `{…}` of format arguments), with their line numbers.
fn worded_error_attributes(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(i) = rest.find("#[error(") {
        let start = offset + i;
        let attr_end = text[start..]
            .find(")]")
            .map(|e| start + e)
            .unwrap_or(text.len());
        let attr = &text[start..attr_end];
        let worded = literals(attr).iter().any(|lit| {
            let mut depth = 0;
            lit.chars().any(|c| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    c if depth == 0 && c.is_alphabetic() => return true,
                    _ => {}
                }
                false
            })
        });
        if worded {
            let line = text[..start].matches('\n').count() + 1;
            found.push((line, attr.lines().next().unwrap_or("").to_string()));
        }
        offset = attr_end.max(start + 1);
        rest = &text[offset..];
    }
    found
}

#[test]
fn the_scanner_sees_words_in_error_attributes() {
    let worded = "#[error(\"note {0} invalide\")]\n#[error(\n    \"{path} : illisible\"\n)]";
    assert_eq!(worded_error_attributes(worded).len(), 2);
    let bare = "#[error(transparent)]\n#[error(\"{0}\")]\n#[error(\"{}\", render(self))]";
    assert!(worded_error_attributes(bare).is_empty());
}

#[test]
fn no_worded_error_attribute_outside_the_catalogue_and_the_commands() {
    let mut bad = Vec::new();
    for (path, text) in all_sources() {
        if path.starts_with("src/i18n/") || path.starts_with("src/commands/") {
            continue;
        }
        for (line, attr) in worded_error_attributes(&text) {
            bad.push(format!("{path}:{line}: {attr}"));
        }
    }
    assert!(
        bad.is_empty(),
        "words in #[error] outside src/i18n/ (render them through the catalogue):\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_language_is_never_a_boolean() {
    let mut bad = Vec::new();
    for (path, text) in all_sources() {
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let if_en = code.match_indices("if en").any(|(j, _)| {
                !code[j + 5..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            if code.contains("en: bool") || code.contains("english: bool") || if_en {
                bad.push(format!("{path}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "use crate::i18n::Lang or &Texts:\n{}",
        bad.join("\n")
    );
}

#[test]
fn only_commands_and_main_know_the_command_line() {
    let mut bad = Vec::new();
    for (path, text) in all_sources() {
        if path.starts_with("src/commands/") || path == "src/main.rs" || path == "src/cli.rs" {
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("crate::cli") {
                bad.push(format!("{path}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "crate::cli outside src/commands/ and src/main.rs:\n{}",
        bad.join("\n")
    );
}

/// The store modules (`src/store/<name>.rs` or `src/store/<name>/…`) each one names, through
/// `crate::store::x`, `super::x` (from a file directly under `src/store/`) or a grouped
/// `{x, …}` import, with line comments removed.
fn store_module_deps() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in all_sources() {
        let Some(rel) = path.strip_prefix("src/store/") else {
            continue;
        };
        let top = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if top == "mod" {
            continue;
        }
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let mut prefixes = vec!["crate::store::"];
        if !rel.contains('/') {
            prefixes.push("super::");
        }
        let entry = deps.entry(top.clone()).or_default();
        for prefix in prefixes {
            for (i, _) in code.match_indices(prefix) {
                let before = code[..i].chars().next_back();
                if prefix == "super::" && before.is_some_and(|c| c == ':' || c.is_alphanumeric()) {
                    continue;
                }
                let rest = &code[i + prefix.len()..];
                let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    group[..end]
                        .split([',', ' ', '\n'])
                        .map(|p| p.split("::").next().unwrap_or(""))
                        .collect()
                } else {
                    vec![rest
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("")]
                };
                for n in names {
                    if !n.is_empty() && n != top {
                        entry.insert(n.to_string());
                    }
                }
            }
        }
    }
    deps
}

#[test]
fn no_two_store_modules_import_each_other() {
    let deps = store_module_deps();
    assert!(
        deps.get("sled").is_some_and(|d| d.contains("upsert")),
        "the scan found no edge it should see: {deps:?}"
    );
    let mut cycles = Vec::new();
    for (a, to) in &deps {
        for b in to {
            if a < b && deps.get(b).is_some_and(|d| d.contains(a)) {
                cycles.push(format!("{a} ↔ {b}"));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles in src/store: {cycles:?}");
}
