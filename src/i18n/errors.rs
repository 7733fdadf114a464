//! Library errors in words. Each error enum outside the store holds typed fields only; its
//! words are here, one function per enum in each language, and [`Render`] gives them in the
//! reader's language. `Display` is the French rendering (what logs and `anyhow` chains show).

use super::{texts, Lang, Render};
use crate::app::drafts::DraftError;
use crate::app::ServiceError;
use crate::domain::cpv::InvalidCpv;
use crate::domain::outcome::OutcomeError;
use crate::domain::siret::IdError;
use crate::io::export::ExportError;
use crate::io::import::header::MapError;
use crate::io::import::ImportError;
use crate::search::synthetic::VocabError;
use crate::search::SnapshotError;
use std::fmt;

/// The words of every library error outside the store, in one language.
#[derive(Debug)]
pub struct ErrorTexts {
    /// A draft file could not be read or written.
    pub draft: fn(&DraftError) -> String,
    /// The search index snapshot cannot be read.
    pub snapshot: fn(&SnapshotError) -> String,
    /// The synthetic directory's vocabulary cannot be read.
    pub vocab: fn(&VocabError) -> String,
    /// An export failed (a store error is rendered by the store's catalogue).
    pub export: fn(&ExportError) -> String,
    /// An import did not run or was refused.
    pub import: fn(&ImportError) -> String,
    /// A `--map` option is refused.
    pub map: fn(&MapError) -> String,
    /// A string is not a CPV code.
    pub invalid_cpv: fn(&InvalidCpv) -> String,
    /// An outcome is refused.
    pub outcome: fn(&OutcomeError) -> String,
    /// A string is not a SIRET or SIREN.
    pub id: fn(&IdError) -> String,
    /// A search or ranking service did not answer.
    pub service: fn(&ServiceError) -> String,
}

macro_rules! render_and_display {
    ($($ty:ty => $field:ident),* $(,)?) => {$(
        impl Render for $ty {
            fn render(&self, lang: Lang) -> String {
                (texts(lang).errors.$field)(self)
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.render(Lang::Fr))
            }
        }
    )*};
}

render_and_display!(
    DraftError => draft,
    SnapshotError => snapshot,
    VocabError => vocab,
    ExportError => export,
    ImportError => import,
    MapError => map,
    InvalidCpv => invalid_cpv,
    OutcomeError => outcome,
    IdError => id,
    ServiceError => service,
);

/// `e` in `lang` when it is one of the library's errors (listed here), else None. Used at
/// the edge, where errors arrive as `dyn Error` in an `anyhow` chain.
pub fn render_known(e: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    macro_rules! try_types {
        ($($ty:ty),*) => {$(
            if let Some(x) = e.downcast_ref::<$ty>() {
                return Some(x.render(lang));
            }
        )*};
    }
    if let Some(x) = e.downcast_ref::<crate::store::StoreError>() {
        return Some(super::store::render_for(x, lang));
    }
    try_types!(
        crate::store::backup::BackupError,
        ImportError,
        ExportError,
        MapError,
        DraftError,
        InvalidCpv,
        OutcomeError,
        IdError,
        ServiceError,
        SnapshotError,
        VocabError
    );
    None
}

/// An `anyhow` chain in `lang`, as `{:#}` shows it (causes joined by ": "): each library
/// error rendered by the catalogue, anything else (system errors, context lines) as it is.
///
/// A library error's rendering already says its cause (in `lang`), so the chain stops
/// there: the system's English text is never repeated after it.
pub fn chain_text(e: &anyhow::Error, lang: Lang) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        match render_known(cause, lang) {
            Some(known) => {
                parts.push(known);
                break;
            }
            None => parts.push(cause.to_string()),
        }
    }
    parts.join(": ")
}

/// The system's reason for an I/O error in `lang`, for the common kinds (no such file,
/// permission denied, a folder given for a file); else the system's own text.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    let (fr, en) = match e.kind() {
        ErrorKind::NotFound => ("fichier introuvable", "no such file"),
        ErrorKind::PermissionDenied => ("accès refusé", "permission denied"),
        ErrorKind::IsADirectory => (
            "c'est un dossier, pas un fichier",
            "it is a folder, not a file",
        ),
        _ => return e.to_string(),
    };
    match lang {
        Lang::Fr => fr.to_string(),
        Lang::En => en.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import::ImportReport;
    use crate::store::StoreError;
    use std::io;
    use std::path::PathBuf;

    fn io_err() -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, "EACCES")
    }

    /// Every variant of every error, with a word its rendering must name (the file, field or
    /// value it is about), and whether its words are ours (false: the store's, rendered by
    /// the store's catalogue until the store branch is merged).
    fn every_error() -> Vec<(Box<dyn Render>, &'static str, bool)> {
        let report = ImportReport {
            file: "fournisseurs.csv".into(),
            ..Default::default()
        };
        let map = MapError::UnknownField {
            given: "SIRET=sirette".into(),
            field: "sirette".into(),
            known: "siret, siren".into(),
        };
        let all: Vec<(Box<dyn Render>, &'static str, bool)> = vec![
            (
                Box::new(DraftError::Io {
                    path: PathBuf::from("/tmp/brouillon.json"),
                    source: io_err(),
                }),
                "brouillon.json",
                true,
            ),
            (
                Box::new(DraftError::Unreadable {
                    path: PathBuf::from("/tmp/brouillon.json"),
                    reason: "EOF".into(),
                }),
                "brouillon.json",
                true,
            ),
            (Box::new(SnapshotError::Io(io_err())), "EACCES", true),
            (
                Box::new(SnapshotError::Format("magic".into())),
                "magic",
                true,
            ),
            (Box::new(SnapshotError::Stale), "", true),
            (
                Box::new(VocabError::Io {
                    path: PathBuf::from("mots.csv"),
                    source: io_err(),
                }),
                "mots.csv",
                true,
            ),
            (
                Box::new(VocabError::Csv {
                    path: PathBuf::from("mots.csv"),
                    message: "ligne 3".into(),
                }),
                "mots.csv",
                false, // path and the parser's message only: no words of ours.
            ),
            (
                Box::new(VocabError::Incomplete {
                    path: PathBuf::from("vocab"),
                }),
                "vocab",
                true,
            ),
            (
                Box::new(ExportError::Store(StoreError::Io("disque".into()))),
                "disque",
                false,
            ),
            (Box::new(ExportError::Io(io_err())), "EACCES", true),
            (
                Box::new(ImportError::Open {
                    path: "f.csv".into(),
                    source: io_err(),
                }),
                "f.csv",
                true,
            ),
            (
                Box::new(ImportError::Read {
                    file: "f.csv".into(),
                    source: io_err(),
                }),
                "f.csv",
                true,
            ),
            (Box::new(ImportError::Map(map.clone())), "sirette", true),
            (Box::new(ImportError::Empty("f.csv".into())), "f.csv", true),
            (
                Box::new(ImportError::Spreadsheet("f.xlsx".into())),
                "f.xlsx",
                true,
            ),
            (
                Box::new(ImportError::NoNameColumn {
                    file: "f.csv".into(),
                    headers: "« nom »".into(),
                }),
                "« nom »",
                true,
            ),
            (
                Box::new(ImportError::Refused(Box::new(report))),
                "fournisseurs.csv",
                true,
            ),
            (
                Box::new(ImportError::Store(StoreError::Io("disque".into()))),
                "disque",
                true,
            ),
            (Box::new(MapError::Syntax("SIRET".into())), "SIRET", true),
            (Box::new(map), "sirette", true),
            (Box::new(InvalidCpv("4521".into())), "4521", true),
            (Box::new(OutcomeError::Rating(9)), "9", true),
            (Box::new(ServiceError::Unavailable), "", true),
            (Box::new(IdError::Length("123".into(), 14)), "14", true),
            (Box::new(IdError::NotDigits("12a".into())), "12a", true),
            (
                Box::new(IdError::Luhn("12345678901234".into())),
                "12345678901234",
                true,
            ),
        ];
        all
    }

    /// Fails to compile when a variant is added without being listed in [`every_error`].
    #[allow(dead_code, clippy::too_many_arguments)]
    fn listed(
        d: &DraftError,
        s: &SnapshotError,
        v: &VocabError,
        x: &ExportError,
        i: &ImportError,
        m: &MapError,
        o: &OutcomeError,
        id: &IdError,
        sv: &ServiceError,
    ) {
        match d {
            DraftError::Io { .. } | DraftError::Unreadable { .. } => {}
        }
        match s {
            SnapshotError::Io(_) | SnapshotError::Format(_) | SnapshotError::Stale => {}
        }
        match v {
            VocabError::Io { .. } | VocabError::Csv { .. } | VocabError::Incomplete { .. } => {}
        }
        match x {
            ExportError::Store(_) | ExportError::Io(_) => {}
        }
        match i {
            ImportError::Open { .. }
            | ImportError::Read { .. }
            | ImportError::Map(_)
            | ImportError::Empty(_)
            | ImportError::Spreadsheet(_)
            | ImportError::NoNameColumn { .. }
            | ImportError::Refused(_)
            | ImportError::Store(_) => {}
        }
        match m {
            MapError::Syntax(_) | MapError::UnknownField { .. } => {}
        }
        match o {
            OutcomeError::Rating(_) | OutcomeError::RatingRequired => {}
        }
        match id {
            IdError::Length(..) | IdError::NotDigits(_) | IdError::Luhn(_) => {}
        }
        match sv {
            ServiceError::Unavailable => {}
        }
    }

    #[test]
    fn every_error_renders_in_both_languages_and_names_what_it_is_about() {
        for (e, needle, ours) in every_error() {
            let fr = e.render(Lang::Fr);
            let en = e.render(Lang::En);
            assert!(
                !fr.trim().is_empty() && !en.trim().is_empty(),
                "{fr:?} {en:?}"
            );
            assert!(
                fr.contains(needle),
                "French {fr:?} does not name {needle:?}"
            );
            assert!(
                en.contains(needle),
                "English {en:?} does not name {needle:?}"
            );
            if ours {
                assert_ne!(fr, en, "same words in both languages: {fr:?}");
            }
        }
    }

    #[test]
    fn an_anyhow_chain_is_shown_in_the_reader_s_language() {
        let e = anyhow::Error::new(ImportError::Empty("f.csv".into()));
        assert_eq!(chain_text(&e, Lang::Fr), format!("{e:#}"));
        assert_eq!(
            chain_text(&e, Lang::En),
            "f.csv is empty: nothing to import."
        );
        let e = e.context("sourcing import");
        assert_eq!(
            chain_text(&e, Lang::En),
            "sourcing import: f.csv is empty: nothing to import."
        );
        assert_eq!(chain_text(&e, Lang::Fr), format!("{e:#}"));
    }

    #[test]
    fn display_is_the_french_rendering() {
        let e = ImportError::Empty("f.csv".into());
        assert_eq!(e.to_string(), e.render(Lang::Fr));
        assert_eq!(e.to_string(), "f.csv est vide : rien à importer.");
        assert_eq!(e.render(Lang::En), "f.csv is empty: nothing to import.");
    }

    #[test]
    fn pure_errors_travel_as_data() {
        let e = MapError::UnknownField {
            given: "a=b".into(),
            field: "b".into(),
            known: "siret".into(),
        };
        let json = serde_json::to_string(&e).unwrap();
        let back: MapError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
        let back: IdError =
            serde_json::from_str(&serde_json::to_string(&IdError::Luhn("1".into())).unwrap())
                .unwrap();
        assert_eq!(back, IdError::Luhn("1".into()));
    }
}
