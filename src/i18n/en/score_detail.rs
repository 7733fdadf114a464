//! English words of the score detail.

use crate::domain::{CpvRelation, Reason};
use crate::i18n::explain::level_name;
use crate::i18n::score_detail::{
    meeting_code, with_label, Criterion, DetailContext, DetailTexts, WordField,
};
use crate::i18n::Lang;

/// English.
pub const SCORE_DETAIL: DetailTexts = DetailTexts {
    title: |name| format!("Why {name}?"),
    total: |score| format!("Score: {score} points, the sum of the parts below."),
    parts_head: "What counted:",
    no_parts: "no part computed (added by hand, or an older entry)",
    criteria_head: "The need's criteria:",
    scale: "Scale: each part adds points; the CPV code counts most, then the need's rare \
            words, the département and experience. A score only means something against the \
            other suppliers of the same need: the first one proposed has the highest.",
    part,
    criterion,
};

const LEVELS: [&str; 6] = [
    "same",
    "same sub-category",
    "same category",
    "same class",
    "same group",
    "same division",
];

fn part(reason: &Reason, ctx: &DetailContext) -> String {
    let label = |code: &str| with_label((ctx.cpv_label)(code));
    match reason {
        Reason::Cpv {
            need_code,
            supplier_code,
            common_digits,
            relation,
        } => match relation {
            CpvRelation::Same => format!("same CPV code {need_code}{}", label(need_code)),
            CpvRelation::SupplierWithin => format!(
                "the supplier's CPV code {supplier_code}{} lies within the need's {need_code}",
                label(supplier_code)
            ),
            CpvRelation::SupplierBroader => format!(
                "the supplier's CPV code {supplier_code}{} is broader than the need's {need_code}",
                label(supplier_code)
            ),
            CpvRelation::Siblings => {
                let c = meeting_code(need_code, *common_digits, *relation);
                format!(
                    "{} CPV {c}{}: need {need_code}, supplier {supplier_code}",
                    level_name(*common_digits, LEVELS),
                    label(c)
                )
            }
        },
        Reason::CpvFromWords {
            code,
            supplier_code,
            common_digits,
        } => format!(
            "CPV code {code}{} inferred from the need's words, {} as the supplier's {supplier_code}",
            label(code),
            level_name(*common_digits, LEVELS)
        ),
        Reason::Theme(slug) => format!("the need's theme: {}", ctx.themes.label(slug, Lang::En)),
        Reason::Word { word, count } => {
            let fields: Vec<&str> = (ctx.found_in)(word).into_iter().map(field).collect();
            let times = if *count > 1 {
                format!(" {count} times")
            } else {
                String::new()
            };
            let place = if fields.is_empty() {
                String::new()
            } else {
                format!(" in: {}", fields.join(", "))
            };
            format!("the need's word \"{}\" found{times}{place}", (ctx.original)(word))
        }
        Reason::Department(d) => format!("based in {d}, the need's département"),
        Reason::DepartmentWorked(d) => format!("has worked in {d}, the need's département"),
        Reason::Contracts(n) => format!("{n} public contracts won (experience)"),
        Reason::Size(s) => format!(
            "size asked for by the need: {}",
            (crate::i18n::en::labels::LABELS.size)(*s)
        ),
        Reason::Ess => "social economy (ESS) firm, asked for by the need".to_string(),
        Reason::Siae => "SIAE, asked for by the need".to_string(),
    }
}

fn field(f: WordField) -> &'static str {
    match f {
        WordField::Name => "name",
        WordField::Keywords => "keywords and activities",
        WordField::References => "references",
        WordField::Description => "description",
    }
}

fn criterion(c: &Criterion) -> String {
    let mark = |met: bool| if met { "✓ met" } else { "✗ not met" };
    match c {
        Criterion::Departments {
            need,
            supplier,
            met,
        } => {
            let sup = if supplier.is_empty() {
                "unknown".to_string()
            } else {
                supplier.join(", ")
            };
            format!(
                "the need's départements: {}; the supplier works in: {sup} — {}",
                need.join(", "),
                mark(*met)
            )
        }
        Criterion::Size {
            asked,
            supplier,
            met,
        } => {
            let sup = if supplier.is_empty() {
                "unknown"
            } else {
                supplier.as_str()
            };
            format!("size asked: {asked}; supplier: {sup} — {}", mark(*met))
        }
        Criterion::Ess { met } => format!("ESS firm asked for — {}", mark(*met)),
        Criterion::Siae { met } => format!("SIAE asked for — {}", mark(*met)),
    }
}
