//! French words of the score detail.

use crate::domain::{CpvRelation, Reason};
use crate::i18n::explain::level_name;
use crate::i18n::score_detail::{
    meeting_code, with_label, Criterion, DetailContext, DetailTexts, WordField,
};
use crate::i18n::Lang;

/// French.
pub const SCORE_DETAIL: DetailTexts = DetailTexts {
    title: |name| format!("Pourquoi {name} ?"),
    total: |score| format!("Score : {score} points, somme des parties ci-dessous."),
    parts_head: "Ce qui a compté :",
    no_parts: "aucune partie calculée (ajout à la main ou entrée ancienne)",
    criteria_head: "Critères du besoin :",
    scale: "Échelle : chaque partie ajoute des points ; le code CPV compte le plus, puis les \
            mots rares du besoin, le département et l'expérience. Un score ne se lit que \
            comparé aux autres fournisseurs du même besoin : le premier proposé a le plus haut.",
    part,
    criterion,
};

const LEVELS: [&str; 6] = [
    "identique",
    "même sous-catégorie",
    "même catégorie",
    "même classe",
    "même groupe",
    "même division",
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
            CpvRelation::Same => {
                format!("code CPV {need_code} identique{}", label(need_code))
            }
            CpvRelation::SupplierWithin => format!(
                "code CPV du fournisseur {supplier_code}{} inclus dans celui du besoin {need_code}",
                label(supplier_code)
            ),
            CpvRelation::SupplierBroader => format!(
                "code CPV du fournisseur {supplier_code}{} plus large que celui du besoin {need_code}",
                label(supplier_code)
            ),
            CpvRelation::Siblings => {
                let c = meeting_code(need_code, *common_digits, *relation);
                format!(
                    "{} CPV {c}{} : besoin {need_code}, fournisseur {supplier_code}",
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
            "code CPV {code}{} déduit des mots du besoin, {} que le code du fournisseur {supplier_code}",
            label(code),
            level_name(*common_digits, LEVELS)
        ),
        Reason::Theme(slug) => format!("thème du besoin : {}", ctx.themes.label(slug, Lang::Fr)),
        Reason::Word { word, count } => {
            let fields: Vec<&str> = (ctx.found_in)(word).into_iter().map(field).collect();
            let times = if *count > 1 {
                format!(" {count} fois")
            } else {
                String::new()
            };
            let place = if fields.is_empty() {
                String::new()
            } else {
                format!(" dans : {}", fields.join(", "))
            };
            format!("mot du besoin « {} » trouvé{times}{place}", (ctx.original)(word))
        }
        Reason::Department(d) => format!("établi dans le {d}, département du besoin"),
        Reason::DepartmentWorked(d) => {
            format!("a déjà travaillé dans le {d}, département du besoin")
        }
        Reason::Contracts(n) => format!("{n} marchés publics remportés (expérience)"),
        Reason::Size(s) => format!(
            "taille demandée par le besoin : {}",
            (crate::i18n::fr::labels::LABELS.size)(*s)
        ),
        Reason::Ess => "entreprise de l'ESS, demandée par le besoin".to_string(),
        Reason::Siae => "SIAE, demandée par le besoin".to_string(),
    }
}

fn field(f: WordField) -> &'static str {
    match f {
        WordField::Name => "nom",
        WordField::Keywords => "mots-clés et activités",
        WordField::References => "références",
        WordField::Description => "description",
    }
}

fn criterion(c: &Criterion) -> String {
    let mark = |met: bool| if met { "✓ rempli" } else { "✗ non rempli" };
    match c {
        Criterion::Departments {
            need,
            supplier,
            met,
        } => {
            let sup = if supplier.is_empty() {
                "inconnu".to_string()
            } else {
                supplier.join(", ")
            };
            format!(
                "départements du besoin : {} ; le fournisseur travaille dans : {sup} — {}",
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
                "inconnue"
            } else {
                supplier.as_str()
            };
            format!(
                "taille demandée : {asked} ; fournisseur : {sup} — {}",
                mark(*met)
            )
        }
        Criterion::Ess { met } => format!("ESS demandée — {}", mark(*met)),
        Criterion::Siae { met } => format!("SIAE demandée — {}", mark(*met)),
    }
}
