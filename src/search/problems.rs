//! What is wrong with a query's filters, for the user to hear (issue 13: filters never fail
//! silently): values that are not values of their kind (`size:foo`, `dept:abc`, `cpv:4x`),
//! and a `theme:` value that names no theme of the catalog when the search found nothing
//! (a free theme label of imported suppliers is a valid value: it finds them).

use super::filter_set::{Filter, FilterKind};
use super::fold::{fold_str, words_with_offsets};
use super::query::Query;
use crate::domain::ThemeCatalog;

/// One problem with a query's filters. Rendered by [`crate::i18n`] with the valid values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterProblem {
    /// A value its kind cannot take, as typed.
    Invalid {
        /// The filter's kind.
        kind: FilterKind,
        /// The value as typed.
        value: String,
    },
    /// A theme value matching no theme of the catalog (and no supplier).
    UnknownTheme {
        /// The value as typed (folded).
        value: String,
        /// The catalog's slugs, in display order.
        known: Vec<String>,
    },
}

/// True when the folded prefix `p` names a theme of the catalog (its slug, a label, or a
/// word of either starts with it), as the `theme:` filter reads it.
fn names_a_theme(catalog: &ThemeCatalog, p: &str) -> bool {
    catalog.themes.iter().any(|t| {
        [&t.slug, &t.label_fr, &t.label_en].iter().any(|s| {
            let f = fold_str(s);
            f.starts_with(p) || words_with_offsets(&f).iter().any(|(_, w)| w.starts_with(p))
        })
    })
}

/// The problems of `query`'s filters: its invalid values, and, when the search `found_none`,
/// its theme values that name no theme of `catalog`. Empty when all is well.
pub fn problems(query: &Query, catalog: &ThemeCatalog, found_none: bool) -> Vec<FilterProblem> {
    let mut out: Vec<FilterProblem> = query
        .invalid
        .iter()
        .map(|(kind, value)| FilterProblem::Invalid {
            kind: *kind,
            value: value.clone(),
        })
        .collect();
    if found_none {
        for f in query.filters.iter() {
            if let Filter::Theme(p) = f {
                if !names_a_theme(catalog, p) {
                    out.push(FilterProblem::UnknownTheme {
                        value: p.clone(),
                        known: catalog.themes.iter().map(|t| t.slug.clone()).collect(),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn invalid_values_and_unknown_themes_are_named() {
        let catalog = crate::io::embedded::theme_catalog();
        let q = Query::parse("isolation size:foo dept:93 theme:xyz");
        assert_eq!(
            problems(&q, catalog, false),
            [FilterProblem::Invalid {
                kind: FilterKind::Size,
                value: "foo".into()
            }]
        );
        let p = problems(&q, catalog, true);
        assert_eq!(p.len(), 2);
        match &p[1] {
            FilterProblem::UnknownTheme { value, known } => {
                assert_eq!(value, "xyz");
                assert!(known.iter().any(|k| k == "batiment-energie"));
            }
            other => panic!("{other:?}"),
        }
        // A known theme, by slug prefix or label word, is no problem.
        for ok in [
            "theme:energie",
            "theme:batiment",
            "thème:Santé",
            "dept:2a size:pme",
        ] {
            assert!(
                problems(&Query::parse(ok), catalog, true).is_empty(),
                "{ok}"
            );
        }
    }
}

/// What Tab adds to the word before the cursor in the search field, when that word is the
/// start of a filter name (`th` → `eme:`) or of a filter value with known values
/// (`theme:ba` → `timent-energie`, `size:p` → `me`; after a comma, the last value):
/// Some(the longest extension all candidates share, maybe empty) when at least one
/// candidate starts with it, None when the word is no filter prefix (Tab then moves on).
pub fn complete(word: &str, catalog: &ThemeCatalog) -> Option<String> {
    let (typed, candidates): (String, Vec<String>) = match word.split_once(':') {
        None => {
            let typed = word.to_lowercase();
            if typed.is_empty() || typed.starts_with('-') {
                return None;
            }
            let names = FilterKind::ALL.iter().map(|k| {
                if k.takes_value() {
                    format!("{}:", k.keys()[0])
                } else {
                    k.keys()[0].to_string()
                }
            });
            (typed, names.collect())
        }
        Some((key, value)) => {
            let kind = FilterKind::from_key(&fold_str(key))?;
            let last = value.rsplit(',').next().unwrap_or("").to_lowercase();
            let values: Vec<String> = match kind {
                FilterKind::Theme => catalog.themes.iter().map(|t| t.slug.clone()).collect(),
                FilterKind::Size => ["tpe", "pme", "eti", "ge"].map(String::from).to_vec(),
                _ => return None,
            };
            (last, values)
        }
    };
    let hits: Vec<&String> = candidates
        .iter()
        .filter(|c| c.starts_with(&typed))
        .collect();
    let first = hits.first()?;
    let mut common = first.len();
    for h in &hits[1..] {
        common = common.min(
            first
                .bytes()
                .zip(h.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    Some(first[typed.len().min(common)..common].to_string())
}

#[cfg(test)]
mod completion {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn tab_completes_filter_names_and_known_values() {
        let c = crate::io::embedded::theme_catalog();
        assert_eq!(complete("th", c).as_deref(), Some("eme:"));
        assert_eq!(complete("de", c).as_deref(), Some("pt:"));
        // size: and siae share "si"; then nothing more.
        assert_eq!(complete("s", c).as_deref(), Some("i"));
        assert_eq!(complete("si", c).as_deref(), Some(""));
        assert_eq!(complete("theme:ba", c).as_deref(), Some("timent-energie"));
        assert_eq!(complete("size:p", c).as_deref(), Some("me"));
        assert_eq!(complete("taille:tpe,e", c).as_deref(), Some("ti"));
        assert_eq!(complete("isolation", c), None);
        assert_eq!(complete("dept:9", c), None);
        assert_eq!(complete("", c), None);
    }
}
