//! The filters of a query, listed once: [`FilterKind`] names the seven kinds (theme, CPV,
//! département, size, commune, ESS, SIAE) with their keys, [`Filter`] is one typed value,
//! and [`FilterSet`] holds a query's filters grouped by kind.
//!
//! Meaning (DESIGN §5): the values of one kind are alternatives (any of them matches), and
//! different kinds must all match. Parsing (`key:value`), the index's doc lists
//! (`filters.rs`) and the query planner all go through these types, so a new kind is one
//! new variant and the exhaustive `match`es the compiler then asks for.

use super::fold::fold_str;
use crate::domain::SizeCategory;

/// Kind of filter. The order of the variants is the order kinds are kept in a
/// [`FilterSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FilterKind {
    /// `theme:sante`: folded prefix of a theme slug, of its labels, or of one of their words.
    Theme,
    /// `cpv:45`: prefix of one of the supplier's CPV codes (digits only, at most 8).
    Cpv,
    /// `dept:93`: département code (upper case, `2a` is read `2A`).
    Dept,
    /// `size:pme`: size category.
    Size,
    /// `city:saint-denis`: folded prefix of the commune.
    City,
    /// `ess` alone: the supplier belongs to the social and solidarity economy.
    Ess,
    /// `siae` alone: the supplier is an SIAE (insertion through economic activity).
    Siae,
}

impl FilterKind {
    /// Every kind, in [`FilterSet`] order.
    pub const ALL: [FilterKind; 7] = [
        FilterKind::Theme,
        FilterKind::Cpv,
        FilterKind::Dept,
        FilterKind::Size,
        FilterKind::City,
        FilterKind::Ess,
        FilterKind::Siae,
    ];

    /// The folded words that name this kind in a query: the keys of `key:value` (French
    /// aliases included), or the flag word typed alone for [`FilterKind::Ess`] and
    /// [`FilterKind::Siae`].
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            FilterKind::Theme => &["theme", "themes", "thematique"],
            FilterKind::Cpv => &["cpv"],
            FilterKind::Dept => &["dept", "departement", "dep"],
            FilterKind::Size => &["size", "taille"],
            FilterKind::City => &["city", "ville", "commune"],
            FilterKind::Ess => &["ess"],
            FilterKind::Siae => &["siae"],
        }
    }

    /// True for kinds written `key:value`; false for the flags typed alone.
    pub fn takes_value(self) -> bool {
        match self {
            FilterKind::Theme
            | FilterKind::Cpv
            | FilterKind::Dept
            | FilterKind::Size
            | FilterKind::City => true,
            FilterKind::Ess | FilterKind::Siae => false,
        }
    }

    /// The kind whose `key:value` key is the folded `key`, if any.
    pub fn from_key(key: &str) -> Option<FilterKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.takes_value() && k.keys().contains(&key))
    }

    /// The flag kind named by the folded token `word` typed alone (`ess`, `siae`), if any.
    pub fn from_flag(word: &str) -> Option<FilterKind> {
        Self::ALL
            .into_iter()
            .find(|k| !k.takes_value() && k.keys().contains(&word))
    }
}

/// One filter value, normalised as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Filter {
    /// Folded theme prefix.
    Theme(String),
    /// CPV code prefix, 1 to 8 ASCII digits.
    Cpv(String),
    /// Département code, upper case.
    Dept(String),
    /// Size category.
    Size(SizeCategory),
    /// Folded commune prefix.
    City(String),
    /// ESS suppliers only.
    Ess,
    /// SIAE suppliers only.
    Siae,
}

impl Filter {
    /// The kind of this value.
    pub fn kind(&self) -> FilterKind {
        match self {
            Filter::Theme(_) => FilterKind::Theme,
            Filter::Cpv(_) => FilterKind::Cpv,
            Filter::Dept(_) => FilterKind::Dept,
            Filter::Size(_) => FilterKind::Size,
            Filter::City(_) => FilterKind::City,
            Filter::Ess => FilterKind::Ess,
            Filter::Siae => FilterKind::Siae,
        }
    }

    /// Reads one value of `kind` as typed (already trimmed, not empty); None when the value
    /// is invalid (`size:moyenne`, `cpv:abc`). Flags ignore `value`.
    pub fn parse(kind: FilterKind, value: &str) -> Option<Filter> {
        match kind {
            FilterKind::Theme => Some(Filter::Theme(fold_str(value))),
            FilterKind::Cpv => {
                // Digits, with the dots and check-digit dash codes are written with
                // ("45.21", "45210000-2"); anything else is no CPV code.
                if !value
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                {
                    return None;
                }
                let digits: String = value.chars().filter(char::is_ascii_digit).take(8).collect();
                (!digits.is_empty()).then_some(Filter::Cpv(digits))
            }
            FilterKind::Dept => {
                // "93", "2A"/"2B", overseas "971"–"976" (a leading digit or two while typing).
                let d = value.to_uppercase();
                let ok = match d.len() {
                    1 | 2 => d.bytes().all(|b| b.is_ascii_digit()) || d == "2A" || d == "2B",
                    3 => d.starts_with("97") && d.bytes().all(|b| b.is_ascii_digit()),
                    _ => false,
                };
                ok.then_some(Filter::Dept(d))
            }
            FilterKind::Size => SizeCategory::parse(value).map(Filter::Size),
            FilterKind::City => Some(Filter::City(fold_str(value))),
            FilterKind::Ess => Some(Filter::Ess),
            FilterKind::Siae => Some(Filter::Siae),
        }
    }
}

/// A query's filters: grouped by kind (in [`FilterKind`] order), each group's values in the
/// order typed, without repeats. Two sets with the same values compare equal whatever the
/// order the kinds were typed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterSet {
    filters: Vec<Filter>,
}

impl FilterSet {
    /// Adds `f` after the other values of its kind (nothing when already there).
    pub fn insert(&mut self, f: Filter) {
        if self.filters.contains(&f) {
            return;
        }
        let kind = f.kind();
        let pos = self.filters.partition_point(|x| x.kind() <= kind);
        self.filters.insert(pos, f);
    }

    /// True when the set holds no filter.
    pub fn is_empty(&self) -> bool {
        self.filters.is_empty()
    }

    /// Every value, grouped by kind.
    pub fn iter(&self) -> impl Iterator<Item = &Filter> {
        self.filters.iter()
    }

    /// The values of one kind (empty when the query does not filter on it).
    pub fn group(&self, kind: FilterKind) -> &[Filter] {
        let lo = self.filters.partition_point(|x| x.kind() < kind);
        let hi = self.filters.partition_point(|x| x.kind() <= kind);
        &self.filters[lo..hi]
    }

    /// The non-empty groups, in kind order.
    pub fn groups(&self) -> impl Iterator<Item = (FilterKind, &[Filter])> {
        FilterKind::ALL
            .into_iter()
            .map(|k| (k, self.group(k)))
            .filter(|(_, g)| !g.is_empty())
    }

    /// True when every supplier passing `self` also passes `prev`: each kind `prev` filters
    /// on is filtered on here too, with the same alternatives or fewer (a new kind narrows;
    /// a new alternative within a kind widens).
    pub fn narrows(&self, prev: &FilterSet) -> bool {
        FilterKind::ALL.into_iter().all(|k| {
            let (new, old) = (self.group(k), prev.group(k));
            old.is_empty() || (!new.is_empty() && new.iter().all(|n| old.contains(n)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_keys_and_a_way_in() {
        for k in FilterKind::ALL {
            assert!(!k.keys().is_empty(), "{k:?}");
            for key in k.keys() {
                let found = if k.takes_value() {
                    FilterKind::from_key(key)
                } else {
                    FilterKind::from_flag(key)
                };
                assert_eq!(found, Some(k), "{key}");
            }
        }
        // A flag is no key, and a key is no flag.
        assert_eq!(FilterKind::from_key("ess"), None);
        assert_eq!(FilterKind::from_flag("dept"), None);
        assert_eq!(FilterKind::from_key("lot"), None);
    }

    #[test]
    fn values_are_normalised_or_refused() {
        use FilterKind as K;
        assert_eq!(
            Filter::parse(K::Theme, "Santé"),
            Some(Filter::Theme("sante".into()))
        );
        assert_eq!(
            Filter::parse(K::Cpv, "45.2"),
            Some(Filter::Cpv("452".into()))
        );
        assert_eq!(
            Filter::parse(K::Cpv, "123456789"),
            Some(Filter::Cpv("12345678".into()))
        );
        assert_eq!(Filter::parse(K::Cpv, "abc"), None);
        assert_eq!(
            Filter::parse(K::Dept, "2a"),
            Some(Filter::Dept("2A".into()))
        );
        assert_eq!(
            Filter::parse(K::Size, "PME"),
            Some(Filter::Size(SizeCategory::Pme))
        );
        assert_eq!(Filter::parse(K::Size, "moyenne"), None);
        for k in FilterKind::ALL {
            if let Some(f) = Filter::parse(k, "93") {
                assert_eq!(f.kind(), k);
            }
        }
    }

    #[test]
    fn sets_group_by_kind_and_ignore_repeats() {
        let mut a = FilterSet::default();
        a.insert(Filter::Ess);
        a.insert(Filter::Dept("93".into()));
        a.insert(Filter::Dept("94".into()));
        a.insert(Filter::Dept("93".into()));
        let mut b = FilterSet::default();
        b.insert(Filter::Dept("93".into()));
        b.insert(Filter::Ess);
        b.insert(Filter::Dept("94".into()));
        assert_eq!(a, b);
        assert_eq!(
            a.group(FilterKind::Dept),
            &[Filter::Dept("93".into()), Filter::Dept("94".into())]
        );
        let kinds: Vec<FilterKind> = a.groups().map(|(k, _)| k).collect();
        assert_eq!(kinds, vec![FilterKind::Dept, FilterKind::Ess]);
        assert!(a.group(FilterKind::Theme).is_empty());
    }

    #[test]
    fn narrowing() {
        let set = |fs: &[Filter]| {
            let mut s = FilterSet::default();
            for f in fs {
                s.insert(f.clone());
            }
            s
        };
        let d93 = Filter::Dept("93".into());
        let d94 = Filter::Dept("94".into());
        let none = set(&[]);
        let a = set(std::slice::from_ref(&d93));
        let ab = set(&[d93.clone(), d94.clone()]);
        let a_ess = set(&[d93.clone(), Filter::Ess]);
        assert!(a.narrows(&none) && a.narrows(&a));
        assert!(!none.narrows(&a));
        assert!(a_ess.narrows(&a) && !a.narrows(&a_ess));
        // One more alternative widens; one fewer narrows.
        assert!(!ab.narrows(&a) && a.narrows(&ab));
    }
}
