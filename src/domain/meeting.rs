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
    /// Placed by the organiser's schedule (`sourcing schedule --apply`) rather than by
    /// hand: `--replan` may move it while it is still planned. False for stores before it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scheduled: bool,
}

/// How far a meeting's real length may stray from its slot's before it is flagged:
/// 25 % (equal treatment of the suppliers met, art. R2111-1 CCP).
pub const TIME_TOLERANCE: f64 = 0.25;

/// A meeting whose real length differs from its slot's by more than [`TIME_TOLERANCE`]:
/// the real length in whole minutes (rounded) against the slot's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TimeFlag {
    /// Shorter than the slot.
    Short {
        /// Real length, minutes.
        minutes: i64,
        /// Slot length, minutes.
        slot: u32,
    },
    /// Longer than the slot.
    Long {
        /// Real length, minutes.
        minutes: i64,
        /// Slot length, minutes.
        slot: u32,
    },
}

impl Meeting {
    /// Real length in whole minutes (rounded), when both its start and its end were
    /// stamped ("Commencer" / "Terminer", `sourcing meeting start|end`).
    pub fn real_minutes(&self) -> Option<i64> {
        let (a, b) = (self.started_at?, self.ended_at?);
        let secs = b.as_second() - a.as_second();
        Some((secs + 30).div_euclid(60))
    }

    /// The equal-time flag against a slot of `slot_minutes`: None when the meeting was
    /// not held (a cancelled one gave no time to anyone), not timed (no start or no end),
    /// or stayed within [`TIME_TOLERANCE`] of the slot.
    pub fn time_flag(&self, slot_minutes: u32) -> Option<TimeFlag> {
        if self.status != MeetingStatus::Held {
            return None;
        }
        let (a, b) = (self.started_at?, self.ended_at?);
        let real = (b.as_second() - a.as_second()) as f64 / 60.0;
        let slot = f64::from(slot_minutes);
        if slot <= 0.0 || (real - slot).abs() <= slot * TIME_TOLERANCE {
            return None;
        }
        let minutes = self.real_minutes()?;
        Some(if real < slot {
            TimeFlag::Short {
                minutes,
                slot: slot_minutes,
            }
        } else {
            TimeFlag::Long {
                minutes,
                slot: slot_minutes,
            }
        })
    }

    /// Stamps the meeting's real start or end at `now`. Start: sets `started_at` (a second
    /// start keeps the first). End: sets `ended_at` and makes a planned meeting held (a
    /// second end keeps the first). Returns whether anything changed.
    /// Errors: [`MeetingError::NotTimeable`] (cancelled, no-show), [`MeetingError::NotStarted`]
    /// (end before start), [`MeetingError::AlreadyEnded`] (start after end).
    pub fn stamp(&mut self, stamp: MeetingStamp, now: Timestamp) -> Result<bool, MeetingError> {
        if matches!(
            self.status,
            MeetingStatus::Cancelled | MeetingStatus::NoShow
        ) {
            return Err(MeetingError::NotTimeable {
                status: self.status,
            });
        }
        match stamp {
            MeetingStamp::Start => {
                if self.ended_at.is_some() {
                    return Err(MeetingError::AlreadyEnded);
                }
                if self.started_at.is_some() {
                    return Ok(false);
                }
                self.started_at = Some(now);
            }
            MeetingStamp::End => {
                if self.started_at.is_none() {
                    return Err(MeetingError::NotStarted);
                }
                if self.ended_at.is_some() {
                    return Ok(false);
                }
                self.ended_at = Some(now.max(self.started_at.unwrap_or(now)));
                self.status = MeetingStatus::Held;
            }
        }
        Ok(true)
    }

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
    /// "Commencer"/"Terminer" on a meeting that is cancelled or whose supplier did not come.
    NotTimeable {
        /// Its status.
        status: MeetingStatus,
    },
    /// "Terminer" on a meeting never started.
    NotStarted,
    /// "Commencer" on a meeting already ended.
    AlreadyEnded,
}

/// Which real-time stamp a buyer puts on a meeting ("Commencer" / "Terminer").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStamp {
    /// The meeting starts now.
    Start,
    /// The meeting ends now (it is then held).
    End,
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

#[cfg(test)]
mod time_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn timed(minutes: i64) -> Meeting {
        let a: Timestamp = "2026-12-03T08:00:00Z".parse().unwrap();
        Meeting {
            status: MeetingStatus::Held,
            started_at: Some(a),
            ended_at: Some(a + jiff::SignedDuration::from_secs(minutes * 60)),
            ..Default::default()
        }
    }

    #[test]
    fn a_meeting_is_flagged_beyond_a_quarter_of_its_slot() {
        assert_eq!(timed(20).time_flag(20), None);
        assert_eq!(timed(15).time_flag(20), None, "exactly 25 % short");
        assert_eq!(timed(25).time_flag(20), None, "exactly 25 % long");
        assert_eq!(
            timed(14).time_flag(20),
            Some(TimeFlag::Short {
                minutes: 14,
                slot: 20
            })
        );
        assert_eq!(
            timed(26).time_flag(20),
            Some(TimeFlag::Long {
                minutes: 26,
                slot: 20
            })
        );
        assert_eq!(Meeting::default().time_flag(20), None, "not timed");
        let mut started = timed(0);
        started.ended_at = None;
        assert_eq!(started.time_flag(20), None, "still running");
        let mut cancelled = timed(3);
        cancelled.status = MeetingStatus::Cancelled;
        assert_eq!(cancelled.time_flag(20), None, "cancelled after it was held");
    }
}
