//! Column names of the CSV exports (JSON keeps the stable field names).

/// The CSV headers in one language, in the order the exports write the cells: column codes
/// for scripts (`*_columns`), words for people with `--excel` (`*_headings`, same order).
#[derive(Debug)]
pub struct ExportTexts {
    /// The journal (trace de sourçage).
    pub journal_columns: [&'static str; 7],
    /// The journal's headings under `--excel`.
    pub journal_headings: [&'static str; 7],
    /// Meetings with their latest outcome.
    pub meeting_columns: [&'static str; 23],
    /// The meetings' headings under `--excel`.
    pub meeting_headings: [&'static str; 23],
    /// Shortlist entries.
    pub shortlist_columns: [&'static str; 12],
    /// The shortlist's headings under `--excel`.
    pub shortlist_headings: [&'static str; 12],
    /// The need of a meeting about one of its lots: (need title, lot number, lot title).
    pub need_lot: fn(&str, u32, &str) -> String,
}
