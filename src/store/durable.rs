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

use super::sled_store::sled_err;
use super::{StoreError, StoreResult};
use std::fs::File;
use std::path::Path;

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
}

impl Durable {
    /// Wraps an open database whose files are in `db_dir`.
    pub(crate) fn new(db: sled::Db, db_dir: &Path) -> StoreResult<Self> {
        // sled 0.34 keeps its log and pages in the file "db".
        let path = db_dir.join("db");
        let log =
            File::open(&path).map_err(|e| StoreError::Io(format!("{} : {e}", path.display())))?;
        Ok(Durable {
            db,
            log: Some(log),
            mode: Durability::Fsync,
        })
    }

    /// Makes every write so far durable, as [`Durability`] says.
    pub(crate) fn flush(&self) -> StoreResult<()> {
        self.db.flush().map_err(sled_err)?;
        if self.mode == Durability::Fsync {
            if let Some(f) = &self.log {
                f.sync_data()
                    .map_err(|e| StoreError::Io(format!("fsync du journal sled : {e}")))?;
            }
        }
        Ok(())
    }
}
