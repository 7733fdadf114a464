//! A full disk: sled's `ENOSPC` becomes [`StoreError::DiskFull`], and [`GuardedStore`]
//! reopens the store after a failed write.
//!
//! sled 0.34 keeps a write in memory once its transaction commits; the flush that follows
//! is what fails on a full disk, and sled's I/O error then stays set: every later write
//! fails too, even once space is freed, and reads would still show the refused write. So
//! [`GuardedStore`] drops its `SledStore` after a write fails on the disk and opens the
//! directory again: sled recovers what is on disk (every acknowledged write, not the
//! refused one) and the next write, once space is freed, succeeds.

use super::{
    Clock, ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, SledStore, Store, StoreError, StoreResult, Supplier, SupplierId, UpsertCounts,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a reopen waits for sled's background threads to release the old store.
const REOPEN_PATIENCE: Duration = Duration::from_secs(5);

/// A [`SledStore`] that is reopened after a write fails on the disk (full disk, I/O
/// error), so that what it shows is what is on disk and the next write can succeed.
/// Its errors name the store directory. Implements [`Store`] by delegation.
pub struct GuardedStore {
    dir: PathBuf,
    /// `None` only while reopening, or when reopening failed.
    inner: RwLock<Option<Arc<SledStore>>>,
    /// The wrapped store's clock, kept across reopens.
    clock: Arc<dyn Clock>,
}

impl GuardedStore {
    /// Wraps an open store (from [`SledStore::open_checked`] or
    /// [`SledStore::open_checked_in_background`]; a temporary store must not be wrapped:
    /// reopening would delete it).
    pub fn new(store: Arc<SledStore>) -> Self {
        GuardedStore {
            dir: store.dir().to_path_buf(),
            clock: store.clock(),
            inner: RwLock::new(Some(store)),
        }
    }

    /// The store directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Flushes the open store to disk (see [`SledStore::flush`]).
    pub fn flush(&self) -> StoreResult<()> {
        self.read(|s| s.flush())
    }

    /// Runs `f` on the open sled store (the forum server's checks and backups); a disk
    /// error reopens it as after a write. Errors: `f`'s, or the store's when it is closed.
    pub fn with_sled<T>(&self, f: impl FnOnce(&SledStore) -> StoreResult<T>) -> StoreResult<T> {
        self.write(f)
    }

    fn fill(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::DiskFull { path } if path.as_os_str().is_empty() => StoreError::DiskFull {
                path: self.dir.clone(),
            },
            StoreError::Io(m) if m.contains("No space left") || m.contains("os error 28") => {
                StoreError::DiskFull {
                    path: self.dir.clone(),
                }
            }
            other => other,
        }
    }

    fn closed(&self) -> StoreError {
        StoreError::Io(format!(
            "{} : le dossier n'a pas pu être rouvert après une erreur disque ; quittez et relancez sourcing / could not reopen the folder after a disk error; quit and start sourcing again",
            self.dir.display()
        ))
    }

    fn read<T>(&self, f: impl FnOnce(&SledStore) -> StoreResult<T>) -> StoreResult<T> {
        if self
            .inner
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_none()
        {
            // The last reopen failed (e.g. the disk was still full): try again.
            self.reopen();
        }
        let g = self.inner.read().unwrap_or_else(|e| e.into_inner());
        match g.as_ref() {
            Some(s) => f(s).map_err(|e| self.fill(e)),
            None => Err(self.closed()),
        }
    }

    fn write<T>(&self, f: impl FnOnce(&SledStore) -> StoreResult<T>) -> StoreResult<T> {
        let r = self.read(f);
        if let Err(e @ (StoreError::DiskFull { .. } | StoreError::Io(_))) = r {
            self.reopen();
            return Err(e);
        }
        r
    }

    /// Drops the store and opens the directory again (sled's I/O errors are sticky).
    fn reopen(&self) {
        let mut g = self.inner.write().unwrap_or_else(|e| e.into_inner());
        // Dropped before opening again: sled's files are closed once every handle is gone.
        // (sled's own drop tries a last flush, which fails quietly on a full disk.)
        if let Some(s) = g.as_ref() {
            s.skip_close_backup();
        }
        *g = None;
        let start = Instant::now();
        loop {
            match SledStore::open_with(&self.dir, self.clock.clone()) {
                Ok(s) => {
                    *g = Some(Arc::new(s));
                    return;
                }
                Err(StoreError::Locked { .. }) if start.elapsed() < REOPEN_PATIENCE => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(_) => return,
            }
        }
    }
}

impl Store for GuardedStore {
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>> {
        self.read(|s| s.supplier(id))
    }
    fn supplier_count(&self) -> StoreResult<usize> {
        self.read(|s| s.supplier_count())
    }
    fn write_stamp(&self) -> StoreResult<Option<super::WriteStamp>> {
        self.read(|s| s.write_stamp())
    }
    fn upsert_suppliers(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.write(|s| s.upsert_suppliers(batch, actor))
    }
    fn upsert_suppliers_with_progress(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.write(|s| s.upsert_suppliers_with_progress(batch, actor, progress))
    }
    fn needs(&self) -> StoreResult<Vec<Need>> {
        self.read(|s| s.needs())
    }
    fn save_need(&self, need: Need, actor: &str) -> StoreResult<Need> {
        self.write(|s| s.save_need(need, actor))
    }
    fn shortlist(&self, need: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
        self.read(|s| s.shortlist(need))
    }
    fn save_shortlist_entry(&self, entry: ShortlistEntry, actor: &str) -> StoreResult<()> {
        self.write(|s| s.save_shortlist_entry(entry, actor))
    }
    fn remove_shortlist_entry(
        &self,
        need: NeedId,
        lot: u32,
        supplier: SupplierId,
        actor: &str,
    ) -> StoreResult<()> {
        self.write(|s| s.remove_shortlist_entry(need, lot, supplier, actor))
    }
    fn forum_days(&self) -> StoreResult<Vec<ForumDay>> {
        self.read(|s| s.forum_days())
    }
    fn edit_forum_day(
        &self,
        day: ForumDay,
        on_misfit: super::DayEdit,
        actor: &str,
    ) -> StoreResult<Vec<crate::domain::forum::replan::MeetingMove>> {
        self.write(|s| s.edit_forum_day(day, on_misfit, actor))
    }
    fn remove_forum_day(&self, day: jiff::civil::Date, actor: &str) -> StoreResult<usize> {
        self.write(|s| s.remove_forum_day(day, actor))
    }
    fn save_registrations(
        &self,
        day: jiff::civil::Date,
        registrations: Vec<crate::domain::forum::Registration>,
        actor: &str,
    ) -> StoreResult<()> {
        self.write(|s| s.save_registrations(day, registrations, actor))
    }
    fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        self.read(|s| s.meetings())
    }
    fn plan_meeting(&self, meeting: Meeting, actor: &str) -> StoreResult<Meeting> {
        self.write(|s| s.plan_meeting(meeting, actor))
    }
    fn set_meeting_status(
        &self,
        id: MeetingId,
        status: MeetingStatus,
        actor: &str,
    ) -> StoreResult<Meeting> {
        self.write(|s| s.set_meeting_status(id, status, actor))
    }
    fn stamp_meeting(
        &self,
        id: MeetingId,
        stamp: crate::domain::MeetingStamp,
        actor: &str,
    ) -> StoreResult<Meeting> {
        self.write(|s| s.stamp_meeting(id, stamp, actor))
    }
    fn log_outcome(&self, outcome: Outcome, actor: &str) -> StoreResult<Outcome> {
        self.write(|s| s.log_outcome(outcome, actor))
    }
    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>> {
        self.read(|s| s.outcomes(meeting))
    }
    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>> {
        self.read(|s| s.all_outcomes())
    }
    fn journal(&self) -> StoreResult<Vec<JournalEvent>> {
        self.read(|s| s.journal())
    }
    fn buyers(&self) -> StoreResult<Vec<crate::domain::Buyer>> {
        self.read(|s| s.buyers())
    }
    fn save_buyer(&self, buyer: crate::domain::Buyer, actor: &str) -> StoreResult<()> {
        self.write(|s| s.save_buyer(buyer, actor))
    }
    fn remove_buyer(&self, login: &str, actor: &str) -> StoreResult<()> {
        self.write(|s| s.remove_buyer(login, actor))
    }

    fn for_each_supplier(
        &self,
        f: &mut dyn FnMut(Supplier) -> std::ops::ControlFlow<()>,
    ) -> StoreResult<()> {
        self.read(|s| s.for_each_supplier(f))
    }

    fn suppliers_page(
        &self,
        after: Option<SupplierId>,
        limit: usize,
    ) -> StoreResult<Vec<Supplier>> {
        self.read(|s| s.suppliers_page(after, limit))
    }

    fn suppliers_by_id(&self, ids: &[SupplierId]) -> StoreResult<Vec<Option<Supplier>>> {
        self.read(|s| s.suppliers_by_id(ids))
    }

    fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }
}
