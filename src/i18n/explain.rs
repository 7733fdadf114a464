//! The parts of a match score in words ("CPV 45261 catégorie", "« isolation » ×3",
//! "dépt 93"), one line of them for a ranked supplier or a shortlist entry, and each part
//! with its points for `sourcing match`.

use super::{texts, Lang};
use crate::domain::{Reason, ScoredReason, ShortlistEntry, ThemeCatalog};

/// Most words shown on one line: beyond them the line would not fit a shortlist row.
pub const MAX_WORDS: usize = 3;

/// The explanation's words in one language.
#[derive(Debug)]
pub struct ExplainTexts {
    /// One part in words (theme labels from the catalogue, in the same language).
    pub reason: fn(&Reason, &ThemeCatalog) -> String,
    /// A part's words followed by its points, already rounded ("8,4" or "8.4"):
    /// "« isolation » ×2 : +8,4" or "\"isolation\" ×2: +8.4".
    pub with_points: fn(&str, &str) -> String,
    /// A number of points rounded to one decimal, without a trailing ",0".
    pub points: fn(f64) -> String,
}

/// Name of the level two CPV codes meet at, from their common significant digits; `names`
/// is (exact, sub-category, category, class, group, division) in one language.
pub(crate) fn level_name(digits: usize, names: [&'static str; 6]) -> &'static str {
    match digits {
        8.. => names[0],
        6 | 7 => names[1],
        5 => names[2],
        4 => names[3],
        3 => names[4],
        _ => names[5],
    }
}

/// The digits of `code` shown for a meeting at `digits` significant digits: all 8 when they
/// meet exactly, else the common prefix.
pub(crate) fn shown_code(code: &str, digits: usize) -> &str {
    let d = digits.min(code.len());
    if d >= 8 {
        code
    } else {
        code.get(..d).unwrap_or(code)
    }
}

/// One part in words, in `lang`.
pub fn reason_text(reason: &Reason, themes: &ThemeCatalog, lang: Lang) -> String {
    (texts(lang).explain.reason)(reason, themes)
}

/// One line of parts, in the order given (largest points first), at most [`MAX_WORDS`]
/// words, joined by "; "; empty when there is no part.
pub fn line<'a>(
    reasons: impl IntoIterator<Item = &'a Reason>,
    themes: &ThemeCatalog,
    lang: Lang,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut words = 0;
    for reason in reasons {
        if matches!(reason, Reason::Word { .. }) {
            words += 1;
            if words > MAX_WORDS {
                continue;
            }
        }
        parts.push(reason_text(reason, themes, lang));
    }
    parts.join("; ")
}

/// Each part with its points, e.g. `["CPV 45321000 exact : +30", "« isolation » ×2 : +8,4"]`.
pub fn with_points<'a>(
    reasons: impl IntoIterator<Item = (&'a Reason, f64)>,
    themes: &ThemeCatalog,
    lang: Lang,
) -> Vec<String> {
    let e = &texts(lang).explain;
    reasons
        .into_iter()
        .map(|(r, p)| (e.with_points)(&reason_text(r, themes, lang), &(e.points)(p)))
        .collect()
}

/// The explanation of a shortlist entry in `lang`: from its typed parts when it has them,
/// else the sentence stored by an older version, else (a manual addition) the words saying
/// so.
pub fn entry(e: &ShortlistEntry, themes: &ThemeCatalog, lang: Lang) -> String {
    if !e.reasons.is_empty() {
        line(e.reasons.iter().map(|r| &r.reason), themes, lang)
    } else if !e.explanation.is_empty() {
        e.explanation.clone()
    } else {
        texts(lang).manual_addition.to_string()
    }
}

/// The typed parts of a match as a shortlist entry keeps them.
pub fn scored(reasons: &[(Reason, f64)]) -> Vec<ScoredReason> {
    reasons
        .iter()
        .map(|(reason, points)| ScoredReason {
            reason: reason.clone(),
            points: *points,
        })
        .collect()
}

/// Points rounded to one decimal, "8.4", "30" (no ".0"), with `.` as the decimal mark.
pub(crate) fn points_dot(points: f64) -> String {
    let p = format!("{points:.1}");
    p.strip_suffix(".0").unwrap_or(&p).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CpvRelation, SizeCategory, Theme};
    use crate::matching::Match;

    fn themes() -> ThemeCatalog {
        ThemeCatalog {
            themes: vec![Theme {
                slug: "batiment-energie".into(),
                label_fr: "Bâtiment & Énergie".into(),
                label_en: "Building & Energy".into(),
                description: String::new(),
                cpv_prefixes: vec!["45".into()],
                naf_prefixes: vec![],
            }],
        }
    }

    fn explain(m: &Match, themes: &ThemeCatalog, lang: Lang) -> String {
        line(m.reasons.iter().map(|(r, _)| r), themes, lang)
    }

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
            explain(&m(), &themes(), Lang::Fr),
            "CPV 45261 catégorie; « isolation » ×3; dépt 93; thème Bâtiment & Énergie; PME; ESS; « combles »"
        );
        assert_eq!(
            explain(&m(), &themes(), Lang::En),
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
            explain(&x, &themes(), Lang::Fr),
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
            explain(&x, &themes(), Lang::Fr),
            "CPV 45261210 exact; CPV 45261210 dans 45200000; a travaillé dans le 75; 12 marchés remportés"
        );
        assert_eq!(
            explain(&x, &themes(), Lang::En),
            "CPV 45261210 exact; CPV 45261210 within 45200000; worked in dept 75; 12 past contracts"
        );
        x.reasons.clear();
        assert_eq!(explain(&x, &themes(), Lang::En), "");
    }
}
