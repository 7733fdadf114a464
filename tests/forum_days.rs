//! Editing and removing forum days that hold meetings, on every `Store` implementation:
//! a change that would leave meetings outside the new slots or tables is refused with
//! their list, or moves each to its nearest free slot and journals the move; removing a
//! day cancels its planned meetings (journaled), never deletes them; quotas hold.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::{date, time, Date};
use sourcing::domain::forum::replan::Misfit;
use sourcing::domain::forum::{numbered_tables, Table};
use sourcing::domain::{Event, ForumDay, Meeting, MeetingStatus, Supplier};
use sourcing::store::{DayEdit, MemoryStore, SledStore, Store, StoreError};
use std::sync::Arc;

fn stores() -> Vec<(&'static str, Arc<dyn Store>)> {
    vec![
        ("sled", Arc::new(SledStore::open_temporary().unwrap())),
        ("memory", Arc::new(MemoryStore::default())),
    ]
}

fn day_of() -> Date {
    date(2026, 12, 3)
}

/// Three suppliers and the typical day (09:00–17:00, 20 min, lunch 12:30–13:30, six
/// tables); returns the supplier ids.
fn seed(store: &dyn Store) -> Vec<u64> {
    let (_, ids) = store
        .upsert_suppliers(
            ["Alpha Énergie", "Bâti Vert", "Cèdre"]
                .iter()
                .map(|n| Supplier {
                    name: (*n).into(),
                    ..Default::default()
                })
                .collect(),
            "import",
        )
        .unwrap();
    store
        .save_forum_day(ForumDay::typical(day_of()), "orga")
        .unwrap();
    ids
}

fn at(hour: i8, minute: i8) -> jiff::Timestamp {
    ForumDay::typical(day_of())
        .instant(time(hour, minute, 0, 0))
        .unwrap()
}

fn plan(store: &dyn Store, supplier: u64, buyer: &str, h: i8, m: i8, table: u32) -> Meeting {
    store
        .plan_meeting(
            Meeting {
                supplier,
                buyers: vec![buyer.into()],
                day: day_of(),
                start: at(h, m),
                table,
                ..Default::default()
            },
            buyer,
        )
        .unwrap()
}

fn the_day(store: &dyn Store) -> ForumDay {
    store
        .forum_days()
        .unwrap()
        .into_iter()
        .find(|d| d.date == day_of())
        .unwrap()
}

#[test]
fn a_longer_slot_is_refused_with_the_meetings_it_would_displace_and_nothing_changes() {
    for (name, store) in stores() {
        let ids = seed(&*store);
        let kept = plan(&*store, ids[0], "marie", 9, 0, 1);
        let off = plan(&*store, ids[1], "paul", 9, 20, 2);
        let journal = store.journal().unwrap().len();
        let mut longer = the_day(&*store);
        longer.slot_minutes = 30;
        match store.edit_forum_day(longer, DayEdit::Refuse, "orga") {
            Err(StoreError::DayMisfits { day, meetings }) => {
                assert_eq!(day, day_of(), "{name}");
                assert_eq!(meetings.len(), 1, "{name}: {meetings:?}");
                assert_eq!(meetings[0].meeting, off.id, "{name}");
                assert_eq!(meetings[0].supplier, "Bâti Vert", "{name}");
                assert_eq!(meetings[0].why, Misfit::SlotGone, "{name}");
                assert_eq!(meetings[0].from_table, "Table 2", "{name}");
                // The nearest free 30-minute slot at its own table: 09:30.
                assert_eq!(
                    meetings[0].to,
                    Some((at(9, 30), "Table 2".to_string())),
                    "{name}"
                );
            }
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(the_day(&*store).slot_minutes, 20, "{name}: day unchanged");
        assert_eq!(store.journal().unwrap().len(), journal, "{name}");
        let ms = store.meetings().unwrap();
        assert!(ms.contains(&kept) && ms.contains(&off), "{name}");
    }
}

#[test]
fn a_confirmed_edit_moves_each_meeting_to_the_nearest_free_slot_and_journals_it() {
    for (name, store) in stores() {
        let ids = seed(&*store);
        plan(&*store, ids[0], "marie", 9, 0, 1);
        let off = plan(&*store, ids[1], "paul", 9, 20, 2);
        let mut longer = the_day(&*store);
        longer.slot_minutes = 30;
        let moves = store.edit_forum_day(longer, DayEdit::Move, "orga").unwrap();
        assert_eq!(moves.len(), 1, "{name}");
        let moved = store
            .meetings()
            .unwrap()
            .into_iter()
            .find(|m| m.id == off.id)
            .unwrap();
        assert_eq!((moved.start, moved.table), (at(9, 30), 2), "{name}");
        assert_eq!(moved.status, MeetingStatus::Planned, "{name}");
        assert_eq!(the_day(&*store).slot_minutes, 30, "{name}");
        let journal = store.journal().unwrap();
        assert!(
            journal.iter().any(|e| matches!(
                &e.event,
                Some(Event::MeetingMoved { meeting, to_table, .. })
                    if *meeting == off.id && to_table == "Table 2"
            )),
            "{name}: {journal:?}"
        );
        // The old place is free again and the new one is taken.
        let mut again = off.clone();
        again.id = 0;
        again.supplier = ids[2];
        again.buyers = vec!["lea".into()];
        again.start = at(9, 30);
        assert!(
            matches!(
                store.plan_meeting(again, "lea"),
                Err(StoreError::SlotTaken { .. })
            ),
            "{name}"
        );
    }
}

#[test]
fn removing_a_table_refuses_then_moves_its_meetings_and_renaming_keeps_them() {
    for (name, store) in stores() {
        let ids = seed(&*store);
        let m = plan(&*store, ids[0], "marie", 10, 0, 6);
        let mut renamed = the_day(&*store);
        renamed.tables[5].name = "Salle Seine".into();
        assert!(store
            .edit_forum_day(renamed, DayEdit::Refuse, "orga")
            .unwrap()
            .is_empty());
        let stored = store.meetings().unwrap();
        assert_eq!(stored[0].table, 6, "{name}: the id stays");
        assert_eq!(the_day(&*store).table_name(6), "Salle Seine", "{name}");

        let mut fewer = the_day(&*store);
        fewer.tables.truncate(5);
        match store.edit_forum_day(fewer.clone(), DayEdit::Refuse, "orga") {
            Err(StoreError::DayMisfits { meetings, .. }) => {
                assert_eq!(meetings[0].why, Misfit::TableGone, "{name}");
                assert_eq!(meetings[0].from_table, "Salle Seine", "{name}");
                assert_eq!(meetings[0].to.as_ref().unwrap().0, m.start, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
        store.edit_forum_day(fewer, DayEdit::Move, "orga").unwrap();
        let moved = &store.meetings().unwrap()[0];
        assert_eq!(moved.start, m.start, "{name}: same slot, another table");
        assert!((1..=5).contains(&moved.table), "{name}");
    }
}

#[test]
fn a_day_with_no_room_left_is_refused_even_when_moving() {
    for (name, store) in stores() {
        let ids = seed(&*store);
        let mut small = the_day(&*store);
        small.tables = numbered_tables(1);
        small.closes = time(9, 40, 0, 0);
        small.breaks.clear();
        store
            .edit_forum_day(small.clone(), DayEdit::Refuse, "orga")
            .unwrap();
        plan(&*store, ids[0], "marie", 9, 0, 1);
        plan(&*store, ids[1], "paul", 9, 20, 1);
        small.closes = time(9, 20, 0, 0);
        match store.edit_forum_day(small, DayEdit::Move, "orga") {
            Err(StoreError::DayMisfits { meetings, .. }) => {
                assert_eq!(meetings.len(), 1, "{name}");
                assert_eq!(meetings[0].to, None, "{name}: nowhere to go");
            }
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(store.meetings().unwrap().len(), 2, "{name}");
    }
}

#[test]
fn removing_a_day_cancels_its_planned_meetings_and_journals_it() {
    for (name, store) in stores() {
        let ids = seed(&*store);
        let a = plan(&*store, ids[0], "marie", 9, 0, 1);
        let b = plan(&*store, ids[1], "paul", 9, 0, 2);
        assert_eq!(
            store.remove_forum_day(day_of(), "orga").unwrap(),
            2,
            "{name}"
        );
        assert!(store.forum_days().unwrap().is_empty(), "{name}");
        let ms = store.meetings().unwrap();
        assert_eq!(ms.len(), 2, "{name}: kept, not deleted");
        assert!(
            ms.iter().all(|m| m.status == MeetingStatus::Cancelled),
            "{name}"
        );
        let journal = store.journal().unwrap();
        for id in [a.id, b.id] {
            assert!(
                journal.iter().any(|e| matches!(
                    &e.event,
                    Some(Event::MeetingStatusChanged { meeting, to: MeetingStatus::Cancelled, .. })
                        if *meeting == id
                )),
                "{name}"
            );
        }
        assert!(
            journal
                .iter()
                .any(|e| matches!(&e.event, Some(Event::ForumDayRemoved { cancelled: 2, .. }))),
            "{name}"
        );
        assert!(
            matches!(
                store.remove_forum_day(day_of(), "orga"),
                Err(StoreError::NoSuchDay { .. })
            ),
            "{name}"
        );
    }
}

#[test]
fn a_day_with_held_meetings_cannot_be_removed() {
    for (name, store) in stores() {
        let ids = seed(&*store);
        let m = plan(&*store, ids[0], "marie", 9, 0, 1);
        store
            .set_meeting_status(m.id, MeetingStatus::Held, "marie")
            .unwrap();
        assert!(
            matches!(
                store.remove_forum_day(day_of(), "orga"),
                Err(StoreError::DayHeld { held: 1, .. })
            ),
            "{name}"
        );
        assert_eq!(store.forum_days().unwrap().len(), 1, "{name}");
    }
}

#[test]
fn quotas_per_supplier_and_per_buyer_are_enforced_and_freed_by_cancelling() {
    for (name, store) in stores() {
        let ids = seed(&*store);
        let mut day = the_day(&*store);
        day.max_per_supplier = Some(1);
        day.max_per_buyer = Some(2);
        day.tables.push(Table::named(7, "Table 7"));
        store.edit_forum_day(day, DayEdit::Refuse, "orga").unwrap();
        let first = plan(&*store, ids[0], "marie", 9, 0, 1);
        let again = Meeting {
            supplier: ids[0],
            buyers: vec!["paul".into()],
            day: day_of(),
            start: at(9, 20),
            table: 2,
            ..Default::default()
        };
        assert!(
            matches!(
                store.plan_meeting(again.clone(), "paul"),
                Err(StoreError::QuotaReached { max: 1, .. })
            ),
            "{name}"
        );
        plan(&*store, ids[1], "marie", 9, 20, 1);
        let third = Meeting {
            supplier: ids[2],
            buyers: vec!["marie".into()],
            day: day_of(),
            start: at(9, 40),
            table: 1,
            ..Default::default()
        };
        assert!(
            matches!(
                store.plan_meeting(third, "marie"),
                Err(StoreError::QuotaReached { max: 2, .. })
            ),
            "{name}"
        );
        store
            .set_meeting_status(first.id, MeetingStatus::Cancelled, "marie")
            .unwrap();
        store.plan_meeting(again, "paul").unwrap();
    }
}

#[test]
fn a_closed_need_takes_no_new_meeting_nor_one_for_a_lot_it_lacks() {
    use sourcing::domain::{Lot, Need, NeedError, NeedStatus};
    for (name, store) in stores() {
        let ids = seed(&*store);
        let need = store
            .save_need(
                Need {
                    title: "Mobilier scolaire".into(),
                    lots: vec![Lot {
                        number: 1,
                        title: "Tables".into(),
                        cpv: vec![],
                        description: String::new(),
                    }],
                    status: NeedStatus::Open,
                    ..Default::default()
                },
                "marie",
            )
            .unwrap();
        let for_lot = |lot: u32, h: i8| Meeting {
            supplier: ids[0],
            buyers: vec!["marie".into()],
            need: Some(need.id),
            lot,
            day: day_of(),
            start: at(h, 0),
            table: 1,
            ..Default::default()
        };
        assert!(
            matches!(
                store.plan_meeting(for_lot(7, 9), "marie"),
                Err(StoreError::Invalid(sourcing::domain::Invalid::Need(
                    NeedError::NoSuchLot { lot: 7, .. }
                )))
            ),
            "{name}"
        );
        store.plan_meeting(for_lot(1, 9), "marie").unwrap();
        let mut closed = need.clone();
        closed.status = NeedStatus::Closed;
        store.save_need(closed, "marie").unwrap();
        assert!(
            matches!(
                store.plan_meeting(for_lot(1, 10), "marie"),
                Err(StoreError::Invalid(sourcing::domain::Invalid::Need(
                    NeedError::Closed { .. }
                )))
            ),
            "{name}"
        );
        assert_eq!(store.meetings().unwrap().len(), 1, "{name}");
    }
}
