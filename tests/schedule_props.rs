//! Properties of the scheduler (`sourcing::schedule`) on random instances: 1–2 days of 2–12
//! slots, 1–5 tables, 1–8 buyers, 1–12 suppliers, 0–30 requests (some with co-buyers),
//! quotas 1–4, availability masks, a few fixed meetings generated consistently.
//!
//! - `check` accepts both `greedy` and `plan`; `plan` satisfies at least as many requests;
//! - no schedule satisfies more than `upper_bound`;
//! - fixed meetings stay out of `placed`, and every request is placed, fixed or unmet once;
//! - the same instance twice gives the same schedule;
//! - on tiny instances (≤ 6 requests, ≤ 4 slots): the exact optimum (brute force, fairness
//!   not required) is ≤ `upper_bound`, and `plan` reaches at least the optimum − 1.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed property panics

use proptest::prelude::*;
use sourcing::schedule::{
    check, greedy, plan, stats, upper_bound, Fixed, Instance, Request, Schedule,
};

/// splitmix64, seeded: the instance's details, the same on every machine.
use sourcing::testing::rng::SplitMix64 as Rng;

/// The sizes proptest draws; the rest comes from `seed`.
#[derive(Debug, Clone)]
struct Shape {
    days: usize,
    slots_per_day: usize,
    tables: usize,
    buyers: usize,
    suppliers: usize,
    requests: usize,
    fixed: usize,
    seed: u64,
}

/// The sizes drawn by a strategy, as a [`Shape`].
type Sizes = (usize, usize, usize, usize, usize, usize, usize, u64);

fn shape((days, slots_per_day, tables, buyers, suppliers, requests, fixed, seed): Sizes) -> Shape {
    Shape {
        days,
        slots_per_day,
        tables,
        buyers,
        suppliers,
        requests,
        fixed,
        seed,
    }
}

fn shapes() -> impl Strategy<Value = Shape> {
    (
        1..=2usize,
        2..=12usize,
        1..=5usize,
        1..=8usize,
        1..=12usize,
        0..=30usize,
        0..=4usize,
        any::<u64>(),
    )
        .prop_map(shape)
}

/// Tiny instances for the brute force: ≤ 4 slots, ≤ 6 requests.
fn tiny_shapes() -> impl Strategy<Value = Shape> {
    (
        1..=2usize,
        1..=2usize,
        1..=2usize,
        1..=3usize,
        1..=3usize,
        0..=6usize,
        0..=2usize,
        any::<u64>(),
    )
        .prop_map(shape)
}

fn distinct_buyers(rng: &mut Rng, buyers: usize) -> Vec<usize> {
    let mut out = vec![rng.below(buyers)];
    if buyers > 1 && rng.percent(30) {
        let extra = 1 + rng.below(2.min(buyers - 1));
        while out.len() < 1 + extra {
            let b = rng.below(buyers);
            if !out.contains(&b) {
                out.push(b);
            }
        }
    }
    out
}

fn instance(shape: &Shape) -> Instance {
    let mut rng = Rng(shape.seed);
    let slots = shape.days * shape.slots_per_day;
    let supplier_available = (0..shape.suppliers)
        .map(|_| {
            let mask = rng.below(4);
            (0..slots)
                .map(|s| match mask {
                    0 => true,
                    1 => s % shape.slots_per_day < shape.slots_per_day.div_ceil(2),
                    2 => s / shape.slots_per_day == 0,
                    _ => rng.percent(60),
                })
                .collect()
        })
        .collect();
    let requests = (0..shape.requests)
        .map(|_| Request {
            buyers: distinct_buyers(&mut rng, shape.buyers),
            supplier: rng.below(shape.suppliers),
            priority: 1 + rng.below(3) as u8,
        })
        .collect();
    let mut inst = Instance {
        slot_day: (0..slots).map(|s| s / shape.slots_per_day).collect(),
        tables: shape.tables,
        buyer_quota: (0..shape.buyers).map(|_| 1 + rng.below(4) as u32).collect(),
        supplier_quota: (0..shape.suppliers)
            .map(|_| 1 + rng.below(4) as u32)
            .collect(),
        supplier_available,
        requests,
        fixed: Vec::new(),
    };
    add_fixed(&mut inst, &mut rng, shape.fixed);
    inst
}

/// Up to `n` fixed meetings that keep every rule (free people and table, quotas, the
/// supplier available); half of them satisfy a request.
fn add_fixed(inst: &mut Instance, rng: &mut Rng, n: usize) {
    for _ in 0..n * 3 {
        if inst.fixed.len() >= n || inst.slots() == 0 {
            break;
        }
        let slot = rng.below(inst.slots());
        let (buyers, supplier, request) = if !inst.requests.is_empty() && rng.percent(50) {
            let r = rng.below(inst.requests.len());
            if inst.fixed.iter().any(|f| f.request == Some(r)) {
                continue;
            }
            let req = &inst.requests[r];
            (req.buyers.clone(), req.supplier, Some(r))
        } else {
            (
                distinct_buyers(rng, inst.buyers()),
                rng.below(inst.suppliers()),
                None,
            )
        };
        if let Some(table) = fits(inst, &buyers, supplier, slot) {
            inst.fixed.push(Fixed {
                buyers,
                supplier,
                slot,
                table,
                request,
            });
        }
    }
}

/// The free table where a meeting of these people would keep every rule in this slot.
fn fits(inst: &Instance, buyers: &[usize], supplier: usize, slot: usize) -> Option<usize> {
    let day = inst.slot_day[slot];
    let same_day = |f: &&Fixed| inst.slot_day[f.slot] == day;
    let busy = |f: &Fixed| {
        f.slot == slot && (f.supplier == supplier || f.buyers.iter().any(|b| buyers.contains(b)))
    };
    let supplier_day = inst
        .fixed
        .iter()
        .filter(same_day)
        .filter(|f| f.supplier == supplier)
        .count();
    let buyer_ok = buyers.iter().all(|&b| {
        let n = inst
            .fixed
            .iter()
            .filter(same_day)
            .filter(|f| f.buyers.contains(&b))
            .count();
        (n as u32) < inst.buyer_quota[b]
    });
    let ok = inst.supplier_available[supplier][slot]
        && !inst.fixed.iter().any(busy)
        && (supplier_day as u32) < inst.supplier_quota[supplier]
        && buyer_ok;
    let table =
        (0..inst.tables).find(|&t| !inst.fixed.iter().any(|f| f.slot == slot && f.table == t));
    table.filter(|_| ok)
}

fn satisfied(inst: &Instance, s: &Schedule) -> usize {
    stats(inst, s).satisfied()
}

/// The most requests satisfiable together (fixed ones included), by trying every slot or
/// none for each request; tables are interchangeable, so only their count matters.
fn optimum(inst: &Instance) -> usize {
    let slots = inst.slots();
    let days = inst.days();
    let mut state = Brute {
        buyer: vec![false; inst.buyers() * slots],
        supplier: vec![false; inst.suppliers() * slots],
        tables: vec![inst.tables; slots],
        buyer_day: vec![0; inst.buyers() * days],
        supplier_day: vec![0; inst.suppliers() * days],
    };
    for f in &inst.fixed {
        state.toggle(inst, &f.buyers, f.supplier, f.slot, true);
    }
    let done: Vec<bool> = (0..inst.requests.len())
        .map(|r| inst.fixed.iter().any(|f| f.request == Some(r)))
        .collect();
    let open: Vec<usize> = (0..inst.requests.len()).filter(|&r| !done[r]).collect();
    done.iter().filter(|d| **d).count() + state.best(inst, &open)
}

struct Brute {
    buyer: Vec<bool>,
    supplier: Vec<bool>,
    tables: Vec<usize>,
    buyer_day: Vec<u32>,
    supplier_day: Vec<u32>,
}

impl Brute {
    fn toggle(
        &mut self,
        inst: &Instance,
        buyers: &[usize],
        supplier: usize,
        slot: usize,
        on: bool,
    ) {
        let (slots, days, day) = (inst.slots(), inst.days(), inst.slot_day[slot]);
        for &b in buyers {
            self.buyer[b * slots + slot] = on;
            if on {
                self.buyer_day[b * days + day] += 1;
            } else {
                self.buyer_day[b * days + day] -= 1;
            }
        }
        self.supplier[supplier * slots + slot] = on;
        if on {
            self.supplier_day[supplier * days + day] += 1;
            self.tables[slot] -= 1;
        } else {
            self.supplier_day[supplier * days + day] -= 1;
            self.tables[slot] += 1;
        }
    }

    fn fits(&self, inst: &Instance, r: &Request, slot: usize) -> bool {
        let (slots, days, day) = (inst.slots(), inst.days(), inst.slot_day[slot]);
        self.tables[slot] > 0
            && inst.supplier_available[r.supplier][slot]
            && !self.supplier[r.supplier * slots + slot]
            && self.supplier_day[r.supplier * days + day] < inst.supplier_quota[r.supplier]
            && r.buyers.iter().all(|&b| {
                !self.buyer[b * slots + slot]
                    && self.buyer_day[b * days + day] < inst.buyer_quota[b]
            })
    }

    fn best(&mut self, inst: &Instance, open: &[usize]) -> usize {
        let Some((&first, rest)) = open.split_first() else {
            return 0;
        };
        let mut best = self.best(inst, rest);
        let r = &inst.requests[first];
        for slot in 0..inst.slots() {
            if best == open.len() {
                break;
            }
            if self.fits(inst, r, slot) {
                self.toggle(inst, &r.buyers, r.supplier, slot, true);
                best = best.max(1 + self.best(inst, rest));
                self.toggle(inst, &r.buyers, r.supplier, slot, false);
            }
        }
        best
    }
}

/// Every request is exactly one of: placed, satisfied by a fixed meeting, unmet.
fn accounted_once(inst: &Instance, s: &Schedule) {
    let mut seen = vec![0; inst.requests.len()];
    for p in &s.placed {
        seen[p.request] += 1;
        assert!(
            !inst.fixed.iter().any(|f| f.request == Some(p.request)),
            "fixed request {} placed again",
            p.request
        );
    }
    for f in &inst.fixed {
        if let Some(r) = f.request {
            seen[r] += 1;
        }
    }
    for (r, _) in &s.unmet {
        seen[*r] += 1;
    }
    assert!(
        seen.iter().all(|n| *n == 1),
        "requests not accounted once: {seen:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn schedules_keep_every_rule_and_stay_under_the_bound(shape in shapes()) {
        let inst = instance(&shape);
        let g = greedy(&inst);
        let p = plan(&inst);
        if let Err(v) = check(&inst, &g) {
            panic!("greedy: {v} in {inst:?}\n{g:?}");
        }
        if let Err(v) = check(&inst, &p) {
            panic!("plan: {v} in {inst:?}\n{p:?}");
        }
        accounted_once(&inst, &g);
        accounted_once(&inst, &p);
        let (sg, sp, bound) = (satisfied(&inst, &g), satisfied(&inst, &p), upper_bound(&inst));
        prop_assert!(sp >= sg, "plan {} < greedy {}", sp, sg);
        prop_assert!(sp <= bound, "plan {} > bound {}", sp, bound);
        prop_assert_eq!(plan(&inst), p, "plan not deterministic");
        prop_assert_eq!(greedy(&inst), g, "greedy not deterministic");
        prop_assert_eq!(upper_bound(&inst), bound, "bound not deterministic");
    }

    #[test]
    fn on_tiny_instances_the_bound_holds_and_plan_is_near_the_optimum(shape in tiny_shapes()) {
        let inst = instance(&shape);
        let best = optimum(&inst);
        let bound = upper_bound(&inst);
        let p = plan(&inst);
        check(&inst, &p).unwrap();
        let got = satisfied(&inst, &p);
        prop_assert!(best <= bound, "optimum {} > bound {} in {:?}", best, bound, inst);
        prop_assert!(got <= best, "plan {} > optimum {}", got, best);
        prop_assert!(got + 1 >= best, "plan {} < optimum {} − 1 in {:?}\n{:?}", got, best, inst, p);
    }
}
