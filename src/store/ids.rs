//! Ids and journal sequence numbers from one counter kept in `meta` (schema v2).
//!
//! sled's `generate_id` restarts in a fresh database and is not carried by `Db::export`,
//! so after a compaction or a restore it would hand out ids that already exist and the
//! next meeting or journal event would overwrite a stored one. The counter lives under
//! [`COUNTER_KEY`] in `meta` (u64 big-endian, the last id handed out), is read and bumped
//! inside the transaction of the write that uses the id, and travels with `meta` through
//! backups, restores and compactions. Suppliers, needs, meetings and journal events share
//! it, so every id is unique across trees, as with `generate_id`.
//!
//! Every transaction that takes an id therefore writes `meta/id_counter`: concurrent
//! writes of one process conflict on that key and sled retries them, which serialises
//! them (writes already wait for each other's `fsync`).

use super::keys::key_id;
use super::sled_error::sled_err;
use super::trees::Trees;
use super::StoreResult;

/// Key of the id counter in `meta`: the last id handed out, u64 big-endian.
pub(crate) const COUNTER_KEY: &[u8] = b"id_counter";

/// Key of the suppliers' write stamp in `meta`: an id taken from the counter by every
/// transaction that changes the `suppliers` or `identity` tree, so a backup can tell that
/// the suppliers did not change since the previous one and hard-link its file.
pub(crate) const SUPPLIERS_STAMP_KEY: &[u8] = b"suppliers_stamp";

/// Reads a u64 BE value (0 when absent or malformed).
pub(crate) fn be_u64(v: Option<&[u8]>) -> u64 {
    v.and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_be_bytes)
}

/// The counter's value (the last id handed out; 0 for a fresh store).
pub(crate) fn counter(trees: &Trees) -> StoreResult<u64> {
    Ok(be_u64(
        trees.meta.get(COUNTER_KEY).map_err(sled_err)?.as_deref(),
    ))
}

/// The suppliers' write stamp (0 when never written under schema v2).
pub(crate) fn suppliers_stamp(trees: &Trees) -> StoreResult<u64> {
    Ok(be_u64(
        trees
            .meta
            .get(SUPPLIERS_STAMP_KEY)
            .map_err(sled_err)?
            .as_deref(),
    ))
}

/// The largest id found anywhere in the store: entity and journal keys, the meeting part
/// of outcome keys, the need and supplier parts of shortlist keys, and the ids stored as
/// values in `identity` and `slots`.
pub(crate) fn max_id_in_trees(t: &Trees) -> StoreResult<u64> {
    let mut max = 0u64;
    for tree in [&t.suppliers, &t.needs, &t.meetings, &t.journal] {
        if let Some(kv) = tree.last().map_err(sled_err)? {
            max = max.max(key_id(&kv.0).unwrap_or(0));
        }
    }
    for kv in t.outcomes.iter().keys() {
        let k = kv.map_err(sled_err)?;
        max = max.max(be_u64(k.get(..8)));
    }
    for kv in t.shortlist.iter().keys() {
        let k = kv.map_err(sled_err)?;
        max = max.max(be_u64(k.get(..8))).max(be_u64(k.get(12..20)));
    }
    for tree in [&t.identity, &t.slots] {
        for kv in tree.iter().values() {
            let v = kv.map_err(sled_err)?;
            max = max.max(key_id(&v).unwrap_or(0));
        }
    }
    Ok(max)
}

/// v1 → v2: ids move from sled's `generate_id` to the counter in `meta`, set to the
/// largest id found in any tree (or kept when already higher: idempotent); stored
/// suppliers get a write stamp.
pub(crate) fn v1_to_v2(trees: &Trees) -> StoreResult<()> {
    let max = max_id_in_trees(trees)?.max(counter(trees)?);
    trees
        .meta
        .insert(COUNTER_KEY, &max.to_be_bytes())
        .map_err(sled_err)?;
    // The suppliers of a v1 store get a stamp too, so backups can hard-link them.
    if suppliers_stamp(trees)? == 0 && !trees.suppliers.is_empty() {
        trees
            .meta
            .insert(SUPPLIERS_STAMP_KEY, &max.to_be_bytes())
            .map_err(sled_err)?;
    }
    Ok(())
}
