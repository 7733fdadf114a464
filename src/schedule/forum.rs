//! A forum day as a scheduling [`Instance`]: its slots and tables, the open needs'
//! meeting requests (shortlist entries "à rencontrer", with their priority), the day's
//! quotas and the meetings that stay put; and the schedule back as meetings to book.

use super::{Fixed, Instance, Placement, Request};
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
    /// The problem handed to [`super::plan`].
    pub instance: Instance,
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

/// The scheduling problem of `day`. `shortlists` holds each need's entries. A request is a
/// shortlist entry "à rencontrer" of an open need; a meeting (not cancelled) between the
/// need and the supplier satisfies it: on this day it stays as a fixed meeting, on another
/// day the request is left out. Every meeting of the day that is not cancelled stays put,
/// except, with `replan`, those an earlier run placed that are still planned. Quotas are
/// the day's (none: as many as there are slots). A supplier is available in the slots its
/// registration allows ([`ForumDay::presence`]); on a day without registrations, in all.
pub fn day_plan(
    day: &ForumDay,
    needs: &[Need],
    shortlists: &HashMap<NeedId, Vec<ShortlistEntry>>,
    meetings: &[Meeting],
    replan: bool,
) -> DayPlan {
    let slots = day.slots();
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
    for m in meetings.iter().filter(kept).filter(|m| m.day == day.date) {
        let (Some(slot), Some(table)) = (
            slots.iter().position(|s| s.start == m.start),
            day.tables.iter().position(|t| t.id == m.table),
        ) else {
            continue; // outside the day's slots or tables: the day's edit checks keep it out
        };
        let request = requests
            .iter()
            .enumerate()
            .position(|(i, r)| !taken[i] && m.need == Some(r.need) && m.supplier == r.supplier);
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
    let instance = Instance {
        slot_day: vec![0; slots.len()],
        tables: day.tables.len(),
        buyer_quota: vec![day.max_per_buyer.unwrap_or(n); buyers.len()],
        supplier_quota: vec![day.max_per_supplier.unwrap_or(n); suppliers.len()],
        // A day with registrations offers only its registered suppliers, in their hours.
        supplier_available: suppliers
            .iter()
            .map(|s| {
                slots
                    .iter()
                    .map(|slot| day.presence(*s, slot) == Presence::Available)
                    .collect()
            })
            .collect(),
        requests: instance_requests,
        fixed,
    };
    DayPlan {
        day: day.clone(),
        slots,
        instance,
        requests,
        buyers,
        suppliers,
        released,
        met_elsewhere,
    }
}

impl DayPlan {
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
