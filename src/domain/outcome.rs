//! Outcomes of meetings (compte rendu, suite à donner): append-only versions.

use super::meeting::MeetingId;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What comes next after a meeting (suite à donner).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// Invite to the consultation.
    #[default]
    InviteToTender,
    /// Request a quote or information.
    RequestQuote,
    /// Demonstration or trial.
    Demonstration,
    /// Call back.
    CallBack,
    /// Refer to another buyer.
    ReferToBuyer,
    /// No fit with the need.
    NoFit,
    /// The meeting did not take place.
    DidNotTakePlace,
}

impl NextStep {
    /// All next steps, in the order the form lists them.
    pub const ALL: [NextStep; 7] = [
        Self::InviteToTender,
        Self::RequestQuote,
        Self::Demonstration,
        Self::CallBack,
        Self::ReferToBuyer,
        Self::NoFit,
        Self::DidNotTakePlace,
    ];
}

/// A second-stage follow-up, weeks after the forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpResult {
    /// No further contact.
    NoFurtherContact,
    /// The supplier was consulted.
    Consulted,
    /// The supplier was awarded a contract.
    ContractAwarded,
}

/// The second stage of an outcome, recorded weeks after the forum (as b2match's
/// six-month follow-up): what became of the contact, when, and for a contract its amount.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SecondStage {
    /// What became of it.
    pub result: FollowUpResult,
    /// When it was known (consultation launched, contract signed…).
    pub on: Date,
    /// Amount of the contract awarded, euros excluding VAT (€ HT); None otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_eur: Option<f64>,
}

/// One version of a meeting's outcome. Editing appends a new version with a higher
/// `version`; no text is ever overwritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The meeting.
    pub meeting: MeetingId,
    /// Version, 1-based, assigned by the store.
    pub version: u32,
    /// What comes next.
    pub next_step: NextStep,
    /// Fit rating, 1 (poor) to 5 (excellent), as the buyer chose it; None when the
    /// meeting did not take place (stores before it always held a number, read as Some).
    #[serde(default)]
    pub rating: Option<u8>,
    /// Notes, multi-line, sanitized.
    pub notes: String,
    /// Date to follow up, when set.
    pub follow_up: Option<Date>,
    /// Second-stage follow-up, when recorded (stores before it kept null here).
    pub follow_up_result: Option<SecondStage>,
    /// The need's documents or information given to the supplier in this meeting (titles
    /// of [`crate::domain::Need::documents`]), so the report can show every supplier met for
    /// a need got the same (égalité de traitement). Empty in stores before it.
    #[serde(default)]
    pub documents_given: Vec<String>,
    /// Login of the buyer who logged it.
    pub logged_by: String,
    /// When it was logged (UTC instant; shown in Europe/Paris).
    pub logged_at: Timestamp,
}

/// Why an outcome is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum OutcomeError {
    /// Rating outside 1..=5.
    Rating(u8),
    /// No rating chosen for a meeting that took place.
    RatingRequired,
}

impl Outcome {
    /// Checks the rules a stored outcome obeys: a rating of 1 to 5, chosen unless the
    /// meeting did not take place ([`NextStep::DidNotTakePlace`], where it may be None).
    pub fn validate(&self) -> Result<(), OutcomeError> {
        match self.rating {
            Some(r) if !(1..=5).contains(&r) => Err(OutcomeError::Rating(r)),
            None if self.next_step != NextStep::DidNotTakePlace => {
                Err(OutcomeError::RatingRequired)
            }
            _ => Ok(()),
        }
    }
}
