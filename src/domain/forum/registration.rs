//! Registrations (inscriptions): which suppliers come to a forum day, and when they can
//! meet, as the forum's registration list says (`sourcing import registrations FILE`).
//!
//! A day without any registration is open to every supplier of the directory (a day set
//! up before registrations are known, or a forum that does not take any). Once one
//! supplier is registered for a day, only registered suppliers are offered there, each in
//! its windows.

use super::{ForumDay, Slot};
use crate::domain::SupplierId;
use jiff::civil::Time;
use serde::{Deserialize, Serialize};

/// When a registered supplier can meet, as the registration form says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// "matin": from opening to the start of the day's first break (noon without breaks).
    Morning,
    /// "après-midi": from the end of the day's first break (noon without breaks) to closing.
    Afternoon,
    /// An explicit window, local times (Europe/Paris), e.g. 14:00–17:00.
    Window {
        /// Start, local time.
        start: Time,
        /// End, local time (after start).
        end: Time,
    },
}

/// A supplier registered for one forum day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// The directory supplier it was matched to.
    pub supplier: SupplierId,
    /// When it can meet; empty: the whole day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Availability>,
    /// Themes it registered under, as written on the form (cleaned); may be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
}

/// Whether a supplier may be met in a slot of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Registered and available then, or the day takes no registrations.
    Available,
    /// Registered, but not at that time (its windows are elsewhere in the day).
    OutsideAvailability,
    /// The day has registrations and this supplier is not among them.
    NotRegistered,
}

impl ForumDay {
    /// Whether the day has registrations at all (then only registered suppliers come).
    pub fn takes_registrations(&self) -> bool {
        !self.registrations.is_empty()
    }

    /// The supplier's registration for this day, if any.
    pub fn registration(&self, supplier: SupplierId) -> Option<&Registration> {
        self.registrations.iter().find(|r| r.supplier == supplier)
    }

    /// The local window (start, end) an availability stands for on this day.
    pub fn window(&self, a: Availability) -> (Time, Time) {
        let noon = Time::constant(12, 0, 0, 0);
        let first = self.breaks.iter().min_by_key(|b| b.start);
        match a {
            Availability::Morning => (self.opens, first.map(|b| b.start).unwrap_or(noon)),
            Availability::Afternoon => (first.map(|b| b.end).unwrap_or(noon), self.closes),
            Availability::Window { start, end } => (start, end),
        }
    }

    /// The supplier's windows this day as "09:00–12:30" (local times), in its
    /// registration's order; empty when it is not registered or comes all day.
    pub fn windows_hm(&self, supplier: SupplierId) -> Vec<String> {
        let hm = |t: Time| t.strftime("%H:%M").to_string();
        self.registration(supplier)
            .map(|r| {
                r.availability
                    .iter()
                    .map(|a| {
                        let (s, e) = self.window(*a);
                        format!("{}–{}", hm(s), hm(e))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `supplier` may be met at the slot starting at `start` (an instant of this
    /// day); [`Presence::Available`] for an instant that starts no slot (the store refuses
    /// those itself).
    pub fn presence_at(&self, supplier: SupplierId, start: jiff::Timestamp) -> Presence {
        match self.slots().into_iter().find(|s| s.start == start) {
            Some(slot) => self.presence(supplier, &slot),
            None => Presence::Available,
        }
    }

    /// Whether `supplier` may be met in `slot` of this day: a slot is within a window when
    /// it starts at or after the window's start and ends at or before its end.
    pub fn presence(&self, supplier: SupplierId, slot: &Slot) -> Presence {
        if !self.takes_registrations() {
            return Presence::Available;
        }
        let Some(r) = self.registration(supplier) else {
            return Presence::NotRegistered;
        };
        if r.availability.is_empty() {
            return Presence::Available;
        }
        let fits = r.availability.iter().any(|a| {
            let (start, end) = self.window(*a);
            match (self.instant(start), self.instant(end)) {
                (Some(s), Some(e)) => slot.start >= s && slot.end <= e,
                _ => false,
            }
        });
        if fits {
            Presence::Available
        } else {
            Presence::OutsideAvailability
        }
    }
}

/// Reads an availability cell: "matin", "après-midi" (also "apres-midi", "aprem", "pm"),
/// "morning", "afternoon", windows "14:00–17:00" or "9h-12h30", several joined by ",",
/// ";", "+", "/" or " et "; "journée", "toute la journée", "all day" or empty: the whole
/// day (an empty Vec). Err(the part not understood) otherwise.
pub fn parse_availability(cell: &str) -> Result<Vec<Availability>, String> {
    let mut out = Vec::new();
    let lowered = cell
        .to_lowercase()
        .replace(" et ", ",")
        .replace(" and ", ",");
    for part in lowered.split([',', ';', '+', '/', '\n']) {
        let part = part.trim();
        let folded = crate::domain::text::identity_fold(part);
        match folded.as_str() {
            "" | "journee" | "toutelajournee" | "jourentier" | "alldays" | "allday" | "fullday"
            | "journeeentiere" => {}
            "matin" | "matinee" | "am" | "morning" => out.push(Availability::Morning),
            "apresmidi" | "aprem" | "pm" | "afternoon" => out.push(Availability::Afternoon),
            _ => match super::parse::range_of(part) {
                Some((start, end)) if start < end => out.push(Availability::Window { start, end }),
                _ => return Err(part.to_string()),
            },
        }
    }
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use jiff::civil::date;

    fn t(h: i8, m: i8) -> Time {
        Time::constant(h, m, 0, 0)
    }

    #[test]
    fn availability_as_forms_write_it() {
        assert_eq!(parse_availability("").unwrap(), vec![]);
        assert_eq!(parse_availability("Toute la journée").unwrap(), vec![]);
        assert_eq!(
            parse_availability("Matin").unwrap(),
            vec![Availability::Morning]
        );
        assert_eq!(
            parse_availability("APRÈS-MIDI").unwrap(),
            vec![Availability::Afternoon]
        );
        assert_eq!(
            parse_availability("9h-11h et 14:00–17:00").unwrap(),
            vec![
                Availability::Window {
                    start: t(9, 0),
                    end: t(11, 0)
                },
                Availability::Window {
                    start: t(14, 0),
                    end: t(17, 0)
                }
            ]
        );
        assert_eq!(parse_availability("le soir"), Err("le soir".to_string()));
        assert!(parse_availability("17:00-14:00").is_err());
    }

    #[test]
    fn presence_follows_the_first_break_and_windows() {
        let mut day = ForumDay::typical(date(2027, 3, 17));
        let slots = day.slots();
        let first = slots[0];
        let last = *slots.last().unwrap();
        // No registrations: everyone comes.
        assert_eq!(day.presence(7, &first), Presence::Available);
        day.registrations = vec![
            Registration {
                supplier: 1,
                availability: vec![Availability::Morning],
                themes: vec![],
            },
            Registration {
                supplier: 2,
                availability: vec![],
                themes: vec![],
            },
            Registration {
                supplier: 3,
                availability: vec![Availability::Window {
                    start: t(14, 0),
                    end: t(15, 0),
                }],
                themes: vec![],
            },
        ];
        assert_eq!(day.presence(7, &first), Presence::NotRegistered);
        assert_eq!(day.presence(1, &first), Presence::Available);
        assert_eq!(day.presence(1, &last), Presence::OutsideAvailability);
        assert_eq!(day.presence(2, &last), Presence::Available);
        // Morning ends where lunch begins (12:30): the 12:00–12:20 slot fits, 13:30 does not.
        let before_lunch = slots.iter().find(|s| s.end_hm() == "12:20").unwrap();
        let after_lunch = slots.iter().find(|s| s.start_hm() == "13:30").unwrap();
        assert_eq!(day.presence(1, before_lunch), Presence::Available);
        assert_eq!(day.presence(1, after_lunch), Presence::OutsideAvailability);
        let in_window: Vec<String> = slots
            .iter()
            .filter(|s| day.presence(3, s) == Presence::Available)
            .map(Slot::start_hm)
            .collect();
        assert_eq!(in_window, ["14:10", "14:30"]);
    }
}
