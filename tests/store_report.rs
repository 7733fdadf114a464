//! The forum's figures (`sourcing report`) on a small store filled here.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::date;
use sourcing::cli::Lang;
use sourcing::domain::{Meeting, MeetingStatus, NextStep, Outcome, SizeCategory, Supplier};
use sourcing::report::{self, Share};
use sourcing::store::{SledStore, Store};

fn supplier(name: &str, size: Option<SizeCategory>, dept: &str, ess: bool, siae: bool) -> Supplier {
    Supplier {
        name: name.into(),
        size,
        department: dept.into(),
        postcode: format!("{dept}000"),
        ess,
        siae,
        ..Default::default()
    }
}

fn outcome(meeting: u64, step: NextStep, rating: u8) -> Outcome {
    Outcome {
        meeting,
        version: 0,
        next_step: step,
        rating: Some(rating),
        notes: String::new(),
        follow_up: None,
        follow_up_result: None,
        documents_given: Vec::new(),
        logged_by: String::new(),
        logged_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Suppliers: A TPE 93 ESS, B PME 75, C GE 69 SIAE, D unknown size 92 ESS, E PME 13.
/// Meetings: A held twice, B held, C held, D held, E no-show, A planned, B cancelled.
fn fill(store: &SledStore) {
    let (_, ids) = store
        .upsert_suppliers(
            vec![
                supplier("A", Some(SizeCategory::Tpe), "93", true, false),
                supplier("B", Some(SizeCategory::Pme), "75", false, false),
                supplier("C", Some(SizeCategory::Ge), "69", false, true),
                supplier("D", None, "92", true, false),
                supplier("E", Some(SizeCategory::Pme), "13", false, false),
            ],
            "import",
        )
        .unwrap();
    store
        .save_forum_day(
            sourcing::domain::ForumDay::typical(jiff::civil::date(2026, 12, 3)),
            "orga",
        )
        .unwrap();
    let plan = |supplier: u64, slot: u32, status: MeetingStatus| {
        let m = store
            .plan_meeting(
                Meeting {
                    supplier,
                    buyers: vec!["mdupuis".into()],
                    day: date(2026, 12, 3),
                    start: sourcing::domain::forum::typical_start(date(2026, 12, 3), slot),
                    table: 1,
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
        if status != MeetingStatus::Planned {
            store.set_meeting_status(m.id, status, "mdupuis").unwrap();
        }
        m.id
    };
    let a1 = plan(ids[0], 0, MeetingStatus::Held);
    let a2 = plan(ids[0], 1, MeetingStatus::Held);
    let b = plan(ids[1], 2, MeetingStatus::Held);
    let c = plan(ids[2], 3, MeetingStatus::Held);
    let _d = plan(ids[3], 4, MeetingStatus::Held);
    let e = plan(ids[4], 5, MeetingStatus::NoShow);
    plan(ids[0], 6, MeetingStatus::Planned);
    plan(ids[1], 7, MeetingStatus::Cancelled);
    // a1: first "call back" (2), then revised to "invite" (5): only the latest counts.
    store
        .log_outcome(outcome(a1, NextStep::CallBack, 2), "mdupuis")
        .unwrap();
    store
        .log_outcome(outcome(a1, NextStep::InviteToTender, 5), "mdupuis")
        .unwrap();
    store
        .log_outcome(outcome(a2, NextStep::InviteToTender, 4), "mdupuis")
        .unwrap();
    store
        .log_outcome(outcome(b, NextStep::RequestQuote, 3), "mdupuis")
        .unwrap();
    store
        .log_outcome(outcome(c, NextStep::NoFit, 1), "mdupuis")
        .unwrap();
    store
        .log_outcome(outcome(e, NextStep::DidNotTakePlace, 1), "mdupuis")
        .unwrap();
}

#[test]
fn figures_of_a_small_forum() {
    let store = SledStore::open_temporary().unwrap();
    fill(&store);
    let r = report::compute(&store).unwrap();
    assert_eq!(r.meetings.total, 8);
    assert_eq!(
        (
            r.meetings.planned,
            r.meetings.held,
            r.meetings.no_show,
            r.meetings.cancelled
        ),
        (1, 5, 1, 1)
    );
    assert_eq!(r.meetings_with_outcome, 5);
    let by: Vec<(NextStep, usize)> = r
        .outcomes_by_next_step
        .iter()
        .map(|c| (c.next_step, c.meetings))
        .collect();
    assert_eq!(
        by,
        vec![
            (NextStep::InviteToTender, 2),
            (NextStep::RequestQuote, 1),
            (NextStep::Demonstration, 0),
            (NextStep::CallBack, 0),
            (NextStep::ReferToBuyer, 0),
            (NextStep::NoFit, 1),
            (NextStep::DidNotTakePlace, 1),
        ]
    );
    // Latest ratings 5, 4, 3, 1, 1.
    assert_eq!(r.average_rating, Some(2.8));
    // Met (held): A, B, C, D — E was a no-show.
    assert_eq!(r.suppliers_met, 4);
    assert_eq!(r.tpe_pme, Share::new(2, 4));
    assert_eq!(r.tpe_pme.percent, Some(50.0));
    assert_eq!(r.size_unknown, 1);
    assert_eq!(r.tpe_pme_of_known_size, Share::new(2, 3));
    assert_eq!(r.tpe_pme_of_known_size.percent, Some(66.7));
    assert_eq!(r.ile_de_france, Share::new(3, 4));
    assert_eq!(r.ess, Share::new(2, 4));
    assert_eq!(r.siae, Share::new(1, 4));
    assert_eq!(r.needs, 0);
    assert!(r.journal_events > 8);

    let fr = report::render_text(&r, Lang::Fr);
    assert!(fr.contains("Rendez-vous : 8"), "{fr}");
    assert!(fr.contains("2,80/5"), "{fr}");
    assert!(fr.contains("3 sur 4 (75,0 %)"), "{fr}");
    // The TPE/PME headline counts among known sizes, the unknown apart (issue 13).
    assert!(
        fr.contains(
            "TPE/PME                2 sur 3 de taille connue (66,7 %) ; 1 de taille inconnue"
        ),
        "{fr}"
    );
    let en = report::render_text(&r, Lang::En);
    assert!(en.contains("Meetings: 8"), "{en}");
    assert!(en.contains("2.80/5"), "{en}");
    assert!(en.contains("3 of 4 (75.0%)"), "{en}");
    assert!(
        en.contains("2 of 3 of known size (66.7%); 1 of unknown size"),
        "{en}"
    );
}

#[test]
fn an_empty_store_has_no_shares() {
    let store = SledStore::open_temporary().unwrap();
    let r = report::compute(&store).unwrap();
    assert_eq!(r.suppliers_met, 0);
    assert_eq!(r.tpe_pme.percent, None);
    assert_eq!(r.average_rating, None);
    assert!(report::render_text(&r, Lang::Fr).contains("0 sur 0 (—)"));
}

#[test]
fn the_report_command_prints_json() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        fill(&store);
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir.path())
        .args(["report", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["meetings"]["held"], 5);
    assert_eq!(v["suppliers_met"], 4);
    assert_eq!(v["ile_de_france"]["count"], 3);
    assert_eq!(
        v["outcomes_by_next_step"][0]["next_step"],
        "invite_to_tender"
    );
    assert_eq!(v["outcomes_by_next_step"][0]["meetings"], 2);

    // Text, in English on request.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir.path())
        .args(["--lang", "en", "report"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Suppliers met: 4"));
}
