//! `sourcing search` end to end: a store written by the import library, read by the binary.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use std::path::Path;
use std::process::Command;

/// A private copy of the store of `fixtures/suppliers.csv` (about 14,600 firms), imported
/// once for this test binary: the store is locked by whoever opens it, even to read, so
/// tests running in parallel each take a copy (a file copy, not a re-import).
fn store() -> tempfile::TempDir {
    sourcing::store_copy!(sourcing::shared_store!())
}

fn run(store: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(store)
        .arg("search")
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run sourcing");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ids(json: &str) -> Vec<u64> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON array");
    v.as_array()
        .expect("array")
        .iter()
        .map(|o| o["id"].as_u64().expect("id"))
        .collect()
}

#[test]
fn json_rows_carry_the_fields_and_match_the_query() {
    let copy = store();
    let store = &copy.path().join("s");
    let (ok, out, err) = run(store, &["energie", "--json", "--limit", "1000"]);
    assert!(ok, "{err}");
    let energie = ids(&out);
    assert!(energie.len() > 100);
    for q in ["ENERGIE", "énergie"] {
        let (_, out, _) = run(store, &[q, "--json", "--limit", "1000"]);
        assert_eq!(ids(&out), energie, "{q}");
    }
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v[0];
    for key in ["id", "name", "siret", "score", "themes"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert!(first["name"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("energie"));
}

#[test]
fn case_and_accents_do_not_change_the_results() {
    let copy = store();
    let store = &copy.path().join("s");
    let json = |q: &str| ids(&run(store, &[q, "--json", "--limit", "1000"]).1);
    let securite = json("securite");
    assert_eq!(json("sécurité"), securite);
    assert_eq!(json("SECURITE"), securite);
}

#[test]
fn filters_limit_and_the_french_table() {
    let copy = store();
    let store = &copy.path().join("s");
    // Several words and filters, as separate arguments; the default limit is 20.
    let (ok, out, _) = run(store, &["nettoyage", "dept:93", "--json"]);
    assert!(ok);
    assert!(ids(&out).len() <= 20);
    let (ok, out, _) = run(store, &["securite", "electro"]);
    assert!(ok);
    assert!(out.starts_with("Raison sociale"), "{out}");
    assert!(out.contains("SIRET") && out.contains("Thématiques") && out.contains("Score"));
    let (ok, out, _) = run(store, &["zzqxw"]);
    assert!(ok);
    assert_eq!(out, "Aucun fournisseur ne correspond à la recherche.\n");
}

#[test]
fn missing_store_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ok, _, err) = run(&dir.path().join("absent"), &["energie"]);
    assert!(!ok);
    assert!(err.contains("import"), "{err}");
}
