//! French words of the registration import.

use crate::i18n::registrations::RegistrationTexts;

fn plural(n: usize, one: &str, many: &str) -> String {
    if n <= 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// French.
pub const REGISTRATIONS: RegistrationTexts = RegistrationTexts {
    summary: |lines, matched, unmatched, rejected| {
        format!(
            "Inscriptions : {} lue{}, {} reconnu{}, {} non reconnue{}, {} rejetée{}.",
            plural(lines, "ligne", "lignes"),
            if lines > 1 { "s" } else { "" },
            plural(matched, "fournisseur", "fournisseurs"),
            if matched > 1 { "s" } else { "" },
            plural(unmatched, "ligne", "lignes"),
            if unmatched > 1 { "s" } else { "" },
            plural(rejected, "ligne", "lignes"),
            if rejected > 1 { "s" } else { "" },
        )
    },
    day_line: |date, registered, created, updated, unchanged, dropped| {
        let mut parts = Vec::new();
        if created > 0 {
            parts.push(plural(created, "nouveau", "nouveaux"));
        }
        if updated > 0 {
            parts.push(plural(updated, "mis à jour", "mis à jour"));
        }
        if unchanged > 0 {
            parts.push(plural(unchanged, "inchangé", "inchangés"));
        }
        if dropped > 0 {
            parts.push(plural(dropped, "retiré", "retirés"));
        }
        format!(
            "  Journée du {date} : {} ({}).",
            plural(registered, "inscrit", "inscrits"),
            parts.join(", ")
        )
    },
    day_kept: |date, registered| {
        format!(
            "  Journée du {date} : {} (inchangée, absente du fichier).",
            plural(registered, "inscrit", "inscrits")
        )
    },
    unmatched_head: "Non reconnues (à corriger dans le fichier ou à importer d'abord dans l'annuaire) :",
    unmatched_line: |line, who, why| format!("  ligne {line} : {who} — {why}"),
    rejected_head: "Rejetées :",
    warnings_head: "Avertissements :",
    issue_line: |line, field, why| format!("  ligne {line}, {field} : {why}"),
    dry_run: "Rien n'a été écrit (--dry-run).",
    siret_unusable: |why| format!("{why} ; recherche par nom et code postal"),
    ambiguous: |n| {
        format!("{n} fournisseurs de l'annuaire correspondent : donnez le SIRET de l'établissement")
    },
    no_postcode: "pas de code postal : le nom seul ne suffit pas, donnez le SIRET ou le code postal",
    unknown_siret: "aucun fournisseur de l'annuaire n'a ce SIRET (ni ce nom et ce code postal)",
    unknown: "aucun fournisseur de l'annuaire n'a ce nom et ce code postal",
    matched_by_name: |name| {
        format!("SIRET absent de l'annuaire : reconnu par son nom et son code postal ({name})")
    },
    twice: |name, first| {
        format!("{name} figure déjà ligne {first} : cette ligne-ci l'emporte")
    },
    unknown_day: |day| {
        format!("« {day} » n'est pas une journée du forum (voir sourcing day list)")
    },
    no_day: "aucune journée indiquée",
    bad_availability: |part| {
        format!("disponibilité « {part} » illisible : écrivez matin, après-midi, 14:00–17:00 ou laissez vide pour toute la journée")
    },
    err_no_forum_day: "Aucune journée du forum : créez-la d'abord (sourcing day add 2027-03-17), puis importez les inscriptions.",
    err_no_header: |file| {
        format!("{file} : aucune ligne d'en-tête ne nomme une colonne SIRET ou raison sociale (ex. « SIRET;Raison sociale;Code postal;Jours;Disponibilité »).")
    },
    err_spreadsheet: |file| {
        format!("{file} est un classeur (Excel ou LibreOffice), pas un CSV : enregistrez-le au format « CSV UTF-8 » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.")
    },
    err_read: |file, why| format!("Impossible de lire {file} : {why}"),
};
