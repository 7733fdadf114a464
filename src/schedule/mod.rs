//! The organiser's meeting scheduler (issue 12), pure: no store, no I/O, no time zones.
//!
//! An [`Instance`] gives slots (in time order, each with its day), tables, buyers' and
//! suppliers' day quotas, suppliers' availability per slot, the requested meetings (owner
//! buyer, co-buyers, supplier, priority 1–3) and the fixed meetings that stay put. A
//! [`Schedule`] places requests in (slot, table) and says why the others stay unmet.
//!
//! - [`greedy`]: the baseline (priority order, fairness rounds, short waits);
//! - [`plan`]: greedy then local search (ejection chains, shorter waits) — what to use;
//! - [`upper_bound`]: no schedule satisfies more requests (max flow and a Lagrangian bound);
//! - [`check`]: every rule, independently of the schedulers; [`stats`]: figures.
//!
//! Submodules: `instance` (the data), `board` (occupancy the schedulers share), `greedy`,
//! `improve`, `bound`, `check` (and `tests`, named cases), and `forum`, the one that knows
//! the store's types: it turns a forum day, its needs' "à rencontrer" shortlist entries and
//! its meetings into an [`Instance`] and the placements back into meetings. Benchmark:
//! `cargo bench --bench schedule`.

mod board;
mod bound;
mod check;
pub mod forum;
mod greedy;
mod improve;
mod instance;
#[cfg(test)]
mod tests;

pub use bound::upper_bound;
pub use check::{check, stats, Stats, Violation};
pub use greedy::greedy;
pub use improve::plan;
pub use instance::{Fixed, Instance, InstanceError, Placement, Request, Schedule, Unmet};
