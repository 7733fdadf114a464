//! The independent judge of a schedule: [`check`] tests every rule the schedulers must keep
//! (built from scratch, without the schedulers' board), and [`stats`] measures one
//! (satisfied requests by priority, suppliers never met, buyers' idle slots).
//!
//! Fixed meetings are taken as they are: a rule is broken only where a placed meeting is
//! involved (two fixed meetings at the same table are the instance's business).

use super::instance::{Instance, InstanceError, Placement, Schedule};
use std::fmt;

/// A broken rule, with the indices to find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    /// The instance itself is malformed.
    Instance(InstanceError),
    /// A placement names no request.
    UnknownRequest {
        /// The request index given.
        request: usize,
    },
    /// A request placed twice.
    PlacedTwice {
        /// The request.
        request: usize,
    },
    /// A request placed although a fixed meeting already satisfies it.
    AlreadyFixed {
        /// The request.
        request: usize,
    },
    /// A placement outside the slots or tables.
    OutOfRange {
        /// The request placed.
        request: usize,
    },
    /// Two meetings at the same table in the same slot.
    TableTwice {
        /// The slot.
        slot: usize,
        /// The table.
        table: usize,
    },
    /// A buyer in two meetings of the same slot.
    BuyerTwice {
        /// The buyer.
        buyer: usize,
        /// The slot.
        slot: usize,
    },
    /// A supplier in two meetings of the same slot.
    SupplierTwice {
        /// The supplier.
        supplier: usize,
        /// The slot.
        slot: usize,
    },
    /// A request placed in a slot where its supplier may not meet.
    SupplierUnavailable {
        /// The request.
        request: usize,
        /// The slot.
        slot: usize,
    },
    /// A buyer above its day quota.
    BuyerQuota {
        /// The buyer.
        buyer: usize,
        /// The day.
        day: usize,
    },
    /// A supplier above its day quota.
    SupplierQuota {
        /// The supplier.
        supplier: usize,
        /// The day.
        day: usize,
    },
    /// A supplier has 3 or more meetings while a requested supplier with none has an
    /// unmet request that fits as the schedule stands.
    Unfair {
        /// The supplier with 3 or more meetings.
        busy: usize,
        /// The unmet request that fits.
        request: usize,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Violation::*;
        match *self {
            Instance(e) => write!(f, "malformed instance: {e:?}"),
            UnknownRequest { request } => write!(f, "request {request} does not exist"),
            PlacedTwice { request } => write!(f, "request {request} placed twice"),
            AlreadyFixed { request } => {
                write!(
                    f,
                    "request {request} placed but a fixed meeting satisfies it"
                )
            }
            OutOfRange { request } => write!(f, "request {request} placed outside slots or tables"),
            TableTwice { slot, table } => write!(f, "table {table} used twice in slot {slot}"),
            BuyerTwice { buyer, slot } => write!(f, "buyer {buyer} in two meetings in slot {slot}"),
            SupplierTwice { supplier, slot } => {
                write!(f, "supplier {supplier} in two meetings in slot {slot}")
            }
            SupplierUnavailable { request, slot } => {
                write!(
                    f,
                    "request {request} in slot {slot} where its supplier is unavailable"
                )
            }
            BuyerQuota { buyer, day } => write!(f, "buyer {buyer} above its quota on day {day}"),
            SupplierQuota { supplier, day } => {
                write!(f, "supplier {supplier} above its quota on day {day}")
            }
            Unfair { busy, request } => write!(
                f,
                "supplier {busy} has 3+ meetings while request {request} of an unmet supplier fits"
            ),
        }
    }
}

impl std::error::Error for Violation {}

/// Who holds a cell: a fixed meeting or a placement.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holder {
    Fixed,
    Placed,
}

/// Occupancy rebuilt from the fixed meetings and the placements.
struct Grid<'a> {
    inst: &'a Instance,
    buyer: Vec<Option<Holder>>,
    supplier: Vec<Option<Holder>>,
    table: Vec<Option<Holder>>,
    /// `[buyer * days + day]`: (meetings, of which placed).
    buyer_day: Vec<(u32, u32)>,
    /// `[supplier * days + day]`: (meetings, of which placed).
    supplier_day: Vec<(u32, u32)>,
    supplier_total: Vec<usize>,
}

impl<'a> Grid<'a> {
    fn new(inst: &'a Instance) -> Self {
        let (slots, days) = (inst.slots(), inst.days());
        Grid {
            inst,
            buyer: vec![None; inst.buyers() * slots],
            supplier: vec![None; inst.suppliers() * slots],
            table: vec![None; slots * inst.tables],
            buyer_day: vec![(0, 0); inst.buyers() * days],
            supplier_day: vec![(0, 0); inst.suppliers() * days],
            supplier_total: vec![0; inst.suppliers()],
        }
    }

    /// Books one meeting; a clash involving a placement is an error.
    fn book(
        &mut self,
        buyers: &[usize],
        supplier: usize,
        slot: usize,
        table: usize,
        who: Holder,
    ) -> Result<(), Violation> {
        let (slots, days) = (self.inst.slots(), self.inst.days());
        let day = self.inst.slot_day[slot];
        let placed = u32::from(who == Holder::Placed);
        let clash = |cell: &mut Option<Holder>| {
            let bad = cell.is_some() && (who == Holder::Placed || *cell == Some(Holder::Placed));
            *cell = Some(who);
            bad
        };
        for &b in buyers {
            if clash(&mut self.buyer[b * slots + slot]) {
                return Err(Violation::BuyerTwice { buyer: b, slot });
            }
            let count = &mut self.buyer_day[b * days + day];
            *count = (count.0 + 1, count.1 + placed);
        }
        if clash(&mut self.supplier[supplier * slots + slot]) {
            return Err(Violation::SupplierTwice { supplier, slot });
        }
        if clash(&mut self.table[slot * self.inst.tables + table]) {
            return Err(Violation::TableTwice { slot, table });
        }
        let count = &mut self.supplier_day[supplier * days + day];
        *count = (count.0 + 1, count.1 + placed);
        self.supplier_total[supplier] += 1;
        Ok(())
    }

    fn quotas(&self) -> Result<(), Violation> {
        let days = self.inst.days().max(1);
        for (i, &(count, placed)) in self.buyer_day.iter().enumerate() {
            let (buyer, day) = (i / days, i % days);
            if placed > 0 && count > self.inst.buyer_quota[buyer] {
                return Err(Violation::BuyerQuota { buyer, day });
            }
        }
        for (i, &(count, placed)) in self.supplier_day.iter().enumerate() {
            let (supplier, day) = (i / days, i % days);
            if placed > 0 && count > self.inst.supplier_quota[supplier] {
                return Err(Violation::SupplierQuota { supplier, day });
            }
        }
        Ok(())
    }

    /// The unmet request would fit in some slot as the grid stands.
    fn fits(&self, request: usize) -> bool {
        let inst = self.inst;
        let (slots, days) = (inst.slots(), inst.days());
        let r = &inst.requests[request];
        (0..slots).any(|s| {
            let day = inst.slot_day[s];
            inst.supplier_available[r.supplier][s]
                && self.supplier[r.supplier * slots + s].is_none()
                && self.supplier_day[r.supplier * days + day].0 < inst.supplier_quota[r.supplier]
                && r.buyers.iter().all(|&b| {
                    self.buyer[b * slots + s].is_none()
                        && self.buyer_day[b * days + day].0 < inst.buyer_quota[b]
                })
                && (0..inst.tables).any(|t| self.table[s * inst.tables + t].is_none())
        })
    }
}

/// Checks the schedule against every rule: no buyer, supplier or table twice in a slot
/// (fixed meetings included); day quotas of buyers and suppliers; supplier availability;
/// each request placed at most once, never one a fixed meeting satisfies; slots and tables
/// in range; fairness (no supplier with 3+ meetings while a requested supplier with none
/// has an unmet request that fits as the schedule stands). The first violation found.
pub fn check(inst: &Instance, schedule: &Schedule) -> Result<(), Violation> {
    inst.validate().map_err(Violation::Instance)?;
    let mut grid = Grid::new(inst);
    for f in &inst.fixed {
        grid.book(&f.buyers, f.supplier, f.slot, f.table, Holder::Fixed)?;
    }
    let placed = placed_requests(inst, &schedule.placed)?;
    for p in &schedule.placed {
        let r = &inst.requests[p.request];
        if !inst.supplier_available[r.supplier][p.slot] {
            return Err(Violation::SupplierUnavailable {
                request: p.request,
                slot: p.slot,
            });
        }
        grid.book(&r.buyers, r.supplier, p.slot, p.table, Holder::Placed)?;
    }
    grid.quotas()?;
    fairness(&grid, &placed)
}

/// Per request, whether the schedule places it; checks indices, repeats and fixed ones.
fn placed_requests(inst: &Instance, placed: &[Placement]) -> Result<Vec<bool>, Violation> {
    let fixed = inst.satisfied_by_fixed();
    let mut seen = vec![false; inst.requests.len()];
    for p in placed {
        let request = p.request;
        let Some(flag) = seen.get_mut(request) else {
            return Err(Violation::UnknownRequest { request });
        };
        if *flag {
            return Err(Violation::PlacedTwice { request });
        }
        *flag = true;
        if fixed[request] {
            return Err(Violation::AlreadyFixed { request });
        }
        if p.slot >= inst.slots() || p.table >= inst.tables {
            return Err(Violation::OutOfRange { request });
        }
    }
    Ok(seen)
}

fn fairness(grid: &Grid, placed: &[bool]) -> Result<(), Violation> {
    let inst = grid.inst;
    let Some(busy) = grid.supplier_total.iter().position(|&n| n >= 3) else {
        return Ok(());
    };
    let fixed = inst.satisfied_by_fixed();
    for (request, r) in inst.requests.iter().enumerate() {
        let open = !placed[request] && !fixed[request];
        if open && grid.supplier_total[r.supplier] == 0 && grid.fits(request) {
            return Err(Violation::Unfair { busy, request });
        }
    }
    Ok(())
}

/// Figures of a schedule (fixed meetings included where they count).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    /// Requests satisfied (placed or by a fixed meeting), by priority: `[p1, p2, p3]`.
    pub satisfied_by_priority: [usize; 3],
    /// Suppliers with at least one request and no meeting at all (fixed or placed).
    pub requested_never_met: usize,
    /// Empty slots between a buyer's first and last meeting of a day, averaged over the
    /// (buyer, day) pairs with at least one meeting; 0 when there are none.
    pub mean_buyer_idle: f64,
    /// Placements in the schedule (`placed.len()`).
    pub placed: usize,
}

impl Stats {
    /// Requests satisfied, all priorities.
    pub fn satisfied(&self) -> usize {
        self.satisfied_by_priority.iter().sum()
    }
}

/// The figures of a schedule; indices out of range are skipped (run [`check`] first).
pub fn stats(inst: &Instance, schedule: &Schedule) -> Stats {
    let mut satisfied = inst.satisfied_by_fixed();
    let slots = inst.slots();
    let mut busy = vec![false; inst.buyers() * slots];
    let mut meetings = vec![0usize; inst.suppliers()];
    let mut sit = |buyers: &[usize], supplier: usize, slot: usize| {
        for &b in buyers {
            if let Some(cell) = busy.get_mut(b * slots + slot).filter(|_| slot < slots) {
                *cell = true;
            }
        }
        if let Some(m) = meetings.get_mut(supplier) {
            *m += 1;
        }
    };
    for f in &inst.fixed {
        sit(&f.buyers, f.supplier, f.slot);
    }
    for p in &schedule.placed {
        if let (Some(r), Some(flag)) = (inst.requests.get(p.request), satisfied.get_mut(p.request))
        {
            *flag = true;
            sit(&r.buyers, r.supplier, p.slot);
        }
    }
    let mut by_priority = [0; 3];
    let mut requested = vec![false; inst.suppliers()];
    for (r, done) in inst.requests.iter().zip(&satisfied) {
        if let Some(flag) = requested.get_mut(r.supplier) {
            *flag = true;
        }
        if let Some(n) = by_priority
            .get_mut(usize::from(r.priority).wrapping_sub(1))
            .filter(|_| *done)
        {
            *n += 1;
        }
    }
    Stats {
        satisfied_by_priority: by_priority,
        requested_never_met: requested
            .iter()
            .zip(&meetings)
            .filter(|(r, m)| **r && **m == 0)
            .count(),
        mean_buyer_idle: mean_idle(inst, &busy),
        placed: schedule.placed.len(),
    }
}

/// Mean idle slots over the (buyer, day) pairs with a meeting.
fn mean_idle(inst: &Instance, busy: &[bool]) -> f64 {
    let slots = inst.slots();
    let (mut idle, mut pairs) = (0usize, 0usize);
    let ranges = inst.day_ranges();
    for row in busy.chunks(slots.max(1)) {
        for range in &ranges {
            let day = &row[range.clone()];
            if let (Some(first), Some(last)) =
                (day.iter().position(|b| *b), day.iter().rposition(|b| *b))
            {
                idle += day[first..=last].iter().filter(|b| !**b).count();
                pairs += 1;
            }
        }
    }
    if pairs == 0 {
        0.0
    } else {
        idle as f64 / pairs as f64
    }
}
