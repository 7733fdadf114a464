//! Runs searches on a background thread so typing never waits.
//!
//! The input thread calls [`SearchWorker::request`] on every keystroke and
//! [`SearchWorker::try_recv`] on every tick; neither blocks on a search. Only the newest
//! request is kept: one superseded before the worker starts it is dropped, so a burst of
//! keystrokes costs one search, not one per letter.
//!
//! The index is built or read from its snapshot by the caller (the app's loader, see
//! `app::loader`) and handed over with [`SearchWorker::start`].
//!
//! ```no_run
//! # use sourcing::search::{SearchIndex, SearchWorker};
//! # use std::sync::{Arc, RwLock};
//! let worker = SearchWorker::start(Arc::new(RwLock::new(SearchIndex::default())));
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
use crate::domain::Supplier;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};

/// Results of one finished query.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Background search thread owning a shared index. Newest request wins: a request
/// superseded before it starts is dropped.
///
/// Dropping the worker stops its thread once the running search finishes (it is not
/// joined).
pub struct SearchWorker {
    /// The shared index (read by the worker; written on upserts).
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

    /// True while searches are answered (false when the worker thread could not start).
    pub fn ready(&self) -> bool {
        let st = self.shared.lock();
        st.loaded && st.failed.is_none()
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
    })
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
    use crate::domain::{CpvCatalog, ThemeCatalog};
    use std::time::Duration;

    fn sup(id: u64, name: &str) -> Supplier {
        Supplier {
            id,
            name: name.into(),
            ..Default::default()
        }
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
    fn upsert_refreshes_the_last_results() {
        let idx = SearchIndex::build(
            &[sup(1, "Alpha Isolation")],
            &ThemeCatalog::default(),
            &CpvCatalog::default(),
        );
        let w = SearchWorker::start(Arc::new(RwLock::new(idx)));
        assert!(w.ready());
        let seq = w.request("isolation", 10);
        let r = w.recv_timeout(Duration::from_secs(10)).expect("results");
        assert_eq!((r.seq, r.hits.len()), (seq, 1));
        w.upsert(&sup(2, "Beta Isolation"));
        let r = w.recv_timeout(Duration::from_secs(10)).expect("refresh");
        assert_eq!(r.seq, seq);
        assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![1, 2]);
    }
}
