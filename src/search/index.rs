//! The in-memory word index over suppliers.

use super::query::Query;
use crate::domain::{Supplier, SupplierId, ThemeCatalog};

/// Field of a supplier a word matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Name.
    Name,
    /// Keywords and capabilities.
    Keywords,
    /// CPV labels.
    Cpv,
    /// Theme labels.
    Theme,
    /// Commune.
    City,
    /// Description and references.
    Description,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The supplier.
    pub id: SupplierId,
    /// Relevance, higher first.
    pub score: i64,
    /// Char indices in the supplier's original `name` to highlight.
    pub name_highlights: Vec<usize>,
    /// The best field each query word matched in, in query order.
    pub fields: Vec<Field>,
}

/// Word index over the directory. Cheap to query; updated incrementally.
#[derive(Debug, Default)]
pub struct SearchIndex {}

impl SearchIndex {
    /// Builds the index over `suppliers`; theme labels come from `themes`.
    pub fn build(suppliers: &[Supplier], themes: &ThemeCatalog) -> Self {
        let _ = (suppliers, themes);
        todo!("search helper")
    }
    /// Adds or replaces one supplier.
    pub fn upsert(&mut self, supplier: &Supplier) {
        let _ = supplier;
        todo!("search helper")
    }
    /// Number of suppliers indexed.
    pub fn len(&self) -> usize {
        todo!("search helper")
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Ranked hits for `query`, at most `limit`. An empty query lists suppliers by name.
    pub fn search(&self, query: &Query, limit: usize) -> Vec<Hit> {
        let _ = (query, limit);
        todo!("search helper")
    }
}
