//! Start-up snapshots of the search index and of the matcher's prepared directory, kept
//! in `<store dir>/snapshots/` and trusted only when they carry the store's current
//! [`WriteStamp`](crate::store::WriteStamp) (see [`crate::store::stamp`]).
//!
//! Written by `sourcing import` and by the interface after it rebuilt them (a missing,
//! stale or damaged snapshot); read by the interface at start-up. A rebuild streams the
//! suppliers from the store ([`crate::store::Store::for_each_supplier`]): the matcher is
//! prepared on the reading thread while the index is built on a second one, so the whole
//! directory is never held as one `Vec`.

use crate::domain::{CpvCatalog, ThemeCatalog};
use crate::matching::Matcher;
use crate::search::{SearchIndex, SnapshotError};
use crate::store::{Store, StoreResult};
use std::path::{Path, PathBuf};

/// Sub-folder of the store directory holding the snapshots.
pub const SNAPSHOT_DIR: &str = "snapshots";

/// Suppliers in flight between the reading thread and the index thread during a rebuild.
const REBUILD_QUEUE: usize = 1024;

/// Where one store's snapshots live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotFiles {
    dir: PathBuf,
}

impl SnapshotFiles {
    /// The snapshots of the store in `store_dir`.
    pub fn for_store(store_dir: &Path) -> Self {
        SnapshotFiles {
            dir: store_dir.join(SNAPSHOT_DIR),
        }
    }

    /// The search index snapshot.
    pub fn index(&self) -> PathBuf {
        self.dir.join("search-index.snapshot")
    }

    /// The matcher snapshot.
    pub fn matcher(&self) -> PathBuf {
        self.dir.join("matcher.snapshot")
    }

    /// True when both snapshots say (in their headers) they were made at `key`. Only a
    /// hint to skip a rebuild: reading one checks all of it.
    pub fn both_at(&self, key: u64) -> bool {
        fn at(path: &Path, key: u64) -> bool {
            use std::io::Read;
            let mut head = [0u8; 16];
            std::fs::File::open(path)
                .and_then(|mut f| f.read_exact(&mut head))
                .is_ok_and(|()| head[8..].iter().eq(key.to_le_bytes().iter()))
        }
        at(&self.index(), key) && at(&self.matcher(), key)
    }

    /// Reads the search index snapshot made at `key` ([`crate::store::WriteStamp::key`]).
    pub fn load_index(
        &self,
        key: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<SearchIndex, SnapshotError> {
        SearchIndex::load_snapshot(&self.index(), key, themes, cpv)
    }

    /// Reads the matcher snapshot made at `key`.
    pub fn load_matcher(
        &self,
        key: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<Matcher, SnapshotError> {
        Matcher::load_snapshot(&self.matcher(), key, themes, cpv)
    }

    /// Writes the index snapshot at `key` (atomically: a reader sees the old or the new).
    pub fn save_index(&self, index: &SearchIndex, key: u64) -> Result<(), SnapshotError> {
        std::fs::create_dir_all(&self.dir)?;
        index.save_snapshot(&self.index(), key)
    }

    /// Writes the matcher snapshot at `key` (atomically).
    pub fn save_matcher(
        &self,
        matcher: &Matcher,
        key: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<(), SnapshotError> {
        std::fs::create_dir_all(&self.dir)?;
        matcher.save_snapshot(&self.matcher(), key, themes, cpv)
    }
}

/// What a rebuild produced: the parts asked for.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// The search index, when asked.
    pub index: Option<SearchIndex>,
    /// The prepared directory, when asked.
    pub matcher: Option<Matcher>,
}

/// Builds the search index and/or the matcher from the store's suppliers, streamed.
/// `progress(done)` is called now and then with the suppliers read so far. Errors: the
/// store's (an unreadable supplier, a disk failure).
pub fn rebuild(
    store: &dyn Store,
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
    want_index: bool,
    want_matcher: bool,
    progress: &mut dyn FnMut(usize),
) -> StoreResult<Rebuilt> {
    let mut matcher = want_matcher.then(|| Matcher::new(&[], cpv));
    let mut done = 0usize;
    let mut read = |f: &mut dyn FnMut(crate::domain::Supplier) -> bool| {
        store.for_each_supplier(&mut |s| {
            if let Some(m) = matcher.as_mut() {
                m.upsert(&s, cpv);
            }
            done += 1;
            if done.is_multiple_of(4096) {
                progress(done);
            }
            if f(s) {
                std::ops::ControlFlow::Continue(())
            } else {
                std::ops::ControlFlow::Break(())
            }
        })
    };
    let index = if want_index {
        let (tx, rx) = std::sync::mpsc::sync_channel(REBUILD_QUEUE);
        std::thread::scope(|scope| {
            let builder = scope.spawn(|| {
                let mut idx = SearchIndex::new(themes, cpv);
                idx.extend(rx, |_| {});
                idx
            });
            let r = read(&mut |s| tx.send(s).is_ok());
            drop(tx);
            // A panic while indexing is a bug: give up on the index, keep the process.
            let idx = builder.join().ok();
            r.map(|()| idx)
        })?
    } else {
        read(&mut |_| true)?;
        None
    };
    progress(done);
    Ok(Rebuilt { index, matcher })
}

/// Rebuilds both snapshots of the store in `store_dir` from `store` and writes them at its
/// current stamp (`sourcing import` calls it). Does nothing for a store without a stamp.
pub fn write_from_store(
    store: &dyn Store,
    store_dir: &Path,
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
) -> anyhow::Result<()> {
    let files = SnapshotFiles::for_store(store_dir);
    let Some(stamp) = store.write_stamp()? else {
        return Ok(());
    };
    if files.both_at(stamp.key()) {
        return Ok(());
    }
    let built = rebuild(store, themes, cpv, true, true, &mut |_| {})?;
    if let Some(i) = &built.index {
        files.save_index(i, stamp.key())?;
    }
    if let Some(m) = &built.matcher {
        files.save_matcher(m, stamp.key(), themes, cpv)?;
    }
    Ok(())
}
