//! The query language typed in the search box.

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

impl Query {
    /// Parses a typed query; never fails (unknown `key:value` is treated as words).
    pub fn parse(input: &str) -> Self {
        let _ = input;
        todo!("search helper")
    }
    /// True when the query has neither words nor filters (shows the whole directory).
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}
