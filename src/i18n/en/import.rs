//! English texts of the import report.

use crate::i18n::import::{quoted, ImportTexts};
use crate::io::import::report::IssueKind;

/// English.
pub const IMPORT: ImportTexts = ImportTexts {
    issue,
    head_dry_run: |file| {
        format!("Dry run of the import of {file} (--dry-run): nothing was written.")
    },
    head_written: |file| format!("Import of {file} done."),
    head_up_to_date: |file| {
        format!("Import of {file} done: nothing to write, the store was already up to date.")
    },
    counts: |c| {
        format!(
            "  created: {}  updated: {}  unchanged: {}  empty rows skipped: {}  rejected lines: {}  warnings: {}\n",
            c.created, c.updated, c.unchanged, c.skipped, c.rejected_lines, c.warnings
        )
    },
    line_word: "line",
    sep: ": ",
    rejected_title: "Rejected (not stored):\n",
    warnings_title: "Warnings:\n",
    more: |n| format!("  … and {n} more of the same kinds (--json lists them all)\n"),
};

fn issue(kind: &IssueKind) -> String {
    use IssueKind::*;
    match kind {
        SiretScientific(c) => {
            format!("SIRET in scientific notation ({c}): Excel lost its last digits and nothing is guessed. In Excel, format the SIRET column as Text, re-enter or re-export the SIRETs, then import again")
        }
        SiretNotDigits(c) => {
            format!(
                "SIRET {} holds something other than digits and spaces",
                quoted(c)
            )
        }
        SiretLength(d, n) => {
            format!("SIRET {d} has {n} digits: a SIRET has 14 (9 for a SIREN alone)")
        }
        SiretPaddedLuhn(d) => {
            format!("SIRET {d} has {} digits and fails the check digit even with leading zeros restored: check it", d.len())
        }
        SiretLuhn(d) => {
            format!("SIRET {d} fails the check digit (Luhn): a digit is wrong, check it on annuaire-entreprises.data.gouv.fr")
        }
        SirenLuhn(d) => {
            format!("SIREN {d} fails the check digit (Luhn): check it")
        }
        SirenPartLuhn(d) => {
            let siren = d.get(..9).unwrap_or(d);
            format!("SIRET {d}: its SIREN {siren} fails the check digit (Luhn), so the number is wrong; check it on annuaire-entreprises.data.gouv.fr")
        }
        MissingName => {
            "empty name: every supplier needs its legal name".to_string()
        }
        Amount(c) => {
            format!("amount {} not readable: write e.g. 1 234 567,89", quoted(c))
        }
        NumberScientific(c) => {
            format!("number in scientific notation {}: digits may be lost; format the column as Number in Excel", quoted(c))
        }
        Negative(c) => {
            format!("negative value {}", quoted(c))
        }
        Count(c) => {
            format!(
                "headcount {} not readable: a whole number is expected (e.g. 42)",
                quoted(c)
            )
        }
        DateFormat(c) => {
            format!(
                "date {} not readable: write DD/MM/YYYY or YYYY-MM-DD",
                quoted(c)
            )
        }
        DateImpossible(c) => {
            format!("impossible date {}: that day does not exist", quoted(c))
        }
        Flag(c) => {
            format!(
                "value {} not understood: yes or no expected (oui/non)",
                quoted(c)
            )
        }
        Size(c) => {
            format!(
                "size {} not understood: TPE, PME, ETI or GE expected",
                quoted(c)
            )
        }
        Postcode(c) => {
            format!("postcode {} not valid: 5 digits expected", quoted(c))
        }
        Department(c) => {
            format!("département {} not valid: e.g. 75, 2A, 971", quoted(c))
        }
        ReferenceYear(c) => {
            format!(
                "reference year {} not valid: 4 digits expected (e.g. 2019)",
                quoted(c)
            )
        }
        Naf(c) => {
            format!("NAF code {} not valid: e.g. 62.01Z", quoted(c))
        }
        Cpv(c) => {
            format!("CPV code {} not valid: 8 digits, optionally followed by -check digit (e.g. 45210000-2)", quoted(c))
        }
        TooManyCells(found, expected) => {
            format!("{found} cells for {expected} columns: a cell probably holds the separator without quotes; line left out so that no value lands in the wrong field")
        }
        JsonSyntax(m) => {
            format!("JSON not readable: {m}")
        }
        JsonNotObject => {
            "one JSON object {…} per line is expected".to_string()
        }
        JsonType => {
            "JSON value of an unexpected type for this field".to_string()
        }
        SiretMissing => {
            "no SIRET: supplier stored without one, identified by its name and postcode"
                .to_string()
        }
        SiretDecimal(s) => {
            format!("SIRET read as a decimal number, \".0\" removed: {s}. Format the column as Text in Excel")
        }
        SiretPadded(s, n) => {
            format!("SIRET of {n} digits: leading zeros restored as {s} (its check digit is right). Format the column as Text in Excel")
        }
        SirenOnly(s) => {
            format!("9 digits: stored as SIREN {s} (legal unit, no establishment)")
        }
        SirenMismatch(given, siret) => {
            format!("SIREN {given} differs from that of SIRET {siret}: the SIRET's is kept")
        }
        ReferencesMismatch(values, objects) => {
            let v = if *values == 1 { "value" } else { "values" };
            let r = if *objects == 1 {
                "reference"
            } else {
                "references"
            };
            format!("{values} {v} for {objects} {r}: column ignored for this line (one value per reference, separated by |, empty when unknown)")
        }
        PostcodePadded(p) => {
            format!("4-digit postcode: leading zero restored, {p}")
        }
        Merged(line, id) => {
            format!("same supplier as line {line} ({id}): rows merged, themes and capabilities united")
        }
        UnknownColumns(cols) => {
            let list = cols
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
            format!("columns not recognised, ignored: {list}. Use --map \"COLUMN=field\" to read one")
        }
        DuplicateColumn(h) => {
            format!(
                "column {} ignored: an earlier column already gives this field",
                quoted(h)
            )
        }
        Windows1252 => {
            "text is not UTF-8: read as Windows-1252 (Excel's \"CSV (separator: semicolon)\") from this line on".to_string()
        }
        HeaderBelow(n) => {
            format!("header found on this line: the {n} line(s) above it (a title?) are ignored")
        }
        LongRecord(n) => {
            format!("one record spans {n} lines: check for an unclosed quote")
        }
    }
}
