//! Texts of the import report: the reason of each rejected or flagged line, and the
//! report's head, counts and section titles (laid out by [`crate::io::import::report`]).

use crate::io::import::report::IssueKind;

/// The import report's words in one language.
#[derive(Debug)]
pub struct ImportTexts {
    /// The reason of an issue, on one line, with the cells it quotes as they are in the file
    /// (the caller sanitizes the whole text).
    pub issue: fn(&IssueKind) -> String,
    /// Head of a dry run (the file name).
    pub head_dry_run: fn(&str) -> String,
    /// Head of an import that wrote (the file name).
    pub head_written: fn(&str) -> String,
    /// Head of an import with nothing to write (the file name).
    pub head_up_to_date: fn(&str) -> String,
    /// The counts line: created, updated, unchanged, empty rows skipped, rejected lines,
    /// warnings (ends with a newline).
    pub counts: fn(&ImportCounts) -> String,
    /// Before a line number: "ligne", "line".
    pub line_word: &'static str,
    /// Between the field and the reason: " : " or ": ".
    pub sep: &'static str,
    /// Title of the rejected lines (ends with a newline).
    pub rejected_title: &'static str,
    /// Title of the warnings (ends with a newline).
    pub warnings_title: &'static str,
    /// How many more issues of the kinds already listed were left out (ends with a newline).
    pub more: fn(usize) -> String,
}

/// The figures of the counts line of the import report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Suppliers created.
    pub created: usize,
    /// Suppliers updated.
    pub updated: usize,
    /// Suppliers unchanged.
    pub unchanged: usize,
    /// Empty rows skipped.
    pub skipped: usize,
    /// Distinct rejected lines.
    pub rejected_lines: usize,
    /// Warnings.
    pub warnings: usize,
}

/// A quoted cell: « … ».
pub(crate) fn quoted(s: &str) -> String {
    format!("« {s} »")
}
