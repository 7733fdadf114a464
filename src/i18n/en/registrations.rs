//! English words of the registration import.

use crate::i18n::registrations::RegistrationTexts;

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// English.
pub const REGISTRATIONS: RegistrationTexts = RegistrationTexts {
    summary: |lines, matched, unmatched, rejected| {
        format!(
            "Registrations: {} read, {} matched, {} unmatched, {} rejected.",
            plural(lines, "line", "lines"),
            plural(matched, "supplier", "suppliers"),
            plural(unmatched, "line", "lines"),
            plural(rejected, "line", "lines"),
        )
    },
    day_line: |date, registered, created, updated, unchanged, dropped| {
        let mut parts = Vec::new();
        if created > 0 {
            parts.push(format!("{created} new"));
        }
        if updated > 0 {
            parts.push(format!("{updated} updated"));
        }
        if unchanged > 0 {
            parts.push(format!("{unchanged} unchanged"));
        }
        if dropped > 0 {
            parts.push(format!("{dropped} dropped"));
        }
        format!(
            "  Forum day {date}: {} registered ({}).",
            registered,
            parts.join(", ")
        )
    },
    day_kept: |date, registered| {
        format!("  Forum day {date}: {registered} registered (unchanged, not in the file).")
    },
    unmatched_head: "Unmatched (fix them in the file, or import them into the directory first):",
    unmatched_line: |line, who, why| format!("  line {line}: {who} — {why}"),
    rejected_head: "Rejected:",
    warnings_head: "Warnings:",
    issue_line: |line, field, why| format!("  line {line}, {field}: {why}"),
    dry_run: "Nothing was written (--dry-run).",
    siret_unusable: |why| format!("{why}; looking it up by name and postcode"),
    ambiguous: |n| format!("{n} directory suppliers fit: give the establishment's SIRET"),
    no_postcode: "no postcode: a name alone is not enough, give the SIRET or the postcode",
    unknown_siret: "no directory supplier has this SIRET (nor this name and postcode)",
    unknown: "no directory supplier has this name and postcode",
    matched_by_name: |name| {
        format!("SIRET not in the directory: matched by name and postcode ({name})")
    },
    twice: |name, first| format!("{name} is already on line {first}: this line wins"),
    unknown_day: |day| format!("\"{day}\" is not a forum day (see sourcing day list)"),
    no_day: "no day given",
    bad_availability: |part| {
        format!("availability \"{part}\" not understood: write morning, afternoon, 14:00–17:00, or leave it empty for the whole day")
    },
    err_no_forum_day: "No forum day yet: create it first (sourcing day add 2027-03-17), then import the registrations.",
    err_no_header: |file| {
        format!("{file}: no header line names a SIRET or company name column (e.g. \"SIRET;Company;Postcode;Days;Availability\").")
    },
    err_spreadsheet: |file| {
        format!("{file} is a workbook (Excel or LibreOffice), not a CSV: save it as \"CSV UTF-8\" or \"CSV (semicolon)\", then import that file.")
    },
    err_read: |file, why| format!("Cannot read {file}: {why}"),
};
