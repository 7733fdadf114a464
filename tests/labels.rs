//! One label per domain value: for every meeting status, next step and triage status, in
//! French and English, the label the screens use (`Texts::meeting_status`, `next_step`,
//! `triage`, which `ui/agenda.rs`, `ui/detail.rs`, `ui/outcome.rs`, `ui/shortlist.rs` call)
//! is the one the CSV exports write and the one the forum report prints.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::date;
use sourcing::domain::{
    ForumDay, Meeting, MeetingStatus, Need, NextStep, Outcome, ShortlistEntry, Supplier,
    TriageStatus,
};
use sourcing::i18n::{texts, Lang};
use sourcing::io::export::{export, ExportFormat, ExportOptions, ExportWhat};
use sourcing::report;
use sourcing::store::{SledStore, Store};

const STATUSES: [MeetingStatus; 4] = [
    MeetingStatus::Planned,
    MeetingStatus::Held,
    MeetingStatus::NoShow,
    MeetingStatus::Cancelled,
];

/// A store with one held meeting per next step (each with its outcome), one meeting in each
/// other status, and one shortlist entry per triage status. Returns the store and, per
/// meeting id, its status and next step.
fn seeded() -> (SledStore, Vec<(u64, MeetingStatus, Option<NextStep>)>) {
    let store = SledStore::open_temporary().unwrap();
    let n = NextStep::ALL.len() + STATUSES.len();
    let suppliers = (0..n)
        .map(|i| Supplier {
            name: format!("Fournisseur {i}"),
            postcode: format!("{:05}", 75001 + i),
            ..Default::default()
        })
        .collect();
    let (_, ids) = store.upsert_suppliers(suppliers, "mdupuis").unwrap();
    let need = store
        .save_need(
            Need {
                title: "Nettoyage des écoles".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .save_forum_day(ForumDay::typical(date(2026, 12, 3)), "mdupuis")
        .unwrap();
    let mut plan = Vec::new();
    for (i, step) in NextStep::ALL.iter().enumerate() {
        plan.push((i, MeetingStatus::Held, Some(*step)));
    }
    for (j, status) in STATUSES.iter().enumerate() {
        plan.push((NextStep::ALL.len() + j, *status, None));
    }
    let mut meetings = Vec::new();
    for (i, status, step) in plan {
        let m = store
            .plan_meeting(
                Meeting {
                    supplier: ids[i],
                    buyers: vec![format!("acheteur{i}")],
                    day: date(2026, 12, 3),
                    start: sourcing::domain::forum::typical_start(
                        date(2026, 12, 3),
                        1 + i as u32 / 6,
                    ),
                    table: (i % 6 + 1) as u32,
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
        if status != MeetingStatus::Planned {
            store.set_meeting_status(m.id, status, "mdupuis").unwrap();
        }
        if let Some(step) = step {
            store
                .log_outcome(
                    Outcome {
                        meeting: m.id,
                        version: 0,
                        next_step: step,
                        rating: Some(4),
                        notes: String::new(),
                        follow_up: None,
                        follow_up_result: None,
                        documents_given: Vec::new(),
                        logged_by: String::new(),
                        logged_at: jiff::Timestamp::UNIX_EPOCH,
                    },
                    "mdupuis",
                )
                .unwrap();
        }
        meetings.push((m.id, status, step));
    }
    for (i, status) in TriageStatus::ALL.iter().enumerate() {
        store
            .save_shortlist_entry(
                ShortlistEntry {
                    need: need.id,
                    supplier: ids[i],
                    score: 10.0 - i as f64,
                    status: *status,
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
    }
    (store, meetings)
}

/// The CSV export of `what` in `lang`, as records (header first).
fn csv(store: &SledStore, what: ExportWhat, lang: Lang) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let opts = ExportOptions {
        format: ExportFormat::Csv,
        excel: false,
        lang,
    };
    export(store, what, &mut out, &opts).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_slice())
        .into_records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Index of the column named `fr` (French) or `en` (English) in the file's header.
fn column(rows: &[Vec<String>], lang: Lang, fr: &str, en: &str) -> usize {
    let name = match lang {
        Lang::Fr => fr,
        Lang::En => en,
    };
    rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]))
}

#[test]
fn screens_exports_and_report_use_one_label_per_value() {
    let (store, meetings) = seeded();
    let report = report::compute(&store).unwrap();
    for lang in [Lang::Fr, Lang::En] {
        let t = texts(lang);
        // Meetings export: the status and next step of each meeting.
        let all = csv(&store, ExportWhat::Meetings, lang);
        let id_col = column(&all, lang, "rdv", "meeting");
        let status_col = column(&all, lang, "statut", "status");
        let step_col = column(&all, lang, "suite_a_donner", "next_step");
        let rows = &all[1..];
        assert_eq!(rows.len(), meetings.len(), "{lang:?}");
        for (id, status, step) in &meetings {
            let row = rows
                .iter()
                .find(|r| r[id_col] == id.to_string())
                .unwrap_or_else(|| panic!("meeting {id} not exported"));
            assert_eq!(
                row[status_col],
                t.meeting_status(*status),
                "{lang:?} {status:?}"
            );
            let want = step.map(|s| t.next_step(s)).unwrap_or("");
            assert_eq!(row[step_col], want, "{lang:?} {step:?}");
        }
        for status in STATUSES {
            assert!(
                rows.iter()
                    .any(|r| r[status_col] == t.meeting_status(status)),
                "{lang:?}: no row says {:?}",
                t.meeting_status(status)
            );
        }
        // Shortlist export: the triage status of each entry.
        let all = csv(&store, ExportWhat::Shortlist, lang);
        let triage_col = column(&all, lang, "statut", "status");
        let mut seen: Vec<&str> = all[1..].iter().map(|r| r[triage_col].as_str()).collect();
        seen.sort_unstable();
        let mut want: Vec<&str> = TriageStatus::ALL.iter().map(|s| t.triage(*s)).collect();
        want.sort_unstable();
        assert_eq!(seen, want, "{lang:?}");
        // The report: a row per meeting status and per next step, with the same words.
        let text = report::render_text(&report, lang);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for status in STATUSES {
            let label = t.meeting_status(status);
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with(label)
                        && l[label.len()..].trim().parse::<usize>().is_ok()),
                "{lang:?}: no report row for {label:?}\n{text}"
            );
        }
        for step in NextStep::ALL {
            let label = t.next_step(step);
            assert!(
                lines
                    .iter()
                    .any(|l| l.strip_prefix(label).map(str::trim) == Some("1")),
                "{lang:?}: no report row «{label} 1»\n{text}"
            );
        }
    }
}

#[test]
fn the_two_names_that_disagreed_are_the_screens() {
    let fr = texts(Lang::Fr);
    assert_eq!(fr.meeting_status(MeetingStatus::Planned), "planifié");
    assert_eq!(fr.next_step(NextStep::NoFit), "Pas d'adéquation");
    let en = texts(Lang::En);
    assert_eq!(en.meeting_status(MeetingStatus::Planned), "planned");
    assert_eq!(en.next_step(NextStep::NoFit), "No fit");
    // Every label exists in both languages and differs between them where words differ.
    for s in NextStep::ALL {
        assert!(!fr.next_step(s).is_empty() && !en.next_step(s).is_empty());
        assert_ne!(fr.next_step(s), en.next_step(s), "{s:?}");
    }
    for s in TriageStatus::ALL {
        assert_ne!(fr.triage(s), en.triage(s), "{s:?}");
    }
}
