//! The background loader: everything start-up does after the first frame. In order:
//! catalogs, the demo's import (if any), then search and ranking — from the store's
//! snapshots when they carry its current write stamp (the index, then the matcher),
//! else rebuilt by streaming the suppliers from the store and written back as snapshots
//! for the next start. Events arrive on the returned channel in that order; the returned
//! handle ends once the snapshots are written (a clean close waits for it).

use super::ranking_service::LocalRanking;
use super::services::{CatalogSource, ImportJob, ImportProgress, LoadEvent};
use super::snapshots::{rebuild, SnapshotFiles};
use crate::domain::{CpvCatalog, ThemeCatalog};
use crate::matching::Matcher;
use crate::search::{SearchIndex, SearchWorker};
use crate::store::Store;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Starts the loader thread over `store`; `snapshots` is where the store's snapshots
/// live (None: never read or write any, e.g. the demo's temporary store and tests).
/// Returns the event channel and the thread (None when it could not start: the channel
/// then reports a disconnected loader).
pub fn spawn_loader(
    store: Arc<dyn Store>,
    catalogs: CatalogSource,
    import: Option<ImportJob>,
    snapshots: Option<SnapshotFiles>,
) -> (Receiver<LoadEvent>, Option<JoinHandle<()>>) {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .name("sourcing-loader".into())
        .spawn(move || load(store, catalogs, import, snapshots, tx))
        .ok();
    (rx, handle)
}

fn load(
    store: Arc<dyn Store>,
    catalogs: CatalogSource,
    import: Option<ImportJob>,
    snapshots: Option<SnapshotFiles>,
    tx: Sender<LoadEvent>,
) {
    let (themes, cpv) = catalogs();
    let _ = tx.send(LoadEvent::Catalogs(themes.clone(), cpv.clone()));
    if let Some(job) = import {
        if !run_import(job, store.as_ref(), &tx) {
            return;
        }
        let _ = tx.send(LoadEvent::Reading);
    }
    // The stamp is read before anything else of the suppliers: nothing writes them while
    // the interface holds the store's lock, so what follows is of that state.
    let key = match store.write_stamp() {
        Ok(s) => s.map(|s| s.key()),
        Err(e) => {
            let _ = tx.send(LoadEvent::Failed(e.to_string()));
            return;
        }
    };
    let files = snapshots.zip(key);
    let (mut index, mut matcher) = (None, None);
    if let Some((f, key)) = &files {
        // Search first: the index alone decides when the buyer can type. The matcher is
        // read next (its CPV index is built beside its decoding); reading both at once on
        // two cores, beside the store's own background check, delayed search by more than
        // it advanced ranking.
        if let Ok(idx) = f.load_index(*key, &themes, &cpv) {
            let _ = tx.send(LoadEvent::Count(idx.len()));
            index = Some(start_search(idx, &tx, true));
        }
        matcher = f.load_matcher(*key, &themes, &cpv).ok().map(Arc::new);
        if let Some(m) = &matcher {
            let _ = tx.send(LoadEvent::Ranking(Box::new(LocalRanking(m.clone()))));
        }
    }
    if index.is_some() && matcher.is_some() {
        return;
    }
    // A missing, stale or damaged snapshot: rebuild what is missing from the store.
    if index.is_none() {
        let _ = tx.send(LoadEvent::Reading);
    }
    let total = match store.supplier_count() {
        Ok(n) => n,
        Err(e) => {
            let _ = tx.send(LoadEvent::Failed(e.to_string()));
            return;
        }
    };
    if index.is_none() {
        let _ = tx.send(LoadEvent::Count(total));
    }
    let started = Instant::now();
    let mut last = Instant::now();
    let mut progress = |done: usize| {
        if last.elapsed() >= Duration::from_millis(100) {
            last = Instant::now();
            let _ = tx.send(LoadEvent::Indexing { done, total });
        }
    };
    let built = match rebuild(
        store.as_ref(),
        &themes,
        &cpv,
        index.is_none(),
        matcher.is_none(),
        &mut progress,
    ) {
        Ok(b) => b,
        Err(e) => {
            let _ = tx.send(LoadEvent::Failed(e.to_string()));
            return;
        }
    };
    // Release the store before the channel closes: once the app sees the loader
    // finished, this thread holds no reference to it.
    drop(store);
    let new_index = built.index.map(|idx| start_search(idx, &tx, false).clone());
    let new_matcher = built.matcher.map(Arc::new);
    if let Some(m) = &new_matcher {
        let _ = tx.send(LoadEvent::Ranking(Box::new(LocalRanking(m.clone()))));
    }
    let _ = tx.send(LoadEvent::Rebuilt(started.elapsed()));
    drop(tx);
    // Snapshots for the next start (a cache: failing to write one only costs speed).
    if let Some((f, key)) = &files {
        save(
            f,
            *key,
            new_index.as_deref(),
            new_matcher.as_deref(),
            &themes,
            &cpv,
        );
    }
}

/// Starts the search worker over `idx` and hands it to the app; returns the shared index
/// (to save its snapshot).
fn start_search(
    idx: SearchIndex,
    tx: &Sender<LoadEvent>,
    from_snapshot: bool,
) -> Arc<RwLock<SearchIndex>> {
    let shared = Arc::new(RwLock::new(idx));
    let worker = SearchWorker::start(shared.clone());
    let _ = tx.send(LoadEvent::Searchable {
        service: Box::new(worker),
        from_snapshot,
    });
    shared
}

fn save(
    f: &SnapshotFiles,
    key: u64,
    index: Option<&RwLock<SearchIndex>>,
    matcher: Option<&Matcher>,
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
) {
    if let Some(i) = index {
        let i = i.read().unwrap_or_else(|e| e.into_inner());
        let _ = f.save_index(&i, key);
    }
    if let Some(m) = matcher {
        let _ = f.save_matcher(m, key, themes, cpv);
    }
}

/// Runs the demo's import, forwarding its progress; false when it failed (reported).
fn run_import(job: ImportJob, store: &dyn Store, tx: &Sender<LoadEvent>) -> bool {
    let mut last = Instant::now();
    let mut report = |p: ImportProgress| {
        let last_step = match p {
            ImportProgress::Reading { done, total } => done >= total,
            ImportProgress::Writing { .. } => true,
        };
        if last_step || last.elapsed() >= Duration::from_millis(50) {
            last = Instant::now();
            let _ = tx.send(LoadEvent::Progress(p));
        }
    };
    match job(store, &mut report) {
        Ok(()) => true,
        Err(e) => {
            let _ = tx.send(LoadEvent::Failed(e));
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Supplier;
    use crate::store::SledStore;

    fn sup(name: &str) -> Supplier {
        Supplier {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Runs the loader to its end; returns (index from its snapshot, hits for `query`).
    fn start(store: &Arc<SledStore>, files: &SnapshotFiles, query: &str) -> (bool, usize) {
        let catalogs: CatalogSource = Box::new(|| {
            (
                Arc::new(ThemeCatalog::default()),
                Arc::new(CpvCatalog::default()),
            )
        });
        let (rx, handle) = spawn_loader(store.clone(), catalogs, None, Some(files.clone()));
        let (mut search, mut from, mut ranked) = (None, None, false);
        for ev in rx.iter() {
            match ev {
                LoadEvent::Searchable {
                    service,
                    from_snapshot,
                } => {
                    search = Some(service);
                    from = Some(from_snapshot);
                }
                LoadEvent::Ranking(_) => ranked = true,
                LoadEvent::Failed(e) => panic!("{e}"),
                _ => {}
            }
        }
        if let Some(h) = handle {
            h.join().unwrap();
        }
        assert!(ranked, "ranking is ready");
        let search = search.expect("search is ready");
        let seq = search.request(query, 10).unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(r) = search.try_recv().filter(|r| r.seq == seq) {
                return (from.unwrap_or(false), r.total);
            }
            assert!(Instant::now() < deadline, "no results");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn snapshots_are_used_only_at_the_stamp_they_were_made() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SledStore::open(dir.path()).unwrap());
        store
            .upsert_suppliers(vec![sup("Alpha Isolation"), sup("Beta Voirie")], "t")
            .unwrap();
        let files = SnapshotFiles::for_store(dir.path());
        // None yet: rebuilt from the store, then written.
        assert_eq!(start(&store, &files, "isolation"), (false, 1));
        assert!(files.index().exists() && files.matcher().exists());
        // Current: read from them.
        assert_eq!(start(&store, &files, "isolation"), (true, 1));
        // A supplier write makes them stale: rebuilt, and the new supplier is found.
        store
            .upsert_suppliers(vec![sup("Gamma Isolation")], "t")
            .unwrap();
        assert_eq!(start(&store, &files, "isolation"), (false, 2));
        assert_eq!(start(&store, &files, "isolation"), (true, 2));
        // A damaged file is not trusted either.
        let mut b = std::fs::read(files.index()).unwrap();
        let cut = b.len() / 2;
        b.truncate(cut);
        std::fs::write(files.index(), b).unwrap();
        assert_eq!(start(&store, &files, "isolation"), (false, 2));
    }
}
