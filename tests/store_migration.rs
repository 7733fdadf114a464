//! Stores written by schema v1 and v2 (tests/data/store_v1, tests/data/store_v2, see their
//! READMEs) open, migrate to the current schema and keep everything; ids handed out
//! afterwards are new; journal lines written before typed events render as they were
//! stored, in either language, and new ones are typed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::date;
use sourcing::domain::{Meeting, MeetingStatus, NextStep};
use sourcing::i18n::store::Render;
use sourcing::i18n::Lang;
use sourcing::store::{SledStore, Store, SCHEMA_VERSION};
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn a_v1_store_migrates_and_keeps_everything() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store_v1/sled"),
        &tmp.path().join("sled"),
    );
    let store = SledStore::open(tmp.path()).unwrap();
    assert_eq!(store.found_schema_version(), 1);

    let suppliers = store.suppliers_page(None, usize::MAX).unwrap();
    let names: Vec<&str> = suppliers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Alpha Énergie SAS", "Bâti Vert", "Cœur de Forêt SARL"]
    );
    assert_eq!(suppliers[1].id, 2);
    assert_eq!(
        suppliers[1].siret.as_ref().map(|s| s.as_str()),
        Some("73282932000074")
    );
    assert_eq!(suppliers[1].city, "Bobigny");
    let needs = store.needs().unwrap();
    assert_eq!(needs.len(), 1);
    assert_eq!(needs[0].id, 5);
    assert_eq!(needs[0].title, "Rénovation énergétique des lycées");
    assert_eq!(needs[0].lots[0].title, "Isolation");
    let sl = store.shortlist(5).unwrap();
    assert_eq!(sl.len(), 1);
    assert_eq!((sl[0].lot, sl[0].supplier), (1, 2));
    assert_eq!(sl[0].note, "à rencontrer");
    let days = store.forum_days().unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].date, date(2026, 12, 3));
    // v4: the day's table names became tables with ids 1, 2, in order.
    let names: Vec<(u32, &str)> = days[0]
        .tables
        .iter()
        .map(|t| (t.id, t.name.as_str()))
        .collect();
    assert_eq!(names, [(1, "Table 1"), (2, "Table 2")]);
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].id, 9);
    assert_eq!(meetings[0].status, MeetingStatus::Held);
    // v4: slot 2 of the day's 20-minute grid from 09:00 is kept as its start, 09:40 Paris,
    // and "Table 2" as its id.
    assert_eq!(days[0].table_name(meetings[0].table), "Table 2");
    assert_eq!(
        sourcing::domain::forum::local_iso(meetings[0].start),
        "2026-12-03T09:40:00+01:00"
    );
    assert!(days[0].slot_at(meetings[0].start).is_some());
    let outcomes = store.outcomes(9).unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].next_step, NextStep::RequestQuote);
    assert_eq!(outcomes[0].rating, Some(4)); // stores before optional ratings read as chosen
    assert_eq!(outcomes[0].notes, "Devis attendu sous 15 jours.");
    let old = store.journal().unwrap();
    let seqs: Vec<u64> = old.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [4, 6, 7, 8, 10, 11, 12]);
    for e in &old {
        assert!(e.event.is_none() && !e.summary.is_empty(), "{e:?}");
        assert_eq!(e.render(Lang::Fr), e.summary);
        assert_eq!(e.render(Lang::En), e.summary);
    }

    // The slot booked under v1 is still refused; a new meeting gets an id above every old one.
    let m = Meeting {
        supplier: 1,
        buyers: vec!["alee".into()],
        day: date(2026, 12, 3),
        start: sourcing::domain::forum::typical_start(date(2026, 12, 3), 2),
        table: 1,
        ..Default::default()
    };
    let clash = Meeting {
        table: 2,
        ..m.clone()
    };
    assert!(store.plan_meeting(clash, "alee").is_err());
    let new = store.plan_meeting(m, "alee").unwrap();
    assert!(new.id > 12, "new meeting id {}", new.id);
    let journal = store.journal().unwrap();
    assert_eq!(journal.len(), 8);
    assert!(journal[7].seq > new.id);
    drop(store);

    // Reopened: already migrated, nothing changed.
    let store = SledStore::open(tmp.path()).unwrap();
    assert_eq!(store.found_schema_version(), SCHEMA_VERSION);
    assert_eq!(store.meetings().unwrap().len(), 2);
}

#[test]
fn a_v2_store_migrates_and_its_old_journal_lines_render_unchanged() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store_v2");
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&data.join("sled"), &tmp.path().join("sled"));
    let expected: Vec<(u64, String)> = std::fs::read_to_string(data.join("journal.tsv"))
        .unwrap()
        .lines()
        .map(|l| {
            let (seq, summary) = l.split_once('\t').unwrap();
            (seq.parse().unwrap(), summary.to_string())
        })
        .collect();
    assert_eq!(expected.len(), 9);

    let store = SledStore::open(tmp.path()).unwrap();
    assert_eq!(store.found_schema_version(), 2);
    let journal = store.journal().unwrap();
    let got: Vec<(u64, String)> = journal
        .iter()
        .map(|e| (e.seq, e.render(Lang::Fr)))
        .collect();
    assert_eq!(got, expected, "old lines render as stored");
    assert!(journal.iter().all(|e| e.event.is_none()));
    assert!(journal
        .iter()
        .all(|e| e.render(Lang::En) == e.render(Lang::Fr)));
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].status, MeetingStatus::Held);
    assert_eq!(store.outcomes(meetings[0].id).unwrap()[0].rating, Some(4));

    // A new write is typed, and its French line reads like the old ones.
    let m = store
        .set_meeting_status(meetings[0].id, MeetingStatus::NoShow, "mdupuis")
        .unwrap();
    let last = store.journal().unwrap().pop().unwrap();
    assert!(last.seq > expected[8].0);
    assert!(last.summary.is_empty() && last.event.is_some(), "{last:?}");
    assert_eq!(
        last.render(Lang::Fr),
        format!(
            "rendez-vous n° {} avec le fournisseur n° 2 (Bâti Vert) : absent",
            m.id
        )
    );
    assert_eq!(
        last.render(Lang::En),
        format!(
            "meeting no. {} with supplier no. 2 (Bâti Vert): no-show",
            m.id
        )
    );
    drop(store);
    let store = SledStore::open(tmp.path()).unwrap();
    assert_eq!(store.found_schema_version(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 4);
}

/// The writes that made tests/data/store_v2, replayed on a new store: its typed events
/// read in French exactly as the v2 sentences did.
#[test]
fn typed_events_read_in_french_as_v2_wrote_them() {
    use jiff::civil::time;
    use sourcing::domain::TriageStatus;
    use sourcing::domain::{ForumDay, Lot, Need, Outcome, ShortlistEntry, SourceRef, Supplier};
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store_v2");
    // v4 names a meeting's slot by its time, not by its index in the day.
    let expected = std::fs::read_to_string(data.join("journal.tsv"))
        .unwrap()
        .replace("Table 2, créneau 2 du", "Table 2, 09:40 du");
    let store = SledStore::open_temporary().unwrap();
    let sup = |name: &str, pc: &str| Supplier {
        name: name.into(),
        postcode: pc.into(),
        city: "Montreuil".into(),
        department: "93".into(),
        source: SourceRef {
            file: "annuaire.csv".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let (_, ids) = store
        .upsert_suppliers(
            vec![sup("Alpha Énergie SAS", "93100"), sup("Bâti Vert", "93000")],
            "import",
        )
        .unwrap();
    let need = store
        .save_need(
            Need {
                title: "Rénovation des lycées".into(),
                owner: "mdupuis".into(),
                lots: vec![Lot {
                    number: 1,
                    title: "Isolation".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .save_shortlist_entry(
            ShortlistEntry {
                need: need.id,
                lot: 1,
                supplier: ids[1],
                status: TriageStatus::ToMeet,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let mut day = ForumDay::typical(date(2026, 12, 3));
    day.closes = time(12, 0, 0, 0);
    day.breaks.clear();
    day.tables = sourcing::domain::forum::numbered_tables(2);
    store.save_forum_day(day, "alee").unwrap();
    let m = store
        .plan_meeting(
            Meeting {
                supplier: ids[1],
                buyers: vec!["mdupuis".into()],
                need: Some(need.id),
                lot: 1,
                day: date(2026, 12, 3),
                start: sourcing::domain::forum::typical_start(date(2026, 12, 3), 2),
                table: 2,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .set_meeting_status(m.id, MeetingStatus::Held, "mdupuis")
        .unwrap();
    store
        .log_outcome(
            Outcome {
                meeting: m.id,
                version: 0,
                next_step: NextStep::RequestQuote,
                rating: Some(4),
                notes: "Devis sous 15 jours".into(),
                follow_up: None,
                follow_up_result: None,
                documents_given: Vec::new(),
                logged_by: String::new(),
                logged_at: jiff::Timestamp::UNIX_EPOCH,
            },
            "mdupuis",
        )
        .unwrap();
    store
        .remove_shortlist_entry(need.id, 1, ids[1], "bmartin")
        .unwrap();
    let mut a = store.supplier(ids[0]).unwrap().unwrap();
    a.city = "Pantin".into();
    store.upsert_suppliers(vec![a], "mdupuis").unwrap();
    let journal = store.journal().unwrap();
    assert!(journal.iter().all(|e| e.event.is_some()));
    let got: String = journal
        .iter()
        .map(|e| format!("{}\t{}\n", e.seq, e.render(Lang::Fr)))
        .collect();
    assert_eq!(got, expected);
}
