//! Words of the registration import (`sourcing import registrations FILE`).

/// The registration import's report and errors in one language.
#[derive(Debug)]
pub struct RegistrationTexts {
    /// First line: (data lines, matched, unmatched, rejected).
    pub summary: fn(usize, usize, usize, usize) -> String,
    /// A day the file names: (date, registered now, new, updated, unchanged, dropped by
    /// --replace).
    pub day_line: fn(&str, usize, usize, usize, usize, usize) -> String,
    /// A day the file does not name: (date, registered), kept as it was.
    pub day_kept: fn(&str, usize) -> String,
    /// Heading of the unmatched lines.
    pub unmatched_head: &'static str,
    /// An unmatched line: (line, who as written, why).
    pub unmatched_line: fn(u64, &str, &str) -> String,
    /// Heading of the rejected lines.
    pub rejected_head: &'static str,
    /// Heading of the warnings.
    pub warnings_head: &'static str,
    /// A rejected line or warning: (line, field, why).
    pub issue_line: fn(u64, &str, &str) -> String,
    /// Said under --dry-run.
    pub dry_run: &'static str,
    /// A SIRET that cannot be used (the supplier import's reason); the name is tried.
    pub siret_unusable: fn(&str) -> String,
    /// Several suppliers fit (their count).
    pub ambiguous: fn(usize) -> String,
    /// A name without postcode.
    pub no_postcode: &'static str,
    /// A SIRET or SIREN the directory does not hold, and no name + postcode that matched.
    pub unknown_siret: &'static str,
    /// A name + postcode the directory does not hold.
    pub unknown: &'static str,
    /// Matched by name and postcode although a SIRET was given (the supplier's name).
    pub matched_by_name: fn(&str) -> String,
    /// A supplier on two lines: (its name, the earlier line); the later one counts.
    pub twice: fn(&str, u64) -> String,
    /// A day that is not a forum day (as written).
    pub unknown_day: fn(&str) -> String,
    /// A line naming no day at all (cannot happen with an empty cell: all days).
    pub no_day: &'static str,
    /// An availability not understood (the part).
    pub bad_availability: fn(&str) -> String,
    /// Error: the store has no forum day.
    pub err_no_forum_day: &'static str,
    /// Error: no header naming a SIRET or name column (file).
    pub err_no_header: fn(&str) -> String,
    /// Error: a workbook, not a CSV (file).
    pub err_spreadsheet: fn(&str) -> String,
    /// Error: the file cannot be read (file, system reason).
    pub err_read: fn(&str, &str) -> String,
}

impl crate::i18n::Render for crate::io::registrations::RegistrationError {
    fn render(&self, lang: crate::i18n::Lang) -> String {
        use crate::io::registrations::RegistrationError as E;
        let t = &crate::i18n::texts(lang).registrations;
        match self {
            E::Read { path, source } => (t.err_read)(path, &source.to_string()),
            E::Spreadsheet(f) => (t.err_spreadsheet)(f),
            E::NoHeader { file } => (t.err_no_header)(file),
            E::NoForumDay => t.err_no_forum_day.to_string(),
            E::Store(e) => e.render(lang),
        }
    }
}
