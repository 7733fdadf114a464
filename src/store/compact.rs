//! Rewriting a store: `sourcing store restore` and `sourcing store compact`.
//!
//! Both build a fresh sled database from a backup in `<dir>/.new-sled` and swap it in
//! (see `swap`: a kill at any instant leaves the old or the new store). A compaction is a
//! fresh backup (under the write lock of the open store, kept open until the swap is done)
//! rebuilt at once: sled keeps replaced values in its files, a rebuilt store holds only
//! the live ones. A restore does not open the store (it may be damaged): it takes sled's
//! own lock on `sled/db` for the whole operation, so it is refused while another process
//! holds the store, and keeps the replaced folder as `sled.before-restore-<time>`.
//!
//! The id counter of a restored store is raised to the highest one of every backup in the
//! folder, so ids handed out after the backup was taken are never handed out again (the
//! suppliers' write stamp, drawn from the same counter, stays unique too).

use super::backup::{self, dir_size, BackupError, BackupInfo, BackupResult};
use super::sled::SledStore;
use super::swap::{self, NEW_DIR};
use super::trees::DB_DIR;
use std::fs::File;
use std::path::{Path, PathBuf};

/// What a compaction did.
#[derive(Debug, Clone)]
pub struct CompactReport {
    /// Size of the sled folder before, in bytes.
    pub before_bytes: u64,
    /// Size of the sled folder after, in bytes.
    pub after_bytes: u64,
    /// Live size (the fresh backup's files), in bytes.
    pub live_bytes: u64,
    /// The fresh backup the new store was built from.
    pub backup: BackupInfo,
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct RestoreReport {
    /// The backup brought back.
    pub backup: BackupInfo,
    /// Where the replaced sled folder was kept (None: there was none).
    pub kept_old: Option<PathBuf>,
}

/// A folder this many times its live size prints the hint to compact.
pub const GROWTH_FACTOR: u64 = 4;
/// …and only past this many bytes of dead data (a small store's fixed overhead in sled's
/// files is a few hundred KB, many times its data).
pub const GROWTH_MIN_DEAD_BYTES: u64 = 8 << 20;

impl SledStore {
    /// `(folder bytes, live bytes)` when the sled folder exceeds [`GROWTH_FACTOR`] times
    /// the live size recorded by the last backup (and [`GROWTH_MIN_DEAD_BYTES`] of dead
    /// data): the caller prints the hint to run `sourcing store compact`. Never compacts.
    pub fn growth(&self) -> Option<(u64, u64)> {
        let (folder, live) = self.sizes();
        (live > 0
            && folder > GROWTH_FACTOR.saturating_mul(live)
            && folder - live > GROWTH_MIN_DEAD_BYTES)
            .then_some((folder, live))
    }

    /// Rewrites the store into a fresh one holding only its live data and swaps it in.
    /// Consumes the store: reopen it afterwards. Errors: [`BackupError::Io`] (disk full:
    /// the old store stays in place), [`BackupError::Store`].
    pub fn compact(self) -> BackupResult<CompactReport> {
        let dir = self.dir().to_path_buf();
        let before_bytes = dir_size(&dir.join(DB_DIR));
        let report = {
            let _serial = self.autobackup.serial();
            let _guard = self.write_lock.write().unwrap_or_else(|e| e.into_inner());
            let info = backup::take_locked(&dir, &self.trees)?;
            let new = dir.join(NEW_DIR);
            if let Err(e) = backup::build_store(&info, &new, info.manifest.id_counter) {
                let _ = std::fs::remove_dir_all(&new);
                return Err(e);
            }
            swap::swap(&dir, "sled.old", true)?;
            info
        };
        self.autobackup.close_without_backup();
        drop(self);
        Ok(CompactReport {
            before_bytes,
            after_bytes: dir_size(&dir.join(DB_DIR)),
            live_bytes: report.manifest.live_bytes,
            backup: report,
        })
    }
}

/// The process id holding `path` open, other than this one (Linux: scans /proc/*/fd;
/// None elsewhere or when not found).
pub fn holder_pid(path: &Path) -> Option<u32> {
    let target = path.canonicalize().ok()?;
    let me = std::process::id();
    for e in std::fs::read_dir("/proc").ok()?.filter_map(Result::ok) {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(e.path().join("fd")) else {
            continue;
        };
        for fd in fds.filter_map(Result::ok) {
            if std::fs::read_link(fd.path()).is_ok_and(|l| l == target) {
                return Some(pid);
            }
        }
    }
    None
}

/// Brings back exactly the state of a backup of the store in `dir`: `which` is a backup
/// folder name (or path); None: the newest. Refused with [`BackupError::Locked`] while
/// another process (or another store of this one) holds the store. The backup is checked
/// (SHA-256, counts) before anything is replaced; the replaced folder is kept.
pub fn restore(dir: &Path, which: Option<&str>) -> BackupResult<RestoreReport> {
    swap::recover(dir)?;
    let live = dir.join(DB_DIR);
    let lock_path = live.join("db");
    // sled locks `sled/db` with flock: holding the same lock keeps every other opener out.
    let _lock = match File::options().read(true).write(true).open(&lock_path) {
        Ok(f) => match fs2::FileExt::try_lock_exclusive(&f) {
            Ok(()) => Some(f),
            Err(_) => {
                return Err(BackupError::Locked {
                    path: dir.to_path_buf(),
                    holder: holder_pid(&lock_path),
                })
            }
        },
        Err(_) => None,
    };
    let info = backup::find(dir, which)?;
    let floor = backup::list(dir)
        .iter()
        .map(|b| b.manifest.id_counter)
        .max()
        .unwrap_or(0);
    let new = dir.join(NEW_DIR);
    if let Err(e) = backup::build_store(&info, &new, floor) {
        let _ = std::fs::remove_dir_all(&new);
        return Err(e);
    }
    let kept_old = live.exists().then(|| {
        let base = format!(
            "sled.before-restore-{}",
            jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ")
        );
        let mut name = base.clone();
        let mut n = 2;
        while dir.join(&name).exists() {
            name = format!("{base}-{n}");
            n += 1;
        }
        name
    });
    // The marker (see `open`) records the last journal event seen; the restored store
    // stops at the backup's. Lowered before the swap: a kill between the two leaves the
    // old store, whose journal still reaches past the new floor.
    let marker = super::open::read_marker(dir);
    super::open::write_marker(
        dir,
        &super::open::Marker {
            created_at: marker
                .as_ref()
                .map(|m| m.created_at.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| jiff::Timestamp::now().to_string()),
            has_data: marker.is_some_and(|m| m.has_data) || info.manifest.journal_seq > 0,
            journal_last: info.manifest.journal_seq,
        },
    )?;
    match &kept_old {
        Some(name) => swap::swap(dir, name, false)?,
        None => swap::swap(dir, "sled.old", true)?,
    }
    Ok(RestoreReport {
        backup: info,
        kept_old: kept_old.map(|n| dir.join(n)),
    })
}
