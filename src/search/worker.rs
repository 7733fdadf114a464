//! Runs searches on a background thread so typing never waits.
//!
//! The input thread calls [`SearchWorker::request`] on every keystroke and
//! [`SearchWorker::try_recv`] on every tick; neither blocks on a search. Only the newest
//! request is kept: one superseded before the worker starts it is dropped, so a burst of
//! keystrokes costs one search, not one per letter.
//!
//! Start-up: [`SearchWorker::spawn`] returns at once and builds the index on the worker
//! thread from a loader (reading the store), so the first frame never waits for the
//! directory. [`SearchWorker::progress`] tells how far the load is (for a progress line) and
//! [`SearchWorker::ready`] when searches are answered. Requests made while loading are
//! answered as soon as the index is ready (the newest one only); upserts made while loading
//! are applied after the load.
//!
//! ```no_run
//! # use sourcing::search::SearchWorker;
//! # use sourcing::domain::{CpvCatalog, ThemeCatalog, Supplier};
//! # fn read_store() -> Result<Vec<Supplier>, String> { Ok(vec![]) }
//! let worker = SearchWorker::spawn(read_store, ThemeCatalog::default(), CpvCatalog::default());
//! // first frame: draw "chargement… {n}/{total}" from worker.progress()
//! worker.request("isolation therm dept:93", 50);
//! // each tick:
//! if let Some(results) = worker.try_recv() {
//!     // show results.hits; results.total suppliers match
//! }
//! // busy() drives a quiet "recherche…" marker
//! let _running = worker.busy();
//! ```

use super::index::{Hit, SearchIndex};
use super::query::Query;
use crate::domain::{CpvCatalog, Supplier, ThemeCatalog};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};

/// Where [`SearchWorker::spawn_with_snapshot`] keeps the index snapshot, and the state of
/// the store it must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotSpec {
    /// The snapshot file, e.g. `<store dir>/search-index.snapshot`.
    pub path: std::path::PathBuf,
    /// The store's state: must change whenever a supplier is written (e.g. a counter the
    /// store bumps on every supplier write), so an outdated snapshot is never used.
    pub stamp: u64,
}

/// Results of one finished query.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// Sequence number of the request that produced them.
    pub seq: u64,
    /// The query text as typed.
    pub query: String,
    /// Ranked hits.
    pub hits: Vec<Hit>,
    /// Total matching suppliers (may exceed `hits.len()`).
    pub total: usize,
}

/// How far the start-up load of the index is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProgress {
    /// The loader is reading the store (nothing indexed yet).
    Reading,
    /// Suppliers indexed so far, of `expected` when the loader knows the count.
    Indexing {
        /// Suppliers indexed so far.
        done: usize,
        /// Total expected (the loader's exact size hint), when known.
        expected: Option<usize>,
    },
    /// The index is complete; searches are answered.
    Ready {
        /// Suppliers indexed.
        suppliers: usize,
    },
    /// The loader failed; its message (in French, for the user). The index stays empty.
    Failed(String),
}

struct Request {
    seq: u64,
    query: String,
    limit: usize,
}

#[derive(Default)]
struct State {
    /// The newest request not yet started.
    pending: Option<Request>,
    /// A request is running.
    running: bool,
    /// The newest finished results not yet taken.
    done: Option<SearchResults>,
    /// Upserts not yet applied to the index.
    upserts: Vec<Supplier>,
    /// The last request started (re-run after upserts so shown results stay current).
    last: Option<(u64, String, usize)>,
    /// Highest sequence number handed out.
    seq: u64,
    /// The index is complete.
    loaded: bool,
    /// The loader's error.
    failed: Option<String>,
    /// The worker must stop.
    shutdown: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    /// Suppliers indexed so far (during load).
    indexed: AtomicUsize,
    /// Expected count + 1 (0 = unknown).
    expected: AtomicUsize,
    /// The loader has returned its iterator.
    reading_done: AtomicUsize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Background search thread owning a shared index. Newest request wins: a request
/// superseded before it starts is dropped.
///
/// Dropping the worker stops its thread once the running search or load finishes (it is
/// not joined: quitting never waits for a load).
pub struct SearchWorker {
    /// The shared index (read by the worker; written on upserts). Empty until
    /// [`SearchWorker::ready`] when started with [`SearchWorker::spawn`].
    pub index: Arc<RwLock<SearchIndex>>,
    shared: Arc<Shared>,
}

impl SearchWorker {
    /// Starts the worker thread on an index already built.
    pub fn start(index: Arc<RwLock<SearchIndex>>) -> Self {
        let shared = new_shared(true);
        let w = SearchWorker {
            index: index.clone(),
            shared: shared.clone(),
        };
        std::thread::Builder::new()
            .name("sourcing-search".into())
            .spawn(move || run(shared, index))
            .map(|_| ())
            .unwrap_or_else(|e| w.fail(format!("impossible de lancer la recherche : {e}")));
        w
    }

    /// Starts the worker thread and builds the index on it from `loader` (e.g. reading the
    /// store): returns at once, so the first frame does not wait. `loader` returns the
    /// suppliers (a `Vec`, or any iterator: a streaming one keeps memory low), or an error
    /// message shown by [`SearchWorker::progress`] as [`LoadProgress::Failed`].
    pub fn spawn<L, I, E>(loader: L, themes: ThemeCatalog, cpv: CpvCatalog) -> Self
    where
        L: FnOnce() -> Result<I, E> + Send + 'static,
        I: IntoIterator<Item = Supplier>,
        E: std::fmt::Display,
    {
        Self::spawn_inner(None, loader, themes, cpv)
    }

    /// [`SearchWorker::spawn`] with an index snapshot: when `snapshot.path` holds a snapshot
    /// of the same stamp and catalogs, the index is read from it (far faster than indexing
    /// every supplier) and `loader` is never called. Otherwise the index is built from
    /// `loader`, then written to `snapshot.path` in the background for the next start.
    pub fn spawn_with_snapshot<L, I, E>(
        snapshot: SnapshotSpec,
        loader: L,
        themes: ThemeCatalog,
        cpv: CpvCatalog,
    ) -> Self
    where
        L: FnOnce() -> Result<I, E> + Send + 'static,
        I: IntoIterator<Item = Supplier>,
        E: std::fmt::Display,
    {
        Self::spawn_inner(Some(snapshot), loader, themes, cpv)
    }

    fn spawn_inner<L, I, E>(
        snapshot: Option<SnapshotSpec>,
        loader: L,
        themes: ThemeCatalog,
        cpv: CpvCatalog,
    ) -> Self
    where
        L: FnOnce() -> Result<I, E> + Send + 'static,
        I: IntoIterator<Item = Supplier>,
        E: std::fmt::Display,
    {
        // An empty placeholder until the load ends (no catalog copy on the caller's thread).
        let index = Arc::new(RwLock::new(SearchIndex::default()));
        let shared = new_shared(false);
        let w = SearchWorker {
            index: index.clone(),
            shared: shared.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("sourcing-search".into())
            .spawn(move || {
                let from_snapshot = snapshot
                    .as_ref()
                    .and_then(|s| SearchIndex::load_snapshot(&s.path, s.stamp, &themes, &cpv).ok());
                let fresh = from_snapshot.is_none();
                let loaded = match from_snapshot {
                    Some(idx) => Ok(idx),
                    None => load(&shared, loader, &themes, &cpv),
                };
                let ok = loaded.is_ok();
                {
                    let mut st = shared.lock();
                    match loaded {
                        Ok(idx) => {
                            *index.write().unwrap_or_else(|e| e.into_inner()) = idx;
                        }
                        Err(e) => st.failed = Some(e),
                    }
                    st.loaded = true;
                }
                shared.wake.notify_all();
                if let (Some(s), true, true) = (&snapshot, fresh, ok) {
                    // A cache: failing to write it only costs the next start its speed.
                    let idx = index.read().unwrap_or_else(|e| e.into_inner());
                    let _ = idx.save_snapshot(&s.path, s.stamp);
                }
                run(shared, index)
            });
        if let Err(e) = spawned {
            w.fail(format!("impossible de lancer la recherche : {e}"));
        }
        w
    }

    fn fail(&self, msg: String) {
        let mut st = self.shared.lock();
        st.failed = Some(msg);
        st.loaded = true;
        st.shutdown = true;
    }

    /// Asks for `query` (limit results to `limit`); returns the request's sequence number.
    /// A previous request not yet started is dropped.
    pub fn request(&self, query: &str, limit: usize) -> u64 {
        let mut st = self.shared.lock();
        st.seq += 1;
        let seq = st.seq;
        st.pending = Some(Request {
            seq,
            query: query.to_string(),
            limit,
        });
        drop(st);
        self.shared.wake.notify_all();
        seq
    }

    /// The newest finished results not yet taken, if any (non-blocking).
    pub fn try_recv(&self) -> Option<SearchResults> {
        self.shared.lock().done.take()
    }

    /// Waits up to `timeout` for results (for the command line and tests; the TUI uses
    /// [`SearchWorker::try_recv`]).
    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<SearchResults> {
        let deadline = std::time::Instant::now() + timeout;
        let mut st = self.shared.lock();
        loop {
            if let Some(r) = st.done.take() {
                return Some(r);
            }
            let now = std::time::Instant::now();
            if now >= deadline || (st.loaded && st.failed.is_some()) {
                return None;
            }
            st = self
                .shared
                .wake
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// True while a request is queued or running.
    pub fn busy(&self) -> bool {
        let st = self.shared.lock();
        st.pending.is_some() || st.running
    }

    /// True once the index is complete and searches are answered (false while loading and
    /// after a failed load).
    pub fn ready(&self) -> bool {
        let st = self.shared.lock();
        st.loaded && st.failed.is_none()
    }

    /// How far the start-up load is.
    pub fn progress(&self) -> LoadProgress {
        let st = self.shared.lock();
        if let Some(e) = &st.failed {
            return LoadProgress::Failed(e.clone());
        }
        if st.loaded {
            drop(st);
            let n = self.index.read().map(|i| i.len()).unwrap_or(0);
            return LoadProgress::Ready { suppliers: n };
        }
        drop(st);
        if self.shared.reading_done.load(Ordering::Relaxed) == 0 {
            return LoadProgress::Reading;
        }
        let e = self.shared.expected.load(Ordering::Relaxed);
        LoadProgress::Indexing {
            done: self.shared.indexed.load(Ordering::Relaxed),
            expected: e.checked_sub(1),
        }
    }

    /// Adds or replaces a supplier in the index (after a store write). Applied by the
    /// worker thread before the next search (never blocks the caller on a running search);
    /// the last query is then run again so the results shown stay current.
    pub fn upsert(&self, supplier: &Supplier) {
        self.shared.lock().upserts.push(supplier.clone());
        self.shared.wake.notify_all();
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.wake.notify_all();
    }
}

fn new_shared(loaded: bool) -> Arc<Shared> {
    Arc::new(Shared {
        state: Mutex::new(State {
            loaded,
            ..Default::default()
        }),
        wake: Condvar::new(),
        indexed: AtomicUsize::new(0),
        expected: AtomicUsize::new(0),
        reading_done: AtomicUsize::new(0),
    })
}

/// Builds the index from the loader, publishing progress.
fn load<L, I, E>(
    shared: &Shared,
    loader: L,
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
) -> Result<SearchIndex, String>
where
    L: FnOnce() -> Result<I, E>,
    I: IntoIterator<Item = Supplier>,
    E: std::fmt::Display,
{
    let items = loader().map_err(|e| e.to_string())?.into_iter();
    if let (lo, Some(hi)) = items.size_hint() {
        if lo == hi {
            shared.expected.store(hi + 1, Ordering::Relaxed);
        }
    }
    shared.reading_done.store(1, Ordering::Relaxed);
    let mut idx = SearchIndex::new(themes, cpv);
    idx.extend(items, |done| shared.indexed.store(done, Ordering::Relaxed));
    Ok(idx)
}

/// The worker loop: apply upserts, then run the newest request.
fn run(shared: Arc<Shared>, index: Arc<RwLock<SearchIndex>>) {
    loop {
        let (upserts, req) = {
            let mut st = shared.lock();
            loop {
                if st.shutdown {
                    return;
                }
                if st.loaded && (st.pending.is_some() || !st.upserts.is_empty()) {
                    break;
                }
                st = shared.wake.wait(st).unwrap_or_else(|e| e.into_inner());
            }
            let upserts = std::mem::take(&mut st.upserts);
            let mut req = st.pending.take();
            if req.is_none() && !upserts.is_empty() {
                // Refresh the results shown.
                req = st
                    .last
                    .clone()
                    .map(|(seq, query, limit)| Request { seq, query, limit });
            }
            if let Some(r) = &req {
                st.last = Some((r.seq, r.query.clone(), r.limit));
                st.running = true;
            }
            (upserts, req)
        };
        if !upserts.is_empty() {
            let mut idx = index.write().unwrap_or_else(|e| e.into_inner());
            for s in &upserts {
                idx.upsert(s);
            }
        }
        if let Some(r) = req {
            let page = {
                let idx = index.read().unwrap_or_else(|e| e.into_inner());
                idx.search_page(&Query::parse(&r.query), r.limit)
            };
            let mut st = shared.lock();
            st.running = false;
            st.done = Some(SearchResults {
                seq: r.seq,
                query: r.query,
                hits: page.hits,
                total: page.total,
            });
            drop(st);
            shared.wake.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn sup(id: u64, name: &str) -> Supplier {
        Supplier {
            id,
            name: name.into(),
            ..Default::default()
        }
    }

    fn wait_ready(w: &SearchWorker) {
        for _ in 0..1000 {
            if w.ready() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("index never ready: {:?}", w.progress());
    }

    #[test]
    fn answers_the_newest_request() {
        let idx = SearchIndex::build(
            &[sup(1, "Alpha Énergie"), sup(2, "Beta Sécurité")],
            &ThemeCatalog::default(),
            &CpvCatalog::default(),
        );
        let w = SearchWorker::start(Arc::new(RwLock::new(idx)));
        assert!(w.try_recv().is_none());
        w.request("alpha", 10);
        let last = w.request("securite", 10);
        // The results eventually shown are the newest request's.
        let mut got = None;
        for _ in 0..200 {
            if let Some(r) = w.recv_timeout(Duration::from_millis(50)) {
                if r.seq == last {
                    got = Some(r);
                    break;
                }
            }
        }
        let r = got.expect("results of the newest request");
        assert_eq!(r.query, "securite");
        assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![2]);
        assert_eq!(r.total, 1);
        assert!(!w.busy());
    }

    #[test]
    fn spawn_builds_in_background_then_answers() {
        let w = SearchWorker::spawn(
            || Ok::<_, String>((1..=5000).map(|i| sup(i, &format!("Fournisseur {i}")))),
            ThemeCatalog::default(),
            CpvCatalog::default(),
        );
        // A request made during the load is answered after it.
        let seq = w.request("fournisseur 4999", 5);
        wait_ready(&w);
        assert_eq!(w.progress(), LoadProgress::Ready { suppliers: 5000 });
        let r = w.recv_timeout(Duration::from_secs(10)).expect("results");
        assert_eq!(r.seq, seq);
        assert_eq!(r.hits[0].id, 4999);
    }

    #[test]
    fn failed_load_is_reported() {
        let w = SearchWorker::spawn(
            || Err::<Vec<Supplier>, _>("dossier illisible"),
            ThemeCatalog::default(),
            CpvCatalog::default(),
        );
        for _ in 0..1000 {
            if let LoadProgress::Failed(m) = w.progress() {
                assert_eq!(m, "dossier illisible");
                assert!(!w.ready());
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("failure not reported");
    }

    #[test]
    fn snapshot_is_written_then_used() {
        let d = tempfile::tempdir().unwrap();
        let spec = SnapshotSpec {
            path: d.path().join("index.snapshot"),
            stamp: 5,
        };
        let w = SearchWorker::spawn_with_snapshot(
            spec.clone(),
            || Ok::<_, String>(vec![sup(1, "Alpha Isolation"), sup(2, "Beta")]),
            ThemeCatalog::default(),
            CpvCatalog::default(),
        );
        wait_ready(&w);
        for _ in 0..1000 {
            if spec.path.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        drop(w);
        // Same stamp: the loader is not called.
        let w = SearchWorker::spawn_with_snapshot(
            spec.clone(),
            || Err::<Vec<Supplier>, _>("loader must not run"),
            ThemeCatalog::default(),
            CpvCatalog::default(),
        );
        wait_ready(&w);
        w.request("isolation", 5);
        let r = w.recv_timeout(Duration::from_secs(10)).expect("results");
        assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![1]);
        // Another stamp: rebuilt from the loader.
        let w = SearchWorker::spawn_with_snapshot(
            SnapshotSpec { stamp: 6, ..spec },
            || Ok::<_, String>(vec![sup(3, "Gamma Isolation")]),
            ThemeCatalog::default(),
            CpvCatalog::default(),
        );
        wait_ready(&w);
        w.request("isolation", 5);
        let r = w.recv_timeout(Duration::from_secs(10)).expect("results");
        assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn upsert_refreshes_the_last_results() {
        let w = SearchWorker::spawn(
            || Ok::<_, String>(vec![sup(1, "Alpha Isolation")]),
            ThemeCatalog::default(),
            CpvCatalog::default(),
        );
        wait_ready(&w);
        let seq = w.request("isolation", 10);
        let r = w.recv_timeout(Duration::from_secs(10)).expect("results");
        assert_eq!((r.seq, r.hits.len()), (seq, 1));
        w.upsert(&sup(2, "Beta Isolation"));
        let r = w.recv_timeout(Duration::from_secs(10)).expect("refresh");
        assert_eq!(r.seq, seq);
        assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![1, 2]);
    }
}
