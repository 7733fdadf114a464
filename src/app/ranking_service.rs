//! [`RankingService`]: how the app ranks the directory against a need. In process it is
//! [`LocalRanking`] over a prepared [`Matcher`]; the shared server's client will implement
//! it over its socket.

use super::ServiceError;
use crate::domain::{Need, ThemeCatalog};
use crate::matching::{Match, Matcher};
use std::sync::Arc;

/// Need → ranked suppliers with the reasons of their scores.
pub trait RankingService: Send {
    /// The best `limit` suppliers for `need` (its lot `lot` when > 0), best first, each
    /// with its score (points) and reasons; `themes` names the forum themes. Empty when
    /// nothing matches. Err when the service could not answer (never in process).
    fn rank(
        &self,
        need: &Need,
        lot: u32,
        themes: &ThemeCatalog,
        limit: usize,
    ) -> Result<Vec<Match>, ServiceError>;
    /// Number of suppliers ranked over (`rank` with this limit returns every match).
    fn len(&self) -> usize;
    /// True when there is no supplier to rank.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The in-process ranking: a matcher shared with whoever saves its snapshot.
#[derive(Debug, Clone)]
pub struct LocalRanking(pub Arc<Matcher>);

impl RankingService for LocalRanking {
    fn rank(
        &self,
        need: &Need,
        lot: u32,
        themes: &ThemeCatalog,
        limit: usize,
    ) -> Result<Vec<Match>, ServiceError> {
        Ok(self.0.rank(need, lot, themes, limit))
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}
