//! Forum days (journées du forum): read all, create or replace.

use super::SledStore;
use crate::domain::{Event, ForumDay};
use crate::store::keys::day_key;
use crate::store::tx::{tx_encode, tx_err, tx_journal};
use crate::store::{prepare, StoreResult};
use sled::Transactional;

/// Every forum day, by date.
pub(super) fn all(s: &SledStore) -> StoreResult<Vec<ForumDay>> {
    SledStore::read_all(&s.trees.forum_days, "journée")
}

/// Creates or replaces a forum day.
pub(super) fn save(s: &SledStore, mut day: ForumDay, actor: &str) -> StoreResult<()> {
    let _guard = s.shared_write();
    prepare::forum_day(&mut day)?;
    let t = &s.trees;
    (&t.forum_days, &t.journal, &t.meta)
        .transaction(|(days, jr, meta)| {
            let old = days.insert(day_key(day.date), tx_encode(&day)?)?;
            tx_journal(
                jr,
                meta,
                s.now(),
                actor,
                Event::ForumDaySaved {
                    date: day.date,
                    opens: day.opens,
                    closes: day.closes,
                    slot_minutes: day.slot_minutes,
                    tables: day.tables.len(),
                    created: old.is_none(),
                },
            )?;
            Ok(())
        })
        .map_err(tx_err)?;
    s.flush()
}
