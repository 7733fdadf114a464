//! `sourcing` (the TUI on the user's store) and `sourcing demo` (the TUI on a fresh
//! temporary store loaded with the embedded real directory).
//!
//! The store is opened before the terminal is touched: a store held by another process
//! gives its clear message on a normal screen and exit code 1. The first frame is drawn
//! before the directory is read or indexed (and, for the demo, imported): a progress line
//! shows how far it is. With `SOURCING_TIMING=1`, the times from launch to the first frame,
//! to the directory loaded and to search available are printed on stderr after the
//! terminal is restored.

use super::Context;
use crate::app::{App, AppState, CatalogSource, ImportJob, ImportProgress, Services};
use crate::domain::buyer::current_login;
use crate::domain::forum::forum_tz;
use crate::domain::{CpvCatalog, ThemeCatalog};
use crate::io::embedded;
use crate::io::import::{import_reader_with_progress, ImportOptions, Progress};
use crate::store::{GuardedStore, SledStore, Store, StoreError};
use crate::tui::terminal::{stop_flag, CrosstermEvents, TerminalGuard};
use crate::ui::Theme;
use anyhow::Context as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Runs the TUI; `demo` uses a temporary store loaded from the embedded fixtures.
pub fn run(ctx: &Context, demo: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    let (store, import): (Arc<dyn Store>, Option<ImportJob>) = if demo {
        let store = SledStore::open_temporary()?;
        (Arc::new(store), Some(demo_import(ctx.lang)))
    } else {
        // The full first read runs beside the interface; on a damaged store it ends the
        // process with the store's message (see `on_damage`).
        let store = SledStore::open_checked_in_background(&ctx.store_dir, on_damage)?;
        (Arc::new(GuardedStore::new(store)), None)
    };
    let opened = started.elapsed();
    let today = jiff::Timestamp::now().to_zoned(forum_tz()).date();
    // The catalogs (9,454 CPV labels) are parsed on the loader thread: the first frame does
    // not wait for them.
    let state = AppState::new(
        ctx.lang,
        current_login(),
        today,
        Arc::new(ThemeCatalog::default()),
        Arc::new(CpvCatalog::default()),
    );
    let catalogs: CatalogSource = Box::new(|| {
        (
            Arc::new(embedded::theme_catalog().clone()),
            Arc::new(embedded::cpv_catalog().clone()),
        )
    });
    let services = Services::start_with(store, catalogs, import, started);
    let mut app = App::new(state, services);
    let stop = stop_flag().context("installation des signaux")?;
    let _ = STOP.set(stop.clone());
    if FATAL.get().is_some() {
        stop.store(true, Ordering::SeqCst);
    }
    let theme = Theme::for_color(ctx.color);
    let result = {
        let (guard, mut terminal) =
            TerminalGuard::enter().context("impossible de préparer le terminal")?;
        let r = crate::tui::run(
            &mut terminal,
            &mut CrosstermEvents,
            &mut app,
            &theme,
            Some(&stop),
        );
        drop(terminal);
        drop(guard);
        r
    };
    if let Some(msg) = FATAL.get() {
        // The terminal is restored; the loader may still be stuck in sled: end here.
        eprintln!("sourcing : {msg}");
        std::process::exit(1);
    }
    if std::env::var_os("SOURCING_TIMING").is_some_and(|v| v == "1") {
        let ms = |d: Option<std::time::Duration>| match d {
            Some(d) => format!("{} ms", d.as_millis()),
            None => "—".to_string(),
        };
        let t = &app.services.timing;
        eprintln!(
            "sourcing : dossier ouvert {} ; premier écran {} ; annuaire chargé {} ; recherche prête {} ({} fournisseurs)",
            ms(Some(opened)),
            ms(t.first_frame),
            ms(t.loaded),
            ms(t.searchable),
            app.state.supplier_count
        );
    }
    result.context("erreur du terminal")
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
fn demo_import(lang: crate::cli::Lang) -> ImportJob {
    Box::new(move |store, progress| {
        let total = embedded::SUPPLIERS_CSV.len() as u64;
        let opts = ImportOptions {
            english: lang == crate::cli::Lang::En,
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
