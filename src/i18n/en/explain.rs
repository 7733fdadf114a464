//! English words of the parts of a match score.

use crate::domain::{CpvRelation, Reason, SizeCategory, ThemeCatalog};
use crate::i18n::explain::{level_name, points_dot, shown_code, ExplainTexts};
use crate::i18n::Lang;

/// English.
pub const EXPLAIN: ExplainTexts = ExplainTexts {
    reason,
    with_points: |text, points| format!("{text}: +{points}"),
    points: points_dot,
};

const LEVELS: [&str; 6] = [
    "exact",
    "sub-category",
    "category",
    "class",
    "group",
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
            CpvRelation::SupplierWithin => format!("CPV {supplier_code} within {need_code}"),
            CpvRelation::SupplierBroader => {
                format!("CPV {supplier_code} (broader than {need_code})")
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
            "CPV {} {} (from the words)",
            shown_code(code, *common_digits),
            level_name(*common_digits, LEVELS)
        ),
        Reason::Theme(slug) => format!("theme {}", themes.label(slug, Lang::En)),
        Reason::Word { word, count } if *count > 1 => format!("\"{word}\" ×{count}"),
        Reason::Word { word, .. } => format!("\"{word}\""),
        Reason::Department(d) => format!("dept {d}"),
        Reason::DepartmentWorked(d) => format!("worked in dept {d}"),
        Reason::Contracts(n) => format!("{n} past contracts"),
        Reason::Size(s) => size(*s).to_string(),
        Reason::Ess => "ESS".to_string(),
        Reason::Siae => "SIAE".to_string(),
    }
}

fn size(s: SizeCategory) -> &'static str {
    (super::labels::LABELS.size)(s)
}
