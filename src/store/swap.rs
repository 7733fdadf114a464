//! Replacing a store's sled folder by a freshly built one, such that a kill at any
//! instant leaves the old store or the new one in place, never neither.
//!
//! The new database is built in `<dir>/.new-sled` (and `fsync`ed) first. Then:
//!
//! 1. the plan `<dir>/.swap.json` = `{old, delete_old}` is written and `fsync`ed: this is
//!    the commit point (before it, the new folder is discarded; after it, the swap is
//!    finished);
//! 2. `sled` is renamed to `old` (`sled.old` for a compaction, `sled.before-restore-<time>`
//!    for a restore, which keeps the replaced store);
//! 3. `.new-sled` is renamed to `sled`;
//! 4. `old` is deleted when `delete_old`;
//! 5. the plan is deleted.
//!
//! Every step is followed by an `fsync` of `<dir>`. [`recover`], run by every open and
//! before a restore or compaction, reads the state and finishes or undoes the swap:
//! without a plan, a `.new-sled` is an unfinished build and is deleted; with one,
//! `sled` present beside `.new-sled` means step 2 did not happen, `sled` absent means it
//! did, `.new-sled` absent means step 3 did.

use super::backup::sync_dir;
use super::trees::DB_DIR;
use super::{StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::Path;

/// Folder where a replacement database is built.
pub(crate) const NEW_DIR: &str = ".new-sled";
/// The swap's plan, present from the commit point to the end of the swap.
const PLAN: &str = ".swap.json";

/// What to do with the replaced folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Plan {
    /// Name, inside the store directory, the old `sled` folder is renamed to.
    old: String,
    /// Delete it once the new folder is in place.
    delete_old: bool,
}

fn io(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Io(format!("{} : {e}", path.display()))
}

fn sync(dir: &Path) -> StoreResult<()> {
    sync_dir(dir).map_err(|e| StoreError::Io(e.to_string()))
}

/// Swaps `<dir>/.new-sled` (complete, synced) in as `<dir>/sled`; the old folder is
/// renamed to `old` and deleted when `delete_old`.
pub(crate) fn swap(dir: &Path, old: &str, delete_old: bool) -> StoreResult<()> {
    run(dir, old, delete_old, usize::MAX)
}

/// The swap, stopping after `stop_after` steps (tests simulate a kill with it).
fn run(dir: &Path, old: &str, delete_old: bool, stop_after: usize) -> StoreResult<()> {
    let plan = Plan {
        old: old.to_string(),
        delete_old,
    };
    let old_path = dir.join(old);
    if old_path.exists() {
        fs::remove_dir_all(&old_path).map_err(|e| io(&old_path, e))?;
    }
    let plan_path = dir.join(PLAN);
    let bytes = serde_json::to_vec(&plan).map_err(|e| StoreError::Io(e.to_string()))?;
    {
        use std::io::Write;
        let mut f = fs::File::create(&plan_path).map_err(|e| io(&plan_path, e))?;
        f.write_all(&bytes).map_err(|e| io(&plan_path, e))?;
        f.sync_all().map_err(|e| io(&plan_path, e))?;
    }
    sync(dir)?;
    if stop_after == 1 {
        return Ok(());
    }
    finish(dir, &plan, stop_after)
}

/// Steps 2 to 5 from wherever they stand.
fn finish(dir: &Path, plan: &Plan, stop_after: usize) -> StoreResult<()> {
    let live = dir.join(DB_DIR);
    let new = dir.join(NEW_DIR);
    let old = dir.join(&plan.old);
    if new.exists() {
        if live.exists() {
            fs::rename(&live, &old).map_err(|e| io(&live, e))?;
            sync(dir)?;
        }
        if stop_after == 2 {
            return Ok(());
        }
        fs::rename(&new, &live).map_err(|e| io(&new, e))?;
        sync(dir)?;
    }
    if stop_after == 3 {
        return Ok(());
    }
    if plan.delete_old && old.exists() {
        fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
        sync(dir)?;
    }
    if stop_after == 4 {
        return Ok(());
    }
    let plan_path = dir.join(PLAN);
    fs::remove_file(&plan_path).map_err(|e| io(&plan_path, e))?;
    sync(dir)
}

/// Finishes a swap interrupted after its commit point, or discards an unfinished build.
pub(crate) fn recover(dir: &Path) -> StoreResult<()> {
    let plan_path = dir.join(PLAN);
    let new = dir.join(NEW_DIR);
    match fs::read(&plan_path) {
        Ok(bytes) => match serde_json::from_slice::<Plan>(&bytes) {
            Ok(plan) => finish(dir, &plan, usize::MAX),
            // A plan cut short by a crash is not `fsync`ed yet: the swap had not begun.
            Err(_) => {
                fs::remove_file(&plan_path).map_err(|e| io(&plan_path, e))?;
                discard(&new)
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => discard(&new),
        Err(e) => Err(io(&plan_path, e)),
    }
}

fn discard(new: &Path) -> StoreResult<()> {
    if new.exists() {
        fs::remove_dir_all(new).map_err(|e| io(new, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(dir: &Path, name: &str, content: &str) {
        fs::create_dir_all(dir.join(name)).unwrap();
        fs::write(dir.join(name).join("db"), content).unwrap();
    }

    fn live(dir: &Path) -> String {
        fs::read_to_string(dir.join(DB_DIR).join("db")).unwrap()
    }

    /// A kill after each step (0: during the build, before the plan) then an open's
    /// recovery leaves the old store (before the commit point) or the new one (after),
    /// never neither, and no leftover but a kept old folder.
    #[test]
    fn a_swap_killed_at_any_step_recovers_to_old_or_new() {
        for delete_old in [true, false] {
            for stop in 0..=5 {
                let tmp = tempfile::tempdir().unwrap();
                let dir = tmp.path();
                folder(dir, DB_DIR, "old");
                folder(dir, NEW_DIR, "new");
                if stop > 0 {
                    run(dir, "sled.old", delete_old, stop).unwrap();
                }
                recover(dir).unwrap();
                let expect = if stop == 0 { "old" } else { "new" };
                assert_eq!(live(dir), expect, "stop after {stop}, delete {delete_old}");
                assert!(!dir.join(NEW_DIR).exists(), "stop {stop}");
                assert!(!dir.join(PLAN).exists(), "stop {stop}");
                let kept = dir.join("sled.old").exists();
                assert_eq!(kept, stop > 0 && !delete_old, "stop {stop}");
                if kept {
                    assert_eq!(fs::read_to_string(dir.join("sled.old/db")).unwrap(), "old");
                }
                // Recovery is idempotent.
                recover(dir).unwrap();
                assert_eq!(live(dir), expect);
            }
        }
    }

    #[test]
    fn a_torn_plan_means_the_swap_never_began() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        folder(dir, DB_DIR, "old");
        folder(dir, NEW_DIR, "new");
        fs::write(dir.join(PLAN), b"{\"old\":\"sled.o").unwrap();
        recover(dir).unwrap();
        assert_eq!(live(dir), "old");
        assert!(!dir.join(NEW_DIR).exists());
    }

    #[test]
    fn a_store_without_sled_folder_gets_the_new_one() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        folder(dir, NEW_DIR, "new");
        run(dir, "sled.old", true, 2).unwrap();
        recover(dir).unwrap();
        assert_eq!(live(dir), "new");
    }
}
