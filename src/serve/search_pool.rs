//! The server's searches: a fixed pool of threads (one per core) over the one index, so
//! fifty typing buyers cost the memory and CPU of a few searches at a time, not fifty.
//! Newest wins within a session: a search of a session not yet started when a newer one
//! of that session arrives is answered `Superseded` at once, and the newer one takes its
//! place in the queue. Sessions are served in the order they asked, one search of a session
//! at a time, each narrowing that session's previous candidates (its `SearchSession`):
//! the threads search side by side, never waiting for each other.

use super::directory::Directory;
use crate::protocol::{Reply, ServerFrame};
use crate::search::{SearchResults, SearchSession};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// One search asked by a session.
struct Job {
    id: u64,
    query: String,
    limit: usize,
    reply: SyncSender<ServerFrame>,
}

#[derive(Default)]
struct Queue {
    /// Sessions with a search waiting, in the order they asked.
    order: VecDeque<u64>,
    /// Each waiting session's newest search.
    newest: HashMap<u64, Job>,
    /// What each session's searches keep between keystrokes (out while one runs).
    sessions: HashMap<u64, SearchSession>,
    /// Sessions with a search running.
    running: HashSet<u64>,
    /// Sessions that ended while one of their searches ran.
    gone: HashSet<u64>,
    /// Candidates kept by all of `sessions` together, at most [`KEPT_BUDGET`].
    kept: usize,
    stop: bool,
}

/// Most candidates all sessions keep between keystrokes, together (about 24 MB at 12
/// bytes each), so the server's memory does not grow with the number of buyers typing:
/// a session whose kept candidates would pass it lets them go, and its next keystroke
/// searches afresh (as fast for the short, wide prefixes that hold many).
pub(crate) const KEPT_BUDGET: usize = 2_000_000;

impl Queue {
    /// The next search to run, with its session's state: the first session in order
    /// whose previous search has ended.
    fn next(&mut self) -> Option<(u64, Job, SearchSession)> {
        let at = self.order.iter().position(|s| !self.running.contains(s))?;
        let session = self.order.remove(at)?;
        let job = self.newest.remove(&session)?;
        self.running.insert(session);
        let state = self.sessions.remove(&session).unwrap_or_default();
        self.kept -= state.kept();
        Some((session, job, state))
    }

    /// Keeps `state` for `session`'s next search, all sessions keeping at most `budget`
    /// candidates together ([`KEPT_BUDGET`] in the pool).
    fn keep(&mut self, session: u64, mut state: SearchSession, budget: usize) {
        if self.kept + state.kept() > budget {
            state.release();
        }
        self.kept += state.kept();
        if let Some(old) = self.sessions.insert(session, state) {
            self.kept -= old.kept();
        }
    }
}

struct Inner {
    queue: Mutex<Queue>,
    wake: Condvar,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The pool; dropping it stops its threads once their running search ends.
pub struct SearchPool {
    inner: Arc<Inner>,
}

impl SearchPool {
    /// Starts `threads` search threads (at least one) over `directory`.
    pub fn start(directory: Arc<Directory>, threads: usize) -> Self {
        let inner = Arc::new(Inner {
            queue: Mutex::default(),
            wake: Condvar::new(),
        });
        for _ in 0..threads.max(1) {
            let (inner, directory) = (inner.clone(), directory.clone());
            let _ = std::thread::Builder::new()
                .name("sourcing-search".into())
                .spawn(move || {
                    lower_priority();
                    run(&inner, &directory)
                });
        }
        SearchPool { inner }
    }

    /// Queues search `id` of `session`; its answer goes to `reply`. A search of that
    /// session still waiting is answered `Superseded` now.
    pub fn submit(
        &self,
        session: u64,
        id: u64,
        query: &str,
        limit: usize,
        reply: SyncSender<ServerFrame>,
    ) {
        let job = Job {
            id,
            query: query.to_string(),
            limit,
            reply,
        };
        let mut q = self.inner.lock();
        match q.newest.insert(session, job) {
            Some(old) => {
                // Never blocks on the outbox with the queue held: a full outbox drops
                // the answer (its session is resynchronised anyway).
                let _ = old.reply.try_send(ServerFrame::Reply {
                    id: old.id,
                    result: Ok(Reply::Superseded),
                });
            }
            None => q.order.push_back(session),
        }
        drop(q);
        self.inner.wake.notify_one();
    }

    /// Drops the waiting search of a session that ended.
    pub fn forget(&self, session: u64) {
        let mut q = self.inner.lock();
        q.newest.remove(&session);
        if let Some(state) = q.sessions.remove(&session) {
            q.kept -= state.kept();
        }
        q.order.retain(|s| *s != session);
        if q.running.contains(&session) {
            q.gone.insert(session);
        }
    }
}

impl Drop for SearchPool {
    fn drop(&mut self) {
        self.inner.lock().stop = true;
        self.inner.wake.notify_all();
    }
}

/// Niceness of the search threads: a keystroke's results can wait a millisecond, a
/// buyer's confirmed outcome waiting for a core cannot (the session threads that read,
/// write and acknowledge keep the default priority).
const SEARCH_NICE: libc::c_int = 5;

/// Lowers the calling thread's priority to [`SEARCH_NICE`] (Linux: niceness is per
/// thread). Best effort: a refusal leaves it as it was.
fn lower_priority() {
    // SAFETY: gettid and setpriority take plain integers and touch no memory of ours.
    unsafe {
        let tid = libc::gettid();
        let _ = libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, SEARCH_NICE);
    }
}

fn run(inner: &Inner, directory: &Directory) {
    loop {
        let (session, job, mut state) = {
            let mut q = inner.lock();
            loop {
                if q.stop {
                    return;
                }
                if let Some(next) = q.next() {
                    break next;
                }
                q = inner.wake.wait(q).unwrap_or_else(|e| e.into_inner());
            }
        };
        let (hits, total) = directory.search_in(&job.query, job.limit, &mut state);
        {
            let mut q = inner.lock();
            q.running.remove(&session);
            // A session that ended meanwhile has been forgotten: keep nothing of it.
            if !q.gone.remove(&session) {
                q.keep(session, state, KEPT_BUDGET);
            }
        }
        // A newer search of this session may be waiting for this one to end.
        inner.wake.notify_one();
        // A session whose outbox is full is not reading: its answer is dropped rather than
        // holding a search thread every other buyer needs.
        let _ = job.reply.try_send(ServerFrame::Reply {
            id: job.id,
            result: Ok(Reply::Searched(SearchResults {
                seq: job.id,
                query: job.query,
                hits,
                total,
            })),
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::search::synthetic::{Generator, Vocabulary};
    use crate::search::{Query, SearchIndex};

    /// A session that searched `word` on `index` and kept its candidates.
    fn typed(index: &SearchIndex, word: &str) -> SearchSession {
        let mut session = SearchSession::default();
        index.search_page_in(&Query::parse(word), 10, &mut session);
        session
    }

    #[test]
    fn sessions_keep_candidates_within_one_budget_whatever_their_number() {
        let generator = Generator::new(Vocabulary::bundled().unwrap());
        let suppliers: Vec<_> = generator.iter(2_000).collect();
        let cpv = generator.vocabulary().cpv_catalog();
        let index = SearchIndex::build(&suppliers, generator.themes(), &cpv);
        let one = typed(&index, "travaux").kept();
        assert!(one > 0, "a word query keeps its candidates");
        let budget = one * 5 / 2;
        let mut q = Queue::default();
        for session in 0..10 {
            q.keep(session, typed(&index, "travaux"), budget);
            let kept: usize = q.sessions.values().map(SearchSession::kept).sum();
            assert_eq!(q.kept, kept, "the count follows what is kept");
            assert!(
                q.kept <= budget,
                "{} candidates kept, budget {budget}",
                q.kept
            );
        }
        assert_eq!(
            q.kept,
            2 * one,
            "the first two sessions keep theirs, the rest start afresh"
        );
        // A session taken out to search gives its share back; a forgotten one too.
        q.order.push_back(0);
        q.newest.insert(0, job());
        let (_, _, state) = q.next().unwrap();
        assert_eq!(state.kept(), one);
        assert_eq!(q.kept, one);
        q.keep(5, typed(&index, "travaux"), budget);
        assert_eq!(q.kept, 2 * one, "the freed share goes to the next session");
    }

    fn job() -> Job {
        let (reply, _) = std::sync::mpsc::sync_channel(1);
        Job {
            id: 1,
            query: "travaux".into(),
            limit: 10,
            reply,
        }
    }
}
