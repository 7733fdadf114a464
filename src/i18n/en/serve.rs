//! English texts of the forum server and its clients.

use crate::i18n::serve::ServeTexts;

/// English.
pub const SERVE: ServeTexts = ServeTexts {
    listening: |socket, store, pid, n| {
        format!("listening on {socket} (folder {store}, pid {pid}, {n} suppliers)")
    },
    connected: |login, pid| format!("{login} connected (pid {pid})"),
    disconnected: |login, n| format!("{login} disconnected ({n} requests)"),
    refused: |who, why| format!("refused: {who}: {why}"),
    bad_frame: |who, what| format!("connection of {who} closed: bad frame ({what})"),
    denied: |login, what| format!("write refused to {login}: {what}"),
    denied_more: |login, n| format!("{n} more writes refused to {login} within the minute"),
    resync: |login| format!("{login} fell behind: full resynchronisation"),
    indexing: |n| format!("indexing the directory ({n} suppliers)…"),
    stopping: "stop requested: ending sessions, writing to disk",
    stopped: |n| format!("stopped ({n} sessions closed)"),
    socket_too_long: |path, len, limit| {
        format!("socket path too long ({len} bytes, at most {limit}): {path}. Choose a shorter one with --socket or SOURCING_SOCKET.")
    },
    already_served: |socket, pid| match pid {
        Some(pid) => format!("this folder is already served by sourcing serve (pid {pid}) on {socket}: commands connect to it by themselves; stop it first to start another."),
        None => format!("a server already answers on {socket}: stop it first to start another."),
    },
    socket_failed: |path, why| {
        format!("cannot create the socket {path}: {why}. Check the folder's permissions.")
    },
    no_own_login: "the account starting the server has no name (not in the account database): start it under a named account.",
    refusal_version: |v, program| {
        format!("the server speaks protocol version {v} ({program}): run that program.")
    },
    refusal_unknown: |login, orgas| {
        if orgas.is_empty() {
            format!("the account {login} is not on the forum's access list.")
        } else {
            format!("the account {login} is not on the forum's access list: ask an organiser ({orgas}) to add it with sourcing buyers add {login}.")
        }
    },
    refusal_no_account: |uid| format!("user {uid} has no account name: log in with a named account."),
    refusal_stopping: "the server is stopping: try again in a moment.",
    unreachable: |socket, why| format!("server unreachable on {socket}: {why}"),
    served_elsewhere: |cmd, store, pid| {
        format!("{cmd} refused: the folder {store} is served by sourcing serve (pid {pid}). Stop the server first (systemctl stop sourcing or kill {pid}).")
    },
    link_lost: "Connection to the server lost — reconnecting…",
    link_back: "Connection to the server restored",
};
