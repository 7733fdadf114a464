//! What `update` may call besides the state: the store, search and ranking (behind
//! [`SearchService`] and [`RankingService`]), and the background loader
//! ([`super::loader`]) that makes them ready after the first frame.

use super::loader::spawn_loader;
use super::ranking_service::RankingService;
use super::search_service::SearchService;
use super::snapshots::SnapshotFiles;
use crate::domain::{CpvCatalog, ThemeCatalog};
use crate::store::Store;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// News from the background loader.
pub enum LoadEvent {
    /// The forum themes and CPV labels, parsed off the input thread.
    Catalogs(Arc<ThemeCatalog>, Arc<CpvCatalog>),
    /// Number of suppliers in the store (counted off the input thread: sled counts by
    /// walking the tree).
    Count(usize),
    /// Import progress.
    Progress(ImportProgress),
    /// The suppliers are being read from the store (no valid snapshot of the index).
    Reading,
    /// Rebuild progress: `done` of `total` suppliers read, prepared and indexed.
    Indexing {
        /// Suppliers done so far.
        done: usize,
        /// Suppliers to do.
        total: usize,
    },
    /// Search is available.
    Searchable {
        /// The search service.
        service: Box<dyn SearchService>,
        /// True when the index came from its snapshot, false when rebuilt from the store.
        from_snapshot: bool,
    },
    /// Shortlists can be ranked.
    Ranking(Box<dyn RankingService>),
    /// What had no valid snapshot was rebuilt from the store, in this time (its snapshots
    /// are written next).
    Rebuilt(Duration),
    /// Loading failed; the message says what to do.
    Failed(String),
}

/// Where the start-up import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProgress {
    /// Reading the source: `done` of `total` bytes.
    Reading {
        /// Bytes read so far.
        done: u64,
        /// Total bytes.
        total: u64,
    },
    /// Writing `suppliers` suppliers to the store (one atomic write).
    Writing {
        /// Suppliers in the batch.
        suppliers: usize,
    },
}

/// Produces the catalogs (themes, CPV labels) on the loader thread, so parsing them does
/// not delay the first frame.
pub type CatalogSource = Box<dyn FnOnce() -> (Arc<ThemeCatalog>, Arc<CpvCatalog>) + Send>;

/// A progress callback of an [`ImportJob`].
pub type Progress<'a> = &'a mut dyn FnMut(ImportProgress);

/// An import run by the loader before reading the store (the demo's embedded directory).
/// Returns an error message in French when the import fails.
pub type ImportJob = Box<dyn FnOnce(&dyn Store, Progress<'_>) -> Result<(), String> + Send>;

/// Start-up times, measured from the launch of the command.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// When the command started.
    pub started: Instant,
    /// When the first frame was drawn.
    pub first_frame: Option<Duration>,
    /// When the directory was opened (its supplier count known).
    pub loaded: Option<Duration>,
    /// When search became available.
    pub searchable: Option<Duration>,
    /// When ranking became available.
    pub ranking: Option<Duration>,
    /// When the first ranking of a need was shown.
    pub first_ranking: Option<Duration>,
    /// Whether search started from its snapshot (None: not yet known).
    pub from_snapshot: Option<bool>,
    /// How long the rebuild of what had no valid snapshot took, when there was one.
    pub rebuilt: Option<Duration>,
}

impl Timing {
    /// Timing starting at `started`.
    pub fn new(started: Instant) -> Self {
        Timing {
            started,
            first_frame: None,
            loaded: None,
            searchable: None,
            ranking: None,
            first_ranking: None,
            from_snapshot: None,
            rebuilt: None,
        }
    }
}

/// The services `update` uses.
pub struct Services {
    /// The store (in-process sled store, or a shared-mode client).
    pub store: Arc<dyn Store>,
    /// Search, once ready.
    pub search: Option<Box<dyn SearchService>>,
    /// Ranking of needs, once ready (after search).
    pub ranking: Option<Box<dyn RankingService>>,
    /// The background loader's channel, until it finished.
    pub loader: Option<Receiver<LoadEvent>>,
    /// The loader thread, until [`Services::finish`]: after its last event it may still be
    /// writing snapshots.
    pub loader_thread: Option<JoinHandle<()>>,
    /// Start-up timing.
    pub timing: Timing,
    /// Clock for outcome timestamps and drafts: the store's clock ([`Store::clock`]), so a
    /// store opened with a pinned clock pins this too (tests may also replace it).
    pub now: Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>,
    /// True when the loader starts with an import (the demo): the first frame shows it.
    pub imports: bool,
    /// Drafts of the forms being typed, when the store has a drafts folder (None for the
    /// demo's temporary store and for tests that do not ask for them).
    pub drafts: Option<super::drafts::Drafts>,
    /// News of changes made by others and of the link ([`Store::news`]; None in process).
    pub news: Option<Receiver<crate::store::StoreNews>>,
}

impl Services {
    /// Services over `store`, with the loader started (running `import` first if given).
    pub fn start(
        store: Arc<dyn Store>,
        themes: Arc<ThemeCatalog>,
        cpv: Arc<CpvCatalog>,
        import: Option<ImportJob>,
        started: Instant,
    ) -> Self {
        Self::start_with(store, Box::new(move || (themes, cpv)), import, started)
    }

    /// Same, with the catalogs produced on the loader thread (they reach the state with
    /// [`LoadEvent::Catalogs`]).
    pub fn start_with(
        store: Arc<dyn Store>,
        catalogs: CatalogSource,
        import: Option<ImportJob>,
        started: Instant,
    ) -> Self {
        Self::start_with_snapshots(store, catalogs, import, started, None)
    }

    /// Same, starting search and ranking from the store's snapshots in `snapshots` when
    /// they are current (and writing them after a rebuild).
    pub fn start_with_snapshots(
        store: Arc<dyn Store>,
        catalogs: CatalogSource,
        import: Option<ImportJob>,
        started: Instant,
        snapshots: Option<SnapshotFiles>,
    ) -> Self {
        let imports = import.is_some();
        let clock = store.clock();
        let (loader, loader_thread) = spawn_loader(store.clone(), catalogs, import, snapshots);
        Services {
            news: store.news(),
            store,
            search: None,
            ranking: None,
            loader: Some(loader),
            loader_thread,
            timing: Timing::new(started),
            now: Arc::new(move || clock.now()),
            imports,
            drafts: None,
        }
    }

    /// Services whose search and ranking are given (a forum server's, which hold the
    /// directory: nothing of it is loaded here). A loader thread reports the catalogs, the
    /// supplier count, then both services, as [`Services::start_with`] does.
    pub fn start_with_services(
        store: Arc<dyn Store>,
        catalogs: CatalogSource,
        started: Instant,
        search: Box<dyn SearchService>,
        ranking: Box<dyn RankingService>,
    ) -> Self {
        let clock = store.clock();
        let (tx, rx) = std::sync::mpsc::channel();
        let counted = store.clone();
        let loader_thread = std::thread::Builder::new()
            .name("sourcing-loader".into())
            .spawn(move || {
                let (themes, cpv) = catalogs();
                let _ = tx.send(LoadEvent::Catalogs(themes, cpv));
                match counted.supplier_count() {
                    Ok(n) => {
                        let _ = tx.send(LoadEvent::Count(n));
                        let _ = tx.send(LoadEvent::Searchable {
                            service: search,
                            from_snapshot: true,
                        });
                        let _ = tx.send(LoadEvent::Ranking(ranking));
                    }
                    Err(e) => {
                        let _ = tx.send(LoadEvent::Failed(e.to_string()));
                    }
                }
            })
            .ok();
        Services {
            news: store.news(),
            store,
            search: None,
            ranking: None,
            loader: Some(rx),
            loader_thread,
            timing: Timing::new(started),
            now: Arc::new(move || clock.now()),
            imports: false,
            drafts: None,
        }
    }

    /// Waits for the loader thread to end (after a rebuild it writes the snapshots the
    /// next start reads): call it on a clean close.
    pub fn finish(&mut self) {
        self.loader = None;
        if let Some(h) = self.loader_thread.take() {
            let _ = h.join();
        }
    }

    /// True while the loader runs or a search is pending.
    pub fn busy(&self) -> bool {
        self.loader.is_some() || self.search.as_ref().is_some_and(|w| w.busy())
    }
}
