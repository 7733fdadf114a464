//! [`RemoteStore`]: the [`Store`] trait answered by the forum server. Every call is one
//! request (lists that could outgrow a frame are paged); a write returns once the server
//! made it durable. The server acts as the login of this process's account: the `actor`
//! arguments are not sent.

use super::connection::Connection;
use crate::domain::{
    Buyer, ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, Supplier, SupplierId,
};
use crate::protocol::{RemoteError, Reply, Request, SUPPLIER_PAGE};
use crate::store::{Store, StoreError, StoreNews, StoreResult, UpsertCounts, WriteStamp};
use std::ops::ControlFlow;

/// The store of a forum server, through `conn`.
pub struct RemoteStore {
    conn: Connection,
}

impl RemoteStore {
    /// The store behind `conn`.
    pub fn new(conn: Connection) -> Self {
        RemoteStore { conn }
    }

    /// The link (for search and ranking on the same server).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Asks the server to journal this link's writes as "LOGIN pour `buyer`" (`--pour`).
    /// Errors: [`StoreError::Denied`] unless this login is an organiser; the link's.
    pub fn act_for(&self, buyer: &str) -> StoreResult<()> {
        match self.call(Request::ActFor(buyer.to_string()))? {
            Reply::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    fn call(&self, request: Request) -> StoreResult<Reply> {
        self.conn.call(request).map_err(|e| match e {
            RemoteError::Store(e) => e,
            RemoteError::Service(_) => StoreError::Disconnected,
            RemoteError::Protocol(m) => StoreError::Io(m),
        })
    }
}

fn unexpected(r: Reply) -> StoreError {
    StoreError::Corrupt(format!(
        "réponse inattendue du serveur / unexpected reply: {r:?}"
    ))
}

macro_rules! expect {
    ($self:ident, $req:expr, $pat:pat => $out:expr) => {
        match $self.call($req)? {
            $pat => Ok($out),
            other => Err(unexpected(other)),
        }
    };
}

impl Store for RemoteStore {
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>> {
        expect!(self, Request::Supplier(id), Reply::Supplier(s) => s)
    }
    fn for_each_supplier(&self, f: &mut dyn FnMut(Supplier) -> ControlFlow<()>) -> StoreResult<()> {
        let mut after = None;
        loop {
            let page = self.suppliers_page(after, SUPPLIER_PAGE)?;
            let Some(last) = page.last().map(|s| s.id) else {
                return Ok(());
            };
            for s in page {
                if f(s).is_break() {
                    return Ok(());
                }
            }
            after = Some(last);
        }
    }
    fn suppliers_page(
        &self,
        after: Option<SupplierId>,
        limit: usize,
    ) -> StoreResult<Vec<Supplier>> {
        let limit = u32::try_from(limit.min(SUPPLIER_PAGE)).unwrap_or(u32::MAX);
        expect!(self, Request::SuppliersPage { after, limit }, Reply::Suppliers(s) => s)
    }
    fn suppliers_by_id(&self, ids: &[SupplierId]) -> StoreResult<Vec<Option<Supplier>>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(SUPPLIER_PAGE) {
            out.extend(
                expect!(self, Request::SuppliersById(chunk.to_vec()), Reply::SuppliersById(s) => s)?,
            );
        }
        Ok(out)
    }
    fn supplier_count(&self) -> StoreResult<usize> {
        expect!(self, Request::SupplierCount, Reply::Count(n) => n as usize)
    }
    fn write_stamp(&self) -> StoreResult<Option<WriteStamp>> {
        expect!(self, Request::WriteStamp, Reply::WriteStamp(s) => s)
    }
    fn upsert_suppliers(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.upsert_suppliers_with_progress(batch, actor, &mut |_, _| {})
    }
    fn upsert_suppliers_with_progress(
        &self,
        batch: Vec<Supplier>,
        _actor: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        let total = batch.len();
        expect!(self, Request::UpsertBegin { total: total as u64 }, Reply::Done => ())?;
        let mut sent = 0;
        let mut rest = batch;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(SUPPLIER_PAGE));
            sent += rest.len();
            expect!(self, Request::UpsertChunk(rest), Reply::Done => ())?;
            // Sending is the first half of the work; the commit is the second.
            progress(sent / 2, total);
            rest = tail;
        }
        let r =
            expect!(self, Request::UpsertCommit, Reply::Upserted { counts, ids } => (counts, ids))?;
        progress(total, total);
        Ok(r)
    }
    fn needs(&self) -> StoreResult<Vec<Need>> {
        expect!(self, Request::Needs, Reply::Needs(n) => n)
    }
    fn save_need(&self, need: Need, _actor: &str) -> StoreResult<Need> {
        expect!(self, Request::SaveNeed(need), Reply::Need(n) => n)
    }
    fn shortlist(&self, need: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
        expect!(self, Request::Shortlist(need), Reply::Shortlist(s) => s)
    }
    fn save_shortlist_entry(&self, entry: ShortlistEntry, _actor: &str) -> StoreResult<()> {
        expect!(self, Request::SaveShortlistEntry(entry), Reply::Done => ())
    }
    fn remove_shortlist_entry(
        &self,
        need: NeedId,
        lot: u32,
        supplier: SupplierId,
        _actor: &str,
    ) -> StoreResult<()> {
        expect!(self, Request::RemoveShortlistEntry { need, lot, supplier }, Reply::Done => ())
    }
    fn forum_days(&self) -> StoreResult<Vec<ForumDay>> {
        expect!(self, Request::ForumDays, Reply::ForumDays(d) => d)
    }
    fn edit_forum_day(
        &self,
        day: ForumDay,
        on_misfit: crate::store::DayEdit,
        _actor: &str,
    ) -> StoreResult<Vec<crate::domain::forum::replan::MeetingMove>> {
        expect!(self, Request::EditForumDay { day, on_misfit }, Reply::Moved(m) => m)
    }
    fn save_registrations(
        &self,
        day: jiff::civil::Date,
        registrations: Vec<crate::domain::forum::Registration>,
        _actor: &str,
    ) -> StoreResult<()> {
        expect!(self, Request::SaveRegistrations { day, registrations }, Reply::Done => ())
    }
    fn remove_forum_day(&self, day: jiff::civil::Date, _actor: &str) -> StoreResult<usize> {
        expect!(self, Request::RemoveForumDay(day), Reply::Count(n) => usize::try_from(n).unwrap_or(usize::MAX))
    }
    fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        expect!(self, Request::Meetings, Reply::Meetings(m) => m)
    }
    fn plan_meeting(&self, meeting: Meeting, _actor: &str) -> StoreResult<Meeting> {
        expect!(self, Request::PlanMeeting(meeting), Reply::Meeting(m) => m)
    }
    fn set_meeting_status(
        &self,
        id: MeetingId,
        status: MeetingStatus,
        _actor: &str,
    ) -> StoreResult<Meeting> {
        expect!(self, Request::SetMeetingStatus { id, status }, Reply::Meeting(m) => m)
    }
    fn stamp_meeting(
        &self,
        id: MeetingId,
        stamp: crate::domain::MeetingStamp,
        _actor: &str,
    ) -> StoreResult<Meeting> {
        expect!(self, Request::StampMeeting { id, stamp }, Reply::Meeting(m) => m)
    }
    fn log_outcome(&self, outcome: Outcome, _actor: &str) -> StoreResult<Outcome> {
        expect!(self, Request::LogOutcome(outcome), Reply::Outcome(o) => o)
    }
    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>> {
        expect!(self, Request::Outcomes(meeting), Reply::Outcomes(o) => o)
    }
    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>> {
        expect!(self, Request::AllOutcomes, Reply::Outcomes(o) => o)
    }
    fn journal(&self) -> StoreResult<Vec<JournalEvent>> {
        let mut all: Vec<JournalEvent> = Vec::new();
        loop {
            let after = all.last().map_or(0, |e| e.seq);
            let page = expect!(self, Request::JournalPage { after }, Reply::Journal(j) => j)?;
            if page.is_empty() {
                return Ok(all);
            }
            all.extend(page);
        }
    }
    fn buyers(&self) -> StoreResult<Vec<Buyer>> {
        expect!(self, Request::Buyers, Reply::Buyers(b) => b)
    }
    fn save_buyer(&self, buyer: Buyer, _actor: &str) -> StoreResult<()> {
        expect!(self, Request::SaveBuyer(buyer), Reply::Done => ())
    }
    fn remove_buyer(&self, login: &str, _actor: &str) -> StoreResult<()> {
        expect!(self, Request::RemoveBuyer(login.to_string()), Reply::Done => ())
    }
    fn news(&self) -> Option<std::sync::mpsc::Receiver<StoreNews>> {
        Some(self.conn.subscribe())
    }
    fn identity(&self) -> Option<Buyer> {
        Some(self.conn.you())
    }
}
