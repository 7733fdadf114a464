//! Shortlist entries (présélection): read a need's, save, remove.

use super::SledStore;
use crate::domain::{Event, Need, NeedId, ShortlistEntry, SupplierId};
use crate::store::keys::{id_key, shortlist_key};
use crate::store::tx::{abort, tx_decode, tx_encode, tx_err, tx_journal, tx_supplier_name};
use crate::store::{prepare, Missing, StoreError, StoreResult};
use sled::Transactional;

/// Shortlist entries of a need (all lots).
pub(super) fn of_need(s: &SledStore, need: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
    SledStore::read_prefix(&s.trees.shortlist, &id_key(need), "présélection")
}

/// Creates or replaces the entry keyed by (need, lot, supplier).
pub(super) fn save(s: &SledStore, mut entry: ShortlistEntry, actor: &str) -> StoreResult<()> {
    let _guard = s.shared_write();
    prepare::shortlist_entry(&mut entry);
    let t = &s.trees;
    (&t.shortlist, &t.needs, &t.suppliers, &t.journal, &t.meta)
        .transaction(|(sl, needs, sup, jr, meta)| {
            let e = &entry;
            let need: Need = match needs.get(id_key(e.need))? {
                Some(v) => tx_decode(&v, "besoin", e.need)?,
                None => {
                    return abort(StoreError::NotFound {
                        what: Missing::Need,
                        id: e.need,
                    })
                }
            };
            if let Err(invalid) = need.validate_lot(e.lot) {
                return abort(invalid.into());
            }
            let Some(name) = tx_supplier_name(sup, e.supplier)? else {
                return abort(StoreError::NotFound {
                    what: Missing::Supplier,
                    id: e.supplier,
                });
            };
            let key = shortlist_key(e.need, e.lot, e.supplier);
            let old = sl.insert(&key, tx_encode(e)?)?;
            let from = match old {
                Some(v) => Some(tx_decode::<ShortlistEntry>(&v, "présélection", e.need)?.status),
                None => None,
            };
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::ShortlistSaved {
                    need: e.need,
                    lot: e.lot,
                    supplier: e.supplier,
                    supplier_name: name,
                    from,
                    to: e.status,
                    reason: crate::domain::text::clean_line(&e.reason),
                },
            )?;
            Ok(())
        })
        .map_err(tx_err)?;
    s.flush()
}

/// Removes an entry; Ok even if absent.
pub(super) fn remove(
    s: &SledStore,
    need: NeedId,
    lot: u32,
    supplier: SupplierId,
    actor: &str,
) -> StoreResult<()> {
    let t = &s.trees;
    let _guard = s.shared_write();
    let removed = (&t.shortlist, &t.suppliers, &t.journal, &t.meta)
        .transaction(|(sl, sup, jr, meta)| {
            if sl.remove(&shortlist_key(need, lot, supplier))?.is_none() {
                return Ok(false);
            }
            let name = tx_supplier_name(sup, supplier)?;
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::ShortlistRemoved {
                    need,
                    lot,
                    supplier,
                    supplier_name: name,
                },
            )?;
            Ok(true)
        })
        .map_err(tx_err)?;
    if removed {
        s.flush()?;
    }
    Ok(())
}
