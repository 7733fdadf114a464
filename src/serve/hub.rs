//! The sessions of a server and the news between them. Each session has a bounded outbox
//! ([`QUEUE`] frames) drained by its own writer thread, so a slow client delays nobody:
//! news that does not fit marks it behind, and once its writer catches up it gets one
//! [`StoreNews::Resync`] (a full refresh of its views) instead of what it missed.
//!
//! The bound is in frames; news frames are under 200 bytes of JSON, so a full outbox of
//! news holds well under the 4 MiB the issue allows.

use crate::protocol::ServerFrame;
use crate::store::StoreNews;
use std::collections::HashMap;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex, MutexGuard};

/// Frames a session's outbox holds before news to it is dropped for a resync.
pub const QUEUE: usize = 1_000;

/// One session as the others see it.
pub struct Outbox {
    /// Frames to its writer thread.
    pub tx: SyncSender<ServerFrame>,
    /// News was dropped: its writer sends a resync once it has room.
    pub behind: Arc<AtomicBool>,
    /// A handle on its socket, to end it when the server stops.
    pub stream: UnixStream,
    /// Its login (for the log).
    pub login: String,
}

/// Every open session.
#[derive(Default)]
pub struct Hub {
    sessions: Mutex<HashMap<u64, Arc<Outbox>>>,
    next: AtomicU64,
}

impl Hub {
    fn lock(&self) -> MutexGuard<'_, HashMap<u64, Arc<Outbox>>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a session; returns its id.
    pub fn join(&self, outbox: Arc<Outbox>) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        self.lock().insert(id, outbox);
        id
    }

    /// Forgets a session (its link is gone).
    pub fn leave(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Open sessions.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when no session is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sends `news` to every session but `from`, never waiting: a full outbox marks its
    /// session behind. Returns the logins newly marked behind (for the log).
    pub fn publish(&self, from: u64, news: &StoreNews) -> Vec<String> {
        let mut behind = Vec::new();
        for (id, out) in self.lock().iter() {
            if *id == from {
                continue;
            }
            match out.tx.try_send(ServerFrame::News(news.clone())) {
                Ok(()) | Err(TrySendError::Disconnected(_)) => {}
                Err(TrySendError::Full(_)) => {
                    if !out.behind.swap(true, Ordering::SeqCst) {
                        behind.push(out.login.clone());
                    }
                }
            }
        }
        behind
    }

    /// Ends every session's link (the server is stopping); returns how many there were.
    pub fn close_all(&self) -> usize {
        let all = self.lock();
        for out in all.values() {
            let _ = out.stream.shutdown(std::net::Shutdown::Both);
        }
        all.len()
    }
}
