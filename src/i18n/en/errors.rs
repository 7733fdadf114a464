//! English words of the library errors outside the store.

use crate::app::drafts::DraftError;
use crate::app::ServiceError;
use crate::domain::cpv::InvalidCpv;
use crate::domain::outcome::OutcomeError;
use crate::domain::siret::IdError;
use crate::i18n::errors::ErrorTexts;
use crate::i18n::Lang;
use crate::io::export::ExportError;
use crate::io::import::header::MapError;
use crate::io::import::ImportError;
use crate::search::synthetic::VocabError;
use crate::search::SnapshotError;

/// English.
pub const ERRORS: ErrorTexts = ErrorTexts {
    draft,
    snapshot,
    vocab,
    export,
    import,
    map,
    invalid_cpv: |InvalidCpv(c)| {
        format!("invalid CPV code {c:?}: 8 digits expected, optionally followed by -check digit (e.g. 45210000-2)")
    },
    outcome: |e| match e {
        OutcomeError::Rating(n) => format!("rating {n} not valid: give a rating from 1 to 5"),
        OutcomeError::RatingRequired => {
            "no rating: choose one from 1 to 5 (unless the meeting did not take place)".to_string()
        }
    },
    id,
    service: |e| match e {
        ServiceError::Unavailable => "the search or ranking service no longer answers: \
            nothing changed; try again, or quit and start sourcing again"
            .to_string(),
    },
};

fn draft(e: &DraftError) -> String {
    match e {
        DraftError::Io { path, source } => format!("{}: {source}", path.display()),
        DraftError::Unreadable { path, reason } => {
            format!("{}: unreadable draft ({reason})", path.display())
        }
    }
}

fn snapshot(e: &SnapshotError) -> String {
    match e {
        SnapshotError::Io(e) => format!("search index snapshot not readable: {e}"),
        SnapshotError::Format(why) => format!("search index snapshot not valid: {why}"),
        SnapshotError::Stale => "search index snapshot out of date".to_string(),
    }
}

fn vocab(e: &VocabError) -> String {
    match e {
        VocabError::Io { path, source } => format!("cannot read {}: {source}", path.display()),
        VocabError::Csv { path, message } => format!("{}: {message}", path.display()),
        VocabError::Incomplete { path } => format!(
            "{}: incomplete vocabulary (names, objects, communes, CPV and NAF are required)",
            path.display()
        ),
    }
}

fn export(e: &ExportError) -> String {
    match e {
        ExportError::Store(e) => crate::i18n::store::render_for(e, Lang::En),
        ExportError::Io(e) => format!(
            "cannot write: {e}. Check the free disk space and the output file's permissions."
        ),
    }
}

fn import(e: &ImportError) -> String {
    match e {
        ImportError::Open { path, source } => {
            format!("cannot open {path}: {}. Check the path and the read permissions.",
                crate::i18n::errors::io_reason(source, Lang::En))
        }
        ImportError::Read { file, source } => {
            format!("reading {file} was interrupted: {source}. Nothing was imported.")
        }
        ImportError::Map(e) => map(e),
        ImportError::Empty(file) => format!("{file} is empty: nothing to import."),
        ImportError::Spreadsheet(file) => format!("{file} is a workbook (Excel or LibreOffice), not a CSV: open it, save it as \"CSV UTF-8 (Comma delimited)\" or \"CSV (semicolon separated)\", then import that file."),
        ImportError::NoNameColumn { file, headers } => format!("{file}: no column gives the legal name (columns read: {headers}). Name it \"raison_sociale\" or add --map \"COLUMN=raison_sociale\"."),
        ImportError::Refused(r) => format!("import refused (--strict): {} line(s) rejected in {}, nothing was written. Fix them or run again without --strict.", r.rejected_lines(), r.file),
        ImportError::Store(e) => format!("nothing was imported: {}", crate::i18n::store::render_for(e, Lang::En)),
    }
}

fn map(e: &MapError) -> String {
    match e {
        MapError::Syntax(given) => {
            format!("--map {given:?}: write COLUMN=field, e.g. --map \"SIRET No=siret\"")
        }
        MapError::UnknownField {
            given,
            field,
            known,
        } => format!("--map {given:?}: unknown field {field:?}; possible fields: {known}"),
    }
}

fn id(e: &IdError) -> String {
    match e {
        IdError::Length(s, n) => format!("{s:?}: {n} digits expected"),
        IdError::NotDigits(s) => format!("{s:?}: only digits are allowed"),
        IdError::Luhn(s) => format!("{s:?}: check digit (Luhn) not valid"),
    }
}
