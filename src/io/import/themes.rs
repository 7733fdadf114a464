//! Recognising catalog themes in theme cells (slug, French or English label).

use super::clean::{fold as identity_fold, line as clean_line};
use crate::domain::ThemeCatalog;

/// Recognises catalog themes in theme cells: by slug, or by French or English label,
/// ignoring case, accents and punctuation. Built once per import.
#[derive(Debug, Clone, Default)]
pub struct ThemeLookup {
    /// Identity-folded slug or label → slug.
    keys: std::collections::HashMap<String, String>,
}

impl ThemeLookup {
    /// The lookup for a catalog.
    pub fn new(catalog: &ThemeCatalog) -> Self {
        let mut keys = std::collections::HashMap::new();
        for t in &catalog.themes {
            for name in [&t.slug, &t.label_fr, &t.label_en] {
                let k = identity_fold(name);
                if !k.is_empty() {
                    keys.entry(k).or_insert_with(|| t.slug.clone());
                }
            }
        }
        ThemeLookup { keys }
    }

    /// The slug of the catalog theme `label` names, else `label` itself, cleaned.
    pub fn resolve(&self, label: &str) -> String {
        let clean = clean_line(label);
        match self.keys.get(&identity_fold(&clean)) {
            Some(slug) => slug.clone(),
            None => clean,
        }
    }
}
