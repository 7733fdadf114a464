//! One behaviour suite run on every `Store` implementation: the sled store and the
//! in-memory one must agree on ids, double-booking refusal, the journal written with
//! each change, validation, and the injected clock reaching every stamp.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::date;
use jiff::Timestamp;
use sourcing::domain::{
    Buyer, Entity, Event, ForumDay, Lot, Meeting, MeetingError, MeetingStatus, Need, NeedError,
    NextStep, Outcome, OutcomeError, Role, ShortlistEntry, Supplier, TriageStatus,
};
use sourcing::store::{
    Action, Clock, FixedClock, MemoryStore, Missing, SledStore, SlotConflict, Store, StoreError,
};
use std::ops::ControlFlow;
use std::sync::Arc;

/// An implementation under test: a fresh, empty store using `clock`.
type Make = fn(Arc<dyn Clock>) -> Arc<dyn Store>;

fn sled(clock: Arc<dyn Clock>) -> Arc<dyn Store> {
    Arc::new(SledStore::open_temporary_with(clock).unwrap())
}

fn memory(clock: Arc<dyn Clock>) -> Arc<dyn Store> {
    Arc::new(MemoryStore::new(clock))
}

const IMPLS: &[(&str, Make)] = &[("sled", sled), ("memory", memory)];

fn pinned() -> (Arc<FixedClock>, Timestamp) {
    let at: Timestamp = "2026-12-03T09:05:00Z".parse().unwrap();
    (Arc::new(FixedClock::new(at)), at)
}

fn each(test: impl Fn(&str, Arc<dyn Store>, &FixedClock)) {
    for (name, make) in IMPLS {
        let (clock, _) = pinned();
        let store = make(clock.clone());
        test(name, store, &clock);
    }
}

fn supplier(name: &str) -> Supplier {
    Supplier {
        name: name.into(),
        postcode: "93100".into(),
        city: "Montreuil".into(),
        ..Default::default()
    }
}

fn seed(store: &dyn Store) -> Vec<u64> {
    let (_, ids) = store
        .upsert_suppliers(
            vec![
                supplier("Alpha Énergie"),
                supplier("Bâti Vert"),
                supplier("Cèdre"),
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

fn outcome(meeting: u64, rating: u8) -> Outcome {
    Outcome {
        meeting,
        version: 0,
        next_step: NextStep::CallBack,
        rating: Some(rating),
        notes: "ok".into(),
        follow_up: None,
        follow_up_result: None,
        documents_given: Vec::new(),
        logged_by: String::new(),
        logged_at: Timestamp::UNIX_EPOCH,
    }
}

#[test]
fn a_pinned_clock_reaches_the_journal_the_outcome_and_the_held_meeting() {
    each(|name, store, clock| {
        let ids = seed(&*store);
        let m = store
            .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
            .unwrap();
        let start: Timestamp = "2026-12-03T10:19:00Z".parse().unwrap();
        clock.set(start);
        store
            .stamp_meeting(m.id, sourcing::domain::MeetingStamp::Start, "mdupuis")
            .unwrap();
        let later: Timestamp = "2026-12-03T10:40:00Z".parse().unwrap();
        clock.set(later);
        let held = store
            .stamp_meeting(m.id, sourcing::domain::MeetingStamp::End, "mdupuis")
            .unwrap();
        assert_eq!(held.status, MeetingStatus::Held, "{name}");
        assert_eq!(held.started_at, Some(start), "{name}");
        assert_eq!(held.ended_at, Some(later), "{name}");
        assert_eq!(held.real_minutes(), Some(21), "{name}");
        let o = store.log_outcome(outcome(m.id, 4), "mdupuis").unwrap();
        assert_eq!(o.logged_at, later, "{name}");
        assert_eq!(store.outcomes(m.id).unwrap()[0].logged_at, later, "{name}");
        let journal = store.journal().unwrap();
        assert_eq!(
            journal.len(),
            7,
            "{name}: import, day, plan, started, ended, held, outcome"
        );
        assert!(journal[..3].iter().all(|e| e.at == pinned().1), "{name}");
        assert_eq!(journal[3].at, start, "{name}");
        assert!(journal[4..].iter().all(|e| e.at == later), "{name}");
        let line = sourcing::i18n::store::Render::render(&journal[4], sourcing::i18n::Lang::Fr);
        assert!(line.ends_with("terminé à 11:40 (21 min)"), "{name}: {line}");
        // The store hands the same clock to the app.
        assert_eq!(store.clock().now(), later, "{name}");
    });
}

#[test]
fn ids_come_from_one_counter_and_are_never_zero() {
    each(|name, store, _| {
        let ids = seed(&*store);
        let need = store
            .save_need(
                Need {
                    title: "Rénovation".into(),
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
        let m = store
            .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
            .unwrap();
        let mut all = ids.clone();
        all.extend([need.id, m.id]);
        assert!(all.iter().all(|&i| i != 0), "{name}");
        let mut dedup = all.clone();
        dedup.sort_unstable();
        dedup.dedup();
        assert_eq!(dedup.len(), all.len(), "{name}: {all:?}");
        let seqs: Vec<u64> = store.journal().unwrap().iter().map(|e| e.seq).collect();
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{name}: {seqs:?}");
    });
}

#[test]
fn a_slot_is_booked_once_per_table_buyer_and_supplier() {
    each(|name, store, _| {
        let ids = seed(&*store);
        let first = store
            .plan_meeting(meeting(ids[0], "mdupuis", 2, 3), "mdupuis")
            .unwrap();
        let journal = store.journal().unwrap().len();
        let cases = [
            (
                meeting(ids[1], "alee", 2, 3),
                SlotConflict::Table("Table 2".into()),
            ),
            (
                meeting(ids[1], "mdupuis", 3, 3),
                SlotConflict::Buyer("mdupuis".into()),
            ),
            (
                meeting(ids[0], "alee", 3, 3),
                SlotConflict::Supplier {
                    id: ids[0],
                    name: "Alpha Énergie".into(),
                },
            ),
        ];
        for (m, expected) in cases {
            match store.plan_meeting(m, "alee") {
                Err(StoreError::SlotTaken { conflict, meeting }) => {
                    assert_eq!(conflict, expected, "{name}");
                    assert_eq!(meeting, first.id, "{name}");
                }
                other => panic!("{name}: expected SlotTaken, got {other:?}"),
            }
        }
        // A refused write journals nothing.
        assert_eq!(store.journal().unwrap().len(), journal, "{name}");
        // Another slot, or another day, is fine.
        store
            .plan_meeting(meeting(ids[1], "mdupuis", 2, 4), "mdupuis")
            .unwrap();
        let mut other_day = meeting(ids[0], "mdupuis", 2, 3);
        other_day.day = date(2026, 12, 4);
        other_day.start = sourcing::domain::forum::typical_start(date(2026, 12, 4), 3);
        store
            .save_forum_day(ForumDay::typical(date(2026, 12, 4)), "orga")
            .unwrap();
        store.plan_meeting(other_day, "mdupuis").unwrap();
        assert_eq!(store.meetings().unwrap().len(), 3, "{name}");
        // Cancelling frees the slot; un-cancelling is refused once it is retaken.
        store
            .set_meeting_status(first.id, MeetingStatus::Cancelled, "mdupuis")
            .unwrap();
        let retaken = store
            .plan_meeting(meeting(ids[1], "alee", 2, 3), "alee")
            .unwrap();
        let err = store
            .set_meeting_status(first.id, MeetingStatus::Planned, "mdupuis")
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::SlotTaken { meeting, conflict: SlotConflict::Table(t) } if *meeting == retaken.id && t == "Table 2"),
            "{name}: {err:?}"
        );
        let meetings = store.meetings().unwrap();
        let kept = meetings.iter().find(|m| m.id == first.id).unwrap();
        assert_eq!(kept.status, MeetingStatus::Cancelled, "{name}");
        // A no-show keeps its slot.
        store
            .set_meeting_status(retaken.id, MeetingStatus::NoShow, "alee")
            .unwrap();
        assert!(
            store
                .plan_meeting(meeting(ids[2], "bmartin", 2, 3), "bmartin")
                .is_err(),
            "{name}"
        );
    });
}

#[test]
fn the_domain_rules_are_checked_and_nothing_is_written_when_broken() {
    each(|name, store, _| {
        let ids = seed(&*store);
        let before = store.journal().unwrap().len();
        let err = store.save_need(Need::default(), "mdupuis").unwrap_err();
        assert_eq!(err, StoreError::from(NeedError::NoTitle), "{name}");
        let lots = Need {
            title: "Lots".into(),
            lots: vec![
                Lot {
                    number: 1,
                    ..Default::default()
                },
                Lot {
                    number: 1,
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        assert_eq!(
            store.save_need(lots, "mdupuis").unwrap_err(),
            StoreError::from(NeedError::LotNumbers),
            "{name}"
        );
        let mut no_buyer = meeting(ids[0], " ", 1, 0);
        no_buyer.buyers.clear();
        assert_eq!(
            store.plan_meeting(no_buyer, "mdupuis").unwrap_err(),
            StoreError::from(MeetingError::NoBuyer),
            "{name}"
        );
        let mut day = ForumDay::typical(date(2026, 12, 3));
        day.slot_minutes = 2;
        assert!(
            matches!(
                store.save_forum_day(day, "mdupuis"),
                Err(StoreError::Invalid(_))
            ),
            "{name}"
        );
        store
            .save_forum_day(ForumDay::typical(date(2026, 12, 3)), "mdupuis")
            .unwrap();
        let before_day = store.journal().unwrap().len();
        assert_eq!(before_day, before + 1, "{name}");
        let err = store
            .plan_meeting(meeting(ids[0], "mdupuis", 99, 0), "mdupuis")
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(_)) && err.to_string().contains("Table 6"),
            "{name}: {err:?}"
        );
        let m = store
            .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
            .unwrap();
        assert_eq!(
            store.log_outcome(outcome(m.id, 9), "mdupuis").unwrap_err(),
            StoreError::from(OutcomeError::Rating(9)),
            "{name}"
        );
        assert_eq!(store.journal().unwrap().len(), before_day + 1, "{name}");
    });
}

#[test]
fn missing_things_are_reported_by_kind() {
    each(|name, store, _| {
        let ids = seed(&*store);
        let nf = |e: StoreError| match e {
            StoreError::NotFound { what, .. } => what,
            other => panic!("{name}: expected NotFound, got {other:?}"),
        };
        assert_eq!(
            nf(store
                .plan_meeting(meeting(999_999, "mdupuis", 1, 0), "mdupuis")
                .unwrap_err()),
            Missing::Supplier
        );
        assert_eq!(
            nf(store
                .set_meeting_status(999_999, MeetingStatus::Held, "mdupuis")
                .unwrap_err()),
            Missing::Meeting
        );
        assert_eq!(
            nf(store.log_outcome(outcome(999_999, 3), "x").unwrap_err()),
            Missing::Meeting
        );
        let entry = ShortlistEntry {
            need: 999_999,
            supplier: ids[0],
            ..Default::default()
        };
        assert_eq!(
            nf(store.save_shortlist_entry(entry, "x").unwrap_err()),
            Missing::Need
        );
    });
}

#[test]
fn shortlist_and_outcome_versions_are_journalled_with_each_change() {
    each(|name, store, _| {
        let ids = seed(&*store);
        let need = store
            .save_need(
                Need {
                    title: "Lycées".into(),
                    lots: vec![Lot {
                        number: 1,
                        title: "Gros œuvre".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
        let entry = ShortlistEntry {
            need: need.id,
            lot: 2,
            supplier: ids[1],
            status: TriageStatus::ToMeet,
            ..Default::default()
        };
        assert!(
            matches!(
                store.save_shortlist_entry(entry.clone(), "mdupuis"),
                Err(StoreError::Invalid(_))
            ),
            "{name}"
        );
        let entry = ShortlistEntry { lot: 1, ..entry };
        store
            .save_shortlist_entry(entry.clone(), "mdupuis")
            .unwrap();
        store.save_shortlist_entry(entry, "mdupuis").unwrap();
        assert_eq!(store.shortlist(need.id).unwrap().len(), 1, "{name}");
        store
            .remove_shortlist_entry(need.id, 1, ids[1], "mdupuis")
            .unwrap();
        store
            .remove_shortlist_entry(need.id, 1, ids[1], "mdupuis")
            .unwrap();
        assert!(store.shortlist(need.id).unwrap().is_empty(), "{name}");
        let m = store
            .plan_meeting(meeting(ids[0], "mdupuis", 1, 0), "mdupuis")
            .unwrap();
        let v1 = store.log_outcome(outcome(m.id, 3), "mdupuis").unwrap();
        let v2 = store.log_outcome(outcome(m.id, 5), "alee").unwrap();
        assert_eq!((v1.version, v2.version), (1, 2), "{name}");
        assert_eq!(v2.logged_by, "alee", "{name}");
        assert_eq!(store.all_outcomes().unwrap().len(), 2, "{name}");
        let kinds: Vec<(Entity, String)> = store
            .journal()
            .unwrap()
            .into_iter()
            .map(|e| (e.entity, e.action))
            .collect();
        let expected: Vec<(Entity, String)> = [
            (Entity::Import, "import"),
            (Entity::ForumDay, "created"),
            (Entity::Need, "created"),
            (Entity::Shortlist, "created"),
            (Entity::Shortlist, "updated"),
            (Entity::Shortlist, "removed"),
            (Entity::Meeting, "created"),
            (Entity::Outcome, "created"),
            (Entity::Outcome, "version"),
        ]
        .into_iter()
        .map(|(e, a)| (e, a.to_string()))
        .collect();
        assert_eq!(kinds, expected, "{name}");
    });
}

#[test]
fn suppliers_are_read_by_id_by_page_or_as_a_stream() {
    each(|name, store, _| {
        let (_, ids) = store
            .upsert_suppliers(
                (0..25).map(|i| supplier(&format!("S{i:02}"))).collect(),
                "import",
            )
            .unwrap();
        let mut seen = Vec::new();
        store
            .for_each_supplier(&mut |s| {
                seen.push(s.id);
                if seen.len() == 10 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
            .unwrap();
        assert_eq!(seen, ids[..10], "{name}: the stream stops when told");
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = store.suppliers_page(after, 7).unwrap();
            if page.is_empty() {
                break;
            }
            assert!(page.len() <= 7, "{name}");
            after = page.last().map(|s| s.id);
            paged.extend(page.into_iter().map(|s| s.id));
        }
        assert_eq!(
            paged, ids,
            "{name}: pages cover every supplier once, in id order"
        );
        let picked = store.suppliers_by_id(&[ids[3], 999_999, ids[1]]).unwrap();
        let names: Vec<Option<String>> = picked.into_iter().map(|s| s.map(|s| s.name)).collect();
        assert_eq!(
            names,
            vec![Some("S03".into()), None, Some("S01".into())],
            "{name}"
        );
    });
}

#[test]
fn the_app_reads_the_store_clock() {
    use sourcing::app::services::Services;
    use sourcing::domain::{CpvCatalog, ThemeCatalog};
    each(|name, store, clock| {
        let services = Services::start(
            store,
            Arc::new(ThemeCatalog::default()),
            Arc::new(CpvCatalog::default()),
            None,
            std::time::Instant::now(),
        );
        assert_eq!((services.now)(), pinned().1, "{name}");
        let later: Timestamp = "2026-12-04T08:00:00Z".parse().unwrap();
        clock.set(later);
        assert_eq!((services.now)(), later, "{name}");
    });
}

#[test]
fn both_implementations_write_the_same_ids_and_journal() {
    use sourcing::i18n::store::Render;
    use sourcing::i18n::Lang;
    let run = |store: Arc<dyn Store>| {
        let ids = seed(&*store);
        store
            .save_forum_day(ForumDay::typical(date(2026, 12, 3)), "alee")
            .unwrap();
        let m = store
            .plan_meeting(meeting(ids[2], "mdupuis", 1, 1), "mdupuis")
            .unwrap();
        store
            .set_meeting_status(m.id, MeetingStatus::NoShow, "mdupuis")
            .unwrap();
        let mut s = store.supplier(ids[0]).unwrap().unwrap();
        s.city = "Pantin".into();
        store.upsert_suppliers(vec![s.clone()], "mdupuis").unwrap();
        // Unchanged: no event.
        store.upsert_suppliers(vec![s], "mdupuis").unwrap();
        let journal: Vec<(u64, Entity, String, String, String)> = store
            .journal()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e.seq,
                    e.entity,
                    e.action.clone(),
                    e.render(Lang::Fr),
                    e.render(Lang::En),
                )
            })
            .collect();
        (ids, m.id, journal, store.meetings().unwrap())
    };
    let (clock, _) = pinned();
    let a = run(sled(clock.clone()));
    let b = run(Arc::new(MemoryStore::new(clock)));
    assert_eq!(a, b);
    assert_eq!(a.2.len(), 6, "{:?}", a.2);
}

#[test]
fn the_access_list_is_changed_by_organisers_only_and_journaled() {
    each(|name, store, _| {
        let marie = Buyer {
            login: "mdupuis".into(),
            display_name: "Marie Dupuis".into(),
            service: "Direction des lycées".into(),
            role: Role::Buyer,
        };
        assert!(store.buyers().unwrap().is_empty(), "{name}");
        // The first entry of an empty list also makes its author an organiser.
        store.save_buyer(marie.clone(), "orga").unwrap();
        let list = store.buyers().unwrap();
        let logins: Vec<_> = list.iter().map(|b| (b.login.as_str(), b.role)).collect();
        assert_eq!(
            logins,
            [("mdupuis", Role::Buyer), ("orga", Role::Organiser)],
            "{name}"
        );
        // A buyer may not change the list; nothing is written.
        let before = store.journal().unwrap().len();
        let e = store
            .save_buyer(
                Buyer {
                    role: Role::Organiser,
                    ..marie.clone()
                },
                "mdupuis",
            )
            .unwrap_err();
        assert_eq!(
            e,
            StoreError::Denied {
                login: "mdupuis".into(),
                role: Some(Role::Buyer),
                action: Action::ChangeBuyers
            },
            "{name}"
        );
        assert!(store.remove_buyer("orga", "intrus").is_err(), "{name}");
        assert_eq!(store.journal().unwrap().len(), before, "{name}");
        // The organiser changes and removes entries; each change is journaled by name.
        store
            .save_buyer(
                Buyer {
                    role: Role::Observer,
                    ..marie.clone()
                },
                "orga",
            )
            .unwrap();
        assert_eq!(store.buyers().unwrap()[0].role, Role::Observer, "{name}");
        store.remove_buyer("mdupuis", "orga").unwrap();
        store.remove_buyer("mdupuis", "orga").unwrap();
        assert_eq!(store.buyers().unwrap().len(), 1, "{name}");
        let journal = store.journal().unwrap();
        let events: Vec<_> = journal.iter().filter_map(|e| e.event.clone()).collect();
        assert_eq!(events.len(), 4, "{name}: {events:?}");
        assert!(matches!(
            &events[3],
            Event::BuyerRemoved { display_name, .. } if display_name == "Marie Dupuis"
        ));
        assert!(journal.iter().all(|e| e.entity == Entity::Buyer));
    });
}

#[test]
fn a_lot_in_use_cannot_be_removed_until_its_entries_and_meetings_are_gone() {
    each(|name, store, _| {
        let ids = seed(&*store);
        let lot = |number: u32, title: &str| Lot {
            number,
            title: title.into(),
            cpv: vec![],
            description: String::new(),
        };
        let need = store
            .save_need(
                Need {
                    title: "Rénovation des lycées".into(),
                    owner: "mdupuis".into(),
                    lots: vec![lot(1, "Isolation"), lot(2, "Chauffage")],
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
        store
            .save_shortlist_entry(
                ShortlistEntry {
                    need: need.id,
                    lot: 2,
                    supplier: ids[0],
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
        let m = store
            .plan_meeting(
                Meeting {
                    need: Some(need.id),
                    lot: 2,
                    ..meeting(ids[1], "mdupuis", 1, 0)
                },
                "mdupuis",
            )
            .unwrap();
        let without_2 = Need {
            lots: vec![lot(1, "Isolation")],
            ..need.clone()
        };
        let journal = store.journal().unwrap().len();
        match store.save_need(without_2.clone(), "mdupuis") {
            Err(StoreError::Invalid(sourcing::domain::Invalid::Need(NeedError::LotInUse {
                lot: 2,
                entries: 1,
                meetings: 1,
                ..
            }))) => {}
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(store.needs().unwrap()[0].lots.len(), 2, "{name}: unchanged");
        assert_eq!(store.journal().unwrap().len(), journal, "{name}");
        // Lot 1 (unused) can go; lot 2 once its entry is removed and its meeting cancelled.
        store
            .save_need(
                Need {
                    lots: vec![lot(2, "Chauffage")],
                    ..need.clone()
                },
                "mdupuis",
            )
            .unwrap();
        store
            .remove_shortlist_entry(need.id, 2, ids[0], "mdupuis")
            .unwrap();
        store
            .set_meeting_status(m.id, MeetingStatus::Cancelled, "mdupuis")
            .unwrap();
        store
            .save_need(
                Need {
                    lots: vec![],
                    ..need.clone()
                },
                "mdupuis",
            )
            .unwrap();
        assert!(store.needs().unwrap()[0].lots.is_empty(), "{name}");
    });
}
