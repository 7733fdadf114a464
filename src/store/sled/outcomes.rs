//! Outcomes (comptes rendus): append a version, read a meeting's or all.

use super::SledStore;
use crate::domain::{Event, MeetingId, Outcome};
use crate::store::keys::{id_key, outcome_key, outcome_key_version};
use crate::store::sled_error::sled_err;
use crate::store::tx::{abort, tx_encode, tx_err, tx_journal};
use crate::store::{prepare, Missing, StoreError, StoreResult};
use sled::Transactional;

/// Appends a new outcome version for its meeting (version assigned here).
pub(super) fn log(s: &SledStore, mut outcome: Outcome, actor: &str) -> StoreResult<Outcome> {
    let _guard = s.shared_write();
    prepare::outcome(&mut outcome, actor)?;
    // Hint for the next version, read outside the transaction; checked inside.
    let hint = match s
        .trees
        .outcomes
        .scan_prefix(id_key(outcome.meeting))
        .keys()
        .next_back()
    {
        Some(k) => outcome_key_version(&k.map_err(sled_err)?).unwrap_or(0),
        None => 0,
    };
    let t = &s.trees;
    let saved = (&t.outcomes, &t.meetings, &t.journal, &t.meta)
        .transaction(|(outs, meetings, jr, meta)| {
            let mut o = outcome.clone();
            if meetings.get(id_key(o.meeting))?.is_none() {
                return abort(StoreError::NotFound {
                    what: Missing::Meeting,
                    id: o.meeting,
                });
            }
            let mut version = hint + 1;
            while outs.get(outcome_key(o.meeting, version))?.is_some() {
                version += 1;
            }
            o.version = version;
            o.logged_at = s.now();
            outs.insert(&outcome_key(o.meeting, version), tx_encode(&o)?)?;
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::OutcomeLogged {
                    meeting: o.meeting,
                    version,
                    next_step: o.next_step,
                    rating: o.rating,
                },
            )?;
            Ok(o)
        })
        .map_err(tx_err)?;
    s.flush()?;
    Ok(saved)
}

/// Every outcome version of a meeting, oldest first.
pub(super) fn of_meeting(s: &SledStore, meeting: MeetingId) -> StoreResult<Vec<Outcome>> {
    SledStore::read_prefix(&s.trees.outcomes, &id_key(meeting), "compte rendu")
}

/// Every outcome version of every meeting.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<Outcome>> {
    SledStore::read_all(&s.trees.outcomes, "compte rendu")
}
