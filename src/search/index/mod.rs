//! The in-memory word index over suppliers (DESIGN §5, issue 4).
//!
//! Each supplier's fields are folded once and split into words; a dictionary holds the
//! distinct words with their posting lists. A query word is matched against the dictionary
//! (exact, prefix, then fuzzy within a word), so it must match inside one word of one field,
//! never letters scattered across the text. The postings of the matched words give the
//! candidates, intersected word by word (walking the cheaper of the postings or the
//! candidates' own word lists). Filters use their own exact indexes. Only the hits shown are
//! given highlights. Order is deterministic: score descending, then folded name, name, id.
//!
//! A query whose word matches are subsets of the previous query's (the user typed one more
//! letter or one more word) and whose filters narrow it starts from the previous
//! candidates instead of the whole directory; the result is the same as a fresh search.
//!
//! Files: this one holds [`SearchIndex`] and its public API; `build.rs` adds, replaces and
//! orders suppliers; `plan.rs` is the query planner (a pure function from a [`Query`] and
//! the dictionary to a plan); `score.rs` carries a plan out and ranks; `highlight.rs` makes
//! the [`Hit`]s shown.

mod build;
mod highlight;
mod plan;
mod score;
#[cfg(test)]
mod tests;

use super::dict::{Dictionary, FxMap, WordMatches};
use super::filters::Filters;
use super::query::Query;
use crate::domain::{CpvCatalog, Supplier, SupplierId, ThemeCatalog};
use plan::{Term, WordLookup};
use std::sync::Mutex;

/// Field of a supplier a word matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Field {
    /// Name.
    Name,
    /// Keywords and capabilities.
    Keywords,
    /// CPV labels.
    Cpv,
    /// Theme labels.
    Theme,
    /// Commune.
    City,
    /// Description and references.
    Description,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    /// The supplier.
    pub id: SupplierId,
    /// Relevance, higher first.
    pub score: i64,
    /// Char indices in the supplier's original `name` to highlight.
    pub name_highlights: Vec<usize>,
    /// The best field each query word matched in, in query order.
    pub fields: Vec<Field>,
}

/// A page of results with the number of suppliers matching.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchPage {
    /// The best hits, at most the limit asked.
    pub hits: Vec<Hit>,
    /// Number of suppliers matching the query (may exceed `hits.len()`).
    pub total: usize,
}

// Internal field codes, stored in the low 3 bits of posting and forward entries.
const F_NAME_FIRST: u32 = 0; // first word of the name
const F_NAME: u32 = 1;
const F_KEYWORDS: u32 = 2;
const F_CPV: u32 = 3;
const F_THEME: u32 = 4;
const F_CITY: u32 = 5;
const F_DESC: u32 = 6;

/// Field weights by internal code: name > keywords > CPV labels, themes > commune >
/// description and references.
const WEIGHT: [u32; 8] = [12, 10, 7, 6, 6, 4, 3, 0];
const WEIGHT16: [u16; 8] = [12, 10, 7, 6, 6, 4, 3, 0];

/// Largest number of suppliers an index holds (doc numbers use 29 bits).
pub const MAX_SUPPLIERS: usize = 1 << 29;

/// The previous query's candidates, to narrow the next one.
#[derive(Default)]
pub(super) struct LastQuery {
    query: Query,
    /// Its words' dictionary matches, in query order.
    words: Vec<Term>,
    /// Candidates, ascending.
    docs: Vec<u32>,
    /// Their scores.
    scores: Vec<u32>,
    /// Their scores without the last query word (all zero when the query had no word).
    base: Vec<u32>,
}

/// What a search keeps between calls: the last query and reusable buffers.
#[derive(Default)]
pub(super) struct SearchState {
    last: LastQuery,
    /// One bit per doc: the candidates being scored (kept all zero between uses).
    member: Vec<u64>,
    /// Per doc: best score of one word (kept all zero between uses).
    best: Vec<u16>,
}

/// Word index over the directory. Cheap to query; updated incrementally.
///
/// Memory: about 8 bytes per (supplier, distinct word, field) plus the names; about
/// 300 MiB for 1,000,000 generated suppliers of ~200 bytes of text each.
#[derive(Default)]
pub struct SearchIndex {
    pub(super) themes: ThemeCatalog,
    pub(super) cpv_catalog: CpvCatalog,
    pub(super) dict: Dictionary,
    pub(super) filters: Filters,
    /// Supplier id by doc number.
    pub(super) ids: Vec<SupplierId>,
    /// Original name by doc number.
    pub(super) names: Vec<Box<str>>,
    /// Doc number by supplier id.
    pub(super) by_id: FxMap<SupplierId, u32>,
    /// Forward index: `(word << 3) | field` entries of each doc, at `fwd_range[doc]`.
    pub(super) fwd: Vec<u32>,
    pub(super) fwd_range: Vec<(u32, u32)>,
    /// Entries of `fwd` no longer referenced (replaced by updates).
    pub(super) fwd_garbage: usize,
    /// True while suppliers added in bulk await `finish_bulk` (word order, name order).
    pub(super) bulk_pending: bool,
    /// Docs sorted by (folded name, name, id), and each doc's position in that order.
    pub(super) by_name: Vec<u32>,
    pub(super) rank: Vec<u32>,
    /// Word ids of each CPV code's French label, of each theme's labels, of each commune.
    pub(super) cpv_words: FxMap<String, Box<[u32]>>,
    pub(super) theme_words: FxMap<String, Box<[u32]>>,
    pub(super) city_words: FxMap<String, Box<[u32]>>,
    /// Caches of the last query and of recent word matches (interior: `search` is `&self`).
    state: Mutex<SearchState>,
    word_cache: Mutex<FxMap<(String, bool), WordMatches>>,
    /// Scratch buffers for indexing one supplier.
    scratch: Scratch,
    /// Per initial letter or digit (see `Dictionary::initial_bucket`): the docs having a
    /// word that starts with it, `(doc << 3) | best field`, ascending. A one-letter query
    /// word reads them instead of the postings of every word it starts.
    pub(super) initials: Vec<Vec<u32>>,
    /// Bumped by every change: a [`SearchSession`] of an older generation starts afresh.
    pub(super) generation: u64,
}

/// What one user's searches keep between keystrokes on a shared index (the server's: one
/// per connected buyer), so typing one more letter narrows that user's previous candidates
/// as [`SearchIndex::search_page`] does for its single user. Holds at most
/// [`SearchSession::KEEP_MAX`] candidates (12 bytes each): a wider query is not kept, and
/// the next keystroke searches afresh (as fast, since short prefixes have their own path).
#[derive(Default)]
pub struct SearchSession {
    last: LastQuery,
    generation: u64,
}

impl SearchSession {
    /// Most candidates a session keeps between keystrokes (about 2.4 MB).
    pub const KEEP_MAX: usize = 200_000;

    /// Candidates kept for the next keystroke (12 bytes each).
    pub fn kept(&self) -> usize {
        self.last.docs.len()
    }

    /// Lets go of the kept candidates (and their memory): the next search starts afresh.
    pub fn release(&mut self) {
        self.last = LastQuery::default();
    }
}

thread_local! {
    /// Scratch bitmaps of the searches run on this thread through a [`SearchSession`]
    /// (all zero between uses; sized to the index, about 2.1 MB at 1,000,000 suppliers).
    static SCRATCH: std::cell::RefCell<SearchState> = std::cell::RefCell::default();
}

#[derive(Default)]
struct Scratch {
    folded: String,
    entries: Vec<u32>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("suppliers", &self.ids.len())
            .field("words", &self.dict.len())
            .field("entries", &self.fwd.len())
            .finish()
    }
}

impl SearchIndex {
    /// An empty index; `themes` gives theme labels, `cpv` the French CPV labels indexed as
    /// the suppliers' capabilities (an empty catalog indexes no CPV label).
    pub fn new(themes: &ThemeCatalog, cpv: &CpvCatalog) -> Self {
        SearchIndex {
            themes: themes.clone(),
            cpv_catalog: cpv.clone(),
            ..Default::default()
        }
    }

    /// Builds the index over `suppliers`; theme labels come from `themes`, CPV labels (French)
    /// from `cpv`. Suppliers sharing an id: the last one wins.
    pub fn build(suppliers: &[Supplier], themes: &ThemeCatalog, cpv: &CpvCatalog) -> Self {
        let mut idx = SearchIndex::new(themes, cpv);
        idx.extend(suppliers.iter(), |_| {});
        idx
    }

    /// Adds many suppliers at once (the fast path of a start-up load), calling `progress`
    /// with the number added so far every 4,096 suppliers. Existing ids are replaced.
    ///
    /// Takes suppliers by value or by reference, so a loader can stream them without
    /// holding the whole directory. The word and name orders are rebuilt once, at the end.
    pub fn extend<S: std::borrow::Borrow<Supplier>>(
        &mut self,
        suppliers: impl IntoIterator<Item = S>,
        mut progress: impl FnMut(usize),
    ) {
        let mut n = 0usize;
        for s in suppliers {
            let s = s.borrow();
            if self.by_id.contains_key(&s.id) {
                // The same supplier twice in a load: replace it (the careful path).
                self.upsert_inner(s);
            } else if self.ids.len() < MAX_SUPPLIERS {
                self.push_doc(s, true);
            }
            n += 1;
            if n.is_multiple_of(4096) {
                progress(n);
            }
        }
        self.finish_bulk();
        self.clear_caches();
        progress(n);
    }

    /// Adds or replaces one supplier.
    pub fn upsert(&mut self, supplier: &Supplier) {
        self.upsert_inner(supplier);
        self.clear_caches();
    }

    /// Number of suppliers indexed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of distinct words in the dictionary.
    pub fn word_count(&self) -> usize {
        self.dict.len()
    }

    /// Ranked hits for `query`, at most `limit`. An empty query lists suppliers by name.
    pub fn search(&self, query: &Query, limit: usize) -> Vec<Hit> {
        self.search_page(query, limit).hits
    }

    /// Ranked hits for `query`, at most `limit`, and the number of suppliers matching.
    /// Narrows the previous call's candidates when `query` extends it; one user at a time
    /// (concurrent callers wait for each other): several users use [`Self::search_page_in`].
    pub fn search_page(&self, query: &Query, limit: usize) -> SearchPage {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        self.page_with(query, limit, &mut state)
    }

    /// [`Self::search_page`] for one of several users: narrows `session`'s previous
    /// candidates, never another user's, and runs alongside other threads' searches (the
    /// scratch buffers are this thread's). Same results as a fresh search.
    pub fn search_page_in(
        &self,
        query: &Query,
        limit: usize,
        session: &mut SearchSession,
    ) -> SearchPage {
        if session.generation != self.generation {
            session.release();
            session.generation = self.generation;
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut st) => {
                st.last = std::mem::take(&mut session.last);
                let page = self.page_with(query, limit, &mut st);
                let last = std::mem::take(&mut st.last);
                if last.docs.len() <= SearchSession::KEEP_MAX {
                    session.last = last;
                }
                page
            }
            // Only a search inside a search would get here: give it buffers of its own.
            Err(_) => self.page_with(query, limit, &mut SearchState::default()),
        })
    }

    fn page_with(&self, query: &Query, limit: usize, st: &mut SearchState) -> SearchPage {
        self.candidates(query, st);
        let last = &st.last;
        let top = self.top(&last.docs, &last.scores, limit);
        let hits = top
            .into_iter()
            .map(|(doc, score)| self.hit(doc, score, &last.words))
            .collect();
        SearchPage {
            hits,
            total: last.docs.len(),
        }
    }
}

/// Query words are looked up through a small cache: typing one more letter asks again for
/// the words before it.
impl WordLookup for SearchIndex {
    fn word_matches(&self, w: &str, fuzzy: bool) -> WordMatches {
        let key = (w.to_string(), fuzzy);
        if let Ok(cache) = self.word_cache.lock() {
            if let Some(m) = cache.get(&key) {
                return m.clone();
            }
        }
        let m = self.dict.word_matches(w, fuzzy);
        if let Ok(mut cache) = self.word_cache.lock() {
            if cache.len() >= 64 {
                cache.clear();
            }
            cache.insert(key, m.clone());
        }
        m
    }
}
