//! Suppliers (fournisseurs): read by id or streamed; writes go through `store::upsert`.

use super::SledStore;
use crate::domain::{Supplier, SupplierId};
use crate::store::codec::decode;
use crate::store::keys::id_key;
use crate::store::sled_error::sled_err;
use crate::store::StoreResult;
use std::ops::ControlFlow;

/// One supplier, when it exists.
pub(super) fn one(s: &SledStore, id: SupplierId) -> StoreResult<Option<Supplier>> {
    match s.trees.suppliers.get(id_key(id)).map_err(sled_err)? {
        None => Ok(None),
        Some(v) => Ok(Some(decode(&v, &|| format!("fournisseur n° {id}"))?)),
    }
}

/// Calls `f` with each supplier in id order until it breaks.
pub(super) fn for_each(
    s: &SledStore,
    f: &mut dyn FnMut(Supplier) -> ControlFlow<()>,
) -> StoreResult<()> {
    for kv in s.trees.suppliers.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        let supplier = decode(&v, &|| format!("fournisseur (clé {k:?})"))?;
        if f(supplier).is_break() {
            break;
        }
    }
    Ok(())
}

/// Up to `limit` suppliers with an id above `after`, in id order.
pub(super) fn page(
    s: &SledStore,
    after: Option<SupplierId>,
    limit: usize,
) -> StoreResult<Vec<Supplier>> {
    let start = match after {
        None => 0,
        Some(u64::MAX) => return Ok(Vec::new()),
        Some(id) => id + 1,
    };
    let mut out = Vec::with_capacity(limit.min(1024));
    for kv in s.trees.suppliers.range(id_key(start)..).take(limit) {
        let (k, v) = kv.map_err(sled_err)?;
        out.push(decode(&v, &|| format!("fournisseur (clé {k:?})"))?);
    }
    Ok(out)
}
