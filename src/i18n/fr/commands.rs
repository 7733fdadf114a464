//! French texts of the commands' output.

use crate::i18n::commands::{comma, CommandTexts};
use crate::i18n::thousands;

/// French.
pub const COMMANDS: CommandTexts = CommandTexts {
    size: |bytes| {
        if bytes >= 1_000_000 {
            format!("{} Mo", comma(bytes as f64 / 1e6))
        } else {
            format!("{} ko", comma(bytes as f64 / 1e3))
        }
    },
    seconds: comma,
    backup: |name, c, size| {
        format!(
            "{name} ({} fournisseurs, {} rendez-vous, {} comptes rendus, {} événements du journal, {size})",
            c.suppliers, c.meetings, c.outcomes, c.journal
        )
    },
    backup_written: |b, s| format!("✔ sauvegarde {b} écrite en {s} s"),
    backup_in: |p| format!("  dans {p}"),
    restored: |dir, b, s| {
        format!("✔ dossier de données {dir} restauré depuis la sauvegarde {b} en {s} s")
    },
    restore_kept: |p| {
        format!("  l'état remplacé est gardé dans {p} : supprimez-le quand tout va bien, ou remettez-le avec `mv`")
    },
    compacted: |s, b, a, l, name| {
        format!("✔ dossier de données compacté en {s} s : {b} → {a} (données vivantes {l}) ; sauvegarde {name} prise avant")
    },
    check_folder: |s| format!("  dossier {s}"),
    check_no_backup: "aucune sauvegarde : lancez `sourcing store backup`",
    check_backup_ok: |b| format!("✔ dernière sauvegarde {b} : empreintes SHA-256 vérifiées"),
    check_all_read: "✔ toutes les valeurs lues et décodées",
    check_problems: |n, dir| {
        format!(
            "{n} problème(s) dans {dir} : restaurez une sauvegarde avec `sourcing store restore`"
        )
    },
    import_bar: "{spinner} lecture [{bar:30}] {bytes}/{total_bytes} {msg}",
    import_writing: |n| format!("écriture de {n} fournisseurs…"),
    export_cannot_write_in: |dir| {
        format!("impossible d'écrire dans {dir} : vérifiez le dossier et les droits")
    },
    export_write_failed: |file, why| format!("écriture de {file} : {why}"),
    export_cannot_create: |file| format!("impossible de créer {file}"),
    exported: |n, file| format!("{n} enregistrements exportés dans {file}"),
    needs_cannot_open: |file| format!("impossible d'ouvrir {file} (--needs)"),
    needs_read_failed: |file| format!("lecture de {file}"),
    no_store: |dir| {
        format!("aucun dossier de données dans {dir} : importez d'abord des fournisseurs avec `sourcing --store {dir} import FICHIER`, ou essayez `sourcing demo`.")
    },
    search_none: "Aucun fournisseur ne correspond à la recherche.\n",
    search_head: ["Raison sociale", "SIRET", "Dépt", "Thématiques", "Score"],
    search_count: |shown, total| {
        let noun = if total > 1 { "fournisseurs" } else { "fournisseur" };
        if shown < total {
            format!("{} sur {} {noun}\n", thousands(shown), thousands(total))
        } else {
            format!("{} {noun}\n", thousands(total))
        }
    },
    report_compute: "calcul du bilan",
    tui_signals: "installation des signaux",
    tui_terminal: "impossible de préparer le terminal",
    tui_input: "impossible de lire le terminal",
    report_json: "bilan en JSON",
    no_home: "impossible de trouver le dossier personnel : indiquez --store DIR",
    bad_login: "identifiant de compte invalide : 1 à 32 caractères parmi a-z, A-Z, 0-9, . _ -, sans - au début (invalid login: 1–32 of a-z A-Z 0-9 . _ -, not starting with -)",
    buyers_empty: "la liste d'accès est vide : tout compte qui ouvre ce dossier de données en est organisateur. Ajoutez un compte avec sourcing buyers add LOGIN --name \"Prénom Nom\" --role buyer",
    buyers_not_listed: |login| format!("{login} n'est pas sur la liste d'accès : rien à retirer."),
    buyers_head: ["Compte", "Nom", "Service", "Rôle"],
    day_no_table: |old, all| format!("✖ la journée n'a pas de table « {old} » : ses tables sont {all}"),
    pour_not_organiser: |me, login| format!("✖ seul un organisateur peut agir pour un autre acheteur (--pour {login}) : {me} n'est pas organisateur ; demandez-le à un organisateur (sourcing buyers list)"),
    need_unknown: |n| format!("✖ aucun besoin n° {n} : voyez les numéros avec sourcing need list --all"),
    lot_unknown: |need, lot, all| format!("✖ le besoin « {need} » n'a pas de lot {lot} : ses lots sont {all}"),
    supplier_unknown: |s| format!("✖ aucun fournisseur de SIRET ou de numéro « {s} » dans l'annuaire : cherchez-le avec sourcing search"),
    priority_needs_to_meet: |status| format!("✖ --priority s'applique à une demande de rendez-vous : donnez aussi --status à-rencontrer (statut demandé : {status})"),
    request_priority: |p| format!("à rencontrer, priorité {p}"),
    schedule_head: |date, requests, proposed, satisfied, bound| {
        let s = |n: usize| if n > 1 { "s" } else { "" };
        format!("Planning du {date} : {requests} demande{} de rendez-vous, {proposed} rendez-vous proposé{} ; {satisfied} demande{} satisfaite{} avec ceux déjà placés ce jour (au plus {bound} possible{})", s(requests), s(proposed), s(satisfied), s(satisfied), s(bound))
    },
    schedule_need: "besoin",
    schedule_unmet_head: "Sans créneau :",
    schedule_unmet: |u| {
        use crate::schedule::Unmet as U;
        match u {
            U::SupplierNeverAvailable => "le fournisseur n'est pas inscrit à cette journée, ou ses disponibilités ne couvrent aucun créneau (voir sourcing import registrations)",
            U::SupplierQuota => "le fournisseur a atteint son maximum de rendez-vous",
            U::BuyerQuota => "un acheteur du besoin a atteint son maximum de rendez-vous",
            U::NoCommonFreeSlot => "aucun créneau où le fournisseur et tous les acheteurs sont libres",
            U::NoTable => "toutes les tables sont prises aux créneaux possibles",
            U::InvalidInstance => "données de planning incohérentes (signalez-le)",
            U::LaterDay => "gardée pour une journée suivante du forum, où le planning des journées ensemble la place (lancez schedule pour cette journée)",
        }
        .to_string()
    },
    meeting_outside_availability: |who, day, at, windows| {
        if windows.is_empty() {
            format!("{who} n'est pas inscrit à la journée du {day} : rien n'est planifié à {at}. Choisissez un fournisseur inscrit, ou ajoutez --force pour le planifier quand même.")
        } else {
            format!("{who} n'est disponible le {day} que {windows} : rien n'est planifié à {at}. Choisissez un autre créneau, ou ajoutez --force pour le planifier quand même.")
        }
    },
    schedule_stats: |never, idle| format!("Fournisseurs demandés jamais rencontrés : {never} ; attente moyenne des acheteurs entre deux rendez-vous : {} créneau(x)", format!("{idle:.1}").replace('.', ",")),
    schedule_preview: "Aperçu : rien n'est écrit. Relancez avec --apply pour planifier ces rendez-vous.",
    schedule_applied: |n, released| {
        let s = |n: usize| if n > 1 { "s" } else { "" };
        if released == 0 {
            format!("✔ {n} rendez-vous planifié{}.", s(n))
        } else {
            format!("✔ {n} rendez-vous planifié{} ; {released} placé{} par un planning précédent annulé{} (--replan).", s(n), s(released), s(released))
        }
    },
    schedule_organiser_only: |me| format!("✖ seul un organisateur applique le planning (--apply) : {me} n'est pas organisateur ; l'aperçu, sans --apply, reste possible"),
    bad_lot_cpv: |lot, code| format!("✖ lot « {lot} » : code CPV « {code} » invalide (8 chiffres, ex. 45321000)"),
    bad_cpv: |code| format!("✖ code CPV « {code} » invalide (8 chiffres, ex. 45321000)"),
    need_list_empty: "Aucun besoin : créez-en un avec sourcing need add \"Intitulé\".",
    need_head: ["N°", "Intitulé", "Acheteur", "Co-acheteurs", "État", "Lots", "Présélection"],
    need_labels: ["Description", "CPV", "Lots", "Co-acheteurs", "État", "Acheteur", "Présélection", "Documents remis"],
    need_status_set: |n, title, s| format!("✔ besoin n° {n} « {title} » : {s}"),
    meeting_list_empty: "Aucun rendez-vous : planifiez-en avec sourcing meeting add.",
    meeting_head: ["N°", "Journée", "Heure", "Table", "Fournisseur", "Acheteurs", "État", "Durée"],
    meeting_unknown: |n| format!("✖ aucun rendez-vous n° {n} : voyez les numéros avec sourcing meeting list"),
    time_flag: |m, slot, long| format!("⚑ {m} min pour un créneau de {slot} ({})", if long { "trop long" } else { "trop court" }),
    follow_up_needs_outcome: |n| format!("✖ le rendez-vous n° {n} n'a pas encore de compte rendu : saisissez-le d'abord (touche o dans l'agenda)"),
    outcome_needs_step_and_rating: |n| format!("✖ le rendez-vous n° {n} n'a pas encore de compte rendu : donnez au moins --next-step et --rating"),
    outcome_unknown_document: |d, listed| {
        if listed.is_empty() {
            format!("✖ document « {d} » inconnu : le besoin du rendez-vous n'en liste aucun (sourcing need add … --document)")
        } else {
            format!("✖ document « {d} » inconnu ; le besoin liste : {listed}")
        }
    },
    outcome_logged: |n, s, step, r, v| match r {
        Some(r) => format!("✔ rendez-vous n° {n} avec {s} : compte rendu v{v} enregistré (suite : {step}, note {r}/5)"),
        None => format!("✔ rendez-vous n° {n} avec {s} : compte rendu v{v} enregistré (suite : {step}, sans note)"),
    },
    follow_up_saved: |n, s, r, v| format!("✔ rendez-vous n° {n} avec {s} : suite ultérieure « {r} » (compte rendu v{v})"),
    running: |m| format!("⏱ en cours depuis {m} min"),
    day_exists: |d| format!("✖ une journée existe déjà le {d} : changez-la avec sourcing day edit {d}"),
    day_list_empty: "aucune journée de forum : créez-en une avec sourcing day add 2026-12-03 (9 h – 17 h, créneaux de 20 min, déjeuner 12:30–13:30, 6 tables par défaut)",
    day_head: ["Date", "Titre", "Horaires", "Créneaux", "Pauses", "Tables", "Quotas"],
    day_no_quota: "sans limite",
    day_quotas: |s, b| format!("{s} / fournisseur, {b} / acheteur"),
    day_moved: |line| format!("✔ déplacé{line}"),
    day_remove_confirm: |d, lines| {
        format!("✖ la journée du {d} a des rendez-vous planifiés ; la supprimer les annule (ils restent au journal, rien n'est effacé) :\n{lines}\nRelancez avec --yes pour confirmer.")
    },
    day_meeting_line: |when, supplier, buyers| format!("  – {when} : {supplier} ({buyers})"),
};
