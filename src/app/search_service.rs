//! [`SearchService`]: how the app asks for searches. In process it is the
//! [`SearchWorker`] over the index; the shared server's client will implement it over its
//! socket. Every call returns at once: a query is submitted with a generation (sequence
//! number) and its results are polled on each tick, newest wins.

use super::ServiceError;
use crate::search::{SearchResults, SearchWorker};

/// Supplier search as the app uses it.
pub trait SearchService: Send {
    /// Submits `query` (at most `limit` hits wanted) and returns its generation: results
    /// carry it, and a newer request supersedes older ones not yet answered. Err when the
    /// service cannot take it (never in process).
    fn request(&self, query: &str, limit: usize) -> Result<u64, ServiceError>;
    /// The newest finished results not yet taken, if any (never blocks).
    fn try_recv(&self) -> Option<SearchResults>;
    /// True while a request is queued or running.
    fn busy(&self) -> bool;
}

impl SearchService for SearchWorker {
    fn request(&self, query: &str, limit: usize) -> Result<u64, ServiceError> {
        Ok(SearchWorker::request(self, query, limit))
    }
    fn try_recv(&self) -> Option<SearchResults> {
        SearchWorker::try_recv(self)
    }
    fn busy(&self) -> bool {
        SearchWorker::busy(self)
    }
}
