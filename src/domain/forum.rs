//! Forum days and their meeting slots (créneaux), in the forum's time zone (Europe/Paris).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Time zone of every forum: times are shown in it whatever the server's TZ.
pub const FORUM_TZ: &str = "Europe/Paris";

/// The forum's time zone (bundled tz database; falls back to UTC only if it were missing).
pub fn forum_tz() -> TimeZone {
    TimeZone::get(FORUM_TZ).unwrap_or(TimeZone::UTC)
}

/// A pause in the day (lunch), during which no slot is offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    /// Start, local time.
    pub start: Time,
    /// End, local time.
    pub end: Time,
}

/// A forum day: opening hours cut into equal slots, minus breaks, across tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumDay {
    /// Calendar date (Europe/Paris).
    pub date: Date,
    /// Opening, local time.
    pub opens: Time,
    /// Closing, local time: the last slot ends at or before it.
    pub closes: Time,
    /// Length of one slot in minutes (e.g. 20); at least 5.
    pub slot_minutes: u16,
    /// Pauses.
    pub breaks: Vec<Break>,
    /// Tables or rooms, e.g. "Table 1".
    pub tables: Vec<String>,
}

/// One slot of a day: its index and local start/end times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Index in the day, 0-based, stable for a given day configuration.
    pub index: u32,
    /// Start, local time.
    pub start: Time,
    /// End, local time.
    pub end: Time,
}

impl ForumDay {
    /// A typical forum day on `date`: 9:00–17:00, 20-minute slots, lunch 12:30–13:30, 6 tables.
    pub fn typical(date: Date) -> Self {
        ForumDay {
            date,
            opens: Time::constant(9, 0, 0, 0),
            closes: Time::constant(17, 0, 0, 0),
            slot_minutes: 20,
            breaks: vec![Break {
                start: Time::constant(12, 30, 0, 0),
                end: Time::constant(13, 30, 0, 0),
            }],
            tables: (1..=6).map(|i| format!("Table {i}")).collect(),
        }
    }

    /// The day's slots in order. A slot overlapping a break is skipped; indices count
    /// every slot position from opening, so they do not shift when a break moves.
    pub fn slots(&self) -> Vec<Slot> {
        let step = i64::from(self.slot_minutes.max(5));
        let open = minutes(self.opens);
        let close = minutes(self.closes);
        let mut out = Vec::new();
        let mut i = 0u32;
        let mut t = open;
        while t + step <= close {
            let (s, e) = (t, t + step);
            let in_break = self
                .breaks
                .iter()
                .any(|b| s < minutes(b.end) && e > minutes(b.start));
            if !in_break {
                out.push(Slot {
                    index: i,
                    start: from_minutes(s),
                    end: from_minutes(e),
                });
            }
            i += 1;
            t += step;
        }
        out
    }

    /// The slot with this index, if it exists and is not in a break.
    pub fn slot(&self, index: u32) -> Option<Slot> {
        self.slots().into_iter().find(|s| s.index == index)
    }

    /// The instant a slot starts (Europe/Paris), for comparison with clocks.
    pub fn slot_start(&self, slot: &Slot) -> Option<Timestamp> {
        DateTime::from_parts(self.date, slot.start)
            .to_zoned(forum_tz())
            .ok()
            .map(|z| z.timestamp())
    }
}

fn minutes(t: Time) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

fn from_minutes(m: i64) -> Time {
    let m = m.clamp(0, 24 * 60 - 1);
    Time::new((m / 60) as i8, (m % 60) as i8, 0, 0).unwrap_or(Time::midnight())
}

/// Formats an instant as local forum time "HH:MM" (Europe/Paris).
pub fn local_hm(ts: Timestamp) -> String {
    ts.to_zoned(forum_tz()).strftime("%H:%M").to_string()
}

/// Formats an instant as local forum date and time "DD/MM/YYYY HH:MM" (Europe/Paris).
pub fn local_datetime(ts: Timestamp) -> String {
    ts.to_zoned(forum_tz())
        .strftime("%d/%m/%Y %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn typical_day_slots_skip_lunch() {
        let d = ForumDay::typical(date(2026, 12, 3));
        let slots = d.slots();
        // 9:00-12:30 = 10.5 slots -> 10 (12:20-12:40 overlaps lunch); 13:30-17:00 = 10.5 -> 10.
        assert_eq!(slots.len(), 20);
        assert_eq!(slots[0].start, Time::constant(9, 0, 0, 0));
        assert_eq!(slots[9].end, Time::constant(12, 20, 0, 0));
        assert!(slots
            .iter()
            .all(|s| s.start >= Time::constant(13, 30, 0, 0)
                || s.end <= Time::constant(12, 30, 0, 0)));
        assert_eq!(
            d.slot(slots[10].index).map(|s| s.start),
            Some(Time::constant(13, 40, 0, 0))
        );
    }

    #[test]
    fn paris_time_whatever_the_server_zone() {
        let d = ForumDay::typical(date(2026, 12, 3));
        let s = d.slots()[0];
        let ts = d.slot_start(&s).unwrap();
        // 9:00 in Paris in December is 8:00 UTC.
        assert_eq!(ts.to_string(), "2026-12-03T08:00:00Z");
        assert_eq!(local_hm(ts), "09:00");
        assert_eq!(local_datetime(ts), "03/12/2026 09:00");
    }
}

/// Why a forum day is refused (rendered by `crate::i18n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", crate::i18n::store::Render::render(self, crate::i18n::Lang::Fr))]
pub enum ForumDayError {
    /// Opening is not before closing.
    Hours {
        /// The day.
        date: Date,
        /// Opening, local time.
        opens: Time,
        /// Closing, local time.
        closes: Time,
    },
    /// A slot lasts less than 5 minutes.
    SlotTooShort {
        /// The day.
        date: Date,
    },
    /// The day has no table.
    NoTable {
        /// The day.
        date: Date,
    },
}

impl ForumDay {
    /// Checks the rules a stored day obeys: opens before it closes, slots of at least 5
    /// minutes, at least one non-empty table name.
    /// Errors: [`ForumDayError`].
    pub fn validate(&self) -> Result<(), ForumDayError> {
        if self.opens >= self.closes {
            return Err(ForumDayError::Hours {
                date: self.date,
                opens: self.opens,
                closes: self.closes,
            });
        }
        if self.slot_minutes < 5 {
            return Err(ForumDayError::SlotTooShort { date: self.date });
        }
        if self.tables.iter().all(|t| t.trim().is_empty()) {
            return Err(ForumDayError::NoTable { date: self.date });
        }
        Ok(())
    }
}
