//! Import and export of suppliers and forum data (CSV, JSON lines), and the embedded fixtures.
//!
//! - [`import`]: `sourcing import FILE` — hostile CSV (`,` `;` tab; UTF-8, BOM or
//!   Windows-1252) and JSON lines into the store, in one all-or-nothing write, with a report.
//! - [`export`]: `sourcing export …` — suppliers (CSV in the bundled format, JSON, JSON lines),
//!   shortlists, meetings with their outcomes, the journal.
//! - [`registrations`]: `sourcing import registrations FILE` — the forum's registration
//!   list matched to directory suppliers and written to its days.
//! - [`format`]: the bundled supplier CSV format both sides share.

pub mod embedded;
pub mod export;
pub mod format;
pub mod import;
pub mod registrations;
