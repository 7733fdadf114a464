//! Meetings (rendez-vous) between buyers and suppliers during a forum day.

use super::need::NeedId;
use super::supplier::SupplierId;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Store-assigned identifier of a meeting (never 0 once stored).
pub type MeetingId = u64;

/// Status of a meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Booked in a slot.
    #[default]
    Planned,
    /// Took place.
    Held,
    /// The supplier did not come.
    NoShow,
    /// Cancelled before the slot.
    Cancelled,
}

/// A meeting in one slot of a forum day, at one table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// Store id; 0 before the first write.
    pub id: MeetingId,
    /// The supplier met.
    pub supplier: SupplierId,
    /// Logins of the buyers attending (at least one).
    pub buyers: Vec<String>,
    /// The need discussed, when there is one.
    pub need: Option<NeedId>,
    /// Lot number within the need (0: the whole need).
    pub lot: u32,
    /// Forum day.
    pub day: Date,
    /// Slot index within the day (see [`crate::domain::forum::ForumDay::slots`]).
    pub slot: u32,
    /// Table or room.
    pub table: String,
    /// Status.
    pub status: MeetingStatus,
    /// When it actually started (for the equal-treatment check).
    pub started_at: Option<Timestamp>,
    /// When it actually ended.
    pub ended_at: Option<Timestamp>,
}

impl Meeting {
    /// True while the meeting occupies its slot (planned or held): a cancelled or
    /// no-show meeting frees nothing retroactively but a cancelled one frees the slot.
    pub fn occupies_slot(&self) -> bool {
        !matches!(self.status, MeetingStatus::Cancelled)
    }
}
