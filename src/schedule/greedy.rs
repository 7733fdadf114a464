//! The baseline scheduler: requests in a fixed order (priority, then hardest first), in
//! three fairness rounds (a supplier may reach 1 meeting in the first, 2 in the second, any
//! number in the third), each put in its best slot (fewest added idle slots for its buyers,
//! then earliest) at the lowest free table.

use super::board::Board;
use super::instance::{Instance, Schedule, Unmet};

/// Supplier caps of the fairness rounds: the most meetings (fixed included) a supplier may
/// have for a request of it to be placed in that round.
const ROUND_CAPS: [usize; 3] = [1, 2, usize::MAX];

/// The baseline schedule of a validated-or-not instance: on a malformed one (see
/// [`Instance::validate`]) nothing is placed and every request is unmet with
/// [`Unmet::InvalidInstance`]. Deterministic.
pub fn greedy(inst: &Instance) -> Schedule {
    if inst.validate().is_err() {
        return invalid(inst);
    }
    let mut board = Board::new(inst);
    fill(&mut board);
    board.to_schedule()
}

/// Every request unmet for a malformed instance.
pub(super) fn invalid(inst: &Instance) -> Schedule {
    Schedule {
        placed: Vec::new(),
        unmet: (0..inst.requests.len())
            .map(|r| (r, Unmet::InvalidInstance))
            .collect(),
    }
}

/// The order requests are considered in: priority (1 first); then the request with the
/// fewest buyers (each co-buyer spends a day quota, so singles satisfy more requests), then
/// the one whose supplier has the fewest available slots (the hardest to fit first); then
/// the index.
pub(super) fn request_order(inst: &Instance) -> Vec<usize> {
    let available: Vec<usize> = inst
        .supplier_available
        .iter()
        .map(|row| row.iter().filter(|a| **a).count())
        .collect();
    let mut order: Vec<usize> = (0..inst.requests.len()).collect();
    order.sort_by_key(|&i| {
        let r = &inst.requests[i];
        let slots = available.get(r.supplier).copied().unwrap_or(0);
        (r.priority, r.buyers.len(), slots, i)
    });
    order
}

/// The fairness rounds on the board: places every open request it can.
pub(super) fn fill(board: &mut Board) {
    let order = request_order(board.inst);
    for cap in ROUND_CAPS {
        for &request in &order {
            let supplier = board.inst.requests[request].supplier;
            if board.is_open(request) && board.supplier_total[supplier] < cap {
                board.place_best(request);
            }
        }
    }
    board.commit();
}
