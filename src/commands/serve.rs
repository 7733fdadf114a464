//! `sourcing serve`: the forum server on the store folder (DESIGN §4, `crate::serve`).
//! Runs until SIGTERM, SIGINT or SIGHUP; then ends every session, flushes the store and
//! removes its socket. One log line per connection, refusal and error on stderr.

use super::Context;
use crate::app::snapshots::SnapshotFiles;
use crate::i18n::Render;
use crate::serve::directory::Directory;
use crate::serve::{peer, socket, ServeError, Server, ServerConfig};
use crate::store::{GuardedStore, SledStore, Store};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

/// Runs the server until a signal. Errors: the socket's ([`ServeError`]) or the store's.
pub fn run(ctx: &Context) -> anyhow::Result<()> {
    let t = &crate::i18n::texts(ctx.lang).serve;
    let fail = |e: ServeError| anyhow::anyhow!("{}", e.render(ctx.lang));
    let owner = peer::own_login().ok_or_else(|| fail(ServeError::NoOwnLogin))?;
    socket::check_path(&ctx.socket).map_err(fail)?;
    if ctx.socket.exists() && std::os::unix::net::UnixStream::connect(&ctx.socket).is_ok() {
        return Err(fail(ServeError::AlreadyServed {
            socket: ctx.socket.clone(),
            pid: socket::server_pid(&ctx.socket),
        }));
    }
    // Signals first: a stop asked for while the directory is indexed is kept.
    let stop = crate::tui::terminal::stop_flag()?;
    let sled = Arc::new(SledStore::open_checked(&ctx.store_dir)?);
    let store = Arc::new(GuardedStore::new(sled));
    let count = store.supplier_count()?;
    eprintln!("{}", (t.indexing)(count));
    let snapshots = SnapshotFiles::for_store(&ctx.store_dir);
    let directory = Directory::load(store.as_ref(), Some(&snapshots), &mut |_| {})?;
    let config = ServerConfig {
        socket: ctx.socket.clone(),
        owner,
        lang: ctx.lang,
        log: Arc::new(|line: &str| eprintln!("{line}")),
    };
    let mut server =
        Server::start(store.clone(), Some(store.clone()), directory, config).map_err(fail)?;
    eprintln!(
        "{}",
        (t.listening)(
            &ctx.socket.display().to_string(),
            &ctx.store_dir.display().to_string(),
            std::process::id(),
            count
        )
    );
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("{}", t.stopping);
    let sessions = server.stop();
    store.flush()?;
    drop(server);
    eprintln!("{}", (t.stopped)(sessions));
    Ok(())
}
