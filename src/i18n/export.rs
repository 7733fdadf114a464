//! Column names of the CSV exports (JSON keeps the stable field names).

/// The CSV headers in one language, in the order the exports write the cells.
#[derive(Debug)]
pub struct ExportTexts {
    /// The journal (trace de sourçage).
    pub journal_columns: [&'static str; 7],
    /// Meetings with their latest outcome.
    pub meeting_columns: [&'static str; 22],
    /// Shortlist entries.
    pub shortlist_columns: [&'static str; 12],
    /// The need of a meeting about one of its lots: (need title, lot number, lot title).
    pub need_lot: fn(&str, u32, &str) -> String,
}
