//! Meetings (rendez-vous): read, plan (refusing a double booking), change status.

use super::SledStore;
use crate::domain::{Event, ForumDay, Meeting, MeetingId, MeetingStatus};
use crate::store::codec::decode;
use crate::store::keys::{count_of, day_key, id_key, key_id, quota_keys, slot_keys, QuotaHolder};
use crate::store::tx::{
    abort, tx_decode, tx_encode, tx_err, tx_journal, tx_next_id, tx_supplier_name,
};
use crate::store::{prepare, Missing, QuotaWho, StoreError, StoreResult};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use sled::Transactional;

/// Every meeting, by id.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<Meeting>> {
    SledStore::read_all(&s.trees.meetings, "rendez-vous")
}

/// Books a meeting (id 0), refusing a slot already taken.
pub(super) fn plan(s: &SledStore, mut meeting: Meeting, actor: &str) -> StoreResult<Meeting> {
    let _guard = s.shared_write();
    prepare::meeting_to_plan(&mut meeting)?;
    let t = &s.trees;
    let saved = (
        &t.meetings,
        &t.slots,
        &t.suppliers,
        &t.needs,
        &t.forum_days,
        &t.journal,
        &t.meta,
    )
        .transaction(|(meetings, slots, sup, needs, days, jr, meta)| {
            let mut m = meeting.clone();
            let Some(name) = tx_supplier_name(sup, m.supplier)? else {
                return abort(StoreError::NotFound {
                    what: Missing::Supplier,
                    id: m.supplier,
                });
            };
            if let Some(n) = m.need {
                let Some(v) = needs.get(id_key(n))? else {
                    return abort(StoreError::NotFound {
                        what: Missing::Need,
                        id: n,
                    });
                };
                // A closed need takes no new meeting; its lot must exist.
                let need: crate::domain::Need = tx_decode(&v, "besoin", n)?;
                if let Err(invalid) = need.validate_lot(m.lot) {
                    return abort(invalid.into());
                }
            }
            let day = tx_day(days, m.day)?;
            if let Err(invalid) = m.validate_on(&day) {
                return abort(invalid.into());
            }
            let keys = slot_keys(&m, day.table_name(m.table), &name);
            for (k, conflict) in &keys {
                if let Some(holder) = slots.get(k)? {
                    return abort(StoreError::SlotTaken {
                        conflict: conflict.clone(),
                        meeting: key_id(&holder).unwrap_or(0),
                    });
                }
            }
            take_quota(slots, &m, &day, &name)?;
            m.id = tx_next_id(meta)?;
            for (k, _) in &keys {
                slots.insert(k.as_slice(), &id_key(m.id))?;
            }
            meetings.insert(&id_key(m.id), tx_encode(&m)?)?;
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::MeetingPlanned {
                    meeting: m.id,
                    supplier: m.supplier,
                    supplier_name: name.clone(),
                    table: day.table_name(m.table).to_string(),
                    slot: 0,
                    start: Some(m.start),
                    day: m.day,
                    buyers: m.buyers.clone(),
                },
            )?;
            Ok(m)
        })
        .map_err(tx_err)?;
    s.flush()?;
    Ok(saved)
}

/// Changes a meeting's status, freeing or taking its slots, stamping start/end when held.
pub(super) fn set_status(
    s: &SledStore,
    id: MeetingId,
    status: MeetingStatus,
    actor: &str,
) -> StoreResult<Meeting> {
    let t = &s.trees;
    let _guard = s.shared_write();
    let (m, changed) = (
        &t.meetings,
        &t.slots,
        &t.suppliers,
        &t.forum_days,
        &t.journal,
        &t.meta,
    )
        .transaction(|(meetings, slots, sup, days, jr, meta)| {
            let mut m: Meeting = match meetings.get(id_key(id))? {
                Some(v) => tx_decode(&v, "rendez-vous", id)?,
                None => {
                    return abort(StoreError::NotFound {
                        what: Missing::Meeting,
                        id,
                    })
                }
            };
            if m.status == status {
                return Ok((m, false));
            }
            let was = m.occupies_slot();
            let from = m.status;
            m.status = status;
            let name = tx_supplier_name(sup, m.supplier)?;
            let day = tx_day(days, m.day)?;
            let keys = slot_keys(
                &m,
                day.table_name(m.table),
                name.as_deref().unwrap_or_default(),
            );
            if was && !m.occupies_slot() {
                for (k, _) in &keys {
                    let holder = slots.get(k)?;
                    if holder.as_deref() == Some(&id_key(id)[..]) {
                        slots.remove(k.as_slice())?;
                    }
                }
                release_quota(slots, &m)?;
            } else if !was && m.occupies_slot() {
                if let Err(invalid) = m.validate_on(&day) {
                    return abort(invalid.into());
                }
                take_quota(slots, &m, &day, name.as_deref().unwrap_or_default())?;
                for (k, conflict) in &keys {
                    if let Some(holder) = slots.get(k)? {
                        return abort(StoreError::SlotTaken {
                            conflict: conflict.clone(),
                            meeting: key_id(&holder).unwrap_or(0),
                        });
                    }
                }
                for (k, _) in &keys {
                    slots.insert(k.as_slice(), &id_key(id))?;
                }
            }
            meetings.insert(&id_key(id), tx_encode(&m)?)?;
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::MeetingStatusChanged {
                    meeting: id,
                    supplier: m.supplier,
                    supplier_name: name.clone(),
                    from,
                    to: status,
                },
            )?;
            Ok((m, true))
        })
        .map_err(tx_err)?;
    if changed {
        s.flush()?;
    }
    Ok(m)
}

/// Stamps a meeting's real start or end; see [`crate::store::Store::stamp_meeting`].
pub(super) fn stamp(
    s: &SledStore,
    id: MeetingId,
    stamp: crate::domain::MeetingStamp,
    actor: &str,
) -> StoreResult<Meeting> {
    let t = &s.trees;
    let _guard = s.shared_write();
    let (m, changed) = (&t.meetings, &t.suppliers, &t.journal, &t.meta)
        .transaction(|(meetings, sup, jr, meta)| {
            let mut m: Meeting = match meetings.get(id_key(id))? {
                Some(v) => tx_decode(&v, "rendez-vous", id)?,
                None => {
                    return abort(StoreError::NotFound {
                        what: Missing::Meeting,
                        id,
                    })
                }
            };
            let now = s.now();
            let from = m.status;
            match m.stamp(stamp, now) {
                Ok(true) => {}
                Ok(false) => return Ok((m, false)),
                Err(e) => return abort(e.into()),
            }
            meetings.insert(&id_key(id), tx_encode(&m)?)?;
            let name = tx_supplier_name(sup, m.supplier)?;
            for ev in crate::store::timed_events(&m, from, stamp, name) {
                tx_journal(jr, meta, now, actor, ev)?;
            }
            Ok((m, true))
        })
        .map_err(tx_err)?;
    if changed {
        s.flush()?;
    }
    Ok(m)
}

/// The meeting's forum day, read inside a transaction. Errors:
/// [`crate::domain::MeetingError::NoSuchDay`] when the day is not set up.
fn tx_day(
    days: &TransactionalTree,
    date: jiff::civil::Date,
) -> Result<ForumDay, ConflictableTransactionError<StoreError>> {
    match days.get(day_key(date))? {
        Some(v) => {
            decode(&v, &|| format!("journée {date}")).map_err(ConflictableTransactionError::Abort)
        }
        None => abort(crate::domain::MeetingError::NoSuchDay { day: date }.into()),
    }
}

/// Counts the meeting against its day's quotas, refusing it when the supplier or one of
/// its buyers already has the day's maximum.
fn take_quota(
    slots: &TransactionalTree,
    m: &Meeting,
    day: &ForumDay,
    supplier_name: &str,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    for (k, holder) in quota_keys(m) {
        let n = count_of(slots.get(&k)?.as_deref());
        let max = match holder {
            QuotaHolder::Supplier => day.max_per_supplier,
            QuotaHolder::Buyer(_) => day.max_per_buyer,
        };
        if let Some(max) = max.filter(|max| n >= *max) {
            return abort(StoreError::QuotaReached {
                day: day.date,
                holder: match holder {
                    QuotaHolder::Supplier => QuotaWho::Supplier(supplier_name.to_string()),
                    QuotaHolder::Buyer(b) => QuotaWho::Buyer(b),
                },
                max,
            });
        }
        slots.insert(k, &(n + 1).to_be_bytes())?;
    }
    Ok(())
}

/// Takes the meeting off its day's quota counters (it no longer holds a slot).
fn release_quota(
    slots: &TransactionalTree,
    m: &Meeting,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    for (k, _) in quota_keys(m) {
        let n = count_of(slots.get(&k)?.as_deref()).saturating_sub(1);
        slots.insert(k, &n.to_be_bytes())?;
    }
    Ok(())
}
