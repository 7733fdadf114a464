//! `sourcing export meetings|shortlist|journal` through the real binary, on a store set up
//! with the library: meetings carry their supplier, slot time in Europe/Paris (whatever the
//! machine's TZ), table, buyers, need, status and latest outcome with its version count.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::date;
use serde_json::Value;
use sourcing::domain::{
    ForumDay, Lot, Meeting, MeetingStatus, Need, NextStep, Outcome, ShortlistEntry, Siret,
    Supplier, TriageStatus,
};
use sourcing::store::{SledStore, Store};
use std::path::Path;
use std::process::{Command, Output};

fn sourcing(store: &Path, tz: &str, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env("TZ", tz)
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

fn outcome(meeting: u64, step: NextStep, rating: u8, notes: &str) -> Outcome {
    Outcome {
        meeting,
        version: 0,
        next_step: step,
        rating: Some(rating),
        notes: notes.into(),
        follow_up: Some(date(2027, 1, 15)),
        follow_up_result: None,
        documents_given: Vec::new(),
        logged_by: String::new(),
        logged_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Two suppliers, a need with a lot, a forum day, two meetings (one held with two outcome
/// versions, one planned), a shortlist entry.
fn seed(dir: &Path) -> (u64, u64) {
    let store = SledStore::open(dir).unwrap();
    let (_, ids) = store
        .upsert_suppliers(
            vec![
                Supplier {
                    name: "Société d’Électricité Générale".into(),
                    siret: Some(Siret::parse("01234567400019").unwrap()),
                    ..Default::default()
                },
                Supplier {
                    name: "Cœur de Forêt".into(),
                    postcode: "25000".into(),
                    ..Default::default()
                },
            ],
            "mdupuis",
        )
        .unwrap();
    let need = store
        .save_need(
            Need {
                title: "Rénovation énergétique des lycées".into(),
                lots: vec![Lot {
                    number: 1,
                    title: "Isolation".into(),
                    cpv: vec![],
                    description: String::new(),
                }],
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .save_forum_day(ForumDay::typical(date(2026, 12, 3)), "mdupuis")
        .unwrap();
    let m1 = store
        .plan_meeting(
            Meeting {
                supplier: ids[0],
                buyers: vec!["mdupuis".into(), "jmartin".into()],
                need: Some(need.id),
                lot: 1,
                day: date(2026, 12, 3),
                start: sourcing::domain::forum::typical_start(date(2026, 12, 3), 1),
                table: 2,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let m2 = store
        .plan_meeting(
            Meeting {
                supplier: ids[1],
                buyers: vec!["jmartin".into()],
                day: date(2026, 12, 3),
                start: sourcing::domain::forum::typical_start(date(2026, 12, 3), 14),
                table: 1,
                ..Default::default()
            },
            "jmartin",
        )
        .unwrap();
    store
        .set_meeting_status(m1.id, MeetingStatus::Held, "mdupuis")
        .unwrap();
    store
        .log_outcome(
            outcome(m1.id, NextStep::CallBack, 3, "Premier contact"),
            "mdupuis",
        )
        .unwrap();
    store
        .log_outcome(
            outcome(
                m1.id,
                NextStep::InviteToTender,
                5,
                "Très pertinent\nréférences lycées",
            ),
            "jmartin",
        )
        .unwrap();
    store
        .save_shortlist_entry(
            ShortlistEntry {
                need: need.id,
                lot: 1,
                supplier: ids[0],
                score: 12.5,
                explanation: "CPV 45261 catégorie".into(),
                reasons: Vec::new(),
                status: TriageStatus::Met,
                note: "=à revoir".into(),
                manual_rank: None,
                reason: String::new(),
                priority: None,
            },
            "mdupuis",
        )
        .unwrap();
    (m1.id, m2.id)
}

#[test]
fn meetings_json_with_latest_outcome_in_paris_time() {
    let dir = tempfile::tempdir().unwrap();
    let (m1, m2) = seed(dir.path());
    for tz in ["UTC", "America/New_York", "Asia/Tokyo"] {
        let out = sourcing(dir.path(), tz, &["export", "meetings", "--format", "json"]);
        let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 2);
        let a = &rows[0];
        assert_eq!(a["id"], m1);
        assert_eq!(a["supplier"], "Société d’Électricité Générale");
        assert_eq!(a["siret"], "01234567400019");
        assert_eq!(a["day"], "2026-12-03");
        assert_eq!(
            (a["start"].as_str(), a["end"].as_str()),
            (
                Some("2026-12-03T09:20:00+01:00"),
                Some("2026-12-03T09:40:00+01:00")
            ),
            "TZ={tz}"
        );
        assert_eq!(a["table"], "Table 2");
        assert_eq!(a["buyers"], serde_json::json!(["mdupuis", "jmartin"]));
        assert_eq!(
            a["need"],
            "Rénovation énergétique des lycées — lot 1 : Isolation"
        );
        assert_eq!(a["status"], "held");
        assert_eq!(a["outcome_versions"], 2);
        let o = &a["outcome"];
        assert_eq!(o["version"], 2);
        assert_eq!(o["next_step"], "invite_to_tender");
        assert_eq!(o["rating"], 5);
        assert_eq!(o["notes"], "Très pertinent\nréférences lycées");
        assert_eq!(o["follow_up"], "2027-01-15");
        assert_eq!(o["logged_by"], "jmartin");
        let at = o["logged_at"].as_str().unwrap();
        assert!(at.ends_with("+01:00") || at.ends_with("+02:00"), "{at}");
        let b = &rows[1];
        assert_eq!(b["id"], m2);
        assert_eq!(b["start"], "2026-12-03T14:50:00+01:00");
        assert_eq!(b["siret"], "");
        assert_eq!(b["status"], "planned");
        assert_eq!(b["outcome_versions"], 0);
        assert_eq!(b["outcome"], Value::Null);
    }
}

#[test]
fn meetings_csv_in_french_and_for_excel() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = sourcing(
        dir.path(),
        "UTC",
        &["export", "meetings", "--format", "csv"],
    );
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let headers = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let col = |row: &csv::StringRecord, name: &str| -> String {
        let i = headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name}"));
        row[i].to_string()
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(
        col(&rows[0], "fournisseur"),
        "Société d’Électricité Générale"
    );
    assert_eq!(col(&rows[0], "debut"), "09:20");
    assert_eq!(col(&rows[0], "statut"), "tenu");
    assert_eq!(col(&rows[0], "suite_a_donner"), "Inviter à la consultation");
    assert_eq!(col(&rows[0], "note"), "5");
    assert_eq!(col(&rows[0], "versions_compte_rendu"), "2");
    assert_eq!(col(&rows[0], "saisi_par"), "jmartin");
    assert_eq!(col(&rows[1], "statut"), "planifié");
    assert_eq!(col(&rows[1], "suite_a_donner"), "");

    let out = sourcing(
        dir.path(),
        "UTC",
        &["--lang", "en", "export", "meetings", "--excel"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // For people: headings in words, the lot in a column of its own.
    assert!(
        text.starts_with(
            "\u{feff}Meeting;Day;Start;End;Table;Supplier;SIRET;Buyers;Need;Lot;Status;"
        ),
        "{text}"
    );
    assert!(text.contains(";03/12/2026;09:20;09:40;Table 2;"), "{text}");
    assert!(text.contains(";held;"));
    assert!(text.contains(";Invite to the consultation;5;"));
    let out = sourcing(dir.path(), "UTC", &["export", "meetings", "--excel"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Besoin;Lot;Statut;Début réel;Fin réelle;Suite à donner;Note;"),
        "{text}"
    );
    assert!(text.contains(";1;tenu;"), "{text}");
    let out = sourcing(dir.path(), "UTC", &["export", "journal", "--excel"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("\u{feff}N°;Date;Auteur;Objet;Identifiant;Action;Résumé"),
        "{text}"
    );
}

#[test]
fn shortlist_and_journal() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = sourcing(
        dir.path(),
        "UTC",
        &["export", "shortlist", "--format", "jsonl"],
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["supplier"], "Société d’Électricité Générale");
    assert_eq!(lines[0]["lot_title"], "Isolation");
    assert_eq!(lines[0]["status"], "met");
    let out = sourcing(dir.path(), "UTC", &["export", "shortlist"]);
    let text = String::from_utf8(out.stdout).unwrap();
    // A note that looks like a formula is guarded for spreadsheets.
    assert!(text.contains(",rencontré,'=à revoir,"), "{text}");

    let out = sourcing(
        dir.path(),
        "UTC",
        &["export", "journal", "--format", "json"],
    );
    let events: Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = events.as_array().unwrap();
    assert!(events.len() >= 6, "{events:?}");
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    assert!(events
        .iter()
        .any(|e| e["entity"] == "outcome" && e["actor"] == "jmartin"));
    let at = events[0]["at"].as_str().unwrap();
    assert!(at.ends_with("+01:00") || at.ends_with("+02:00"), "{at}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let target = dir.path().join("rdv.json");
    let out = sourcing(
        dir.path(),
        "UTC",
        &[
            "export",
            "meetings",
            "--format",
            "json",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 enregistrements exportés"));
    let rows: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    // --excel with JSON is a usage error (exit code 2), nothing written.
    let bad = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir.path())
        .args(["export", "meetings", "--format", "json", "--excel"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
}
