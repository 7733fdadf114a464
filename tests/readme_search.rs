//! The README's search examples, run on the embedded real directory: each filter of « Le
//! langage de recherche » and each `sourcing search "…"` line finds at least one supplier,
//! and a filter that cannot be read is refused with the valid values.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use std::path::Path;
use std::process::{Command, Output};

fn sourcing(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env("NO_COLOR", "1")
        .env_remove("SOURCING_SOCKET")
        .output()
        .unwrap()
}

/// The README's search examples: the backquoted words of the search language paragraph
/// (exclusions `-mot` aside, which find nothing alone) and the quoted queries of
/// `sourcing search "…"` lines.
fn examples() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let para = readme
        .split("Le langage de recherche")
        .nth(1)
        .expect("README has « Le langage de recherche »");
    // Up to the sentence on bad filters and completion, whose examples are not queries.
    let end = para
        .find("Une valeur")
        .unwrap_or_else(|| para.find("\n\n").unwrap());
    let para = &para[..end];
    let mut out: Vec<String> = para
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|e| !e.starts_with('-') && !e.contains(' '))
        .map(str::to_string)
        .collect();
    for line in readme.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("sourcing search \"") {
            out.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    out
}

#[test]
fn every_readme_search_example_finds_suppliers_and_bad_filters_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
    assert!(sourcing(&dir, &["import", csv.to_str().unwrap()])
        .status
        .success());
    let examples = examples();
    assert!(examples.len() >= 9, "{examples:?}");
    for q in &examples {
        let o = sourcing(&dir, &["search", q, "--json", "--limit", "5"]);
        let text = sourcing::testing::output_text(&o);
        assert!(o.status.success(), "{q}: {text}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(
            !v.as_array().unwrap().is_empty(),
            "README example « {q} » finds nothing"
        );
    }
    for (q, said) in [
        (
            "size:foo",
            "taille inconnue « foo » : size:tpe, pme, eti ou ge",
        ),
        ("isolation dept:9x", "département illisible « 9x »"),
        ("cpv:4a", "code CPV illisible « 4a »"),
        (
            "theme:xyz",
            "thème inconnu « xyz » : batiment-energie, edtech",
        ),
    ] {
        let o = sourcing(&dir, &["search", q]);
        let text = sourcing::testing::output_text(&o);
        assert_eq!(o.status.code(), Some(1), "{q}: {text}");
        assert!(text.contains(said), "{q}: {text}");
    }
}
