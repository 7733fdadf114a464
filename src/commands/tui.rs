//! `sourcing` (the TUI on the user's store) and `sourcing demo` (the TUI on a fresh
//! temporary store loaded with the embedded real directory).
//!
//! The store is opened before the terminal is touched: a store held by another process
//! gives its clear message on a normal screen and exit code 1. The first frame is drawn
//! before the directory is read or indexed (and, for the demo, imported): a progress line
//! shows how far it is. With `SOURCING_TIMING=1`, the times from launch to the first frame,
//! to the directory loaded and to search available are printed on stderr after the
//! terminal is restored.
//!
//! Every way out of the loop comes back here ([`crate::tui::Exit`]): quit, a signal (SIGHUP,
//! SIGTERM, SIGINT) or a lost terminal. Then, in this order: everything is saved (the
//! store is flushed; "save everything now" work such as drafts belongs in
//! [`save_before_exit`]), the terminal is restored unless it is gone (nothing is written
//! to a dead terminal, so nothing can block or fail there), and the store is released
//! (sled's lock; the demo's temporary folder is removed).
//!
//! Drafts of the forms being typed are kept in the user's state folder for the store
//! (`$XDG_STATE_HOME/sourcing/drafts/<store id>/`, see [`crate::app::drafts`]); the demo's
//! temporary store keeps none. However the event loop ends (quit, SIGHUP/SIGTERM, terminal
//! lost or an error), the open form's draft is written before the process exits.

use super::Context;
use crate::app::drafts::DraftDir;
use crate::app::snapshots::SnapshotFiles;
use crate::app::{App, AppState, CatalogSource, ImportJob, ImportProgress, Services};
use crate::client::{RemoteRanking, RemoteSearch, RemoteStore};
use crate::domain::buyer::current_login;
use crate::domain::forum::forum_tz;
use crate::domain::{CpvCatalog, ThemeCatalog};
use crate::io::embedded;
use crate::io::import::{import_reader_with_progress, ImportOptions, Progress};
use crate::store::{GuardedStore, SledStore, Store, StoreError};
use crate::tui::input::TtyInput;
use crate::tui::terminal::{stop_flag, TerminalGuard};
use crate::tui::Exit;
use crate::ui::Theme;
use anyhow::Context as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Longest wait, after the loop, for the background loader to let go of the store before
/// the process exits anyway (the lock goes with the process).
const RELEASE_WAIT: Duration = Duration::from_secs(1);

/// The store the interface owns: the demo's temporary one, or the user's, reopened after a
/// disk error ([`GuardedStore`]).
enum Owned {
    Temporary(Arc<SledStore>),
    Guarded(Arc<GuardedStore>),
    /// A forum server's: nothing is owned here, every write is durable in the server.
    Remote(Arc<RemoteStore>),
}

impl Owned {
    fn store(&self) -> Arc<dyn Store> {
        match self {
            Owned::Temporary(s) => s.clone(),
            // The access list's roles apply in process too.
            Owned::Guarded(s) => super::as_local_user(s.clone()),
            Owned::Remote(s) => s.clone(),
        }
    }

    fn flush(&self) {
        let _ = match self {
            Owned::Temporary(s) => s.flush(),
            Owned::Guarded(s) => s.flush(),
            Owned::Remote(_) => Ok(()),
        };
    }
}

/// Runs the TUI; `demo` uses a temporary store loaded from the embedded fixtures.
pub fn run(ctx: &Context, demo: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    let remote = if demo { None } else { super::connect(ctx)? };
    let (sled, import): (Owned, Option<ImportJob>) = if demo {
        (
            Owned::Temporary(super::open_demo_store()?),
            Some(demo_import(ctx.lang)),
        )
    } else if let Some(conn) = &remote {
        (
            Owned::Remote(Arc::new(RemoteStore::new(conn.clone()))),
            None,
        )
    } else {
        // The full first read runs beside the interface; on a damaged store it ends the
        // process with the store's message (see `on_damage`).
        (Owned::Guarded(super::open_tui_store(ctx, on_damage)?), None)
    };
    let store: Arc<dyn Store> = sled.store();
    let opened = started.elapsed();
    let today = jiff::Timestamp::now().to_zoned(forum_tz()).date();
    // The catalogs (9,454 CPV labels) are parsed on the loader thread: the first frame does
    // not wait for them.
    // Connected, the server says who the user is (peer credentials + access list).
    let identity = store.identity();
    let login = identity
        .as_ref()
        .map(|b| b.login.clone())
        .unwrap_or_else(current_login);
    // Shown name: the forum server's access list, else the local access list, else
    // --buyer-name; never the login twice.
    let listed = identity.or_else(|| {
        store
            .buyers()
            .ok()
            .and_then(|list| list.into_iter().find(|b| b.login == login))
    });
    let buyer_name = listed
        .map(|b| b.display_name.trim().to_string())
        .filter(|n| !n.is_empty())
        .or_else(|| ctx.buyer_name.clone())
        .unwrap_or_default();
    let mut state = AppState::new(
        ctx.lang,
        login,
        today,
        Arc::new(ThemeCatalog::default()),
        Arc::new(CpvCatalog::default()),
    );
    state.locale_warning = crate::tui::locale::non_utf8_locale_from_env();
    state.buyer_name = buyer_name;
    state.demo = demo;
    let catalogs: CatalogSource = Box::new(|| {
        (
            Arc::new(embedded::theme_catalog().clone()),
            Arc::new(embedded::cpv_catalog().clone()),
        )
    });
    // Search and ranking start from the store's snapshots when they are current (the
    // demo's temporary store keeps none).
    let snapshots = (!demo).then(|| SnapshotFiles::for_store(&ctx.store_dir));
    let services = match &remote {
        Some(conn) => Services::start_with_services(
            store,
            catalogs,
            started,
            Box::new(RemoteSearch::new(conn.clone())),
            Box::new(RemoteRanking::new(conn.clone())),
        ),
        None => Services::start_with_snapshots(store, catalogs, import, started, snapshots),
    };
    let mut app = App::new(state, services);
    if !demo {
        if let Some(dir) = DraftDir::for_store(&ctx.store_dir) {
            app.keep_drafts_in(dir);
        }
    }
    let words = &crate::i18n::texts(ctx.lang).commands;
    let stop = stop_flag().context(words.tui_signals)?;
    let _ = STOP.set(stop.clone());
    if FATAL.get().is_some() {
        stop.store(true, Ordering::SeqCst);
    }
    let theme = Theme::for_color(ctx.color);
    let exit = {
        let (mut guard, mut terminal) = TerminalGuard::enter().context(words.tui_terminal)?;
        if let Ok(size) = terminal.size() {
            app.state.screen = Some((size.width, size.height));
        }
        let mut input = TtyInput::start().context(words.tui_input)?;
        let exit = crate::tui::run(&mut terminal, &mut input, &mut app, &theme, Some(&stop))
            .unwrap_or(Exit::Lost);
        drop(input); // stops and joins the input thread
        save_before_exit(&mut app, &sled, exit);
        // ratatui shows the cursor when its terminal is dropped and prints on stderr if
        // that fails, which panics when stderr is the same dead terminal: show it here,
        // and on failure (or a lost terminal) forget the terminal instead.
        let alive = exit != Exit::Lost && terminal.show_cursor().is_ok();
        if alive {
            drop(terminal);
        } else {
            guard.forget_terminal();
            std::mem::forget(terminal);
        }
        drop(guard);
        if alive {
            exit
        } else {
            Exit::Lost
        }
    };
    if let Some(msg) = FATAL.get() {
        // The terminal is restored; the loader may still be stuck in sled: end here.
        eprintln!("sourcing : {msg}");
        std::process::exit(1);
    }
    let (timing, supplier_count) = (app.services.timing, app.state.supplier_count);
    drop(app);
    release(sled);
    if exit == Exit::Lost {
        // Nobody can read anything now: no timing line, no error message.
        return Ok(());
    }
    // A diagnostic for benchmarks and tests, which read its French labels: not translated.
    if std::env::var_os("SOURCING_TIMING").is_some_and(|v| v == "1") {
        let ms = |d: Option<std::time::Duration>| match d {
            Some(d) => format!("{} ms", d.as_millis()),
            None => "—".to_string(),
        };
        let t = &timing;
        let source = match (t.from_snapshot, t.rebuilt) {
            (Some(true), None) => "instantanés".to_string(),
            (Some(true), Some(d)) => format!("instantané, classement reconstruit {}", ms(Some(d))),
            (Some(false), d) => format!("reconstruit {}", ms(d)),
            (None, _) => "—".to_string(),
        };
        eprintln!(
            "sourcing : dossier ouvert {} ; premier écran {} ; annuaire chargé {} ; recherche prête {} ; classement prêt {} ; premier classement {} ; index {} ({} fournisseurs)",
            ms(Some(opened)),
            ms(t.first_frame),
            ms(t.loaded),
            ms(t.searchable),
            ms(t.ranking),
            ms(t.first_ranking),
            source,
            supplier_count
        );
    }
    Ok(())
}

/// Everything that must be on disk before the process goes, whatever ended the loop
/// (quit, a signal, a lost terminal). Confirmed writes are already flushed one by one;
/// this flushes the store once more. Work of the same kind ("save everything now", e.g.
/// the drafts of forms being typed) belongs here, before the store is released.
fn save_before_exit(app: &mut App, sled: &Owned, exit: Exit) {
    // The open form's draft first: it is the only thing not yet on disk.
    app.flush_drafts();
    sled.flush();
    if exit == Exit::Quit {
        // A clean close lets the loader finish writing the snapshots it rebuilt (a
        // signal does not wait: an unfinished snapshot file is never renamed into place).
        app.services.finish();
    }
}

/// Releases the store: waits at most [`RELEASE_WAIT`] for the background loader to drop
/// its reference, then drops ours, which closes sled (its lock) and removes the demo's
/// temporary folder. If the loader still holds it (an import under way), a `temporary`
/// store's folder is removed by hand: the process is about to end and takes the loader
/// with it.
fn release(sled: Owned) {
    fn wait<T>(arc: &Arc<T>) {
        let start = Instant::now();
        while Arc::strong_count(arc) > 1 && start.elapsed() < RELEASE_WAIT {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    match sled {
        Owned::Temporary(s) => {
            wait(&s);
            if let Err(shared) = Arc::try_unwrap(s) {
                let _ = std::fs::remove_dir_all(shared.dir());
            }
        }
        Owned::Guarded(s) => {
            wait(&s);
            drop(s);
        }
        Owned::Remote(s) => drop(s),
    }
}

/// Message of a damage found by the background check, once set.
static FATAL: OnceLock<String> = OnceLock::new();
/// The interface's stop flag, once installed.
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// How long the interface has to end by itself (it checks its stop flag every tick) after
/// the check found damage, before the check thread restores the terminal and exits.
const FATAL_GRACE: Duration = Duration::from_secs(3);

/// Called by the store's background check on a damaged store: asks the interface to end
/// (it restores the terminal, prints the message, exits 1); if it does not within
/// [`FATAL_GRACE`], restores the terminal and exits from here.
fn on_damage(e: StoreError) {
    let msg = e.to_string();
    let _ = FATAL.set(msg.clone());
    if let Some(stop) = STOP.get() {
        stop.store(true, Ordering::SeqCst);
    }
    std::thread::sleep(FATAL_GRACE);
    let _ = crate::tui::terminal::restore();
    eprintln!("sourcing : {msg}");
    std::process::exit(1);
}

/// The demo's import of the embedded directory, reporting its progress. Lines the importer
/// rejects are left out (the derivation keeps none: see tools/derive_fixtures.py; the report
/// is not shown in the demo).
fn demo_import(lang: crate::i18n::Lang) -> ImportJob {
    Box::new(move |store, progress| {
        let total = embedded::SUPPLIERS_CSV.len() as u64;
        let opts = ImportOptions {
            lang,
            themes: Some(embedded::theme_catalog().clone()),
            ..Default::default()
        };
        import_reader_with_progress(
            store,
            embedded::SUPPLIERS_CSV,
            embedded::SUPPLIERS_FILE_NAME,
            &opts,
            "import",
            &mut |p| match p {
                Progress::Reading { bytes } => {
                    progress(ImportProgress::Reading { done: bytes, total })
                }
                Progress::Writing { suppliers } => progress(ImportProgress::Writing { suppliers }),
            },
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    })
}
