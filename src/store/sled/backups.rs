//! The backup methods of [`SledStore`]: automatic backups before a write and at close,
//! backups on demand, the id counter and the store's sizes. What a backup holds and when
//! one is due is `crate::store::backup`'s job; this file only calls it.

use super::SledStore;
use crate::store::backup::{self, report_failure, BackupInfo, BackupResult};
use crate::store::trees::DB_DIR;
use crate::store::{ids, StoreError};
use std::sync::RwLock;

impl SledStore {
    /// Called when a write starts, before it takes the write lock: takes the backup that is
    /// due (see `crate::store::backup`), then notes that something is being written. A failed
    /// backup never refuses the write: it is reported on stderr.
    ///
    /// Other writes wait only while the trees are copied (the store's write lock); the
    /// `fsync`s that make the copy durable run after it is released, and a write that finds
    /// a backup already in progress does not wait for it. With the suppliers hard-linked
    /// from the previous backup, the copy is the forum day's own data: milliseconds.
    pub(crate) fn before_write(&self, lock: &RwLock<()>) {
        // An empty store (only refused writes so far) is never backed up: see `close_due`.
        if self.autobackup.due() && !self.trees.journal.is_empty() {
            if let Some(_serial) = self.autobackup.try_serial() {
                // Due again once the lock is ours? Another writer may have just taken it.
                if self.autobackup.due() {
                    let copied = {
                        let _guard = lock.write().unwrap_or_else(|e| e.into_inner());
                        let copied = backup::copy(self.dir(), &self.trees);
                        if copied.is_ok() {
                            self.autobackup.copied(jiff::Timestamp::now());
                        }
                        copied
                    };
                    if let Err(e) = copied.and_then(|c| c.finish(&self.trees)) {
                        // Still to be saved: the close or a later write tries again.
                        self.autobackup.mark_dirty();
                        report_failure(&e);
                    }
                }
            }
        }
        self.autobackup.mark_dirty();
    }

    /// Takes a backup now, under the store's write lock (no write in between), whether or
    /// not something changed. Errors: [`BackupError::Io`](crate::store::backup::BackupError::Io) (disk full, rights),
    /// [`BackupError::Store`](crate::store::backup::BackupError::Store) (unreadable store).
    pub fn backup(&self) -> BackupResult<BackupInfo> {
        let _serial = self.autobackup.serial();
        let _guard = self.write_lock.write().unwrap_or_else(|e| e.into_inner());
        let info = backup::take_locked(self.dir(), &self.trees)?;
        self.autobackup.taken(&info);
        Ok(info)
    }

    /// The backup a clean close would take now: something was written since the last
    /// one, or the store has data and no backup yet. Temporary stores: never.
    fn close_backup_due(&self) -> bool {
        self.autobackup.close_due(|| !self.trees.journal.is_empty())
    }

    /// Drops the close backup (the store is being dropped to be reopened after a failed
    /// write, e.g. a full disk, where a backup could not be written anyway). The next
    /// write of the reopened store marks it as changed again.
    pub fn skip_close_backup(&self) {
        self.autobackup.close_without_backup();
    }

    /// Closes the store cleanly: takes the close backup when one is due (see
    /// `crate::store::backup`) and returns it. Dropping a store does the same, reporting a failure on stderr.
    pub fn close(self) -> BackupResult<Option<BackupInfo>> {
        let out = if self.close_backup_due() {
            self.backup().map(Some)
        } else {
            Ok(None)
        };
        self.autobackup.close_without_backup();
        out
    }

    /// The id counter: the last id or journal sequence number handed out (0: none yet).
    /// Errors: [`StoreError::Io`], [`StoreError::Corrupt`].
    pub fn id_counter(&self) -> Result<u64, StoreError> {
        ids::counter(&self.trees)
    }

    /// Size in bytes of the store's sled folder and the live size recorded by the last
    /// backup (0 when none yet).
    pub fn sizes(&self) -> (u64, u64) {
        (
            backup::dir_size(&self.dir().join(DB_DIR)),
            backup::live_bytes(&self.trees),
        )
    }
}

impl Drop for SledStore {
    fn drop(&mut self) {
        if std::thread::panicking() || !self.close_backup_due() {
            return;
        }
        if let Err(e) = self.backup() {
            report_failure(&e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Need;
    use crate::store::backup::list;
    use crate::store::Store;

    fn need(title: &str) -> Need {
        Need {
            title: title.into(),
            ..Default::default()
        }
    }

    /// Once the interval has passed, the next write first takes a backup of the state
    /// before it; without a write since the last backup, none is taken.
    #[test]
    fn a_write_after_the_interval_takes_the_backup_first() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = SledStore::open(tmp.path()).unwrap();
        store.autobackup.set_interval(std::time::Duration::ZERO);
        store.save_need(need("Premier"), "t").unwrap();
        assert!(
            list(tmp.path()).is_empty(),
            "nothing written before the first write"
        );
        store.save_need(need("Second"), "t").unwrap();
        let all = list(tmp.path());
        assert_eq!(all.len(), 1);
        assert_eq!(
            all[0].counts["needs"], 1,
            "the state before the second write"
        );
        store.backup().unwrap();
        // Not dirty: reads take no backup, and a clean close takes none either.
        store.needs().unwrap();
        drop(store);
        assert_eq!(list(tmp.path()).len(), 2);
    }
}
