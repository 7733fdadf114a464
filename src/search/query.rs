//! The query language typed in the search box.
//!
//! Tokens are separated by white space:
//! - `word`: a free word, folded (accents and case ignored); it must match inside one field
//!   of the supplier (exactly, as a prefix, or fuzzily). A token such as `l'isolation` gives
//!   the words `l` and `isolation`; French stop words (`de`, `la`, `et`…) are dropped, unless
//!   the query holds nothing else or the stop word is the last word still being typed (no
//!   space after it: `renovation en` may become `renovation energetique`).
//! - `-word`: suppliers holding a word that starts with `word` are excluded.
//! - `theme:sante`: folded prefix of a theme slug, of its folded label, or of one word of
//!   either (`theme:energie` finds "Bâtiment & Énergie"). Free theme labels of imported
//!   suppliers ("Électricité") are matched the same way.
//! - `cpv:45`: prefix of any of the supplier's CPV codes (digits only).
//! - `dept:93`: département code (`2a` is read `2A`).
//! - `size:pme`: size category, `tpe`, `pme`, `eti` or `ge`.
//! - `city:saint-denis`: folded prefix of the commune.
//! - `ess`, `siae`: the supplier is ESS, or SIAE.
//!
//! Filter values may list alternatives with commas (`dept:93,94`, `size:tpe,pme`): any of
//! them matches. Different filters must all match. Keys have French aliases (`thème:`,
//! `departement:`, `taille:`, `ville:`, `commune:`). A filter with an empty or invalid value
//! (`dept:` while typing) is ignored, an invalid one is kept aside in [`Query::invalid`]
//! for [`super::problems`] to name; an unknown key is read as free words.

use super::filter_set::{Filter, FilterKind, FilterSet};
use super::fold::{fold_str, words_with_offsets};

/// A parsed query. Free words are folded; filters are exact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded free words, each must match within one field of the supplier.
    pub words: Vec<String>,
    /// Folded words after `-`: suppliers containing them are excluded.
    pub excluded: Vec<String>,
    /// `theme:`, `cpv:`, `dept:`, `size:`, `city:`, `ess`, `siae`.
    pub filters: FilterSet,
    /// Filter values that are not values of their kind (`size:foo`, `dept:abc`), as typed:
    /// left out of `filters`, and said to the user (see [`super::problems`]).
    pub invalid: Vec<(FilterKind, String)>,
}

/// French (and a few English) words too common to search on.
pub const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les",
    "ou", "par", "pour", "sur", "un", "une", "and", "for", "of", "the", "to",
];

/// True for a folded stop word.
pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.contains(&w)
}

/// Folded words of `s` (runs of letters and digits), stop words included.
fn folded_words(s: &str) -> Vec<String> {
    let f = fold_str(s);
    words_with_offsets(&f)
        .into_iter()
        .map(|(_, w)| w.to_string())
        .collect()
}

impl Query {
    /// Parses a typed query; never fails (unknown `key:value` is treated as words).
    pub fn parse(input: &str) -> Self {
        let mut q = Query::default();
        let mut words: Vec<String> = Vec::new();
        for token in input.split_whitespace() {
            if let Some(rest) = token.strip_prefix('-') {
                q.excluded.extend(folded_words(rest));
                continue;
            }
            if let Some((key, value)) = token.split_once(':') {
                if q.parse_filter(&fold_str(key), value) {
                    continue;
                }
            }
            match FilterKind::from_flag(&fold_str(token)).and_then(|k| Filter::parse(k, "")) {
                Some(flag) => q.filters.insert(flag),
                None => words.extend(folded_words(token)),
            }
        }
        // Stop words are dropped, except the last word while it is being typed (no space
        // after it yet): "renovation en" is on its way to "renovation energetique".
        let typing = !input.ends_with(char::is_whitespace);
        let n = words.len();
        let content: Vec<String> = words
            .iter()
            .enumerate()
            .filter(|(i, w)| !is_stop_word(w) || (typing && i + 1 == n))
            .map(|(_, w)| w.clone())
            .collect();
        q.words = if content.is_empty() { words } else { content };
        dedup_keep_order(&mut q.words);
        dedup_keep_order(&mut q.excluded);
        q
    }

    /// Reads one `key:value` filter; false when `key` is not a filter key. Empty and
    /// invalid values are dropped (`dept:` while typing).
    fn parse_filter(&mut self, key: &str, value: &str) -> bool {
        let Some(kind) = FilterKind::from_key(key) else {
            return false;
        };
        for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            match Filter::parse(kind, v) {
                Some(f) => self.filters.insert(f),
                None => self.invalid.push((kind, v.to_string())),
            }
        }
        true
    }

    /// True when the query has neither words nor filters (shows the whole directory).
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// True when the query has a filter (`theme:`, `cpv:`, `dept:`, `size:`, `city:`, `ess`,
    /// `siae`).
    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty()
    }

    /// True when every supplier matching `self` also matches `prev` as far as filters and
    /// exclusions go: same filters or narrower ones (see [`FilterSet::narrows`]), same
    /// exclusions or more.
    pub(crate) fn filters_narrow(&self, prev: &Query) -> bool {
        self.filters.narrows(&prev.filters)
            && prev.excluded.iter().all(|o| self.excluded.contains(o))
    }
}

fn dedup_keep_order<T: PartialEq + Clone>(v: &mut Vec<T>) {
    let mut out: Vec<T> = Vec::with_capacity(v.len());
    for x in v.drain(..) {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    *v = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SizeCategory;

    #[test]
    fn free_words_are_folded() {
        let q = Query::parse("  Rénovation   ÉNERGÉTIQUE ");
        assert_eq!(q.words, vec!["renovation", "energetique"]);
        assert!(!q.has_filters());
        assert_eq!(Query::parse("energie"), Query::parse("Énergie"));
        assert_eq!(
            Query::parse("securite").words,
            Query::parse("SÉCURITÉ").words
        );
    }

    #[test]
    fn stop_words_and_apostrophes() {
        assert_eq!(
            Query::parse("maîtrise d'œuvre de la voirie").words,
            vec!["maitrise", "oeuvre", "voirie"]
        );
        // A query of stop words only keeps them (they may be the start of a word).
        assert_eq!(Query::parse("de").words, vec!["de"]);
        // The last word, while typed, may be the start of a longer word.
        assert_eq!(
            Query::parse("renovation en").words,
            vec!["renovation", "en"]
        );
        assert_eq!(Query::parse("renovation en ").words, vec!["renovation"]);
    }

    #[test]
    fn exclusions() {
        let q = Query::parse("nettoyage -vitres -Écoles");
        assert_eq!(q.words, vec!["nettoyage"]);
        assert_eq!(q.excluded, vec!["vitres", "ecoles"]);
        // A lone "-" excludes nothing.
        assert!(Query::parse("-").is_empty());
    }

    #[test]
    fn filters() {
        let q = Query::parse("cvc dept:93 size:PME theme:Santé cpv:45.2 city:Saint-Denis ess siae");
        assert_eq!(q.words, vec!["cvc"]);
        let all: Vec<&Filter> = q.filters.iter().collect();
        assert_eq!(
            all,
            [
                &Filter::Theme("sante".into()),
                &Filter::Cpv("452".into()),
                &Filter::Dept("93".into()),
                &Filter::Size(SizeCategory::Pme),
                &Filter::City("saint-denis".into()),
                &Filter::Ess,
                &Filter::Siae,
            ]
        );
        assert!(q.has_filters());
        // A flag typed with a colon is no flag: words.
        assert_eq!(Query::parse("ess:").words, vec!["ess"]);
    }

    #[test]
    fn filter_alternatives_and_aliases() {
        let q = Query::parse("dept:93,2a taille:tpe,pme ville:Montreuil thème:energie");
        let f = &q.filters;
        assert_eq!(
            f.group(FilterKind::Dept),
            [Filter::Dept("93".into()), Filter::Dept("2A".into())]
        );
        assert_eq!(
            f.group(FilterKind::Size),
            [
                Filter::Size(SizeCategory::Tpe),
                Filter::Size(SizeCategory::Pme)
            ]
        );
        assert_eq!(
            f.group(FilterKind::City),
            [Filter::City("montreuil".into())]
        );
        assert_eq!(
            f.group(FilterKind::Theme),
            [Filter::Theme("energie".into())]
        );
    }

    #[test]
    fn incomplete_and_unknown_filters() {
        // While typing: the empty filter is ignored, not searched as a word.
        let q = Query::parse("isolation dept:");
        assert_eq!(q.words, vec!["isolation"]);
        assert!(!q.has_filters());
        // Invalid size or CPV value: ignored.
        assert!(!Query::parse("size:moyenne cpv:abc").has_filters());
        // Unknown key: words.
        assert_eq!(Query::parse("lot:3").words, vec!["lot", "3"]);
    }

    #[test]
    fn narrowing_relation() {
        let a = Query::parse("isolation dept:93");
        let b = Query::parse("isolation therm dept:93 ess");
        assert!(b.filters_narrow(&a));
        assert!(!a.filters_narrow(&b));
        // A second département widens the filter: not a narrowing.
        let c = Query::parse("isolation dept:93,94");
        assert!(!c.filters_narrow(&a));
        assert!(a.filters_narrow(&c));
    }
}
