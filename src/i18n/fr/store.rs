//! The store's texts in French.

use crate::i18n::store::StoreTexts;

/// The store's texts in French.
pub static STORE: StoreTexts = StoreTexts {
    locked: |p| {
        format!("le dossier de données {p} est déjà ouvert par un autre processus sourcing.\n  Fermez l'autre session, ou choisissez un autre dossier avec --store DIR.")
    },
    too_new: |p, found, supported| {
        format!("le dossier de données {p} a le schéma v{found}, plus récent que celui de ce programme (v{supported}) : mettez sourcing à jour.")
    },
    slot_taken: |what| format!("créneau déjà pris : {what} a déjà un rendez-vous à ce créneau"),
    conflict_table: |name| format!("la table {name}"),
    conflict_buyer: |login| format!("l'acheteur {login}"),
    conflict_supplier: |name| format!("le fournisseur {name}"),
    duplicate_siret: |siret| format!("le SIRET {siret} appartient déjà à un autre fournisseur"),
    not_found: |what| format!("{what} introuvable"),
    missing_supplier: "fournisseur",
    missing_need: "besoin",
    missing_meeting: "rendez-vous",
    io: |d| {
        format!(
            "erreur d'accès au dossier de données : {d}. Vérifiez l'espace disque et les droits."
        )
    },
    corrupt: |d| format!("donnée illisible dans le dossier de données ({d})"),
    need_no_title: "le besoin n'a pas de titre : donnez-lui un titre",
    need_lot_numbers: "numéros de lot invalides : chaque lot a un numéro unique à partir de 1",
    need_no_such_lot: |need, lot| format!("le besoin « {need} » n'a pas de lot {lot}"),
    day_hours: |d, o, c| {
        format!("journée du {d} : l'ouverture ({o}) doit précéder la fermeture ({c})")
    },
    day_slot_too_short: |d| format!("journée du {d} : un créneau dure au moins 5 minutes"),
    day_no_table: |d| format!("journée du {d} : indiquez au moins une table"),
    meeting_already_planned:
        "ce rendez-vous existe déjà : changez son statut au lieu de le replanifier",
    meeting_no_buyer: "rendez-vous sans acheteur : indiquez au moins un acheteur",
    meeting_no_table: "rendez-vous sans table : choisissez une table",
    meeting_no_such_slot: |s, d| {
        format!("le créneau {s} n'existe pas le {d} (pause ou hors horaires)")
    },
    meeting_no_such_table: |t, d, all| {
        format!("la table « {t} » n'existe pas le {d} : tables {all}")
    },
    outcome_rating: |r| format!("note {r} invalide : donnez une note de 1 à 5"),
};
