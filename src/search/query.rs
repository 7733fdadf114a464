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
//! (`dept:` while typing) is ignored; an unknown key is read as free words.

use super::fold::{fold_str, words_with_offsets};
use crate::domain::SizeCategory;

/// A parsed query. Free words are folded; filters are exact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded free words, each must match within one field of the supplier.
    pub words: Vec<String>,
    /// Folded words after `-`: suppliers containing them are excluded.
    pub excluded: Vec<String>,
    /// `theme:slug-prefix` (folded), e.g. `theme:sante`.
    pub themes: Vec<String>,
    /// `cpv:45` prefixes (digits).
    pub cpv_prefixes: Vec<String>,
    /// `dept:93` codes.
    pub departments: Vec<String>,
    /// `size:pme` categories.
    pub sizes: Vec<SizeCategory>,
    /// `city:` folded commune prefixes.
    pub cities: Vec<String>,
    /// `ess` alone.
    pub ess: bool,
    /// `siae` alone.
    pub siae: bool,
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
            match fold_str(token).as_str() {
                "ess" => q.ess = true,
                "siae" => q.siae = true,
                _ => words.extend(folded_words(token)),
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

    /// Reads one `key:value` filter; false when `key` is not a filter key.
    fn parse_filter(&mut self, key: &str, value: &str) -> bool {
        let values = value.split(',').map(str::trim).filter(|v| !v.is_empty());
        match key {
            "theme" | "themes" | "thematique" => {
                self.themes.extend(values.map(fold_str));
            }
            "cpv" => {
                self.cpv_prefixes.extend(
                    values
                        .map(|v| v.chars().filter(char::is_ascii_digit).take(8).collect())
                        .filter(|v: &String| !v.is_empty()),
                );
            }
            "dept" | "departement" | "dep" => {
                self.departments.extend(values.map(|v| v.to_uppercase()));
            }
            "size" | "taille" => {
                self.sizes.extend(values.filter_map(SizeCategory::parse));
            }
            "city" | "ville" | "commune" => {
                self.cities.extend(values.map(fold_str));
            }
            _ => return false,
        }
        for v in [
            &mut self.themes,
            &mut self.cpv_prefixes,
            &mut self.departments,
            &mut self.cities,
        ] {
            dedup_keep_order(v);
        }
        self.sizes.sort();
        self.sizes.dedup();
        true
    }

    /// True when the query has neither words nor filters (shows the whole directory).
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// True when the query has a filter (`theme:`, `cpv:`, `dept:`, `size:`, `city:`, `ess`,
    /// `siae`).
    pub fn has_filters(&self) -> bool {
        !(self.themes.is_empty()
            && self.cpv_prefixes.is_empty()
            && self.departments.is_empty()
            && self.sizes.is_empty()
            && self.cities.is_empty()
            && !self.ess
            && !self.siae)
    }

    /// True when every supplier matching `self` also matches `prev` as far as filters and
    /// exclusions go: same filters or more of them, same exclusions or more.
    pub(crate) fn filters_narrow(&self, prev: &Query) -> bool {
        fn superset<T: PartialEq>(new: &[T], old: &[T]) -> bool {
            old.iter().all(|o| new.contains(o))
        }
        // A filter kind that had no value matches everyone; one that had values matches
        // their union, so a new kind narrows, but a new alternative within a kind widens.
        fn kind_narrows<T: PartialEq>(new: &[T], old: &[T]) -> bool {
            old.is_empty() || (!new.is_empty() && superset(old, new))
        }
        kind_narrows(&self.themes, &prev.themes)
            && kind_narrows(&self.cpv_prefixes, &prev.cpv_prefixes)
            && kind_narrows(&self.departments, &prev.departments)
            && kind_narrows(&self.sizes, &prev.sizes)
            && kind_narrows(&self.cities, &prev.cities)
            && (self.ess || !prev.ess)
            && (self.siae || !prev.siae)
            && superset(&self.excluded, &prev.excluded)
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
        assert_eq!(Query::parse("renovation en").words, vec!["renovation", "en"]);
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
        assert_eq!(q.departments, vec!["93"]);
        assert_eq!(q.sizes, vec![SizeCategory::Pme]);
        assert_eq!(q.themes, vec!["sante"]);
        assert_eq!(q.cpv_prefixes, vec!["452"]);
        assert_eq!(q.cities, vec!["saint-denis"]);
        assert!(q.ess && q.siae);
        assert!(q.has_filters());
    }

    #[test]
    fn filter_alternatives_and_aliases() {
        let q = Query::parse("dept:93,2a taille:tpe,pme ville:Montreuil thème:energie");
        assert_eq!(q.departments, vec!["93", "2A"]);
        assert_eq!(q.sizes, vec![SizeCategory::Tpe, SizeCategory::Pme]);
        assert_eq!(q.cities, vec!["montreuil"]);
        assert_eq!(q.themes, vec!["energie"]);
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
