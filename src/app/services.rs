//! What `update` may call besides the state: the store, the search worker, and the
//! background loader that imports, reads and indexes the directory so the first frame
//! never waits for it.

use crate::domain::{CpvCatalog, Supplier, ThemeCatalog};
use crate::matching::Matcher;
use crate::search::{SearchIndex, SearchWorker};
use crate::store::Store;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, RwLock};
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
    /// Import finished; the store is being read.
    Reading,
    /// The suppliers were read from the store; the search index is being built.
    Directory(Arc<Vec<Supplier>>),
    /// Index progress: `done` of `total` suppliers indexed.
    Indexing {
        /// Suppliers indexed so far.
        done: usize,
        /// Suppliers to index.
        total: usize,
    },
    /// The search index is built and its worker started: search is available.
    Searchable(SearchWorker),
    /// The directory is prepared for matching needs: shortlists can be ranked.
    Matcher(Box<Matcher>),
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
    /// When the directory was loaded.
    pub loaded: Option<Duration>,
    /// When search became available.
    pub searchable: Option<Duration>,
}

impl Timing {
    /// Timing starting at `started`.
    pub fn new(started: Instant) -> Self {
        Timing {
            started,
            first_frame: None,
            loaded: None,
            searchable: None,
        }
    }
}

/// The services `update` uses.
pub struct Services {
    /// The store (in-process sled store, or a shared-mode client).
    pub store: Arc<dyn Store>,
    /// The search worker, once the index is built.
    pub search: Option<SearchWorker>,
    /// The directory prepared for matching, once built (after the search index).
    pub matcher: Option<Matcher>,
    /// The background loader's channel, until it finished.
    pub loader: Option<Receiver<LoadEvent>>,
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
        let imports = import.is_some();
        let clock = store.clock();
        let loader = spawn_loader(store.clone(), catalogs, import);
        Services {
            store,
            search: None,
            matcher: None,
            loader: Some(loader),
            timing: Timing::new(started),
            now: Arc::new(move || clock.now()),
            imports,
            drafts: None,
        }
    }

    /// True while the loader runs or a search is pending.
    pub fn busy(&self) -> bool {
        self.loader.is_some() || self.search.as_ref().is_some_and(|w| w.busy())
    }
}

/// Starts the loader thread: catalogs, import (if any), count and read the suppliers, build
/// the index, start the search worker, prepare the matcher. Events arrive on the returned channel in that
/// order.
pub fn spawn_loader(
    store: Arc<dyn Store>,
    catalogs: CatalogSource,
    import: Option<ImportJob>,
) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("sourcing-loader".into())
        .spawn(move || {
            let (themes, cpv) = catalogs();
            let _ = tx.send(LoadEvent::Catalogs(themes.clone(), cpv.clone()));
            if let Some(job) = import {
                let mut last = Instant::now();
                let mut report = |p: ImportProgress| {
                    let last_step = match p {
                        ImportProgress::Reading { done, total } => done >= total,
                        ImportProgress::Writing { .. } => true,
                    };
                    if last_step || last.elapsed() >= Duration::from_millis(50) {
                        last = Instant::now();
                        let _ = tx.send(LoadEvent::Progress(p));
                    }
                };
                if let Err(e) = job(store.as_ref(), &mut report) {
                    let _ = tx.send(LoadEvent::Failed(e));
                    return;
                }
                let _ = tx.send(LoadEvent::Reading);
            }
            if let Ok(n) = store.supplier_count() {
                let _ = tx.send(LoadEvent::Count(n));
            }
            let suppliers = match store.suppliers() {
                Ok(s) => Arc::new(s),
                Err(e) => {
                    let _ = tx.send(LoadEvent::Failed(e.to_string()));
                    return;
                }
            };
            let _ = tx.send(LoadEvent::Directory(suppliers.clone()));
            let total = suppliers.len();
            let mut index = SearchIndex::new(&themes, &cpv);
            index.extend(suppliers.iter(), |done| {
                let _ = tx.send(LoadEvent::Indexing { done, total });
            });
            let worker = SearchWorker::start(Arc::new(RwLock::new(index)));
            let _ = tx.send(LoadEvent::Searchable(worker));
            let matcher = Matcher::new(&suppliers, &cpv);
            // Release the store before the channel closes: once the app sees the loader
            // finished, this thread holds no reference to it.
            drop(store);
            let _ = tx.send(LoadEvent::Matcher(Box::new(matcher)));
        })
        .map(|_| ())
        .unwrap_or_else(|_| {
            // Could not start a thread: the receiver will report a disconnected loader.
        });
    rx
}
