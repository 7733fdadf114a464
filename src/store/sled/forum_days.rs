//! Forum days (journées du forum): read all, create or edit (re-placing or refusing the
//! meetings that no longer fit), remove (cancelling its planned meetings).

use super::SledStore;
use crate::domain::forum::replan::{describe, replan, MeetingMove};
use crate::domain::text::clean_line;
use crate::domain::{Event, ForumDay, Meeting, MeetingStatus};
use crate::store::keys::{count_of, day_key, id_key, quota_keys, slot_keys};
use crate::store::tx::{abort, tx_decode, tx_encode, tx_err, tx_journal, tx_supplier_name};
use crate::store::Store;
use crate::store::{prepare, DayEdit, StoreError, StoreResult};
use sled::Transactional;

/// Every forum day, by date.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<ForumDay>> {
    SledStore::read_all(&s.trees.forum_days, "journée")
}

fn read_day(s: &SledStore, date: jiff::civil::Date) -> StoreResult<Option<ForumDay>> {
    match s
        .trees
        .forum_days
        .get(day_key(date))
        .map_err(crate::store::sled_error::sled_err)?
    {
        None => Ok(None),
        Some(v) => Ok(Some(crate::store::codec::decode(&v, &|| {
            format!("journée {date}")
        })?)),
    }
}

fn meetings_of(s: &SledStore, date: jiff::civil::Date) -> StoreResult<Vec<Meeting>> {
    let all: Vec<Meeting> = SledStore::read_all(&s.trees.meetings, "rendez-vous")?;
    Ok(all.into_iter().filter(|m| m.day == date).collect())
}

/// Creates or replaces a forum day; see [`crate::store::Store::edit_forum_day`]. Holds
/// the store's write lock exclusively, so no meeting is planned between the check and
/// the moves.
pub(super) fn save(
    s: &SledStore,
    mut day: ForumDay,
    on_misfit: DayEdit,
    actor: &str,
) -> StoreResult<Vec<MeetingMove>> {
    let _guard = s.exclusive_write();
    prepare::forum_day(&mut day)?;
    let old = read_day(s, day.date)?;
    // Registrations are written only by `save_registrations`: an edit made on a copy read
    // before an import keeps what the import wrote.
    day.registrations = old
        .as_ref()
        .map(|d| d.registrations.clone())
        .unwrap_or_default();
    let meetings = meetings_of(s, day.date)?;
    let displaced = replan(&day, &meetings);
    let moves = describe(&displaced, old.as_ref(), &day, &meetings, |m| {
        Ok::<_, StoreError>(
            s.supplier(m.supplier)?
                .map(|x| clean_line(&x.name))
                .unwrap_or_default(),
        )
    })?;
    if on_misfit.refuses(&moves) {
        return Err(StoreError::DayMisfits {
            day: day.date,
            meetings: moves,
        });
    }
    let t = &s.trees;
    (&t.forum_days, &t.meetings, &t.slots, &t.journal, &t.meta)
        .transaction(|(days, mtree, slots, jr, meta)| {
            let existed = days.insert(day_key(day.date), tx_encode(&day)?)?.is_some();
            // Free every old place first, then take the new ones: a meeting may move
            // into a place another one leaves.
            let mut moved = Vec::with_capacity(moves.len());
            for mv in &moves {
                let Some(v) = mtree.get(id_key(mv.meeting))? else {
                    continue;
                };
                let m: Meeting = tx_decode(&v, "rendez-vous", mv.meeting)?;
                for (k, _) in slot_keys(&m, "", "") {
                    slots.remove(k)?;
                }
                moved.push((mv, m));
            }
            for (mv, mut m) in moved {
                let Some(ev) = mv.apply(&day, &mut m) else {
                    continue;
                };
                for (k, _) in slot_keys(&m, "", "") {
                    slots.insert(k, &id_key(m.id))?;
                }
                mtree.insert(&id_key(m.id), tx_encode(&m)?)?;
                tx_journal(jr, meta, s.now(), actor, ev)?;
            }
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::forum_day_saved(&day, !existed),
            )?;
            Ok(())
        })
        .map_err(tx_err)?;
    s.flush()?;
    Ok(moves)
}

/// Removes a forum day, cancelling its planned meetings; see
/// [`crate::store::Store::remove_forum_day`].
pub(super) fn remove(s: &SledStore, date: jiff::civil::Date, actor: &str) -> StoreResult<usize> {
    let _guard = s.exclusive_write();
    if read_day(s, date)?.is_none() {
        return Err(StoreError::NoSuchDay { day: date });
    }
    let meetings = meetings_of(s, date)?;
    let held = meetings
        .iter()
        .filter(|m| matches!(m.status, MeetingStatus::Held | MeetingStatus::NoShow))
        .count();
    if held > 0 {
        return Err(StoreError::DayHeld { day: date, held });
    }
    let planned: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Planned)
        .collect();
    let t = &s.trees;
    (
        &t.forum_days,
        &t.meetings,
        &t.slots,
        &t.suppliers,
        &t.journal,
        &t.meta,
    )
        .transaction(|(days, mtree, slots, sup, jr, meta)| {
            if days.remove(day_key(date))?.is_none() {
                return abort(StoreError::NoSuchDay { day: date });
            }
            for m in &planned {
                let mut m = (*m).clone();
                for (k, _) in slot_keys(&m, "", "") {
                    slots.remove(k)?;
                }
                for (k, _) in quota_keys(&m) {
                    let n = count_of(slots.get(&k)?.as_deref()).saturating_sub(1);
                    slots.insert(k, &n.to_be_bytes())?;
                }
                m.status = MeetingStatus::Cancelled;
                mtree.insert(&id_key(m.id), tx_encode(&m)?)?;
                tx_journal(
                    jr,
                    meta,
                    s.now(),
                    actor,
                    Event::MeetingStatusChanged {
                        meeting: m.id,
                        supplier: m.supplier,
                        supplier_name: tx_supplier_name(sup, m.supplier)?,
                        from: MeetingStatus::Planned,
                        to: MeetingStatus::Cancelled,
                    },
                )?;
            }
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::ForumDayRemoved {
                    date,
                    cancelled: planned.len(),
                },
            )?;
            Ok(())
        })
        .map_err(tx_err)?;
    s.flush()?;
    Ok(planned.len())
}

/// Replaces a day's registrations; see [`crate::store::Store::save_registrations`].
pub(super) fn save_registrations(
    s: &SledStore,
    date: jiff::civil::Date,
    registrations: Vec<crate::domain::forum::Registration>,
    actor: &str,
) -> StoreResult<()> {
    let _guard = s.exclusive_write();
    let Some(mut day) = read_day(s, date)? else {
        return Err(StoreError::NoSuchDay { day: date });
    };
    let event = Event::RegistrationsSaved {
        date,
        registered: registrations.len(),
        before: day.registrations.len(),
    };
    day.registrations = registrations;
    let t = &s.trees;
    (&t.forum_days, &t.journal, &t.meta)
        .transaction(|(days, jr, meta)| {
            days.insert(day_key(date), tx_encode(&day)?)?;
            tx_journal(jr, meta, s.now(), actor, event.clone())?;
            Ok(())
        })
        .map_err(tx_err)?;
    s.flush()?;
    Ok(())
}
