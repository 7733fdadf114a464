//! sled implementation of [`crate::store::Store`] (DESIGN §4), one file per entity; the
//! helpers every write transaction uses are in `tx`.
//!
//! Layout: the store directory holds sled's files in [`DB_DIR`] (the rest of the directory
//! is left for the shared-mode socket). One tree per entity — `suppliers`, `needs`,
//! `shortlist`, `forum_days`, `meetings`, `outcomes`, `journal`, `meta` — and two secondary
//! trees: `identity` (supplier identity key → id, so a re-import updates instead of
//! duplicating) and `slots` (day/slot/table, buyer or supplier → meeting id, so the store
//! itself refuses a double booking). Keys are big-endian (see `keys`), values JSON.
//!
//! Every write is one sled transaction over every tree it touches, the journal event
//! included, followed by `Db::flush` (an fsync) before the method returns: a write the
//! screen confirms is on disk, and a crash leaves either the old or the new state.
//! sled commits a transaction's writes under one log "peg", so recovery sees them all or
//! none; this holds for a whole import file too (see [`Store::upsert_suppliers`] and
//! `docs/store.md`).

mod backups;
mod buyers;
mod forum_days;
mod journal;
mod meetings;
mod needs;
mod outcomes;
mod shortlist;
mod suppliers;

use crate::store::sled_error::sled_err;
use crate::store::trees::Trees;
pub use crate::store::trees::DB_DIR;

use crate::domain::{
    ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, Supplier, SupplierId,
};
use crate::store::codec::decode;
use crate::store::durable::{Durability, Durable};
use crate::store::keys::id_key;
use crate::store::{schema, upsert, Clock, Store, StoreError, StoreResult, UpsertCounts};
use serde::de::DeserializeOwned;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The sled-backed store. Open it with [`SledStore::open`] (a directory, created if
/// needed) or [`SledStore::open_temporary`] (a fresh directory removed on drop).
///
/// One process at a time holds a store directory (sled's file lock); a second open gives
/// [`StoreError::Locked`].
pub struct SledStore {
    durable: Durable,
    pub(crate) trees: Trees,
    dir: PathBuf,
    /// Schema version found on disk before opening migrated it (0: none).
    found_version: u32,
    /// Staged imports take it for writing; every other write takes it for reading, so a
    /// rollback never undoes a concurrent change (see `upsert`).
    pub(crate) write_lock: std::sync::RwLock<()>,
    /// Automatic backups (see `backup`).
    pub(crate) autobackup: crate::store::backup::Auto,
    /// Largest batch upserted in one transaction; larger ones are staged imports.
    import_chunk: usize,
    // Declared last: dropped after `db`, so sled's files are closed before removal.
    _temp: Option<tempfile::TempDir>,
}

/// A held write lock, shared or exclusive.
enum Guard<'a> {
    Read(#[allow(dead_code)] std::sync::RwLockReadGuard<'a, ()>),
    Write(#[allow(dead_code)] std::sync::RwLockWriteGuard<'a, ()>),
}

/// True when sled failed to take the directory's exclusive lock.
fn is_lock_error(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("could not acquire lock")
                || io.to_string().contains("WouldBlock")
        }
        _ => false,
    }
}

/// How long an open waits for a lock that is being released: sled's background writer
/// threads can keep the lock file open a few milliseconds after the previous holder in
/// this process, or one that just exited, is dropped.
const LOCK_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// sled's page cache, in bytes (sled's default is 1 GiB).
///
/// Why 64 MiB: the cache only keeps pages already read, so at forum size it changes
/// nothing — the 14,617-supplier store is a 28 MB file and fits whole (RSS of
/// `sourcing search x`, debug build: 60 MB with 1 GiB, 64, 16 or 4 MiB alike; at 96,202
/// suppliers, a 127 MB store: 266 MB with 1 GiB, 275 MB with 64 MiB, within noise). What
/// it bounds is a large directory: with 1 GiB, a 1,000,000-supplier store (~1.2 GB) would
/// keep up to 1 GiB of pages on top of the decoded directory the interface holds anyway;
/// with 64 MiB sled's share stays small and pages it drops are re-read from the OS's
/// file cache.
pub(crate) const CACHE_CAPACITY: u64 = 64 * 1024 * 1024;

/// Opens sled's database, retrying a lock error for [`LOCK_GRACE`].
fn open_db(path: &Path) -> sled::Result<sled::Db> {
    let start = std::time::Instant::now();
    loop {
        match sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_CAPACITY)
            .open()
        {
            Err(e) if is_lock_error(&e) && start.elapsed() < LOCK_GRACE => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            other => return other,
        }
    }
}

impl SledStore {
    /// Opens (creating if needed) the store in `dir`.
    ///
    /// Errors: [`StoreError::Locked`] when another process (or another `SledStore` in this
    /// process) holds it; [`StoreError::TooNew`] when written by a newer `sourcing`;
    /// [`StoreError::Io`] when the directory cannot be created or read (disk, rights).
    /// An older store is migrated to [`crate::store::SCHEMA_VERSION`].
    pub fn open(dir: &Path) -> StoreResult<SledStore> {
        Self::open_inner(dir, None, crate::store::clock::system())
    }

    /// [`SledStore::open`] with the clock that stamps every write (journal, outcomes,
    /// held meetings). Errors: those of [`SledStore::open`].
    pub fn open_with(dir: &Path, clock: Arc<dyn Clock>) -> StoreResult<SledStore> {
        Self::open_inner(dir, None, clock)
    }

    /// Opens a fresh store in a new temporary directory that is deleted when the store is
    /// dropped (tests, `sourcing demo`). Its writes use [`Durability::Flush`]: they survive
    /// the process being killed, and nothing is kept across a power cut anyway.
    /// Errors: [`StoreError::Io`].
    pub fn open_temporary() -> StoreResult<SledStore> {
        Self::open_temporary_with(crate::store::clock::system())
    }

    /// [`SledStore::open_temporary`] with the clock that stamps every write.
    /// Errors: [`StoreError::Io`].
    pub fn open_temporary_with(clock: Arc<dyn Clock>) -> StoreResult<SledStore> {
        let tmp = tempfile::Builder::new()
            .prefix("sourcing-")
            .tempdir()
            .map_err(|e| StoreError::Io(format!("dossier temporaire : {e}")))?;
        let dir = tmp.path().to_path_buf();
        let mut store = Self::open_inner(&dir, Some(tmp), clock)?;
        store.set_durability(Durability::Flush);
        Ok(store)
    }

    fn open_inner(
        dir: &Path,
        temp: Option<tempfile::TempDir>,
        clock: Arc<dyn Clock>,
    ) -> StoreResult<SledStore> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Io(format!("{} : {e}", dir.display())))?;
        // Finishes or undoes a restore or compaction that a crash interrupted.
        crate::store::swap::recover(dir)?;
        let db = open_db(&dir.join(DB_DIR)).map_err(|e| {
            if is_lock_error(&e) {
                StoreError::Locked {
                    path: dir.to_path_buf(),
                }
            } else {
                match sled_err(e) {
                    StoreError::Io(m) => StoreError::Io(format!("{} : {m}", dir.display())),
                    other => other,
                }
            }
        })?;
        let trees = Trees::open(&db).map_err(sled_err)?;
        let durable = Durable::new(db, &dir.join(DB_DIR), clock)?;
        let found_version = schema::prepare(&durable, &trees, dir)?;
        upsert::recover(&durable, &trees)?;
        Ok(SledStore {
            durable,
            trees,
            dir: dir.to_path_buf(),
            found_version,
            write_lock: std::sync::RwLock::new(()),
            autobackup: crate::store::backup::Auto::new(dir, temp.is_none()),
            import_chunk: upsert::DEFAULT_IMPORT_CHUNK,
            _temp: temp,
        })
    }

    /// The instant the store's clock shows (every stamp it writes).
    pub(crate) fn now(&self) -> jiff::Timestamp {
        self.durable.clock.now()
    }

    /// The store directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Schema version found on disk when the store was opened, before migration (0 for a
    /// new directory or a store written before schema versions).
    pub fn found_schema_version(&self) -> u32 {
        self.found_version
    }

    /// Forces everything written so far to disk, as [`Self::set_durability`] says. Every
    /// write method already does.
    pub fn flush(&self) -> StoreResult<()> {
        self.durable.flush()
    }

    /// Chooses how far a write is pushed before a write method returns (default
    /// [`Durability::Fsync`]: on disk, power cut included).
    pub fn set_durability(&mut self, mode: Durability) {
        self.durable.mode = mode;
    }

    fn read_all<T: DeserializeOwned>(tree: &sled::Tree, what: &str) -> StoreResult<Vec<T>> {
        let mut out = Vec::with_capacity(tree.len());
        for kv in tree.iter() {
            let (k, v) = kv.map_err(sled_err)?;
            out.push(decode(&v, &|| format!("{what} (clé {k:?})"))?);
        }
        Ok(out)
    }

    fn read_prefix<T: DeserializeOwned>(
        tree: &sled::Tree,
        prefix: &[u8],
        what: &str,
    ) -> StoreResult<Vec<T>> {
        let mut out = Vec::new();
        for kv in tree.scan_prefix(prefix) {
            let (k, v) = kv.map_err(sled_err)?;
            out.push(decode(&v, &|| format!("{what} (clé {k:?})"))?);
        }
        Ok(out)
    }

    /// Lock taken by every write but a staged import.
    fn shared_write(&self) -> std::sync::RwLockReadGuard<'_, ()> {
        self.before_write(&self.write_lock);
        self.write_lock.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Lock held alone by a forum day's edit or removal: no meeting is planned or changed
    /// while it re-places that day's meetings.
    fn exclusive_write(&self) -> std::sync::RwLockWriteGuard<'_, ()> {
        self.before_write(&self.write_lock);
        self.write_lock.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets the largest batch of suppliers upserted as one transaction, which is also the
    /// chunk size of larger, staged imports (default [`crate::store::DEFAULT_IMPORT_CHUNK`]).
    /// Memory during an upsert grows with it (about 11 KB per 1.2 KB supplier).
    pub fn set_import_chunk(&mut self, n: usize) {
        self.import_chunk = n.max(1);
    }

    /// One meeting, when it exists.
    pub fn meeting(&self, id: MeetingId) -> StoreResult<Option<Meeting>> {
        match self.trees.meetings.get(id_key(id)).map_err(sled_err)? {
            None => Ok(None),
            Some(v) => Ok(Some(decode(&v, &|| format!("rendez-vous n° {id}"))?)),
        }
    }
}

impl Store for SledStore {
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>> {
        suppliers::one(self, id)
    }

    fn write_stamp(&self) -> StoreResult<Option<super::WriteStamp>> {
        super::stamp::read(&self.trees).map(Some)
    }

    fn for_each_supplier(&self, f: &mut dyn FnMut(Supplier) -> ControlFlow<()>) -> StoreResult<()> {
        suppliers::for_each(self, f)
    }

    fn suppliers_page(
        &self,
        after: Option<SupplierId>,
        limit: usize,
    ) -> StoreResult<Vec<Supplier>> {
        suppliers::page(self, after, limit)
    }

    fn supplier_count(&self) -> StoreResult<usize> {
        Ok(self.trees.suppliers.len())
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
        actor: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.before_write(&self.write_lock);
        let _guard = if batch.len() > self.import_chunk {
            Guard::Write(self.write_lock.write().unwrap_or_else(|e| e.into_inner()))
        } else {
            Guard::Read(self.write_lock.read().unwrap_or_else(|e| e.into_inner()))
        };
        upsert::upsert(
            &self.durable,
            &self.trees,
            &batch,
            actor,
            self.import_chunk,
            progress,
        )
    }

    fn needs(&self) -> StoreResult<Vec<Need>> {
        needs::all(self)
    }

    fn save_need(&self, need: Need, actor: &str) -> StoreResult<Need> {
        needs::save(self, need, actor)
    }

    fn shortlist(&self, need: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
        shortlist::of_need(self, need)
    }

    fn save_shortlist_entry(&self, entry: ShortlistEntry, actor: &str) -> StoreResult<()> {
        shortlist::save(self, entry, actor)
    }

    fn remove_shortlist_entry(
        &self,
        need: NeedId,
        lot: u32,
        supplier: SupplierId,
        actor: &str,
    ) -> StoreResult<()> {
        shortlist::remove(self, need, lot, supplier, actor)
    }

    fn forum_days(&self) -> StoreResult<Vec<ForumDay>> {
        forum_days::all(self)
    }

    fn edit_forum_day(
        &self,
        day: ForumDay,
        on_misfit: crate::store::DayEdit,
        actor: &str,
    ) -> StoreResult<Vec<crate::domain::forum::replan::MeetingMove>> {
        forum_days::save(self, day, on_misfit, actor)
    }

    fn remove_forum_day(&self, day: jiff::civil::Date, actor: &str) -> StoreResult<usize> {
        forum_days::remove(self, day, actor)
    }

    fn save_registrations(
        &self,
        day: jiff::civil::Date,
        registrations: Vec<crate::domain::forum::Registration>,
        actor: &str,
    ) -> StoreResult<()> {
        forum_days::save_registrations(self, day, registrations, actor)
    }

    fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        meetings::all(self)
    }

    fn plan_meeting(&self, meeting: Meeting, actor: &str) -> StoreResult<Meeting> {
        meetings::plan(self, meeting, actor)
    }

    fn set_meeting_status(
        &self,
        id: MeetingId,
        status: MeetingStatus,
        actor: &str,
    ) -> StoreResult<Meeting> {
        meetings::set_status(self, id, status, actor)
    }

    fn stamp_meeting(
        &self,
        id: MeetingId,
        stamp: crate::domain::MeetingStamp,
        actor: &str,
    ) -> StoreResult<Meeting> {
        meetings::stamp(self, id, stamp, actor)
    }

    fn log_outcome(&self, outcome: Outcome, actor: &str) -> StoreResult<Outcome> {
        outcomes::log(self, outcome, actor)
    }

    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>> {
        outcomes::of_meeting(self, meeting)
    }

    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>> {
        outcomes::all(self)
    }

    fn journal(&self) -> StoreResult<Vec<JournalEvent>> {
        journal::all(self)
    }

    fn buyers(&self) -> StoreResult<Vec<crate::domain::Buyer>> {
        buyers::all(self)
    }

    fn save_buyer(&self, buyer: crate::domain::Buyer, actor: &str) -> StoreResult<()> {
        buyers::save(self, buyer, actor)
    }

    fn remove_buyer(&self, login: &str, actor: &str) -> StoreResult<()> {
        buyers::remove(self, login, actor)
    }

    fn clock(&self) -> Arc<dyn Clock> {
        self.durable.clock.clone()
    }
}
