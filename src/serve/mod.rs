//! The forum server (`sourcing serve`, DESIGN §4): one process owns the store, the search
//! index and the matcher, and every buyer's `sourcing` is a live client of it over a Unix
//! socket ([`crate::protocol`]).
//!
//! - [`socket`]: the socket's path, permissions and group, a stale one removed;
//! - [`peer`]: who connects (SO_PEERCRED, the account database);
//! - [`session`]: one connection, handshake to close; [`dispatch`]: its requests;
//! - [`hub`]: the sessions and the news between them (bounded outboxes, resyncs);
//! - [`directory`]: the shared index and matcher.
//!
//! Threads, no async runtime: an accept thread, and per session a reader (which answers in
//! order), a writer and, once it searches, a search worker. Every acknowledgement is sent
//! after the store made the write durable.

pub mod directory;
pub mod dispatch;
pub mod hub;
pub mod peer;
pub mod search_pool;
pub mod session;
pub mod socket;

use crate::i18n::Lang;
use crate::store::{Action, GuardedStore, Store};
use directory::Directory;
use hub::Hub;
use std::collections::HashMap;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Refusals of one login logged per minute before they are only counted.
pub const DENIALS_PER_MINUTE: u32 = 10;

/// Why the server could not start (rendered by `i18n::serve`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::i18n::serve::display(self))]
pub enum ServeError {
    /// The socket path does not fit a Unix socket address.
    SocketTooLong {
        /// The path.
        path: PathBuf,
        /// Longest path accepted, in bytes.
        limit: usize,
    },
    /// A server already answers on this socket.
    AlreadyServed {
        /// The socket.
        socket: PathBuf,
        /// Its pid, from the pid file beside the socket.
        pid: Option<u32>,
    },
    /// The socket could not be created or set up.
    Socket {
        /// The socket.
        path: PathBuf,
        /// The system's words.
        why: String,
    },
    /// The server's own account has no name.
    NoOwnLogin,
}

/// "sourcing <version>", as told to clients of another protocol version.
pub fn program() -> String {
    format!("sourcing {}", env!("CARGO_PKG_VERSION"))
}

/// Where log lines go (stderr for `sourcing serve`; tests collect them).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// What every session shares.
pub struct Shared {
    /// The store, as the server owns it.
    pub store: Arc<dyn Store>,
    /// The sled store behind it, for checks and backups (None in tests on memory).
    pub maintenance: Option<Arc<GuardedStore>>,
    /// Index and matcher.
    pub directory: Arc<Directory>,
    /// The search threads over the index.
    pub search: search_pool::SearchPool,
    /// Open sessions.
    pub hub: Hub,
    /// The account running the server (an organiser).
    pub owner: String,
    /// Language of the log lines.
    pub lang: Lang,
    /// True once the server is stopping (new handshakes are refused).
    pub stopping: AtomicBool,
    log: LogSink,
    denials: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Shared {
    /// Logs one line.
    pub fn log(&self, line: &str) {
        (self.log)(line);
    }

    /// Logs a refused write, at most [`DENIALS_PER_MINUTE`] per login and minute; the
    /// first refusal after that minute logs how many were only counted.
    pub fn denied(&self, login: &str, action: Action) {
        let t = &crate::i18n::texts(self.lang).serve;
        let mut d = self.denials.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let entry = d.entry(login.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= Duration::from_secs(60) {
            if entry.1 > DENIALS_PER_MINUTE {
                self.log(&(t.denied_more)(login, entry.1 - DENIALS_PER_MINUTE));
            }
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 <= DENIALS_PER_MINUTE {
            let what = crate::i18n::Render::render(
                &crate::store::StoreError::Denied {
                    login: login.to_string(),
                    role: None,
                    action,
                },
                self.lang,
            );
            self.log(&(t.denied)(login, &what));
        }
    }
}

/// What a server is started with.
pub struct ServerConfig {
    /// The socket to listen on.
    pub socket: PathBuf,
    /// The account running the server (an organiser whatever the list says).
    pub owner: String,
    /// Language of the log lines.
    pub lang: Lang,
    /// Where log lines go.
    pub log: LogSink,
}

/// A running server: its accept thread and what the sessions share. Dropping it stops it.
pub struct Server {
    shared: Arc<Shared>,
    socket: PathBuf,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Listens on `config.socket` for clients of `store` (whose index and matcher are
    /// `directory`). Errors: [`ServeError`] (path too long, already served, socket).
    pub fn start(
        store: Arc<dyn Store>,
        maintenance: Option<Arc<GuardedStore>>,
        directory: Directory,
        config: ServerConfig,
    ) -> Result<Server, ServeError> {
        let listener = socket::bind(&config.socket)?;
        let directory = Arc::new(directory);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let shared = Arc::new(Shared {
            store,
            maintenance,
            search: search_pool::SearchPool::start(directory.clone(), threads),
            directory,
            hub: Hub::default(),
            owner: config.owner,
            lang: config.lang,
            stopping: AtomicBool::new(false),
            log: config.log,
            denials: Mutex::default(),
        });
        let accept = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("sourcing-accept".into())
                .spawn(move || accept_loop(listener, shared))
                .map_err(|e| ServeError::Socket {
                    path: config.socket.clone(),
                    why: e.to_string(),
                })?
        };
        Ok(Server {
            shared,
            socket: config.socket,
            accept: Some(accept),
        })
    }

    /// The socket listened on.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Open sessions.
    pub fn sessions(&self) -> usize {
        self.shared.hub.len()
    }

    /// What the sessions share.
    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Stops accepting, ends every session and removes the socket; returns how many
    /// sessions were open. Every acknowledged write is already durable.
    pub fn stop(&mut self) -> usize {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // The accept loop sees the flag within one poll.
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
        let n = self.shared.hub.close_all();
        // Their threads end as their links close; wait a little so that none still holds
        // the store when the caller releases it.
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self.shared.hub.is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        socket::remove(&self.socket);
        n
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.accept.is_some() {
            self.stop();
        }
    }
}

/// How often the accept loop looks at the stop flag while no client connects.
const ACCEPT_POLL: Duration = Duration::from_millis(100);

fn accept_loop(listener: UnixListener, shared: Arc<Shared>) {
    use std::os::unix::io::AsRawFd;
    // Non-blocking, behind poll(): the loop ends within ACCEPT_POLL of a stop, even when the
    // socket file was removed meanwhile.
    let _ = listener.set_nonblocking(true);
    let mut pfd = libc::pollfd {
        fd: listener.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    while !shared.stopping.load(Ordering::SeqCst) {
        // SAFETY: one valid pollfd, borrowed for the call; the listener outlives it.
        let ready = unsafe { libc::poll(&mut pfd, 1, ACCEPT_POLL.as_millis() as libc::c_int) };
        if ready <= 0 {
            continue;
        }
        let stream = match listener.accept() {
            Ok((s, _)) => s,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(_) => {
                // EMFILE and the like: wait a little rather than spin.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if stream.set_nonblocking(false).is_err() {
            continue;
        }
        let s = shared.clone();
        let _ = std::thread::Builder::new()
            .name("sourcing-session".into())
            .spawn(move || session::run(stream, s));
    }
}
