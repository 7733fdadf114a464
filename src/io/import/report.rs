//! What an import did: counts, rejected lines and warnings, each with its physical line in
//! the file, its field and the reason, in French (or English).

use super::header::Field;
use crate::domain::text::{sanitize, sanitize_marked};
use crate::domain::SupplierId;
use serde::Serialize;

/// Why a line was rejected or flagged. Rendered in French or English by [`IssueKind::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    // --- rejections ---
    /// SIRET in Excel's scientific notation (the cell as written).
    SiretScientific(String),
    /// SIRET with characters other than digits and spaces.
    SiretNotDigits(String),
    /// SIRET with a wrong number of digits (digits, count).
    SiretLength(String, usize),
    /// 12 or 13 digits that fail the check even once padded.
    SiretPaddedLuhn(String),
    /// 14 digits failing the Luhn check.
    SiretLuhn(String),
    /// SIREN failing the Luhn check.
    SirenLuhn(String),
    /// SIRET whose SIREN part fails the Luhn check.
    SirenPartLuhn(String),
    /// No name.
    MissingName,
    /// Amount not readable.
    Amount(String),
    /// Number in scientific notation (amount or count).
    NumberScientific(String),
    /// Negative amount or count.
    Negative(String),
    /// Count (headcount) not a whole number.
    Count(String),
    /// Date not readable.
    DateFormat(String),
    /// Date that does not exist.
    DateImpossible(String),
    /// Yes/no flag not readable.
    Flag(String),
    /// Size category not readable.
    Size(String),
    /// Postcode not readable.
    Postcode(String),
    /// Département not readable.
    Department(String),
    /// NAF code not readable.
    Naf(String),
    /// CPV code not readable.
    Cpv(String),
    /// Year of a reference not readable (the value).
    ReferenceYear(String),
    /// More non-empty cells than header columns (found, expected).
    TooManyCells(usize, usize),
    /// JSON line not parseable (parser message).
    JsonSyntax(String),
    /// JSON line not an object.
    JsonNotObject,
    /// JSON value of the wrong type for the field.
    JsonType,
    // --- warnings ---
    /// No SIRET: the supplier is keyed by name and postcode.
    SiretMissing,
    /// A trailing ".0" was removed from the SIRET (the SIRET kept).
    SiretDecimal(String),
    /// Leading zeros restored (SIRET kept, digits in the cell).
    SiretPadded(String, usize),
    /// 9 digits: stored as a SIREN.
    SirenOnly(String),
    /// SIREN column disagrees with the SIRET (SIREN given, SIRET).
    SirenMismatch(String, String),
    /// 4-digit postcode padded.
    PostcodePadded(String),
    /// A `references_*` column with another number of values than `references` (values,
    /// objects): the column is ignored for that row.
    ReferencesMismatch(usize, usize),
    /// Same supplier as an earlier line (that line, the identity shown).
    Merged(u64, String),
    /// Columns not recognised, ignored.
    UnknownColumns(Vec<String>),
    /// A column naming a field another column already feeds (header).
    DuplicateColumn(String),
    /// Records decoded as Windows-1252 from this line on.
    Windows1252,
    /// A record spanning many physical lines (count): maybe an unclosed quote.
    LongRecord(u64),
    /// The header was found this many lines below the first line; lines above it ignored.
    HeaderBelow(u64),
}

fn quoted(s: &str) -> String {
    format!("« {s} »")
}

impl IssueKind {
    /// The reason, in English when `en`, else in French, on one line. The cells it quotes
    /// come raw from the file, so the whole text goes through [`sanitize_marked`]: no escape
    /// sequence, control character (tab and line breaks become spaces), C1 control or bidi
    /// override reaches a terminal through the report, in text or JSON, and a "�" shows
    /// where something was removed.
    pub fn text(&self, en: bool) -> String {
        sanitize_marked(&self.raw_text(en))
    }

    /// The reason with the quoted cells as they are in the file.
    fn raw_text(&self, en: bool) -> String {
        use IssueKind::*;
        match self {
            SiretScientific(c) => {
                if en {
                    format!("SIRET in scientific notation ({c}): Excel lost its last digits and nothing is guessed. In Excel, format the SIRET column as Text, re-enter or re-export the SIRETs, then import again")
                } else {
                    format!("SIRET en notation scientifique ({c}) : Excel a perdu les derniers chiffres et rien n'est deviné. Dans Excel, formatez la colonne SIRET en Texte (clic droit › Format de cellule › Texte), ressaisissez ou réexportez les SIRET, puis réimportez")
                }
            }
            SiretNotDigits(c) => {
                if en {
                    format!(
                        "SIRET {} holds something other than digits and spaces",
                        quoted(c)
                    )
                } else {
                    format!(
                        "SIRET {} : seuls des chiffres et des espaces sont permis",
                        quoted(c)
                    )
                }
            }
            SiretLength(d, n) => {
                if en {
                    format!("SIRET {d} has {n} digits: a SIRET has 14 (9 for a SIREN alone)")
                } else {
                    format!("SIRET {d} : {n} chiffres ; un SIRET en a 14 (9 pour un SIREN seul)")
                }
            }
            SiretPaddedLuhn(d) => {
                if en {
                    format!("SIRET {d} has {} digits and fails the check digit even with leading zeros restored: check it", d.len())
                } else {
                    format!("SIRET {d} : {} chiffres, et même complété de zéros il ne passe pas la clé de contrôle (Luhn) : vérifiez-le", d.len())
                }
            }
            SiretLuhn(d) => {
                if en {
                    format!("SIRET {d} fails the check digit (Luhn): a digit is wrong, check it on annuaire-entreprises.data.gouv.fr")
                } else {
                    format!("SIRET {d} : clé de contrôle (Luhn) fausse, un chiffre est erroné ; vérifiez-le sur annuaire-entreprises.data.gouv.fr")
                }
            }
            SirenLuhn(d) => {
                if en {
                    format!("SIREN {d} fails the check digit (Luhn): check it")
                } else {
                    format!("SIREN {d} : clé de contrôle (Luhn) fausse ; vérifiez-le")
                }
            }
            SirenPartLuhn(d) => {
                let siren = d.get(..9).unwrap_or(d);
                if en {
                    format!("SIRET {d}: its SIREN {siren} fails the check digit (Luhn), so the number is wrong; check it on annuaire-entreprises.data.gouv.fr")
                } else {
                    format!("SIRET {d} : son SIREN {siren} ne passe pas la clé de contrôle (Luhn), le numéro est donc faux ; vérifiez-le sur annuaire-entreprises.data.gouv.fr")
                }
            }
            MissingName => {
                if en {
                    "empty name: every supplier needs its legal name".to_string()
                } else {
                    "raison sociale vide : chaque fournisseur doit avoir un nom".to_string()
                }
            }
            Amount(c) => {
                if en {
                    format!("amount {} not readable: write e.g. 1 234 567,89", quoted(c))
                } else {
                    format!(
                        "montant {} illisible : écrivez par exemple 1 234 567,89",
                        quoted(c)
                    )
                }
            }
            NumberScientific(c) => {
                if en {
                    format!("number in scientific notation {}: digits may be lost; format the column as Number in Excel", quoted(c))
                } else {
                    format!("nombre en notation scientifique {} : des chiffres sont peut-être perdus ; formatez la colonne en Nombre dans Excel", quoted(c))
                }
            }
            Negative(c) => {
                if en {
                    format!("negative value {}", quoted(c))
                } else {
                    format!("valeur négative {}", quoted(c))
                }
            }
            Count(c) => {
                if en {
                    format!(
                        "headcount {} not readable: a whole number is expected (e.g. 42)",
                        quoted(c)
                    )
                } else {
                    format!(
                        "effectif {} illisible : un nombre entier est attendu (ex. 42)",
                        quoted(c)
                    )
                }
            }
            DateFormat(c) => {
                if en {
                    format!(
                        "date {} not readable: write DD/MM/YYYY or YYYY-MM-DD",
                        quoted(c)
                    )
                } else {
                    format!(
                        "date {} illisible : écrivez JJ/MM/AAAA ou AAAA-MM-JJ",
                        quoted(c)
                    )
                }
            }
            DateImpossible(c) => {
                if en {
                    format!("impossible date {}: that day does not exist", quoted(c))
                } else {
                    format!(
                        "date impossible {} : ce jour n'existe pas dans le calendrier",
                        quoted(c)
                    )
                }
            }
            Flag(c) => {
                if en {
                    format!(
                        "value {} not understood: yes or no expected (oui/non)",
                        quoted(c)
                    )
                } else {
                    format!("valeur {} non reconnue : oui ou non attendu", quoted(c))
                }
            }
            Size(c) => {
                if en {
                    format!(
                        "size {} not understood: TPE, PME, ETI or GE expected",
                        quoted(c)
                    )
                } else {
                    format!(
                        "taille {} non reconnue : TPE, PME, ETI ou GE attendu",
                        quoted(c)
                    )
                }
            }
            Postcode(c) => {
                if en {
                    format!("postcode {} not valid: 5 digits expected", quoted(c))
                } else {
                    format!("code postal {} invalide : 5 chiffres attendus", quoted(c))
                }
            }
            Department(c) => {
                if en {
                    format!("département {} not valid: e.g. 75, 2A, 971", quoted(c))
                } else {
                    format!(
                        "département {} invalide : par exemple 75, 2A, 971",
                        quoted(c)
                    )
                }
            }
            ReferenceYear(c) => {
                if en {
                    format!(
                        "reference year {} not valid: 4 digits expected (e.g. 2019)",
                        quoted(c)
                    )
                } else {
                    format!(
                        "année de référence {} invalide : 4 chiffres attendus (ex. 2019)",
                        quoted(c)
                    )
                }
            }
            Naf(c) => {
                if en {
                    format!("NAF code {} not valid: e.g. 62.01Z", quoted(c))
                } else {
                    format!("code NAF {} invalide : par exemple 62.01Z", quoted(c))
                }
            }
            Cpv(c) => {
                if en {
                    format!("CPV code {} not valid: 8 digits, optionally followed by -check digit (e.g. 45210000-2)", quoted(c))
                } else {
                    format!("code CPV {} invalide : 8 chiffres, éventuellement suivis de -clé (ex. 45210000-2)", quoted(c))
                }
            }
            TooManyCells(found, expected) => {
                if en {
                    format!("{found} cells for {expected} columns: a cell probably holds the separator without quotes; line left out so that no value lands in the wrong field")
                } else {
                    format!("{found} cellules pour {expected} colonnes : une cellule contient sans doute le séparateur sans guillemets ; ligne écartée pour qu'aucune valeur n'atterrisse dans le mauvais champ")
                }
            }
            JsonSyntax(m) => {
                if en {
                    format!("JSON not readable: {m}")
                } else {
                    format!("JSON illisible : {m}")
                }
            }
            JsonNotObject => {
                if en {
                    "one JSON object {…} per line is expected".to_string()
                } else {
                    "un objet JSON {…} par ligne est attendu".to_string()
                }
            }
            JsonType => {
                if en {
                    "JSON value of an unexpected type for this field".to_string()
                } else {
                    "valeur JSON d'un type inattendu pour ce champ".to_string()
                }
            }
            SiretMissing => {
                if en {
                    "no SIRET: supplier stored without one, identified by its name and postcode"
                        .to_string()
                } else {
                    "SIRET absent : fournisseur enregistré sans SIRET, identifié par son nom et son code postal".to_string()
                }
            }
            SiretDecimal(s) => {
                if en {
                    format!("SIRET read as a decimal number, \".0\" removed: {s}. Format the column as Text in Excel")
                } else {
                    format!("SIRET lu comme un nombre décimal, « .0 » retiré : {s}. Formatez la colonne en Texte dans Excel")
                }
            }
            SiretPadded(s, n) => {
                if en {
                    format!("SIRET of {n} digits: leading zeros restored as {s} (its check digit is right). Format the column as Text in Excel")
                } else {
                    format!("SIRET de {n} chiffres : zéros initiaux rétablis, {s} (sa clé de contrôle est bonne). Formatez la colonne en Texte dans Excel")
                }
            }
            SirenOnly(s) => {
                if en {
                    format!("9 digits: stored as SIREN {s} (legal unit, no establishment)")
                } else {
                    format!("9 chiffres : enregistré comme SIREN {s} (unité légale, sans établissement précis)")
                }
            }
            SirenMismatch(given, siret) => {
                if en {
                    format!("SIREN {given} differs from that of SIRET {siret}: the SIRET's is kept")
                } else {
                    format!("SIREN {given} différent de celui du SIRET {siret} : celui du SIRET est gardé")
                }
            }
            ReferencesMismatch(values, objects) => {
                if en {
                    let v = if *values == 1 { "value" } else { "values" };
                    let r = if *objects == 1 {
                        "reference"
                    } else {
                        "references"
                    };
                    format!("{values} {v} for {objects} {r}: column ignored for this line (one value per reference, separated by |, empty when unknown)")
                } else {
                    let v = if *values <= 1 { "valeur" } else { "valeurs" };
                    let r = if *objects <= 1 {
                        "référence"
                    } else {
                        "références"
                    };
                    format!("{values} {v} pour {objects} {r} : colonne ignorée pour cette ligne (une valeur par référence, séparées par |, vide si inconnue)")
                }
            }
            PostcodePadded(p) => {
                if en {
                    format!("4-digit postcode: leading zero restored, {p}")
                } else {
                    format!("code postal de 4 chiffres : zéro initial rétabli, {p}")
                }
            }
            Merged(line, id) => {
                if en {
                    format!("same supplier as line {line} ({id}): rows merged, themes and capabilities united")
                } else {
                    format!("même fournisseur que la ligne {line} ({id}) : lignes fusionnées, thèmes et capacités réunis")
                }
            }
            UnknownColumns(cols) => {
                let list = cols
                    .iter()
                    .map(|c| quoted(c))
                    .collect::<Vec<_>>()
                    .join(", ");
                if en {
                    format!("columns not recognised, ignored: {list}. Use --map \"COLUMN=field\" to read one")
                } else {
                    format!("colonnes non reconnues, ignorées : {list}. Utilisez --map \"COLONNE=champ\" pour en lire une")
                }
            }
            DuplicateColumn(h) => {
                if en {
                    format!(
                        "column {} ignored: an earlier column already gives this field",
                        quoted(h)
                    )
                } else {
                    format!(
                        "colonne {} ignorée : une colonne précédente donne déjà ce champ",
                        quoted(h)
                    )
                }
            }
            Windows1252 => {
                if en {
                    "text is not UTF-8: read as Windows-1252 (Excel's \"CSV (separator: semicolon)\") from this line on".to_string()
                } else {
                    "texte hors UTF-8 : lu en Windows-1252 (« CSV (séparateur : point-virgule) » d'Excel) à partir de cette ligne".to_string()
                }
            }
            HeaderBelow(n) => {
                if en {
                    format!("header found on this line: the {n} line(s) above it (a title?) are ignored")
                } else {
                    format!("en-tête trouvé sur cette ligne : la ou les {n} ligne(s) au-dessus (un titre ?) sont ignorées")
                }
            }
            LongRecord(n) => {
                if en {
                    format!("one record spans {n} lines: check for an unclosed quote")
                } else {
                    format!("un seul enregistrement s'étend sur {n} lignes : vérifiez qu'un guillemet n'est pas resté ouvert")
                }
            }
        }
    }
}

/// In the text report, how many issues of one kind are listed before the rest is counted.
pub const SHOWN_PER_KIND: usize = 20;

/// One rejection or warning. Serialized as `{"line":N,"field":"…","reason":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Physical line in the file (1-based; the header is line 1). A record whose quoted cell
    /// spans three lines makes the next one start three lines later.
    pub line: u64,
    /// The field, by its name in the bundled format ("siret", "raison_sociale"…), or
    /// "fichier"/"encodage"/"json" for what concerns the whole line.
    pub field: String,
    /// Why, in the report's language.
    pub reason: String,
    /// The same reason, as data (for tests and callers).
    #[serde(skip)]
    pub kind: IssueKind,
}

impl Issue {
    /// An issue about a field.
    pub fn new(line: u64, field: Field, kind: IssueKind, en: bool) -> Issue {
        Issue::about(line, field.name(), kind, en)
    }
    /// An issue about something that is not one field ("fichier", "encodage", "json").
    pub fn about(line: u64, what: &str, kind: IssueKind, en: bool) -> Issue {
        Issue {
            line,
            field: sanitize(what, false),
            reason: kind.text(en),
            kind,
        }
    }
}

/// What an import did. Serialized exactly as
/// `{"created":N,"updated":N,"unchanged":N,"skipped":N,"rejected":[…],"warnings":[…]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// Suppliers created (or that a dry run would create).
    pub created: usize,
    /// Existing suppliers whose record changed.
    pub updated: usize,
    /// Existing suppliers already identical.
    pub unchanged: usize,
    /// Empty rows (blank lines, Excel's `;;;`) skipped.
    pub skipped: usize,
    /// Rejected lines: nothing of them was stored.
    pub rejected: Vec<Issue>,
    /// Warnings: the line was stored, repaired or flagged as said.
    pub warnings: Vec<Issue>,
    /// File name as given.
    #[serde(skip)]
    pub file: String,
    /// Data records read (rows after the header, empty ones included).
    #[serde(skip)]
    pub records: usize,
    /// True when nothing was written on purpose (`--dry-run`).
    #[serde(skip)]
    pub dry_run: bool,
    /// True when something was written to the store (false on a dry run, a refusal, or
    /// when every supplier was already identical).
    #[serde(skip)]
    pub written: bool,
    /// Store ids of the file's suppliers (created, updated or unchanged), in the order of
    /// their first line; empty on a dry run.
    #[serde(skip)]
    pub ids: Vec<SupplierId>,
}

impl ImportReport {
    /// Number of distinct rejected lines.
    pub fn rejected_lines(&self) -> usize {
        let mut lines: Vec<u64> = self.rejected.iter().map(|i| i.line).collect();
        lines.dedup();
        lines.len()
    }

    /// The report for humans, in English when `en`, else French. The file name is shown
    /// sanitized (a name can hold escape sequences); reasons are sanitized when built.
    pub fn render(&self, en: bool) -> String {
        let mut out = String::new();
        let file = sanitize_marked(&self.file);
        let head = match (en, self.dry_run, self.written) {
            (false, true, _) => format!(
                "Simulation d'import de {} (--dry-run) : rien n'a été écrit.",
                file
            ),
            (true, true, _) => format!(
                "Dry run of the import of {} (--dry-run): nothing was written.",
                file
            ),
            (false, false, true) => format!("Import de {} terminé.", file),
            (true, false, true) => format!("Import of {} done.", file),
            (false, false, false) => format!(
                "Import de {} terminé : rien à écrire, le dossier de données était déjà à jour.",
                file
            ),
            (true, false, false) => format!(
                "Import of {} done: nothing to write, the store was already up to date.",
                file
            ),
        };
        out.push_str(&head);
        out.push('\n');
        let counts = if en {
            format!(
                "  created: {}  updated: {}  unchanged: {}  empty rows skipped: {}  rejected lines: {}  warnings: {}\n",
                self.created,
                self.updated,
                self.unchanged,
                self.skipped,
                self.rejected_lines(),
                self.warnings.len()
            )
        } else {
            format!(
                "  créés : {}  mis à jour : {}  inchangés : {}  lignes vides ignorées : {}  lignes rejetées : {}  avertissements : {}\n",
                self.created,
                self.updated,
                self.unchanged,
                self.skipped,
                self.rejected_lines(),
                self.warnings.len()
            )
        };
        out.push_str(&counts);
        let line_word = if en { "line" } else { "ligne" };
        let sep = if en { ": " } else { " : " };
        let sections = [
            (
                &self.rejected,
                if en {
                    "Rejected (not stored):\n"
                } else {
                    "Rejets (rien n'est enregistré pour ces lignes) :\n"
                },
            ),
            (
                &self.warnings,
                if en {
                    "Warnings:\n"
                } else {
                    "Avertissements :\n"
                },
            ),
        ];
        for (issues, title) in sections {
            if issues.is_empty() {
                continue;
            }
            out.push_str(title);
            // Each kind of issue is listed up to SHOWN_PER_KIND times; the rest is counted.
            let mut shown: Vec<(std::mem::Discriminant<IssueKind>, usize)> = Vec::new();
            for i in issues.iter() {
                let d = std::mem::discriminant(&i.kind);
                let n = match shown.iter_mut().find(|(k, _)| *k == d) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        shown.push((d, 1));
                        1
                    }
                };
                if n <= SHOWN_PER_KIND {
                    out.push_str(&format!(
                        "  {line_word} {}, {}{sep}{}\n",
                        i.line, i.field, i.reason
                    ));
                }
            }
            let hidden: usize = shown
                .iter()
                .map(|(_, n)| n.saturating_sub(SHOWN_PER_KIND))
                .sum();
            if hidden > 0 {
                out.push_str(&if en {
                    format!("  … and {hidden} more of the same kinds (--json lists them all)\n")
                } else {
                    format!("  … et {hidden} autres des mêmes types (--json les liste toutes)\n")
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_is_exactly_the_issue_s() {
        let r = ImportReport {
            created: 2,
            skipped: 1,
            rejected: vec![Issue::new(
                7,
                Field::Siret,
                IssueKind::SiretScientific("1,23457E+13".into()),
                false,
            )],
            file: "f.csv".into(),
            records: 4,
            ..Default::default()
        };
        let text = serde_json::to_string(&r).unwrap();
        assert!(
            text.starts_with(
                r#"{"created":2,"updated":0,"unchanged":0,"skipped":1,"rejected":[{"line":7,"field":"siret","reason":"#
            ),
            "{text}"
        );
        assert!(text.ends_with(r#"],"warnings":[]}"#), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 6);
        let rej = &v["rejected"][0];
        assert_eq!(rej["line"], 7);
        assert_eq!(rej["field"], "siret");
        assert!(rej["reason"].as_str().unwrap().contains("Texte"));
        assert_eq!(rej.as_object().unwrap().len(), 3);
    }

    #[test]
    fn renders_in_french_and_english() {
        let r = ImportReport {
            created: 5,
            warnings: vec![Issue::new(
                5,
                Field::Siret,
                IssueKind::SiretPadded("00987654100013".into(), 12),
                false,
            )],
            file: "f.csv".into(),
            written: true,
            ..Default::default()
        };
        let fr = r.render(false);
        assert!(fr.contains("créés : 5"), "{fr}");
        assert!(fr.contains("ligne 5, siret : SIRET de 12 chiffres"), "{fr}");
        let mut r_en = r.clone();
        r_en.warnings = vec![Issue::new(
            5,
            Field::Siret,
            IssueKind::SiretPadded("00987654100013".into(), 12),
            true,
        )];
        let en = r_en.render(true);
        assert!(en.contains("created: 5"), "{en}");
        assert!(en.contains("line 5, siret: SIRET of 12 digits"), "{en}");
    }

    #[test]
    fn quoted_cells_and_file_name_are_sanitized() {
        let p = "\u{1b}]0;titre\u{7}\u{1b}[2J\u{9b}31m\u{85}\u{202e}\u{2066}";
        let kinds = [
            IssueKind::SiretNotDigits(format!("7328{p}2932")),
            IssueKind::Count(format!("4{p}2")),
            IssueKind::Amount(format!("12{p}34")),
            IssueKind::DateFormat(format!("15/{p}03")),
            IssueKind::UnknownColumns(vec![format!("col{p}onne")]),
            IssueKind::JsonSyntax(format!("at {p}")),
        ];
        let r = ImportReport {
            rejected: kinds
                .iter()
                .map(|k| Issue::new(3, Field::Siret, k.clone(), false))
                .collect(),
            file: format!("f{p}.csv"),
            ..Default::default()
        };
        let unsafe_char = |c: char| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        };
        for en in [false, true] {
            let text = r.render(en);
            assert!(!text.chars().any(unsafe_char), "{text:?}");
            assert!(text.contains("f\u{fffd}.csv"), "{text}");
            assert!(text.contains("« 7328\u{fffd}2932 »"), "{text}");
        }
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            !json.contains("\\u001b") && !json.chars().any(unsafe_char),
            "{json}"
        );
    }

    #[test]
    fn long_lists_are_cut_per_kind_in_text_only() {
        let r = ImportReport {
            warnings: (2..60)
                .map(|l| Issue::new(l, Field::Siret, IssueKind::SiretMissing, false))
                .chain([Issue::new(
                    70,
                    Field::Postcode,
                    IssueKind::PostcodePadded("01500".into()),
                    false,
                )])
                .collect(),
            ..Default::default()
        };
        let text = r.render(false);
        assert_eq!(text.matches("SIRET absent").count(), SHOWN_PER_KIND);
        assert!(text.contains("ligne 70, code_postal"), "{text}");
        assert!(text.contains("… et 38 autres"), "{text}");
        assert_eq!(
            serde_json::to_value(&r).unwrap()["warnings"]
                .as_array()
                .unwrap()
                .len(),
            59
        );
    }
}
