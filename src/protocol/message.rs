//! The frames' contents: what a client asks ([`Request`]), what the server answers
//! ([`Reply`], [`RemoteError`]) and pushes ([`crate::store::StoreNews`]).
//!
//! Requests mirror the [`crate::store::Store`] trait and the search and ranking services,
//! without the `actor` argument: the server acts as the login the socket's peer
//! credentials name, whatever the client says.
//!
//! Frames are decoded once and moved to where they are handled, so the size of their
//! largest variant costs nothing worth a box (hence `large_enum_variant` is allowed).
#![allow(clippy::large_enum_variant)]

use crate::app::ServiceError;
use crate::domain::{
    Buyer, ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, Supplier, SupplierId,
};
use crate::matching::Match;
use crate::search::SearchResults;
use crate::store::{StoreError, StoreNews, UpsertCounts, WriteStamp};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A frame from a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClientFrame {
    /// The first frame: the client's protocol version and program (e.g. "sourcing 0.1.0").
    Hello {
        /// [`super::VERSION`] of the client.
        version: u32,
        /// Program and version, for the server's log.
        program: String,
    },
    /// A request; its reply carries the same id (ids are the client's, increasing).
    Call {
        /// Request id.
        id: u64,
        /// What is asked.
        request: Request,
    },
}

/// A frame from the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ServerFrame {
    /// The handshake succeeded.
    Welcome {
        /// [`super::VERSION`] of the server.
        version: u32,
        /// The server's process id (named by `store restore|compact` when refused).
        server_pid: u32,
        /// Who the server says the user is (peer credentials + access list). With an
        /// empty access list: the login, as an organiser.
        you: Buyer,
    },
    /// The handshake failed; the server closes the connection after this frame.
    Refused(Refusal),
    /// The answer to the request of this id.
    Reply {
        /// The request's id.
        id: u64,
        /// Its answer, or why there is none.
        result: Result<Reply, RemoteError>,
    },
    /// A change committed by another session, or a resynchronisation.
    News(StoreNews),
}

/// Why a handshake was refused (rendered by the client in its language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Protocol versions differ: run the server's program version.
    Version {
        /// The server's protocol version.
        server: u32,
        /// The server's program and version, e.g. "sourcing 0.2.0".
        program: String,
    },
    /// The login is not on the access list.
    UnknownLogin {
        /// The login the peer credentials name.
        login: String,
        /// Logins of the organisers who can add it.
        organisers: Vec<String>,
    },
    /// The connecting uid has no account name (no entry in the password database).
    NoAccountName {
        /// The uid.
        uid: u32,
    },
    /// The server is stopping.
    ShuttingDown,
}

/// A request: one per [`crate::store::Store`] method and service call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// `Store::supplier`.
    Supplier(SupplierId),
    /// `Store::suppliers_page` (at most [`super::SUPPLIER_PAGE`] are sent whatever the limit).
    SuppliersPage {
        /// Ids greater than this (None: from the first).
        after: Option<SupplierId>,
        /// Page size.
        limit: u32,
    },
    /// `Store::suppliers_by_id`.
    SuppliersById(Vec<SupplierId>),
    /// `Store::supplier_count`.
    SupplierCount,
    /// `Store::write_stamp`.
    WriteStamp,
    /// Starts a batch upsert of suppliers sent in chunks (one batch per session at a time;
    /// a new begin drops an unfinished one).
    UpsertBegin {
        /// Suppliers the batch will hold.
        total: u64,
    },
    /// The next chunk of the batch (at most [`super::SUPPLIER_PAGE`] suppliers).
    UpsertChunk(Vec<Supplier>),
    /// Writes the whole batch atomically (`Store::upsert_suppliers`); replies `Upserted`.
    UpsertCommit,
    /// `Store::needs`.
    Needs,
    /// `Store::save_need`.
    SaveNeed(Need),
    /// `Store::shortlist`.
    Shortlist(NeedId),
    /// `Store::save_shortlist_entry`.
    SaveShortlistEntry(ShortlistEntry),
    /// `Store::remove_shortlist_entry`.
    RemoveShortlistEntry {
        /// The need.
        need: NeedId,
        /// Its lot (0: the whole need).
        lot: u32,
        /// The supplier.
        supplier: SupplierId,
    },
    /// `Store::forum_days`.
    ForumDays,
    /// `Store::edit_forum_day`.
    EditForumDay {
        /// The day as it should be.
        day: ForumDay,
        /// What to do with meetings that no longer fit.
        on_misfit: crate::store::DayEdit,
    },
    /// `Store::remove_forum_day`.
    RemoveForumDay(jiff::civil::Date),
    /// `Store::save_registrations`.
    SaveRegistrations {
        /// The day.
        day: jiff::civil::Date,
        /// Its registrations, all of them.
        registrations: Vec<crate::domain::forum::Registration>,
    },
    /// `Store::meetings`.
    Meetings,
    /// `Store::plan_meeting`.
    PlanMeeting(Meeting),
    /// `Store::set_meeting_status`.
    SetMeetingStatus {
        /// The meeting.
        id: MeetingId,
        /// Its new status.
        status: MeetingStatus,
    },
    /// `Store::stamp_meeting`.
    StampMeeting {
        /// The meeting.
        id: MeetingId,
        /// Start or end.
        stamp: crate::domain::MeetingStamp,
    },
    /// `Store::log_outcome`.
    LogOutcome(Outcome),
    /// `Store::outcomes`.
    Outcomes(MeetingId),
    /// `Store::all_outcomes`.
    AllOutcomes,
    /// Journal events with a sequence number greater than `after`, oldest first, at most
    /// [`super::JOURNAL_PAGE`] (`Store::journal` pages through them).
    JournalPage {
        /// Last sequence number already read (0: from the start).
        after: u64,
    },
    /// `Store::buyers`.
    Buyers,
    /// `Store::save_buyer`.
    SaveBuyer(Buyer),
    /// `Store::remove_buyer`.
    RemoveBuyer(String),
    /// A search (`SearchService::request`): answered with `Searched`, or `Superseded` when
    /// a newer search of the same session arrived before it ran.
    Search {
        /// The query as typed.
        query: String,
        /// Hits wanted (the first page).
        limit: u32,
    },
    /// A ranking of the directory against a need (`RankingService::rank`).
    Rank {
        /// The need.
        need: Need,
        /// Its lot (0: the whole need).
        lot: u32,
        /// Suppliers wanted.
        limit: u32,
    },
    /// Number of suppliers ranked over (`RankingService::len`).
    RankingSize,
    /// `sourcing store check` in the server.
    Check,
    /// `sourcing store backup` in the server; replies `BackedUp`.
    Backup,
    /// Liveness probe.
    Ping,
    /// From now on, journal this session's writes as "LOGIN pour BUYER" (`--pour BUYER`);
    /// replies `Done`, or `Denied` unless the session's login is an organiser.
    ActFor(String),
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// Done, nothing to return (writes returning `()`, `UpsertBegin`, `UpsertChunk`, `Ping`).
    Done,
    /// One supplier or none.
    Supplier(Option<Supplier>),
    /// A page of suppliers.
    Suppliers(Vec<Supplier>),
    /// Suppliers by id, in the order asked.
    SuppliersById(Vec<Option<Supplier>>),
    /// A count.
    Count(u64),
    /// The suppliers' write stamp.
    WriteStamp(Option<WriteStamp>),
    /// A batch written: its counts and the ids in input order.
    Upserted {
        /// Created, updated, unchanged.
        counts: UpsertCounts,
        /// Ids in input order.
        ids: Vec<SupplierId>,
    },
    /// Needs.
    Needs(Vec<Need>),
    /// The need saved, with its id.
    Need(Need),
    /// A shortlist.
    Shortlist(Vec<ShortlistEntry>),
    /// Forum days.
    ForumDays(Vec<ForumDay>),
    /// The meetings a day edit moved.
    Moved(Vec<crate::domain::forum::replan::MeetingMove>),
    /// Meetings.
    Meetings(Vec<Meeting>),
    /// The meeting written.
    Meeting(Meeting),
    /// The outcome written, with its version.
    Outcome(Outcome),
    /// Outcome versions.
    Outcomes(Vec<Outcome>),
    /// A page of the journal (empty: the end).
    Journal(Vec<JournalEvent>),
    /// The access list.
    Buyers(Vec<Buyer>),
    /// Search results (the first page).
    Searched(SearchResults),
    /// A newer search of this session replaced this one before it ran.
    Superseded,
    /// Ranked suppliers.
    Ranked(Vec<Match>),
    /// A store check: entries per tree and the problems found (French lines).
    Checked {
        /// Entries per tree.
        counts: Vec<(String, u64)>,
        /// Problems found.
        problems: Vec<String>,
    },
    /// A backup written, in this folder (under the store's `backups/`).
    BackedUp(PathBuf),
}

/// Why a request got no answer (rendered by the client in its language).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum RemoteError {
    /// The store refused or failed (typed, as in process).
    #[error(transparent)]
    Store(StoreError),
    /// Search or ranking could not answer.
    #[error(transparent)]
    Service(ServiceError),
    /// The request does not fit the session's state (e.g. `UpsertChunk` without a begin);
    /// what was wrong, for the log.
    #[error("{0}")]
    Protocol(String),
}
