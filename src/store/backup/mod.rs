//! Backups of a store: a consistent copy of every tree as JSON lines, with a manifest.
//!
//! Layout: `<store dir>/backups/<UTC timestamp YYYYMMDDTHHMMSSZ>/` (a second backup in the
//! same second gets `-2`, then `-3`…), holding one `<tree>.jsonl` per tree and
//! `manifest.json` = `{format: 1, schema_version, created_at, id_counter, journal_seq,
//! trees: {name: {file, count, sha256}}, live_bytes, suppliers_stamp}`. A backup is
//! written in `backups/.tmp-<name>/`, its manifest last, every file `fsync`ed, then the
//! folder is renamed into place: a backup folder is complete iff its manifest exists.
//!
//! Lines: `{"k":"<key, hex>","v":<stored JSON value, byte for byte>}` for the trees that
//! hold JSON (suppliers, needs, shortlist, forum_days, meetings, outcomes, journal), and
//! `{"k":"<hex>","x":"<value, hex>"}` for `meta`, `identity` and `slots` (binary values)
//! or for a JSON tree's value that is not valid JSON (kept as it is; `store check` says so).
//! The `undo` tree is not saved: it is empty outside a staged import, and a backup waits
//! for imports to end (it holds the store's write lock).
//!
//! Automatic backups (not for temporary stores): at each clean close (drop of a
//! [`SledStore`](crate::store::SledStore) or [`SledStore::close`](crate::store::SledStore::close)) when something was written since the last backup
//! (or when the store has data and no backup yet), and when a write starts while the last
//! backup is [`AUTO_INTERVAL`] old or more and something was written since. The check runs
//! on writes rather than on a timer thread: it needs no thread to stop at close or to keep
//! in step with a reopened database, and a store with no new write has nothing new to save
//! (the writes between the last backup and a crash are in the store itself, durable).
//! The last [`KEEP`] backups are kept. The suppliers' and identity files are hard-linked
//! from the previous backup when the suppliers' write stamp (see `ids`) is unchanged, so
//! ten backups of a big directory take the room of one, and a periodic backup during a
//! forum day holds writes back only while it copies the day's own trees (the `fsync`s
//! come after the store's write lock is released).

mod auto;
mod lines;
mod manifest;
mod restore;
mod write;

pub(crate) use auto::{report_failure, Auto};
pub use manifest::{find, latest, list, BackupInfo, Manifest, TreeFile};
pub(crate) use restore::build_store;
pub use restore::verify;
pub use write::dir_size;
pub(crate) use write::{copy, live_bytes, sync_dir, take_locked};

use super::StoreError;
use std::io;
use std::path::{Path, PathBuf};

/// Sub-directory of the store directory that holds the backups.
pub const BACKUPS_DIR: &str = "backups";
/// Name of a backup's manifest (written last).
pub const MANIFEST: &str = "manifest.json";
/// Version of the backup format in the manifest.
pub const FORMAT: u32 = 1;
/// How many backups are kept (older ones are deleted after a new one is written).
pub const KEEP: usize = 10;
/// A write that starts this long after the last backup takes a new one first.
pub const AUTO_INTERVAL: std::time::Duration = std::time::Duration::from_secs(10 * 60);
/// Key in `meta` of the live size: the bytes of the last backup's files (u64 BE).
pub(crate) const LIVE_BYTES_KEY: &[u8] = b"live_bytes";

/// Trees saved with their JSON values inline.
const JSON_TREES: [&str; 8] = [
    "suppliers",
    "needs",
    "shortlist",
    "forum_days",
    "meetings",
    "outcomes",
    "journal",
    "buyers",
];
/// Trees saved with hex values.
const BIN_TREES: [&str; 3] = ["meta", "identity", "slots"];
/// Keys of `meta` that describe a moment, not the data: never saved.
const META_SKIPPED: [&[u8]; 1] = [b"pending_import"];

/// Errors of backups, restores and compactions; rendered, saying what to do, by the
/// catalogue (`i18n::store`); `Display` is French.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::i18n::Render::render(self, crate::i18n::Lang::Fr))]
pub enum BackupError {
    /// A file or folder could not be read or written.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system error.
        source: io::Error,
    },
    /// The store could not be read or written.
    Store(#[from] StoreError),
    /// There is no backup to use.
    NoBackup(PathBuf),
    /// The backup asked for does not exist.
    NotFound {
        /// The name given.
        name: String,
        /// The backups folder.
        dir: PathBuf,
    },
    /// A backup is damaged (manifest, checksum, count or line).
    Damaged {
        /// The backup folder.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
    /// Another process holds the store.
    Locked {
        /// The store directory.
        path: PathBuf,
        /// The holder's process id, when found (Linux: /proc/*/fd).
        holder: Option<u32>,
    },
}

/// Result of backups.
pub type BackupResult<T> = Result<T, BackupError>;

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}
