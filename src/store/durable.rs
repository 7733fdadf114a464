//! Making a write durable before a write method returns.
//!
//! sled 0.34's `Db::flush` writes its log buffers to the file and, on Linux, calls
//! `sync_file_range` on the written range — not `fsync`. That survives the process being
//! killed (`kill -9`, a dropped SSH link: the data is in the kernel), but `sync_file_range`
//! neither flushes the disk's write cache nor the file's metadata, so a power cut or a
//! kernel crash can still lose a write the screen confirmed; sled's background thread
//! only `fsync`s every 500 ms. [`Durability::Fsync`] (the default) adds an `fdatasync`
//! of sled's log file after each flush: `fsync` acts on the file, whichever descriptor
//! wrote to it.

use super::marker::{read_marker, write_marker, Marker};
use super::sled_error::{io_error, sled_err};
use super::trees::DB_DIR;
use super::{Clock, StoreError, StoreResult};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How far a write is pushed before a write method returns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Durability {
    /// sled's flush, then `fdatasync` of its log file: survives a power cut (default).
    #[default]
    Fsync,
    /// sled's flush only: survives the process being killed, not a power cut (the last
    /// half second of writes may be lost then).
    Flush,
}

/// sled's database and an extra descriptor on its log file, to `fdatasync` it.
pub(crate) struct Durable {
    pub(crate) db: sled::Db,
    log: Option<File>,
    pub(crate) mode: Durability,
    /// The store directory (parent of sled's folder), for messages and the marker.
    dir: PathBuf,
    /// The marker (`open::MARKER_FILE`) already says the store has data.
    marked: AtomicBool,
    /// The store's clock: every stamp it writes.
    pub(crate) clock: Arc<dyn Clock>,
}

impl Durable {
    /// Wraps an open database whose files are in `db_dir`.
    pub(crate) fn new(db: sled::Db, db_dir: &Path, clock: Arc<dyn Clock>) -> StoreResult<Self> {
        // sled 0.34 keeps its log and pages in the file "db".
        let path = db_dir.join("db");
        let dir = db_dir.parent().unwrap_or(db_dir).to_path_buf();
        let log = File::open(&path).map_err(|e| io_error(&path, &dir, e))?;
        let marked = read_marker(&dir).is_some_and(|m| m.has_data);
        Ok(Durable {
            db,
            log: Some(log),
            mode: Durability::Fsync,
            dir,
            marked: AtomicBool::new(marked),
            clock,
        })
    }

    /// Makes every write so far durable, as [`Durability`] says. The first journalled
    /// write of a store also writes its marker (the store now holds data: see `open`).
    /// Errors: [`StoreError::DiskFull`] on a full disk, else [`StoreError::Io`].
    pub(crate) fn flush(&self) -> StoreResult<()> {
        self.db.flush().map_err(|e| match sled_err(e) {
            StoreError::DiskFull { .. } => StoreError::DiskFull {
                path: self.dir.clone(),
            },
            other => other,
        })?;
        if self.mode == Durability::Fsync {
            if let Some(f) = &self.log {
                f.sync_data()
                    .map_err(|e| io_error(&self.dir.join(DB_DIR).join("db"), &self.dir, e))?;
            }
        }
        if !self.marked.load(Ordering::Relaxed) {
            let journal_last = self
                .db
                .open_tree("journal")
                .ok()
                .and_then(|t| t.last().ok().flatten())
                .and_then(|(k, _)| super::keys::key_id(&k))
                .unwrap_or(0);
            if journal_last == 0 {
                // Nothing written yet (opening stamps the schema version): no marker.
                return Ok(());
            }
            // The write itself is durable: a marker that cannot be written (full disk)
            // must not turn it into a refusal; the next flush tries again.
            let written = write_marker(
                &self.dir,
                &Marker {
                    created_at: self.clock.now().to_string(),
                    has_data: true,
                    journal_last,
                },
            );
            self.marked.store(written.is_ok(), Ordering::Relaxed);
        }
        Ok(())
    }
}
