//! A client's link to the forum server: the handshake, calls matched to their replies by
//! id, news handed to subscribers, and reconnection. When the link drops, every call
//! waiting gets [`StoreError::Disconnected`], subscribers hear [`StoreNews::Lost`], and a
//! thread reconnects by itself (every [`RETRY`]); once back they hear
//! [`StoreNews::Restored`] then [`StoreNews::Resync`].

use crate::domain::Buyer;
use crate::protocol::{
    read_frame, write_frame, ClientFrame, Refusal, RemoteError, Reply, Request, ServerFrame,
    VERSION,
};
use crate::store::{StoreError, StoreNews};
use std::collections::HashMap;
use std::io::{BufReader, BufWriter, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Wait between reconnection attempts.
pub const RETRY: Duration = Duration::from_millis(250);
/// Longest wait for a reply (a server that answers nothing for this long is taken as gone).
pub const REPLY_WAIT: Duration = Duration::from_secs(120);
/// Longest wait for the server's answer to `Hello`.
const WELCOME_WAIT: Duration = Duration::from_secs(10);

/// Why no link could be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConnectError {
    /// Nothing answers on the socket (no server: work in process).
    #[error("{0}")]
    Unreachable(String),
    /// The server refused this client at the handshake.
    #[error("{0:?}")]
    Refused(Refusal),
    /// The server's answer made no sense.
    #[error("{0}")]
    Protocol(String),
}

/// What a reply waits on.
type ReplySlot = Sender<Result<Reply, RemoteError>>;

struct Inner {
    socket: PathBuf,
    program: String,
    /// The write half of the current link (None while reconnecting).
    writer: Mutex<Option<BufWriter<UnixStream>>>,
    pending: Mutex<HashMap<u64, ReplySlot>>,
    next_id: AtomicU64,
    subscribers: Mutex<Vec<Sender<StoreNews>>>,
    you: Mutex<Buyer>,
    server_pid: AtomicU64,
    closed: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A live link to the server, shared by the remote store, search and ranking; the link
/// ends when the last clone is dropped.
#[derive(Clone)]
pub struct Connection {
    inner: Arc<Inner>,
    _last: Arc<CloseOnDrop>,
}

/// Ends the link when the last [`Connection`] goes (the reader thread holds only `Inner`).
struct CloseOnDrop(Arc<Inner>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        self.0.closed.store(true, Ordering::SeqCst);
        if let Some(w) = lock(&self.0.writer).take() {
            let _ = w.get_ref().shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Connects and shakes hands: returns the stream and the server's welcome.
fn open(socket: &Path, program: &str) -> Result<(UnixStream, Buyer, u32), ConnectError> {
    let stream =
        UnixStream::connect(socket).map_err(|e| ConnectError::Unreachable(e.to_string()))?;
    let bad = |e: &dyn std::fmt::Display| ConnectError::Protocol(e.to_string());
    let mut w = BufWriter::new(&stream);
    write_frame(
        &mut w,
        &ClientFrame::Hello {
            version: VERSION,
            program: program.to_string(),
        },
    )
    .map_err(|e| bad(&e))?;
    w.flush().map_err(|e| bad(&e))?;
    drop(w);
    stream
        .set_read_timeout(Some(WELCOME_WAIT))
        .map_err(|e| bad(&e))?;
    let frame: ServerFrame = read_frame(&mut BufReader::new(&stream)).map_err(|e| bad(&e))?;
    stream.set_read_timeout(None).map_err(|e| bad(&e))?;
    match frame {
        ServerFrame::Welcome {
            you, server_pid, ..
        } => Ok((stream, you, server_pid)),
        ServerFrame::Refused(r) => Err(ConnectError::Refused(r)),
        other => Err(ConnectError::Protocol(format!("{other:?}"))),
    }
}

impl Connection {
    /// Connects to the server on `socket`. Errors: [`ConnectError`].
    pub fn connect(socket: &Path) -> Result<Connection, ConnectError> {
        let program = crate::serve::program();
        let (stream, you, pid) = open(socket, &program)?;
        let read_half = stream
            .try_clone()
            .map_err(|e| ConnectError::Protocol(e.to_string()))?;
        let inner = Arc::new(Inner {
            socket: socket.to_path_buf(),
            program,
            writer: Mutex::new(Some(BufWriter::new(stream))),
            pending: Mutex::default(),
            next_id: AtomicU64::new(1),
            subscribers: Mutex::default(),
            you: Mutex::new(you),
            server_pid: AtomicU64::new(u64::from(pid)),
            closed: AtomicBool::new(false),
        });
        let reader = inner.clone();
        std::thread::Builder::new()
            .name("sourcing-client".into())
            .spawn(move || read_loop(reader, read_half))
            .map_err(|e| ConnectError::Protocol(e.to_string()))?;
        Ok(Connection {
            _last: Arc::new(CloseOnDrop(inner.clone())),
            inner,
        })
    }

    /// Who the server says the user is.
    pub fn you(&self) -> Buyer {
        lock(&self.inner.you).clone()
    }

    /// The server's process id.
    pub fn server_pid(&self) -> u32 {
        self.inner.server_pid.load(Ordering::Relaxed) as u32
    }

    /// News from now on (changes by others, the link's state).
    pub fn subscribe(&self) -> Receiver<StoreNews> {
        let (tx, rx) = channel();
        lock(&self.inner.subscribers).push(tx);
        rx
    }

    /// Sends `request` without waiting; its reply arrives on the returned receiver.
    /// Errors: [`StoreError::Disconnected`] while the link is down.
    pub fn send(
        &self,
        request: Request,
    ) -> Result<Receiver<Result<Reply, RemoteError>>, StoreError> {
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = channel();
        let mut w = lock(&self.inner.writer);
        let Some(writer) = w.as_mut() else {
            return Err(StoreError::Disconnected);
        };
        lock(&self.inner.pending).insert(id, tx);
        let frame = ClientFrame::Call { id, request };
        if write_frame(writer, &frame).is_err() || writer.flush().is_err() {
            lock(&self.inner.pending).remove(&id);
            if let Some(s) = w.take() {
                let _ = s.get_ref().shutdown(std::net::Shutdown::Both);
            }
            return Err(StoreError::Disconnected);
        }
        Ok(rx)
    }

    /// Sends `request` and waits for its reply. Errors: the server's
    /// ([`RemoteError`]), or `Store(Disconnected)` when the link drops first.
    pub fn call(&self, request: Request) -> Result<Reply, RemoteError> {
        let rx = self.send(request).map_err(RemoteError::Store)?;
        match rx.recv_timeout(REPLY_WAIT) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                Err(RemoteError::Store(StoreError::Disconnected))
            }
        }
    }

    /// Ends the link for good (no reconnection).
    pub fn close(&self) {
        self.inner.closed.store(true, Ordering::SeqCst);
        if let Some(w) = lock(&self.inner.writer).take() {
            let _ = w.get_ref().shutdown(std::net::Shutdown::Both);
        }
    }
}

impl Inner {
    fn tell(&self, news: StoreNews) {
        lock(&self.subscribers).retain(|s| s.send(news.clone()).is_ok());
    }
}

/// Reads frames of the current link; when it drops, fails the waiting calls and
/// reconnects, until [`Connection::close`].
fn read_loop(inner: Arc<Inner>, mut stream: UnixStream) {
    loop {
        let mut reader = BufReader::new(&stream);
        loop {
            match read_frame::<ServerFrame>(&mut reader) {
                Ok(ServerFrame::Reply { id, result }) => {
                    if let Some(slot) = lock(&inner.pending).remove(&id) {
                        let _ = slot.send(result);
                    }
                }
                Ok(ServerFrame::News(n)) => inner.tell(n),
                Ok(_) => break,
                Err(_) => break,
            }
        }
        // The link is gone: nothing waiting will be answered.
        lock(&inner.writer).take();
        lock(&inner.pending).clear();
        if inner.closed.load(Ordering::SeqCst) {
            return;
        }
        inner.tell(StoreNews::Lost);
        loop {
            std::thread::sleep(RETRY);
            if inner.closed.load(Ordering::SeqCst) {
                return;
            }
            if let Ok((s, you, pid)) = open(&inner.socket, &inner.program) {
                let Ok(write_half) = s.try_clone() else {
                    continue;
                };
                *lock(&inner.you) = you;
                inner.server_pid.store(u64::from(pid), Ordering::Relaxed);
                *lock(&inner.writer) = Some(BufWriter::new(write_half));
                stream = s;
                break;
            }
        }
        inner.tell(StoreNews::Restored);
        inner.tell(StoreNews::Resync);
    }
}
