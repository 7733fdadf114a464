//! Export then import gives back the same suppliers, field by field (issue 3, item 6), for
//! the three supplier formats: the bundled CSV, CSV for French Excel (`--excel`) and JSON
//! lines. The suppliers come from the five hostile inputs, a few crafted edge cases (formula
//! look-alikes, commas inside list values, multi-line text, La Poste, Corsica, no SIRET,
//! SIREN only) and, for the bundled CSV, a fifth of the embedded real directory.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sourcing(store: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("SOURCING_STORE")
        .output()
        .expect("run sourcing");
    assert!(
        out.status.success(),
        "sourcing {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn manifest(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

const CRAFTED: &str = r#"{"siret":"35600000000010","name":"=HYPERLINK(\"http://exemple.fr\")","keywords":["Élagage, débroussaillage"],"themes":["Sécurité; sûreté"],"description":"ligne 1\nligne 2\t(tab)","turnover_eur":0.30000000000000004,"postcode":"20200","departments":["2B","75","13"],"contract_count":7,"references":[{"object":"Travaux, lot 2 ; entretien","buyer":"Ville d'Ajaccio | CCAS","year":2019,"amount_eur":12500.5},{"object":"Maintenance | astreinte"},{"objet":"Vitrerie","annee":2018,"montant_eur":900}],"website":"-site","email":"@contact","ess":true,"siae":true,"adapted":true,"naf":"62.01Z","cpv":["03000000","45210000"],"size":"ge","headcount":6000,"created_on":"1999-12-31"}
{"name":"'+Simple","postcode":"01500","city":"Ambérieu-en-Bugey","keywords":["a","b; c"]}
{"siren":"301309605","name":"Siren Seul","turnover_eur":1e15,"description":"  \"guillemets\" ; points-virgules ; et, virgules  "}
"#;

/// The suppliers of a store as exported in JSON lines, ids removed.
fn snapshot(store: &Path) -> Vec<serde_json::Map<String, Value>> {
    let out = sourcing(store, &["export", "suppliers", "--format", "jsonl"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let Value::Object(mut m) = serde_json::from_str(l).unwrap() else {
                panic!("not an object: {l}")
            };
            m.remove("id");
            m
        })
        .collect()
}

fn assert_same(
    a: &[serde_json::Map<String, Value>],
    b: &[serde_json::Map<String, Value>],
    how: &str,
) {
    assert_eq!(a.len(), b.len(), "{how}: number of suppliers");
    for (x, y) in a.iter().zip(b) {
        for (k, v) in x {
            assert_eq!(
                Some(v),
                y.get(k),
                "{how}: field {k} of {} differs",
                x["name"]
            );
        }
        assert_eq!(x.len(), y.len(), "{how}: fields of {}", x["name"]);
    }
}

fn round_trip(source: &Path, args: &[&str], file: &str) -> Vec<serde_json::Map<String, Value>> {
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join(file);
    let mut full = vec!["export", "suppliers"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["-o", path.to_str().unwrap()]);
    sourcing(source, &full);
    let target = work.path().join("store");
    let out = sourcing(&target, &["import", path.to_str().unwrap(), "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["rejected"], Value::Array(vec![]), "{args:?}");
    assert_eq!(report["updated"], 0);
    snapshot(&target)
}

#[test]
fn hostile_inputs_and_edge_cases_survive_all_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("a");
    for f in [
        "fournisseurs_excel_fr_cp1252.csv",
        "fournisseurs_excel_fr_utf8_bom.csv",
        "fournisseurs_multiligne.csv",
        "fournisseurs_siret_formats.csv",
        "fournisseurs_doublons.csv",
    ] {
        let p = manifest("tests/data").join(f);
        sourcing(&store, &["import", p.to_str().unwrap()]);
    }
    let crafted = dir.path().join("crafted.jsonl");
    std::fs::write(&crafted, CRAFTED).unwrap();
    let out = sourcing(&store, &["import", crafted.to_str().unwrap(), "--json"]);
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["created"], 3, "{r}");
    let original = snapshot(&store);
    assert!(original.len() > 10);
    let la_poste = original
        .iter()
        .find(|s| s["siret"] == "35600000000010")
        .unwrap();
    assert_eq!(la_poste["department"], "2B");
    assert_eq!(
        la_poste["departments"],
        serde_json::json!(["2B", "75", "13"])
    );
    assert_eq!(la_poste["contract_count"], 7);
    assert_eq!(la_poste["references"][0]["buyer"], "Ville d'Ajaccio / CCAS");
    assert_eq!(la_poste["references"][0]["amount_eur"], 12500.5);
    assert_eq!(la_poste["references"][2]["year"], 2018);
    assert_eq!(la_poste["name"], "=HYPERLINK(\"http://exemple.fr\")");

    assert_same(
        &original,
        &round_trip(&store, &["--format", "csv"], "f.csv"),
        "csv",
    );
    assert_same(
        &original,
        &round_trip(&store, &["--format", "csv", "--excel"], "f.csv"),
        "csv --excel",
    );
    assert_same(
        &original,
        &round_trip(&store, &["--format", "jsonl"], "f.jsonl"),
        "jsonl",
    );
}

#[test]
fn excel_csv_is_what_french_excel_expects() {
    let dir = tempfile::tempdir().unwrap();
    let p = manifest("tests/data/fournisseurs_excel_fr_cp1252.csv");
    sourcing(dir.path(), &["import", p.to_str().unwrap()]);
    let out = sourcing(dir.path(), &["export", "suppliers", "--excel"]);
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBFsiret;siren;raison_sociale;"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
    // Decimal comma, French date, SIRET kept as text.
    let first = text.split("\r\n").nth(1).unwrap();
    assert!(first.contains(";1234567,89;15/03/2009;"), "{first}");
    assert!(first.starts_with("\"=\"\"01234567400019\"\"\";"), "{first}");
}

#[test]
fn the_real_directory_survives_the_bundled_format() {
    // Every fifth record of the embedded directory (about 2,900 real suppliers spread over
    // the whole file), to keep the test quick in debug builds.
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("echantillon.csv");
    let mut reader = csv::Reader::from_path(manifest("fixtures/suppliers.csv")).unwrap();
    let mut writer = csv::Writer::from_path(&sample).unwrap();
    writer.write_record(reader.byte_headers().unwrap()).unwrap();
    for (i, rec) in reader.byte_records().enumerate() {
        if i % 5 == 0 {
            writer.write_record(&rec.unwrap()).unwrap();
        }
    }
    writer.flush().unwrap();
    let store = dir.path().join("a");
    sourcing(&store, &["import", sample.to_str().unwrap()]);
    let original = snapshot(&store);
    assert!(original.len() > 2_500, "{}", original.len());
    assert_same(
        &original,
        &round_trip(&store, &["--format", "csv"], "s.csv"),
        "bundled csv",
    );
}
