//! The improvement step behind [`plan`]: after the greedy fill, each unmet request tries to
//! take a slot by ejecting the one or two placed meetings in its way (those of its buyers,
//! its supplier, a table, or a meeting that fills a day quota), which must then find
//! another slot themselves, one level deeper at most (ejection chains); then meetings move
//! toward their buyers' other meetings to shorten the waits; then a last fill places
//! whatever has become feasible. Every move is a remove and a feasible place on the
//! board, so no constraint is ever broken; deterministic, with fixed caps on the work.

use super::board::{Board, Occupant};
use super::greedy::{fill, invalid, request_order};
use super::instance::{Instance, Schedule};

/// Meetings one request may eject to take a slot.
const MAX_EJECTED: usize = 2;
/// Levels of ejection: the request ejects, and the ejected may eject once more.
const DEPTH: usize = 2;
/// Alternatives tried when a table or a day quota (not a person) is in the way.
const ALTERNATIVES: usize = 4;
/// Ejection attempts (one set of meetings taken off to let a request in) allowed over the
/// whole plan: the cap on its work.
const BUDGET: usize = 300_000;
/// Rounds of (ejection pass, gap pass).
const ROUNDS: usize = 2;
/// Passes of the gap reduction in one round.
const GAP_PASSES: usize = 3;

/// The organiser's schedule: [`super::greedy`], then ejection chains for the unmet
/// requests and shorter waits for the buyers (see the module text). Never satisfies fewer
/// requests than [`super::greedy`]; on a malformed instance places nothing, like it.
/// Deterministic.
pub fn plan(inst: &Instance) -> Schedule {
    if inst.validate().is_err() {
        return invalid(inst);
    }
    let mut board = Board::new(inst);
    fill(&mut board);
    let order = request_order(inst);
    let mut search = Search {
        locked: vec![false; inst.requests.len()],
        budget: BUDGET,
    };
    for _ in 0..ROUNDS {
        let placed = search.pass(&mut board, &order) | search.exchange_pass(&mut board, &order);
        let moved = shorten_waits(&mut board);
        if !placed && !moved {
            break;
        }
    }
    for &request in &order {
        if board.is_open(request) {
            board.place_best(request);
        }
    }
    board.commit();
    board.to_schedule()
}

/// State of the ejection search.
struct Search {
    /// Requests of the chain under construction: not to be ejected.
    locked: Vec<bool>,
    /// Insertion attempts left.
    budget: usize,
}

impl Search {
    /// One ejection pass over the open requests in order; true when one got placed.
    fn pass(&mut self, board: &mut Board, order: &[usize]) -> bool {
        let mut placed = false;
        for &request in order {
            if board.is_open(request) && self.insert(board, request, DEPTH) {
                board.commit();
                placed = true;
            }
        }
        placed
    }

    /// One exchange pass: each placed meeting whose buyers are at their day quota is taken
    /// out if that lets at least two open requests of the same or a higher priority in
    /// (net gain ≥ 1); kept otherwise. The least important, most crowded meetings are tried
    /// first; none whose supplier would be left without a meeting.
    fn exchange_pass(&mut self, board: &mut Board, order: &[usize]) -> bool {
        let inst = board.inst;
        let mut candidates: Vec<usize> = (0..inst.requests.len())
            .filter(|&q| board.place_of[q].is_some())
            .collect();
        candidates.sort_by_key(|&q| {
            let r = &inst.requests[q];
            (
                std::cmp::Reverse(r.priority),
                std::cmp::Reverse(r.buyers.len()),
                q,
            )
        });
        let mut gained = false;
        for q in candidates {
            if self.budget == 0 {
                break;
            }
            if self.exchange(board, order, q) {
                board.commit();
                gained = true;
            }
        }
        gained
    }

    /// Takes the placed request out and lets in the open requests of its buyers or
    /// supplier of the same or a higher priority (then itself again, if it still fits);
    /// keeps the change when it satisfies more requests, undoes it otherwise.
    fn exchange(&mut self, board: &mut Board, order: &[usize], dropped: usize) -> bool {
        let inst = board.inst;
        let q = &inst.requests[dropped];
        let Some((slot, _)) = board.place_of[dropped] else {
            return false;
        };
        let day = inst.slot_day[slot];
        let crowded = q.buyers.iter().any(|&b| board.buyer_full(b, day));
        if !crowded || board.supplier_total[q.supplier] <= 1 {
            return false;
        }
        let shares = |r: usize| {
            let other = &inst.requests[r];
            r != dropped
                && other.priority <= q.priority
                && (other.supplier == q.supplier
                    || other.buyers.iter().any(|b| q.buyers.contains(b)))
        };
        let mark = board.mark();
        board.remove(dropped);
        self.locked[dropped] = true;
        let mut net = -1isize;
        for &r in order {
            if self.budget == 0 {
                break;
            }
            if board.is_open(r) && shares(r) && self.insert(board, r, DEPTH - 1) {
                net += 1;
            }
        }
        self.locked[dropped] = false;
        if self.insert(board, dropped, DEPTH - 1) {
            net += 1;
        }

        if net > 0 {
            return true;
        }
        board.undo_to(mark);
        false
    }

    /// Places the open request, ejecting and re-placing others up to `depth` levels; on
    /// failure the board is as before.
    fn insert(&mut self, board: &mut Board, request: usize, depth: usize) -> bool {
        if board.place_best(request) {
            return true;
        }
        if depth == 0 || self.budget == 0 {
            return false;
        }
        self.locked[request] = true;
        let done = (0..board.slots).any(|slot| self.insert_at(board, request, slot, depth));
        self.locked[request] = false;
        done
    }

    /// Tries each way of clearing `slot` for the request.
    fn insert_at(&mut self, board: &mut Board, request: usize, slot: usize, depth: usize) -> bool {
        for ejected in self.ejections(board, request, slot) {
            if self.budget == 0 {
                return false;
            }
            self.budget -= 1;
            let mark = board.mark();
            for &e in &ejected {
                board.remove(e);
            }
            if board.can_place(request, slot) {
                board.place(request, slot);
                if ejected.iter().all(|&e| self.insert(board, e, depth - 1)) {
                    return true;
                }
            }
            board.undo_to(mark);
        }
        false
    }

    /// The sets of placed meetings (at most [`MAX_EJECTED`] each) whose removal would let
    /// the request into the slot; empty when a fixed or locked meeting is in the way or the
    /// supplier is unavailable.
    fn ejections(&self, board: &Board, request: usize, slot: usize) -> Vec<Vec<usize>> {
        let inst = board.inst;
        let r = &inst.requests[request];
        if !inst.supplier_available[r.supplier][slot] {
            return Vec::new();
        }
        let mut base = Vec::new();
        let occupants = r
            .buyers
            .iter()
            .map(|&b| board.buyer_occupant(b, slot))
            .chain([board.supplier_occupant(r.supplier, slot)]);
        for occupant in occupants.flatten() {
            match self.movable(occupant) {
                Some(q) if !base.contains(&q) => base.push(q),
                Some(_) => {}
                None => return Vec::new(),
            }
        }
        let mut sets = vec![base];
        if sets[0].is_empty() && board.tables_free(slot) == 0 {
            sets = self.table_choices(board, slot);
        }
        let day = inst.slot_day[slot];
        for person in quota_blocked(board, request, day, &sets) {
            sets = self.quota_choices(board, day, person, sets);
            sets.retain(|s| s.len() <= MAX_EJECTED);
        }
        sets.retain(|s| !s.is_empty() && s.len() <= MAX_EJECTED);
        sets
    }

    /// The placed, unlocked request of an occupant.
    fn movable(&self, occupant: Occupant) -> Option<usize> {
        match occupant {
            Occupant::Request(q) if !self.locked[q] => Some(q),
            _ => None,
        }
    }

    /// A few single meetings of a full slot, each freeing a table.
    fn table_choices(&self, board: &Board, slot: usize) -> Vec<Vec<usize>> {
        board
            .table_occupants(slot)
            .iter()
            .flatten()
            .filter_map(|&o| self.movable(o))
            .take(ALTERNATIVES)
            .map(|q| vec![q])
            .collect()
    }

    /// Each set extended by one of the person's other meetings that day (a few choices),
    /// so that its day quota leaves room.
    fn quota_choices(
        &self,
        board: &Board,
        day: usize,
        person: Person,
        sets: Vec<Vec<usize>>,
    ) -> Vec<Vec<usize>> {
        let inst = board.inst;
        let candidates: Vec<usize> = board.day_range[day]
            .clone()
            .filter_map(|s| match person {
                Person::Buyer(b) => board.buyer_occupant(b, s),
                Person::Supplier(x) => board.supplier_occupant(x, s),
            })
            .filter_map(|o| self.movable(o))
            .collect();
        let mut out = Vec::new();
        for set in sets {
            let freed = set.iter().any(|&q| person.sits_in(inst, q));
            if freed {
                out.push(set);
                continue;
            }
            let movable = candidates
                .iter()
                .filter(|q| !set.contains(q) && has_other_day(board, **q, day));
            for &q in movable.take(ALTERNATIVES) {
                let mut extended = set.clone();
                extended.push(q);
                out.push(extended);
            }
        }
        out
    }
}

/// A buyer or a supplier, for the quota tests.
#[derive(Debug, Clone, Copy)]
enum Person {
    Buyer(usize),
    Supplier(usize),
}

impl Person {
    fn sits_in(self, inst: &Instance, request: usize) -> bool {
        let r = &inst.requests[request];
        match self {
            Person::Buyer(b) => r.buyers.contains(&b),
            Person::Supplier(s) => r.supplier == s,
        }
    }
}

/// The request's buyers and supplier at their quota on that day.
fn quota_blocked(board: &Board, request: usize, day: usize, sets: &[Vec<usize>]) -> Vec<Person> {
    if sets.is_empty() {
        return Vec::new();
    }
    let r = &board.inst.requests[request];
    let mut full: Vec<Person> = r
        .buyers
        .iter()
        .filter(|&&b| board.buyer_full(b, day))
        .map(|&b| Person::Buyer(b))
        .collect();
    if board.supplier_full(r.supplier, day) {
        full.push(Person::Supplier(r.supplier));
    }
    full
}

/// Some other day where none of the request's buyers nor its supplier is at quota: where
/// a meeting ejected to free a quota on `day` could go.
fn has_other_day(board: &Board, request: usize, day: usize) -> bool {
    let r = &board.inst.requests[request];
    (0..board.days).any(|d| {
        d != day
            && !board.supplier_full(r.supplier, d)
            && r.buyers.iter().all(|&b| !board.buyer_full(b, d))
    })
}

/// Moves placed meetings to slots where their buyers wait less, while it helps; true when
/// one moved.
fn shorten_waits(board: &mut Board) -> bool {
    let mut moved = false;
    for _ in 0..GAP_PASSES {
        let mut moved_now = false;
        for request in 0..board.inst.requests.len() {
            moved_now |= move_closer(board, request);
        }
        board.commit();
        moved |= moved_now;
        if !moved_now {
            break;
        }
    }
    moved
}

/// Moves one placed meeting to the slot that cuts its buyers' idle slots most, if any
/// does; true when it moved.
fn move_closer(board: &mut Board, request: usize) -> bool {
    let Some((slot, _)) = board.place_of[request] else {
        return false;
    };
    let mark = board.mark();
    board.remove(request);
    let here = board.idle_delta(request, slot);
    let better = (0..board.slots)
        .filter(|&s| s != slot && board.can_place(request, s))
        .map(|s| (board.idle_delta(request, s), s))
        .filter(|&(delta, _)| delta < here)
        .min();
    match better {
        Some((_, s)) => {
            board.place(request, s);
            true
        }
        None => {
            board.undo_to(mark);
            false
        }
    }
}
