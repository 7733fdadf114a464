//! [`AccessControlled`]: a store seen by one login, whose writes its role on the access
//! list allows (DESIGN §4). The forum server wraps its store in one per session, with the
//! login the socket's peer credentials name; a command in process does the same when the
//! list is not empty.
//!
//! Rules, checked against the list as it is at each write (an organiser's change applies
//! at once):
//! - an empty list: everyone is an organiser (a single user's store, as before the list);
//! - an **organiser** (and the account that runs the server) may do anything;
//! - a **buyer** may create needs (it becomes their owner) and change the needs it owns
//!   and their shortlists, plan meetings it takes part in, change their status and log
//!   their outcomes; not suppliers, forum days or other buyers' things;
//! - an **observer** reads and never writes;
//! - a login not on the list may only read (the server refuses it at the handshake).
//!
//! The access list itself is guarded by the wrapped store ([`super::access::may_change`]).

use super::{
    Action, Clock, ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId,
    Outcome, ShortlistEntry, Store, StoreError, StoreNews, StoreResult, Supplier, SupplierId,
    UpsertCounts, WriteStamp,
};
use crate::domain::{Buyer, Role};
use std::ops::ControlFlow;
use std::sync::Arc;

/// `inner` as `login` sees it: reads pass through, writes are checked against the access
/// list first and refused with [`StoreError::Denied`] (nothing written) when the login's
/// role does not allow them. Every write is made with `login` as its actor.
pub struct AccessControlled {
    inner: Arc<dyn Store>,
    login: String,
    /// The journal's actor: the login, or "LOGIN pour BUYER" once an organiser acts for a
    /// buyer ([`AccessControlled::acting_for`]).
    actor: String,
    /// A login that is an organiser whatever the list says (the server's own account).
    owner: Option<String>,
}

impl AccessControlled {
    /// `inner` seen by `login`; `owner`, when given, is treated as an organiser (the
    /// account running the forum server).
    pub fn new(inner: Arc<dyn Store>, login: &str, owner: Option<&str>) -> Self {
        AccessControlled {
            inner,
            login: login.to_string(),
            actor: login.to_string(),
            owner: owner.map(str::to_string),
        }
    }

    /// The same store with writes journaled as "LOGIN pour BUYER" (`sourcing … --pour
    /// BUYER` through a forum server); rights stay the login's. Errors:
    /// [`StoreError::Denied`] (action [`Action::ActForBuyer`]) unless the login is an
    /// organiser; the store's.
    pub fn acting_for(&self, buyer: &str) -> StoreResult<Self> {
        self.organiser_only(Action::ActForBuyer)?;
        let buyer = crate::domain::text::clean_line(buyer);
        Ok(AccessControlled {
            inner: self.inner.clone(),
            login: self.login.clone(),
            actor: if buyer == self.login {
                self.login.clone()
            } else {
                format!("{} pour {buyer}", self.login)
            },
            owner: self.owner.clone(),
        })
    }

    /// The journal's actor for this store's writes (see [`AccessControlled::acting_for`]).
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The login this store acts as.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The login's role now: `Some(Organiser)` on an empty list or for the server's
    /// account, its entry's role, or None when it is not on the list.
    pub fn role(&self) -> StoreResult<Option<Role>> {
        if self.owner.as_deref() == Some(self.login.as_str()) {
            return Ok(Some(Role::Organiser));
        }
        let list = self.inner.buyers()?;
        if list.is_empty() {
            return Ok(Some(Role::Organiser));
        }
        Ok(list.iter().find(|b| b.login == self.login).map(|b| b.role))
    }

    /// The login's entry as the server tells its client (a synthetic organiser entry on an
    /// empty list; None when not on a non-empty list).
    pub fn identity(&self) -> StoreResult<Option<Buyer>> {
        let list = self.inner.buyers()?;
        if let Some(b) = list.iter().find(|b| b.login == self.login) {
            return Ok(Some(b.clone()));
        }
        Ok(self.role()?.map(|role| Buyer {
            login: self.login.clone(),
            display_name: self.login.clone(),
            service: String::new(),
            role,
        }))
    }

    fn denied(&self, role: Option<Role>, action: Action) -> StoreError {
        StoreError::Denied {
            login: self.login.clone(),
            role,
            action,
        }
    }

    /// Ok when the role is organiser, or when it is buyer and `own()` says the thing is
    /// the login's (called only then).
    fn check(&self, action: Action, own: impl FnOnce() -> StoreResult<bool>) -> StoreResult<()> {
        match self.role()? {
            Some(Role::Organiser) => Ok(()),
            Some(Role::Buyer) if own()? => Ok(()),
            role => Err(self.denied(role, action)),
        }
    }

    fn organiser_only(&self, action: Action) -> StoreResult<()> {
        self.check(action, || Ok(false))
    }

    fn owns_need(&self, id: NeedId) -> StoreResult<bool> {
        Ok(self
            .inner
            .needs()?
            .iter()
            .any(|n| n.id == id && n.owner == self.login))
    }

    /// Whether the login owns the need or is one of its co-buyers (who share its
    /// shortlist and meeting requests).
    fn shares_need(&self, id: NeedId) -> StoreResult<bool> {
        Ok(self
            .inner
            .needs()?
            .iter()
            .any(|n| n.id == id && (n.owner == self.login || n.co_buyers.contains(&self.login))))
    }

    fn takes_part(&self, id: MeetingId) -> StoreResult<bool> {
        Ok(self
            .inner
            .meetings()?
            .iter()
            .any(|m| m.id == id && m.buyers.contains(&self.login)))
    }
}

impl Store for AccessControlled {
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>> {
        self.inner.supplier(id)
    }
    fn for_each_supplier(&self, f: &mut dyn FnMut(Supplier) -> ControlFlow<()>) -> StoreResult<()> {
        self.inner.for_each_supplier(f)
    }
    fn suppliers_page(
        &self,
        after: Option<SupplierId>,
        limit: usize,
    ) -> StoreResult<Vec<Supplier>> {
        self.inner.suppliers_page(after, limit)
    }
    fn suppliers_by_id(&self, ids: &[SupplierId]) -> StoreResult<Vec<Option<Supplier>>> {
        self.inner.suppliers_by_id(ids)
    }
    fn supplier_count(&self) -> StoreResult<usize> {
        self.inner.supplier_count()
    }
    fn write_stamp(&self) -> StoreResult<Option<WriteStamp>> {
        self.inner.write_stamp()
    }
    fn upsert_suppliers(
        &self,
        batch: Vec<Supplier>,
        _actor: &str,
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.organiser_only(Action::ChangeSuppliers)?;
        self.inner.upsert_suppliers(batch, &self.actor)
    }
    fn upsert_suppliers_with_progress(
        &self,
        batch: Vec<Supplier>,
        _actor: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.organiser_only(Action::ChangeSuppliers)?;
        self.inner
            .upsert_suppliers_with_progress(batch, &self.actor, progress)
    }
    fn needs(&self) -> StoreResult<Vec<Need>> {
        self.inner.needs()
    }
    fn save_need(&self, mut need: Need, _actor: &str) -> StoreResult<Need> {
        if need.owner.is_empty() {
            need.owner = self.login.clone();
        }
        let (id, owner) = (need.id, need.owner.clone());
        self.check(Action::ChangeNeed, || {
            // A buyer creates needs of its own and changes only those it owns (it cannot
            // give one away either).
            Ok(owner == self.login && (id == 0 || self.owns_need(id)?))
        })?;
        self.inner.save_need(need, &self.actor)
    }
    fn shortlist(&self, need: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
        self.inner.shortlist(need)
    }
    fn save_shortlist_entry(&self, entry: ShortlistEntry, _actor: &str) -> StoreResult<()> {
        self.check(Action::ChangeShortlist, || self.shares_need(entry.need))?;
        self.inner.save_shortlist_entry(entry, &self.actor)
    }
    fn remove_shortlist_entry(
        &self,
        need: NeedId,
        lot: u32,
        supplier: SupplierId,
        _actor: &str,
    ) -> StoreResult<()> {
        self.check(Action::ChangeShortlist, || self.shares_need(need))?;
        self.inner
            .remove_shortlist_entry(need, lot, supplier, &self.actor)
    }
    fn forum_days(&self) -> StoreResult<Vec<ForumDay>> {
        self.inner.forum_days()
    }
    fn edit_forum_day(
        &self,
        day: ForumDay,
        on_misfit: super::DayEdit,
        _actor: &str,
    ) -> StoreResult<Vec<crate::domain::forum::replan::MeetingMove>> {
        self.organiser_only(Action::ChangeForumDay)?;
        self.inner.edit_forum_day(day, on_misfit, &self.actor)
    }
    fn remove_forum_day(&self, day: jiff::civil::Date, _actor: &str) -> StoreResult<usize> {
        self.organiser_only(Action::ChangeForumDay)?;
        self.inner.remove_forum_day(day, &self.actor)
    }
    fn save_registrations(
        &self,
        day: jiff::civil::Date,
        registrations: Vec<crate::domain::forum::Registration>,
        _actor: &str,
    ) -> StoreResult<()> {
        self.organiser_only(Action::ChangeForumDay)?;
        self.inner
            .save_registrations(day, registrations, &self.actor)
    }
    fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        self.inner.meetings()
    }
    fn plan_meeting(&self, meeting: Meeting, _actor: &str) -> StoreResult<Meeting> {
        let part = meeting.buyers.contains(&self.login);
        self.check(Action::ChangeMeeting, || Ok(part && meeting.id == 0))?;
        self.inner.plan_meeting(meeting, &self.actor)
    }
    fn set_meeting_status(
        &self,
        id: MeetingId,
        status: MeetingStatus,
        _actor: &str,
    ) -> StoreResult<Meeting> {
        self.check(Action::ChangeMeeting, || self.takes_part(id))?;
        self.inner.set_meeting_status(id, status, &self.actor)
    }
    fn stamp_meeting(
        &self,
        id: MeetingId,
        stamp: crate::domain::MeetingStamp,
        _actor: &str,
    ) -> StoreResult<Meeting> {
        self.check(Action::ChangeMeeting, || self.takes_part(id))?;
        self.inner.stamp_meeting(id, stamp, &self.actor)
    }
    fn log_outcome(&self, outcome: Outcome, _actor: &str) -> StoreResult<Outcome> {
        self.check(Action::LogOutcome, || self.takes_part(outcome.meeting))?;
        self.inner.log_outcome(outcome, &self.actor)
    }
    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>> {
        self.inner.outcomes(meeting)
    }
    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>> {
        self.inner.all_outcomes()
    }
    fn journal(&self) -> StoreResult<Vec<JournalEvent>> {
        self.inner.journal()
    }
    fn buyers(&self) -> StoreResult<Vec<Buyer>> {
        self.inner.buyers()
    }
    fn save_buyer(&self, buyer: Buyer, _actor: &str) -> StoreResult<()> {
        self.inner.save_buyer(buyer, &self.login)
    }
    fn remove_buyer(&self, login: &str, _actor: &str) -> StoreResult<()> {
        self.inner.remove_buyer(login, &self.login)
    }
    fn news(&self) -> Option<std::sync::mpsc::Receiver<StoreNews>> {
        self.inner.news()
    }
    fn identity(&self) -> Option<Buyer> {
        self.inner.identity()
    }
    fn clock(&self) -> Arc<dyn Clock> {
        self.inner.clock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    fn entry(login: &str, role: Role) -> Buyer {
        Buyer {
            login: login.into(),
            display_name: login.into(),
            service: String::new(),
            role,
        }
    }

    fn store_with_roles() -> Arc<dyn Store> {
        let store: Arc<dyn Store> = Arc::new(MemoryStore::default());
        store
            .save_buyer(entry("marie", Role::Buyer), "orga")
            .unwrap();
        store
            .save_buyer(entry("paul", Role::Buyer), "orga")
            .unwrap();
        store
            .save_buyer(entry("olga", Role::Observer), "orga")
            .unwrap();
        store
    }

    fn as_(store: &Arc<dyn Store>, login: &str) -> AccessControlled {
        AccessControlled::new(store.clone(), login, Some("serveur"))
    }

    fn denied(r: StoreResult<impl std::fmt::Debug>) -> (String, Option<Role>, Action) {
        match r {
            Err(StoreError::Denied {
                login,
                role,
                action,
            }) => (login, role, action),
            other => panic!("expected Denied, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_list_makes_everyone_an_organiser() {
        let store: Arc<dyn Store> = Arc::new(MemoryStore::default());
        let anyone = AccessControlled::new(store, "anyone", None);
        assert_eq!(anyone.role().unwrap(), Some(Role::Organiser));
        anyone
            .save_forum_day(ForumDay::typical(jiff::civil::date(2026, 12, 3)), "ignored")
            .unwrap();
    }

    #[test]
    fn buyers_change_only_what_is_theirs() {
        let store = store_with_roles();
        let marie = as_(&store, "marie");
        let paul = as_(&store, "paul");
        let orga = as_(&store, "serveur");
        let named = |n: &str| Supplier {
            name: n.into(),
            ..Default::default()
        };
        let (_, ids) = orga
            .upsert_suppliers(vec![named("Alpha"), named("Beta")], "x")
            .unwrap();
        // Marie's need is hers, whatever she claims as its actor.
        let need = marie
            .save_need(
                Need {
                    title: "Isolation".into(),
                    ..Default::default()
                },
                "paul",
            )
            .unwrap();
        assert_eq!(need.owner, "marie");
        assert_eq!(
            denied(paul.save_need(need.clone(), "paul")),
            ("paul".into(), Some(Role::Buyer), Action::ChangeNeed)
        );
        let entry = ShortlistEntry {
            need: need.id,
            supplier: ids[0],
            ..Default::default()
        };
        assert_eq!(
            denied(paul.save_shortlist_entry(entry.clone(), "paul")).2,
            Action::ChangeShortlist
        );
        marie.save_shortlist_entry(entry.clone(), "marie").unwrap();
        // A co-buyer shares the need's shortlist (its meeting requests), not the need.
        let mut shared = need.clone();
        shared.co_buyers = vec!["paul".into()];
        let shared = marie.save_need(shared, "marie").unwrap();
        paul.save_shortlist_entry(entry, "paul").unwrap();
        assert_eq!(denied(paul.save_need(shared, "paul")).2, Action::ChangeNeed);
        // Forum days and suppliers are the organisers'.
        assert_eq!(
            denied(
                marie.save_forum_day(ForumDay::typical(jiff::civil::date(2026, 12, 3)), "marie")
            )
            .2,
            Action::ChangeForumDay
        );
        assert_eq!(
            denied(marie.upsert_suppliers(vec![Supplier::default()], "marie")).2,
            Action::ChangeSuppliers
        );
        orga.save_forum_day(ForumDay::typical(jiff::civil::date(2026, 12, 3)), "x")
            .unwrap();
        // Meetings: only those one takes part in.
        let day = jiff::civil::date(2026, 12, 3);
        let meeting = marie
            .plan_meeting(
                Meeting {
                    supplier: ids[0],
                    buyers: vec!["marie".into()],
                    day,
                    table: 1,
                    start: crate::domain::forum::typical_start(day, 0),
                    ..Default::default()
                },
                "marie",
            )
            .unwrap();
        assert_eq!(
            denied(paul.plan_meeting(
                Meeting {
                    supplier: ids[1],
                    buyers: vec!["marie".into()],
                    day,
                    start: crate::domain::forum::typical_start(day, 1),
                    table: 2,
                    ..Default::default()
                },
                "paul"
            ))
            .2,
            Action::ChangeMeeting
        );
        assert_eq!(
            denied(paul.set_meeting_status(meeting.id, MeetingStatus::Cancelled, "paul")).2,
            Action::ChangeMeeting
        );
        assert_eq!(
            denied(paul.log_outcome(
                Outcome {
                    meeting: meeting.id,
                    version: 0,
                    next_step: Default::default(),
                    rating: Some(3),
                    notes: String::new(),
                    follow_up: None,
                    follow_up_result: None,
                    documents_given: Vec::new(),
                    logged_by: "paul".into(),
                    logged_at: jiff::Timestamp::UNIX_EPOCH,
                },
                "paul"
            ))
            .2,
            Action::LogOutcome
        );
        marie
            .set_meeting_status(meeting.id, MeetingStatus::Held, "marie")
            .unwrap();
        // Every write is journaled under the login, not the claimed actor: Paul's only
        // line is his own shortlist write as a co-buyer.
        let pauls = store.journal().unwrap();
        assert_eq!(pauls.iter().filter(|e| e.actor == "paul").count(), 1);
    }

    #[test]
    fn observers_and_strangers_only_read() {
        let store = store_with_roles();
        let olga = as_(&store, "olga");
        assert_eq!(
            denied(olga.save_need(Need::default(), "olga")),
            ("olga".into(), Some(Role::Observer), Action::ChangeNeed)
        );
        assert!(olga.needs().is_ok());
        let stranger = as_(&store, "inconnu");
        assert_eq!(stranger.role().unwrap(), None);
        assert_eq!(stranger.identity().unwrap(), None);
        assert_eq!(
            denied(stranger.save_need(Need::default(), "inconnu")).1,
            None
        );
        assert_eq!(
            denied(stranger.save_buyer(entry("inconnu", Role::Organiser), "orga")).2,
            Action::ChangeBuyers
        );
    }
}
