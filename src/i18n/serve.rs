//! Words of the forum server (`sourcing serve`: its log lines and errors) and of its
//! clients (refusals at the handshake, the lost-link banner). Values in `fr/serve.rs` and
//! `en/serve.rs`.

use super::{texts, Lang, Render};
use crate::protocol::Refusal;
use crate::serve::ServeError;

/// Texts of the forum server and its clients.
#[derive(Debug)]
pub struct ServeTexts {
    /// Log: listening (socket, store, pid, suppliers).
    pub listening: fn(&str, &str, u32, usize) -> String,
    /// Log: a session opened (login, pid of the client).
    pub connected: fn(&str, i32) -> String,
    /// Log: a session ended (login, requests answered).
    pub disconnected: fn(&str, u64) -> String,
    /// Log: a handshake refused (who: login or uid, why).
    pub refused: fn(&str, &str) -> String,
    /// Log: a connection closed on a bad frame (who, what was wrong).
    pub bad_frame: fn(&str, &str) -> String,
    /// Log: a write refused by the access list (login, what it tried); then a count line.
    pub denied: fn(&str, &str) -> String,
    /// Log: refusals of a login not logged in the last minute (login, count).
    pub denied_more: fn(&str, u32) -> String,
    /// Log: a session fell behind and is resynchronised (login).
    pub resync: fn(&str) -> String,
    /// Log: the directory's index is being built (suppliers).
    pub indexing: fn(usize) -> String,
    /// Log: stopping on a signal.
    pub stopping: &'static str,
    /// Log: stopped (sessions closed).
    pub stopped: fn(usize) -> String,
    /// Error: the socket path is too long (path, bytes, limit).
    pub socket_too_long: fn(&str, usize, usize) -> String,
    /// Error: a server already answers on the socket (path, pid when known).
    pub already_served: fn(&str, Option<u32>) -> String,
    /// Error: the socket could not be created (path, why).
    pub socket_failed: fn(&str, &str) -> String,
    /// Error: this process's user has no account name.
    pub no_own_login: &'static str,
    /// Refusal: versions differ (server's protocol, server's program).
    pub refusal_version: fn(u32, &str) -> String,
    /// Refusal: login not on the list (login, organisers).
    pub refusal_unknown: fn(&str, &str) -> String,
    /// Refusal: uid without an account name.
    pub refusal_no_account: fn(u32) -> String,
    /// Refusal: the server is stopping.
    pub refusal_stopping: &'static str,
    /// Client: the server could not be reached (socket, why).
    pub unreachable: fn(&str, &str) -> String,
    /// Client: a command that needs the store to itself, refused while it is served
    /// (command, store, server pid).
    pub served_elsewhere: fn(&str, &str, u32) -> String,
    /// Interface banner while the link is lost.
    pub link_lost: &'static str,
    /// Interface status once it is back (an info message: the interface adds its ✔).
    pub link_back: &'static str,
}

impl Render for ServeError {
    fn render(&self, lang: Lang) -> String {
        let t = &texts(lang).serve;
        match self {
            ServeError::SocketTooLong { path, limit } => {
                (t.socket_too_long)(&path.display().to_string(), path.as_os_str().len(), *limit)
            }
            ServeError::AlreadyServed { socket, pid } => {
                (t.already_served)(&socket.display().to_string(), *pid)
            }
            ServeError::Socket { path, why } => (t.socket_failed)(&path.display().to_string(), why),
            ServeError::NoOwnLogin => t.no_own_login.to_string(),
        }
    }
}

impl Render for Refusal {
    fn render(&self, lang: Lang) -> String {
        let t = &texts(lang).serve;
        match self {
            Refusal::Version { server, program } => (t.refusal_version)(*server, program),
            Refusal::UnknownLogin { login, organisers } => {
                (t.refusal_unknown)(login, &organisers.join(", "))
            }
            Refusal::NoAccountName { uid } => (t.refusal_no_account)(*uid),
            Refusal::ShuttingDown => t.refusal_stopping.to_string(),
        }
    }
}

/// French rendering (the errors' `Display`).
pub fn display(e: &ServeError) -> String {
    e.render(Lang::Fr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_error_and_refusal_has_words_in_both_languages() {
        let errors = [
            ServeError::SocketTooLong {
                path: PathBuf::from("/x".repeat(60)),
                limit: 107,
            },
            ServeError::AlreadyServed {
                socket: PathBuf::from("/srv/forum/sourcing.sock"),
                pid: Some(4242),
            },
            ServeError::Socket {
                path: PathBuf::from("/srv/forum/sourcing.sock"),
                why: "Permission denied".into(),
            },
            ServeError::NoOwnLogin,
        ];
        for e in &errors {
            let (fr, en) = (e.render(Lang::Fr), e.render(Lang::En));
            assert!(!fr.is_empty() && fr != en, "{fr} / {en}");
        }
        assert!(errors[1].render(Lang::Fr).contains("4242"));
        let refusals = [
            Refusal::Version {
                server: 2,
                program: "sourcing 0.3.0".into(),
            },
            Refusal::UnknownLogin {
                login: "marie".into(),
                organisers: vec!["orga".into()],
            },
            Refusal::NoAccountName { uid: 1234 },
            Refusal::ShuttingDown,
        ];
        for r in &refusals {
            let (fr, en) = (r.render(Lang::Fr), r.render(Lang::En));
            assert!(!fr.is_empty() && fr != en, "{fr} / {en}");
        }
        let unknown = refusals[1].render(Lang::Fr);
        assert!(
            unknown.contains("marie") && unknown.contains("orga"),
            "{unknown}"
        );
    }
}
