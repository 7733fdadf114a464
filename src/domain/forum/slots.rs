//! The slots (créneaux) of a forum day, laid out in real time.

use super::{local_hm, ForumDay};
use jiff::{SignedDuration, Timestamp};

/// One slot of a day: its position and the instants it starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Position in the day's slots, 0-based: for moving a cursor, never stored (a meeting
    /// keeps [`Slot::start`]).
    pub index: u32,
    /// Start (UTC instant; shown in Europe/Paris).
    pub start: Timestamp,
    /// End.
    pub end: Timestamp,
}

impl Slot {
    /// Start as "HH:MM", Europe/Paris.
    pub fn start_hm(&self) -> String {
        local_hm(self.start)
    }
    /// End as "HH:MM", Europe/Paris.
    pub fn end_hm(&self) -> String {
        local_hm(self.end)
    }
}

impl ForumDay {
    /// The day's slots in order: every `slot_minutes` of real time from opening until
    /// closing; a slot that would overlap a break starts at the break's end instead. On the day the clocks go forward a
    /// 00:00–06:00 day has one slot fewer per hour skipped; on the day they go back, the
    /// doubled hour has its slots twice, at distinct instants. Empty when opening or
    /// closing cannot be placed in Paris time.
    pub fn slots(&self) -> Vec<Slot> {
        let (Some(open), Some(close)) = (self.instant(self.opens), self.instant(self.closes))
        else {
            return Vec::new();
        };
        let step = SignedDuration::from_mins(i64::from(self.slot_minutes.max(5)));
        let breaks: Vec<(Timestamp, Timestamp)> = self
            .breaks
            .iter()
            .filter_map(|b| Some((self.instant(b.start)?, self.instant(b.end)?)))
            .collect();
        let mut out = Vec::new();
        let mut t = open;
        while let Ok(end) = t.checked_add(step) {
            if end > close {
                break;
            }
            // A slot that would overlap a break starts again when the break ends, so the
            // afternoon begins with the break's end, not on the morning's grid.
            let resume = breaks
                .iter()
                .filter(|(bs, be)| t < *be && end > *bs)
                .map(|(_, be)| *be)
                .max();
            if let Some(resume) = resume {
                t = resume;
                continue;
            }
            out.push(Slot {
                index: u32::try_from(out.len()).unwrap_or(u32::MAX),
                start: t,
                end,
            });
            t = end;
        }
        out
    }

    /// The slot starting at `start`, if the day has one.
    pub fn slot_at(&self, start: Timestamp) -> Option<Slot> {
        self.slots().into_iter().find(|s| s.start == start)
    }

    /// The breaks with the instants they start and end, in order, for drawing them in
    /// the agenda between the slots they separate.
    pub fn break_spans(&self) -> Vec<(Timestamp, Timestamp, &str)> {
        let mut v: Vec<_> = self
            .breaks
            .iter()
            .filter_map(|b| {
                Some((
                    self.instant(b.start)?,
                    self.instant(b.end)?,
                    b.label.as_str(),
                ))
            })
            .collect();
        v.sort_by_key(|b| b.0);
        v
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use jiff::civil::{date, Time};

    fn hm(h: i8, m: i8) -> Time {
        Time::constant(h, m, 0, 0)
    }

    #[test]
    fn typical_day_slots_skip_lunch() {
        let d = ForumDay::typical(date(2026, 12, 3));
        let slots = d.slots();
        // 9:00-12:30: 10 slots (12:20-12:40 would overlap lunch); from 13:30, 10 more
        // (16:50-17:10 would pass closing).
        assert_eq!(slots.len(), 20);
        assert_eq!(slots[0].start_hm(), "09:00");
        assert_eq!(slots[9].end_hm(), "12:20");
        assert_eq!(slots[10].start_hm(), "13:30");
        assert_eq!(slots[19].end_hm(), "16:50");
        assert_eq!(slots[10].index, 10);
        assert_eq!(d.slot_at(slots[10].start), Some(slots[10]));
        // 9:00 in Paris in December is 8:00 UTC.
        assert_eq!(slots[0].start.to_string(), "2026-12-03T08:00:00Z");
    }

    #[test]
    fn a_night_across_the_spring_change_has_no_slot_in_the_missing_hour() {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST.
        let mut d = ForumDay::typical(date(2026, 3, 29));
        d.opens = hm(0, 0);
        d.closes = hm(5, 0);
        d.breaks.clear();
        d.slot_minutes = 30;
        let s = d.slots();
        let shown: Vec<String> = s.iter().map(|s| s.start_hm()).collect();
        // Five civil hours but four real ones: eight slots, none at 02:xx.
        assert_eq!(
            shown,
            ["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30"]
        );
        assert!(s.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn a_night_across_the_autumn_change_has_the_doubled_hour_twice_at_distinct_instants() {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET.
        let mut d = ForumDay::typical(date(2026, 10, 25));
        d.opens = hm(1, 0);
        d.closes = hm(4, 0);
        d.breaks.clear();
        d.slot_minutes = 30;
        let s = d.slots();
        let shown: Vec<String> = s.iter().map(|s| s.start_hm()).collect();
        assert_eq!(
            shown,
            ["01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30"]
        );
        let mut starts: Vec<Timestamp> = s.iter().map(|s| s.start).collect();
        starts.dedup();
        assert_eq!(starts.len(), 8, "each 02:30 is its own instant");
    }

    #[test]
    fn break_spans_are_in_order_with_their_labels() {
        let mut d = ForumDay::typical(date(2026, 12, 3));
        d.breaks.insert(
            0,
            super::super::Break {
                start: hm(15, 0),
                end: hm(15, 20),
                label: "Pause".into(),
            },
        );
        let spans = d.break_spans();
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].2, "Déjeuner");
        assert_eq!(local_hm(spans[1].0), "15:00");
        // 14:50-15:10 would overlap the pause: the next slot starts at 15:20.
        let after: Vec<String> = d.slots()[10..].iter().map(|s| s.start_hm()).collect();
        assert_eq!(
            after,
            ["13:30", "13:50", "14:10", "14:30", "15:20", "15:40", "16:00", "16:20", "16:40"]
        );
    }
}
