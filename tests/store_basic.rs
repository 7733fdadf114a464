//! Behaviour of `SledStore` through the `Store` trait: ids, upsert and identity merge,
//! double-booking refusal, outcome versions, journal, persistence across reopen, schema.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::{date, time};
use sourcing::domain::MeetingStamp;
use sourcing::domain::{
    Entity, ForumDay, Lot, Meeting, MeetingStatus, Need, NextStep, Outcome, ShortlistEntry, Siret,
    SizeCategory, Supplier, TriageStatus,
};
use sourcing::i18n::store::Render;
use sourcing::i18n::Lang;
use sourcing::store::{SledStore, Store, StoreError, UpsertCounts, SCHEMA_VERSION};

fn supplier(name: &str, siret: Option<&str>) -> Supplier {
    Supplier {
        name: name.into(),
        siret: siret.map(|s| Siret::parse(s).unwrap()),
        postcode: "93100".into(),
        city: "Montreuil".into(),
        department: "93".into(),
        size: Some(SizeCategory::Pme),
        ..Default::default()
    }
}

fn outcome(meeting: u64, rating: u8, notes: &str) -> Outcome {
    Outcome {
        meeting,
        version: 0,
        next_step: NextStep::RequestQuote,
        rating: Some(rating),
        notes: notes.into(),
        follow_up: None,
        follow_up_result: None,
        documents_given: Vec::new(),
        logged_by: String::new(),
        logged_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

fn meeting(supplier: u64, buyer: &str, table: u32, slot: u32) -> Meeting {
    Meeting {
        supplier,
        buyers: vec![buyer.into()],
        day: date(2026, 12, 3),
        table,
        start: sourcing::domain::forum::typical_start(date(2026, 12, 3), slot),
        ..Default::default()
    }
}

/// Three suppliers (two with SIRET, one by name) and the typical day of 3 December 2026;
/// returns the supplier ids.
fn seed(store: &SledStore) -> Vec<u64> {
    let (_, ids) = store
        .upsert_suppliers(
            vec![
                supplier("Alpha Énergie SAS", Some("01234567400019")),
                supplier("Bâti Vert", Some("73282932000074")),
                supplier("Cœur de Forêt SARL", None),
            ],
            "import",
        )
        .unwrap();
    // Meetings are planned in a day's slots: the typical day of 3 December 2026.
    store
        .save_forum_day(ForumDay::typical(date(2026, 12, 3)), "orga")
        .unwrap();
    ids
}

#[test]
fn ids_are_never_zero_and_distinct() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    assert!(ids.iter().all(|&id| id != 0));
    let need = store
        .save_need(
            Need {
                title: "Rénovation".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    assert_ne!(need.id, 0);
    let m = store
        .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
        .unwrap();
    assert_ne!(m.id, 0);
    let mut all = ids.clone();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 3);
    assert!(store.journal().unwrap().iter().all(|e| e.seq != 0));
}

#[test]
fn upsert_creates_updates_and_counts_unchanged() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    assert_eq!(store.supplier_count().unwrap(), 3);

    // Same file again, one changed city, one new: merged by SIRET or by name + postcode.
    let mut changed = supplier("Bâti Vert", Some("73282932000074"));
    changed.city = "Bobigny".into();
    let same_by_name = supplier("COEUR DE FORET S.A.R.L.", None);
    let (counts, ids2) = store
        .upsert_suppliers(
            vec![
                supplier("Alpha Énergie SAS", Some("01234567400019")),
                changed,
                same_by_name,
                supplier("Delta Sécurité", Some("55203253400646")),
            ],
            "import",
        )
        .unwrap();
    assert_eq!(
        counts,
        UpsertCounts {
            created: 1,
            updated: 2, // city changed; name spelled differently (same identity)
            unchanged: 1,
        }
    );
    assert_eq!(&ids2[..3], &ids[..]);
    assert!(!ids.contains(&ids2[3]));
    assert_eq!(store.supplier_count().unwrap(), 4);
    let b = store.supplier(ids[1]).unwrap().unwrap();
    assert_eq!(b.city, "Bobigny");
    assert_eq!(b.id, ids[1]);
    let c = store.supplier(ids[2]).unwrap().unwrap();
    assert_eq!(c.name, "COEUR DE FORET S.A.R.L.");
}

#[test]
fn duplicates_inside_one_batch_merge() {
    let store = SledStore::open_temporary().unwrap();
    let (counts, ids) = store
        .upsert_suppliers(
            vec![
                supplier("Alpha", Some("01234567400019")),
                supplier("Alpha bis", Some("01234567400019")),
            ],
            "import",
        )
        .unwrap();
    assert_eq!(ids[0], ids[1]);
    assert_eq!((counts.created, counts.updated), (1, 1));
    assert_eq!(store.supplier_count().unwrap(), 1);
    assert_eq!(store.supplier(ids[0]).unwrap().unwrap().name, "Alpha bis");
}

#[test]
fn editing_a_supplier_by_id_moves_its_identity_and_refuses_a_taken_siret() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    // Give the name-only supplier a SIRET: its identity moves to the SIRET.
    let mut c = store.supplier(ids[2]).unwrap().unwrap();
    c.siret = Some(Siret::parse("55203253400646").unwrap());
    let (counts, _) = store.upsert_suppliers(vec![c], "mdupuis").unwrap();
    assert_eq!(counts.updated, 1);
    // A later import of that SIRET updates the same record.
    let (_, again) = store
        .upsert_suppliers(
            vec![supplier("Cœur de Forêt", Some("55203253400646"))],
            "import",
        )
        .unwrap();
    assert_eq!(again, vec![ids[2]]);
    // Giving supplier 0 the SIRET of supplier 1 is refused, and nothing changes.
    let mut a = store.supplier(ids[0]).unwrap().unwrap();
    a.siret = Some(Siret::parse("73282932000074").unwrap());
    let err = store.upsert_suppliers(vec![a], "mdupuis").unwrap_err();
    assert!(
        matches!(err, StoreError::DuplicateSiret { existing, .. } if existing == ids[1]),
        "{err:?}"
    );
    assert_eq!(
        store
            .supplier(ids[0])
            .unwrap()
            .unwrap()
            .siret
            .unwrap()
            .as_str(),
        "01234567400019"
    );
}

#[test]
fn a_failing_batch_writes_nothing() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    let journal_before = store.journal().unwrap().len();
    let mut bad = supplier("Intrus", None);
    bad.id = 9_999_999; // unknown id: the whole batch is refused
    let err = store
        .upsert_suppliers(
            vec![supplier("Nouveau", Some("55203253400646")), bad],
            "import",
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!(store.supplier_count().unwrap(), ids.len());
    assert_eq!(store.journal().unwrap().len(), journal_before);
}

#[test]
fn forum_day_checks_slot_and_table() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    let day = ForumDay::typical(date(2026, 12, 3));
    store.save_forum_day(day.clone(), "mdupuis").unwrap();
    assert_eq!(store.forum_days().unwrap(), vec![day]);
    // 12:40 falls in the lunch break (12:30-13:30): no slot starts there.
    let mut at_lunch = meeting(ids[0], "mdupuis", 1, 0);
    at_lunch.start = ForumDay::typical(date(2026, 12, 3))
        .instant(time(12, 40, 0, 0))
        .unwrap();
    let err = store.plan_meeting(at_lunch, "mdupuis").unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let err = store
        .plan_meeting(meeting(ids[0], "mdupuis", 99, 0), "mdupuis")
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    store
        .plan_meeting(meeting(ids[0], "mdupuis", 1, 14), "mdupuis")
        .unwrap();
}

#[test]
fn held_meetings_keep_only_the_times_really_stamped() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    let m = store
        .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
        .unwrap();
    assert!(m.started_at.is_none());
    // Marking a meeting held says nothing of its length: no invented times.
    let held = store
        .set_meeting_status(m.id, MeetingStatus::Held, "mdupuis")
        .unwrap();
    assert_eq!(held.status, MeetingStatus::Held);
    assert_eq!((held.started_at, held.ended_at), (None, None));
    let other = store
        .plan_meeting(meeting(ids[1], "mdupuis", 1, 1), "mdupuis")
        .unwrap();
    assert!(matches!(
        store.stamp_meeting(other.id, MeetingStamp::End, "mdupuis"),
        Err(StoreError::Invalid(_))
    ));
    let started = store
        .stamp_meeting(other.id, MeetingStamp::Start, "mdupuis")
        .unwrap();
    assert_eq!(started.status, MeetingStatus::Planned);
    let ended = store
        .stamp_meeting(other.id, MeetingStamp::End, "mdupuis")
        .unwrap();
    assert_eq!(ended.status, MeetingStatus::Held);
    assert!(ended.started_at.is_some() && ended.started_at <= ended.ended_at);
    // A second end keeps the first; a start after the end is refused.
    let again = store
        .stamp_meeting(other.id, MeetingStamp::End, "mdupuis")
        .unwrap();
    assert_eq!(again.ended_at, ended.ended_at);
    assert!(store
        .stamp_meeting(other.id, MeetingStamp::Start, "mdupuis")
        .is_err());
    assert!(matches!(
        store.set_meeting_status(424242, MeetingStatus::Held, "mdupuis"),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn outcomes_append_versions_and_validate() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    let m = store
        .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
        .unwrap();
    let o1 = store
        .log_outcome(outcome(m.id, 4, "Bon échange"), "mdupuis")
        .unwrap();
    let o2 = store
        .log_outcome(outcome(m.id, 5, "Devis reçu\nà relancer"), "alee")
        .unwrap();
    assert_eq!((o1.version, o2.version), (1, 2));
    assert_eq!(o2.logged_by, "alee");
    let all = store.outcomes(m.id).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].notes, "Bon échange"); // never overwritten
    assert_eq!(all[1].notes, "Devis reçu\nà relancer");
    assert!(matches!(
        store.log_outcome(outcome(m.id, 0, "x"), "mdupuis"),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.log_outcome(outcome(m.id, 6, "x"), "mdupuis"),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.log_outcome(outcome(987654, 3, "x"), "mdupuis"),
        Err(StoreError::NotFound { .. })
    ));
    // Escape sequences in notes are removed before storing.
    let o3 = store
        .log_outcome(outcome(m.id, 3, "a\u{1b}[2Jb"), "mdupuis")
        .unwrap();
    assert_eq!(o3.notes, "ab");
    assert_eq!(store.all_outcomes().unwrap().len(), 3);
}

#[test]
fn shortlist_entries_by_need_and_lot() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    let need = store
        .save_need(
            Need {
                title: "Isolation".into(),
                lots: vec![Lot {
                    number: 1,
                    title: "Lot 1".into(),
                    cpv: vec![],
                    description: String::new(),
                }],
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let other = store
        .save_need(
            Need {
                title: "Autre".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let entry = |need: u64, lot: u32, supplier: u64| ShortlistEntry {
        need,
        lot,
        supplier,
        score: 1.5,
        ..Default::default()
    };
    store
        .save_shortlist_entry(entry(need.id, 0, ids[0]), "mdupuis")
        .unwrap();
    store
        .save_shortlist_entry(entry(need.id, 1, ids[1]), "mdupuis")
        .unwrap();
    store
        .save_shortlist_entry(entry(other.id, 0, ids[2]), "mdupuis")
        .unwrap();
    let mut e = entry(need.id, 0, ids[0]);
    e.status = TriageStatus::ToMeet;
    store.save_shortlist_entry(e, "mdupuis").unwrap();
    let sl = store.shortlist(need.id).unwrap();
    assert_eq!(sl.len(), 2);
    assert_eq!(sl[0].status, TriageStatus::ToMeet);
    assert!(matches!(
        store.save_shortlist_entry(entry(need.id, 7, ids[0]), "mdupuis"),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.save_shortlist_entry(entry(need.id, 0, 555_555), "mdupuis"),
        Err(StoreError::NotFound { .. })
    ));
    store
        .remove_shortlist_entry(need.id, 1, ids[1], "mdupuis")
        .unwrap();
    store
        .remove_shortlist_entry(need.id, 1, ids[1], "mdupuis")
        .unwrap(); // absent: Ok
    assert_eq!(store.shortlist(need.id).unwrap().len(), 1);
    assert_eq!(store.shortlist(other.id).unwrap().len(), 1);
    // Updating a need keeps its id; an unknown id is refused.
    let mut n = need.clone();
    n.title = "Isolation thermique".into();
    assert_eq!(store.save_need(n, "mdupuis").unwrap().id, need.id);
    assert_eq!(store.needs().unwrap().len(), 2);
    let mut ghost = need;
    ghost.id = 777_777;
    assert!(matches!(
        store.save_need(ghost, "mdupuis"),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn journal_records_every_write_with_its_actor() {
    let store = SledStore::open_temporary().unwrap();
    let ids = seed(&store);
    let need = store
        .save_need(
            Need {
                title: "Téléassistance".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .save_shortlist_entry(
            ShortlistEntry {
                need: need.id,
                supplier: ids[0],
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .save_forum_day(ForumDay::typical(date(2026, 12, 3)), "alee")
        .unwrap();
    let m = store
        .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
        .unwrap();
    store
        .set_meeting_status(m.id, MeetingStatus::Held, "mdupuis")
        .unwrap();
    store.log_outcome(outcome(m.id, 4, "ok"), "alee").unwrap();
    store
        .remove_shortlist_entry(need.id, 0, ids[0], "bmartin")
        .unwrap();
    // A one-supplier edit is journalled as that supplier.
    let mut s = store.supplier(ids[1]).unwrap().unwrap();
    s.website = "https://exemple.fr".into();
    store.upsert_suppliers(vec![s], "mdupuis").unwrap();

    let j = store.journal().unwrap();
    let got: Vec<(Entity, &str, &str)> = j
        .iter()
        .map(|e| (e.entity, e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Entity::Import, "import", "import"),
            (Entity::ForumDay, "created", "orga"),
            (Entity::Need, "created", "mdupuis"),
            (Entity::Shortlist, "created", "mdupuis"),
            (Entity::ForumDay, "updated", "alee"),
            (Entity::Meeting, "created", "mdupuis"),
            (Entity::Meeting, "status:held", "mdupuis"),
            (Entity::Outcome, "created", "alee"),
            (Entity::Shortlist, "removed", "bmartin"),
            (Entity::Supplier, "updated", "mdupuis"),
        ]
    );
    assert!(j.windows(2).all(|w| w[0].seq < w[1].seq));
    let line = |e: &sourcing::domain::JournalEvent, lang| Render::render(e, lang);
    assert!(
        j[0].summary.is_empty() && j[0].event.is_some(),
        "typed: {j:?}"
    );
    assert!(line(&j[0], Lang::Fr).contains("3 créés"), "{j:?}");
    assert!(line(&j[0], Lang::En).contains("3 created"), "{j:?}");
    assert!(line(&j[5], Lang::Fr).contains("Alpha Énergie SAS"), "{j:?}");
    assert!(line(&j[6], Lang::Fr).ends_with(": tenu"), "{j:?}");
    assert!(line(&j[6], Lang::En).ends_with(": held"), "{j:?}");
    assert_eq!(j[7].id, m.id);
    // A failed write leaves no event.
    let _ = store.log_outcome(outcome(m.id, 9, "x"), "alee");
    assert_eq!(store.journal().unwrap().len(), j.len());
}

#[test]
fn reopening_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (ids, m_id) = {
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(store.found_schema_version(), 0);
        let ids = seed(&store);
        store
            .save_need(
                Need {
                    title: "Mobilier urbain".into(),
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
        let m = store
            .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
            .unwrap();
        store
            .log_outcome(outcome(m.id, 5, "Très bien"), "mdupuis")
            .unwrap();
        (ids, m.id)
    };
    let store = SledStore::open(dir.path()).unwrap();
    assert_eq!(store.found_schema_version(), SCHEMA_VERSION);
    assert_eq!(store.supplier_count().unwrap(), 3);
    assert_eq!(
        store.supplier(ids[0]).unwrap().unwrap().name,
        "Alpha Énergie SAS"
    );
    assert_eq!(store.needs().unwrap()[0].title, "Mobilier urbain");
    assert_eq!(store.outcomes(m_id).unwrap()[0].notes, "Très bien");
    assert_eq!(store.journal().unwrap().len(), 5);
    // The slot index survived too.
    assert!(matches!(
        store.plan_meeting(meeting(ids[1], "alee", 1, 0), "alee"),
        Err(StoreError::SlotTaken { .. })
    ));
    // New ids do not collide with old ones after a reopen.
    let (_, new_ids) = store
        .upsert_suppliers(vec![supplier("Epsilon", None)], "import")
        .unwrap();
    assert!(!ids.contains(&new_ids[0]) && new_ids[0] != m_id);
}

#[test]
fn a_second_open_in_the_same_process_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let _first = SledStore::open(dir.path()).unwrap();
    match SledStore::open(dir.path()) {
        Err(StoreError::Locked { path }) => {
            assert_eq!(path, dir.path());
            let msg = StoreError::Locked { path }.to_string();
            // Names the folder and what to do; no hint at a command that does not exist.
            assert!(msg.contains(&dir.path().display().to_string()), "{msg}");
            assert!(msg.contains("--store DIR"), "{msg}");
            assert!(!msg.contains("sourcing serve"), "{msg}");
        }
        Err(e) => panic!("expected Locked, got {e:?}"),
        Ok(_) => panic!("expected Locked, got a second store"),
    }
}

#[test]
fn a_newer_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = sled::open(dir.path().join(sourcing::store::sled::DB_DIR)).unwrap();
        let meta = db.open_tree("meta").unwrap();
        meta.insert("schema_version", &(SCHEMA_VERSION + 1).to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    match SledStore::open(dir.path()) {
        Err(StoreError::TooNew {
            found, supported, ..
        }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        Err(e) => panic!("expected TooNew, got {e:?}"),
        Ok(_) => panic!("expected TooNew, got a store"),
    }
}

#[test]
fn a_store_without_meta_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let s = Supplier {
        id: 41,
        ..supplier("Ancien Format", Some("01234567400019"))
    };
    {
        // A v0 store: data written, no meta tree.
        let db = sled::open(dir.path().join(sourcing::store::sled::DB_DIR)).unwrap();
        db.open_tree("suppliers")
            .unwrap()
            .insert(41u64.to_be_bytes(), serde_json::to_vec(&s).unwrap())
            .unwrap();
        db.flush().unwrap();
    }
    let store = SledStore::open(dir.path()).unwrap();
    assert_eq!(store.found_schema_version(), 0);
    assert_eq!(store.supplier(41).unwrap().unwrap().name, "Ancien Format");
    drop(store);
    let store = SledStore::open(dir.path()).unwrap();
    assert_eq!(store.found_schema_version(), SCHEMA_VERSION);
}
