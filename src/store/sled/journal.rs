//! The journal (trace de sourçage): read in order. Events are appended by the write they
//! record (`tx::tx_journal`).

use super::SledStore;
use crate::domain::JournalEvent;
use crate::store::StoreResult;

/// The whole journal, oldest first.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<JournalEvent>> {
    SledStore::read_all(&s.trees.journal, "journal")
}
