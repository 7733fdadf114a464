//! What a change to a forum day does to its meetings: which no longer fit, and where the
//! nearest free slot for each would be. The store refuses the change with the list, or,
//! when the organiser confirms, applies the moves and journals each one.

use super::{ForumDay, TableId};
use crate::domain::meeting::{Meeting, MeetingId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Where a meeting sits: the instant its slot starts and its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// Slot start (UTC instant; shown in Europe/Paris).
    pub start: Timestamp,
    /// Table id within the day.
    pub table: TableId,
}

/// Why a meeting no longer fits the edited day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Misfit {
    /// No slot of the new day starts when it does (hours, slot length or a break changed).
    SlotGone,
    /// Its table was removed.
    TableGone,
}

/// One meeting that no longer fits, and where it would go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Displaced {
    /// The meeting.
    pub meeting: MeetingId,
    /// Why it does not fit.
    pub why: Misfit,
    /// Where it is now.
    pub from: Placement,
    /// The nearest free slot and table (same table first), None when the day has none left.
    pub to: Option<Placement>,
}

/// A displaced meeting as people read it: names, not ids (the id is for the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingMove {
    /// The meeting.
    pub meeting: MeetingId,
    /// The supplier's name.
    pub supplier: String,
    /// The buyers' logins.
    pub buyers: Vec<String>,
    /// Why it does not fit.
    pub why: Misfit,
    /// Slot start before.
    pub from_start: Timestamp,
    /// Table's name before.
    pub from_table: String,
    /// Slot start and table name it goes to; None when the day has no free slot for it.
    pub to: Option<(Timestamp, String)>,
}

/// The meetings of `day.date` that the new `day` would displace (planned, held or no-show
/// ones; cancelled meetings hold no slot), each with its nearest free placement: the free
/// slot closest in time to its old start, its own table first, with its table, its buyers
/// and its supplier all free then. Placements are given in order of the old start, each
/// taking its slot before the next is placed. Empty when every meeting still fits.
pub fn replan(day: &ForumDay, meetings: &[Meeting]) -> Vec<Displaced> {
    let slots = day.slots();
    let starts: HashSet<Timestamp> = slots.iter().map(|s| s.start).collect();
    let mine: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| m.day == day.date && m.occupies_slot())
        .collect();
    let mut taken = Taken::default();
    let mut misfits: Vec<(&Meeting, Misfit)> = Vec::new();
    for m in &mine {
        if !starts.contains(&m.start) {
            misfits.push((m, Misfit::SlotGone));
        } else if day.table(m.table).is_none() {
            misfits.push((m, Misfit::TableGone));
        } else {
            taken.take(m, m.start, m.table);
        }
    }
    misfits.sort_by_key(|(m, _)| (m.start, m.id));
    let mut out = Vec::new();
    for (m, why) in misfits {
        let mut options: Vec<(i64, bool, usize, Placement)> = Vec::new();
        for s in &slots {
            let gap = (s.start.as_second() - m.start.as_second()).abs();
            for (ti, t) in day.tables.iter().enumerate() {
                if taken.free(m, s.start, t.id) {
                    options.push((
                        gap,
                        t.id != m.table,
                        ti,
                        Placement {
                            start: s.start,
                            table: t.id,
                        },
                    ));
                }
            }
        }
        options.sort_by_key(|o| (o.0, o.1, o.2, o.3.start));
        let to = options.first().map(|o| o.3);
        if let Some(p) = to {
            taken.take(m, p.start, p.table);
        }
        out.push(Displaced {
            meeting: m.id,
            why,
            from: Placement {
                start: m.start,
                table: m.table,
            },
            to,
        });
    }
    out
}

/// The moves `replan` found, as people read them: supplier names from `supplier_name`
/// (which may fail, e.g. on a store read), table names from `old` (the day as stored,
/// None for a new day) and the new `day`. Meetings not in `meetings` are skipped.
pub fn describe<E>(
    displaced: &[Displaced],
    old: Option<&ForumDay>,
    day: &ForumDay,
    meetings: &[Meeting],
    mut supplier_name: impl FnMut(&Meeting) -> Result<String, E>,
) -> Result<Vec<MeetingMove>, E> {
    let mut out = Vec::with_capacity(displaced.len());
    for d in displaced {
        let Some(m) = meetings.iter().find(|m| m.id == d.meeting) else {
            continue;
        };
        out.push(MeetingMove {
            meeting: m.id,
            supplier: supplier_name(m)?,
            buyers: m.buyers.clone(),
            why: d.why,
            from_start: d.from.start,
            from_table: old
                .map(|o| o.table_name(d.from.table).to_string())
                .unwrap_or_default(),
            to: d.to.map(|p| (p.start, day.table_name(p.table).to_string())),
        });
    }
    Ok(out)
}

impl MeetingMove {
    /// Moves `m` (the meeting this move is for) to its new place in `day` and returns the
    /// journal event saying so; None (and `m` untouched) when the move has no place.
    pub fn apply(&self, day: &ForumDay, m: &mut Meeting) -> Option<crate::domain::Event> {
        let (to_start, to_table) = self.to.as_ref()?;
        let table = day.table_by_name(to_table)?.id;
        m.start = *to_start;
        m.table = table;
        Some(crate::domain::Event::MeetingMoved {
            meeting: m.id,
            supplier: m.supplier,
            supplier_name: Some(self.supplier.clone()),
            day: m.day,
            from_start: self.from_start,
            from_table: self.from_table.clone(),
            to_start: *to_start,
            to_table: to_table.clone(),
        })
    }
}

/// What is booked at each slot start: tables, buyers, suppliers.
#[derive(Default)]
struct Taken {
    tables: HashSet<(Timestamp, TableId)>,
    buyers: HashSet<(Timestamp, String)>,
    suppliers: HashSet<(Timestamp, u64)>,
}

impl Taken {
    fn take(&mut self, m: &Meeting, start: Timestamp, table: TableId) {
        self.tables.insert((start, table));
        for b in &m.buyers {
            self.buyers.insert((start, b.clone()));
        }
        self.suppliers.insert((start, m.supplier));
    }

    fn free(&self, m: &Meeting, start: Timestamp, table: TableId) -> bool {
        !self.tables.contains(&(start, table))
            && !self.suppliers.contains(&(start, m.supplier))
            && !m
                .buyers
                .iter()
                .any(|b| self.buyers.contains(&(start, b.clone())))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::domain::forum::{numbered_tables, Table};
    use crate::domain::meeting::MeetingStatus;
    use jiff::civil::{date, Time};

    fn day() -> ForumDay {
        ForumDay::typical(date(2026, 12, 3))
    }

    fn meeting(
        id: u64,
        d: &ForumDay,
        slot: usize,
        table: TableId,
        buyer: &str,
        supplier: u64,
    ) -> Meeting {
        Meeting {
            id,
            supplier,
            buyers: vec![buyer.into()],
            day: d.date,
            start: d.slots()[slot].start,
            table,
            ..Default::default()
        }
    }

    #[test]
    fn nothing_moves_when_every_meeting_still_fits() {
        let d = day();
        let ms = vec![
            meeting(1, &d, 0, 1, "marie", 10),
            meeting(2, &d, 19, 6, "marie", 11),
        ];
        let mut wider = d.clone();
        wider.tables.push(Table::named(7, "Table 7"));
        assert!(replan(&wider, &ms).is_empty());
    }

    #[test]
    fn a_removed_table_sends_its_meeting_to_a_free_table_in_the_same_slot() {
        let d = day();
        let ms = vec![
            meeting(1, &d, 3, 6, "marie", 10),
            meeting(2, &d, 3, 1, "paul", 11),
        ];
        let mut fewer = d.clone();
        fewer.tables = numbered_tables(5);
        let r = replan(&fewer, &ms);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].meeting, 1);
        assert_eq!(r[0].why, Misfit::TableGone);
        // Table 1 is taken by Paul at that slot: Table 2 is the first free one.
        assert_eq!(
            r[0].to,
            Some(Placement {
                start: d.slots()[3].start,
                table: 2
            })
        );
    }

    #[test]
    fn a_longer_slot_moves_meetings_to_the_nearest_start_keeping_buyers_free() {
        let d = day();
        // 09:20 and 09:40 with the same buyer; with 30-minute slots only 09:00, 09:30 … exist.
        let ms = vec![
            meeting(1, &d, 1, 1, "marie", 10),
            meeting(2, &d, 2, 1, "marie", 11),
        ];
        let mut longer = d.clone();
        longer.slot_minutes = 30;
        let r = replan(&longer, &ms);
        assert_eq!(r.len(), 2);
        let hm = |p: &Option<Placement>| crate::domain::forum::local_hm(p.unwrap().start);
        // 09:20 → 09:30 (10 min away), then 09:40 → 09:30 is Marie's: 10:00.
        assert_eq!(hm(&r[0].to), "09:30");
        assert_eq!(r[0].to.unwrap().table, 1);
        assert_eq!(hm(&r[1].to), "10:00");
        assert!(r.iter().all(|d| d.why == Misfit::SlotGone));
    }

    #[test]
    fn cancelled_meetings_and_other_days_are_left_alone_and_a_full_day_says_so() {
        let d = day();
        let mut cancelled = meeting(1, &d, 0, 1, "marie", 10);
        cancelled.status = MeetingStatus::Cancelled;
        let mut other_day = meeting(2, &d, 0, 1, "marie", 10);
        other_day.day = date(2026, 12, 4);
        let mut tiny = d.clone();
        tiny.opens = Time::constant(9, 0, 0, 0);
        tiny.closes = Time::constant(9, 20, 0, 0);
        tiny.breaks.clear();
        tiny.tables = numbered_tables(1);
        let held = meeting(3, &d, 5, 1, "paul", 12);
        let blocker = meeting(4, &d, 0, 1, "jean", 13);
        let r = replan(&tiny, &[cancelled, other_day, held, blocker]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].meeting, 3);
        assert_eq!(r[0].to, None, "the only slot and table is taken");
    }
}
