//! The occupancy board the schedulers work on: who sits where in each slot (buyers,
//! suppliers, tables), per-day meeting counts against the quotas, and each request's
//! current placement; with placing, removing, a journal to undo a tentative chain of moves,
//! and the slot-choice rule (fewest added idle slots for the buyers, then earliest).

use super::instance::{Instance, Placement, Schedule, Unmet};
use std::ops::Range;

/// What occupies a cell of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Occupant {
    /// A fixed meeting: never moved.
    Fixed,
    /// The placed request of this index.
    Request(usize),
}

/// One step of the journal, undone in reverse order.
#[derive(Debug, Clone, Copy)]
enum Step {
    Placed(usize),
    Removed {
        request: usize,
        slot: usize,
        table: usize,
    },
}

/// The state of a schedule under construction. Built only from a validated instance, so
/// every index computed from it is in range.
pub(super) struct Board<'a> {
    pub inst: &'a Instance,
    pub slots: usize,
    pub days: usize,
    pub day_range: Vec<Range<usize>>,
    /// `[buyer * slots + slot]`.
    buyer_at: Vec<Option<Occupant>>,
    /// `[supplier * slots + slot]`.
    supplier_at: Vec<Option<Occupant>>,
    /// `[slot * tables + table]`.
    table_at: Vec<Option<Occupant>>,
    /// Free tables per slot.
    tables_free: Vec<usize>,
    /// `[buyer * days + day]`: meetings that day.
    buyer_day: Vec<u32>,
    /// `[supplier * days + day]`: meetings that day.
    supplier_day: Vec<u32>,
    /// Meetings per supplier over the whole instance (fixed and placed).
    pub supplier_total: Vec<usize>,
    /// Per request: `(slot, table)` when placed.
    pub place_of: Vec<Option<(usize, usize)>>,
    /// Per request: a fixed meeting already satisfies it.
    pub fixed_done: Vec<bool>,
    journal: Vec<Step>,
}

impl<'a> Board<'a> {
    /// The board holding the fixed meetings of a validated instance.
    pub fn new(inst: &'a Instance) -> Self {
        let (slots, days) = (inst.slots(), inst.days());
        let mut board = Board {
            inst,
            slots,
            days,
            day_range: inst.day_ranges(),
            buyer_at: vec![None; inst.buyers() * slots],
            supplier_at: vec![None; inst.suppliers() * slots],
            table_at: vec![None; slots * inst.tables],
            tables_free: vec![inst.tables; slots],
            buyer_day: vec![0; inst.buyers() * days],
            supplier_day: vec![0; inst.suppliers() * days],
            supplier_total: vec![0; inst.suppliers()],
            place_of: vec![None; inst.requests.len()],
            fixed_done: inst.satisfied_by_fixed(),
            journal: Vec::new(),
        };
        for f in &inst.fixed {
            board.occupy(&f.buyers, f.supplier, f.slot, f.table, Occupant::Fixed);
        }
        board
    }

    fn occupy(
        &mut self,
        buyers: &[usize],
        supplier: usize,
        slot: usize,
        table: usize,
        who: Occupant,
    ) {
        let day = self.inst.slot_day[slot];
        for &b in buyers {
            self.buyer_at[b * self.slots + slot] = Some(who);
            self.buyer_day[b * self.days + day] += 1;
        }
        self.supplier_at[supplier * self.slots + slot] = Some(who);
        self.supplier_day[supplier * self.days + day] += 1;
        self.supplier_total[supplier] += 1;
        let cell = &mut self.table_at[slot * self.inst.tables + table];
        if cell.is_none() {
            self.tables_free[slot] -= 1;
        }
        *cell = Some(who);
    }

    fn vacate(&mut self, buyers: &[usize], supplier: usize, slot: usize, table: usize) {
        let day = self.inst.slot_day[slot];
        for &b in buyers {
            self.buyer_at[b * self.slots + slot] = None;
            self.buyer_day[b * self.days + day] -= 1;
        }
        self.supplier_at[supplier * self.slots + slot] = None;
        self.supplier_day[supplier * self.days + day] -= 1;
        self.supplier_total[supplier] -= 1;
        self.table_at[slot * self.inst.tables + table] = None;
        self.tables_free[slot] += 1;
    }

    /// Who holds this buyer in this slot.
    pub fn buyer_occupant(&self, buyer: usize, slot: usize) -> Option<Occupant> {
        self.buyer_at[buyer * self.slots + slot]
    }

    /// Who holds this supplier in this slot.
    pub fn supplier_occupant(&self, supplier: usize, slot: usize) -> Option<Occupant> {
        self.supplier_at[supplier * self.slots + slot]
    }

    /// Who sits at each table of this slot.
    pub fn table_occupants(&self, slot: usize) -> &[Option<Occupant>] {
        let t = self.inst.tables;
        &self.table_at[slot * t..slot * t + t]
    }

    /// Free tables in this slot.
    pub fn tables_free(&self, slot: usize) -> usize {
        self.tables_free[slot]
    }

    /// Meetings of the buyer on this day.
    pub fn buyer_day_count(&self, buyer: usize, day: usize) -> u32 {
        self.buyer_day[buyer * self.days + day]
    }

    /// Meetings of the supplier on this day.
    pub fn supplier_day_count(&self, supplier: usize, day: usize) -> u32 {
        self.supplier_day[supplier * self.days + day]
    }

    /// The buyer has reached its quota on this day.
    pub fn buyer_full(&self, buyer: usize, day: usize) -> bool {
        self.buyer_day[buyer * self.days + day] >= self.inst.buyer_quota[buyer]
    }

    /// The supplier has reached its quota on this day.
    pub fn supplier_full(&self, supplier: usize, day: usize) -> bool {
        self.supplier_day[supplier * self.days + day] >= self.inst.supplier_quota[supplier]
    }

    /// The request is neither placed nor satisfied by a fixed meeting.
    pub fn is_open(&self, request: usize) -> bool {
        self.place_of[request].is_none() && !self.fixed_done[request]
    }

    /// The open request could be placed in this slot as the board stands.
    pub fn can_place(&self, request: usize, slot: usize) -> bool {
        let r = &self.inst.requests[request];
        let day = self.inst.slot_day[slot];
        self.tables_free[slot] > 0
            && self.inst.supplier_available[r.supplier][slot]
            && self.supplier_occupant(r.supplier, slot).is_none()
            && !self.supplier_full(r.supplier, day)
            && r.buyers
                .iter()
                .all(|&b| self.buyer_occupant(b, slot).is_none() && !self.buyer_full(b, day))
    }

    /// Places the open request in this slot at its lowest free table (the caller checked
    /// [`Board::can_place`]).
    pub fn place(&mut self, request: usize, slot: usize) {
        let table = self
            .table_occupants(slot)
            .iter()
            .position(Option::is_none)
            .unwrap_or(0);
        self.place_at(request, slot, table);
    }

    fn place_at(&mut self, request: usize, slot: usize, table: usize) {
        let r = &self.inst.requests[request];
        self.occupy(
            &r.buyers,
            r.supplier,
            slot,
            table,
            Occupant::Request(request),
        );
        self.place_of[request] = Some((slot, table));
        self.journal.push(Step::Placed(request));
    }

    /// Takes the placed request off the board.
    pub fn remove(&mut self, request: usize) {
        if let Some((slot, table)) = self.place_of[request].take() {
            let r = &self.inst.requests[request];
            self.vacate(&r.buyers, r.supplier, slot, table);
            self.journal.push(Step::Removed {
                request,
                slot,
                table,
            });
        }
    }

    /// A mark to [`Board::undo_to`].
    pub fn mark(&self) -> usize {
        self.journal.len()
    }

    /// Undoes every place and remove since the mark.
    pub fn undo_to(&mut self, mark: usize) {
        while self.journal.len() > mark {
            match self.journal.pop() {
                Some(Step::Placed(request)) => {
                    self.remove(request);
                    self.journal.pop();
                }
                Some(Step::Removed {
                    request,
                    slot,
                    table,
                }) => {
                    self.place_at(request, slot, table);
                    self.journal.pop();
                }
                None => break,
            }
        }
    }

    /// Forgets the journal (the moves so far are kept for good).
    pub fn commit(&mut self) {
        self.journal.clear();
    }

    /// Change in the buyers' idle slots if the open request were placed in this slot:
    /// −1 fills a gap, 0 is adjacent (or a first meeting that day), more is a wait.
    pub fn idle_delta(&self, request: usize, slot: usize) -> isize {
        let day = self.inst.slot_day[slot];
        let range = self.day_range[day].clone();
        let mut delta = 0;
        for &b in &self.inst.requests[request].buyers {
            let row = &self.buyer_at[b * self.slots..(b + 1) * self.slots];
            let busy = |s: &usize| row[*s].is_some();
            if let (Some(first), Some(last)) =
                (range.clone().find(busy), range.clone().rev().find(busy))
            {
                delta += if slot < first {
                    (first - slot) as isize - 1
                } else if slot > last {
                    (slot - last) as isize - 1
                } else {
                    -1
                };
            }
        }
        delta
    }

    /// The slot the open request should take now: feasible, fewest added idle slots for its
    /// buyers, then earliest. `None` when no slot is feasible.
    pub fn best_slot(&self, request: usize) -> Option<usize> {
        (0..self.slots)
            .filter(|&s| self.can_place(request, s))
            .min_by_key(|&s| (self.idle_delta(request, s), s))
    }

    /// Places the open request in its best slot; false when none is feasible.
    pub fn place_best(&mut self, request: usize) -> bool {
        match self.best_slot(request) {
            Some(slot) => {
                self.place(request, slot);
                true
            }
            None => false,
        }
    }

    /// Why the open request cannot be placed on the board as it stands (see [`Unmet`]).
    pub fn unmet_reason(&self, request: usize) -> Unmet {
        let r = &self.inst.requests[request];
        let day = |s: &usize| self.inst.slot_day[*s];
        let mut slots: Vec<usize> = (0..self.slots)
            .filter(|&s| self.inst.supplier_available[r.supplier][s])
            .collect();
        if slots.is_empty() {
            return Unmet::SupplierNeverAvailable;
        }
        slots.retain(|s| !self.supplier_full(r.supplier, day(s)));
        if slots.is_empty() {
            return Unmet::SupplierQuota;
        }
        slots.retain(|s| r.buyers.iter().all(|&b| !self.buyer_full(b, day(s))));
        if slots.is_empty() {
            return Unmet::BuyerQuota;
        }
        slots.retain(|&s| {
            self.supplier_occupant(r.supplier, s).is_none()
                && r.buyers
                    .iter()
                    .all(|&b| self.buyer_occupant(b, s).is_none())
        });
        if slots.is_empty() {
            Unmet::NoCommonFreeSlot
        } else {
            Unmet::NoTable
        }
    }

    /// The board as a [`Schedule`]: placements and the reasons of the open requests.
    pub fn to_schedule(&self) -> Schedule {
        let mut schedule = Schedule::default();
        for (request, place) in self.place_of.iter().enumerate() {
            match place {
                Some((slot, table)) => schedule.placed.push(Placement {
                    request,
                    slot: *slot,
                    table: *table,
                }),
                None if !self.fixed_done[request] => {
                    schedule.unmet.push((request, self.unmet_reason(request)));
                }
                None => {}
            }
        }
        schedule
    }
}
