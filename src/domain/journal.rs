//! The sourcing journal (trace de sourçage): every write as an append-only event.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Kind of entity a journal event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// A supplier.
    Supplier,
    /// A need.
    Need,
    /// A shortlist entry.
    Shortlist,
    /// A forum day.
    ForumDay,
    /// A meeting.
    Meeting,
    /// An outcome.
    Outcome,
    /// An import of a file.
    Import,
}

/// One journal event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEvent {
    /// Sequence number, assigned by the store, increasing.
    pub seq: u64,
    /// When (UTC instant).
    pub at: Timestamp,
    /// Login of the buyer (or "import", "system").
    pub actor: String,
    /// What kind of thing changed.
    pub entity: Entity,
    /// Its id (for shortlist entries: the need id).
    pub id: u64,
    /// Verb, e.g. "created", "updated", "status:held", "removed".
    pub action: String,
    /// One line for humans, e.g. the supplier's name and the new status.
    pub summary: String,
}
