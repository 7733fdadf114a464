//! What a registration import did: lines read, suppliers registered per day, unmatched
//! lines, rejected lines and warnings, each with its physical line in the file.

use crate::domain::text::sanitize;
use crate::domain::ForumDay;
use crate::i18n::{texts, Lang};
use jiff::civil::Date;
use serde::Serialize;

/// A registration line no directory supplier was matched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    /// Physical line in the file (1-based).
    pub line: u64,
    /// The name as written (sanitized).
    pub name: String,
    /// The postcode as written.
    pub postcode: String,
    /// The SIRET or SIREN as written.
    pub siret: String,
    /// Why, in the report's language.
    pub reason: String,
}

/// A rejected line or a warning about a field. Serialized `{"line","field","reason"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistrationIssue {
    /// Physical line in the file (1-based).
    pub line: u64,
    /// The field ("siret", "jours", "disponibilite"…), "fichier" for the whole line.
    pub field: String,
    /// Why, in the report's language (sanitized).
    pub reason: String,
}

/// One forum day's registrations after the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// The day.
    pub date: Date,
    /// Suppliers registered for it now (or would be, under `--dry-run`).
    pub registered: usize,
    /// Newly registered by this file.
    pub created: usize,
    /// Already registered, with other days' hours or themes now.
    pub updated: usize,
    /// Already registered, the same.
    pub unchanged: usize,
    /// Dropped by `--replace` (registered before, absent from the file).
    pub dropped: usize,
    /// Whether the file named this day.
    pub in_file: bool,
}

impl DayCount {
    /// A day the file names, before counting.
    pub fn new(date: Date) -> Self {
        DayCount {
            date,
            registered: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            dropped: 0,
            in_file: true,
        }
    }
    /// A day the file does not name: its registrations stay.
    pub fn untouched(day: &ForumDay) -> Self {
        DayCount {
            registered: day.registrations.len(),
            in_file: false,
            ..DayCount::new(day.date)
        }
    }
}

/// The report. Serialized (`--json`) as `{"lines","matched","days":[…],"unmatched":[…],
/// "rejected":[…],"warnings":[…],"dry_run"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegistrationReport {
    /// Data lines read (header, title and blank lines excluded).
    pub lines: usize,
    /// Lines matched to a directory supplier and registered.
    pub matched: usize,
    /// Every forum day, the file's and the others.
    pub days: Vec<DayCount>,
    /// Lines with no supplier matched.
    pub unmatched: Vec<Unmatched>,
    /// Lines matched but not registered (no readable day, unreadable availability).
    pub rejected: Vec<RegistrationIssue>,
    /// Fields read with a repair or a doubt (damaged SIRET, unknown day among others…).
    pub warnings: Vec<RegistrationIssue>,
    /// Nothing was written.
    pub dry_run: bool,
}

impl RegistrationReport {
    /// The report as text, in `lang`; every value from the file is sanitized.
    pub fn render(&self, lang: Lang) -> String {
        let t = &texts(lang).registrations;
        let date = |d: Date| d.strftime("%d/%m/%Y").to_string();
        let mut out = (t.summary)(
            self.lines,
            self.matched,
            self.unmatched.len(),
            self.rejected.len(),
        );
        out.push('\n');
        for d in self.days.iter().filter(|d| d.in_file) {
            out.push_str(&(t.day_line)(
                &date(d.date),
                d.registered,
                d.created,
                d.updated,
                d.unchanged,
                d.dropped,
            ));
            out.push('\n');
        }
        for d in self.days.iter().filter(|d| !d.in_file && d.registered > 0) {
            out.push_str(&(t.day_kept)(&date(d.date), d.registered));
            out.push('\n');
        }
        if !self.unmatched.is_empty() {
            out.push_str(t.unmatched_head);
            out.push('\n');
            for u in &self.unmatched {
                let who = match (u.name.is_empty(), u.postcode.is_empty()) {
                    (false, false) => format!("{} ({})", u.name, u.postcode),
                    (false, true) => u.name.clone(),
                    _ => u.siret.clone(),
                };
                out.push_str(&(t.unmatched_line)(u.line, &who, &u.reason));
                out.push('\n');
            }
        }
        for (head, issues) in [
            (t.rejected_head, &self.rejected),
            (t.warnings_head, &self.warnings),
        ] {
            if issues.is_empty() {
                continue;
            }
            out.push_str(head);
            out.push('\n');
            for i in issues {
                out.push_str(&(t.issue_line)(i.line, &i.field, &i.reason));
                out.push('\n');
            }
        }
        if self.dry_run {
            out.push_str(t.dry_run);
            out.push('\n');
        }
        sanitize(&out, true)
    }
}
