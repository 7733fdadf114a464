//! The popup forms: need, meeting plan, outcome. Each holds its fields and knows how to turn
//! them into a domain value, refusing impossible input with a message saying what to do.
//!
//! One file per form: `need` (the need form), `plan` (the meeting planning popup),
//! `outcome` (the outcome form), `day` (the forum day form); `fields` holds the helpers they share (focus cycling,
//! constraint modes, typed lists and dates).

mod day;
mod fields;
mod need;
mod outcome;
mod plan;

pub use day::{DayField, DayForm};
pub use fields::{next_mode, parse_date};
pub use need::{NeedField, NeedForm};
pub use outcome::{OutcomeField, OutcomeForm};
pub use plan::PlanForm;
