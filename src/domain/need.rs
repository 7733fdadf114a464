//! Needs (besoins) stated by a buyer before a tender, with their lots (allotissement).

use super::cpv::CpvCode;
use super::size::SizeCategory;
use serde::{Deserialize, Serialize};

/// Store-assigned identifier of a need (never 0 once stored).
pub type NeedId = u64;

/// Life of a need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NeedStatus {
    /// Being written.
    #[default]
    Draft,
    /// Open for sourcing.
    Open,
    /// Sourcing over.
    Closed,
}

/// How a constraint is applied when matching.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConstraintMode {
    /// Suppliers that meet it rank higher; the others stay.
    #[default]
    Prefer,
    /// Suppliers that do not meet it are left out.
    Require,
}

/// Constraints a need puts on suppliers (each optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    /// Département codes where the supplier should be ("93", "75").
    pub departments: Vec<String>,
    /// How `departments` applies.
    pub departments_mode: ConstraintMode,
    /// Preferred size categories.
    pub sizes: Vec<SizeCategory>,
    /// How `sizes` applies.
    pub sizes_mode: ConstraintMode,
    /// ESS firms preferred (or required).
    pub ess: Option<ConstraintMode>,
    /// SIAE preferred (or required), e.g. for a clause sociale (art. L2113-12/13 CCP).
    pub siae: Option<ConstraintMode>,
}

/// One lot of a need: its own title, CPV codes and shortlist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Lot {
    /// Lot number, 1-based, unique within the need.
    pub number: u32,
    /// Title of the lot.
    pub title: String,
    /// CPV codes of the lot.
    pub cpv: Vec<CpvCode>,
    /// What the lot covers, one line, may be empty (stores before it have none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A need (besoin).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Need {
    /// Store id; 0 before the first write.
    pub id: NeedId,
    /// Short title, e.g. "Rénovation énergétique des lycées".
    pub title: String,
    /// Free description (multi-line).
    pub description: String,
    /// Theme slug, when one applies.
    pub theme: Option<String>,
    /// CPV codes of the whole need.
    pub cpv: Vec<CpvCode>,
    /// Lots; empty for a need not divided into lots.
    pub lots: Vec<Lot>,
    /// Estimated amount in euros excluding VAT (€ HT).
    pub estimated_amount_eur: Option<f64>,
    /// Deadline of the consultation, when known.
    pub deadline: Option<jiff::civil::Date>,
    /// Constraints on suppliers.
    pub constraints: Constraints,
    /// Login of the buyer who owns the need.
    pub owner: String,
    /// Logins of the co-buyers (co-acheteurs) who share it and sit in its meetings.
    #[serde(default)]
    pub co_buyers: Vec<String>,
    /// Documents or information the buyer gives the suppliers met for this need (e.g.
    /// "Fiche besoin", "Plan du site"), one line each; each meeting's outcome records which
    /// were given. Empty in stores before it.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Status.
    pub status: NeedStatus,
}

/// Why a need is refused (rendered by `crate::i18n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", crate::i18n::store::Render::render(self, crate::i18n::Lang::Fr))]
pub enum NeedError {
    /// The title is empty.
    NoTitle,
    /// A lot is numbered 0 or two lots share a number.
    LotNumbers,
    /// The need has no lot with this number.
    NoSuchLot {
        /// The need's title.
        need: String,
        /// The lot number asked for.
        lot: u32,
    },
    /// The need is closed: read-only until reopened.
    Closed {
        /// The need's title.
        need: String,
    },
    /// An edit removes a lot that shortlist entries or meetings (not cancelled) still use.
    LotInUse {
        /// The need's title.
        need: String,
        /// The lot's number.
        lot: u32,
        /// The lot's title.
        title: String,
        /// Shortlist entries under the lot.
        entries: usize,
        /// Meetings about the lot, planned or held.
        meetings: usize,
    },
}

impl Need {
    /// Checks the rules a stored need obeys: a title, lots numbered uniquely from 1.
    /// Errors: [`NeedError::NoTitle`], [`NeedError::LotNumbers`].
    pub fn validate(&self) -> Result<(), NeedError> {
        if self.title.trim().is_empty() {
            return Err(NeedError::NoTitle);
        }
        let mut numbers: Vec<u32> = self.lots.iter().map(|l| l.number).collect();
        numbers.sort_unstable();
        if numbers.first() == Some(&0) || numbers.windows(2).any(|w| w[0] == w[1]) {
            return Err(NeedError::LotNumbers);
        }
        Ok(())
    }

    /// Checks that saving `self` over `before` (the stored version) removes no lot still in
    /// use: a lot of `before` missing from `self` must have no shortlist entry and no
    /// meeting that is not cancelled. Errors: [`NeedError::LotInUse`] for the first one.
    pub fn check_removed_lots(
        &self,
        before: &Need,
        shortlist: &[crate::domain::ShortlistEntry],
        meetings: &[crate::domain::Meeting],
    ) -> Result<(), NeedError> {
        for lot in before
            .lots
            .iter()
            .filter(|l| !self.lots.iter().any(|n| n.number == l.number))
        {
            let entries = shortlist
                .iter()
                .filter(|e| e.need == before.id && e.lot == lot.number)
                .count();
            let meetings = meetings
                .iter()
                .filter(|m| {
                    m.need == Some(before.id)
                        && m.lot == lot.number
                        && m.status != crate::domain::MeetingStatus::Cancelled
                })
                .count();
            if entries + meetings > 0 {
                return Err(NeedError::LotInUse {
                    need: self.title.clone(),
                    lot: lot.number,
                    title: lot.title.clone(),
                    entries,
                    meetings,
                });
            }
        }
        Ok(())
    }

    /// Checks that the need may change (it is not closed) and that `lot` (0: the whole
    /// need) is one of its lots. Errors: [`NeedError::Closed`], [`NeedError::NoSuchLot`].
    pub fn validate_lot(&self, lot: u32) -> Result<(), NeedError> {
        if self.status == NeedStatus::Closed {
            return Err(NeedError::Closed {
                need: self.title.clone(),
            });
        }
        if lot != 0 && !self.lots.iter().any(|l| l.number == lot) {
            return Err(NeedError::NoSuchLot {
                need: self.title.clone(),
                lot,
            });
        }
        Ok(())
    }
}

/// Splits typed lots on ";" outside parentheses, so that a lot's description
/// "(voirie ; espaces verts)" stays in one piece. Parts are trimmed; empty ones dropped.
pub fn split_lots(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, ch) in text.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// Takes a lot's description off the end of its typed text: "Titre : CPV… (description)"
/// gives ("Titre : CPV…", "description"). The last balanced parenthesised group is a
/// description only when a ":" comes before it, so "Voirie (secteur nord)" stays a title
/// and "Voirie (secteur nord) : (entretien)" is that title with a description.
/// Returns (rest, description); description is "" when there is none.
pub fn split_lot_description(part: &str) -> (&str, &str) {
    let trimmed = part.trim_end();
    if !trimmed.ends_with(')') {
        return (part, "");
    }
    let mut depth = 0usize;
    for (i, ch) in trimmed.char_indices().rev() {
        match ch {
            ')' => depth += 1,
            '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let rest = &trimmed[..i];
                    if !rest.contains(':') {
                        return (part, "");
                    }
                    let inner = &trimmed[i + 1..trimmed.len() - 1];
                    return (rest.trim_end(), inner.trim());
                }
            }
            _ => {}
        }
    }
    (part, "")
}

#[cfg(test)]
mod lot_text_tests {
    use super::*;

    #[test]
    fn lot_descriptions_come_off_the_end_only_after_a_colon() {
        assert_eq!(
            split_lot_description("Isolation : 45321000 (combles ; murs)"),
            ("Isolation : 45321000", "combles ; murs")
        );
        assert_eq!(
            split_lot_description("Voirie (secteur nord)"),
            ("Voirie (secteur nord)", "")
        );
        assert_eq!(
            split_lot_description("Voirie (nord) : (entretien (hiver))"),
            ("Voirie (nord) :", "entretien (hiver)")
        );
        assert_eq!(
            split_lot_description("Chauffage : 45331000"),
            ("Chauffage : 45331000", "")
        );
        assert_eq!(
            split_lots("1. A : 4532 (x ; y) ; B ;; "),
            vec!["1. A : 4532 (x ; y)", "B"]
        );
    }
}
