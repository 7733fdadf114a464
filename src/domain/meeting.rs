//! Meetings (rendez-vous) between buyers and suppliers during a forum day.

use super::forum::TableId;
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
    /// When its slot starts (UTC instant; shown in Europe/Paris): one of the day's
    /// [`crate::domain::forum::ForumDay::slots`]. Stores before schema v4 kept a slot
    /// index instead; the v4 migration turns it into this instant.
    pub start: Timestamp,
    /// The table's stable id within the day ([`crate::domain::forum::TableId`]); its name
    /// is the day's. Stores before schema v4 kept the name; the migration maps it.
    pub table: TableId,
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

/// Why a meeting is refused (rendered by `crate::i18n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", crate::i18n::store::Render::render(self, crate::i18n::Lang::Fr))]
pub enum MeetingError {
    /// The meeting is already stored: change its status instead of planning it again.
    AlreadyPlanned,
    /// No buyer attends.
    NoBuyer,
    /// No table is chosen.
    NoTable,
    /// No slot of that day starts then (break, outside opening hours, off the grid).
    NoSuchSlot {
        /// The day.
        day: Date,
        /// The start asked for.
        start: Timestamp,
    },
    /// The table does not exist that day.
    NoSuchTable {
        /// The day.
        day: Date,
        /// The day's table names.
        tables: Vec<String>,
    },
    /// The forum day is not set up.
    NoSuchDay {
        /// The day.
        day: Date,
    },
}

impl Meeting {
    /// Checks the rules of a meeting about to be planned: not stored yet, at least one
    /// buyer, a table. Errors: [`MeetingError`].
    pub fn validate(&self) -> Result<(), MeetingError> {
        if self.id != 0 {
            return Err(MeetingError::AlreadyPlanned);
        }
        if self.buyers.iter().all(|b| b.trim().is_empty()) {
            return Err(MeetingError::NoBuyer);
        }
        if self.table == 0 {
            return Err(MeetingError::NoTable);
        }
        Ok(())
    }

    /// Checks the meeting against its forum day: the slot and the table exist.
    /// Errors: [`MeetingError::NoSuchSlot`], [`MeetingError::NoSuchTable`].
    pub fn validate_on(&self, day: &super::forum::ForumDay) -> Result<(), MeetingError> {
        if day.slot_at(self.start).is_none() {
            return Err(MeetingError::NoSuchSlot {
                day: self.day,
                start: self.start,
            });
        }
        if day.table(self.table).is_none() {
            return Err(MeetingError::NoSuchTable {
                day: self.day,
                tables: day.tables.iter().map(|t| t.name.clone()).collect(),
            });
        }
        Ok(())
    }
}
