//! French words of the parts of a match score.

use crate::domain::{CpvRelation, Reason, SizeCategory, ThemeCatalog};
use crate::i18n::explain::{level_name, points_dot, shown_code, ExplainTexts};
use crate::i18n::Lang;

/// French.
pub const EXPLAIN: ExplainTexts = ExplainTexts {
    reason,
    with_points: |text, points| format!("{text} : +{points}"),
    points: |p| points_dot(p).replace('.', ","),
};

const LEVELS: [&str; 6] = [
    "exact",
    "sous-catégorie",
    "catégorie",
    "classe",
    "groupe",
    "division",
];

fn reason(reason: &Reason, themes: &ThemeCatalog) -> String {
    match reason {
        Reason::Cpv {
            need_code,
            supplier_code,
            common_digits,
            relation,
        } => match relation {
            CpvRelation::Same => format!("CPV {need_code} exact"),
            CpvRelation::SupplierWithin => format!("CPV {supplier_code} dans {need_code}"),
            CpvRelation::SupplierBroader => {
                format!("CPV {supplier_code} (plus large que {need_code})")
            }
            CpvRelation::Siblings => format!(
                "CPV {} {}",
                shown_code(need_code, *common_digits),
                level_name(*common_digits, LEVELS)
            ),
        },
        Reason::CpvFromWords {
            code,
            common_digits,
            ..
        } => format!(
            "CPV {} {} (d'après les mots)",
            shown_code(code, *common_digits),
            level_name(*common_digits, LEVELS)
        ),
        Reason::Theme(slug) => format!("thème {}", themes.label(slug, Lang::Fr)),
        Reason::Word { word, count } if *count > 1 => format!("« {word} » ×{count}"),
        Reason::Word { word, .. } => format!("« {word} »"),
        Reason::Department(d) => format!("dépt {d}"),
        Reason::DepartmentWorked(d) => format!("a travaillé dans le {d}"),
        Reason::Contracts(n) => format!("{n} marchés remportés"),
        Reason::Size(s) => size(*s).to_string(),
        Reason::Ess => "ESS".to_string(),
        Reason::Siae => "SIAE".to_string(),
    }
}

fn size(s: SizeCategory) -> &'static str {
    (super::labels::LABELS.size)(s)
}
