//! Search and ranking answered by the forum server on its one index: the query goes as
//! typed, the newest wins (an older one is answered `Superseded`), and the directory never
//! comes to the client.

use super::connection::Connection;
use crate::app::{RankingService, SearchService, ServiceError};
use crate::domain::{Need, ThemeCatalog};
use crate::matching::Match;
use crate::protocol::{RemoteError, Reply, Request};
use crate::search::SearchResults;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Mutex;

type Pending = (u64, Receiver<Result<Reply, RemoteError>>);

/// [`SearchService`] of the forum server.
pub struct RemoteSearch {
    conn: Connection,
    /// The newest search not yet answered: its local sequence number and reply.
    latest: Mutex<Option<Pending>>,
    seq: AtomicUsize,
}

impl RemoteSearch {
    /// Searches through `conn`.
    pub fn new(conn: Connection) -> Self {
        RemoteSearch {
            conn,
            latest: Mutex::new(None),
            seq: AtomicUsize::new(0),
        }
    }

    /// Waits up to `timeout` for the newest search's results (the command line).
    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<SearchResults> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            if let Some(r) = self.try_recv() {
                return Some(r);
            }
            if !self.busy() || std::time::Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}

impl SearchService for RemoteSearch {
    fn request(&self, query: &str, limit: usize) -> Result<u64, ServiceError> {
        let seq = self.seq.fetch_add(1, Ordering::Relaxed) as u64 + 1;
        let rx = self
            .conn
            .send(Request::Search {
                query: query.to_string(),
                limit: u32::try_from(limit).unwrap_or(u32::MAX),
            })
            .map_err(|_| ServiceError::Unavailable)?;
        *self.latest.lock().unwrap_or_else(|e| e.into_inner()) = Some((seq, rx));
        Ok(seq)
    }

    fn try_recv(&self) -> Option<SearchResults> {
        let mut latest = self.latest.lock().unwrap_or_else(|e| e.into_inner());
        let (seq, rx) = latest.as_ref()?;
        match rx.try_recv() {
            Ok(Ok(Reply::Searched(mut r))) => {
                r.seq = *seq;
                *latest = None;
                Some(r)
            }
            Err(TryRecvError::Empty) => None,
            // Superseded, refused or lost: nothing to show for it.
            _ => {
                *latest = None;
                None
            }
        }
    }

    fn busy(&self) -> bool {
        self.latest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }
}

/// [`RankingService`] of the forum server.
pub struct RemoteRanking {
    conn: Connection,
    len: AtomicUsize,
}

impl RemoteRanking {
    /// Ranks through `conn`; asks the server how many suppliers it ranks over.
    pub fn new(conn: Connection) -> Self {
        let len = match conn.call(Request::RankingSize) {
            Ok(Reply::Count(n)) => n as usize,
            _ => 0,
        };
        RemoteRanking {
            conn,
            len: AtomicUsize::new(len),
        }
    }
}

impl RankingService for RemoteRanking {
    fn rank(
        &self,
        need: &Need,
        lot: u32,
        _themes: &ThemeCatalog,
        limit: usize,
    ) -> Result<Vec<Match>, ServiceError> {
        let reply = self.conn.call(Request::Rank {
            need: need.clone(),
            lot,
            limit: u32::try_from(limit).unwrap_or(u32::MAX),
        });
        if let Ok(Reply::Count(n)) = self.conn.call(Request::RankingSize) {
            self.len.store(n as usize, Ordering::Relaxed);
        }
        match reply {
            Ok(Reply::Ranked(m)) => Ok(m),
            _ => Err(ServiceError::Unavailable),
        }
    }

    fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed)
    }
}
