//! One client's connection, from the handshake to the close: who it is (peer credentials,
//! never what it says), its requests answered in order, its searches newest first, its
//! outbox drained by a writer thread of its own. Anything wrong on the wire (a frame too
//! long, one that does not decode, one out of place) ends this connection only.

use super::dispatch::{answer, SessionState};
use super::hub::{Outbox, QUEUE};
use super::peer::{login_of, peer_cred};
use super::Shared;
use crate::domain::Role;
use crate::protocol::{
    read_frame, write_frame, ClientFrame, FrameError, Refusal, RemoteError, Request, ServerFrame,
    VERSION,
};
use crate::store::{AccessControlled, Store, StoreError, StoreNews};
use std::io::{BufReader, BufWriter, Write};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::time::Duration;

/// Longest wait for a client's `Hello`.
const HELLO_WAIT: Duration = Duration::from_secs(10);
/// Most hits sent for one search (the first page).
const SEARCH_LIMIT: u32 = 1_000;

/// Serves one connection until it closes (or the server stops).
pub fn run(stream: UnixStream, shared: Arc<Shared>) {
    let t = &crate::i18n::texts(shared.lang).serve;
    let cred = match peer_cred(&stream) {
        Ok(c) => c,
        Err(e) => {
            shared.log(&(t.refused)("?", &e.to_string()));
            return;
        }
    };
    let Some(login) = login_of(cred.uid) else {
        let refusal = Refusal::NoAccountName { uid: cred.uid };
        shared.log(&(t.refused)(
            &format!("uid {}", cred.uid),
            &crate::i18n::Render::render(&refusal, shared.lang),
        ));
        refuse(&stream, refusal);
        return;
    };
    let store = AccessControlled::new(shared.store.clone(), &login, Some(&shared.owner));
    let Some(you) = handshake(&stream, &shared, &store, &login) else {
        return;
    };
    let (tx, rx) = sync_channel::<ServerFrame>(QUEUE);
    let Ok(handle) = stream.try_clone() else {
        return;
    };
    let behind = Arc::new(AtomicBool::new(false));
    let outbox = Arc::new(Outbox {
        tx: tx.clone(),
        behind: behind.clone(),
        stream: handle,
        login: login.clone(),
    });
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    // The writer holds no sender: it ends once the session's senders are gone.
    let writer = std::thread::Builder::new()
        .name("sourcing-session-out".into())
        .spawn(move || write_loop(write_half, rx, &behind));
    if writer.is_err() {
        return;
    }
    let id = shared.hub.join(outbox);
    shared.log(&(t.connected)(&login, cred.pid));
    let by = you.shown_name().to_string();
    let served = read_loop(&stream, &shared, &store, id, &by, &tx);
    shared.hub.leave(id);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    drop(tx);
    if let Ok(w) = writer {
        let _ = w.join();
    }
    shared.log(&(t.disconnected)(&login, served));
}

/// Reads `Hello`, checks version and access; sends `Welcome` (returning who the login is)
/// or `Refused` (returning None).
fn handshake(
    stream: &UnixStream,
    shared: &Shared,
    store: &AccessControlled,
    login: &str,
) -> Option<crate::domain::Buyer> {
    let t = &crate::i18n::texts(shared.lang).serve;
    let _ = stream.set_read_timeout(Some(HELLO_WAIT));
    let mut reader = BufReader::new(stream);
    let hello: ClientFrame = match read_frame(&mut reader) {
        Ok(f) => f,
        Err(e) => {
            shared.log(&(t.bad_frame)(login, &e.to_string()));
            return None;
        }
    };
    let _ = stream.set_read_timeout(None);
    let refusal = match hello {
        ClientFrame::Hello { version, .. } if version != VERSION => Some(Refusal::Version {
            server: VERSION,
            program: super::program(),
        }),
        ClientFrame::Hello { .. } => None,
        ClientFrame::Call { .. } => {
            shared.log(&(t.bad_frame)(login, "Call before Hello"));
            return None;
        }
    };
    let refusal = refusal.or_else(|| {
        shared
            .stopping
            .load(Ordering::SeqCst)
            .then_some(Refusal::ShuttingDown)
    });
    let you = match store.identity() {
        Ok(you) => you,
        Err(e) => {
            shared.log(&(t.refused)(login, &e.to_string()));
            return None;
        }
    };
    let refusal = refusal.or_else(|| match &you {
        Some(_) => None,
        None => Some(Refusal::UnknownLogin {
            login: login.to_string(),
            organisers: store
                .buyers()
                .unwrap_or_default()
                .into_iter()
                .filter(|b| b.role == Role::Organiser)
                .map(|b| b.login)
                .collect(),
        }),
    });
    if let Some(r) = refusal {
        shared.log(&(t.refused)(
            login,
            &crate::i18n::Render::render(&r, shared.lang),
        ));
        refuse(stream, r);
        return None;
    }
    let you = you?;
    let mut w = BufWriter::new(stream);
    let welcome = ServerFrame::Welcome {
        version: VERSION,
        server_pid: std::process::id(),
        you: you.clone(),
    };
    write_frame(&mut w, &welcome).ok()?;
    w.flush().ok()?;
    Some(you)
}

fn refuse(stream: &UnixStream, refusal: Refusal) {
    let mut w = BufWriter::new(stream);
    let _ = write_frame(&mut w, &ServerFrame::Refused(refusal));
    let _ = w.flush();
}

/// Answers requests until the link closes or a bad frame; returns how many were answered.
fn read_loop(
    stream: &UnixStream,
    shared: &Arc<Shared>,
    store: &AccessControlled,
    id: u64,
    by: &str,
    tx: &SyncSender<ServerFrame>,
) -> u64 {
    let t = &crate::i18n::texts(shared.lang).serve;
    let mut reader = BufReader::new(stream);
    let mut state = SessionState::default();
    let mut served = 0u64;
    // Set by `ActFor`: the same rights, writes journaled "LOGIN pour BUYER".
    let mut acting: Option<AccessControlled> = None;
    loop {
        let store = acting.as_ref().unwrap_or(store);
        let frame: ClientFrame = match read_frame(&mut reader) {
            Ok(f) => f,
            Err(FrameError::Closed) => break,
            Err(e) => {
                if !shared.stopping.load(Ordering::SeqCst) {
                    shared.log(&(t.bad_frame)(store.login(), &e.to_string()));
                }
                break;
            }
        };
        let (call, request) = match frame {
            ClientFrame::Call { id, request } => (id, request),
            ClientFrame::Hello { .. } => {
                shared.log(&(t.bad_frame)(store.login(), "second Hello"));
                break;
            }
        };
        served += 1;
        if let Request::Search { query, limit } = request {
            let limit = limit.min(SEARCH_LIMIT) as usize;
            shared.search.submit(id, call, &query, limit, tx.clone());
            continue;
        }
        if let Request::ActFor(buyer) = request {
            let result = match store.acting_for(&buyer) {
                Ok(s) => {
                    acting = Some(s);
                    Ok(crate::protocol::Reply::Done)
                }
                Err(e) => Err(RemoteError::Store(e)),
            };
            if tx.send(ServerFrame::Reply { id: call, result }).is_err() {
                break;
            }
            continue;
        }
        let a = answer(
            store,
            &shared.directory,
            shared.maintenance.as_deref(),
            &mut state,
            request,
        );
        if let Err(RemoteError::Store(StoreError::Denied { login, action, .. })) = &a.result {
            shared.denied(login, *action);
        }
        if !a.suppliers.is_empty() {
            let _ = shared
                .directory
                .suppliers_changed(shared.store.as_ref(), &a.suppliers);
        }
        // The reply first (the write is durable), then the news to the others.
        if tx
            .send(ServerFrame::Reply {
                id: call,
                result: a.result,
            })
            .is_err()
        {
            break;
        }
        if let Some(entity) = a.wrote {
            let news = StoreNews::Changed {
                entity,
                by: by.to_string(),
            };
            for late in shared.hub.publish(id, &news) {
                shared.log(&(t.resync)(&late));
            }
        }
    }
    shared.search.forget(id);
    served
}

/// Writes the outbox's frames to the client; after a frame, a session marked behind gets
/// its resync. Ends when the outbox closes or the link fails.
fn write_loop(stream: UnixStream, rx: Receiver<ServerFrame>, behind: &AtomicBool) {
    let mut w = BufWriter::new(&stream);
    let mut send = |f: &ServerFrame| write_frame(&mut w, f).is_ok() && w.flush().is_ok();
    for frame in rx.iter() {
        if !send(&frame) {
            break;
        }
        if behind.swap(false, Ordering::SeqCst) && !send(&ServerFrame::News(StoreNews::Resync)) {
            break;
        }
    }
    // The link is gone or the session ended: make sure the reader ends too.
    let _ = stream.shutdown(std::net::Shutdown::Both);
}
