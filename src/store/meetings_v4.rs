//! Migration v3 → v4: meetings keep the instant their slot starts and a stable table id
//! instead of a slot index and a table name; forum days get table ids; the `slots` tree
//! is rebuilt with the new keys and the day's quota counters.
//!
//! Nothing moves: the old index meant "opening + index × slot length" on the day's grid,
//! and that is the instant kept. Days now start the afternoon's slots when a break ends;
//! where a break ended off the old grid (lunch 12:30–13:30 with 20-minute slots from 9:00,
//! whose afternoon began at 13:40), the break is extended to the next grid point
//! (13:40), so every stored day keeps exactly the slots it had. An organiser may then
//! shorten it with `sourcing day edit`, which re-places the meetings it concerns.
//! A meeting whose day was never stored gets the typical day it was planned on (the only
//! day the interface made); a table name the day does not list is added to it.

use super::keys::{count_of, day_key, id_key, quota_keys, slot_keys};
use super::sled_error::sled_err;
use super::trees::Trees;
use super::{StoreError, StoreResult};
use crate::domain::forum::{Break, Table};
use crate::domain::{ForumDay, Meeting};
use jiff::civil::{Date, Time};
use serde_json::Value;
use std::collections::BTreeMap;

/// Runs the migration (idempotent: meetings already in v4 shape are kept as they are).
pub(crate) fn v3_to_v4(trees: &Trees) -> StoreResult<()> {
    let mut days: BTreeMap<Date, ForumDay> = BTreeMap::new();
    for kv in trees.forum_days.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        let day: ForumDay = super::codec::decode(&v, &|| format!("journée (clé {k:?})"))?;
        days.insert(day.date, align_breaks(day));
    }
    let mut meetings: Vec<Meeting> = Vec::new();
    for kv in trees.meetings.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        let what = || format!("rendez-vous (clé {k:?})");
        let mut raw: Value = serde_json::from_slice(&v)
            .map_err(|e| StoreError::Corrupt(format!("{} : {e}", what())))?;
        if let Some(obj) = raw.as_object_mut() {
            if !obj.contains_key("start") {
                let date: Date = obj
                    .get("day")
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| StoreError::Corrupt(format!("{} : jour illisible", what())))?;
                let index = obj.get("slot").and_then(Value::as_u64).unwrap_or(0);
                let name = obj
                    .get("table")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let day = days
                    .entry(date)
                    .or_insert_with(|| align_breaks(ForumDay::typical(date)));
                let start = old_slot_start(day, index);
                let table = table_id(day, &name);
                obj.remove("slot");
                obj.insert("start".into(), Value::String(start.to_string()));
                obj.insert("table".into(), Value::from(table));
            }
        }
        let m: Meeting = serde_json::from_value(raw)
            .map_err(|e| StoreError::Corrupt(format!("{} : {e}", what())))?;
        meetings.push(m);
    }
    for day in days.values() {
        trees
            .forum_days
            .insert(day_key(day.date), super::codec::encode(day)?)
            .map_err(sled_err)?;
    }
    trees.slots.clear().map_err(sled_err)?;
    for m in &meetings {
        trees
            .meetings
            .insert(id_key(m.id), super::codec::encode(m)?)
            .map_err(sled_err)?;
        if !m.occupies_slot() {
            continue;
        }
        for (k, _) in slot_keys(m, "", "") {
            trees.slots.insert(k, &id_key(m.id)).map_err(sled_err)?;
        }
        for (k, _) in quota_keys(m) {
            let n = count_of(trees.slots.get(&k).map_err(sled_err)?.as_deref());
            trees
                .slots
                .insert(k, &(n + 1).to_be_bytes())
                .map_err(sled_err)?;
        }
    }
    Ok(())
}

/// The instant slot `index` started under schema v3: opening + index × slot length, on
/// the day's civil clock.
fn old_slot_start(day: &ForumDay, index: u64) -> jiff::Timestamp {
    let minutes = minutes(day.opens) + index.saturating_mul(u64::from(day.slot_minutes.max(5)));
    let t = from_minutes(minutes);
    day.instant(t).unwrap_or_default()
}

/// The id of the table named `name` on `day`, adding it when the day does not list it.
fn table_id(day: &mut ForumDay, name: &str) -> u32 {
    if let Some(t) = day.tables.iter().find(|t| t.name == name) {
        return t.id;
    }
    let id = day.next_table_id();
    let name = if name.trim().is_empty() {
        format!("Table {id}")
    } else {
        name.to_string()
    };
    day.tables.push(Table::named(id, &name));
    id
}

/// Extends each break's end to the next point of the day's slot grid, so that slots
/// resuming at a break's end fall where v3 put them.
fn align_breaks(mut day: ForumDay) -> ForumDay {
    let open = minutes(day.opens);
    let step = u64::from(day.slot_minutes.max(5));
    let close = minutes(day.closes);
    day.breaks = day
        .breaks
        .iter()
        .map(|b| {
            let end = minutes(b.end);
            let aligned = if end > open {
                open + (end - open).div_ceil(step) * step
            } else {
                end
            };
            Break {
                end: from_minutes(aligned.min(close)),
                ..b.clone()
            }
        })
        .collect();
    day
}

fn minutes(t: Time) -> u64 {
    u64::try_from(i64::from(t.hour()) * 60 + i64::from(t.minute())).unwrap_or(0)
}

fn from_minutes(m: u64) -> Time {
    let m = m.min(24 * 60 - 1);
    Time::new((m / 60) as i8, (m % 60) as i8, 0, 0).unwrap_or(Time::midnight())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::domain::forum::local_hm;
    use jiff::civil::date;

    fn trees() -> (sled::Db, Trees) {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let t = Trees::open(&db).unwrap();
        (db, t)
    }

    #[test]
    fn v3_meetings_keep_their_time_and_table_and_the_day_its_slots() {
        let (_db, t) = trees();
        // A v3 typical day (tables as names) and three v3 meetings: one after lunch, one
        // at a table the day does not list, one on a day never stored.
        t.forum_days
            .insert(
                b"2026-12-03",
                br#"{"date":"2026-12-03","opens":"09:00:00","closes":"17:00:00","slot_minutes":20,
                "breaks":[{"start":"12:30:00","end":"13:30:00"}],"tables":["Table 1","Table 2"]}"#
                    .as_slice(),
            )
            .unwrap();
        let old = |id: u64, day: &str, slot: u32, table: &str, status: &str| {
            format!(
                r#"{{"id":{id},"supplier":7,"buyers":["marie"],"need":null,"lot":0,"day":"{day}",
                "slot":{slot},"table":"{table}","status":"{status}","started_at":null,"ended_at":null}}"#
            )
        };
        t.meetings
            .insert(
                id_key(1),
                old(1, "2026-12-03", 14, "Table 2", "planned").as_bytes(),
            )
            .unwrap();
        t.meetings
            .insert(
                id_key(2),
                old(2, "2026-12-03", 0, "Salle Seine", "held").as_bytes(),
            )
            .unwrap();
        t.meetings
            .insert(
                id_key(3),
                old(3, "2026-12-04", 2, "Table 4", "cancelled").as_bytes(),
            )
            .unwrap();
        t.slots
            .insert(b"2026-12-03/0000000014/table:Table 2", &id_key(1))
            .unwrap();

        v3_to_v4(&t).unwrap();
        v3_to_v4(&t).unwrap(); // idempotent

        let get = |id: u64| -> Meeting {
            serde_json::from_slice(&t.meetings.get(id_key(id)).unwrap().unwrap()).unwrap()
        };
        let day: ForumDay =
            serde_json::from_slice(&t.forum_days.get(b"2026-12-03").unwrap().unwrap()).unwrap();
        let m1 = get(1);
        assert_eq!(local_hm(m1.start), "13:40", "slot 14 of the old grid");
        assert_eq!(day.table_name(m1.table), "Table 2");
        assert!(
            day.slot_at(m1.start).is_some(),
            "still on one of the day's slots"
        );
        assert_eq!(day.breaks[0].end, Time::constant(13, 40, 0, 0));
        assert_eq!(day.slots().len(), 20, "the day kept its 20 slots");
        let m2 = get(2);
        assert_eq!(day.table_name(m2.table), "Salle Seine");
        assert_eq!(day.tables.len(), 3);
        let m3 = get(3);
        assert_eq!(local_hm(m3.start), "09:40");
        let other: ForumDay =
            serde_json::from_slice(&t.forum_days.get(b"2026-12-04").unwrap().unwrap()).unwrap();
        assert_eq!(other.table_name(m3.table), "Table 4");
        assert_eq!(other.date, date(2026, 12, 4));
        // Slots rebuilt: the old key is gone, the two meetings holding a slot have theirs,
        // the cancelled one none; the quota counters count them once.
        assert!(t
            .slots
            .get(b"2026-12-03/0000000014/table:Table 2")
            .unwrap()
            .is_none());
        let holders: Vec<u64> = t
            .slots
            .iter()
            .filter_map(|kv| kv.ok())
            .filter(|(k, _)| !k.windows(6).any(|w| w == b"quota/"))
            .filter_map(|(_, v)| crate::store::keys::key_id(&v))
            .collect();
        assert_eq!(
            holders.len(),
            6,
            "table, buyer, supplier for meetings 1 and 2"
        );
        assert!(!holders.contains(&3));
        let supplier_count = t.slots.get(b"2026-12-03/quota/supplier:7").unwrap();
        assert_eq!(count_of(supplier_count.as_deref()), 2);
    }
}
