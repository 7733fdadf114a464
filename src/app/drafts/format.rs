//! The on-disk format of a draft: a small JSON file holding the format version, when it
//! was last changed, and the typed content of one form.

use crate::domain::{ConstraintMode, NextStep};
use serde::{Deserialize, Serialize};

/// Format version of [`DraftFile`].
pub(super) const FORMAT: u32 = 1;

/// The typed content of a need form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedDraft {
    /// Title as typed.
    pub title: String,
    /// Description as typed.
    pub description: String,
    /// Theme slug, if one is chosen.
    pub theme: Option<String>,
    /// CPV codes as typed.
    pub cpv: String,
    /// Lots as typed ("1. Isolation : 45321000 ; Chauffage"); absent in older drafts.
    #[serde(default)]
    pub lots: String,
    /// Documents given as typed ("Fiche besoin ; Plan du site"); absent in older drafts.
    #[serde(default)]
    pub documents: String,
    /// Départements as typed.
    pub departments: String,
    /// Preferred sizes, in `SizeCategory::ALL` order.
    pub sizes: [bool; 4],
    /// ESS preference.
    pub ess: Option<ConstraintMode>,
    /// SIAE preference.
    pub siae: Option<ConstraintMode>,
}

/// The typed content of a forum day form, field by field as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayDraft {
    /// Date, DD/MM/YYYY.
    pub date: String,
    /// Title.
    pub title: String,
    /// Place.
    pub place: String,
    /// Opening time.
    pub opens: String,
    /// Closing time.
    pub closes: String,
    /// Slot length in minutes.
    pub slot_minutes: String,
    /// Breaks, ";" between them.
    pub breaks: String,
    /// Tables, ";" between them.
    pub tables: String,
    /// Most meetings per supplier.
    pub max_per_supplier: String,
    /// Most meetings per buyer.
    pub max_per_buyer: String,
}

/// The typed content of an outcome form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeDraft {
    /// Next step chosen.
    pub next_step: NextStep,
    /// Rating 1–5, None while not chosen (older drafts held a number).
    #[serde(default)]
    pub rating: Option<u8>,
    /// Notes, lines joined by `\n`.
    pub notes: String,
    /// Follow-up date as typed.
    pub follow_up: String,
    /// Documents ticked as given; absent in older drafts.
    #[serde(default)]
    pub documents_given: Vec<String>,
}

impl Default for OutcomeDraft {
    fn default() -> Self {
        OutcomeDraft {
            next_step: NextStep::ALL[0],
            rating: None,
            notes: String::new(),
            follow_up: String::new(),
            documents_given: Vec::new(),
        }
    }
}

/// The content of one form's draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FormDraft {
    /// A need form.
    Need(NeedDraft),
    /// An outcome form.
    Outcome(OutcomeDraft),
    /// A forum day form.
    Day(DayDraft),
}

/// A draft as stored in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftFile {
    /// Format version (1).
    pub format: u32,
    /// When the content was last changed.
    pub changed_at: jiff::Timestamp,
    /// The content.
    pub form: FormDraft,
}
