//! Texts of the forum's figures (`sourcing report`), laid out by [`crate::report::text`].

/// The report's words and number formats in one language.
#[derive(Debug)]
pub struct ReportTexts {
    /// First line.
    pub title: &'static str,
    /// Before a count: " :" in French, ":" in English.
    pub colon: &'static str,
    /// Heading of the meetings by status.
    pub meetings: &'static str,
    /// Heading of the outcomes by next step.
    pub next_steps: &'static str,
    /// Row of the average fit rating.
    pub average_rating: &'static str,
    /// Heading of the suppliers met.
    pub suppliers_met: &'static str,
    /// The TPE/PME headline: (TPE/PME, suppliers met of known size, percentage shown,
    /// suppliers met of unknown size).
    pub tpe_pme_known: fn(usize, usize, &str, usize) -> String,
    /// Row of the needs.
    pub needs: &'static str,
    /// Row of the journal events.
    pub journal_events: &'static str,
    /// Second stages: (recorded, no further contact, consulted, awarded, amount in words).
    pub second_stage: fn(usize, usize, usize, usize, &str) -> String,
    /// Equal time heading: (meetings timed, of them flagged).
    pub equal_time: fn(usize, usize) -> String,
    /// One flagged meeting: (date dd/mm, time, supplier, real minutes, slot minutes).
    pub equal_time_line: fn(&str, &str, &str, i64, u32) -> String,
    /// Documents heading: (needs listing documents, suppliers flagged).
    pub documents: fn(usize, usize) -> String,
    /// One supplier who got less for a need: (need title, supplier, documents missing
    /// joined, how many other suppliers met for that need).
    pub documents_line: fn(&str, &str, &str, usize) -> String,
    /// A decimal number with this many decimals: "4,5" in French, "4.5" in English.
    pub number: fn(f64, usize) -> String,
    /// A share: (count, of, percentage already rendered or "—").
    pub share: fn(usize, usize, &str) -> String,
    /// A percentage already rendered as a number: "75,0 %" or "75.0%".
    pub percent: fn(&str) -> String,
}
