//! The real public data embedded in the binary (the files of `fixtures/`, derived by
//! `tools/derive_fixtures.py`; provenance and licences in `fixtures/SOURCES.md`).
//!
//! - [`SUPPLIERS_CSV`]: the supplier directory (about 14,600 real French suppliers) in the
//!   product's own import format, read by the importer like any user file;
//! - [`cpv_catalog`]: the 9,454 CPV 2008 codes with French and English labels and official
//!   check digits;
//! - [`theme_catalog`]: the forum's themes and the CPV/NAF prefix table that maps suppliers
//!   to them;
//! - [`naf_label`]: NAF rév. 2 labels (732 sous-classes and the upper levels).
//!
//! The files are parsed with the `csv` crate at first use and kept for the life of the
//! process (`OnceLock`). A row that does not parse is skipped, never a panic: the unit tests
//! below pin the exact counts so a damaged fixture is caught at `cargo test`.

use crate::domain::text::clean_line;
use crate::domain::{CpvCatalog, CpvCode, Theme, ThemeCatalog};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The supplier directory, `fixtures/suppliers.csv`: UTF-8 without BOM, comma, LF, RFC 4180
/// quoting, one header line with the columns `siret,siren,raison_sociale,taille,effectif,
/// chiffre_affaires_eur,date_creation,code_postal,commune,departement,ess,siae,ea_esat,
/// thematiques,cpv,mots_cles,naf,description,references,site_web,courriel,provenance`
/// (lists inside a cell are `|`-separated; booleans are `oui`/`non`).
pub const SUPPLIERS_CSV: &[u8] = include_bytes!("../../fixtures/suppliers.csv");

/// Name under which [`SUPPLIERS_CSV`] is reported in provenance and import messages.
pub const SUPPLIERS_FILE_NAME: &str = "fixtures/suppliers.csv";

/// `fixtures/cpv.csv`: `code,code8,niveau,libelle_fr,libelle_en`, one row per CPV 2008 code
/// (`code` with its check digit, "45210000-2"; `niveau` 1 division … 5 sous-catégorie).
pub const CPV_CSV: &str = include_str!("../../fixtures/cpv.csv");

/// `fixtures/naf.csv`: `code,libelle` for every NAF rév. 2 level (section "F", division "43",
/// groupe "43.2", classe "43.21", sous-classe "43.21A").
pub const NAF_CSV: &str = include_str!("../../fixtures/naf.csv");

/// `fixtures/themes.csv`: `slug,label_fr,label_en,description`, in display order.
pub const THEMES_CSV: &str = include_str!("../../fixtures/themes.csv");

/// `fixtures/theme_rules.csv`: `theme,kind,prefix`; `kind` is `cpv` (a prefix of the 8 digits,
/// "45", "0931") or `naf` (a prefix of "NN.NNX", "43.2", "62.01").
pub const THEME_RULES_CSV: &str = include_str!("../../fixtures/theme_rules.csv");

/// The CPV 2008 catalogue: French and English labels and the official check digit of every
/// code of `fixtures/cpv.csv`. Parsed once, at first call.
pub fn cpv_catalog() -> &'static CpvCatalog {
    static CATALOG: OnceLock<CpvCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| parse_cpv(CPV_CSV))
}

/// The forum's themes (`fixtures/themes.csv`) with their CPV and NAF prefixes
/// (`fixtures/theme_rules.csv`), in display order. Parsed once, at first call.
pub fn theme_catalog() -> &'static ThemeCatalog {
    static CATALOG: OnceLock<ThemeCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| parse_themes(THEMES_CSV, THEME_RULES_CSV))
}

/// French label of a NAF rév. 2 code, at any level: "62.01Z" or "6201Z" (sous-classe),
/// "62.01" or "6201" (classe), "62.0", "62", "J" (section). Case and spaces are ignored.
/// None for a code that is not in the nomenclature (e.g. an old NAF rév. 1 code "74.8B").
pub fn naf_label(code: &str) -> Option<&'static str> {
    naf_labels().get(&normalize_naf(code)).map(String::as_str)
}

fn naf_labels() -> &'static HashMap<String, String> {
    static LABELS: OnceLock<HashMap<String, String>> = OnceLock::new();
    LABELS.get_or_init(|| parse_naf(NAF_CSV))
}

/// "6201z" → "62.01Z"; "62.01Z", "62", "J" unchanged (upper-cased).
fn normalize_naf(code: &str) -> String {
    let c: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let b = c.as_bytes();
    if !c.contains('.') && c.len() >= 3 && b[0].is_ascii_digit() && b[1].is_ascii_digit() {
        format!("{}.{}", &c[..2], &c[2..])
    } else {
        c
    }
}

/// One record of a fixture CSV, with its fields looked up by header name.
struct Row<'a> {
    columns: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The trimmed field of column `name`; "" when the column or the field is missing.
    fn get(&self, name: &str) -> &str {
        self.columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Reads `text` as a CSV with a header line and calls `each` for every record that parses;
/// records that do not parse are skipped.
fn for_each_row(text: &str, mut each: impl FnMut(&Row<'_>)) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let columns: HashMap<String, usize> = match reader.headers() {
        Ok(h) => h
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim().to_string(), i))
            .collect(),
        Err(_) => return,
    };
    for record in reader.records() {
        let Ok(record) = record else { continue };
        each(&Row {
            columns: &columns,
            record: &record,
        });
    }
}

fn parse_cpv(text: &str) -> CpvCatalog {
    let mut catalog = CpvCatalog::default();
    for_each_row(text, |row| {
        let Ok(code) = CpvCode::parse(row.get("code8")) else {
            return;
        };
        catalog.insert(
            &code,
            clean_line(row.get("libelle_fr")),
            clean_line(row.get("libelle_en")),
        );
        // The official form "45210000-2": the digit after '-' of the same 8 digits.
        if let Some((digits, check)) = row.get("code").split_once('-') {
            if digits == code.as_str() {
                if let [d @ b'0'..=b'9'] = check.as_bytes() {
                    catalog.insert_check_digit(&code, d - b'0');
                }
            }
        }
    });
    catalog
}

fn parse_naf(text: &str) -> HashMap<String, String> {
    let mut labels = HashMap::new();
    for_each_row(text, |row| {
        let code = normalize_naf(row.get("code"));
        let label = clean_line(row.get("libelle"));
        if !code.is_empty() && !label.is_empty() {
            labels.insert(code, label);
        }
    });
    labels
}

fn parse_themes(themes_csv: &str, rules_csv: &str) -> ThemeCatalog {
    let mut themes: Vec<Theme> = Vec::new();
    for_each_row(themes_csv, |row| {
        let slug = row.get("slug");
        if slug.is_empty() || themes.iter().any(|t| t.slug == slug) {
            return;
        }
        themes.push(Theme {
            slug: slug.to_string(),
            label_fr: clean_line(row.get("label_fr")),
            label_en: clean_line(row.get("label_en")),
            description: clean_line(row.get("description")),
            cpv_prefixes: Vec::new(),
            naf_prefixes: Vec::new(),
        });
    });
    for_each_row(rules_csv, |row| {
        let prefix = row.get("prefix");
        let Some(theme) = themes.iter_mut().find(|t| t.slug == row.get("theme")) else {
            return;
        };
        match row.get("kind") {
            "cpv" if !prefix.is_empty() && prefix.len() <= 8 && is_digits(prefix) => {
                theme.cpv_prefixes.push(prefix.to_string())
            }
            "naf" if !prefix.is_empty() => theme.naf_prefixes.push(normalize_naf(prefix)),
            _ => {}
        }
    });
    ThemeCatalog { themes }
}

fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Siret;
    use crate::i18n::Lang;
    use std::collections::HashSet;

    use crate::io::format::SUPPLIER_COLUMNS as HEADER;

    fn cpv(s: &str) -> CpvCode {
        CpvCode::parse(s).unwrap()
    }

    #[test]
    fn cpv_catalog_has_every_code_with_its_check_digit() {
        let c = cpv_catalog();
        assert_eq!(c.len(), 9454);
        assert_eq!(c.check_digit(&cpv("45210000")), Some(2));
        assert_eq!(c.display_code(&cpv("72000000")), "72000000-5");
        assert_eq!(
            c.label(&cpv("45000000"), Lang::Fr),
            Some("Travaux de construction")
        );
        assert_eq!(
            c.label(&cpv("45000000"), Lang::En),
            Some("Construction work")
        );
        let without_check = c
            .iter()
            .filter(|(code, _, _)| c.check_digit(&cpv(code)).is_none())
            .count();
        assert_eq!(without_check, 0);
        assert_eq!(c.label(&cpv("12345678"), Lang::Fr), None);
    }

    #[test]
    fn naf_labels_cover_the_732_sous_classes_in_both_spellings() {
        let sous_classes = naf_labels()
            .keys()
            .filter(|k| {
                let b = k.as_bytes();
                b.len() == 6 && b[2] == b'.' && b[5].is_ascii_uppercase()
            })
            .count();
        assert_eq!(sous_classes, 732);
        assert_eq!(naf_label("62.01Z"), Some("Programmation informatique"));
        assert_eq!(naf_label("6201Z"), Some("Programmation informatique"));
        assert_eq!(naf_label(" 62.01z "), Some("Programmation informatique"));
        assert_eq!(naf_label("43.2"), naf_label("432"));
        assert!(naf_label("43.2").is_some());
        assert!(naf_label("F").is_some());
        assert_eq!(naf_label("74.8B"), None);
        assert_eq!(naf_label(""), None);
    }

    #[test]
    fn theme_catalog_has_the_forum_themes_each_with_rules() {
        let t = theme_catalog();
        let slugs: Vec<&str> = t.themes.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(
            &slugs[..4],
            [
                "batiment-energie",
                "edtech",
                "sante-domicile",
                "securite-mobilite"
            ]
        );
        assert_eq!(slugs.len(), 7);
        for theme in &t.themes {
            assert!(
                !theme.cpv_prefixes.is_empty() && !theme.naf_prefixes.is_empty(),
                "{} has no rules",
                theme.slug
            );
            assert!(!theme.label_fr.is_empty() && !theme.label_en.is_empty());
        }
        assert_eq!(t.label("batiment-energie", Lang::Fr), "Bâtiment & Énergie");
        assert_eq!(
            t.label("securite-mobilite", Lang::En),
            "Security & mobility (Civitech)"
        );
        assert!(t
            .classify(["45261000"], None)
            .contains(&"batiment-energie".to_string()));
        assert!(t
            .classify(["79710000"], None)
            .contains(&"securite-mobilite".to_string()));
        assert!(t
            .classify(["98513310"], None)
            .contains(&"sante-domicile".to_string()));
        assert!(t
            .classify(["48190000"], None)
            .contains(&"edtech".to_string()));
        assert_eq!(t.classify([], Some("62.01Z")), vec!["numerique"]);
        assert_eq!(t.classify([], Some("88.99B")), Vec::<String>::new());
    }

    #[test]
    fn malformed_rows_are_skipped_not_fatal() {
        let c = parse_cpv(
            "code,code8,niveau,libelle_fr,libelle_en\n\
             45210000-2,45210000,3,Travaux de construction de bâtiments,Building construction work\n\
             abc,abc,1,Faux,Bad\n\
             45000000-x,45000000,1,Travaux de construction,Construction work\n\
             33000000-0\n",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c.check_digit(&cpv("45210000")), Some(2));
        assert_eq!(c.check_digit(&cpv("45000000")), None);
        assert_eq!(c.label(&cpv("33000000"), Lang::Fr), None);

        let t = parse_themes(
            "slug,label_fr,label_en,description\n\
             a,A,A,\n\
             a,Doublon,Duplicate,\n\
             ,Sans slug,No slug,\n",
            "theme,kind,prefix\n\
             a,cpv,45\n\
             a,cpv,4x\n\
             a,naf,4321Z\n\
             a,autre,45\n\
             inconnu,cpv,45\n",
        );
        assert_eq!(t.themes.len(), 1);
        assert_eq!(t.themes[0].label_fr, "A");
        assert_eq!(t.themes[0].cpv_prefixes, vec!["45"]);
        assert_eq!(t.themes[0].naf_prefixes, vec!["43.21Z"]);
    }

    #[test]
    fn every_theme_rule_names_real_codes() {
        let catalog = cpv_catalog();
        for theme in &theme_catalog().themes {
            for p in &theme.cpv_prefixes {
                assert!(
                    catalog
                        .iter()
                        .any(|(code, _, _)| code.starts_with(p.as_str())),
                    "CPV prefix {p} of {} matches no code",
                    theme.slug
                );
            }
            for p in &theme.naf_prefixes {
                assert!(
                    naf_labels().keys().any(|code| code.starts_with(p.as_str())),
                    "NAF prefix {p} of {} matches no code",
                    theme.slug
                );
            }
        }
        let rules = THEME_RULES_CSV.lines().skip(1).filter(|l| !l.is_empty());
        let loaded: usize = theme_catalog()
            .themes
            .iter()
            .map(|t| t.cpv_prefixes.len() + t.naf_prefixes.len())
            .sum();
        assert_eq!(loaded, rules.count(), "a rule row was skipped");
    }

    #[test]
    fn supplier_file_parses_with_the_import_header_and_valid_ids() {
        let mut reader = csv::Reader::from_reader(SUPPLIERS_CSV);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, HEADER);
        let themes = theme_catalog();
        let catalog = cpv_catalog();
        let mut rows = 0;
        let mut sirets = HashSet::new();
        for record in reader.records() {
            let r = record.unwrap();
            assert_eq!(r.len(), HEADER.len());
            rows += 1;
            let (siret, siren) = (&r[0], &r[1]);
            if !siret.is_empty() {
                let parsed = Siret::parse(siret).unwrap();
                assert_eq!(parsed.siren().as_str(), siren);
                assert!(sirets.insert(siret.to_string()), "SIRET {siret} twice");
            }
            let col = |name: &str| {
                let i = HEADER.iter().position(|h| *h == name).unwrap();
                r[i].to_string()
            };
            assert!(!col("raison_sociale").is_empty(), "row {rows} has no name");
            for flag in [col("ess"), col("siae"), col("ea_esat")] {
                assert!(flag == "oui" || flag == "non", "flag {flag:?}");
            }
            for slug in col("thematiques").split('|').filter(|s| !s.is_empty()) {
                assert!(themes.get(slug).is_some(), "unknown theme {slug}");
            }
            for code in col("cpv").split('|').filter(|s| !s.is_empty()) {
                assert!(catalog.label(&cpv(code), Lang::Fr).is_some(), "CPV {code}");
            }
            // The parallel reference columns hold one value per reference, or nothing.
            let objects = col("references").split('|').count();
            for parallel in [
                "references_acheteurs",
                "references_annees",
                "references_montants_eur",
            ] {
                let v = col(parallel);
                assert!(
                    v.is_empty() || v.split('|').count() == objects,
                    "{parallel}"
                );
            }
            assert!(col("courriel").is_empty(), "no e-mail is embedded");
            assert!(
                !col("provenance").is_empty(),
                "every row says where it comes from"
            );
        }
        assert!((13_000..=15_000).contains(&rows), "{rows} rows");
    }
}
