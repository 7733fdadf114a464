//! Shortlist entries: a supplier considered for a need (or one of its lots).

use super::need::NeedId;
use super::reason::ScoredReason;
use super::supplier::SupplierId;
use serde::{Deserialize, Serialize};

/// Triage of a shortlisted supplier: candidate → to meet → met → retained / set aside.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TriageStatus {
    /// Proposed by matching or added by hand.
    #[default]
    Candidate,
    /// The buyer wants to meet them.
    ToMeet,
    /// A meeting was held.
    Met,
    /// Kept for the consultation.
    Retained,
    /// Set aside (écarté).
    SetAside,
}

impl TriageStatus {
    /// All statuses in triage order.
    pub const ALL: [TriageStatus; 5] = [
        Self::Candidate,
        Self::ToMeet,
        Self::Met,
        Self::Retained,
        Self::SetAside,
    ];
    /// The next status in the cycle, for a one-key triage.
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// One shortlist entry, keyed by (need, lot, supplier).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShortlistEntry {
    /// The need.
    pub need: NeedId,
    /// Lot number within the need; 0 for the need as a whole.
    pub lot: u32,
    /// The supplier.
    pub supplier: SupplierId,
    /// Match score when the entry was made (0 for a manual addition).
    pub score: f64,
    /// The explanation of the score as written when the entry was made, one line in the
    /// language of that time ("CPV 45261 catégorie; thème …"). Kept for entries made before
    /// [`ShortlistEntry::reasons`] existed: readers show it only when `reasons` is empty.
    #[serde(default)]
    pub explanation: String,
    /// Each part of the score with its points, largest first, rendered in the reader's
    /// language by [`crate::i18n::explain`]; empty for a manual addition and for entries
    /// made before this field existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<ScoredReason>,
    /// Triage status.
    pub status: TriageStatus,
    /// Buyer's note.
    pub note: String,
    /// Manual rank set by the buyer (lower first); None keeps the score order.
    pub manual_rank: Option<u32>,
    /// The one-line reason for the latest decision (retenu, écarté), kept in the journal
    /// with the change; empty when none was given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// How much the buyer wants to meet this supplier when the entry is "à rencontrer":
    /// 1 (most) to 3, read by the organiser's schedule; None for other statuses and for
    /// entries made before requests existed ([`ShortlistEntry::request_priority`] reads it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
}

/// Priority of a meeting request when none was given: 2, the middle of 1–3.
pub const DEFAULT_PRIORITY: u8 = 2;

impl ShortlistEntry {
    /// The meeting request this entry makes: its priority 1–3 when its status is
    /// [`TriageStatus::ToMeet`] ([`DEFAULT_PRIORITY`] when none was set), else None.
    pub fn request_priority(&self) -> Option<u8> {
        (self.status == TriageStatus::ToMeet)
            .then(|| self.priority.unwrap_or(DEFAULT_PRIORITY).clamp(1, 3))
    }
}
