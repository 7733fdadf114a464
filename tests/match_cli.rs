//! `sourcing match` through the real binary (issue 14, item 2): one need from options, a JSON
//! lines file of needs with bad lines reported and skipped, exit codes 0 / 1 / 2.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn sourcing(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("SOURCING_STORE")
        .output()
        .expect("run sourcing")
}

/// A store holding every fourth supplier of the embedded directory (about 3,650 real firms),
/// imported once for the whole test binary (the test kit's shared store).
fn store() -> &'static Path {
    sourcing::shared_store!(|dir: &Path| {
        let sample = dir.with_file_name("echantillon.csv");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
        let mut reader = csv::Reader::from_path(src).unwrap();
        let mut writer = csv::Writer::from_path(&sample).unwrap();
        writer.write_record(reader.byte_headers().unwrap()).unwrap();
        for (i, rec) in reader.byte_records().enumerate() {
            if i % 4 == 0 {
                writer.write_record(&rec.unwrap()).unwrap();
            }
        }
        writer.flush().unwrap();
        let out = sourcing(dir, &["import", sample.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    })
    .root()
}

fn store_dir() -> std::path::PathBuf {
    store().join("s")
}

#[test]
fn one_need_from_options_ranks_and_explains() {
    let out = sourcing(
        &store_dir(),
        &[
            "match",
            "--title",
            "Travaux de rénovation énergétique des bâtiments",
            "--cpv",
            "45321000",
            "--dept",
            "93",
            "--limit",
            "5",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r["rank"], i + 1);
        assert!(r["name"].as_str().is_some_and(|n| !n.is_empty()));
        assert!(!r["reasons"].as_array().unwrap().is_empty(), "{r}");
    }
    let scores: Vec<f64> = results
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let first = results[0]["reasons"][0].as_str().unwrap();
    assert!(first.starts_with("CPV 4532"), "{first}");

    let table = sourcing(
        &store_dir(),
        &["match", "--title", "nettoyage des écoles", "--limit", "3"],
    );
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.starts_with("Rang"), "{text}");
    assert_eq!(text.lines().count(), 5, "header, rule and 3 rows:\n{text}");
}

#[test]
fn a_needs_file_answers_each_line_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("besoins.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id": "b1", "title": "Nettoyage des locaux", "cpv": ["90919200"], "departements": ["75"]}"#,
            "\n",
            "pas du json\n",
            r#"{"id": "b3", "description": "sans intitulé"}"#,
            "\n",
            "\n",
            r#"{"id": 5, "title": "Restauration scolaire", "cpv": ["55524000-9"]}"#,
            "\n",
            r#"{"id": "b6", "title": "x", "cpv": ["123"]}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = sourcing(
        &store_dir(),
        &["match", "--needs", file.to_str().unwrap(), "--limit", "3"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["id"], "b1");
    assert_eq!(lines[1]["id"], 5);
    for l in &lines {
        let r = l["results"].as_array().unwrap();
        assert_eq!(r.len(), 3);
        assert!(r[0]["supplier_id"].as_u64().is_some());
    }
    for n in ["ligne 2 ignorée", "ligne 3 ignorée", "ligne 6 ignorée"] {
        assert!(stderr.contains(n), "{n}: {stderr}");
    }
    assert!(stderr.contains("« 123 »"), "{stderr}");
    assert!(
        stderr.contains("2 besoins classés, 3 lignes ignorées"),
        "{stderr}"
    );

    // No need at all: exit 1, saying what a line must hold.
    std::fs::write(&file, "pas du json\n").unwrap();
    let out = sourcing(&store_dir(), &["match", "--needs", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"title\""));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["match"][..],
        &["match", "--title", "x", "--cpv", "4532"],
        &["match", "--title", "x", "--dept", "999999"],
        &["match", "--title", "x", "--needs", "f.jsonl"],
    ] {
        let out = sourcing(&store_dir(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
