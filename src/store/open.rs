//! Opening a store safely: a damaged store is refused with [`StoreError::Damaged`]
//! (path, damage, what to do), never a panic, a hang or an empty store.
//!
//! - **Panics** of sled while opening or reading are caught ([`super::guard::quietly`]).
//! - **Loops**: opening plus the first full read (every key and value of every tree) run
//!   on a worker thread; after [`open_timeout`] (20 s, or `SOURCING_OPEN_TIMEOUT_MS`) the
//!   caller gets [`Damage::Hang`] and the worker is left to die with the process.
//! - **Data gone**: the marker `<dir>/sourcing-store.json` (outside sled's folder) is
//!   written once the store holds data, with the last journal sequence number seen. A
//!   store whose sled folder is missing or empty, that opens empty, or whose journal stops
//!   before the recorded number, while the marker or a backup shows it had data, is
//!   refused — sled is not even opened when its files are missing, so nothing is created.
//!
//! Backups follow the agreed convention `<dir>/backups/<timestamp>/manifest.json`
//! (complete iff the manifest exists); [`latest_backup`] finds the newest one so the
//! message can name the exact `sourcing store restore` command.

use super::keys::key_id;
pub use super::marker::{read_marker, write_marker, Marker, MARKER_FILE};
use super::sled_error::sled_err;
use super::trees::{Trees, DB_DIR};
use super::{guard, Damage, SledStore, StoreError, StoreResult};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Environment variable bounding opening plus the first full read, in milliseconds.
pub const OPEN_TIMEOUT_ENV: &str = "SOURCING_OPEN_TIMEOUT_MS";

/// Default bound on opening plus the first full read: well above the ~1 s a healthy
/// 1,000,000-supplier store needs, well below the 30 s the user is promised.
const DEFAULT_OPEN_TIMEOUT: Duration = Duration::from_secs(20);

/// Bound on opening plus the first full read: `SOURCING_OPEN_TIMEOUT_MS`, else 20 s.
pub fn open_timeout() -> Duration {
    std::env::var(OPEN_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| *ms > 0)
        .map(Duration::from_millis)
        .unwrap_or(DEFAULT_OPEN_TIMEOUT)
}

/// Name of the newest complete backup of the store in `dir`.
fn latest_backup(dir: &Path) -> Option<String> {
    super::backup::latest(dir).map(|b| b.name)
}

/// The store's state as the marker records it.
struct Seen {
    has_data: bool,
    journal_last: u64,
}

fn seen(trees: &Trees) -> StoreResult<Seen> {
    let journal_last = match trees.journal.last().map_err(sled_err)? {
        Some((k, _)) => key_id(&k).unwrap_or(0),
        None => 0,
    };
    let mut has_data = journal_last > 0;
    for t in [
        &trees.suppliers,
        &trees.needs,
        &trees.meetings,
        &trees.outcomes,
        &trees.forum_days,
    ] {
        if has_data {
            break;
        }
        has_data = t.first().map_err(sled_err)?.is_some();
    }
    Ok(Seen {
        has_data,
        journal_last,
    })
}

/// Reads every key and value of every tree (sled's panics and loops show up here).
fn read_everything(trees: &Trees) -> StoreResult<()> {
    for t in [
        &trees.suppliers,
        &trees.needs,
        &trees.shortlist,
        &trees.forum_days,
        &trees.meetings,
        &trees.outcomes,
        &trees.journal,
        &trees.meta,
        &trees.identity,
        &trees.slots,
        &trees.undo,
    ] {
        for kv in t.iter() {
            kv.map_err(sled_err)?;
        }
    }
    Ok(())
}

/// True when sled's files are missing or empty (so opening would create an empty store).
fn sled_files_missing(dir: &Path) -> bool {
    let db = dir.join(DB_DIR).join("db");
    std::fs::metadata(db).map_or(true, |m| m.len() == 0)
}

/// What a store in `dir` looks like before sled touches it.
struct Before {
    dir: PathBuf,
    marker: Option<Marker>,
    backup: Option<String>,
}

impl Before {
    fn look(dir: &Path) -> Self {
        Before {
            dir: dir.to_path_buf(),
            marker: read_marker(dir),
            backup: latest_backup(dir),
        }
    }

    fn had_data(&self) -> bool {
        self.marker.as_ref().is_some_and(|m| m.has_data) || self.backup.is_some()
    }

    fn damaged(&self, damage: Damage) -> StoreError {
        StoreError::Damaged {
            path: self.dir.clone(),
            damage,
            backup: self.backup.clone(),
        }
    }

    /// A store error from opening or reading, with sled's corruption reports as damage.
    fn map(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Corrupt(m) => self.damaged(Damage::Corrupt(m)),
            StoreError::DiskFull { path } if path.as_os_str().is_empty() => StoreError::DiskFull {
                path: self.dir.clone(),
            },
            other => other,
        }
    }

    /// Compares what opened with the marker; refreshes the marker (a new one is dated `now`,
    /// from the store's clock).
    /// Errors: [`StoreError::Damaged`] (emptied, lost writes).
    fn after(&self, seen: &Seen, now: jiff::Timestamp) -> StoreResult<()> {
        if self.had_data() && !seen.has_data {
            return Err(self.damaged(Damage::Emptied));
        }
        let expected = self.marker.as_ref().map_or(0, |m| m.journal_last);
        if seen.journal_last < expected {
            return Err(self.damaged(Damage::LostWrites {
                found: seen.journal_last,
                expected,
            }));
        }
        if seen.has_data
            && self
                .marker
                .as_ref()
                .is_none_or(|m| !m.has_data || m.journal_last != seen.journal_last)
        {
            let created_at = self
                .marker
                .as_ref()
                .map(|m| m.created_at.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| now.to_string());
            // Best effort: a marker that cannot be written (full disk, read-only
            // folder) must not refuse a healthy store; the next open tries again.
            let _ = write_marker(
                &self.dir,
                &Marker {
                    created_at,
                    has_data: true,
                    journal_last: seen.journal_last,
                },
            );
        }
        Ok(())
    }
}

/// Runs `f` on a worker thread under [`guard::quietly`], waiting until `deadline`.
fn bounded<T: Send + 'static>(
    before: &Before,
    deadline: Instant,
    f: impl FnOnce() -> StoreResult<T> + Send + 'static,
) -> StoreResult<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("sourcing-open".into())
        .spawn(move || {
            let _ = tx.send(guard::quietly(f));
        })
        .map_err(|e| StoreError::Io(format!("{} : {e}", before.dir.display())))?;
    let wait = deadline.saturating_duration_since(Instant::now());
    match rx.recv_timeout(wait) {
        Ok(Ok(r)) => r.map_err(|e| before.map(e)),
        Ok(Err(panic)) => Err(before.damaged(Damage::Panic(panic))),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(before.damaged(Damage::Hang(open_timeout().as_secs().max(1))))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(before.damaged(Damage::Panic("worker ended".into())))
        }
    }
}

impl SledStore {
    /// Opens (creating if needed) the store in `dir` like [`SledStore::open`], and reads
    /// every key and value once, all within [`open_timeout`], sled's panics caught.
    ///
    /// Errors: [`StoreError::Damaged`] when sled panics, loops, reports corruption, or the
    /// store's data is gone while its marker or a backup shows it had some; otherwise
    /// those of [`SledStore::open`]. Writes the marker once the store holds data.
    pub fn open_checked(dir: &Path) -> StoreResult<SledStore> {
        Self::open_checked_with(dir, super::clock::system())
    }

    /// [`SledStore::open_checked`] with the clock that stamps every write.
    /// Errors: those of [`SledStore::open_checked`].
    pub fn open_checked_with(dir: &Path, clock: Arc<dyn super::Clock>) -> StoreResult<SledStore> {
        // A restore or compaction cut short by a crash is finished (or undone) first, so
        // its swap between two folders never looks like a missing sled folder.
        super::swap::recover(dir)?;
        let before = Before::look(dir);
        if before.had_data() && sled_files_missing(dir) {
            return Err(before.damaged(Damage::Missing));
        }
        let deadline = Instant::now() + open_timeout();
        let d = dir.to_path_buf();
        let (store, seen) = bounded(&before, deadline, move || {
            let store = SledStore::open_with(&d, clock)?;
            read_everything(&store.trees)?;
            let seen = seen(&store.trees)?;
            Ok((store, seen))
        })?;
        before.after(&seen, store.now())?;
        Ok(store)
    }

    /// Like [`SledStore::open_checked`] but returns as soon as the store is open and its
    /// marker checked; the full read runs on a background thread, and `on_damage` is
    /// called (once, from another thread) when it panics, fails or does not finish within
    /// [`open_timeout`] of the call. For the TUI, whose first frame must not wait for the
    /// full read; `on_damage` must end the process after restoring the terminal.
    pub fn open_checked_in_background(
        dir: &Path,
        on_damage: impl FnOnce(StoreError) + Send + 'static,
    ) -> StoreResult<Arc<SledStore>> {
        Self::open_checked_in_background_with(dir, super::clock::system(), on_damage)
    }

    /// [`SledStore::open_checked_in_background`] with the clock that stamps every write.
    pub fn open_checked_in_background_with(
        dir: &Path,
        clock: Arc<dyn super::Clock>,
        on_damage: impl FnOnce(StoreError) + Send + 'static,
    ) -> StoreResult<Arc<SledStore>> {
        // A restore or compaction cut short by a crash is finished (or undone) first, so
        // its swap between two folders never looks like a missing sled folder.
        super::swap::recover(dir)?;
        let before = Before::look(dir);
        if before.had_data() && sled_files_missing(dir) {
            return Err(before.damaged(Damage::Missing));
        }
        let deadline = Instant::now() + open_timeout();
        let d = dir.to_path_buf();
        let (store, seen) = bounded(&before, deadline, move || {
            let store = SledStore::open_with(&d, clock)?;
            let seen = seen(&store.trees)?;
            Ok((Arc::new(store), seen))
        })?;
        before.after(&seen, store.now())?;
        let checked = store.clone();
        std::thread::Builder::new()
            .name("sourcing-check".into())
            .spawn(move || {
                let s = checked;
                if let Err(e) = bounded(&before, deadline, move || read_everything(&s.trees)) {
                    on_damage(e);
                }
            })
            .map_err(|e| StoreError::Io(format!("{} : {e}", dir.display())))?;
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(dir: &Path) -> Before {
        Before::look(dir)
    }

    #[test]
    fn a_read_that_never_ends_is_refused_as_a_hang_by_the_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let b = before(dir.path());
        let start = Instant::now();
        let r: StoreResult<()> = bounded(&b, start + Duration::from_millis(200), || loop {
            // sled looping on a damaged page; parked so the test does not burn a core.
            std::thread::park();
        });
        assert!(matches!(
            r,
            Err(StoreError::Damaged {
                damage: Damage::Hang(_),
                ..
            })
        ));
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_panic_is_refused_as_damage_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let b = before(dir.path());
        let r: StoreResult<()> = bounded(&b, Instant::now() + Duration::from_secs(10), || {
            panic!("Corruption in page 42")
        });
        let e = r.unwrap_err();
        assert!(matches!(
            &e,
            StoreError::Damaged {
                damage: Damage::Panic(m),
                ..
            } if m.contains("page 42")
        ));
        let msg = e.to_string();
        assert!(msg.contains(&dir.path().display().to_string()), "{msg}");
        assert!(msg.find("Que faire") < msg.find("What to do"), "{msg}");
    }

    #[test]
    fn a_fresh_store_gets_no_marker_until_it_holds_data() {
        let dir = tempfile::tempdir().unwrap();
        drop(SledStore::open_checked(dir.path()).unwrap());
        assert!(read_marker(dir.path()).is_none());
        // An empty store without marker or backup opens (a new user).
        let store = loop {
            match SledStore::open_checked(dir.path()) {
                Err(StoreError::Locked { .. }) => std::thread::sleep(Duration::from_millis(20)),
                r => break r.unwrap(),
            }
        };
        use crate::store::Store;
        store
            .upsert_suppliers(
                vec![crate::domain::Supplier {
                    name: "Alpha".into(),
                    postcode: "93100".into(),
                    ..Default::default()
                }],
                "t",
            )
            .unwrap();
        let m = read_marker(dir.path()).unwrap();
        assert!(m.has_data && m.journal_last > 0);
    }
}
