//! The detail of a match score in plain words, one line per part with its points, the
//! need's criteria met or missed, and what the score scale means: what a buyer reads after
//! pressing `i` on a proposed or shortlisted supplier.

use super::{texts, Lang};
use crate::domain::{CpvRelation, Reason, ThemeCatalog};

/// Where a need's word was found in a supplier's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordField {
    /// The supplier's name.
    Name,
    /// Its keywords, themes and activity labels.
    Keywords,
    /// The objects of its past contracts.
    References,
    /// Its description.
    Description,
}

/// A need's criterion checked against the supplier, for the lines after the score's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Criterion {
    /// The need's départements (preference or requirement) and where the supplier works
    /// (main one first); `met` when they share one.
    Departments {
        /// The need's départements.
        need: Vec<String>,
        /// The supplier's départements, main first (empty: unknown).
        supplier: Vec<String>,
        /// They share one.
        met: bool,
    },
    /// The sizes the need asks for and the supplier's ("" when unknown).
    Size {
        /// The sizes asked, as labels ("TPE, PME").
        asked: String,
        /// The supplier's size label, empty when unknown.
        supplier: String,
        /// The supplier's size is one of them.
        met: bool,
    },
    /// The need asks for an ESS firm.
    Ess {
        /// The supplier is one.
        met: bool,
    },
    /// The need asks for a SIAE.
    Siae {
        /// The supplier is one.
        met: bool,
    },
}

/// What the words of one score part need beyond the part itself: labels of codes (in the
/// reader's language), the need's words as typed, where each word was found.
pub struct DetailContext<'a> {
    /// Theme labels.
    pub themes: &'a ThemeCatalog,
    /// Official label of a CPV code or prefix (digits as stored, 2–8 of them), if known.
    pub cpv_label: &'a dyn Fn(&str) -> Option<String>,
    /// The need's word as typed (accents kept) for a folded word.
    pub original: &'a dyn Fn(&str) -> String,
    /// Where a folded word occurs in the supplier's record.
    pub found_in: &'a dyn Fn(&str) -> Vec<WordField>,
}

/// The score detail's words in one language.
#[derive(Debug)]
pub struct DetailTexts {
    /// Popup title: "Pourquoi SCIC L'EOLE ?" (supplier name cleaned by the caller).
    pub title: fn(&str) -> String,
    /// First line: total score, already rounded.
    pub total: fn(&str) -> String,
    /// Heading before the parts.
    pub parts_head: &'static str,
    /// Shown when the entry has no part (manual addition, older entry).
    pub no_parts: &'static str,
    /// Heading before the criteria.
    pub criteria_head: &'static str,
    /// What the score means (one paragraph, wrapped by the screen).
    pub scale: &'static str,
    /// One part in plain words.
    pub part: fn(&Reason, &DetailContext) -> String,
    /// One criterion in plain words.
    pub criterion: fn(&Criterion) -> String,
}

/// The lines of a score detail: total, each part with its points (largest first, as
/// given), the criteria, then the scale; `score` in points. Every piece of data is given
/// by the caller, already cleaned for the terminal where it comes from a file.
pub fn lines(
    score: f64,
    parts: &[(Reason, f64)],
    criteria: &[Criterion],
    ctx: &DetailContext,
    lang: Lang,
) -> Vec<String> {
    let t = texts(lang);
    let d = &t.score_detail;
    let e = &t.explain;
    let mut out = vec![(d.total)(&(e.points)(score)), String::new()];
    out.push(d.parts_head.to_string());
    if parts.is_empty() {
        out.push(format!("  {}", d.no_parts));
    }
    for (reason, points) in parts {
        out.push(format!(
            "  {}",
            (e.with_points)(&(d.part)(reason, ctx), &(e.points)(*points))
        ));
    }
    if !criteria.is_empty() {
        out.push(String::new());
        out.push(d.criteria_head.to_string());
        for c in criteria {
            out.push(format!("  {}", (d.criterion)(c)));
        }
    }
    out.push(String::new());
    out.push(d.scale.to_string());
    out
}

/// The code digits to look a label up for and to show, for two codes that meet at
/// `digits` significant digits: the whole code when exact, else the common prefix.
pub(crate) fn meeting_code(code: &str, digits: usize, relation: CpvRelation) -> &str {
    match relation {
        CpvRelation::Siblings => super::explain::shown_code(code, digits),
        _ => code,
    }
}

/// "Énergie (45321000)"-like suffix: " (label)" when a label is known, else "".
pub(crate) fn with_label(label: Option<String>) -> String {
    label.map(|l| format!(" ({l})")).unwrap_or_default()
}
