//! Persistence behind the [`Store`] trait: the sled implementation, schema version and
//! migrations, and the journal (trace de sourçage).
//!
//! Every write method returns only after the change is durable (flushed to disk), so a
//! write the screen confirms survives a crash, a `kill -9` or a dropped SSH link.
//! Multi-entity writes are atomic (sled transactions): either all or nothing is stored.

pub mod backup;
mod check;
mod codec;
pub mod compact;
mod disk;
mod durable;
pub mod guard;
mod ids;
mod keys;
pub mod open;
mod schema;
pub mod sled_store;
pub mod stamp;
mod stream;
mod summary;
mod swap;
mod upsert;

use crate::domain::{
    ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, Supplier, SupplierId,
};
use std::path::PathBuf;

pub use check::CheckReport;
pub use disk::GuardedStore;
pub use durable::Durability;
pub use sled_store::SledStore;
pub use stamp::WriteStamp;
pub use upsert::DEFAULT_IMPORT_CHUNK;

/// Current schema version of stored values. Opening a store written by an older version
/// migrates it; a newer one is refused.
///
/// v2: ids and journal sequence numbers come from a counter in `meta` (see `ids`).
pub const SCHEMA_VERSION: u32 = 2;

/// Errors of the store. Messages tell the user what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process holds the store's lock.
    #[error("le dossier de données {path} est déjà ouvert par un autre processus sourcing.\n  Fermez l'autre session, ou lancez `sourcing serve --store {path}` pour un usage partagé,\n  ou choisissez un autre dossier avec --store DIR.")]
    Locked {
        /// The store directory.
        path: PathBuf,
    },
    /// The store was written by a newer version of sourcing.
    #[error("le dossier de données {path} a le schéma v{found}, plus récent que celui de ce programme (v{supported}) : mettez sourcing à jour.")]
    TooNew {
        /// The store directory.
        path: PathBuf,
        /// Schema version found on disk.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
    },
    /// The slot is already taken by another meeting for that table, buyer or supplier.
    #[error(
        "créneau déjà pris : {what} a déjà un rendez-vous à ce créneau (rendez-vous n° {meeting})"
    )]
    SlotTaken {
        /// What is double-booked, e.g. "la table Table 2", "l'acheteur mdupuis", "le fournisseur …".
        what: String,
        /// The meeting holding the slot.
        meeting: MeetingId,
    },
    /// A SIRET already belongs to another supplier.
    #[error("le SIRET {siret} appartient déjà au fournisseur n° {existing}")]
    DuplicateSiret {
        /// The SIRET.
        siret: String,
        /// The supplier that has it.
        existing: SupplierId,
    },
    /// The thing asked for does not exist.
    #[error("{0} introuvable")]
    NotFound(String),
    /// A value broke a domain rule (e.g. a rating outside 1..=5).
    #[error("{0}")]
    Invalid(String),
    /// Disk or database failure (full disk, permissions…).
    #[error("erreur d'accès au dossier de données : {0}. Vérifiez l'espace disque et les droits.")]
    Io(String),
    /// A stored value could not be decoded.
    #[error("donnée illisible dans le dossier de données ({0})")]
    Corrupt(String),
    /// The store is damaged (sled panics, loops, reports corruption, or its data is gone
    /// although the store's marker or a backup shows it had some): nothing was opened.
    /// The message, French then English, names the path, the damage and what to do.
    #[error("{}", damaged_message(.path, .damage, .backup.as_deref()))]
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
    #[error("{}", disk_full_message(.path))]
    DiskFull {
        /// The store directory (empty while the error travels up from sled; the store fills it in).
        path: PathBuf,
    },
}

/// What is wrong with a damaged store ([`StoreError::Damaged`]).
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl Damage {
    fn describe(&self, t: &crate::i18n::Texts) -> String {
        match self {
            Damage::Panic(_) => t.damage_panic.to_string(),
            Damage::Hang(s) => (t.damage_hang)(*s),
            Damage::Missing => t.damage_missing.to_string(),
            Damage::Emptied => t.damage_emptied.to_string(),
            Damage::LostWrites { found, expected } => (t.damage_lost_writes)(*found, *expected),
            Damage::Corrupt(e) => (t.damage_corrupt)(e),
        }
    }
}

/// The damaged-store message, French then English.
fn damaged_message(path: &std::path::Path, damage: &Damage, backup: Option<&str>) -> String {
    let p = path.display().to_string();
    let one = |t: &crate::i18n::Texts| {
        let todo = match backup {
            Some(b) => (t.store_do_restore)(&p, b),
            None => (t.store_do_reimport)(&p),
        };
        (t.store_damaged)(&p, &damage.describe(t), &todo)
    };
    format!("{}\n{}", one(&crate::i18n::FR), one(&crate::i18n::EN))
}

/// The full-disk message, French then English.
fn disk_full_message(path: &std::path::Path) -> String {
    let p = path.display().to_string();
    format!(
        "{}\n{}",
        (crate::i18n::FR.store_disk_full)(&p),
        (crate::i18n::EN.store_disk_full)(&p)
    )
}

/// Result of the store.
pub type StoreResult<T> = Result<T, StoreError>;

/// Counts of an atomic batch upsert of suppliers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
    /// All suppliers, by id.
    fn suppliers(&self) -> StoreResult<Vec<Supplier>>;
    /// One supplier.
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>>;
    /// Number of suppliers, without decoding them.
    fn supplier_count(&self) -> StoreResult<usize>;
    /// Calls `f` with every supplier in id order, one at a time (the whole directory is
    /// never held at once), until `f` returns false. The default reads them all first;
    /// [`SledStore`] streams them.
    fn for_each_supplier(&self, f: &mut dyn FnMut(Supplier) -> bool) -> StoreResult<()> {
        for s in self.suppliers()? {
            if !f(s) {
                break;
            }
        }
        Ok(())
    }
    /// The suppliers with these ids that exist, in the order asked (absent ids are left
    /// out).
    fn suppliers_by_id(&self, ids: &[SupplierId]) -> StoreResult<Vec<Supplier>> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(s) = self.supplier(id)? {
                out.push(s);
            }
        }
        Ok(out)
    }
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
    fn save_forum_day(&self, day: ForumDay, actor: &str) -> StoreResult<()>;

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

    /// Appends a new outcome version for its meeting (version assigned here).
    fn log_outcome(&self, outcome: Outcome, actor: &str) -> StoreResult<Outcome>;
    /// Every outcome version of a meeting, oldest first.
    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>>;
    /// Every outcome version of every meeting.
    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>>;

    /// The whole journal, oldest first.
    fn journal(&self) -> StoreResult<Vec<JournalEvent>>;
}
