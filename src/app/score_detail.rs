//! The score detail of a proposed or shortlisted supplier (`i` in an open need): each part
//! of its score in plain words with its points, the need's words as typed and where they
//! were found, the need's criteria met or missed, and what the scale means.

use crate::app::state::AppState;
use crate::domain::text::clean_line;
use crate::domain::{CpvCode, Need, Reason, ScoredReason, Supplier, SupplierId};
use crate::i18n::score_detail::{lines, Criterion, DetailContext, WordField};
use crate::search::fold::fold_str;

/// The popup's content, computed when it opens (in the interface's language).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreDetail {
    /// The supplier shown.
    pub supplier: SupplierId,
    /// Popup title, naming the supplier (cleaned).
    pub title: String,
    /// The lines, cleaned for the terminal; wrapped by the screen.
    pub lines: Vec<String>,
    /// First line shown.
    pub scroll: usize,
}

/// Builds the detail of `supplier` for `need` from its score and parts.
pub fn build(
    state: &AppState,
    need: &Need,
    supplier: SupplierId,
    score: f64,
    reasons: &[ScoredReason],
) -> ScoreDetail {
    let t = state.texts;
    let record = state.directory.get(supplier);
    let need_text = format!("{} {}", need.title, need.description);
    let original = |folded: &str| original_word(&need_text, folded);
    let found_in = |folded: &str| record.map(|s| fields_with(s, folded)).unwrap_or_default();
    let cpv = state.cpv.clone();
    let lang = state.lang;
    let cpv_label = move |digits: &str| {
        let code = CpvCode::parse(&format!("{digits:0<8}")).ok()?;
        cpv.label(&code, lang).map(clean_line)
    };
    let ctx = DetailContext {
        themes: &state.themes,
        cpv_label: &cpv_label,
        original: &original,
        found_in: &found_in,
    };
    let parts: Vec<(Reason, f64)> = reasons
        .iter()
        .map(|r| (r.reason.clone(), r.points))
        .collect();
    let criteria = record.map(|s| criteria(state, need, s)).unwrap_or_default();
    let name = clean_line(&state.supplier_name(supplier));
    ScoreDetail {
        supplier,
        title: (t.score_detail.title)(&name),
        lines: lines(score, &parts, &criteria, &ctx, lang)
            .iter()
            .map(|l| {
                let indent = l.len() - l.trim_start().len();
                format!("{}{}", " ".repeat(indent), clean_line(l))
            })
            .collect(),
        scroll: 0,
    }
}

/// The need's word as typed whose folded form is `folded` (the first one), else `folded`.
fn original_word(text: &str, folded: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty() && fold_str(w) == folded)
        .map(str::to_string)
        .unwrap_or_else(|| folded.to_string())
}

/// True when a word of `text` (folded) starts with `folded`.
fn has_word(text: &str, folded: &str) -> bool {
    let f = fold_str(text);
    f.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(folded))
}

/// The fields of `s` holding `folded`, in the order a buyer reads the card.
fn fields_with(s: &Supplier, folded: &str) -> Vec<WordField> {
    let mut out = Vec::new();
    if has_word(&s.name, folded) {
        out.push(WordField::Name);
    }
    let keywords = format!("{} {}", s.keywords.join(" "), s.themes.join(" "));
    if has_word(&keywords, folded) {
        out.push(WordField::Keywords);
    }
    if s.references.iter().any(|r| has_word(&r.object, folded)) {
        out.push(WordField::References);
    }
    if has_word(&s.description, folded) {
        out.push(WordField::Description);
    }
    out
}

/// The need's criteria against the supplier: départements, sizes, ESS, SIAE (only those
/// the need states).
fn criteria(state: &AppState, need: &Need, s: &Supplier) -> Vec<Criterion> {
    let c = &need.constraints;
    let labels = &state.texts.labels;
    let mut out = Vec::new();
    if !c.departments.is_empty() {
        let mut worked: Vec<String> = s.departments.clone();
        if worked.is_empty() && !s.department.is_empty() {
            worked.push(s.department.clone());
        }
        let met = worked.iter().any(|d| c.departments.contains(d));
        out.push(Criterion::Departments {
            need: c.departments.clone(),
            supplier: worked.iter().map(|d| clean_line(d)).collect(),
            met,
        });
    }
    if !c.sizes.is_empty() {
        out.push(Criterion::Size {
            asked: c
                .sizes
                .iter()
                .map(|z| (labels.size)(*z))
                .collect::<Vec<_>>()
                .join(", "),
            supplier: s
                .size
                .map(|z| (labels.size)(z).to_string())
                .unwrap_or_default(),
            met: s.size.is_some_and(|z| c.sizes.contains(&z)),
        });
    }
    if c.ess.is_some() {
        out.push(Criterion::Ess { met: s.ess });
    }
    if c.siae.is_some() {
        out.push(Criterion::Siae { met: s.siae });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_need_word_keeps_its_accents() {
        let text = "Rénovation énergétique des écoles";
        assert_eq!(original_word(text, "energetique"), "énergétique");
        assert_eq!(original_word(text, "ecoles"), "écoles");
        assert_eq!(original_word(text, "absent"), "absent");
    }
}
