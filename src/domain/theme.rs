//! Forum themes (thématiques) and the table that maps CPV and NAF prefixes to them.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A theme of the forum, e.g. "Bâtiment & Énergie".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// Stable identifier, ASCII, e.g. "batiment-energie"; used in `theme:` filters.
    pub slug: String,
    /// French label, shown by default.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
    /// One-line description.
    pub description: String,
    /// CPV 8-digit prefixes (1 to 8 digits) that imply the theme.
    pub cpv_prefixes: Vec<String>,
    /// NAF rév. 2 prefixes ("62.01", "43.2") that imply it for suppliers without CPV codes.
    pub naf_prefixes: Vec<String>,
}

/// The configured themes, in display order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeCatalog {
    /// Themes in display order.
    pub themes: Vec<Theme>,
}

impl ThemeCatalog {
    /// Theme by slug.
    pub fn get(&self, slug: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.slug == slug)
    }

    /// Label of a slug in `lang`; the slug itself if unknown.
    pub fn label<'a>(&'a self, slug: &'a str, lang: Lang) -> &'a str {
        match (self.get(slug), lang) {
            (Some(t), Lang::Fr) => &t.label_fr,
            (Some(t), Lang::En) => &t.label_en,
            (None, _) => slug,
        }
    }

    /// Themes implied by CPV codes (8 digits each), or when there are none, by a NAF code.
    /// Sorted slugs, no duplicates.
    pub fn classify<'a>(
        &self,
        cpv: impl IntoIterator<Item = &'a str>,
        naf: Option<&str>,
    ) -> Vec<String> {
        let cpv: Vec<&str> = cpv.into_iter().collect();
        let mut out: Vec<String> = Vec::new();
        for t in &self.themes {
            let hit = if cpv.is_empty() {
                naf.is_some_and(|n| t.naf_prefixes.iter().any(|p| n.starts_with(p.as_str())))
            } else {
                cpv.iter()
                    .any(|c| t.cpv_prefixes.iter().any(|p| c.starts_with(p.as_str())))
            };
            if hit {
                out.push(t.slug.clone());
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn classify_by_cpv_then_naf() {
        let c = crate::testing::themes();
        assert_eq!(c.classify(["45261000"], None), vec!["batiment-energie"]);
        assert_eq!(
            c.classify(["72000000"], Some("43.21A")),
            Vec::<String>::new()
        );
        assert_eq!(c.classify([], Some("43.21A")), vec!["batiment-energie"]);
        assert_eq!(c.label("batiment-energie", Lang::En), "Building & Energy");
        assert_eq!(c.label("inconnu", Lang::Fr), "inconnu");
    }
}
