//! Matching a file's column headers to supplier fields, in French or English.
//!
//! A header is compared after [`normalize`]: accents, case, spaces, underscores and
//! punctuation ignored ("N° SIRET" → "nsiret", "CA (€)" → "ca", "Créée le" → "creeele").

use crate::domain::text::identity_fold;

/// A supplier field an import column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// SIRET (14 digits).
    Siret,
    /// SIREN (9 digits).
    Siren,
    /// Legal name (raison sociale).
    Name,
    /// Size category TPE/PME/ETI/GE.
    Size,
    /// Headcount (effectif).
    Headcount,
    /// Turnover in euros.
    Turnover,
    /// Creation date.
    CreatedOn,
    /// Postal code.
    Postcode,
    /// Commune.
    City,
    /// Département codes (multi-valued: main first, then where it worked).
    Department,
    /// Number of public contracts won.
    ContractCount,
    /// ESS flag.
    Ess,
    /// SIAE flag.
    Siae,
    /// EA/ESAT flag.
    Adapted,
    /// Themes (multi-valued).
    Themes,
    /// CPV codes (multi-valued).
    Cpv,
    /// Capability keywords (multi-valued).
    Keywords,
    /// NAF/APE code.
    Naf,
    /// Free description.
    Description,
    /// Past contract objects (multi-valued, `|` only).
    References,
    /// Buyers of the references, value for value (multi-valued, `|` only).
    ReferenceBuyers,
    /// Years of the references, value for value.
    ReferenceYears,
    /// Amounts of the references in euros excluding VAT, value for value.
    ReferenceAmounts,
    /// Web site.
    Website,
    /// Contact e-mail.
    Email,
    /// Provenance of the record ("file:line" or free text).
    Provenance,
    /// A column read and deliberately ignored (a store id, `--map COL=ignore`).
    Ignored,
}

impl Field {
    /// Every field that stores something, in the bundled format's column order.
    pub const ALL: [Field; 26] = [
        Field::Siret,
        Field::Siren,
        Field::Name,
        Field::Size,
        Field::Headcount,
        Field::Turnover,
        Field::CreatedOn,
        Field::Postcode,
        Field::City,
        Field::Department,
        Field::ContractCount,
        Field::Ess,
        Field::Siae,
        Field::Adapted,
        Field::Themes,
        Field::Cpv,
        Field::Keywords,
        Field::Naf,
        Field::Description,
        Field::References,
        Field::ReferenceBuyers,
        Field::ReferenceYears,
        Field::ReferenceAmounts,
        Field::Website,
        Field::Email,
        Field::Provenance,
    ];

    /// The field's name in reports and in the bundled format ("siret", "raison_sociale"…).
    pub fn name(self) -> &'static str {
        match self {
            Field::Ignored => "ignore",
            f => {
                let i = Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
                crate::io::format::SUPPLIER_COLUMNS[i]
            }
        }
    }

    /// The field a header names, or None when the header is unknown.
    pub fn from_header(header: &str) -> Option<Field> {
        let n = normalize(header);
        if n.is_empty() {
            return None;
        }
        ALIASES
            .iter()
            .find(|(_, names)| names.contains(&n.as_str()))
            .map(|(f, _)| *f)
    }
}

/// Known headers, already normalized, per field (French and English).
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Siret,
        &[
            "siret",
            "nsiret",
            "nosiret",
            "numsiret",
            "numerosiret",
            "siretetablissement",
            "siretdeletablissement",
            "siretfournisseur",
            "siretdutitulaire",
            "siretnumber",
        ],
    ),
    (
        Field::Siren,
        &[
            "siren",
            "nsiren",
            "nosiren",
            "numerosiren",
            "sirenentreprise",
            "sirennumber",
        ],
    ),
    (
        Field::Name,
        &[
            "raisonsociale",
            "denomination",
            "denominationsociale",
            "name",
            "nom",
            "nomentreprise",
            "nomdelentreprise",
            "entreprise",
            "societe",
            "fournisseur",
            "titulaire",
            "companyname",
            "company",
            "supplier",
            "suppliername",
            "legalname",
        ],
    ),
    (
        Field::Size,
        &[
            "taille",
            "size",
            "tailleentreprise",
            "categorie",
            "categorieentreprise",
            "categoriedentreprise",
            "companysize",
            "sizecategory",
        ],
    ),
    (
        Field::Headcount,
        &[
            "effectif",
            "effectifs",
            "headcount",
            "employees",
            "salaries",
            "nombredesalaries",
            "nbsalaries",
            "staff",
        ],
    ),
    (
        Field::Turnover,
        &[
            "chiffreaffaireseur",
            "chiffreaffaires",
            "chiffredaffaires",
            "chiffredaffaireseur",
            "ca",
            "caeur",
            "caannuel",
            "turnover",
            "turnovereur",
            "revenue",
            "annualturnover",
        ],
    ),
    (
        Field::CreatedOn,
        &[
            "datecreation",
            "datedecreation",
            "creele",
            "creeele",
            "creation",
            "createdon",
            "creationdate",
            "founded",
            "datecreationetablissement",
            "datecreationentreprise",
        ],
    ),
    (
        Field::Postcode,
        &[
            "codepostal",
            "cp",
            "postcode",
            "postalcode",
            "zip",
            "zipcode",
        ],
    ),
    (
        Field::City,
        &[
            "commune",
            "ville",
            "city",
            "localite",
            "town",
            "libellecommune",
        ],
    ),
    (
        Field::Department,
        &[
            "departements",
            "departement",
            "dept",
            "dep",
            "departments",
            "department",
            "codedepartement",
            "numerodepartement",
            "departementsexecution",
            "lieuxexecution",
        ],
    ),
    (
        Field::ContractCount,
        &[
            "nbmarches",
            "nombremarches",
            "nombredemarches",
            "nbcontrats",
            "contractcount",
            "contractscount",
            "numberofcontracts",
        ],
    ),
    (
        Field::Ess,
        &["ess", "economiesocialeetsolidaire", "entrepriseess"],
    ),
    (
        Field::Siae,
        &["siae", "insertion", "structureinsertion", "iae"],
    ),
    (
        Field::Adapted,
        &[
            "eaesat",
            "eaouesat",
            "ea",
            "esat",
            "adapted",
            "entrepriseadaptee",
            "stpa",
        ],
    ),
    (
        Field::Themes,
        &["thematiques", "thematique", "themes", "theme", "themas"],
    ),
    (
        Field::Cpv,
        &["cpv", "codescpv", "codecpv", "cpvcodes", "cpvcode"],
    ),
    (
        Field::Keywords,
        &[
            "motscles",
            "motcle",
            "motscle",
            "keywords",
            "capacites",
            "capacite",
            "capabilities",
            "competences",
            "savoirfaire",
            "skills",
        ],
    ),
    (
        Field::Naf,
        &[
            "naf",
            "ape",
            "codenaf",
            "codeape",
            "nafape",
            "apenaf",
            "activiteprincipale",
        ],
    ),
    (
        Field::Description,
        &[
            "description",
            "presentation",
            "activite",
            "activity",
            "about",
        ],
    ),
    (
        Field::References,
        &[
            "references",
            "reference",
            "referencesmarches",
            "marches",
            "contrats",
            "contracts",
            "pastcontracts",
        ],
    ),
    (
        Field::ReferenceBuyers,
        &[
            "referencesacheteurs",
            "referenceacheteurs",
            "acheteursreferences",
            "referencebuyers",
            "referencesbuyers",
        ],
    ),
    (
        Field::ReferenceYears,
        &[
            "referencesannees",
            "referenceannees",
            "anneesreferences",
            "referenceyears",
            "referencesyears",
        ],
    ),
    (
        Field::ReferenceAmounts,
        &[
            "referencesmontantseur",
            "referencesmontants",
            "montantsreferences",
            "referenceamountseur",
            "referenceamounts",
            "referencesamountseur",
        ],
    ),
    (
        Field::Website,
        &["siteweb", "siteinternet", "website", "web", "url", "site"],
    ),
    (
        Field::Email,
        &[
            "courriel",
            "email",
            "mail",
            "adressemail",
            "adressecourriel",
            "adresseelectronique",
            "emailaddress",
        ],
    ),
    (Field::Provenance, &["provenance", "source", "origine"]),
    (
        Field::Ignored,
        &["id", "ignore", "ignorer", "none", "aucun"],
    ),
];

/// Folds a header for comparison: accents and case removed, only letters and digits kept.
pub fn normalize(header: &str) -> String {
    identity_fold(header)
}

/// What a `--map COLUMN=field` option asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// The column header, normalized.
    pub column: String,
    /// The field it feeds.
    pub field: Field,
}

/// Why a `--map` option is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum MapError {
    /// No `=` in the option.
    Syntax(String),
    /// The field name is unknown.
    UnknownField {
        /// The option as given.
        given: String,
        /// The field name given.
        field: String,
        /// The field names accepted.
        known: String,
    },
}

/// Parses `--map` pairs (column, field name); the field is any header alias
/// ("siret", "raison_sociale", "name", "ignore"…).
pub fn parse_maps(pairs: &[(String, String)]) -> Result<Vec<ColumnMap>, MapError> {
    pairs
        .iter()
        .map(|(col, field)| {
            let f = Field::from_header(field).ok_or_else(|| MapError::UnknownField {
                given: format!("{col}={field}"),
                field: field.clone(),
                known: known_fields(),
            })?;
            Ok(ColumnMap {
                column: normalize(col),
                field: f,
            })
        })
        .collect()
}

/// Splits one `COLUMN=field` option at its last `=`.
pub fn split_map_option(s: &str) -> Result<(String, String), MapError> {
    match s.rsplit_once('=') {
        Some((c, f)) if !c.trim().is_empty() && !f.trim().is_empty() => {
            Ok((c.trim().to_string(), f.trim().to_string()))
        }
        _ => Err(MapError::Syntax(s.to_string())),
    }
}

fn known_fields() -> String {
    let mut v: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    v.push("ignore");
    v.join(", ")
}

/// The columns of a file resolved to fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// For each column index, the field it feeds (None: ignored).
    pub fields: Vec<Option<Field>>,
    /// Headers that matched no field (as written in the file), in order.
    pub unknown: Vec<String>,
    /// Columns that name a field an earlier column already feeds: (header, field).
    pub duplicates: Vec<(String, Field)>,
    /// The headers as written (cleaned), by column index.
    pub headers: Vec<String>,
}

impl Columns {
    /// Resolves headers: `--map` first, then the alias table. The first column naming a
    /// field wins; later ones are listed in `duplicates` and ignored.
    pub fn resolve(headers: &[String], maps: &[ColumnMap]) -> Columns {
        let mut out = Columns::default();
        for h in headers {
            let clean = crate::domain::text::clean_line(h);
            let n = normalize(&clean);
            let field = maps
                .iter()
                .find(|m| m.column == n)
                .map(|m| m.field)
                .or_else(|| Field::from_header(&clean));
            let field = match field {
                Some(Field::Ignored) => None,
                Some(f) if out.fields.contains(&Some(f)) => {
                    out.duplicates.push((clean.clone(), f));
                    None
                }
                Some(f) => Some(f),
                None => {
                    if !clean.is_empty() {
                        out.unknown.push(clean.clone());
                    }
                    None
                }
            };
            out.fields.push(field);
            out.headers.push(clean);
        }
        out
    }

    /// Column index feeding `field`.
    pub fn index_of(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    /// The header as written in the file for `field`, or the field's name.
    pub fn header_of(&self, field: Field) -> String {
        self.index_of(field)
            .and_then(|i| self.headers.get(i).cloned())
            .unwrap_or_else(|| field.name().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_headers() {
        for h in [
            "Raison sociale",
            "RAISON SOCIALE",
            "raison_sociale",
            "Dénomination",
            "name",
            "Nom",
        ] {
            assert_eq!(Field::from_header(h), Some(Field::Name), "{h}");
        }
        assert_eq!(Field::from_header("N° SIRET"), Some(Field::Siret));
        assert_eq!(Field::from_header("SIRET"), Some(Field::Siret));
        assert_eq!(Field::from_header("Thématiques"), Some(Field::Themes));
        assert_eq!(Field::from_header("themes"), Some(Field::Themes));
        assert_eq!(Field::from_header("Capacités"), Some(Field::Keywords));
        assert_eq!(Field::from_header("mots clés"), Some(Field::Keywords));
        assert_eq!(Field::from_header("capabilities"), Some(Field::Keywords));
        assert_eq!(Field::from_header("Ville"), Some(Field::City));
        assert_eq!(Field::from_header("CA (€)"), Some(Field::Turnover));
        assert_eq!(
            Field::from_header("Chiffre d'affaires"),
            Some(Field::Turnover)
        );
        assert_eq!(Field::from_header("turnover_eur"), Some(Field::Turnover));
        assert_eq!(Field::from_header("Créée le"), Some(Field::CreatedOn));
        assert_eq!(
            Field::from_header("Date de création"),
            Some(Field::CreatedOn)
        );
        assert_eq!(Field::from_header("E-mail"), Some(Field::Email));
        assert_eq!(Field::from_header("Code postal"), Some(Field::Postcode));
        assert_eq!(Field::from_header("Département"), Some(Field::Department));
        assert_eq!(Field::from_header("Code APE"), Some(Field::Naf));
        assert_eq!(Field::from_header("Site web"), Some(Field::Website));
        assert_eq!(Field::from_header("Remarque (non lue par l'import)"), None);
        assert_eq!(Field::from_header("  "), None);
    }

    #[test]
    fn bundled_columns_map_to_themselves() {
        for f in Field::ALL {
            assert_eq!(Field::from_header(f.name()), Some(f), "{}", f.name());
        }
    }

    #[test]
    fn maps_override_and_unknowns_are_listed() {
        let maps = parse_maps(&[
            ("Identifiant".into(), "siret".into()),
            ("Nom".into(), "ignore".into()),
        ])
        .unwrap();
        let headers: Vec<String> = [
            "Identifiant",
            "Nom",
            "Raison sociale",
            "Bizarre",
            "Ville",
            "City",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = Columns::resolve(&headers, &maps);
        assert_eq!(
            c.fields,
            vec![
                Some(Field::Siret),
                None,
                Some(Field::Name),
                None,
                Some(Field::City),
                None
            ]
        );
        assert_eq!(c.unknown, vec!["Bizarre".to_string()]);
        assert_eq!(c.duplicates, vec![("City".to_string(), Field::City)]);
        assert_eq!(c.header_of(Field::Siret), "Identifiant");
    }

    #[test]
    fn map_option_syntax() {
        assert_eq!(
            split_map_option("N° SIRET=siret").unwrap(),
            ("N° SIRET".to_string(), "siret".to_string())
        );
        assert!(split_map_option("siret").is_err());
        assert!(matches!(
            parse_maps(&[("X".into(), "nimporte".into())]),
            Err(MapError::UnknownField { .. })
        ));
    }
}
