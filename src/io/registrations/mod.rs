//! `sourcing import registrations FILE`: the forum's registration list (who comes, which
//! days, when they can meet) matched to directory suppliers and written to the forum days.
//!
//! The file is a CSV as registration forms and spreadsheets export it (`,` `;` or tab;
//! UTF-8, BOM or Windows-1252; title lines above the header tolerated), read with the
//! supplier import's reader ([`crate::io::import::source`]). Columns are found by their
//! header ([`columns`]): SIRET or name (with postcode), days, availability, themes. Each
//! line is matched by SIRET, else SIREN, else exact folded name + postcode
//! ([`matching`]); the rest is reported as unmatched with its line, never guessed.
//!
//! Days: dates (`17/03/2027`, `2027-03-17`, or `17/03` when one forum day has that day and
//! month), several joined by `,` `;` `+` or " et "; empty or "tous" means every forum day.
//! A registration is merged into each named day's list (a supplier already registered is
//! updated; the others stay) unless `--replace`, which makes the file the whole list of the
//! days it names. Nothing is written under `--dry-run`, nor when a store write fails.

pub mod columns;
pub mod matching;
mod read;
pub mod report;

pub use report::{DayCount, RegistrationIssue, RegistrationReport, Unmatched};

use crate::domain::forum::Registration;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;
use std::ops::ControlFlow;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct RegistrationOptions {
    /// Read and report, write nothing.
    pub dry_run: bool,
    /// The file is the whole list of each day it names (registrations absent from it are
    /// dropped from those days); otherwise it is merged in.
    pub replace: bool,
    /// CSV delimiter, when not sniffed.
    pub delimiter: Option<u8>,
    /// Language of the report.
    pub lang: Lang,
}

/// Why the import did not run. Nothing was written in any case. Rendered in words by
/// [`crate::i18n::registrations`]; `Display` is the French rendering.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::i18n::Render::render(self, crate::i18n::Lang::Fr))]
pub enum RegistrationError {
    /// The file cannot be opened or read.
    Read {
        /// The path given.
        path: String,
        /// The system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A workbook rather than a CSV.
    Spreadsheet(String),
    /// No header row naming a SIRET or a name column.
    NoHeader {
        /// The file.
        file: String,
    },
    /// The store has no forum day to register for.
    NoForumDay,
    /// Reading the directory or writing the registrations failed.
    Store(#[from] StoreError),
}

/// Imports the registration list read from `reader` (named `file` in messages) into the
/// store's forum days; see the module documentation. Returns the report (also under
/// `dry_run`).
pub fn import_registrations<R: std::io::Read>(
    store: &dyn Store,
    reader: R,
    file: &str,
    opts: &RegistrationOptions,
    actor: &str,
) -> Result<RegistrationReport, RegistrationError> {
    let days = store.forum_days()?;
    if days.is_empty() {
        return Err(RegistrationError::NoForumDay);
    }
    let mut index = matching::DirectoryIndex::default();
    store.for_each_supplier(&mut |s| {
        index.add(&s);
        ControlFlow::Continue(())
    })?;
    let dates: Vec<jiff::civil::Date> = days.iter().map(|d| d.date).collect();
    let read = read::read(reader, file, opts, &index, &dates)?;
    let mut report = read.report;
    // Each day's new list.
    let mut per_day: BTreeMap<jiff::civil::Date, Vec<Registration>> = BTreeMap::new();
    for (date, reg) in read.registrations {
        per_day.entry(date).or_default().push(reg);
    }
    for day in &days {
        let Some(incoming) = per_day.remove(&day.date) else {
            report.days.push(DayCount::untouched(day));
            continue;
        };
        let mut count = DayCount::new(day.date);
        let mut list: Vec<Registration> = if opts.replace {
            count.dropped = day
                .registrations
                .iter()
                .filter(|r| !incoming.iter().any(|n| n.supplier == r.supplier))
                .count();
            Vec::new()
        } else {
            day.registrations
                .iter()
                .filter(|r| !incoming.iter().any(|n| n.supplier == r.supplier))
                .cloned()
                .collect()
        };
        for reg in incoming {
            match day.registration(reg.supplier) {
                None => count.created += 1,
                Some(old) if *old == reg => count.unchanged += 1,
                Some(_) => count.updated += 1,
            }
            list.push(reg);
        }
        list.sort_by_key(|r| r.supplier);
        count.registered = list.len();
        let changed = count.created + count.updated + count.dropped > 0;
        if changed && !opts.dry_run {
            store.save_registrations(day.date, list, actor)?;
        }
        report.days.push(count);
    }
    report.dry_run = opts.dry_run;
    Ok(report)
}

#[cfg(test)]
mod tests;
