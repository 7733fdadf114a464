//! The explained parts of a match score, as data: what the ranking computed, what a
//! shortlist entry keeps (each part with its points), rendered in words by
//! [`crate::i18n::explain`].

use super::SizeCategory;
use serde::{Deserialize, Serialize};

/// How a need's code and a supplier's code sit in the CPV tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CpvRelation {
    /// The same code.
    Same,
    /// The supplier's code lies inside the need's (the need asks 4532…, the supplier does
    /// 45321000): a full answer to what the need asks.
    SupplierWithin,
    /// The need's code lies inside the supplier's broader one (the supplier declared 4532…,
    /// the need asks 45321000).
    SupplierBroader,
    /// Neither contains the other; they share a branch (category, class, group, division).
    Siblings,
}

/// One explained part of a match score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Best CPV proximity: the need's code, the supplier's code, common significant digits.
    Cpv {
        /// The need's (or lot's) code, 8 digits.
        need_code: String,
        /// The supplier's code, 8 digits.
        supplier_code: String,
        /// Level where they meet, in significant digits (2 division … 8): see
        /// `matching::cpv::relation`.
        common_digits: usize,
        /// How the two codes relate in the tree.
        relation: CpvRelation,
    },
    /// For a need stated without CPV codes: a code deduced from the need's words (the
    /// official label that best matches them) meets one of the supplier's codes.
    CpvFromWords {
        /// The deduced code, 8 digits.
        code: String,
        /// The supplier's code, 8 digits.
        supplier_code: String,
        /// Common prefix length in digits (2 division … 8 exact).
        common_digits: usize,
    },
    /// The supplier has the need's theme (slug).
    Theme(String),
    /// A need word found in the supplier's text, with its number of occurrences.
    Word {
        /// The folded word.
        word: String,
        /// Occurrences.
        count: usize,
    },
    /// Based in one of the need's départements (its main one).
    Department(String),
    /// Has worked in one of the need's départements (not its main one).
    DepartmentWorked(String),
    /// Its number of past public contracts (the win-count prior).
    Contracts(u32),
    /// Of a preferred size.
    Size(SizeCategory),
    /// ESS firm, preferred by the need.
    Ess,
    /// SIAE, preferred by the need.
    Siae,
}

/// One part of a score with its points, as a shortlist entry keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredReason {
    /// The part.
    pub reason: Reason,
    /// Its points (positive, same unit as the score).
    pub points: f64,
}
