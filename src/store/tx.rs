//! Helpers used inside sled transactions: errors, encoding, ids and the journal.
//!
//! Every write transaction of the store includes the `meta` tree: its ids and journal
//! sequence numbers come from [`tx_next_id`], and the journal event recording it is
//! appended by [`tx_journal`] in the same transaction.

use super::sled_error::sled_err;
use crate::domain::text::clean_line;
use crate::domain::{Event, JournalEvent, Supplier, SupplierId};
use crate::store::codec::{decode, encode};
use crate::store::ids::{be_u64, COUNTER_KEY, SUPPLIERS_STAMP_KEY};
use crate::store::keys::id_key;
use crate::store::StoreError;
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};

/// Result inside a sled transaction closure.
pub(crate) type TxResult<T> = ConflictableTransactionResult<T, StoreError>;

/// The error of a finished transaction: the store error it aborted with, or sled's.
pub(crate) fn tx_err(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => sled_err(e),
    }
}

/// Aborts the transaction with `e`.
pub(crate) fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

/// Decodes a value read inside a transaction.
pub(crate) fn tx_decode<T: DeserializeOwned>(bytes: &[u8], tree: &str, key: u64) -> TxResult<T> {
    decode(bytes, &|| format!("{tree} n° {key}")).map_err(ConflictableTransactionError::Abort)
}

/// Encodes a value written inside a transaction.
pub(crate) fn tx_encode<T: serde::Serialize>(value: &T) -> TxResult<Vec<u8>> {
    encode(value).map_err(ConflictableTransactionError::Abort)
}

/// A fresh id (never 0) from the counter in `meta`, inside a transaction (see `ids`).
pub(crate) fn tx_next_id(meta: &TransactionalTree) -> TxResult<u64> {
    let last = be_u64(meta.get(COUNTER_KEY)?.as_deref());
    let next = last.saturating_add(1).max(1);
    meta.insert(COUNTER_KEY, &next.to_be_bytes())?;
    Ok(next)
}

/// Marks the suppliers as changed, inside the transaction that changes them.
pub(crate) fn tx_stamp_suppliers(meta: &TransactionalTree) -> TxResult<()> {
    let stamp = tx_next_id(meta)?;
    meta.insert(SUPPLIERS_STAMP_KEY, &stamp.to_be_bytes())?;
    Ok(())
}

/// Appends one journal event, stamped `at` (from the store's clock), inside the
/// transaction of the write it records.
pub(crate) fn tx_journal(
    journal: &TransactionalTree,
    meta: &TransactionalTree,
    at: Timestamp,
    actor: &str,
    event: Event,
) -> TxResult<()> {
    let seq = tx_next_id(meta)?;
    let ev = JournalEvent {
        seq,
        at,
        actor: crate::store::prepare::actor_or_system(actor),
        entity: event.entity(),
        id: event.subject(),
        action: event.action().to_string(),
        summary: String::new(),
        event: Some(event),
    };
    journal.insert(&id_key(seq), tx_encode(&ev)?)?;
    Ok(())
}

/// Name of a supplier read inside a transaction (None when absent).
pub(crate) fn tx_supplier_name(
    suppliers: &TransactionalTree,
    id: SupplierId,
) -> TxResult<Option<String>> {
    match suppliers.get(id_key(id))? {
        None => Ok(None),
        Some(v) => Ok(Some(clean_line(
            &tx_decode::<Supplier>(&v, "fournisseur", id)?.name,
        ))),
    }
}
