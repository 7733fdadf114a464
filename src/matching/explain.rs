//! One-line explanation of a match, top parts first, in French or English.

use super::{CpvRelation, Match, Reason};
use crate::domain::{SizeCategory, ThemeCatalog};

/// Most words shown: beyond them the line would not fit a shortlist row.
const MAX_WORDS: usize = 3;

/// "CPV 45261 catégorie; thème Bâtiment & Énergie; « isolation » ×3; PME; dépt 93; ESS"
/// (French) or "CPV 45261 category; theme Building & Energy; \"isolation\" ×3; SME; dept 93;
/// ESS" (English). Parts in the order of `m.reasons` (largest points first), at most
/// three words; empty when the match has no part.
pub fn explain(m: &Match, themes: &ThemeCatalog, en: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut words = 0;
    for (reason, _) in &m.reasons {
        if matches!(reason, Reason::Word { .. }) {
            words += 1;
            if words > MAX_WORDS {
                continue;
            }
        }
        parts.push(reason_text(reason, themes, en));
    }
    parts.join("; ")
}

/// One part of a match in words, e.g. "CPV 45261 catégorie", "« isolation » ×3", "dépt 93"
/// (French) or "CPV 45261 category", "\"isolation\" ×3", "dept 93" (English).
pub fn reason_text(reason: &Reason, themes: &ThemeCatalog, en: bool) -> String {
    match reason {
        Reason::Cpv {
            need_code,
            supplier_code,
            common_digits,
            relation,
        } => match relation {
            CpvRelation::Same => format!("CPV {need_code} exact"),
            CpvRelation::SupplierWithin if en => {
                format!("CPV {supplier_code} within {need_code}")
            }
            CpvRelation::SupplierWithin => format!("CPV {supplier_code} dans {need_code}"),
            CpvRelation::SupplierBroader if en => {
                format!("CPV {supplier_code} (broader than {need_code})")
            }
            CpvRelation::SupplierBroader => {
                format!("CPV {supplier_code} (plus large que {need_code})")
            }
            CpvRelation::Siblings => {
                let d = (*common_digits).min(need_code.len());
                let shown = if d >= 8 {
                    need_code.as_str()
                } else {
                    &need_code[..d]
                };
                format!("CPV {shown} {}", level_name(d, en))
            }
        },
        Reason::CpvFromWords {
            code,
            common_digits,
            ..
        } => {
            let d = (*common_digits).min(code.len());
            let shown = if d >= 8 { code.as_str() } else { &code[..d] };
            let from = if en {
                "from the words"
            } else {
                "d'après les mots"
            };
            format!("CPV {shown} {} ({from})", level_name(d, en))
        }
        Reason::Theme(slug) => {
            let label = themes.label(slug, en);
            if en {
                format!("theme {label}")
            } else {
                format!("thème {label}")
            }
        }
        Reason::Word { word, count } => {
            let times = if *count > 1 {
                format!(" ×{count}")
            } else {
                String::new()
            };
            if en {
                format!("\"{word}\"{times}")
            } else {
                format!("« {word} »{times}")
            }
        }
        Reason::Department(d) => {
            if en {
                format!("dept {d}")
            } else {
                format!("dépt {d}")
            }
        }
        Reason::DepartmentWorked(d) => {
            if en {
                format!("worked in dept {d}")
            } else {
                format!("a travaillé dans le {d}")
            }
        }
        Reason::Contracts(n) => {
            if en {
                format!("{n} past contracts")
            } else {
                format!("{n} marchés remportés")
            }
        }
        Reason::Size(s) => size_name(*s, en).to_string(),
        Reason::Ess => "ESS".to_string(),
        Reason::Siae => "SIAE".to_string(),
    }
}

/// Name of the level two codes meet at, from their common significant digits.
fn level_name(digits: usize, en: bool) -> &'static str {
    match (digits, en) {
        (8.., false) => "exact",
        (8.., true) => "exact",
        (6 | 7, false) => "sous-catégorie",
        (6 | 7, true) => "sub-category",
        (5, false) => "catégorie",
        (5, true) => "category",
        (4, false) => "classe",
        (4, true) => "class",
        (3, false) => "groupe",
        (3, true) => "group",
        (_, _) => "division",
    }
}

fn size_name(s: SizeCategory, en: bool) -> &'static str {
    if !en {
        return s.code();
    }
    match s {
        SizeCategory::Tpe => "micro",
        SizeCategory::Pme => "SME",
        SizeCategory::Eti => "mid-cap",
        SizeCategory::Ge => "large",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::themes;

    fn m() -> Match {
        Match {
            supplier: 7,
            score: 30.0,
            reasons: vec![
                (
                    Reason::Cpv {
                        need_code: "45261210".into(),
                        supplier_code: "45261000".into(),
                        common_digits: 5,
                        relation: CpvRelation::Siblings,
                    },
                    8.0,
                ),
                (
                    Reason::Word {
                        word: "isolation".into(),
                        count: 3,
                    },
                    7.0,
                ),
                (Reason::Department("93".into()), 3.0),
                (Reason::Theme("batiment-energie".into()), 2.0),
                (Reason::Size(SizeCategory::Pme), 2.0),
                (Reason::Ess, 2.0),
                (
                    Reason::Word {
                        word: "combles".into(),
                        count: 1,
                    },
                    1.0,
                ),
            ],
        }
    }

    #[test]
    fn french_and_english_lines() {
        assert_eq!(
            explain(&m(), &themes(), false),
            "CPV 45261 catégorie; « isolation » ×3; dépt 93; thème Bâtiment & Énergie; PME; ESS; « combles »"
        );
        assert_eq!(
            explain(&m(), &themes(), true),
            "CPV 45261 category; \"isolation\" ×3; dept 93; theme Building & Energy; SME; ESS; \"combles\""
        );
    }

    #[test]
    fn exact_codes_show_all_digits_and_words_are_capped() {
        let mut x = m();
        x.reasons = vec![(
            Reason::Cpv {
                need_code: "45261210".into(),
                supplier_code: "45261210".into(),
                common_digits: 7,
                relation: CpvRelation::Same,
            },
            10.0,
        )];
        for w in ["a1", "b2", "c3", "d4"] {
            x.reasons.push((
                Reason::Word {
                    word: w.into(),
                    count: 1,
                },
                1.0,
            ));
        }
        assert_eq!(
            explain(&x, &themes(), false),
            "CPV 45261210 exact; « a1 »; « b2 »; « c3 »"
        );
        x.reasons.truncate(1);
        x.reasons.push((
            Reason::Cpv {
                need_code: "45200000".into(),
                supplier_code: "45261210".into(),
                common_digits: 3,
                relation: CpvRelation::SupplierWithin,
            },
            9.0,
        ));
        x.reasons.push((Reason::DepartmentWorked("75".into()), 3.0));
        x.reasons.push((Reason::Contracts(12), 2.0));
        assert_eq!(
            explain(&x, &themes(), false),
            "CPV 45261210 exact; CPV 45261210 dans 45200000; a travaillé dans le 75; 12 marchés remportés"
        );
        assert_eq!(
            explain(&x, &themes(), true),
            "CPV 45261210 exact; CPV 45261210 within 45200000; worked in dept 75; 12 past contracts"
        );
        x.reasons.clear();
        assert_eq!(explain(&x, &themes(), true), "");
    }
}
