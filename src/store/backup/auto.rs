//! Automatic backups of one open store: when one is due (see the module doc of `backup`).
//! The store's write and close paths (`store::sled::backups`) ask it and take the backup.

use super::{latest, BackupError, BackupInfo, AUTO_INTERVAL};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Automatic backups of one open store (see the module doc).
pub(crate) struct Auto {
    /// False for temporary stores.
    enabled: bool,
    /// Set by [`SledStore::close`](crate::store::SledStore::close): the drop that follows takes no second backup.
    closed: AtomicBool,
    /// Something was written since the last backup.
    dirty: AtomicBool,
    /// When the last backup was taken (None: no backup yet).
    last: Mutex<Option<jiff::Timestamp>>,
    /// When the store was opened: the periodic backup of a store without backups is due
    /// [`AUTO_INTERVAL`] after it.
    opened: jiff::Timestamp,
    /// [`AUTO_INTERVAL`] (shorter in tests).
    interval: std::time::Duration,
    /// Held for the whole of a backup, so two never write in `backups/` at once (one
    /// finishing outside the store's write lock while the next starts).
    serial: Mutex<()>,
}

impl Auto {
    /// State for the store in `dir`: the newest backup's time, nothing written yet.
    pub(crate) fn new(dir: &Path, enabled: bool) -> Auto {
        Auto {
            enabled,
            closed: AtomicBool::new(false),
            opened: jiff::Timestamp::now(),
            interval: AUTO_INTERVAL,
            serial: Mutex::new(()),
            dirty: AtomicBool::new(false),
            last: Mutex::new(if enabled {
                latest(dir).map(|b| b.created_at)
            } else {
                None
            }),
        }
    }

    /// A backup is due before the write that starts now: something was written since the
    /// last one, which is [`AUTO_INTERVAL`] old or more (or the store was opened that long
    /// ago without backups). Temporary stores: never.
    pub(crate) fn due(&self) -> bool {
        if !self.enabled || !self.dirty.load(Ordering::Acquire) {
            return false;
        }
        let last = self
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .unwrap_or(self.opened);
        jiff::Timestamp::now()
            .duration_since(last)
            .unsigned_abs()
            .ge(&self.interval)
    }

    /// Notes the backup just taken: nothing written since, due again in an interval.
    pub(crate) fn taken(&self, info: &BackupInfo) {
        self.copied(info.created_at);
    }

    /// Notes a backup copied at `at` (under the store's write lock, before it is made
    /// durable): the writes after it mark the store dirty again.
    pub(crate) fn copied(&self, at: jiff::Timestamp) {
        self.dirty.store(false, Ordering::Release);
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(at);
    }

    /// The backups' lock, held for a whole backup (waits for one in progress).
    pub(crate) fn serial(&self) -> MutexGuard<'_, ()> {
        self.serial.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The backups' lock when no backup is in progress (None: one is, and it will do).
    pub(crate) fn try_serial(&self) -> Option<MutexGuard<'_, ()>> {
        match self.serial.try_lock() {
            Ok(g) => Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }

    /// No backup at drop (a compaction just saved and replaced the store).
    pub(crate) fn close_without_backup(&self) {
        self.closed.store(true, Ordering::Release);
    }

    /// Notes that something is being written (the next due check or close backs it up).
    pub(crate) fn mark_dirty(&self) {
        self.dirty.store(true, Ordering::Release);
    }

    /// The backup a clean close would take now: the store has data (`has_data()`) and
    /// something was written since the last backup, or there is no backup yet. Temporary
    /// or closed stores: never. A store still empty (its only writes were refused) is
    /// never backed up: the next open would take that backup for lost data.
    pub(crate) fn close_due(&self, has_data: impl FnOnce() -> bool) -> bool {
        if !self.enabled || self.closed.load(Ordering::Acquire) {
            return false;
        }
        let none_yet = self
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none();
        (self.dirty.load(Ordering::Acquire) || none_yet) && has_data()
    }

    /// Sets the interval between periodic backups (tests: zero).
    #[cfg(test)]
    pub(crate) fn set_interval(&mut self, interval: std::time::Duration) {
        self.interval = interval;
    }
}

/// Says on stderr, French then English (the store does not know the interface's
/// language), that an automatic backup failed; never panics (stderr may be a terminal
/// that is gone, after a dropped SSH link).
pub(crate) fn report_failure(e: &BackupError) {
    let _ = writeln!(
        io::stderr(),
        "{}\n{}",
        (crate::i18n::FR.backup_failed)(&e.to_string()),
        (crate::i18n::EN.backup_failed)(&e.to_string())
    );
}
