//! Meetings (rendez-vous): read, plan (refusing a double booking), change status.

use super::SledStore;
use crate::domain::{Event, ForumDay, Meeting, MeetingId, MeetingStatus};
use crate::store::codec::decode;
use crate::store::keys::{day_key, id_key, key_id, slot_keys};
use crate::store::tx::{
    abort, tx_decode, tx_encode, tx_err, tx_journal, tx_next_id, tx_supplier_name,
};
use crate::store::{prepare, Missing, StoreError, StoreResult};
use sled::transaction::ConflictableTransactionError;
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
                if needs.get(id_key(n))?.is_none() {
                    return abort(StoreError::NotFound {
                        what: Missing::Need,
                        id: n,
                    });
                }
            }
            if let Some(v) = days.get(day_key(m.day))? {
                let day: ForumDay = decode(&v, &|| format!("journée {}", m.day))
                    .map_err(ConflictableTransactionError::Abort)?;
                if let Err(invalid) = m.validate_on(&day) {
                    return abort(invalid.into());
                }
            }
            let keys = slot_keys(&m, &name);
            for (k, conflict) in &keys {
                if let Some(holder) = slots.get(k)? {
                    return abort(StoreError::SlotTaken {
                        conflict: conflict.clone(),
                        meeting: key_id(&holder).unwrap_or(0),
                    });
                }
            }
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
                    table: m.table.clone(),
                    slot: m.slot,
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
    let (m, changed) = (&t.meetings, &t.slots, &t.suppliers, &t.journal, &t.meta)
        .transaction(|(meetings, slots, sup, jr, meta)| {
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
            let keys = slot_keys(&m, name.as_deref().unwrap_or_default());
            if was && !m.occupies_slot() {
                for (k, _) in &keys {
                    let holder = slots.get(k)?;
                    if holder.as_deref() == Some(&id_key(id)[..]) {
                        slots.remove(k.as_slice())?;
                    }
                }
            } else if !was && m.occupies_slot() {
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
            if status == MeetingStatus::Held {
                let now = s.now();
                m.started_at.get_or_insert(now);
                m.ended_at.get_or_insert(now);
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
