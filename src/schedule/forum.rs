//! A forum day as a scheduling [`Instance`]: its slots and tables, the open needs'
//! meeting requests (shortlist entries "à rencontrer", with their priority), the day's
//! quotas and the meetings that stay put; and the schedule back as meetings to book.

use super::{Fixed, Instance, Placement, Request, Schedule, Unmet};
use crate::domain::forum::{Presence, Slot};
use crate::domain::{
    ForumDay, Meeting, MeetingId, MeetingStatus, Need, NeedId, NeedStatus, ShortlistEntry,
    SupplierId,
};
use std::collections::HashMap;

/// One meeting request of a need, as the store holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumRequest {
    /// The need asking.
    pub need: NeedId,
    /// Its lot (0: the whole need).
    pub lot: u32,
    /// The supplier to meet.
    pub supplier: SupplierId,
    /// Logins sitting in the meeting: the need's owner, then its co-buyers.
    pub buyers: Vec<String>,
    /// 1 (most wanted) to 3.
    pub priority: u8,
}

/// A forum day's scheduling problem and how its indices map back to the store.
#[derive(Debug, Clone)]
pub struct DayPlan {
    /// The day.
    pub day: ForumDay,
    /// The day's slots, in order (instance slot `i` is `slots[i]`).
    pub slots: Vec<Slot>,
    /// The day's own problem (its slots only): what figures and bounds are judged on.
    pub instance: Instance,
    /// The forum's days like this one, in date order: what [`DayPlan::plan`] solves. Its
    /// slots `first..first + slots.len()` are the day's; requests, buyers and suppliers
    /// are those of `instance`.
    pub horizon: Instance,
    /// The later forum days planned with this one (same tables and quotas), in order.
    pub later_days: Vec<jiff::civil::Date>,
    /// Where the day's slots start in `horizon` (earlier days like it come first: their
    /// meetings count for fairness, nothing new goes there).
    pub first: usize,
    /// Instance request `i` is `requests[i]`.
    pub requests: Vec<ForumRequest>,
    /// Instance buyer `i` is the login `buyers[i]`.
    pub buyers: Vec<String>,
    /// Instance supplier `i` is `suppliers[i]`.
    pub suppliers: Vec<SupplierId>,
    /// Meetings placed by an earlier run and still planned, set free by `--replan`: they
    /// are cancelled when the new schedule is applied.
    pub released: Vec<MeetingId>,
    /// Requests already met on another day (left out of the instance).
    pub met_elsewhere: usize,
}

/// Index of `key` in `list`, appending it when new.
fn index_of<T: PartialEq + Clone>(list: &mut Vec<T>, key: &T) -> usize {
    match list.iter().position(|k| k == key) {
        Some(i) => i,
        None => {
            list.push(key.clone());
            list.len() - 1
        }
    }
}

/// The other forum days a plan of `day` sees: those with as many tables, the same quotas
/// and at least one slot (the scheduler's instance has one table count and one quota per
/// participant for every day), in date order, `day` among them.
fn alike<'a>(day: &'a ForumDay, days: &'a [ForumDay]) -> Vec<&'a ForumDay> {
    let mut later: Vec<&ForumDay> = days
        .iter()
        .filter(|d| {
            d.date != day.date
                && d.tables.len() == day.tables.len()
                && d.max_per_buyer == day.max_per_buyer
                && d.max_per_supplier == day.max_per_supplier
                && !d.slots().is_empty()
        })
        .collect();
    later.push(day);
    later.sort_by_key(|d| d.date);
    later
}

/// The scheduling problem of `day`. `shortlists` holds each need's entries. A request is a
/// shortlist entry "à rencontrer" of an open need; a meeting (not cancelled) between the
/// need and the supplier satisfies it: on this day it stays as a fixed meeting, on another
/// day the request is left out. Every meeting of the day that is not cancelled stays put,
/// except, with `replan`, those an earlier run placed that are still planned. Quotas are
/// the day's (none: as many as there are slots). A supplier is available in the slots its
/// registration allows ([`ForumDay::presence`]); on a day without registrations, in all.
///
/// `days` are the forum's days (`day` among them or not): the later ones like `day`
/// ([`DayPlan::later_days`]) are planned together with it ([`DayPlan::plan`]), so that
/// today's choices leave tomorrow a good day; only today's meetings are proposed.
pub fn day_plan(
    day: &ForumDay,
    days: &[ForumDay],
    needs: &[Need],
    shortlists: &HashMap<NeedId, Vec<ShortlistEntry>>,
    meetings: &[Meeting],
    replan: bool,
) -> DayPlan {
    // The forum's days like this one: earlier ones give their meetings (fairness counts
    // them; nothing new is placed there), later ones are planned together with it.
    let horizon = alike(day, days);
    let target = horizon.iter().position(|d| d.date == day.date).unwrap_or(0);
    // Every slot of the horizon, day by day: (day index in the horizon, slot).
    let all_slots: Vec<(usize, Slot)> = horizon
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.slots().into_iter().map(move |s| (i, s)))
        .collect();
    let slots: Vec<Slot> = all_slots
        .iter()
        .filter(|(i, _)| *i == target)
        .map(|(_, s)| *s)
        .collect();
    // The day's slots in the horizon: first..first + slots.len().
    let first = all_slots
        .iter()
        .position(|(i, _)| *i == target)
        .unwrap_or(0);
    let mut buyers: Vec<String> = Vec::new();
    let mut suppliers: Vec<SupplierId> = Vec::new();
    let mut requests = Vec::new();
    let mut met_elsewhere = 0;
    let live = |m: &&Meeting| m.status != MeetingStatus::Cancelled;
    let released: Vec<MeetingId> = meetings
        .iter()
        .filter(|m| {
            replan && m.day == day.date && m.scheduled && m.status == MeetingStatus::Planned
        })
        .map(|m| m.id)
        .collect();
    let kept = |m: &&Meeting| live(m) && !released.contains(&m.id);
    for need in needs.iter().filter(|n| n.status == NeedStatus::Open) {
        let mut who = vec![need.owner.clone()];
        for b in &need.co_buyers {
            if !b.is_empty() && !who.contains(b) {
                who.push(b.clone());
            }
        }
        for e in shortlists.get(&need.id).into_iter().flatten() {
            let Some(priority) = e.request_priority() else {
                continue;
            };
            if requests
                .iter()
                .any(|r: &ForumRequest| r.need == need.id && r.supplier == e.supplier)
            {
                continue; // the need and a lot of it ask for the same supplier: one meeting
            }
            let elsewhere = meetings
                .iter()
                .filter(kept)
                .any(|m| m.need == Some(need.id) && m.supplier == e.supplier && m.day != day.date);
            if elsewhere {
                met_elsewhere += 1;
                continue;
            }
            requests.push(ForumRequest {
                need: need.id,
                lot: e.lot,
                supplier: e.supplier,
                buyers: who.clone(),
                priority,
            });
        }
    }
    let mut instance_requests = Vec::with_capacity(requests.len());
    for r in &requests {
        let b = r.buyers.iter().map(|l| index_of(&mut buyers, l)).collect();
        instance_requests.push(Request {
            buyers: b,
            supplier: index_of(&mut suppliers, &r.supplier),
            priority: r.priority,
        });
    }
    let mut fixed = Vec::new();
    let mut taken: Vec<bool> = vec![false; requests.len()];
    for m in meetings.iter().filter(kept) {
        let Some(h) = horizon.iter().position(|d| d.date == m.day) else {
            continue;
        };
        let (Some(slot), Some(table)) = (
            all_slots
                .iter()
                .position(|(i, s)| *i == h && s.start == m.start),
            horizon[h].tables.iter().position(|t| t.id == m.table),
        ) else {
            continue; // outside the day's slots or tables: the day's edit checks keep it out
        };
        // Only the day's meetings satisfy a request: one met on another day left it out.
        let request = (h == target)
            .then(|| {
                requests.iter().enumerate().position(|(i, r)| {
                    !taken[i] && m.need == Some(r.need) && m.supplier == r.supplier
                })
            })
            .flatten();
        if let Some(i) = request {
            taken[i] = true;
        }
        let b = m.buyers.iter().map(|l| index_of(&mut buyers, l)).collect();
        fixed.push(Fixed {
            buyers: b,
            supplier: index_of(&mut suppliers, &m.supplier),
            slot,
            table,
            request,
        });
    }
    let n = u32::try_from(slots.len()).unwrap_or(u32::MAX);
    let horizon_instance = Instance {
        slot_day: all_slots.iter().map(|(i, _)| *i).collect(),
        tables: day.tables.len(),
        buyer_quota: vec![day.max_per_buyer.unwrap_or(n); buyers.len()],
        supplier_quota: vec![day.max_per_supplier.unwrap_or(n); suppliers.len()],
        // A day with registrations offers only its registered suppliers, in their hours;
        // earlier days take no new meeting.
        supplier_available: suppliers
            .iter()
            .map(|s| {
                all_slots
                    .iter()
                    .map(|(i, slot)| {
                        *i >= target && horizon[*i].presence(*s, slot) == Presence::Available
                    })
                    .collect()
            })
            .collect(),
        requests: instance_requests,
        fixed,
    };
    let today = first..first + slots.len();
    let instance = Instance {
        slot_day: vec![0; slots.len()],
        supplier_available: horizon_instance
            .supplier_available
            .iter()
            .map(|row| row[today.clone()].to_vec())
            .collect(),
        fixed: horizon_instance
            .fixed
            .iter()
            .filter(|f| today.contains(&f.slot))
            .map(|f| Fixed {
                slot: f.slot - first,
                ..f.clone()
            })
            .collect(),
        ..horizon_instance.clone()
    };
    DayPlan {
        day: day.clone(),
        slots,
        instance,
        horizon: horizon_instance,
        first,
        later_days: horizon[target + 1..].iter().map(|d| d.date).collect(),
        requests,
        buyers,
        suppliers,
        released,
        met_elsewhere,
    }
}

impl DayPlan {
    /// The schedule of the day: [`super::plan`] over the day and the later days like it,
    /// of which only the day's placements are kept; a request it placed on a later day is
    /// unmet here as [`Unmet::LaterDay`] (the later day's run will place it, or better).
    pub fn plan(&self) -> Schedule {
        let full = super::plan(&self.horizon);
        let today = self.first..self.first + self.slots.len();
        let (placed, later): (Vec<Placement>, Vec<Placement>) = full
            .placed
            .into_iter()
            .partition(|p| today.contains(&p.slot));
        let placed = placed
            .into_iter()
            .map(|p| Placement {
                slot: p.slot - self.first,
                ..p
            })
            .collect();
        let mut unmet = full.unmet;
        unmet.extend(later.iter().map(|p| (p.request, Unmet::LaterDay)));
        unmet.sort();
        Schedule { placed, unmet }
    }

    /// The meeting to book for `p`: planned, marked as placed by the schedule.
    pub fn meeting(&self, p: &Placement) -> Option<Meeting> {
        let r = self.requests.get(p.request)?;
        Some(Meeting {
            supplier: r.supplier,
            buyers: r.buyers.clone(),
            need: Some(r.need),
            lot: r.lot,
            day: self.day.date,
            start: self.slots.get(p.slot)?.start,
            table: self.day.tables.get(p.table)?.id,
            status: MeetingStatus::Planned,
            scheduled: true,
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::domain::TriageStatus;
    use jiff::civil::date;

    fn forum() -> (
        Vec<ForumDay>,
        Vec<Need>,
        HashMap<NeedId, Vec<ShortlistEntry>>,
    ) {
        let days: Vec<ForumDay> = [date(2027, 3, 16), date(2027, 3, 17)]
            .into_iter()
            .map(|d| ForumDay {
                max_per_buyer: Some(1),
                ..ForumDay::typical(d)
            })
            .collect();
        let need = Need {
            id: 1,
            title: "Isolation".into(),
            owner: "mdupuis".into(),
            status: NeedStatus::Open,
            ..Default::default()
        };
        let entries = [10, 11]
            .into_iter()
            .map(|supplier| ShortlistEntry {
                need: 1,
                supplier,
                status: TriageStatus::ToMeet,
                priority: Some(2),
                ..Default::default()
            })
            .collect();
        (days, vec![need], HashMap::from([(1, entries)]))
    }

    #[test]
    fn a_day_is_planned_with_the_later_days_like_it() {
        let (days, needs, shortlists) = forum();
        // One meeting a day for the buyer: the first day takes one request, keeps the
        // other for the second day.
        let dp = day_plan(&days[0], &days, &needs, &shortlists, &[], false);
        assert_eq!(dp.later_days, [date(2027, 3, 17)]);
        let s = dp.plan();
        assert_eq!(s.placed.len(), 1);
        assert_eq!(s.unmet.len(), 1);
        assert_eq!(s.unmet[0].1, Unmet::LaterDay);
        crate::schedule::check(&dp.horizon, &crate::schedule::plan(&dp.horizon)).unwrap();
        let booked = Meeting {
            id: 1,
            ..dp.meeting(&s.placed[0]).unwrap()
        };
        assert_eq!(booked.day, date(2027, 3, 16));
        // The second day places what the first kept for it.
        let dp2 = day_plan(&days[1], &days, &needs, &shortlists, &[booked], false);
        assert!(dp2.later_days.is_empty());
        assert_eq!(dp2.met_elsewhere, 1);
        let s2 = dp2.plan();
        assert_eq!(s2.placed.len(), 1);
        assert!(s2.unmet.is_empty());
        // A later day with other tables is not looked ahead to: both stay on the first.
        let mut other = days.clone();
        other[1].tables.pop();
        let dp = day_plan(&other[0], &other, &needs, &shortlists, &[], false);
        assert!(dp.later_days.is_empty());
        assert_ne!(dp.plan().unmet[0].1, Unmet::LaterDay);
    }
}
