//! Needs (besoins): read all, create or update.

use super::SledStore;
use crate::domain::{Event, Need};
use crate::store::keys::id_key;
use crate::store::tx::{abort, tx_encode, tx_err, tx_journal, tx_next_id};
use crate::store::{prepare, Missing, StoreError, StoreResult};
use sled::Transactional;

/// Every need, by id.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<Need>> {
    SledStore::read_all(&s.trees.needs, "besoin")
}

/// Creates (id 0) or updates a need; returns it with its id.
pub(super) fn save(s: &SledStore, mut need: Need, actor: &str) -> StoreResult<Need> {
    // An update checks the lots it drops against shortlists and meetings: it runs alone,
    // so that no entry or meeting lands on such a lot between that check and the write.
    let _alone = (need.id != 0).then(|| s.exclusive_write());
    let _shared = (need.id == 0).then(|| s.shared_write());
    prepare::need(&mut need)?;
    if need.id != 0 {
        let before = all(s)?.into_iter().find(|n| n.id == need.id);
        if let Some(before) = before {
            let shortlist = super::shortlist::of_need(s, need.id)?;
            let meetings = super::meetings::all(s)?;
            need.check_removed_lots(&before, &shortlist, &meetings)?;
        }
    }
    let t = &s.trees;
    let saved = (&t.needs, &t.journal, &t.meta)
        .transaction(|(needs, jr, meta)| {
            let mut n = need.clone();
            let action = if n.id == 0 {
                n.id = tx_next_id(meta)?;
                "created"
            } else if needs.get(id_key(n.id))?.is_none() {
                return abort(StoreError::NotFound {
                    what: Missing::Need,
                    id: n.id,
                });
            } else {
                "updated"
            };
            needs.insert(&id_key(n.id), tx_encode(&n)?)?;
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::NeedSaved {
                    need: n.id,
                    title: n.title.clone(),
                    created: action == "created",
                },
            )?;
            Ok(n)
        })
        .map_err(tx_err)?;
    s.flush()?;
    Ok(saved)
}
