//! French column names of the CSV exports.

use crate::i18n::export::ExportTexts;

/// French.
pub const EXPORT: ExportTexts = ExportTexts {
    journal_columns: ["n", "date", "auteur", "objet", "id", "action", "resume"],
    meeting_columns: [
        "rdv",
        "jour",
        "debut",
        "fin",
        "table",
        "fournisseur",
        "siret",
        "acheteurs",
        "besoin",
        "statut",
        "debut_reel",
        "fin_reelle",
        "suite_a_donner",
        "note",
        "compte_rendu",
        "date_relance",
        "suite_ulterieure",
        "saisi_par",
        "saisi_le",
        "versions_compte_rendu",
        "id_fournisseur",
        "decalage_utc",
    ],
    need_lot: |need, n, lot| format!("{need} — lot {n} : {lot}"),
    shortlist_columns: [
        "id_besoin",
        "besoin",
        "lot",
        "titre_lot",
        "id_fournisseur",
        "fournisseur",
        "siret",
        "score",
        "explication",
        "statut",
        "note_acheteur",
        "rang_manuel",
    ],
};
