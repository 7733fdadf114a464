//! The organiser's scheduler on a forum-sized instance (issue 12): time and quality of
//! `schedule::greedy` and `schedule::plan` against `schedule::upper_bound`.
//!
//! The instance is generated from a fixed seed (splitmix64): 200 buyers, 1,000 registered
//! suppliers, 3,000 requests (30 % priority 1, 40 % priority 2, 30 % priority 3; a fifth of
//! them with 1–2 co-buyers; owner and supplier uniform, no owner asks twice for the same
//! supplier), two days of 24 slots, 80 tables, quotas of 8 meetings per buyer and 6 per
//! supplier per day, a fifth of the suppliers available only in the morning (the first 12
//! slots of each day). Prints one line per figure:
//! `greedy_ms`, `plan_ms` (goal ≤ 5,000), `bound_ms`, `satisfied_greedy|plan|bound` with
//! `p1 p2 p3` (the bound by priority is the bound of that priority's requests alone: each
//! is valid on its own, they do not add up), `plan_over_bound_pct` (goal ≥ 95),
//! `never_met_greedy|plan` (suppliers requested but never met), `idle_greedy|plan`
//! (mean idle slots per buyer and day with meetings). Both schedules are checked.
//!
//! Then the real command on a real store (`command_*` lines): the same instance written
//! to a sled store as the product holds it — 1,000 suppliers registered for two forum days
//! of 24 slots (09:00–17:00, 20 min) and 80 tables, a fifth of them 09:00–13:00 only, one
//! open need per request (its owner, co-buyers and one "à rencontrer" entry with the
//! priority) — and `sourcing schedule DAY --apply --json` run by the organiser for the
//! first day, then the second, as the release binary: wall time of each process (store
//! opening, reading every need and shortlist, planning, booking each meeting durably)
//! and the requests satisfied over both days against the same bound. Day by day, the
//! second day only sees what the first left unmet.
//!
//! Run: `cargo bench --bench schedule`. Under `cargo test --benches` (no `--bench`
//! argument) a tiny smoke instance runs instead, so that the bench cannot rot; its figures
//! mean nothing then and the goals are not judged.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken set-up may panic

use sourcing::domain::forum::{numbered_tables, Availability, ForumDay, Registration};
use sourcing::domain::{Need, NeedStatus, ShortlistEntry, Supplier, TriageStatus};
use sourcing::schedule::{self, Instance, Request, Schedule};
use sourcing::store::{SledStore, Store};
use std::process::Command;
use std::time::Instant;

/// splitmix64, seeded: the instance's details, the same on every machine.
use sourcing::testing::rng::SplitMix64 as Rng;

/// The sizes of a generated instance.
struct Size {
    buyers: usize,
    suppliers: usize,
    requests: usize,
    days: usize,
    slots_per_day: usize,
    tables: usize,
}

const FULL: Size = Size {
    buyers: 200,
    suppliers: 1_000,
    requests: 3_000,
    days: 2,
    slots_per_day: 24,
    tables: 80,
};

const SMOKE: Size = Size {
    buyers: 12,
    suppliers: 60,
    requests: 150,
    days: 2,
    slots_per_day: 8,
    tables: 6,
};

fn generate(size: &Size, seed: u64) -> Instance {
    let mut rng = Rng(seed);
    let slots = size.days * size.slots_per_day;
    let morning = size.slots_per_day / 2;
    let supplier_available = (0..size.suppliers)
        .map(|s| {
            let morning_only = s % 5 == 0;
            (0..slots)
                .map(|t| !morning_only || t % size.slots_per_day < morning)
                .collect()
        })
        .collect();
    let mut asked = std::collections::BTreeSet::new();
    let mut requests = Vec::with_capacity(size.requests);
    while requests.len() < size.requests {
        let owner = rng.below(size.buyers);
        let supplier = rng.below(size.suppliers);
        if !asked.insert((owner, supplier)) {
            continue;
        }
        let mut buyers = vec![owner];
        if rng.percent(20) {
            let co = 1 + rng.below(2);
            while buyers.len() < 1 + co {
                let b = rng.below(size.buyers);
                if !buyers.contains(&b) {
                    buyers.push(b);
                }
            }
        }
        let roll = rng.below(100);
        let priority = if roll < 30 {
            1
        } else if roll < 70 {
            2
        } else {
            3
        };
        requests.push(Request {
            buyers,
            supplier,
            priority,
        });
    }
    Instance {
        slot_day: (0..slots).map(|t| t / size.slots_per_day).collect(),
        tables: size.tables,
        buyer_quota: vec![8; size.buyers],
        supplier_quota: vec![6; size.suppliers],
        supplier_available,
        requests,
        fixed: Vec::new(),
    }
}

/// The instance with only the requests of this priority.
fn only_priority(inst: &Instance, priority: u8) -> Instance {
    Instance {
        requests: inst
            .requests
            .iter()
            .filter(|r| r.priority == priority)
            .cloned()
            .collect(),
        ..inst.clone()
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64() * 1000.0)
}

fn print_satisfied(name: &str, inst: &Instance, s: &Schedule) -> usize {
    let st = schedule::stats(inst, s);
    let [p1, p2, p3] = st.satisfied_by_priority;
    println!(
        "satisfied_{name} {} p1={p1} p2={p2} p3={p3}",
        st.satisfied()
    );
    st.satisfied()
}

/// Writes `inst` into a fresh sled store in `dir` as forum days, registrations, needs and
/// meeting requests (see the module documentation); returns the two days' dates.
fn write_store(dir: &std::path::Path, size: &Size, inst: &Instance) -> Vec<jiff::civil::Date> {
    let store = SledStore::open(dir).unwrap();
    let suppliers: Vec<Supplier> = (0..size.suppliers)
        .map(|i| Supplier {
            name: format!("Fournisseur {i:04}"),
            postcode: "93200".into(),
            ..Supplier::default()
        })
        .collect();
    let (_, ids) = store.upsert_suppliers(suppliers, "orga").unwrap();
    let dates: Vec<jiff::civil::Date> = (0..size.days)
        .map(|d| jiff::civil::date(2027, 3, 16 + d as i8))
        .collect();
    let minutes = 20;
    let morning_end = jiff::civil::Time::constant(9, 0, 0, 0)
        .checked_add(jiff::SignedDuration::from_mins(
            (minutes * size.slots_per_day / 2) as i64,
        ))
        .unwrap();
    for date in &dates {
        let mut day = ForumDay::typical(*date);
        day.breaks.clear();
        day.slot_minutes = minutes as u16;
        day.closes = jiff::civil::Time::constant(9, 0, 0, 0)
            .checked_add(jiff::SignedDuration::from_mins(
                (minutes * size.slots_per_day) as i64,
            ))
            .unwrap();
        day.tables = numbered_tables(size.tables as u32);
        day.max_per_buyer = Some(8);
        day.max_per_supplier = Some(6);
        assert_eq!(day.slots().len(), size.slots_per_day);
        store.save_forum_day(day, "orga").unwrap();
        let registrations = ids
            .iter()
            .enumerate()
            .map(|(i, id)| Registration {
                supplier: *id,
                availability: if inst.supplier_available[i][size.slots_per_day - 1] {
                    Vec::new()
                } else {
                    vec![Availability::Window {
                        start: jiff::civil::Time::constant(9, 0, 0, 0),
                        end: morning_end,
                    }]
                },
                themes: Vec::new(),
            })
            .collect();
        store
            .save_registrations(*date, registrations, "orga")
            .unwrap();
    }
    let login = |b: usize| format!("b{b:03}");
    for (k, r) in inst.requests.iter().enumerate() {
        let need = store
            .save_need(
                Need {
                    title: format!("Besoin {k}"),
                    owner: login(r.buyers[0]),
                    co_buyers: r.buyers[1..].iter().map(|b| login(*b)).collect(),
                    status: NeedStatus::Open,
                    ..Default::default()
                },
                &login(r.buyers[0]),
            )
            .unwrap();
        store
            .save_shortlist_entry(
                ShortlistEntry {
                    need: need.id,
                    supplier: ids[r.supplier],
                    status: TriageStatus::ToMeet,
                    priority: Some(r.priority),
                    ..Default::default()
                },
                &login(r.buyers[0]),
            )
            .unwrap();
    }
    dates
}

/// `sourcing schedule DAY --apply --json` as the organiser: (wall ms, its JSON).
fn schedule_command(dir: &std::path::Path, date: jiff::civil::Date) -> (f64, serde_json::Value) {
    let (out, ms) = timed(|| {
        Command::new(env!("CARGO_BIN_EXE_sourcing"))
            .arg("--store")
            .arg(dir)
            .args(["schedule", &date.to_string(), "--apply", "--json"])
            .env("USER", "orga")
            .env("LOGNAME", "orga")
            .env_remove("SOURCING_SOCKET")
            .output()
            .unwrap()
    });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (ms, serde_json::from_slice(&out.stdout).unwrap())
}

/// The real command on a real store holding `inst` (see the module documentation).
fn command(size: &Size, inst: &Instance, bound: usize, full: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("forum");
    let (dates, setup_ms) = timed(|| write_store(&dir, size, inst));
    println!("command_store_setup_ms {setup_ms:.0} (not part of the figure)");
    let mut satisfied = 0u64;
    let mut total_ms = 0.0;
    for date in dates {
        let (ms, v) = schedule_command(&dir, date);
        total_ms += ms;
        let applied = v["applied"].as_u64().unwrap();
        satisfied += applied;
        println!(
            "command_day {date} ms={ms:.0} requests={} booked={applied} day_bound={} never_met={} idle={:.2}",
            v["requests"], v["upper_bound"], v["requested_never_met"], v["mean_buyer_idle_slots"].as_f64().unwrap_or(0.0)
        );
    }
    let pct = 100.0 * satisfied as f64 / bound.max(1) as f64;
    let verdict = |ok: bool| match (full, ok) {
        (false, _) => "n/a",
        (true, true) => "ok",
        (true, false) => "MISSED",
    };
    println!(
        "command_total_ms {total_ms:.0} goal<=5000 {}",
        verdict(total_ms <= 5000.0)
    );
    println!(
        "command_satisfied {satisfied} over_bound_pct {pct:.1} goal>=95 {}",
        verdict(pct >= 95.0)
    );
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let size = if full { &FULL } else { &SMOKE };
    let inst = generate(size, 0x5EED_2024);
    println!(
        "instance buyers={} suppliers={} requests={} days={} slots_per_day={} tables={} full={full}",
        size.buyers, size.suppliers, size.requests, size.days, size.slots_per_day, size.tables
    );
    let (greedy, greedy_ms) = timed(|| schedule::greedy(&inst));
    let (plan, plan_ms) = timed(|| schedule::plan(&inst));
    let (bound, bound_ms) = timed(|| schedule::upper_bound(&inst));
    schedule::check(&inst, &greedy).unwrap();
    schedule::check(&inst, &plan).unwrap();
    let goal = |ok: bool| {
        if !full {
            "n/a"
        } else if ok {
            "ok"
        } else {
            "MISSED"
        }
    };
    println!("greedy_ms {greedy_ms:.1}");
    println!(
        "plan_ms {plan_ms:.1} goal<=5000 {}",
        goal(plan_ms <= 5000.0)
    );
    println!("bound_ms {bound_ms:.1}");
    print_satisfied("greedy", &inst, &greedy);
    let planned = print_satisfied("plan", &inst, &plan);
    let by_priority: Vec<usize> = (1..=3)
        .map(|p| schedule::upper_bound(&only_priority(&inst, p)))
        .collect();
    println!(
        "satisfied_bound {bound} p1<={} p2<={} p3<={} (each priority alone)",
        by_priority[0], by_priority[1], by_priority[2]
    );
    assert!(planned <= bound, "plan {planned} above the bound {bound}");
    let pct = 100.0 * planned as f64 / bound.max(1) as f64;
    println!(
        "plan_over_bound_pct {pct:.1} goal>=95 {}",
        goal(pct >= 95.0)
    );
    let (g, p) = (
        schedule::stats(&inst, &greedy),
        schedule::stats(&inst, &plan),
    );
    println!("never_met_greedy {}", g.requested_never_met);
    println!("never_met_plan {}", p.requested_never_met);
    println!("idle_greedy {:.2}", g.mean_buyer_idle);
    println!("idle_plan {:.2}", p.mean_buyer_idle);
    command(size, &inst, bound, full);
}
