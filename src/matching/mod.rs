//! Need (or lot) → ranked, explained shortlist of suppliers (DESIGN §6).
//!
//! Score = weighted sum of explained parts: CPV proximity (exact > category > class >
//! group > division), theme, text (need words found in the supplier's capabilities,
//! references and description; accent-folded, French stop words removed), and
//! constraints (département, size, ESS/SIAE) as filters or boosts as the need states.

use crate::domain::{CpvCatalog, Need, Supplier, SupplierId, ThemeCatalog};

/// One explained part of a match score.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Best CPV proximity: the need's code, the supplier's code, common significant digits.
    Cpv {
        /// The need's (or lot's) code, 8 digits.
        need_code: String,
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
    /// In one of the need's départements.
    Department(String),
    /// Of a preferred size.
    Size(crate::domain::SizeCategory),
    /// ESS firm, preferred by the need.
    Ess,
    /// SIAE, preferred by the need.
    Siae,
}

/// One explained, scored supplier.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The supplier.
    pub supplier: SupplierId,
    /// Total score (sum of parts' points), higher first.
    pub score: f64,
    /// Parts with their points, largest first.
    pub reasons: Vec<(Reason, f64)>,
}

/// Ranks `suppliers` against `need` (or its lot number `lot` when > 0: the lot's CPV codes
/// and title are used with the need's description, theme and constraints). Suppliers that
/// fail a required constraint or score 0 are left out. At most `limit` matches, sorted by
/// score, then name, then id.
pub fn rank(
    need: &Need,
    lot: u32,
    suppliers: &[Supplier],
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
    limit: usize,
) -> Vec<Match> {
    let _ = (need, lot, suppliers, themes, cpv, limit);
    todo!("matching helper")
}

/// One-line explanation of a match in French (`en` false) or English, top parts first,
/// e.g. "CPV 45261 catégorie; thème Bâtiment & Énergie; « isolation » ×3; PME; 93".
pub fn explain(m: &Match, themes: &ThemeCatalog, en: bool) -> String {
    let _ = (m, themes, en);
    todo!("matching helper")
}
