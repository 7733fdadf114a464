//! The suppliers' write stamp: what start-up snapshots (search index, matcher) are checked
//! against, so that a snapshot is used only for the exact suppliers it was built from.
//!
//! A [`WriteStamp`] has two parts, both in `meta`:
//! - `suppliers`: the value under [`super::ids::SUPPLIERS_STAMP_KEY`], an id taken from the
//!   store's counter by every transaction that changes the `suppliers` or `identity` tree
//!   (`upsert.rs`: every chunk of an import, and a rollback). It only grows while the store
//!   lives.
//! - `epoch`: a random number under [`EPOCH_KEY`], drawn the first time the stamp is read
//!   and drawn again whenever the store's files are rebuilt (restore, compact: both go
//!   through `backup::build_store`, which calls [`renew_epoch`]). A restore brings back an
//!   older counter, so without the epoch a later write could reach a stamp that a snapshot
//!   of other suppliers already carries.
//!
//! The whole stamp is folded into the one `u64` the snapshot headers hold by
//! [`WriteStamp::key`].

use super::ids::{be_u64, suppliers_stamp};
use super::sled_error::sled_err;
use super::trees::Trees;
use super::StoreResult;
use serde::{Deserialize, Serialize};
use std::hash::{BuildHasher, Hasher};

/// Key in `meta` of the store epoch (u64 big-endian, never 0).
pub(crate) const EPOCH_KEY: &[u8] = b"store_epoch";

/// The state of the store's suppliers, as snapshots record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WriteStamp {
    /// Random, renewed when the store's files are rebuilt (restore, compact).
    pub epoch: u64,
    /// Advanced by every transaction that writes suppliers (0: never written).
    pub suppliers: u64,
}

impl WriteStamp {
    /// Both parts folded into one number for a snapshot header: for one epoch, distinct
    /// `suppliers` values give distinct keys (multiplication by an odd constant is a
    /// bijection on u64); across epochs a collision needs two random draws to line up.
    pub fn key(&self) -> u64 {
        self.epoch
            ^ self
                .suppliers
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(17)
    }
}

/// A fresh random epoch (never 0): std's randomly seeded hasher over the time and the
/// process id.
fn fresh_epoch() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(now);
    h.write_u32(std::process::id());
    h.finish().max(1)
}

/// The store's write stamp; draws and records the epoch when the store has none yet (a
/// store written before stamps, or a new one).
pub(crate) fn read(trees: &Trees) -> StoreResult<WriteStamp> {
    let suppliers = suppliers_stamp(trees)?;
    let mut epoch = be_u64(trees.meta.get(EPOCH_KEY).map_err(sled_err)?.as_deref());
    if epoch == 0 {
        let fresh = fresh_epoch();
        // Another thread of this process may draw at the same time: the first one wins.
        match trees
            .meta
            .compare_and_swap(EPOCH_KEY, None as Option<&[u8]>, Some(&fresh.to_be_bytes()))
            .map_err(sled_err)?
        {
            Ok(()) => epoch = fresh,
            Err(e) => epoch = be_u64(e.current.as_deref()),
        }
    }
    Ok(WriteStamp { epoch, suppliers })
}

/// Draws a new epoch into `meta` (called when the store's files are rebuilt).
pub(crate) fn renew_epoch(meta: &sled::Tree) -> sled::Result<()> {
    meta.insert(EPOCH_KEY, &fresh_epoch().to_be_bytes())
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Supplier;
    use crate::store::{SledStore, Store};

    fn stamp(s: &SledStore) -> WriteStamp {
        read(&s.trees).unwrap()
    }

    #[test]
    fn supplier_writes_advance_the_stamp_other_writes_do_not() {
        let s = SledStore::open_temporary().unwrap();
        let a = stamp(&s);
        assert_ne!(a.epoch, 0);
        assert_eq!(stamp(&s), a, "reading twice gives the same stamp");
        s.upsert_suppliers(
            vec![Supplier {
                name: "Alpha".into(),
                ..Default::default()
            }],
            "t",
        )
        .unwrap();
        let b = stamp(&s);
        assert_eq!(b.epoch, a.epoch);
        assert!(b.suppliers > a.suppliers);
        assert_ne!(b.key(), a.key());
        s.save_need(
            crate::domain::Need {
                title: "Isolation".into(),
                ..Default::default()
            },
            "t",
        )
        .unwrap();
        assert_eq!(stamp(&s), b, "a need does not touch the suppliers' stamp");
    }

    #[test]
    fn renewing_the_epoch_changes_the_key() {
        let s = SledStore::open_temporary().unwrap();
        let a = stamp(&s);
        renew_epoch(&s.trees.meta).unwrap();
        let b = stamp(&s);
        assert_eq!(a.suppliers, b.suppliers);
        assert_ne!(a.epoch, b.epoch);
        assert_ne!(a.key(), b.key());
    }
}
