//! French texts of the forum server and its clients.

use crate::i18n::serve::ServeTexts;

/// French.
pub const SERVE: ServeTexts = ServeTexts {
    listening: |socket, store, pid, n| {
        format!("à l'écoute sur {socket} (dossier {store}, pid {pid}, {n} fournisseurs)")
    },
    connected: |login, pid| format!("connexion de {login} (pid {pid})"),
    disconnected: |login, n| format!("déconnexion de {login} ({n} requêtes)"),
    refused: |who, why| format!("refusé : {who} : {why}"),
    bad_frame: |who, what| format!("connexion de {who} fermée : trame invalide ({what})"),
    denied: |login, what| format!("écriture refusée à {login} : {what}"),
    denied_more: |login, n| format!("{n} autres écritures refusées à {login} dans la minute"),
    resync: |login| format!("{login} en retard : resynchronisation complète"),
    indexing: |n| format!("indexation de l'annuaire ({n} fournisseurs)…"),
    stopping: "arrêt demandé : fin des sessions, écriture sur disque",
    stopped: |n| format!("arrêté ({n} sessions fermées)"),
    socket_too_long: |path, len, limit| {
        format!("chemin de socket trop long ({len} octets, {limit} au plus) : {path}. Choisissez un chemin plus court avec --socket ou SOURCING_SOCKET.")
    },
    already_served: |socket, pid| match pid {
        Some(pid) => format!("ce dossier est déjà servi par sourcing serve (pid {pid}) sur {socket} : les commandes s'y connectent d'elles-mêmes ; arrêtez-le d'abord pour en lancer un autre."),
        None => format!("un serveur répond déjà sur {socket} : arrêtez-le d'abord pour en lancer un autre."),
    },
    socket_failed: |path, why| {
        format!("impossible de créer le socket {path} : {why}. Vérifiez les droits sur le dossier.")
    },
    no_own_login: "le compte qui lance le serveur n'a pas de nom (absent de la base des comptes) : lancez-le sous un compte nommé.",
    refusal_version: |v, program| {
        format!("le serveur parle la version {v} du protocole ({program}) : utilisez ce programme-là.")
    },
    refusal_unknown: |login, orgas| {
        if orgas.is_empty() {
            format!("le compte {login} n'est pas sur la liste d'accès du forum.")
        } else {
            format!("le compte {login} n'est pas sur la liste d'accès du forum : demandez à un organisateur ({orgas}) de l'ajouter avec sourcing buyers add {login}.")
        }
    },
    refusal_no_account: |uid| format!("l'utilisateur {uid} n'a pas de nom de compte : connectez-vous avec un compte nommé."),
    refusal_stopping: "le serveur s'arrête : réessayez dans un instant.",
    unreachable: |socket, why| format!("serveur injoignable sur {socket} : {why}"),
    served_elsewhere: |cmd, store, pid| {
        format!("{cmd} refusé : le dossier {store} est servi par sourcing serve (pid {pid}). Arrêtez le serveur d'abord (systemctl stop sourcing ou kill {pid}).")
    },
    link_lost: "Connexion au serveur perdue — reconnexion…",
    link_back: "Connexion au serveur rétablie",
};
