//! Every domain rule a write can break, as one type the store's errors carry.

use serde::{Deserialize, Serialize};

pub use super::forum::ForumDayError;
pub use super::meeting::MeetingError;
pub use super::need::NeedError;
pub use super::outcome::OutcomeError;

/// A value that broke a domain rule (rendered by `crate::i18n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Invalid {
    /// A need.
    #[error(transparent)]
    Need(#[from] NeedError),
    /// A forum day.
    #[error(transparent)]
    ForumDay(#[from] ForumDayError),
    /// A meeting.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    /// An outcome.
    #[error(transparent)]
    Outcome(#[from] OutcomeError),
}
