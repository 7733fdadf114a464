//! An in-memory [`Store`]: the trait's second implementation (the sled store is the
//! first; the shared-mode client will be the third). For tests and tools that need a store
//! without a directory. Same rules as [`super::SledStore`]: ids and journal sequence
//! numbers from one counter, the domain's `validate()` and the same text cleaning
//! (`prepare`), a slot booked once per table, buyer and supplier, and every change
//! journalled with it — each write runs under one lock, so a reader sees all of it or
//! none. Nothing survives the process.

use super::keys::slot_keys;
use super::{
    prepare, summary, Clock, DayEdit, Missing, QuotaWho, Store, StoreError, StoreResult,
    UpsertCounts,
};
use crate::domain::forum::replan::{describe, replan, MeetingMove};
use crate::domain::text::clean_line;
use crate::domain::MeetingError;
use crate::domain::{
    Event, ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, Supplier, SupplierId,
};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};
use std::ops::ControlFlow;
use std::sync::{Arc, Mutex, MutexGuard};

/// Everything the store holds.
#[derive(Default, Clone)]
struct State {
    /// The last id handed out (suppliers, needs, meetings, journal events share it).
    counter: u64,
    suppliers: BTreeMap<SupplierId, Supplier>,
    /// Identity key (see [`Supplier::identity_key`]) → supplier.
    identity: HashMap<String, SupplierId>,
    needs: BTreeMap<NeedId, Need>,
    shortlist: BTreeMap<(NeedId, u32, SupplierId), ShortlistEntry>,
    forum_days: BTreeMap<Date, ForumDay>,
    meetings: BTreeMap<MeetingId, Meeting>,
    /// Slot key (as the sled store's `slots` tree) → the meeting holding it.
    slots: HashMap<Vec<u8>, MeetingId>,
    outcomes: BTreeMap<(MeetingId, u32), Outcome>,
    journal: Vec<JournalEvent>,
    /// The access list, by login.
    buyers: BTreeMap<String, crate::domain::Buyer>,
}

impl State {
    /// Refuses `m` when its supplier or one of its buyers already has the day's maximum
    /// of meetings holding a slot (the sled store keeps counters; here they are counted).
    fn check_quota(&self, m: &Meeting, day: &ForumDay, supplier_name: &str) -> StoreResult<()> {
        let of_day = || {
            self.meetings
                .values()
                .filter(|o| o.day == m.day && o.id != m.id && o.occupies_slot())
        };
        if let Some(max) = day.max_per_supplier {
            if of_day().filter(|o| o.supplier == m.supplier).count() >= max as usize {
                return Err(StoreError::QuotaReached {
                    day: m.day,
                    holder: QuotaWho::Supplier(supplier_name.to_string()),
                    max,
                });
            }
        }
        if let Some(max) = day.max_per_buyer {
            for b in &m.buyers {
                if of_day().filter(|o| o.buyers.contains(b)).count() >= max as usize {
                    return Err(StoreError::QuotaReached {
                        day: m.day,
                        holder: QuotaWho::Buyer(b.clone()),
                        max,
                    });
                }
            }
        }
        Ok(())
    }

    fn next_id(&mut self) -> u64 {
        self.counter = self.counter.saturating_add(1).max(1);
        self.counter
    }

    fn journal(&mut self, at: jiff::Timestamp, actor: &str, event: Event) {
        let seq = self.next_id();
        self.journal.push(JournalEvent {
            seq,
            at,
            actor: prepare::actor_or_system(actor),
            entity: event.entity(),
            id: event.subject(),
            action: event.action().to_string(),
            summary: String::new(),
            event: Some(event),
        });
    }

    fn supplier_name(&self, id: SupplierId) -> Option<String> {
        self.suppliers.get(&id).map(|s| clean_line(&s.name))
    }
}

/// The in-memory store. `MemoryStore::default()` uses the system clock.
pub struct MemoryStore {
    state: Mutex<State>,
    clock: Arc<dyn Clock>,
}

impl Default for MemoryStore {
    fn default() -> Self {
        Self::new(super::clock::system())
    }
}

impl MemoryStore {
    /// An empty store whose writes are stamped by `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        MemoryStore {
            state: Mutex::new(State::default()),
            clock,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn not_found(what: Missing, id: u64) -> StoreError {
    StoreError::NotFound { what, id }
}

/// Upserts `batch` into `st` (a copy: the caller keeps it only on success).
fn upsert(
    st: &mut State,
    batch: &[Supplier],
) -> StoreResult<(UpsertCounts, Vec<SupplierId>, (&'static str, u64))> {
    let mut counts = UpsertCounts::default();
    let mut ids = Vec::with_capacity(batch.len());
    let mut last = ("unchanged", 0u64);
    for input in batch {
        let mut s = input.clone();
        let key = s.identity_key();
        let known = st.identity.get(&key).copied();
        if s.id != 0 {
            if let Some(other) = known.filter(|k| *k != s.id) {
                return Err(StoreError::DuplicateSiret {
                    siret: key
                        .split_once(':')
                        .map_or(key.clone(), |(_, v)| v.to_string()),
                    existing: other,
                });
            }
        } else if let Some(k) = known {
            s.id = k;
        }
        match st.suppliers.get(&s.id).cloned() {
            None if input.id != 0 => return Err(not_found(Missing::Supplier, input.id)),
            None => {
                if s.id == 0 {
                    s.id = st.next_id();
                }
                st.identity.insert(key, s.id);
                counts.created += 1;
                last = ("created", s.id);
            }
            Some(old) if old == s => {
                counts.unchanged += 1;
                ids.push(s.id);
                continue;
            }
            Some(old) => {
                let old_key = old.identity_key();
                if old_key != key {
                    if st.identity.get(&old_key) == Some(&s.id) {
                        st.identity.remove(&old_key);
                    }
                    st.identity.insert(key, s.id);
                }
                counts.updated += 1;
                last = ("updated", s.id);
            }
        }
        ids.push(s.id);
        st.suppliers.insert(s.id, s);
    }
    if counts.created + counts.updated > 0 {
        // The suppliers' write stamp, as the sled store takes one from the counter.
        st.next_id();
    }
    Ok((counts, ids, last))
}

impl Store for MemoryStore {
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>> {
        Ok(self.lock().suppliers.get(&id).cloned())
    }

    fn for_each_supplier(&self, f: &mut dyn FnMut(Supplier) -> ControlFlow<()>) -> StoreResult<()> {
        // One supplier cloned at a time, the lock released in between (a callback may
        // call the store).
        let mut after: Option<SupplierId> = None;
        loop {
            let next = {
                let st = self.lock();
                let mut range = match after {
                    None => st.suppliers.range(..),
                    Some(a) => st.suppliers.range(a.saturating_add(1)..),
                };
                range.next().map(|(_, s)| s.clone())
            };
            let Some(s) = next else { return Ok(()) };
            if after == Some(s.id) {
                return Ok(());
            }
            after = Some(s.id);
            if f(s).is_break() {
                return Ok(());
            }
        }
    }

    fn suppliers_page(
        &self,
        after: Option<SupplierId>,
        limit: usize,
    ) -> StoreResult<Vec<Supplier>> {
        let st = self.lock();
        let start = match after {
            None => 0,
            Some(u64::MAX) => return Ok(Vec::new()),
            Some(a) => a + 1,
        };
        Ok(st
            .suppliers
            .range(start..)
            .take(limit)
            .map(|(_, s)| s.clone())
            .collect())
    }

    fn supplier_count(&self) -> StoreResult<usize> {
        Ok(self.lock().suppliers.len())
    }

    fn upsert_suppliers(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        if batch.is_empty() {
            return Ok((UpsertCounts::default(), Vec::new()));
        }
        let mut st = self.lock();
        let mut next = st.clone();
        let (counts, ids, (action, id)) = upsert(&mut next, &batch)?;
        let at = self.clock.now();
        if batch.len() == 1 {
            if action != "unchanged" {
                let ev = summary::supplier_saved(id, &batch[0].name, action == "created");
                next.journal(at, actor, ev);
            }
        } else {
            let ev = summary::imported(&batch, counts);
            next.journal(at, actor, ev);
        }
        *st = next;
        Ok((counts, ids))
    }

    fn needs(&self) -> StoreResult<Vec<Need>> {
        Ok(self.lock().needs.values().cloned().collect())
    }

    fn save_need(&self, mut need: Need, actor: &str) -> StoreResult<Need> {
        prepare::need(&mut need)?;
        let mut st = self.lock();
        let created = need.id == 0;
        if created {
            need.id = st.next_id();
        } else if let Some(before) = st.needs.get(&need.id) {
            let shortlist: Vec<ShortlistEntry> = st
                .shortlist
                .range((need.id, 0, 0)..=(need.id, u32::MAX, u64::MAX))
                .map(|(_, e)| e.clone())
                .collect();
            let meetings: Vec<Meeting> = st.meetings.values().cloned().collect();
            need.check_removed_lots(before, &shortlist, &meetings)?;
        } else {
            return Err(not_found(Missing::Need, need.id));
        }
        st.needs.insert(need.id, need.clone());
        let ev = Event::NeedSaved {
            need: need.id,
            title: need.title.clone(),
            created,
        };
        st.journal(self.clock.now(), actor, ev);
        Ok(need)
    }

    fn shortlist(&self, need: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
        Ok(self
            .lock()
            .shortlist
            .range((need, 0, 0)..=(need, u32::MAX, u64::MAX))
            .map(|(_, e)| e.clone())
            .collect())
    }

    fn save_shortlist_entry(&self, mut entry: ShortlistEntry, actor: &str) -> StoreResult<()> {
        prepare::shortlist_entry(&mut entry);
        let mut st = self.lock();
        let need = st
            .needs
            .get(&entry.need)
            .ok_or_else(|| not_found(Missing::Need, entry.need))?;
        need.validate_lot(entry.lot)?;
        let name = st
            .supplier_name(entry.supplier)
            .ok_or_else(|| not_found(Missing::Supplier, entry.supplier))?;
        let key = (entry.need, entry.lot, entry.supplier);
        let from = st
            .shortlist
            .insert(key, entry.clone())
            .map(|old| old.status);
        let ev = Event::ShortlistSaved {
            need: entry.need,
            lot: entry.lot,
            supplier: entry.supplier,
            supplier_name: name,
            from,
            to: entry.status,
            reason: clean_line(&entry.reason),
        };
        st.journal(self.clock.now(), actor, ev);
        Ok(())
    }

    fn remove_shortlist_entry(
        &self,
        need: NeedId,
        lot: u32,
        supplier: SupplierId,
        actor: &str,
    ) -> StoreResult<()> {
        let mut st = self.lock();
        if st.shortlist.remove(&(need, lot, supplier)).is_none() {
            return Ok(());
        }
        let ev = Event::ShortlistRemoved {
            need,
            lot,
            supplier,
            supplier_name: st.supplier_name(supplier),
        };
        st.journal(self.clock.now(), actor, ev);
        Ok(())
    }

    fn forum_days(&self) -> StoreResult<Vec<ForumDay>> {
        Ok(self.lock().forum_days.values().cloned().collect())
    }

    fn edit_forum_day(
        &self,
        mut day: ForumDay,
        on_misfit: DayEdit,
        actor: &str,
    ) -> StoreResult<Vec<MeetingMove>> {
        prepare::forum_day(&mut day)?;
        let mut st = self.lock();
        let old = st.forum_days.get(&day.date).cloned();
        day.registrations = old
            .as_ref()
            .map(|d| d.registrations.clone())
            .unwrap_or_default();
        let meetings: Vec<Meeting> = st.meetings.values().cloned().collect();
        let displaced = replan(&day, &meetings);
        let moves = describe(&displaced, old.as_ref(), &day, &meetings, |m| {
            Ok::<_, StoreError>(st.supplier_name(m.supplier).unwrap_or_default())
        })?;
        if on_misfit.refuses(&moves) {
            return Err(StoreError::DayMisfits {
                day: day.date,
                meetings: moves,
            });
        }
        let now = self.clock.now();
        let mut moved = Vec::new();
        for mv in &moves {
            if let Some(m) = st.meetings.get(&mv.meeting).cloned() {
                for (k, _) in slot_keys(&m, "", "") {
                    st.slots.remove(&k);
                }
                moved.push((mv, m));
            }
        }
        for (mv, mut m) in moved {
            let Some(ev) = mv.apply(&day, &mut m) else {
                continue;
            };
            for (k, _) in slot_keys(&m, "", "") {
                st.slots.insert(k, m.id);
            }
            st.meetings.insert(m.id, m);
            st.journal(now, actor, ev);
        }
        let created = st.forum_days.insert(day.date, day.clone()).is_none();
        st.journal(now, actor, Event::forum_day_saved(&day, created));
        Ok(moves)
    }

    fn save_registrations(
        &self,
        date: Date,
        registrations: Vec<crate::domain::forum::Registration>,
        actor: &str,
    ) -> StoreResult<()> {
        let mut st = self.lock();
        let Some(day) = st.forum_days.get_mut(&date) else {
            return Err(StoreError::NoSuchDay { day: date });
        };
        let ev = Event::RegistrationsSaved {
            date,
            registered: registrations.len(),
            before: day.registrations.len(),
        };
        day.registrations = registrations;
        st.journal(self.clock.now(), actor, ev);
        Ok(())
    }

    fn remove_forum_day(&self, date: Date, actor: &str) -> StoreResult<usize> {
        let mut st = self.lock();
        if !st.forum_days.contains_key(&date) {
            return Err(StoreError::NoSuchDay { day: date });
        }
        let of_day: Vec<Meeting> = st
            .meetings
            .values()
            .filter(|m| m.day == date)
            .cloned()
            .collect();
        let held = of_day
            .iter()
            .filter(|m| matches!(m.status, MeetingStatus::Held | MeetingStatus::NoShow))
            .count();
        if held > 0 {
            return Err(StoreError::DayHeld { day: date, held });
        }
        let now = self.clock.now();
        let mut cancelled = 0;
        for mut m in of_day
            .into_iter()
            .filter(|m| m.status == MeetingStatus::Planned)
        {
            for (k, _) in slot_keys(&m, "", "") {
                st.slots.remove(&k);
            }
            m.status = MeetingStatus::Cancelled;
            let ev = Event::MeetingStatusChanged {
                meeting: m.id,
                supplier: m.supplier,
                supplier_name: st.supplier_name(m.supplier),
                from: MeetingStatus::Planned,
                to: MeetingStatus::Cancelled,
            };
            st.meetings.insert(m.id, m);
            st.journal(now, actor, ev);
            cancelled += 1;
        }
        st.forum_days.remove(&date);
        st.journal(now, actor, Event::ForumDayRemoved { date, cancelled });
        Ok(cancelled)
    }

    fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        Ok(self.lock().meetings.values().cloned().collect())
    }

    fn plan_meeting(&self, mut m: Meeting, actor: &str) -> StoreResult<Meeting> {
        prepare::meeting_to_plan(&mut m)?;
        let mut st = self.lock();
        let name = st
            .supplier_name(m.supplier)
            .ok_or_else(|| not_found(Missing::Supplier, m.supplier))?;
        if let Some(n) = m.need {
            let need = st
                .needs
                .get(&n)
                .ok_or_else(|| not_found(Missing::Need, n))?;
            // A closed need takes no new meeting; its lot must exist.
            need.validate_lot(m.lot)?;
        }
        let day = st
            .forum_days
            .get(&m.day)
            .cloned()
            .ok_or(MeetingError::NoSuchDay { day: m.day })?;
        m.validate_on(&day)?;
        let keys = slot_keys(&m, day.table_name(m.table), &name);
        for (k, conflict) in &keys {
            if let Some(holder) = st.slots.get(k) {
                return Err(StoreError::SlotTaken {
                    conflict: conflict.clone(),
                    meeting: *holder,
                });
            }
        }
        st.check_quota(&m, &day, &name)?;
        m.id = st.next_id();
        for (k, _) in keys {
            st.slots.insert(k, m.id);
        }
        st.meetings.insert(m.id, m.clone());
        let ev = Event::MeetingPlanned {
            meeting: m.id,
            supplier: m.supplier,
            supplier_name: name,
            table: day.table_name(m.table).to_string(),
            slot: 0,
            start: Some(m.start),
            day: m.day,
            buyers: m.buyers.clone(),
        };
        st.journal(self.clock.now(), actor, ev);
        Ok(m)
    }

    fn set_meeting_status(
        &self,
        id: MeetingId,
        status: MeetingStatus,
        actor: &str,
    ) -> StoreResult<Meeting> {
        let mut st = self.lock();
        let mut m = st
            .meetings
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found(Missing::Meeting, id))?;
        if m.status == status {
            return Ok(m);
        }
        let was = m.occupies_slot();
        let from = m.status;
        m.status = status;
        let name = st.supplier_name(m.supplier);
        let day = st
            .forum_days
            .get(&m.day)
            .cloned()
            .ok_or(MeetingError::NoSuchDay { day: m.day })?;
        let keys = slot_keys(
            &m,
            day.table_name(m.table),
            name.as_deref().unwrap_or_default(),
        );
        if was && !m.occupies_slot() {
            for (k, _) in &keys {
                if st.slots.get(k) == Some(&id) {
                    st.slots.remove(k);
                }
            }
        } else if !was && m.occupies_slot() {
            m.validate_on(&day)?;
            st.check_quota(&m, &day, name.as_deref().unwrap_or_default())?;
            for (k, conflict) in &keys {
                if let Some(holder) = st.slots.get(k) {
                    return Err(StoreError::SlotTaken {
                        conflict: conflict.clone(),
                        meeting: *holder,
                    });
                }
            }
            for (k, _) in keys {
                st.slots.insert(k, id);
            }
        }
        let now = self.clock.now();
        st.meetings.insert(id, m.clone());
        let ev = Event::MeetingStatusChanged {
            meeting: id,
            supplier: m.supplier,
            supplier_name: name,
            from,
            to: status,
        };
        st.journal(now, actor, ev);
        Ok(m)
    }

    fn stamp_meeting(
        &self,
        id: MeetingId,
        stamp: crate::domain::MeetingStamp,
        actor: &str,
    ) -> StoreResult<Meeting> {
        let mut st = self.lock();
        let mut m = st
            .meetings
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found(Missing::Meeting, id))?;
        let now = self.clock.now();
        let from = m.status;
        if !m.stamp(stamp, now)? {
            return Ok(m);
        }
        st.meetings.insert(id, m.clone());
        let name = st.supplier_name(m.supplier);
        for ev in super::timed_events(&m, from, stamp, name) {
            st.journal(now, actor, ev);
        }
        Ok(m)
    }

    fn log_outcome(&self, mut o: Outcome, actor: &str) -> StoreResult<Outcome> {
        prepare::outcome(&mut o, actor)?;
        let mut st = self.lock();
        if !st.meetings.contains_key(&o.meeting) {
            return Err(not_found(Missing::Meeting, o.meeting));
        }
        let last = st
            .outcomes
            .range((o.meeting, 0)..=(o.meeting, u32::MAX))
            .next_back()
            .map_or(0, |((_, v), _)| *v);
        o.version = last + 1;
        let now = self.clock.now();
        o.logged_at = now;
        st.outcomes.insert((o.meeting, o.version), o.clone());
        let ev = Event::OutcomeLogged {
            meeting: o.meeting,
            version: o.version,
            next_step: o.next_step,
            rating: o.rating,
        };
        st.journal(now, actor, ev);
        Ok(o)
    }

    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>> {
        Ok(self
            .lock()
            .outcomes
            .range((meeting, 0)..=(meeting, u32::MAX))
            .map(|(_, o)| o.clone())
            .collect())
    }

    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>> {
        Ok(self.lock().outcomes.values().cloned().collect())
    }

    fn journal(&self) -> StoreResult<Vec<JournalEvent>> {
        Ok(self.lock().journal.clone())
    }

    fn buyers(&self) -> StoreResult<Vec<crate::domain::Buyer>> {
        Ok(self.lock().buyers.values().cloned().collect())
    }

    fn save_buyer(&self, buyer: crate::domain::Buyer, actor: &str) -> StoreResult<()> {
        let mut st = self.lock();
        let list: Vec<_> = st.buyers.values().cloned().collect();
        super::access::may_change(&list, actor)?;
        for b in super::access::entries_to_save(&list, buyer, actor) {
            let ev = Event::buyer_saved(&b, !st.buyers.contains_key(&b.login));
            st.buyers.insert(b.login.clone(), b);
            st.journal(self.clock.now(), actor, ev);
        }
        Ok(())
    }

    fn remove_buyer(&self, login: &str, actor: &str) -> StoreResult<()> {
        let mut st = self.lock();
        let list: Vec<_> = st.buyers.values().cloned().collect();
        super::access::may_change(&list, actor)?;
        if let Some(gone) = st.buyers.remove(login) {
            let ev = Event::buyer_removed(&gone);
            st.journal(self.clock.now(), actor, ev);
        }
        Ok(())
    }

    fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }
}
