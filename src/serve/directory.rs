//! The server's one copy of the directory: the search index and the matcher, read from the
//! store's snapshots when they are current, else rebuilt from the store (and written back
//! as snapshots), then kept current as imports commit. Every session searches and ranks on
//! these; clients never load the directory.

use crate::app::snapshots::{rebuild, SnapshotFiles};
use crate::domain::{CpvCatalog, Need, SupplierId, ThemeCatalog};
use crate::io::embedded;
use crate::matching::{Match, Matcher};
use crate::search::{Hit, Query, SearchIndex, SearchSession};
use crate::store::{Store, StoreResult};
use std::sync::{Arc, RwLock};

/// The index and matcher every session shares.
pub struct Directory {
    index: Arc<RwLock<SearchIndex>>,
    matcher: RwLock<Matcher>,
    themes: Arc<ThemeCatalog>,
    cpv: Arc<CpvCatalog>,
}

impl Directory {
    /// Loads the directory of `store`: from `snapshots` when they carry its write stamp,
    /// else rebuilt by streaming its suppliers (then saved there for the next start).
    /// `progress(done)` is called now and then during a rebuild. Errors: the store's.
    pub fn load(
        store: &dyn Store,
        snapshots: Option<&SnapshotFiles>,
        progress: &mut dyn FnMut(usize),
    ) -> StoreResult<Self> {
        let themes = Arc::new(embedded::theme_catalog().clone());
        let cpv = Arc::new(embedded::cpv_catalog().clone());
        let key = store.write_stamp()?.map(|s| s.key());
        let files = snapshots.zip(key);
        let (mut index, mut matcher) = (None, None);
        if let Some((f, key)) = files {
            index = f.load_index(key, &themes, &cpv).ok();
            matcher = f.load_matcher(key, &themes, &cpv).ok();
        }
        if index.is_none() || matcher.is_none() {
            let built = rebuild(
                store,
                &themes,
                &cpv,
                index.is_none(),
                matcher.is_none(),
                progress,
            )?;
            if let Some((f, key)) = files {
                // A cache: failing to write one only costs the next start its time.
                if let Some(i) = &built.index {
                    let _ = f.save_index(i, key);
                }
                if let Some(m) = &built.matcher {
                    let _ = f.save_matcher(m, key, &themes, &cpv);
                }
            }
            index = index.or(built.index);
            matcher = matcher.or(built.matcher);
        }
        Ok(Directory {
            index: Arc::new(RwLock::new(
                index.unwrap_or_else(|| SearchIndex::new(&themes, &cpv)),
            )),
            matcher: RwLock::new(matcher.unwrap_or_else(|| Matcher::new(&[], &cpv))),
            themes,
            cpv,
        })
    }

    /// The first page (`limit` hits) of `query` as typed, and how many suppliers match.
    pub fn search(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        self.search_in(query, limit, &mut SearchSession::default())
    }

    /// [`Self::search`] for one session, narrowing that session's previous candidates when
    /// `query` extends its previous one (a buyer typing one more letter).
    pub fn search_in(
        &self,
        query: &str,
        limit: usize,
        session: &mut SearchSession,
    ) -> (Vec<Hit>, usize) {
        let idx = self.index.read().unwrap_or_else(|e| e.into_inner());
        let page = idx.search_page_in(&Query::parse(query), limit, session);
        (page.hits, page.total)
    }

    /// The best `limit` suppliers for `need` (its lot when > 0), as in process.
    pub fn rank(&self, need: &Need, lot: u32, limit: usize) -> Vec<Match> {
        let m = self.matcher.read().unwrap_or_else(|e| e.into_inner());
        m.rank(need, lot, &self.themes, limit)
    }

    /// Suppliers ranked over.
    pub fn len(&self) -> usize {
        self.matcher.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// True when the directory is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Brings the index and matcher up to date with these suppliers after a committed
    /// write (read back from `store`). Errors: the store's (the write itself stands).
    pub fn suppliers_changed(&self, store: &dyn Store, ids: &[SupplierId]) -> StoreResult<()> {
        for chunk in ids.chunks(crate::protocol::SUPPLIER_PAGE) {
            let suppliers: Vec<_> = store
                .suppliers_by_id(chunk)?
                .into_iter()
                .flatten()
                .collect();
            {
                let mut idx = self.index.write().unwrap_or_else(|e| e.into_inner());
                for s in &suppliers {
                    idx.upsert(s);
                }
            }
            let mut m = self.matcher.write().unwrap_or_else(|e| e.into_inner());
            for s in &suppliers {
                m.upsert(s, &self.cpv);
            }
        }
        Ok(())
    }
}
