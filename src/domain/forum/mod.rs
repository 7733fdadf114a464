//! Forum days (journées du forum): opening hours, slots, breaks, tables and quotas, in the
//! forum's time zone (Europe/Paris) whatever the server's.
//!
//! A day is identified by its date. Its slots are laid out in real time from opening to
//! closing (see [`slots`]), so the days the clocks change have neither a missing nor a
//! doubled slot. A meeting keeps the instant its slot starts and a [`TableId`], never a
//! slot position or a table name, so editing a day cannot silently move or orphan it
//! (see [`replan`]).

pub mod parse;
pub mod registration;
pub mod replan;
pub mod slots;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

pub use registration::{Availability, Presence, Registration};
pub use slots::Slot;

/// Time zone of every forum: times are shown in it whatever the server's TZ.
pub const FORUM_TZ: &str = "Europe/Paris";

/// The forum's time zone (bundled tz database; falls back to UTC only if it were missing).
pub fn forum_tz() -> TimeZone {
    TimeZone::get(FORUM_TZ).unwrap_or(TimeZone::UTC)
}

/// Stable identifier of a table within its day: 1-based, never reused for another table
/// of that day, kept when the table is renamed.
pub type TableId = u32;

/// A pause in the day (lunch, plenary), during which no slot is offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    /// Start, local time (Europe/Paris).
    pub start: Time,
    /// End, local time.
    pub end: Time,
    /// What it is, e.g. "Déjeuner"; empty when unnamed (stores before schema v4).
    #[serde(default)]
    pub label: String,
}

/// A table or room where meetings take place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Stable id within the day (see [`TableId`]).
    pub id: TableId,
    /// Name shown to buyers and suppliers, e.g. "Table 4" or "Salle Seine".
    pub name: String,
    /// Where it is (room, floor), optional, e.g. "2e étage".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub room: String,
}

/// A forum day: opening hours cut into equal slots, minus breaks, across tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumDay {
    /// Calendar date (Europe/Paris); identifies the day.
    pub date: Date,
    /// Title, e.g. "Forum de l'achat public innovant — Bâtiment & Énergie"; may be empty.
    #[serde(default)]
    pub title: String,
    /// Place, e.g. "Saint-Ouen, siège de la Région"; may be empty.
    #[serde(default)]
    pub place: String,
    /// Opening, local time.
    pub opens: Time,
    /// Closing, local time: the last slot ends at or before it.
    pub closes: Time,
    /// Length of one slot in minutes (e.g. 20); at least 5.
    pub slot_minutes: u16,
    /// Pauses, each labelled.
    pub breaks: Vec<Break>,
    /// Tables or rooms, in display order. Stores before schema v4 held bare names; they
    /// read as tables numbered 1, 2, … in order.
    #[serde(deserialize_with = "tables_compat")]
    pub tables: Vec<Table>,
    /// Most meetings one supplier may have this day (None: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_supplier: Option<u32>,
    /// Most meetings one buyer may attend this day (None: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_buyer: Option<u32>,
    /// Suppliers registered for the day, with when they can meet (see [`registration`]);
    /// empty: the day is open to every supplier. Written only by
    /// `Store::save_registrations`: a day edit keeps the stored list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registrations: Vec<Registration>,
}

/// Reads `tables` as written now (objects) or before schema v4 (names only).
fn tables_compat<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Table>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Table(Table),
        Name(String),
    }
    let raw: Vec<Either> = Vec::deserialize(d)?;
    Ok(raw
        .into_iter()
        .enumerate()
        .map(|(i, t)| match t {
            Either::Table(t) => t,
            Either::Name(name) => Table {
                id: u32::try_from(i + 1).unwrap_or(u32::MAX),
                name,
                room: String::new(),
            },
        })
        .collect())
}

impl Table {
    /// A table without room, for tests and defaults.
    pub fn named(id: TableId, name: &str) -> Self {
        Table {
            id,
            name: name.to_string(),
            room: String::new(),
        }
    }
}

/// Tables "Table 1" … "Table n", ids 1 … n.
pub fn numbered_tables(n: u32) -> Vec<Table> {
    (1..=n)
        .map(|i| Table::named(i, &format!("Table {i}")))
        .collect()
}

impl ForumDay {
    /// A typical forum day on `date`: 9:00–17:00, 20-minute slots, lunch 12:30–13:30, 6 tables.
    pub fn typical(date: Date) -> Self {
        ForumDay {
            date,
            title: String::new(),
            place: String::new(),
            opens: Time::constant(9, 0, 0, 0),
            closes: Time::constant(17, 0, 0, 0),
            slot_minutes: 20,
            breaks: vec![Break {
                start: Time::constant(12, 30, 0, 0),
                end: Time::constant(13, 30, 0, 0),
                label: "Déjeuner".to_string(),
            }],
            tables: numbered_tables(6),
            max_per_supplier: None,
            max_per_buyer: None,
            registrations: Vec::new(),
        }
    }

    /// The table with this id.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The table's name, or "?" for an id the day no longer has (never shown for stored
    /// meetings, which a day edit re-places).
    pub fn table_name(&self, id: TableId) -> &str {
        self.table(id).map(|t| t.name.as_str()).unwrap_or("?")
    }

    /// The table named `name` (exact, then case- and accent-insensitive).
    pub fn table_by_name(&self, name: &str) -> Option<&Table> {
        let name = name.trim();
        self.tables.iter().find(|t| t.name == name).or_else(|| {
            let f = crate::domain::text::identity_fold(name);
            self.tables
                .iter()
                .find(|t| crate::domain::text::identity_fold(&t.name) == f)
        })
    }

    /// The next free table id (one more than the largest ever present).
    pub fn next_table_id(&self) -> TableId {
        self.tables.iter().map(|t| t.id).max().unwrap_or(0) + 1
    }

    /// The instant a local time of this day happens in Paris. A time skipped when the
    /// clocks go forward reads as the instant after the gap; a time that happens twice
    /// when they go back reads as its first occurrence (RFC 5545's rule).
    pub fn instant(&self, t: Time) -> Option<Timestamp> {
        DateTime::from_parts(self.date, t)
            .to_zoned(forum_tz())
            .ok()
            .map(|z| z.timestamp())
    }
}

/// The start of slot `index` (0-based, any integer type) of the typical day on `date`
/// ([`ForumDay::typical`]); past the last slot, the last one's. For scripts and tests
/// that plan on a typical day.
pub fn typical_start<I: TryInto<usize>>(date: Date, index: I) -> Timestamp {
    let slots = ForumDay::typical(date).slots();
    let i = index
        .try_into()
        .unwrap_or(0)
        .min(slots.len().saturating_sub(1));
    slots.get(i).map(|s| s.start).unwrap_or_default()
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

/// Formats an instant as ISO 8601 local time with its UTC offset,
/// "2026-10-25T02:30:00+01:00" (Europe/Paris): unambiguous on the day the clocks go back.
pub fn local_iso(ts: Timestamp) -> String {
    ts.to_zoned(forum_tz())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
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
    /// Two tables share a name (case and accents aside).
    DuplicateTable {
        /// The day.
        date: Date,
        /// The name.
        name: String,
    },
    /// A break ends before it starts or lies outside opening hours.
    BadBreak {
        /// The day.
        date: Date,
        /// Its start, local time.
        start: Time,
        /// Its end, local time.
        end: Time,
    },
    /// Not one slot fits between opening, closing and the breaks.
    NoSlot {
        /// The day.
        date: Date,
    },
    /// A quota of 0 meetings.
    ZeroQuota {
        /// The day.
        date: Date,
    },
}

impl ForumDay {
    /// Checks the rules a stored day obeys: opens before it closes, slots of at least 5
    /// minutes, breaks within opening hours, at least one table, table names unique
    /// (folded) and ids unique, at least one slot, quotas of at least 1.
    /// Errors: [`ForumDayError`].
    pub fn validate(&self) -> Result<(), ForumDayError> {
        let date = self.date;
        if self.opens >= self.closes {
            return Err(ForumDayError::Hours {
                date,
                opens: self.opens,
                closes: self.closes,
            });
        }
        if self.slot_minutes < 5 {
            return Err(ForumDayError::SlotTooShort { date });
        }
        if let Some(b) = self
            .breaks
            .iter()
            .find(|b| b.start >= b.end || b.start < self.opens || b.end > self.closes)
        {
            return Err(ForumDayError::BadBreak {
                date,
                start: b.start,
                end: b.end,
            });
        }
        if self.tables.iter().all(|t| t.name.trim().is_empty()) {
            return Err(ForumDayError::NoTable { date });
        }
        let mut seen: Vec<(TableId, String)> = Vec::new();
        for t in &self.tables {
            let folded = crate::domain::text::identity_fold(t.name.trim());
            if seen.iter().any(|(id, f)| *id == t.id || *f == folded) {
                return Err(ForumDayError::DuplicateTable {
                    date,
                    name: t.name.clone(),
                });
            }
            seen.push((t.id, folded));
        }
        if self.max_per_supplier == Some(0) || self.max_per_buyer == Some(0) {
            return Err(ForumDayError::ZeroQuota { date });
        }
        if self.slots().is_empty() {
            return Err(ForumDayError::NoSlot { date });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_stored_before_v4_read_their_table_names_as_numbered_tables() {
        let old = r#"{"date":"2026-12-03","opens":"09:00:00","closes":"17:00:00",
            "slot_minutes":20,"breaks":[{"start":"12:30:00","end":"13:30:00"}],
            "tables":["Table 1","Salle Seine"]}"#;
        let d: ForumDay = serde_json::from_str(old).unwrap();
        assert_eq!(
            d.tables,
            vec![Table::named(1, "Table 1"), Table::named(2, "Salle Seine")]
        );
        assert_eq!(d.breaks[0].label, "");
        assert_eq!(d.title, "");
        assert_eq!(d.max_per_supplier, None);
        let again: ForumDay = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(again, d);
    }

    #[test]
    fn validation_names_what_is_wrong() {
        let ok = ForumDay::typical(date(2026, 12, 3));
        assert_eq!(ok.validate(), Ok(()));
        let mut d = ok.clone();
        d.tables.push(Table::named(9, "table 1"));
        assert!(
            matches!(d.validate(), Err(ForumDayError::DuplicateTable { name, .. }) if name == "table 1")
        );
        let mut d = ok.clone();
        d.tables[1].id = 1;
        assert!(matches!(
            d.validate(),
            Err(ForumDayError::DuplicateTable { .. })
        ));
        let mut d = ok.clone();
        d.breaks[0].end = Time::constant(12, 0, 0, 0);
        assert!(matches!(d.validate(), Err(ForumDayError::BadBreak { .. })));
        let mut d = ok.clone();
        d.breaks[0].end = Time::constant(18, 0, 0, 0);
        assert!(matches!(d.validate(), Err(ForumDayError::BadBreak { .. })));
        let mut d = ok.clone();
        d.max_per_buyer = Some(0);
        assert_eq!(d.validate(), Err(ForumDayError::ZeroQuota { date: d.date }));
        let mut d = ok.clone();
        d.closes = Time::constant(9, 10, 0, 0);
        d.breaks.clear();
        assert_eq!(d.validate(), Err(ForumDayError::NoSlot { date: d.date }));
    }

    #[test]
    fn local_iso_carries_the_offset_on_the_day_the_clocks_go_back() {
        // 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
        let first: Timestamp = "2026-10-25T00:30:00Z".parse().unwrap();
        let second: Timestamp = "2026-10-25T01:30:00Z".parse().unwrap();
        assert_eq!(local_hm(first), local_hm(second));
        assert_eq!(local_iso(first), "2026-10-25T02:30:00+02:00");
        assert_eq!(local_iso(second), "2026-10-25T02:30:00+01:00");
    }
}
