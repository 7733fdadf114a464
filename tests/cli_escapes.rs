//! No raw file data reaches the terminal from the command line (issue 7, item 4).
//!
//! An import file carries ESC, OSC (`ESC ] 0 ; title BEL`), CSI (`ESC [ 2 J`), 8-bit C1
//! controls (U+009B, U+0085) and bidi overrides (U+202E, U+2066) in every column and in a
//! header; the store also holds needs, meetings, outcomes and a shortlist given the same
//! payload through the library (the store cleans those on write), so that every export has
//! rows.
//! The real binary then imports (text, `--json`, `--dry-run`, both languages), searches,
//! exports every kind in every format, reports, and fails on crafted paths and options; the
//! DECODED stdout and stderr of each run must hold none of the forbidden characters (checked
//! on chars, not bytes: "€", "—" and "œ" contain bytes in 0x80–0x9F).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::date;
use sourcing::domain::{
    ForumDay, Lot, Meeting, MeetingStatus, Need, NextStep, Outcome, ShortlistEntry, TriageStatus,
};
use sourcing::store::{SledStore, Store};
use std::path::Path;
use std::process::{Command, Output};

/// Every kind of terminal trick at once.
const P: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}c\u{9b}31m\u{85}\u{202e}\u{2066}\u{7f}\u{8}";

/// The characters that must never reach the terminal.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{1b}' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<String> = text
            .chars()
            .filter(|c| forbidden(*c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(
            bad.is_empty(),
            "{what}: {stream} holds {bad:?}:\n{}",
            text.escape_debug()
        );
    }
}

fn sourcing(store: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SOURCING_STORE")
        .output()
        .expect("run sourcing")
}

/// Runs `args`, checks both streams, returns the output.
fn clean_run(store: &Path, lang: &str, args: &[&str]) -> Output {
    let out = sourcing(store, lang, args);
    assert_clean(&format!("sourcing {}", args.join(" ").escape_debug()), &out);
    out
}

/// Every column of the bundled format.
const COLUMNS: &[&str] = &sourcing::io::format::SUPPLIER_COLUMNS;

/// A valid row (all of its text fields carry the payload), as (column, value) pairs.
fn good_row(n: usize) -> Vec<String> {
    // Valid SIRETs (Luhn) of made-up firms.
    let sirets = ["73282932000074", "35600000000048", "55208131766522"];
    let siret = sirets[n % sirets.len()];
    COLUMNS
        .iter()
        .map(|c| match *c {
            "siret" => siret.to_string(),
            "siren" => siret[..9].to_string(),
            "raison_sociale" => format!("Alpha{n} Énergie {P}SAS"),
            "taille" => "PME".into(),
            "effectif" => "42".into(),
            "chiffre_affaires_eur" => "1 234 567,89".into(),
            "date_creation" => "15/03/2009".into(),
            "code_postal" => "93200".into(),
            "departements" => "93".into(),
            "nb_marches" => "3".into(),
            "references_annees" => "2019".into(),
            "references_montants_eur" => "12500".into(),
            "ess" | "siae" | "ea_esat" => "non".into(),
            "cpv" => "45210000".into(),
            "naf" => "62.01Z".into(),
            "thematiques" => format!("batiment-energie|thème{P}libre"),
            other => format!("{other} {P}œ€—"),
        })
        .collect()
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Row 2..: one valid row, then one row per column with the payload in that column only
/// (so that each field's own rejection or warning is rendered), then a row with the payload
/// in every column; plus an unknown header holding the payload.
fn crafted_csv() -> String {
    let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    header.push(format!("colonne{P}inconnue"));
    let mut lines = vec![header
        .iter()
        .map(|h| csv_cell(h))
        .collect::<Vec<_>>()
        .join(",")];
    let mut push = |cells: Vec<String>| {
        let mut cells = cells;
        cells.push(format!("x{P}"));
        lines.push(
            cells
                .iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
    };
    push(good_row(0));
    for (i, col) in COLUMNS.iter().enumerate() {
        let mut row = good_row(i + 1);
        row[i] = match *col {
            "siret" => format!("7328293200{P}0074"),
            "siren" => format!("732{P}829320"),
            "effectif" => format!("4{P}2"),
            "chiffre_affaires_eur" => format!("12{P}34"),
            "date_creation" => format!("15/{P}03/2009"),
            _ => format!("{P}{}{P}", row[i]),
        };
        push(row);
    }
    push(COLUMNS.iter().map(|c| format!("{c}{P}")).collect());
    lines.join("\n") + "\n"
}

/// Needs, a forum day, a meeting with an outcome and a shortlist entry, all with the payload
/// in their text, for the supplier `supplier`.
fn seed_planning(dir: &Path, supplier: u64) {
    let store = SledStore::open(dir).expect("store");
    let need = store
        .save_need(
            Need {
                title: format!("Rénovation {P}des lycées"),
                description: format!("description {P}"),
                lots: vec![Lot {
                    number: 1,
                    title: format!("Isolation {P}"),
                    cpv: vec![],
                    description: String::new(),
                }],
                ..Default::default()
            },
            "mdupuis",
        )
        .expect("need");
    store
        .save_forum_day(ForumDay::typical(date(2026, 12, 3)), "mdupuis")
        .expect("day");
    let m = store
        .plan_meeting(
            Meeting {
                supplier,
                buyers: vec!["mdupuis".into()],
                need: Some(need.id),
                lot: 1,
                day: date(2026, 12, 3),
                start: sourcing::domain::forum::typical_start(date(2026, 12, 3), 1),
                table: 2,
                ..Default::default()
            },
            "mdupuis",
        )
        .expect("meeting");
    store
        .set_meeting_status(m.id, MeetingStatus::Held, "mdupuis")
        .expect("held");
    store
        .log_outcome(
            Outcome {
                meeting: m.id,
                version: 0,
                next_step: NextStep::CallBack,
                rating: Some(4),
                notes: format!("notes {P}\nligne 2"),
                follow_up: Some(date(2027, 1, 15)),
                follow_up_result: None,
                documents_given: Vec::new(),
                logged_by: String::new(),
                logged_at: jiff::Timestamp::UNIX_EPOCH,
            },
            "mdupuis",
        )
        .expect("outcome");
    store
        .save_shortlist_entry(
            ShortlistEntry {
                need: need.id,
                lot: 1,
                supplier,
                score: 12.5,
                explanation: format!("CPV {P}"),
                reasons: Vec::new(),
                status: TriageStatus::Met,
                note: format!("note {P}"),
                manual_rank: None,
                reason: format!("motif {P}"),
                priority: None,
            },
            "mdupuis",
        )
        .expect("shortlist");
}

#[test]
fn no_forbidden_character_reaches_stdout_or_stderr() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = tmp.path().join("store");
    // The file name itself carries the payload.
    let file = tmp.path().join(format!("fournisseurs{P}.csv"));
    std::fs::write(&file, crafted_csv()).expect("write csv");
    let file = file.to_str().expect("utf-8 path");
    let fr = "fr_FR.UTF-8";
    let en = "en_GB.UTF-8";

    for lang in [fr, en] {
        let out = clean_run(&store, lang, &["import", "--dry-run", file]);
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        // The report still says what was wrong, payload removed.
        assert!(text.contains("7328293200\u{fffd}0074"), "{text}");
        clean_run(&store, lang, &["import", "--dry-run", "--json", file]);
    }
    let out = clean_run(&store, fr, &["import", file]);
    assert!(out.status.success(), "{out:?}");
    let out = clean_run(&store, en, &["import", "--json", file]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    let rejected = report["rejected"].as_array().expect("rejected");
    for field in [
        "siret",
        "siren",
        "effectif",
        "chiffre_affaires_eur",
        "date_creation",
        "nb_marches",
        "references_annees",
    ] {
        assert!(
            rejected.iter().any(|r| r["field"] == field),
            "no rejection on {field}: {report}"
        );
    }
    clean_run(&store, fr, &["import", "--strict", file]);

    let supplier = {
        let s = SledStore::open(&store).expect("store");
        let first = s.suppliers_page(None, 1).expect("suppliers");
        assert!(!first.is_empty());
        first[0].id
    };
    seed_planning(&store, supplier);

    for args in [
        &["search", "alpha"][..],
        &["search", "alpha", "--json"],
        &["search", &format!("alpha{P}")],
        &["report"],
        &["report", "--json"],
    ] {
        let out = clean_run(&store, fr, args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    for what in ["suppliers", "meetings", "shortlist", "journal"] {
        for format in ["csv", "json", "jsonl"] {
            let out = clean_run(&store, fr, &["export", what, "--format", format]);
            assert!(out.status.success(), "{what} {format}: {out:?}");
            assert!(!out.stdout.is_empty());
        }
        clean_run(&store, en, &["export", what, "--excel"]);
    }
    let exported = tmp.path().join(format!("sortie{P}.csv"));
    let exported = exported.to_str().expect("utf-8 path");
    clean_run(&store, fr, &["export", "suppliers", "-o", exported]);

    // Error paths that quote what was given.
    let missing = tmp.path().join(format!("absent{P}.csv"));
    let missing = missing.to_str().expect("utf-8 path");
    let empty = tmp.path().join(format!("vide{P}.csv"));
    std::fs::write(&empty, "").expect("write");
    let empty = empty.to_str().expect("utf-8 path");
    let no_name = tmp.path().join(format!("sans_nom{P}.csv"));
    std::fs::write(&no_name, format!("siret;ville{P}\n73282932000074;Paris\n")).expect("write");
    let no_name = no_name.to_str().expect("utf-8 path");
    let workbook = tmp.path().join(format!("classeur{P}.xlsx"));
    std::fs::write(&workbook, b"PK\x03\x04rest").expect("write");
    let workbook = workbook.to_str().expect("utf-8 path");
    let other_store = tmp.path().join(format!("autre{P}"));
    let bad_map_field = format!("siret=champ{P}");
    let bad_map_syntax = format!("sans-egal{P}");
    let delimiter = P.to_string();
    for (lang, args) in [
        (fr, vec!["import", missing]),
        (en, vec!["import", missing]),
        (fr, vec!["import", empty]),
        (fr, vec!["import", no_name]),
        (fr, vec!["import", workbook]),
        (fr, vec!["import", "--map", &bad_map_field, file]),
        (fr, vec!["import", "--map", &bad_map_syntax, file]),
        (fr, vec!["import", "--delimiter", &delimiter, file]),
        (fr, vec!["import", file, missing]),
        (fr, vec!["export", &delimiter]),
        (fr, vec!["export", "suppliers", "--format", &delimiter]),
        (
            fr,
            vec!["export", "suppliers", "--format", "json", "--excel"],
        ),
    ] {
        let out = clean_run(&store, lang, &args);
        assert!(!out.status.success(), "{args:?} should fail: {out:?}");
        assert!(!out.stderr.is_empty(), "{args:?}: no message");
    }
    let out = clean_run(&other_store, fr, &["search", "x"]);
    assert!(!out.status.success());
}
