//! Suppliers read one at a time ([`crate::store::Store::for_each_supplier`] for sled), so
//! start-up and rebuilds never hold the whole directory as one `Vec`.

use super::codec::decode;
use super::sled_store::{sled_err, Trees};
use super::StoreResult;
use crate::domain::Supplier;

/// Decodes the suppliers in id order, handing each to `f` until it returns false.
/// Errors: the first unreadable value ([`super::StoreError::Corrupt`]) or sled's.
pub(crate) fn for_each_supplier(
    trees: &Trees,
    f: &mut dyn FnMut(Supplier) -> bool,
) -> StoreResult<()> {
    for kv in trees.suppliers.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        let s: Supplier = decode(&v, &|| format!("fournisseur (clé {k:?})"))?;
        if !f(s) {
            break;
        }
    }
    Ok(())
}
