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
    stop: bool,
}

impl Queue {
    /// The next search to run, with its session's state: the first session in order
    /// whose previous search has ended.
    fn next(&mut self) -> Option<(u64, Job, SearchSession)> {
        let at = self.order.iter().position(|s| !self.running.contains(s))?;
        let session = self.order.remove(at)?;
        let job = self.newest.remove(&session)?;
        self.running.insert(session);
        let state = self.sessions.remove(&session).unwrap_or_default();
        Some((session, job, state))
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
        q.sessions.remove(&session);
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
                q.sessions.insert(session, state);
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
