//! What an import did: counts, rejected lines and warnings, each with its physical line in
//! the file, its field and the reason, in French (or English).

use super::header::Field;
use crate::domain::text::{sanitize, sanitize_marked};
use crate::domain::SupplierId;
use crate::i18n::import::ImportCounts;
use crate::i18n::{texts, Lang, Render};
use serde::Serialize;

/// Why a line was rejected or flagged. Rendered in French or English by [`IssueKind::text`]
/// (the words are in [`crate::i18n::import`]).
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

impl IssueKind {
    /// The reason in `lang`, on one line. The cells it quotes come raw from the file, so the
    /// whole text goes through [`sanitize_marked`]: no escape sequence, control character
    /// (tab and line breaks become spaces), C1 control or bidi override reaches a terminal
    /// through the report, in text or JSON, and a "�" shows where something was removed.
    pub fn text(&self, lang: Lang) -> String {
        sanitize_marked(&(texts(lang).import.issue)(self))
    }
}

impl Render for IssueKind {
    fn render(&self, lang: Lang) -> String {
        self.text(lang)
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
    pub fn new(line: u64, field: Field, kind: IssueKind, lang: Lang) -> Issue {
        Issue::about(line, field.name(), kind, lang)
    }
    /// An issue about something that is not one field ("fichier", "encodage", "json").
    pub fn about(line: u64, what: &str, kind: IssueKind, lang: Lang) -> Issue {
        Issue {
            line,
            field: sanitize(what, false),
            reason: kind.text(lang),
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
    pub stored: bool,
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

    /// The report for humans in `lang`. The file name is shown sanitized (a name can hold
    /// escape sequences); reasons are sanitized when built.
    pub fn render(&self, lang: Lang) -> String {
        let t = &texts(lang).import;
        let mut out = String::new();
        let file = sanitize_marked(&self.file);
        let head = match (self.dry_run, self.stored) {
            (true, _) => (t.head_dry_run)(&file),
            (false, true) => (t.head_written)(&file),
            (false, false) => (t.head_up_to_date)(&file),
        };
        out.push_str(&head);
        out.push('\n');
        out.push_str(&(t.counts)(&ImportCounts {
            created: self.created,
            updated: self.updated,
            unchanged: self.unchanged,
            skipped: self.skipped,
            rejected_lines: self.rejected_lines(),
            warnings: self.warnings.len(),
        }));
        let (line_word, sep) = (t.line_word, t.sep);
        let sections = [
            (&self.rejected, t.rejected_title),
            (&self.warnings, t.warnings_title),
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
                out.push_str(&(t.more)(hidden));
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
                Lang::Fr,
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
                Lang::Fr,
            )],
            file: "f.csv".into(),
            stored: true,
            ..Default::default()
        };
        let fr = r.render(Lang::Fr);
        assert!(fr.contains("créés : 5"), "{fr}");
        assert!(fr.contains("ligne 5, siret : SIRET de 12 chiffres"), "{fr}");
        let mut r_en = r.clone();
        r_en.warnings = vec![Issue::new(
            5,
            Field::Siret,
            IssueKind::SiretPadded("00987654100013".into(), 12),
            Lang::En,
        )];
        let en = r_en.render(Lang::En);
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
                .map(|k| Issue::new(3, Field::Siret, k.clone(), Lang::Fr))
                .collect(),
            file: format!("f{p}.csv"),
            ..Default::default()
        };
        let unsafe_char = |c: char| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        };
        for lang in [Lang::Fr, Lang::En] {
            let text = r.render(lang);
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
                .map(|l| Issue::new(l, Field::Siret, IssueKind::SiretMissing, Lang::Fr))
                .chain([Issue::new(
                    70,
                    Field::Postcode,
                    IssueKind::PostcodePadded("01500".into()),
                    Lang::Fr,
                )])
                .collect(),
            ..Default::default()
        };
        let text = r.render(Lang::Fr);
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
