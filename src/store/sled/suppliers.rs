//! Suppliers (fournisseurs): read by id, all, count; writes go through `store::upsert`.

use super::errors::sled_err;
use super::SledStore;
use crate::domain::{Supplier, SupplierId};
use crate::store::codec::decode;
use crate::store::keys::id_key;
use crate::store::StoreResult;

/// Every supplier, by id.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<Supplier>> {
    SledStore::read_all(&s.trees.suppliers, "fournisseur")
}

/// One supplier, when it exists.
pub(super) fn one(s: &SledStore, id: SupplierId) -> StoreResult<Option<Supplier>> {
    match s.trees.suppliers.get(id_key(id)).map_err(sled_err)? {
        None => Ok(None),
        Some(v) => Ok(Some(decode(&v, &|| format!("fournisseur n° {id}"))?)),
    }
}
