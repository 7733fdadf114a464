//! Named cases of the scheduler: co-buyers, breaks, fairness, the judge's refusals, the
//! bound, malformed instances.

use super::*;

/// One day of `slots` slots, `tables` tables, quotas of 8, every supplier always available.
fn day(slots: usize, tables: usize, buyers: usize, suppliers: usize) -> Instance {
    Instance {
        slot_day: vec![0; slots],
        tables,
        buyer_quota: vec![8; buyers],
        supplier_quota: vec![8; suppliers],
        supplier_available: vec![vec![true; slots]; suppliers],
        requests: Vec::new(),
        fixed: Vec::new(),
    }
}

fn request(buyers: &[usize], supplier: usize, priority: u8) -> Request {
    Request {
        buyers: buyers.to_vec(),
        supplier,
        priority,
    }
}

fn slot_of(s: &Schedule, request: usize) -> Option<usize> {
    s.placed
        .iter()
        .find(|p| p.request == request)
        .map(|p| p.slot)
}

#[test]
fn a_busy_co_buyer_blocks_the_slot() {
    let mut inst = day(2, 2, 2, 2);
    inst.fixed.push(Fixed {
        buyers: vec![1],
        supplier: 1,
        slot: 0,
        table: 0,
        request: None,
    });
    inst.requests.push(request(&[0, 1], 0, 1));
    for s in [greedy(&inst), plan(&inst)] {
        check(&inst, &s).unwrap();
        assert_eq!(slot_of(&s, 0), Some(1), "{s:?}");
    }
}

#[test]
fn a_co_buyer_busy_everywhere_leaves_the_request_unmet() {
    let mut inst = day(1, 2, 2, 2);
    inst.fixed.push(Fixed {
        buyers: vec![1],
        supplier: 1,
        slot: 0,
        table: 0,
        request: None,
    });
    inst.requests.push(request(&[0, 1], 0, 1));
    let s = plan(&inst);
    assert_eq!(s.unmet, vec![(0, Unmet::NoCommonFreeSlot)]);
    assert_eq!(upper_bound(&inst), 0);
}

#[test]
fn a_break_is_missing_slots_and_no_wait() {
    // 9:00, 9:30, (break), 10:30 on day 0; 14:00, 14:30 on day 1.
    let mut inst = day(5, 1, 1, 3);
    inst.slot_day = vec![0, 0, 0, 1, 1];
    inst.supplier_available = vec![
        vec![false, true, false, false, false],
        vec![false, false, true, false, false],
        vec![false, false, false, false, true],
    ];
    inst.requests = vec![
        request(&[0], 0, 1),
        request(&[0], 1, 1),
        request(&[0], 2, 1),
    ];
    let s = plan(&inst);
    check(&inst, &s).unwrap();
    assert_eq!(
        [slot_of(&s, 0), slot_of(&s, 1), slot_of(&s, 2)],
        [Some(1), Some(2), Some(4)]
    );
    // Slots 1 and 2 are consecutive across the break: no idle slot.
    assert_eq!(stats(&inst, &s).mean_buyer_idle, 0.0);
}

#[test]
fn fairness_meets_the_supplier_with_one_request() {
    // Buyer 0 (quota 3) asks supplier A thrice (priority 1) and B once (priority 3).
    let mut inst = day(4, 2, 1, 2);
    inst.buyer_quota = vec![3];
    inst.requests = vec![
        request(&[0], 0, 1),
        request(&[0], 0, 1),
        request(&[0], 0, 1),
        request(&[0], 1, 3),
    ];
    for s in [greedy(&inst), plan(&inst)] {
        check(&inst, &s).unwrap();
        assert!(slot_of(&s, 3).is_some(), "B not met: {s:?}");
        assert_eq!(s.placed.len(), 3);
        assert_eq!(s.unmet, vec![(2, Unmet::BuyerQuota)]);
        assert_eq!(stats(&inst, &s).requested_never_met, 0);
    }
}

#[test]
fn check_refuses_an_unfair_schedule() {
    let mut inst = day(4, 2, 1, 2);
    inst.buyer_quota = vec![4];
    inst.requests = vec![
        request(&[0], 0, 1),
        request(&[0], 0, 1),
        request(&[0], 0, 1),
        request(&[0], 1, 3),
    ];
    let s = Schedule {
        placed: (0..3)
            .map(|r| Placement {
                request: r,
                slot: r,
                table: 0,
            })
            .collect(),
        unmet: vec![(3, Unmet::NoTable)],
    };
    assert_eq!(
        check(&inst, &s),
        Err(Violation::Unfair {
            busy: 0,
            request: 3
        })
    );
}

#[test]
fn check_refuses_double_bookings_and_repeats() {
    let mut inst = day(2, 2, 2, 2);
    inst.requests = vec![request(&[0], 0, 1), request(&[0, 1], 1, 1)];
    let at = |request, slot, table| Placement {
        request,
        slot,
        table,
    };
    let twice = Schedule {
        placed: vec![at(0, 0, 0), at(1, 0, 1)],
        unmet: vec![],
    };
    assert_eq!(
        check(&inst, &twice),
        Err(Violation::BuyerTwice { buyer: 0, slot: 0 })
    );
    let table = Schedule {
        placed: vec![at(0, 0, 0), at(1, 1, 2)],
        unmet: vec![],
    };
    assert_eq!(
        check(&inst, &table),
        Err(Violation::OutOfRange { request: 1 })
    );
    let repeat = Schedule {
        placed: vec![at(0, 0, 0), at(0, 1, 0)],
        unmet: vec![],
    };
    assert_eq!(
        check(&inst, &repeat),
        Err(Violation::PlacedTwice { request: 0 })
    );
    inst.fixed.push(Fixed {
        buyers: vec![1],
        supplier: 1,
        slot: 1,
        table: 0,
        request: Some(1),
    });
    let again = Schedule {
        placed: vec![at(1, 0, 0)],
        unmet: vec![],
    };
    assert_eq!(
        check(&inst, &again),
        Err(Violation::AlreadyFixed { request: 1 })
    );
    let clash = Schedule {
        placed: vec![at(0, 1, 0)],
        unmet: vec![],
    };
    assert_eq!(
        check(&inst, &clash),
        Err(Violation::TableTwice { slot: 1, table: 0 })
    );
}

#[test]
fn fixed_meetings_count_as_satisfied_and_are_not_placed_again() {
    let mut inst = day(3, 1, 1, 2);
    inst.requests = vec![request(&[0], 0, 1), request(&[0], 1, 2)];
    inst.fixed.push(Fixed {
        buyers: vec![0],
        supplier: 0,
        slot: 1,
        table: 0,
        request: Some(0),
    });
    let s = plan(&inst);
    check(&inst, &s).unwrap();
    assert_eq!(s.placed.len(), 1);
    assert_eq!(s.placed[0].request, 1);
    assert!(s.unmet.is_empty());
    assert_eq!(stats(&inst, &s).satisfied_by_priority, [1, 1, 0]);
    assert_eq!(upper_bound(&inst), 2);
}

#[test]
fn the_bound_counts_co_buyers_quotas() {
    // Buyers 0 and 1 (quota 1) both sit in request 0; requests 1 and 2 are theirs alone.
    let mut inst = day(4, 4, 2, 3);
    inst.buyer_quota = vec![1, 1];
    inst.requests = vec![
        request(&[0, 1], 0, 1),
        request(&[0], 1, 1),
        request(&[1], 2, 1),
    ];
    assert_eq!(upper_bound(&inst), 2);
    let s = plan(&inst);
    check(&inst, &s).unwrap();
    assert_eq!(stats(&inst, &s).satisfied(), 2);
}

#[test]
fn ejection_frees_a_slot_for_an_unmet_request() {
    // Supplier 1 can only meet in slot 0; greedy puts request 0 (priority 1) there first.
    let mut inst = day(2, 1, 1, 2);
    inst.supplier_available[1] = vec![true, false];
    inst.requests = vec![request(&[0], 0, 1), request(&[0], 1, 2)];
    let s = plan(&inst);
    check(&inst, &s).unwrap();
    assert_eq!([slot_of(&s, 0), slot_of(&s, 1)], [Some(1), Some(0)]);
}

#[test]
fn a_malformed_instance_schedules_nothing() {
    let mut inst = day(2, 1, 1, 1);
    inst.requests = vec![request(&[0], 5, 1)];
    assert_eq!(inst.validate(), Err(InstanceError::Request { request: 0 }));
    assert_eq!(plan(&inst).unmet, vec![(0, Unmet::InvalidInstance)]);
    assert_eq!(upper_bound(&inst), 0);
    assert!(check(&inst, &plan(&inst)).is_err());
    inst.requests = vec![];
    inst.slot_day = vec![1, 0];
    assert_eq!(
        inst.validate(),
        Err(InstanceError::SlotDayOrder { slot: 1 })
    );
}
