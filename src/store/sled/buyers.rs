//! The access list (`sourcing buyers`): one entry per login, keyed by the login's bytes.

use super::SledStore;
use crate::domain::{Buyer, Event};
use crate::store::access::{entries_to_save, may_change};
use crate::store::tx::{tx_encode, tx_err, tx_journal};
use crate::store::StoreResult;
use sled::Transactional;

/// Every entry, by login.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<Buyer>> {
    SledStore::read_all(&s.trees.buyers, "acheteur")
}

/// Adds or replaces `buyer` (see [`crate::store::Store::save_buyer`]).
pub(super) fn save(s: &SledStore, buyer: Buyer, actor: &str) -> StoreResult<()> {
    let _guard = s.shared_write();
    let list = all(s)?;
    may_change(&list, actor)?;
    let entries = entries_to_save(&list, buyer, actor);
    let t = &s.trees;
    (&t.buyers, &t.journal, &t.meta)
        .transaction(|(buyers, jr, meta)| {
            for b in &entries {
                let old = buyers.insert(b.login.as_bytes(), tx_encode(b)?)?;
                tx_journal(
                    jr,
                    meta,
                    s.now(),
                    actor,
                    Event::buyer_saved(b, old.is_none()),
                )?;
            }
            Ok(())
        })
        .map_err(tx_err)?;
    s.flush()
}

/// Removes `login` (see [`crate::store::Store::remove_buyer`]).
pub(super) fn remove(s: &SledStore, login: &str, actor: &str) -> StoreResult<()> {
    let _guard = s.shared_write();
    let list = all(s)?;
    may_change(&list, actor)?;
    let Some(gone) = list.into_iter().find(|b| b.login == login) else {
        return Ok(());
    };
    let t = &s.trees;
    (&t.buyers, &t.journal, &t.meta)
        .transaction(|(buyers, jr, meta)| {
            buyers.remove(gone.login.as_bytes())?;
            tx_journal(jr, meta, s.now(), actor, Event::buyer_removed(&gone))?;
            Ok(())
        })
        .map_err(tx_err)?;
    s.flush()
}
