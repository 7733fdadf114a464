//! One request of a session, answered on its store ([`AccessControlled`] as the session's
//! login) and the server's directory. Searches are not here: each session runs its own
//! (see `session`), newest first.

use super::directory::Directory;
use crate::domain::{Entity, Role, Supplier};
use crate::protocol::{RemoteError, Reply, Request, JOURNAL_PAGE, SUPPLIER_PAGE};
use crate::store::{AccessControlled, Action, GuardedStore, Store, StoreError};

/// What a session keeps between requests: an import being sent in chunks.
#[derive(Default)]
pub struct SessionState {
    /// Suppliers of the batch begun with `UpsertBegin`, when one is.
    pub batch: Option<Vec<Supplier>>,
}

/// What answering a request did: its reply, and the kind of entity it wrote (news for the
/// other sessions) with the suppliers whose index entries must follow.
pub struct Answer {
    /// The reply.
    pub result: Result<Reply, RemoteError>,
    /// The kind of entity written, when the request wrote one.
    pub wrote: Option<Entity>,
    /// Suppliers written (the directory is updated with them).
    pub suppliers: Vec<crate::domain::SupplierId>,
}

fn done(result: Result<Reply, StoreError>, wrote: Option<Entity>) -> Answer {
    let wrote = if result.is_ok() { wrote } else { None };
    Answer {
        result: result.map_err(RemoteError::Store),
        wrote,
        suppliers: Vec::new(),
    }
}

fn read(result: Result<Reply, StoreError>) -> Answer {
    done(result, None)
}

/// Answers `request` for the session whose store is `store`; `maintenance` is the sled
/// store behind it, for checks and backups (None: not available, e.g. in tests).
pub fn answer(
    store: &AccessControlled,
    directory: &Directory,
    maintenance: Option<&GuardedStore>,
    state: &mut SessionState,
    request: Request,
) -> Answer {
    use Request as Q;
    match request {
        Q::Supplier(id) => read(store.supplier(id).map(Reply::Supplier)),
        Q::SuppliersPage { after, limit } => read(
            store
                .suppliers_page(after, (limit as usize).min(SUPPLIER_PAGE))
                .map(Reply::Suppliers),
        ),
        Q::SuppliersById(ids) => {
            if ids.len() > SUPPLIER_PAGE {
                return protocol("SuppliersById: too many ids");
            }
            read(store.suppliers_by_id(&ids).map(Reply::SuppliersById))
        }
        Q::SupplierCount => read(store.supplier_count().map(|n| Reply::Count(n as u64))),
        Q::WriteStamp => read(store.write_stamp().map(Reply::WriteStamp)),
        Q::UpsertBegin { total } => {
            state.batch = Some(Vec::with_capacity((total as usize).min(1 << 20)));
            read(Ok(Reply::Done))
        }
        Q::UpsertChunk(chunk) => match state.batch.as_mut() {
            Some(b) if chunk.len() <= SUPPLIER_PAGE => {
                b.extend(chunk);
                read(Ok(Reply::Done))
            }
            Some(_) => protocol("UpsertChunk: chunk too large"),
            None => protocol("UpsertChunk without UpsertBegin"),
        },
        Q::UpsertCommit => {
            let Some(batch) = state.batch.take() else {
                return protocol("UpsertCommit without UpsertBegin");
            };
            match store.upsert_suppliers(batch, "") {
                Ok((counts, ids)) => Answer {
                    suppliers: ids.clone(),
                    result: Ok(Reply::Upserted { counts, ids }),
                    wrote: Some(Entity::Supplier),
                },
                Err(e) => read(Err(e)),
            }
        }
        Q::Needs => read(store.needs().map(Reply::Needs)),
        Q::SaveNeed(n) => done(store.save_need(n, "").map(Reply::Need), Some(Entity::Need)),
        Q::Shortlist(n) => read(store.shortlist(n).map(Reply::Shortlist)),
        Q::SaveShortlistEntry(e) => done(
            store.save_shortlist_entry(e, "").map(|()| Reply::Done),
            Some(Entity::Shortlist),
        ),
        Q::RemoveShortlistEntry {
            need,
            lot,
            supplier,
        } => done(
            store
                .remove_shortlist_entry(need, lot, supplier, "")
                .map(|()| Reply::Done),
            Some(Entity::Shortlist),
        ),
        Q::ForumDays => read(store.forum_days().map(Reply::ForumDays)),
        Q::EditForumDay { day, on_misfit } => done(
            store.edit_forum_day(day, on_misfit, "").map(Reply::Moved),
            Some(Entity::ForumDay),
        ),
        Q::RemoveForumDay(day) => done(
            store
                .remove_forum_day(day, "")
                .map(|n| Reply::Count(n as u64)),
            Some(Entity::ForumDay),
        ),
        Q::SaveRegistrations { day, registrations } => done(
            store
                .save_registrations(day, registrations, "")
                .map(|()| Reply::Done),
            Some(Entity::ForumDay),
        ),
        Q::Meetings => read(store.meetings().map(Reply::Meetings)),
        Q::PlanMeeting(m) => done(
            store.plan_meeting(m, "").map(Reply::Meeting),
            Some(Entity::Meeting),
        ),
        Q::SetMeetingStatus { id, status } => done(
            store.set_meeting_status(id, status, "").map(Reply::Meeting),
            Some(Entity::Meeting),
        ),
        Q::StampMeeting { id, stamp } => done(
            store.stamp_meeting(id, stamp, "").map(Reply::Meeting),
            Some(Entity::Meeting),
        ),
        Q::LogOutcome(o) => done(
            store.log_outcome(o, "").map(Reply::Outcome),
            Some(Entity::Outcome),
        ),
        Q::Outcomes(m) => read(store.outcomes(m).map(Reply::Outcomes)),
        Q::AllOutcomes => read(store.all_outcomes().map(Reply::Outcomes)),
        Q::JournalPage { after } => read(store.journal().map(|all| {
            Reply::Journal(
                all.into_iter()
                    .filter(|e| e.seq > after)
                    .take(JOURNAL_PAGE)
                    .collect(),
            )
        })),
        Q::Buyers => read(store.buyers().map(Reply::Buyers)),
        Q::SaveBuyer(b) => done(
            store.save_buyer(b, "").map(|()| Reply::Done),
            Some(Entity::Buyer),
        ),
        Q::RemoveBuyer(l) => done(
            store.remove_buyer(&l, "").map(|()| Reply::Done),
            Some(Entity::Buyer),
        ),
        Q::Rank { need, lot, limit } => read(Ok(Reply::Ranked(directory.rank(
            &need,
            lot,
            (limit as usize).min(directory.len().max(1)),
        )))),
        Q::RankingSize => read(Ok(Reply::Count(directory.len() as u64))),
        Q::Check => maintain(store, maintenance, |s| {
            s.check().map(|r| Reply::Checked {
                counts: r
                    .counts
                    .into_iter()
                    .map(|(t, n)| (t.to_string(), n as u64))
                    .collect(),
                problems: r.problems,
            })
        }),
        Q::Backup => maintain(store, maintenance, |s| {
            s.backup()
                .map(|b| Reply::BackedUp(b.path))
                .map_err(|e| StoreError::Io(e.to_string()))
        }),
        Q::Ping => read(Ok(Reply::Done)),
        Q::Search { .. } => protocol("Search is answered by the session"),
        Q::ActFor(_) => protocol("ActFor is answered by the session"),
    }
}

fn maintain(
    store: &AccessControlled,
    maintenance: Option<&GuardedStore>,
    f: impl FnOnce(&crate::store::SledStore) -> Result<Reply, StoreError>,
) -> Answer {
    let role = match store.role() {
        Ok(r) => r,
        Err(e) => return read(Err(e)),
    };
    if role != Some(Role::Organiser) {
        return read(Err(StoreError::Denied {
            login: store.login().to_string(),
            role,
            action: Action::MaintainStore,
        }));
    }
    match maintenance {
        Some(m) => read(m.with_sled(f)),
        None => protocol("no maintenance on this store"),
    }
}

fn protocol(what: &str) -> Answer {
    Answer {
        result: Err(RemoteError::Protocol(what.to_string())),
        wrote: None,
        suppliers: Vec::new(),
    }
}
