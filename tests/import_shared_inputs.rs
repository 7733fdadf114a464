//! Issue 3's expected results on the five shared hostile inputs (tests/data, copied byte for
//! byte from shared/inputs/csv), through the real `sourcing import` command, each into an
//! empty store; stored values checked with `export suppliers --format jsonl` and `search`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn sourcing(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SOURCING_STORE")
        .output()
        .expect("run sourcing")
}

/// `import FILE --json`, which must succeed; the report as JSON.
fn import(store: &Path, name: &str) -> Value {
    let out = sourcing(store, &["import", data(name).to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "import {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// Every stored supplier, from `export suppliers --format jsonl`.
fn stored(store: &Path) -> Vec<Value> {
    let out = sourcing(store, &["export", "suppliers", "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn by_siret<'a>(all: &'a [Value], siret: &str) -> &'a Value {
    all.iter()
        .find(|s| s["siret"] == siret)
        .unwrap_or_else(|| panic!("no supplier with SIRET {siret}"))
}

fn counts(r: &Value) -> (u64, u64, u64, u64) {
    (
        r["created"].as_u64().unwrap(),
        r["updated"].as_u64().unwrap(),
        r["unchanged"].as_u64().unwrap(),
        r["skipped"].as_u64().unwrap(),
    )
}

fn lines(issues: &Value) -> Vec<u64> {
    issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn excel_fr_cp1252() {
    let dir = tempfile::tempdir().unwrap();
    let r = import(dir.path(), "fournisseurs_excel_fr_cp1252.csv");
    assert_eq!(counts(&r), (5, 0, 0, 0));
    assert_eq!(r["rejected"], Value::Array(vec![]));
    let all = stored(dir.path());
    let names: Vec<&str> = all.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        vec![
            "Société d’Électricité Générale",
            "Cœur de Forêt SARL",
            "Façades & Rénovation; Groupe",
            "Nettoyage Ôcéane",
            "Numérique Œuvre › Conseil €",
        ]
    );
    let turnovers: Vec<f64> = all
        .iter()
        .map(|s| s["turnover_eur"].as_f64().unwrap())
        .collect();
    assert_eq!(
        turnovers,
        vec![1234567.89, 98765.50, 2500000.0, 450000.00, 12345.6]
    );
    let first = by_siret(&all, "01234567400019");
    assert_eq!(first["created_on"], "2009-03-15");
    assert_eq!(first["city"], "Orléans");
    assert_eq!(first["headcount"], 42);
    assert_eq!(by_siret(&all, "55512300900014")["created_on"], "2024-02-29");
    assert_eq!(by_siret(&all, "00987654100013")["city"], "Besançon");
    // Search reads the accents as stored: with or without them, in any case, same suppliers.
    let ids = |q: &str| -> Vec<Value> {
        let out = sourcing(dir.path(), &["search", q, "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["siret"].clone())
            .collect()
    };
    let plain = ids("electricite");
    assert!(plain.contains(&Value::from("01234567400019")), "{plain:?}");
    assert_eq!(ids("Électricité"), plain);
    assert_eq!(ids("ELECTRICITE"), plain);
    assert!(ids("coeur").contains(&Value::from("00987654100013")));
}

#[test]
fn utf8_bom_alone_then_after_cp1252() {
    let alone = tempfile::tempdir().unwrap();
    let r = import(alone.path(), "fournisseurs_excel_fr_utf8_bom.csv");
    assert_eq!(counts(&r).0, 3);
    assert_eq!(
        stored(alone.path())[0]["name"],
        "Société d’Électricité Générale"
    );

    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "fournisseurs_excel_fr_cp1252.csv");
    let before = stored(dir.path());
    let r = import(dir.path(), "fournisseurs_excel_fr_utf8_bom.csv");
    assert_eq!(counts(&r).0, 0, "{r}");
    let after = stored(dir.path());
    assert_eq!(after.len(), 5);
    for siret in ["01234567400019", "00987654100013"] {
        assert_eq!(
            by_siret(&after, siret)["name"],
            by_siret(&before, siret)["name"]
        );
        assert_eq!(
            by_siret(&after, siret),
            by_siret(&before, siret),
            "{siret} unchanged"
        );
    }
}

#[test]
fn multiline_cells() {
    let dir = tempfile::tempdir().unwrap();
    let r = import(dir.path(), "fournisseurs_multiligne.csv");
    assert_eq!(counts(&r), (3, 0, 0, 0));
    let all = stored(dir.path());
    assert_eq!(all[0]["name"], "Dupont; Fils & Cie");
    assert_eq!(
        all[0]["keywords"],
        serde_json::json!(["Maintenance CVC\nAstreinte 24h/24\nInterventions < 4 h"])
    );
    assert_eq!(all[1]["name"], "L’Atelier \"Bois Vivant\"");
    assert_eq!(all[2]["name"], "Ravalement Centre");
    let starts: Vec<u64> = all
        .iter()
        .map(|s| s["source"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(starts, vec![2, 5, 7]);
}

#[test]
fn siret_formats() {
    let dir = tempfile::tempdir().unwrap();
    let r = import(dir.path(), "fournisseurs_siret_formats.csv");
    assert_eq!(lines(&r["rejected"]), vec![7, 8, 10]);
    for i in r["rejected"].as_array().unwrap() {
        assert_eq!(i["field"], "siret");
    }
    for scientific in &r["rejected"].as_array().unwrap()[..2] {
        let reason = scientific["reason"].as_str().unwrap();
        assert!(
            reason.contains("notation scientifique") && reason.contains("Texte"),
            "{reason}"
        );
    }
    assert!(r["rejected"][2]["reason"]
        .as_str()
        .unwrap()
        .contains("Luhn"));
    let all = stored(dir.path());
    let at = |line: u64| -> &Value {
        all.iter()
            .find(|s| s["source"]["line"] == line)
            .unwrap_or_else(|| panic!("line {line} not stored"))
    };
    assert_eq!(at(2)["siret"], "01234567400019");
    assert_eq!(at(3)["siret"], "01234567400027");
    assert_eq!(at(4)["siret"], "09876543100014");
    assert_eq!(at(5)["siret"], "00987654100013");
    assert_eq!(at(6)["siret"], "12345678200010");
    assert_eq!(at(9)["siret"], Value::Null);
    assert_eq!(at(9)["siren"], "000567891");
    assert_eq!(at(11)["siret"], Value::Null);
    assert_eq!(at(11)["siren"], Value::Null);
    assert_eq!(all.len(), 7);
    let warned = lines(&r["warnings"]);
    for line in [5, 6, 11] {
        assert!(
            warned.contains(&line),
            "line {line} not flagged: {warned:?}"
        );
    }
    for line in [2, 3, 4] {
        assert!(!warned.contains(&line), "line {line} flagged: {warned:?}");
    }
}

#[test]
fn duplicates_merge_and_reimport_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let r = import(dir.path(), "fournisseurs_doublons.csv");
    assert_eq!(counts(&r), (3, 0, 0, 3));
    assert_eq!(r["rejected"], Value::Array(vec![]));
    let all = stored(dir.path());
    assert_eq!(all.len(), 3);
    let dupont = by_siret(&all, "01234567400019");
    assert_eq!(dupont["themes"], serde_json::json!(["CVC", "Électricité"]));
    assert_eq!(dupont["source"]["line"], 2);
    by_siret(&all, "01234567400027");
    let coeur = by_siret(&all, "00987654100013");
    assert_eq!(coeur["source"]["line"], 7);
    assert_eq!(coeur["name"], "Cœur de Forêt");

    let again = import(dir.path(), "fournisseurs_doublons.csv");
    assert_eq!(counts(&again), (0, 0, 3, 3));
    assert_eq!(stored(dir.path()), all);
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = data("fournisseurs_excel_fr_cp1252.csv");
    let out = sourcing(
        dir.path(),
        &["import", f.to_str().unwrap(), "--dry-run", "--json"],
    );
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(counts(&r).0, 5);
    assert!(stored(dir.path()).is_empty());
}

#[test]
fn strict_refuses_the_file_and_still_reports() {
    let dir = tempfile::tempdir().unwrap();
    let f = data("fournisseurs_siret_formats.csv");
    let out = sourcing(
        dir.path(),
        &["import", f.to_str().unwrap(), "--strict", "--json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(lines(&r["rejected"]), vec![7, 8, 10]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict"));
    assert!(stored(dir.path()).is_empty());
}

#[test]
fn text_report_in_french_then_english() {
    let dir = tempfile::tempdir().unwrap();
    let f = data("fournisseurs_siret_formats.csv");
    let out = sourcing(dir.path(), &["import", f.to_str().unwrap(), "--dry-run"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("créés : 7"), "{text}");
    assert!(
        text.contains("ligne 7, siret : SIRET en notation scientifique"),
        "{text}"
    );
    // Not a terminal: no progress bar drawn on stderr.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = sourcing(
        dir.path(),
        &["--lang", "en", "import", f.to_str().unwrap(), "--dry-run"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("created: 7"), "{text}");
    assert!(
        text.contains("line 7, siret: SIRET in scientific notation"),
        "{text}"
    );
}

#[test]
fn missing_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = sourcing(dir.path(), &["import", "/nonexistent/fournisseurs.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/fournisseurs.csv") && err.contains("impossible d'ouvrir"),
        "{err}"
    );
}
