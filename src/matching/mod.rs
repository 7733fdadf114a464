//! Need (or lot) → ranked, explained shortlist of suppliers (DESIGN §6).
//!
//! Score = weighted sum of explained parts: CPV proximity (exact > category > class >
//! group > division), theme, text (need words found in the supplier's capabilities,
//! references and description; accent-folded, French stop words removed), and
//! constraints (département, size, ESS/SIAE) as filters or boosts as the need states.
//!
//! - [`Matcher`]: the directory prepared once (build at start-up, keep current with
//!   `upsert`/`remove`), then `rank` per need in a few milliseconds;
//! - [`rank`]: one-off convenience that prepares the directory each call;
//! - [`explain`]: the one-line French or English explanation of a [`Match`].
//!
//! Submodules: `words` (folding, French stop words, light stemming), `text` (BM25 with idf
//! over the directory, prefix matching of stems), `cpv` (proximity of codes), `infer` (CPV
//! codes deduced from the words of a need stated without codes), `constraints`; the words of the
//! explanations are in [`crate::i18n::explain`].
//! Quality is measured by leave-one-out on the real directory: `examples/matching_eval.rs`.

mod candidates;
mod constraints;
pub mod cpv;
mod infer;
mod matcher;
mod text;
mod words;

pub use crate::domain::reason::{CpvRelation, Reason};
pub use matcher::Matcher;

use crate::domain::{CpvCatalog, Need, Supplier, SupplierId, ThemeCatalog};
use crate::i18n::{self, Lang};

/// One explained, scored supplier.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Match {
    /// The supplier.
    pub supplier: SupplierId,
    /// Total score (sum of parts' points), higher first.
    pub score: f64,
    /// Parts with their points, largest first.
    pub reasons: Vec<(Reason, f64)>,
}

/// Weights of the score's parts. Points are comparable across parts: a rare need word found
/// once in a supplier's text is worth about 5–10 points (BM25 × idf), an exact CPV code 30.
/// Defaults were set by measurement (`examples/matching_eval.rs`, see the figures there).
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Points for sibling CPV codes by common significant digits (index 2 division, 3 group,
    /// 4 class, 5 category, 6–7 finer); also the codes deduced from a need's words.
    pub cpv: [f64; 9],
    /// Points when the supplier's code is the need's or lies inside it, by the need code's
    /// depth in significant digits (index 2 a division-level code … 8 the finest): an exact
    /// match on a generic code says less than one on a specific code.
    pub cpv_specific: [f64; 9],
    /// Share of [`Weights::cpv_specific`] (at the supplier code's depth) when the supplier's
    /// code is broader than the need's.
    pub cpv_broader: f64,
    /// Points per ln(1 + past contracts): suppliers that win often are more likely to
    /// answer (a prior on the win count).
    pub prior: f64,
    /// Share of [`Weights::department`] when the need's département is one where the
    /// supplier worked but not its main one.
    pub department_other: f64,
    /// For needs without CPV codes: how many codes to deduce from the need's words (0 turns
    /// deduction off).
    pub inferred_codes: usize,
    /// Deduced codes scoring less than this share of the best one are dropped.
    pub inferred_min_strength: f64,
    /// Share of the CPV points a deduced code gives (times its strength).
    pub inferred_factor: f64,
    /// Points when the supplier has the need's theme.
    pub theme: f64,
    /// Multiplier of the text points (BM25 with idf over the directory).
    pub text: f64,
    /// Weight of a word met only in the need's description (title words weigh 1).
    pub description_word: f64,
    /// Share of the points when a need stem meets a longer or shorter stem by prefix
    /// ("energ" and "energet"); 0 turns prefix matching off.
    pub prefix_factor: f64,
    /// Shortest stem, in characters, that prefix matching uses.
    pub min_prefix: usize,
    /// BM25 term-frequency saturation.
    pub k1: f64,
    /// BM25 length normalisation (0 none, 1 full).
    pub b: f64,
    /// Weight of a word in the supplier's name.
    pub field_name: f64,
    /// Weight of a word in the supplier's keywords.
    pub field_keywords: f64,
    /// Weight of a word in the French labels of the supplier's CPV codes.
    pub field_cpv_labels: f64,
    /// Weight of a word in the objects of the supplier's references (past contracts).
    pub field_references: f64,
    /// Weight of a word in the supplier's description.
    pub field_description: f64,
    /// Points for a preferred département.
    pub department: f64,
    /// Points for a preferred size.
    pub size: f64,
    /// Points for an ESS firm when preferred.
    pub ess: f64,
    /// Points for an SIAE when preferred.
    pub siae: f64,
}

impl Default for Weights {
    /// Set by measurement: first by leave-one-out on fixtures/suppliers.csv, then (prior,
    /// département, its share for places of past work, BM25 `b`, CPV relations) on tenders
    /// held out of fixtures/decp_training.csv, where a contract's département of execution is
    /// the need's preferred département (figures in `examples/matching_eval.rs`). The size,
    /// ESS and SIAE boosts are not measured (no past contract states them): 4 points each.
    fn default() -> Self {
        Weights {
            cpv: [0.0, 0.0, 6.0, 12.0, 18.0, 24.0, 27.0, 28.5, 30.0],
            cpv_specific: [0.0, 0.0, 6.0, 12.0, 18.0, 24.0, 27.0, 28.5, 30.0],
            cpv_broader: 1.0,
            prior: 3.0,
            department_other: 0.5,
            inferred_codes: 5,
            inferred_min_strength: 0.5,
            inferred_factor: 0.25,
            theme: 2.0,
            text: 1.0,
            description_word: 0.6,
            prefix_factor: 0.7,
            min_prefix: 5,
            k1: 1.2,
            b: 0.5,
            field_name: 1.0,
            field_keywords: 1.0,
            field_cpv_labels: 1.0,
            field_references: 1.0,
            field_description: 0.25,
            department: 15.0,
            size: 4.0,
            ess: 4.0,
            siae: 4.0,
        }
    }
}

/// Ranks `suppliers` against `need` (or its lot number `lot` when > 0: the lot's CPV codes
/// and title are used with the need's description, theme and constraints). Suppliers that
/// fail a required constraint or score 0 are left out. At most `limit` matches, sorted by
/// score, then name, then id.
///
/// Convenience for one ranking: it prepares the whole directory each time (folding and
/// stemming every supplier's text). To rank several needs, build a [`Matcher`] once.
pub fn rank(
    need: &Need,
    lot: u32,
    suppliers: &[Supplier],
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
    limit: usize,
) -> Vec<Match> {
    Matcher::new(suppliers, cpv).rank(need, lot, themes, limit)
}

/// One-line explanation of a match in `lang`, top parts first, e.g. "CPV 45261 catégorie;
/// thème Bâtiment & Énergie; « isolation » ×3; PME; dépt 93" (words from
/// [`crate::i18n::explain`]).
pub fn explain(m: &Match, themes: &ThemeCatalog, lang: Lang) -> String {
    i18n::explain::line(m.reasons.iter().map(|(r, _)| r), themes, lang)
}

/// Each part of a match in words, largest first, e.g. `["CPV 45321000 exact", "dépt 93"]`.
pub fn reason_texts(m: &Match, themes: &ThemeCatalog, lang: Lang) -> Vec<String> {
    m.reasons
        .iter()
        .map(|(r, _)| i18n::explain::reason_text(r, themes, lang))
        .collect()
}

/// Each part of a match in words with its points, largest first, e.g.
/// `["CPV 45321000 exact : +30", "« isolation » ×2 : +8,4"]` (French; English uses ": +30"
/// and a decimal point). Points rounded to one decimal.
pub fn reasons_with_points(m: &Match, themes: &ThemeCatalog, lang: Lang) -> Vec<String> {
    i18n::explain::with_points(m.reasons.iter().map(|(r, p)| (r, *p)), themes, lang)
}
