//! French words of the library errors outside the store.

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

/// French.
pub const ERRORS: ErrorTexts = ErrorTexts {
    draft,
    snapshot,
    vocab,
    export,
    import,
    map,
    invalid_cpv: |InvalidCpv(c)| {
        format!("code CPV invalide {c:?} : 8 chiffres attendus, éventuellement suivis de -clé (ex. 45210000-2)")
    },
    outcome: |e| match e {
        OutcomeError::Rating(n) => format!("note {n} invalide : donnez une note de 1 à 5"),
        OutcomeError::RatingRequired => {
            "note manquante : choisissez une note de 1 à 5 (sauf si le rendez-vous n'a pas eu lieu)"
                .to_string()
        }
    },
    id,
    service: |e| match e {
        ServiceError::Unavailable => "le service de recherche ou de classement ne répond plus : \
            rien n'a changé ; réessayez, ou quittez et relancez sourcing"
            .to_string(),
    },
};

fn draft(e: &DraftError) -> String {
    match e {
        DraftError::Io { path, source } => format!("{} : {source}", path.display()),
        DraftError::Unreadable { path, reason } => {
            format!("{} : brouillon illisible ({reason})", path.display())
        }
    }
}

fn snapshot(e: &SnapshotError) -> String {
    match e {
        SnapshotError::Io(e) => format!("instantané de l'index de recherche illisible : {e}"),
        SnapshotError::Format(why) => {
            format!("instantané de l'index de recherche invalide : {why}")
        }
        SnapshotError::Stale => "instantané de l'index de recherche périmé".to_string(),
    }
}

fn vocab(e: &VocabError) -> String {
    match e {
        VocabError::Io { path, source } => {
            format!("lecture de {} impossible : {source}", path.display())
        }
        VocabError::Csv { path, message } => format!("{} : {message}", path.display()),
        VocabError::Incomplete { path } => format!(
            "{} : vocabulaire incomplet (noms, objets, communes, CPV et NAF sont requis)",
            path.display()
        ),
    }
}

fn export(e: &ExportError) -> String {
    match e {
        ExportError::Store(e) => crate::i18n::store::render_for(e, Lang::Fr),
        ExportError::Io(e) => format!(
            "écriture impossible : {e}. Vérifiez l'espace disque et les droits du fichier de sortie."
        ),
    }
}

fn import(e: &ImportError) -> String {
    match e {
        ImportError::Open { path, source } => format!(
            "impossible d'ouvrir {path} : {}. Vérifiez le chemin et les droits de lecture.",
            crate::i18n::errors::io_reason(source, Lang::Fr)
        ),
        ImportError::Read { file, source } => {
            format!("lecture de {file} interrompue : {source}. Rien n'a été importé.")
        }
        ImportError::Map(e) => map(e),
        ImportError::Empty(file) => format!("{file} est vide : rien à importer."),
        ImportError::Spreadsheet(file) => format!("{file} est un classeur (Excel ou LibreOffice), pas un CSV : ouvrez-le et enregistrez-le au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier."),
        ImportError::NoNameColumn { file, headers } => format!("{file} : aucune colonne ne donne la raison sociale (colonnes lues : {headers}). Nommez-la « raison_sociale » ou ajoutez --map \"COLONNE=raison_sociale\"."),
        ImportError::Refused(r) => format!("import refusé (--strict) : {} ligne(s) rejetée(s) dans {}, rien n'a été écrit. Corrigez-les ou relancez sans --strict.", r.rejected_lines(), r.file),
        ImportError::Store(e) => format!("rien n'a été importé : {}", crate::i18n::store::render_for(e, Lang::Fr)),
    }
}

fn map(e: &MapError) -> String {
    match e {
        MapError::Syntax(given) => {
            format!("--map {given:?} : écrivez COLONNE=champ, par exemple --map \"N° SIRET=siret\"")
        }
        MapError::UnknownField {
            given,
            field,
            known,
        } => format!("--map {given:?} : champ {field:?} inconnu ; champs possibles : {known}"),
    }
}

fn id(e: &IdError) -> String {
    match e {
        IdError::Length(s, n) => format!("{s:?} : {n} chiffres attendus"),
        IdError::NotDigits(s) => format!("{s:?} : seuls des chiffres sont permis"),
        IdError::Luhn(s) => format!("{s:?} : clé de contrôle (Luhn) invalide"),
    }
}
