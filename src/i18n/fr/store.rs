//! The store's texts in French.

use crate::domain::Role;
use crate::domain::{Event, ImportSource, SupplierId};
use crate::i18n::store::{in_sentence, StoreTexts};
use crate::i18n::Lang;
use crate::store::backup::BackupError;
use crate::store::Action;

/// The store's texts in French.
pub static STORE: StoreTexts = StoreTexts {
    backup: |e| {
        match e {
        BackupError::Io { path, source } => format!(
            "{} : {source}. Vérifiez l'espace disque et les droits.",
            path.display()
        ),
        BackupError::Store(e) => e.to_string(),
        BackupError::NoBackup(dir) => format!(
            "aucune sauvegarde dans {} : lancez `sourcing store backup` sur un dossier de données lisible",
            dir.display()
        ),
        BackupError::NotFound { name, dir } => format!(
            "sauvegarde « {name} » introuvable dans {} : `sourcing store check` liste les sauvegardes",
            dir.display()
        ),
        BackupError::Damaged { path, what } => format!(
            "sauvegarde {} abîmée : {what}. Choisissez-en une autre : `sourcing store restore NOM`",
            path.display()
        ),
        BackupError::Locked { path, holder } => format!(
            "le dossier de données {} est ouvert par un autre processus{}. Fermez-le (quittez sourcing) puis relancez la commande.",
            path.display(),
            holder.map(|p| format!(" (pid {p})")).unwrap_or_default()
        ),
    }
    },
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
    need_closed: |need| format!("le besoin « {need} » est clos : il est en lecture seule ; rouvrez-le (sourcing need status N ouvert) pour le modifier"),
    need_lot_in_use: |need, lot, title, entries, meetings| format!("le lot {lot} « {title} » du besoin « {need} » sert encore (présélectionnés : {entries}, rendez-vous : {meetings}) : retirez-les de la présélection et annulez ces rendez-vous d'abord, ou gardez le lot"),
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
        format!("aucun créneau ne commence à {s} le {d} (pause, hors horaires ou hors de la grille des créneaux)")
    },
    meeting_no_such_table: |d, all| format!("cette table n'existe pas le {d} : tables {all}"),
    meeting_not_timeable: |s| format!("ce rendez-vous est {s} : seul un rendez-vous prévu ou tenu peut commencer ou se terminer"),
    meeting_not_started: "ce rendez-vous n'a pas commencé : commencez-le d'abord",
    meeting_already_ended: "ce rendez-vous est déjà terminé : ses heures restent celles enregistrées",
    meeting_no_such_day: |d| {
        format!("aucune journée de forum le {d} : créez-la d'abord (sourcing day add {d})")
    },
    day_duplicate_table: |d, n| {
        format!("journée du {d} : deux tables s'appellent « {n} » ; donnez-leur des noms distincts")
    },
    day_bad_break: |d, s, e| {
        format!("journée du {d} : la pause {s}–{e} doit finir après son début et tenir dans les horaires")
    },
    day_no_slot: |d| {
        format!("journée du {d} : aucun créneau ne tient entre l'ouverture, la fermeture et les pauses")
    },
    day_zero_quota: |d| {
        format!("journée du {d} : un quota vaut au moins 1 rendez-vous (sans quota : ne le donnez pas)")
    },
    quota_reached: |who, max, d| {
        format!("quota atteint : {who} a déjà {max} rendez-vous le {d}, le maximum de la journée")
    },
    day_misfits: |d, lines, movable| {
        if movable {
            format!("journée du {d} : ce changement laisserait ces rendez-vous hors des créneaux ou des tables :\n{lines}\nConfirmez pour les déplacer comme indiqué (--move), ou changez la journée.")
        } else {
            format!("journée du {d} : ce changement laisserait ces rendez-vous hors des créneaux ou des tables, et certains n'ont plus de place libre :\n{lines}\nAnnulez-les ou gardez assez de créneaux et de tables.")
        }
    },
    misfit_line: |from, supplier, buyers, to| match to {
        Some(to) => format!("  – {from} : {supplier} ({buyers}) → {to}"),
        None => format!("  – {from} : {supplier} ({buyers}) → aucune place libre"),
    },
    day_held: |d, n| {
        format!("journée du {d} : {n} rendez-vous y ont déjà eu lieu ; elle fait partie du compte rendu du forum et ne peut pas être supprimée")
    },
    no_such_day: |d| format!("aucune journée de forum le {d} (voir : sourcing day list)"),
    outcome_rating: |r| format!("note {r} invalide : donnez une note de 1 à 5"),
    event,
    denied: |login, role, action| match role {
        Some(r) => format!("refusé : {login} ({r}) ne peut pas {action}. Un organisateur peut changer son rôle (sourcing buyers add {login} --role …)."),
        None => format!("refusé : le compte {login} n'est pas sur la liste des acheteurs de ce forum. Demandez à un organisateur de l'ajouter : sourcing buyers add {login} --name \"Prénom Nom\" --role buyer"),
    },
    action: |a| match a {
        Action::ChangeSuppliers => "modifier l'annuaire des fournisseurs",
        Action::ChangeNeed => "modifier ce besoin (il appartient à un autre acheteur)",
        Action::ChangeShortlist => "modifier la présélection de ce besoin (il appartient à un autre acheteur)",
        Action::ChangeForumDay => "organiser les journées du forum",
        Action::ChangeMeeting => "modifier ce rendez-vous (vous n'y participez pas)",
        Action::LogOutcome => "consigner le compte rendu de ce rendez-vous (vous n'y participez pas)",
        Action::ChangeBuyers => "modifier la liste des acheteurs",
        Action::MaintainStore => "sauvegarder, vérifier ou restaurer le dossier de données",
        Action::ActForBuyer => "agir pour un autre acheteur (--pour)",
        Action::Read => "consulter ce forum",
    },
    role: |r| match r {
        Role::Organiser => "organisateur",
        Role::Buyer => "acheteur",
        Role::Observer => "observateur",
    },
    disconnected: "connexion au serveur perdue avant sa réponse : rien n'est confirmé. Reconnexion en cours ; vérifiez puis recommencez.",
};

/// "n° 12 (ACME SAS)", or "n° 12" when the name is unknown.
fn supplier_ref(id: SupplierId, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => format!("n° {id} ({n})"),
        _ => format!("n° {id}"),
    }
}

/// ", lot 2", or nothing for the whole need.
fn lot(n: u32) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(", lot {n}")
    }
}

fn done(created: bool) -> &'static str {
    if created {
        "créé"
    } else {
        "modifié"
    }
}

/// A journal event in French: the sentences schema v2 stored, word for word.
fn event(e: &Event) -> String {
    match e {
        Event::SupplierSaved {
            supplier,
            name,
            created,
        } => format!(
            "fournisseur {} {}",
            supplier_ref(*supplier, Some(name)),
            done(*created)
        ),
        Event::Imported {
            suppliers,
            created,
            updated,
            unchanged,
            source,
        } => {
            let from = match source {
                ImportSource::Unknown => String::new(),
                ImportSource::File(f) => format!(" du fichier {f}"),
                ImportSource::Several => " de plusieurs fichiers".to_string(),
            };
            format!("import de {suppliers} fournisseurs{from} : {created} créés, {updated} mis à jour, {unchanged} inchangés")
        }
        Event::NeedSaved {
            need,
            title,
            created,
        } => format!("besoin n° {need} « {title} » {}", done(*created)),
        Event::ShortlistSaved {
            need,
            lot: l,
            supplier,
            supplier_name,
            to,
            reason,
            ..
        } => format!(
            "présélection du besoin n° {need}{} : fournisseur {} — {}",
            lot(*l),
            supplier_ref(*supplier, Some(supplier_name)),
            in_sentence::triage(Lang::Fr, *to)
        ) + &if reason.is_empty() {
            String::new()
        } else {
            format!(" (motif : {reason})")
        },
        Event::ShortlistRemoved {
            need,
            lot: l,
            supplier,
            supplier_name,
        } => format!(
            "présélection du besoin n° {need}{} : fournisseur {} retiré",
            lot(*l),
            supplier_ref(*supplier, supplier_name.as_deref())
        ),
        Event::ForumDaySaved {
            date,
            opens,
            closes,
            slot_minutes,
            tables,
            ..
        } => format!(
            "journée du forum du {} : {}–{}, créneaux de {slot_minutes} min, {tables} tables",
            date.strftime("%d/%m/%Y"),
            opens.strftime("%H:%M"),
            closes.strftime("%H:%M")
        ),
        Event::MeetingPlanned {
            meeting,
            supplier,
            supplier_name,
            table,
            slot,
            start,
            day,
            buyers,
        } => format!(
            "rendez-vous n° {meeting} planifié : fournisseur {}, {table}, {} du {}, acheteur(s) {}",
            supplier_ref(*supplier, Some(supplier_name)),
            match start {
                Some(ts) => crate::domain::forum::local_hm(*ts),
                None => format!("créneau {slot}"),
            },
            day.strftime("%d/%m/%Y"),
            buyers.join(", ")
        ),
        Event::MeetingMoved {
            supplier,
            supplier_name,
            day,
            from_start,
            from_table,
            to_start,
            to_table,
            ..
        } => format!(
            "rendez-vous avec le fournisseur {} déplacé le {} : {} {from_table} → {} {to_table} (journée modifiée)",
            supplier_ref(*supplier, supplier_name.as_deref()),
            day.strftime("%d/%m/%Y"),
            crate::domain::forum::local_hm(*from_start),
            crate::domain::forum::local_hm(*to_start),
        ),
        Event::RegistrationsSaved {
            date,
            registered,
            before,
        } => format!(
            "inscriptions à la journée du {} : {registered} fournisseurs (avant : {before})",
            date.strftime("%d/%m/%Y")
        ),
        Event::ForumDayRemoved { date, cancelled } => format!(
            "journée du forum du {} supprimée : {cancelled} rendez-vous planifiés annulés",
            date.strftime("%d/%m/%Y")
        ),
        Event::MeetingTimed {
            meeting,
            supplier,
            supplier_name,
            stamp,
            at,
            minutes,
        } => format!(
            "rendez-vous n° {meeting} avec le fournisseur {} : {} à {}{}",
            supplier_ref(*supplier, supplier_name.as_deref()),
            match stamp {
                crate::domain::MeetingStamp::Start => "commencé",
                crate::domain::MeetingStamp::End => "terminé",
            },
            crate::domain::forum::local_hm(*at),
            minutes.map(|m| format!(" ({m} min)")).unwrap_or_default()
        ),
        Event::MeetingStatusChanged {
            meeting,
            supplier,
            supplier_name,
            to,
            ..
        } => format!(
            "rendez-vous n° {meeting} avec le fournisseur {} : {}",
            supplier_ref(*supplier, supplier_name.as_deref()),
            in_sentence::meeting_status(Lang::Fr, *to)
        ),
        Event::OutcomeLogged {
            meeting,
            version,
            next_step: n,
            rating,
        } => format!(
            "compte rendu v{version} du rendez-vous n° {meeting} : {}, {}",
            in_sentence::next_step(Lang::Fr, *n),
            rating.map_or("sans note".to_string(), |r| format!("note {r}/5"))
        ),
        Event::BuyerSaved {
            login,
            display_name,
            role,
            created,
        } => format!(
            "{} {display_name} ({login}) en tant qu'{}",
            if *created {
                "accès ouvert à"
            } else {
                "accès modifié pour"
            },
            (STORE.role)(*role)
        ),
        Event::BuyerRemoved {
            login,
            display_name,
        } => format!("accès retiré à {display_name} ({login})"),
    }
}
