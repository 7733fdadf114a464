//! The scheduling problem and its answer as plain data: [`Instance`] (slots, tables, quotas,
//! availability, requests, fixed meetings), [`Schedule`] (placements and the reasons of the
//! requests left unmet), and [`Instance::validate`], the index checks every other part of
//! the module relies on.

/// One forum's scheduling problem. Every index is 0-based: buyers index `buyer_quota`,
/// suppliers index `supplier_quota` and `supplier_available`, slots index `slot_day`, tables
/// run `0..tables`, requests index `requests`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Instance {
    /// For each slot, in time order across the days, its day index (0-based). Slots of a
    /// day are contiguous, so the values never decrease; a break is simply not a slot.
    pub slot_day: Vec<usize>,
    /// Tables available in every slot.
    pub tables: usize,
    /// Per buyer: the most meetings it may have in one day.
    pub buyer_quota: Vec<u32>,
    /// Per supplier: the most meetings it may have in one day.
    pub supplier_quota: Vec<u32>,
    /// Per supplier, per slot (`[supplier][slot]`, each row as long as `slot_day`): whether it
    /// may meet in that slot (registered for the day and available then).
    pub supplier_available: Vec<Vec<bool>>,
    /// The meetings asked for; a [`Placement`] names one by its index here.
    pub requests: Vec<Request>,
    /// Meetings kept as they are (held, no-show, placed by hand, applied earlier): they
    /// occupy their buyers, supplier and table in their slot and count toward the day quotas.
    pub fixed: Vec<Fixed>,
}

/// A meeting asked for: all its buyers sit in it, with one supplier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The owner (the buyer whose need it is) first, then the co-buyers; distinct, ≥ 1.
    pub buyers: Vec<usize>,
    /// The supplier to meet.
    pub supplier: usize,
    /// 1 = highest, 2, 3 = lowest.
    pub priority: u8,
}

/// A meeting that stays where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// Its buyers, distinct.
    pub buyers: Vec<usize>,
    /// Its supplier.
    pub supplier: usize,
    /// Its slot.
    pub slot: usize,
    /// Its table.
    pub table: usize,
    /// The request it already satisfies, if any: that request must not be placed again.
    pub request: Option<usize>,
}

/// One request given a slot and a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Placement {
    /// Index into [`Instance::requests`].
    pub request: usize,
    /// Index into [`Instance::slot_day`].
    pub slot: usize,
    /// Table number, `< Instance::tables`.
    pub table: usize,
}

/// A scheduler's answer: the new meetings (fixed ones are not repeated here) and why each
/// other request stays unmet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    /// New meetings, sorted by request index.
    pub placed: Vec<Placement>,
    /// `(request, reason)` for every request neither placed nor satisfied by a fixed
    /// meeting, sorted by request index.
    pub unmet: Vec<(usize, Unmet)>,
}

/// Why a request stays unmet, judged on the final schedule: the first test, in this order,
/// that leaves no slot for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unmet {
    /// The supplier is available in no slot at all.
    SupplierNeverAvailable,
    /// On every day the supplier is available, it has reached its day quota.
    SupplierQuota,
    /// On every remaining day, one of the request's buyers has reached its day quota.
    BuyerQuota,
    /// In every remaining slot, the supplier or one of the buyers is already in a meeting.
    NoCommonFreeSlot,
    /// Every slot where all of them are free has all its tables taken.
    NoTable,
    /// The instance is malformed ([`Instance::validate`] fails): nothing was scheduled.
    InvalidInstance,
    /// Kept for a later day of the forum, where a plan of the days together places it
    /// (given by [`crate::schedule::forum::DayPlan::plan`], never by the schedulers).
    LaterDay,
}

/// What makes an [`Instance`] malformed; indices are those of the offending item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceError {
    /// `slot_day` decreases at this slot (a day's slots must be contiguous).
    SlotDayOrder {
        /// The slot whose day is lower than its predecessor's.
        slot: usize,
    },
    /// `supplier_available` has not one row per supplier, or this supplier's row has not
    /// one entry per slot.
    AvailabilityShape {
        /// The supplier whose row is missing or of the wrong length.
        supplier: usize,
    },
    /// A request names an unknown buyer or supplier, has no buyer or twice the same one,
    /// or a priority outside 1..=3.
    Request {
        /// Index of the request.
        request: usize,
    },
    /// A fixed meeting names an unknown buyer, supplier, slot, table or request, or twice
    /// the same buyer.
    Fixed {
        /// Index of the fixed meeting.
        fixed: usize,
    },
}

impl Instance {
    /// Number of slots (`slot_day.len()`).
    pub fn slots(&self) -> usize {
        self.slot_day.len()
    }

    /// Number of days: the last slot's day + 1 (0 without slots).
    pub fn days(&self) -> usize {
        self.slot_day.last().map_or(0, |d| d + 1)
    }

    /// Number of buyers (`buyer_quota.len()`).
    pub fn buyers(&self) -> usize {
        self.buyer_quota.len()
    }

    /// Number of suppliers (`supplier_quota.len()`).
    pub fn suppliers(&self) -> usize {
        self.supplier_quota.len()
    }

    /// Checks every index and shape the schedulers rely on; they schedule nothing on an
    /// instance that fails.
    pub fn validate(&self) -> Result<(), InstanceError> {
        self.validate_days()?;
        self.validate_availability()?;
        for (request, r) in self.requests.iter().enumerate() {
            let known = r.supplier < self.suppliers() && (1..=3).contains(&r.priority);
            if !known || !self.valid_buyers(&r.buyers) || r.buyers.is_empty() {
                return Err(InstanceError::Request { request });
            }
        }
        for (fixed, f) in self.fixed.iter().enumerate() {
            let known = f.supplier < self.suppliers()
                && f.slot < self.slots()
                && f.table < self.tables
                && f.request.is_none_or(|r| r < self.requests.len());
            if !known || !self.valid_buyers(&f.buyers) {
                return Err(InstanceError::Fixed { fixed });
            }
        }
        Ok(())
    }

    fn validate_days(&self) -> Result<(), InstanceError> {
        match self.slot_day.windows(2).position(|w| w[1] < w[0]) {
            Some(i) => Err(InstanceError::SlotDayOrder { slot: i + 1 }),
            None => Ok(()),
        }
    }

    fn validate_availability(&self) -> Result<(), InstanceError> {
        for supplier in 0..self.suppliers().max(self.supplier_available.len()) {
            let ok = self
                .supplier_available
                .get(supplier)
                .is_some_and(|row| row.len() == self.slots());
            if !ok || supplier >= self.suppliers() {
                return Err(InstanceError::AvailabilityShape { supplier });
            }
        }
        Ok(())
    }

    /// All in range and distinct.
    fn valid_buyers(&self, buyers: &[usize]) -> bool {
        buyers
            .iter()
            .enumerate()
            .all(|(i, &b)| b < self.buyers() && !buyers[..i].contains(&b))
    }

    /// For each day, the range of its slots (empty for a day without slots).
    pub(crate) fn day_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut ranges = vec![0..0; self.days()];
        for (slot, &day) in self.slot_day.iter().enumerate() {
            if let Some(range) = ranges.get_mut(day) {
                if range.start == range.end {
                    *range = slot..slot + 1;
                } else {
                    range.end = slot + 1;
                }
            }
        }
        ranges
    }

    /// Per request: whether a fixed meeting already satisfies it.
    pub(crate) fn satisfied_by_fixed(&self) -> Vec<bool> {
        let mut done = vec![false; self.requests.len()];
        for f in &self.fixed {
            if let Some(slot) = f.request.and_then(|r| done.get_mut(r)) {
                *slot = true;
            }
        }
        done
    }
}
