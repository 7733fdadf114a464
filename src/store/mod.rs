//! Persistence behind the [`Store`] trait: the sled implementation, schema version and
//! migrations, and the journal (trace de sourçage).
//!
//! Every write method returns only after the change is durable (flushed to disk), so a
//! write the screen confirms survives a crash, a `kill -9` or a dropped SSH link.
//! Multi-entity writes are atomic (sled transactions): either all or nothing is stored.

mod access;
pub mod backup;
mod check;
pub mod clock;
mod codec;
pub mod compact;
mod disk;
mod durable;
pub mod guard;
mod ids;
mod keys;
mod marker;
mod meetings_v4;
pub mod memory;
pub mod news;
pub mod open;
mod prepare;
pub mod roles;
mod schema;
pub mod sled;
pub(crate) mod sled_error;
pub mod stamp;
mod summary;
mod swap;
pub(crate) mod trees;
pub(crate) mod tx;
mod upsert;

use crate::domain::{
    Buyer, ForumDay, Invalid, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId,
    Outcome, ShortlistEntry, Supplier, SupplierId,
};
use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;
use std::path::PathBuf;

pub use check::CheckReport;
pub use clock::{Clock, FixedClock, SystemClock};
pub use disk::GuardedStore;
pub use durable::Durability;
pub use memory::MemoryStore;
pub use news::StoreNews;
pub use roles::AccessControlled;
pub use sled::SledStore;
pub use stamp::WriteStamp;
pub use upsert::DEFAULT_IMPORT_CHUNK;

/// Current schema version of stored values. Opening a store written by an older version
/// migrates it; a newer one is refused.
///
/// v2: ids and journal sequence numbers come from a counter in `meta` (see `ids`).
/// v3: journal events carry a typed `event` (kind, ids, names at the time, values before
/// and after) instead of a French sentence; older events keep their `summary`.
/// v4: meetings keep their slot's start instant and a table id (not a slot index and a
/// table name); forum days have table ids, labelled breaks, quotas; `slots` holds quota
/// counters (see `meetings_v4`).
pub const SCHEMA_VERSION: u32 = 4;

/// Errors of the store: typed fields, no sentences. `crate::i18n::store` renders them in
/// the reader's language (`Render`); `Display` prints French (French then English for a
/// damaged store or a full disk). Serializable, so a server can send them.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[error("{}", crate::i18n::store::display(self))]
pub enum StoreError {
    /// Another process holds the store's lock.
    Locked {
        /// The store directory.
        path: PathBuf,
    },
    /// The store was written by a newer version of sourcing.
    TooNew {
        /// The store directory.
        path: PathBuf,
        /// Schema version found on disk.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
    },
    /// The slot is already taken by another meeting for that table, buyer or supplier.
    SlotTaken {
        /// What is double-booked.
        conflict: SlotConflict,
        /// The meeting holding the slot.
        meeting: MeetingId,
    },
    /// The day's meeting quota for this supplier or buyer is reached (nothing was planned).
    QuotaReached {
        /// The day.
        day: jiff::civil::Date,
        /// Whose quota.
        holder: QuotaWho,
        /// The day's maximum.
        max: u32,
    },
    /// A change to a forum day would leave meetings outside its slots or tables: refused
    /// with their list (and where each would go), unless the organiser confirmed the
    /// moves and every one of them has somewhere to go.
    DayMisfits {
        /// The day.
        day: jiff::civil::Date,
        /// The meetings that no longer fit, each with its nearest free slot if any.
        meetings: Vec<crate::domain::forum::replan::MeetingMove>,
    },
    /// No forum day is set up on that date.
    NoSuchDay {
        /// The date asked for.
        day: jiff::civil::Date,
    },
    /// A forum day with meetings already held cannot be removed (they are the forum's
    /// record); planned ones would be cancelled.
    DayHeld {
        /// The day.
        day: jiff::civil::Date,
        /// Meetings held or marked no-show that day.
        held: usize,
    },
    /// A SIRET already belongs to another supplier.
    DuplicateSiret {
        /// The SIRET.
        siret: String,
        /// The supplier that has it.
        existing: SupplierId,
    },
    /// The thing asked for does not exist.
    NotFound {
        /// What kind of thing.
        what: Missing,
        /// Its id.
        id: u64,
    },
    /// A value broke a domain rule (e.g. a rating outside 1..=5).
    Invalid(Invalid),
    /// Disk or database failure (full disk, permissions…): the system's words.
    Io(String),
    /// A stored value could not be decoded: which one and the decoder's words.
    Corrupt(String),
    /// The store is damaged (sled panics, loops, reports corruption, or its data is gone
    /// although the store's marker or a backup shows it had some): nothing was opened.
    Damaged {
        /// The store directory.
        path: PathBuf,
        /// What is damaged.
        damage: Damage,
        /// Name of the newest complete backup (`backups/<name>/manifest.json`), if any.
        backup: Option<String>,
    },
    /// The disk holding the store is full: the write was refused and nothing of it is
    /// stored; every earlier write is kept.
    DiskFull {
        /// The store directory (empty while the error travels up from sled; the store fills it in).
        path: PathBuf,
    },
    /// The access list does not let this login do that (nothing was changed).
    Denied {
        /// The login refused.
        login: String,
        /// Its role (None: not on the list).
        role: Option<crate::domain::Role>,
        /// What it tried.
        action: Action,
    },
    /// The link to the forum server was lost before it answered: a write may or may not
    /// have been made (the client reconnects; reload to see).
    Disconnected,
}

/// What a login tried that the access list refused ([`StoreError::Denied`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Import or change suppliers (organisers).
    ChangeSuppliers,
    /// Create or change a need (its owner, organisers).
    ChangeNeed,
    /// Change a need's shortlist (the need's owner, organisers).
    ChangeShortlist,
    /// Create or change a forum day (organisers).
    ChangeForumDay,
    /// Plan a meeting or change its status (its buyers, organisers).
    ChangeMeeting,
    /// Log a meeting's outcome (its buyers, organisers).
    LogOutcome,
    /// Change the access list (organisers).
    ChangeBuyers,
    /// Back up, check, restore or compact the store (organisers).
    MaintainStore,
    /// Act for another buyer, `--pour LOGIN` (organisers).
    ActForBuyer,
    /// Read anything (a login not on the list).
    Read,
}

impl From<Invalid> for StoreError {
    fn from(e: Invalid) -> Self {
        StoreError::Invalid(e)
    }
}

macro_rules! invalid_from {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Invalid(e.into())
            }
        }
    )*};
}
invalid_from!(
    crate::domain::NeedError,
    crate::domain::ForumDayError,
    crate::domain::MeetingError,
    crate::domain::OutcomeError
);

/// What a meeting's slot is already booked for ([`StoreError::SlotTaken`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlotConflict {
    /// The table (its name).
    Table(String),
    /// A buyer (login).
    Buyer(String),
    /// The supplier.
    Supplier {
        /// Its id.
        id: SupplierId,
        /// Its name.
        name: String,
    },
}

/// Whose meeting quota is reached ([`StoreError::QuotaReached`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuotaWho {
    /// The supplier (its name).
    Supplier(String),
    /// A buyer (login).
    Buyer(String),
}

/// What a forum day edit does to meetings that no longer fit (see
/// [`Store::edit_forum_day`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayEdit {
    /// Refuse the change, listing them ([`StoreError::DayMisfits`]).
    Refuse,
    /// Move each to its nearest free slot and journal the move (the organiser confirmed).
    Move,
}

/// The journal events of a stamp just put on `m` (whose status was `from`): the
/// [`crate::domain::Event::MeetingTimed`], then the status change when an end made a
/// planned meeting held.
pub(crate) fn timed_events(
    m: &Meeting,
    from: MeetingStatus,
    stamp: crate::domain::MeetingStamp,
    supplier_name: Option<String>,
) -> Vec<crate::domain::Event> {
    use crate::domain::Event;
    let mut out = vec![Event::meeting_timed(m.id, m, stamp, supplier_name.clone())];
    if from != m.status {
        out.push(Event::MeetingStatusChanged {
            meeting: m.id,
            supplier: m.supplier,
            supplier_name,
            from,
            to: m.status,
        });
    }
    out
}

impl DayEdit {
    /// Whether the edit must be refused with these moves: any move when refusing, and,
    /// when moving, a meeting that has nowhere to go.
    pub fn refuses(self, moves: &[crate::domain::forum::replan::MeetingMove]) -> bool {
        !moves.is_empty() && (self == DayEdit::Refuse || moves.iter().any(|m| m.to.is_none()))
    }
}

/// Kind of thing not found ([`StoreError::NotFound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// A supplier.
    Supplier,
    /// A need.
    Need,
    /// A meeting.
    Meeting,
}

/// What is wrong with a damaged store ([`StoreError::Damaged`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Damage {
    /// sled panicked while opening or reading (its message, kept for the logs).
    Panic(String),
    /// Opening plus the first full read took longer than this many seconds.
    Hang(u64),
    /// sled's folder or its `db` file is missing or empty, but the store had data.
    Missing,
    /// The store opened empty, but it had data.
    Emptied,
    /// The journal's last event is `found`, but the marker recorded `expected`.
    LostWrites {
        /// Last journal sequence number found.
        found: u64,
        /// Last journal sequence number recorded in the marker.
        expected: u64,
    },
    /// sled reported corrupted data (its words).
    Corrupt(String),
}

/// Result of the store.
pub type StoreResult<T> = Result<T, StoreError>;

/// Counts of an atomic batch upsert of suppliers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertCounts {
    /// New suppliers.
    pub created: usize,
    /// Existing suppliers whose record changed.
    pub updated: usize,
    /// Existing suppliers already identical.
    pub unchanged: usize,
}

/// The persistence interface the app uses; implemented in-process by [`SledStore`] (and,
/// later, by the shared-mode client). `actor` is the buyer's login recorded in the journal.
pub trait Store: Send + Sync {
    /// One supplier.
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>>;

    /// Calls `f` with each supplier in id order, decoding one at a time, until `f`
    /// returns [`ControlFlow::Break`] or every supplier was seen. Memory stays that of
    /// one supplier whatever the directory's size.
    fn for_each_supplier(&self, f: &mut dyn FnMut(Supplier) -> ControlFlow<()>) -> StoreResult<()>;

    /// Up to `limit` suppliers with an id greater than `after` (all ids when `None`), in
    /// id order: pass the last id of a page to get the next one; an empty page is the end.
    fn suppliers_page(
        &self,
        after: Option<SupplierId>,
        limit: usize,
    ) -> StoreResult<Vec<Supplier>> {
        let mut out = Vec::new();
        if limit == 0 {
            return Ok(out);
        }
        let after = after.unwrap_or(0);
        self.for_each_supplier(&mut |s| {
            if s.id > after {
                out.push(s);
            }
            if out.len() >= limit {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        Ok(out)
    }

    /// The suppliers with these ids, in the same order (`None` for an unknown id).
    fn suppliers_by_id(&self, ids: &[SupplierId]) -> StoreResult<Vec<Option<Supplier>>> {
        ids.iter().map(|&id| self.supplier(id)).collect()
    }
    /// Number of suppliers, without decoding them.
    fn supplier_count(&self) -> StoreResult<usize>;
    /// The suppliers' write stamp that start-up snapshots are checked against (see
    /// [`stamp`]); None when this store has none (then no snapshot is ever trusted).
    fn write_stamp(&self) -> StoreResult<Option<WriteStamp>> {
        Ok(None)
    }
    /// Creates or updates suppliers atomically: a supplier with id 0 whose SIRET (or, without
    /// one, folded name + postcode) is known updates that record; others are created.
    /// All or nothing; durable on return. Returns counts and the ids in input order.
    ///
    /// A supplier with a non-zero id updates that record: [`StoreError::NotFound`] when it
    /// does not exist, [`StoreError::DuplicateSiret`] when its identity belongs to another
    /// supplier. Either error refuses the whole batch. Journal: one `Import` event for a
    /// batch of several, one `Supplier` event for a single changed supplier.
    fn upsert_suppliers(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)>;

    /// [`Store::upsert_suppliers`], calling `progress(done, total)` as the batch is written
    /// (for a progress bar; `done == total` once it is durable). The default reports once,
    /// at the end; [`SledStore`] reports after each chunk of a large import.
    fn upsert_suppliers_with_progress(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        let total = batch.len();
        let result = self.upsert_suppliers(batch, actor)?;
        progress(total, total);
        Ok(result)
    }

    /// All needs, by id.
    fn needs(&self) -> StoreResult<Vec<Need>>;
    /// Creates (id 0) or updates a need; returns it with its id.
    fn save_need(&self, need: Need, actor: &str) -> StoreResult<Need>;

    /// Shortlist entries of a need (all lots).
    fn shortlist(&self, need: NeedId) -> StoreResult<Vec<ShortlistEntry>>;
    /// Creates or replaces the entry keyed by (need, lot, supplier).
    fn save_shortlist_entry(&self, entry: ShortlistEntry, actor: &str) -> StoreResult<()>;
    /// Removes an entry; Ok even if absent.
    fn remove_shortlist_entry(
        &self,
        need: NeedId,
        lot: u32,
        supplier: SupplierId,
        actor: &str,
    ) -> StoreResult<()>;

    /// Forum days, by date.
    fn forum_days(&self) -> StoreResult<Vec<ForumDay>>;
    /// Creates or replaces a forum day.
    fn save_forum_day(&self, day: ForumDay, actor: &str) -> StoreResult<()> {
        self.edit_forum_day(day, DayEdit::Refuse, actor).map(|_| ())
    }
    /// Creates or replaces a forum day (by date). Meetings of that day that would fall
    /// outside its new slots or tables are refused with [`StoreError::DayMisfits`] under
    /// [`DayEdit::Refuse`]; under [`DayEdit::Move`] each goes to its nearest free slot
    /// (journaled), and the moves are returned. Refused also when one has nowhere to go.
    /// Errors: [`StoreError::Invalid`] for a day breaking [`ForumDay::validate`].
    fn edit_forum_day(
        &self,
        day: ForumDay,
        on_misfit: DayEdit,
        actor: &str,
    ) -> StoreResult<Vec<crate::domain::forum::replan::MeetingMove>>;
    /// Removes a forum day; its planned meetings are cancelled (each journaled, none
    /// deleted) and their count returned. Errors: [`StoreError::DayHeld`] when meetings
    /// were held that day, [`StoreError::NotFound`] when the day does not exist.
    fn remove_forum_day(&self, day: jiff::civil::Date, actor: &str) -> StoreResult<usize>;
    /// Replaces the registrations of a forum day (who comes, and when: what
    /// `sourcing import registrations` builds), journaled as
    /// [`crate::domain::Event::RegistrationsSaved`]. Organisers only.
    /// Errors: [`StoreError::NoSuchDay`], the store's write errors.
    fn save_registrations(
        &self,
        day: jiff::civil::Date,
        registrations: Vec<crate::domain::forum::Registration>,
        actor: &str,
    ) -> StoreResult<()>;

    /// All meetings, by id.
    fn meetings(&self) -> StoreResult<Vec<Meeting>>;
    /// Books a meeting (id 0). Refused with [`StoreError::SlotTaken`] when its table, one of
    /// its buyers or its supplier already has a meeting in that (day, slot).
    fn plan_meeting(&self, meeting: Meeting, actor: &str) -> StoreResult<Meeting>;
    /// Changes a meeting's status (held, no-show, cancelled), stamping start/end when held.
    fn set_meeting_status(
        &self,
        id: MeetingId,
        status: MeetingStatus,
        actor: &str,
    ) -> StoreResult<Meeting>;

    /// Stamps a meeting's real start or end now ("Commencer" / "Terminer"; see
    /// [`Meeting::stamp`]), journaled as [`crate::domain::Event::MeetingTimed`]; an end
    /// makes a planned meeting held. Returns the meeting as stored.
    /// Errors: `NotFound(Meeting)`, `Invalid(Meeting(NotTimeable | NotStarted |
    /// AlreadyEnded))`, the store's write errors.
    fn stamp_meeting(
        &self,
        id: MeetingId,
        stamp: crate::domain::MeetingStamp,
        actor: &str,
    ) -> StoreResult<Meeting>;

    /// Appends a new outcome version for its meeting (version assigned here).
    fn log_outcome(&self, outcome: Outcome, actor: &str) -> StoreResult<Outcome>;
    /// Every outcome version of a meeting, oldest first.
    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>>;
    /// Every outcome version of every meeting.
    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>>;

    /// The whole journal, oldest first.
    fn journal(&self) -> StoreResult<Vec<JournalEvent>>;

    /// The access list, by login (empty: no list, the local user is an organiser).
    fn buyers(&self) -> StoreResult<Vec<Buyer>>;
    /// Adds or replaces the entry of `buyer.login` (its texts cleaned of control
    /// characters); journaled; durable on return. Refused with [`StoreError::Denied`]
    /// unless `actor` is an organiser on the list or the list is empty; the first entry
    /// of an empty list also adds `actor` as an organiser, so its author keeps access.
    fn save_buyer(&self, buyer: Buyer, actor: &str) -> StoreResult<()>;
    /// Removes a login from the access list; journaled; Ok even if absent. Refused like
    /// [`Store::save_buyer`].
    fn remove_buyer(&self, login: &str, actor: &str) -> StoreResult<()>;

    /// News of changes committed by others and of the link (a forum server's client);
    /// None for an in-process store. Each call gives a new receiver of the news from
    /// then on.
    fn news(&self) -> Option<std::sync::mpsc::Receiver<StoreNews>> {
        None
    }
    /// Who the forum server says this user is (login, display name, service, role, from
    /// the socket's peer credentials and the access list); None in process.
    fn identity(&self) -> Option<Buyer> {
        None
    }

    /// The clock stamping this store's writes (given when it was opened; the system
    /// clock by default). The app's `Services::now` reads it too.
    fn clock(&self) -> std::sync::Arc<dyn Clock> {
        clock::system()
    }
}
