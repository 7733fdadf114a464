//! `sourcing search` end to end: a store written by the import library, read by the binary.

use sourcing::io::embedded::theme_catalog;
use sourcing::io::import::{import_path, ImportOptions};
use sourcing::store::SledStore;
use std::path::Path;
use std::process::Command;

fn store_with_real_directory() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = SledStore::open(&dir.path().join("s")).expect("store");
        let opts = ImportOptions {
            themes: Some(theme_catalog().clone()),
            ..Default::default()
        };
        let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
        import_path(&store, &csv, &opts, "test").expect("import");
    }
    dir
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
fn json_and_table_on_the_real_directory() {
    let dir = store_with_real_directory();
    let store = dir.path().join("s");
    let (ok, out, err) = run(&store, &["energie", "--json", "--limit", "1000"]);
    assert!(ok, "{err}");
    let energie = ids(&out);
    assert!(energie.len() > 100);
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
    for q in ["ENERGIE", "énergie"] {
        let (_, out, _) = run(&store, &[q, "--json", "--limit", "1000"]);
        assert_eq!(ids(&out), energie, "{q}");
    }
    let (_, a, _) = run(&store, &["securite", "--json", "--limit", "1000"]);
    let (_, b, _) = run(&store, &["sécurité", "--json", "--limit", "1000"]);
    let (_, c, _) = run(&store, &["SECURITE", "--json", "--limit", "1000"]);
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(ids(&a), ids(&c));
    // Several words and filters, as separate arguments; the default limit is 20.
    let (ok, out, _) = run(&store, &["nettoyage", "dept:93", "--json"]);
    assert!(ok);
    assert!(ids(&out).len() <= 20);
    // The French table.
    let (ok, out, _) = run(&store, &["securite", "electro"]);
    assert!(ok);
    assert!(out.starts_with("Raison sociale"), "{out}");
    assert!(out.contains("SIRET") && out.contains("Thématiques") && out.contains("Score"));
    let (ok, out, _) = run(&store, &["zzqxw"]);
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
