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

use super::dict::{kind_of, match_positions, Dictionary, FxMap, WordMatches, Q_INITIAL};
use super::filters::{intersect, Filters};
use super::fold::{fold, fold_into, fold_str, words_with_offsets};
use super::query::{is_stop_word, Query};
use crate::domain::{CpvCatalog, Supplier, SupplierId, ThemeCatalog};
use std::sync::Mutex;

/// Field of a supplier a word matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, PartialEq)]
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

/// Relative cost of one entry of a doc's own word list against one posting (cache misses).
const FORWARD_COST: usize = 6;

fn field_of(code: u32) -> Field {
    match code {
        F_NAME_FIRST | F_NAME => Field::Name,
        F_KEYWORDS => Field::Keywords,
        F_CPV => Field::Cpv,
        F_THEME => Field::Theme,
        F_CITY => Field::City,
        _ => Field::Description,
    }
}

/// Longest word indexed, in bytes (longer runs are URLs or garbage).
const MAX_WORD: usize = 48;

/// Largest number of suppliers an index holds (doc numbers use 29 bits).
pub const MAX_SUPPLIERS: usize = 1 << 29;

/// The previous query's candidates, to narrow the next one.
#[derive(Default)]
struct LastQuery {
    query: Query,
    matches: Vec<WordMatches>,
    /// Candidates, ascending.
    docs: Vec<u32>,
    /// Their scores.
    scores: Vec<u32>,
    /// Their scores without the last query word (all zero when the query had no word).
    base: Vec<u32>,
}

/// What a search keeps between calls: the last query and reusable buffers.
#[derive(Default)]
struct SearchState {
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
            if n % 4096 == 0 {
                progress(n);
            }
        }
        self.finish_bulk();
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
    pub fn search_page(&self, query: &Query, limit: usize) -> SearchPage {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let st = &mut *state;
        self.candidates(query, st);
        let last = &st.last;
        let top = self.top(&last.docs, &last.scores, limit);
        let hits = top
            .into_iter()
            .map(|(doc, score)| self.hit(doc, score, query, &last.matches))
            .collect();
        SearchPage {
            hits,
            total: last.docs.len(),
        }
    }

    // ---- building ----------------------------------------------------------------------

    fn clear_caches(&mut self) {
        *self.state.get_mut().unwrap_or_else(|e| e.into_inner()) = SearchState::default();
        self.word_cache
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Appends a new doc. In bulk mode the name order and the word order are rebuilt by
    /// `finish_bulk`.
    fn push_doc(&mut self, s: &Supplier, bulk: bool) {
        let doc = self.ids.len() as u32;
        self.bulk_pending |= bulk;
        self.ids.push(s.id);
        self.names.push(s.name.as_str().into());
        self.by_id.insert(s.id, doc);
        let entries = self.entries_of(s, bulk);
        let start = self.fwd.len() as u32;
        for &e in &entries {
            // New doc numbers are the largest: postings stay sorted by pushing.
            self.dict.postings[(e >> 3) as usize].push((doc << 3) | (e & 7));
        }
        self.fwd.extend_from_slice(&entries);
        self.fwd_range.push((start, self.fwd.len() as u32));
        self.add_initials(doc, &entries);
        self.scratch.entries = entries;
        self.filters.add(doc, s);
        self.rank.push(u32::MAX);
        if !bulk {
            let pos = self.name_position(doc);
            self.by_name.insert(pos, doc);
            self.rerank(pos..self.by_name.len());
        }
    }

    fn upsert_inner(&mut self, s: &Supplier) {
        self.finish_bulk();
        let Some(&doc) = self.by_id.get(&s.id) else {
            if self.ids.len() < MAX_SUPPLIERS {
                self.push_doc(s, false);
            }
            return;
        };
        // Remove the old postings and filter values.
        let (a, b) = self.fwd_range[doc as usize];
        let old: Vec<u32> = self.fwd[a as usize..b as usize].to_vec();
        for e in old {
            let list = &mut self.dict.postings[(e >> 3) as usize];
            if let Ok(p) = list.binary_search(&((doc << 3) | (e & 7))) {
                list.remove(p);
            }
        }
        self.fwd_garbage += (b - a) as usize;
        self.filters.remove(doc);
        for list in &mut self.initials {
            let p = list.partition_point(|&e| e >> 3 < doc);
            if list.get(p).is_some_and(|&e| e >> 3 == doc) {
                list.remove(p);
            }
        }
        // Add the new ones.
        let entries = self.entries_of(s, false);
        for &e in &entries {
            let list = &mut self.dict.postings[(e >> 3) as usize];
            let v = (doc << 3) | (e & 7);
            if let Err(p) = list.binary_search(&v) {
                list.insert(p, v);
            }
        }
        let start = self.fwd.len() as u32;
        self.fwd.extend_from_slice(&entries);
        self.fwd_range[doc as usize] = (start, self.fwd.len() as u32);
        self.add_initials(doc, &entries);
        self.scratch.entries = entries;
        self.filters.add(doc, s);
        // Name order.
        if *self.names[doc as usize] != *s.name {
            let old_pos = self.rank[doc as usize] as usize;
            self.by_name.remove(old_pos);
            self.names[doc as usize] = s.name.as_str().into();
            let pos = self.name_position(doc);
            self.by_name.insert(pos, doc);
            self.rerank(old_pos.min(pos)..self.by_name.len());
        }
        if self.fwd_garbage > self.fwd.len() / 2 && self.fwd.len() > 1 << 16 {
            self.compact_forward();
        }
    }

    /// Records `doc` in the initials lists of its words (best field per initial).
    fn add_initials(&mut self, doc: u32, entries: &[u32]) {
        if self.initials.is_empty() {
            self.initials = vec![Vec::new(); 36];
        }
        let mut best = [u8::MAX; 36];
        for &e in entries {
            let b = self.dict.initial[(e >> 3) as usize];
            if let Some(x) = best.get_mut(usize::from(b)) {
                *x = (*x).min((e & 7) as u8);
            }
        }
        for (bucket, &f) in best.iter().enumerate() {
            if f != u8::MAX {
                let v = (doc << 3) | u32::from(f);
                let list = &mut self.initials[bucket];
                match list.last() {
                    Some(&l) if l >> 3 >= doc => {
                        let p = list.partition_point(|&e| e >> 3 < doc);
                        list.insert(p, v);
                    }
                    _ => list.push(v),
                }
            }
        }
    }

    fn compact_forward(&mut self) {
        let mut fwd = Vec::with_capacity(self.fwd.len() - self.fwd_garbage);
        for r in &mut self.fwd_range {
            let start = fwd.len() as u32;
            fwd.extend_from_slice(&self.fwd[r.0 as usize..r.1 as usize]);
            *r = (start, fwd.len() as u32);
        }
        self.fwd = fwd;
        self.fwd_garbage = 0;
    }

    fn finish_bulk(&mut self) {
        if !self.bulk_pending {
            return;
        }
        self.bulk_pending = false;
        self.dict.finish_bulk();
        if self.by_name.len() != self.ids.len() {
            // Sort by the first 16 bytes of the folded name (cheap integer compares), and
            // by the full order only between names sharing them.
            let mut buf = String::new();
            let mut keyed: Vec<(u128, u32)> = self
                .names
                .iter()
                .enumerate()
                .map(|(d, n)| {
                    buf.clear();
                    fold_into(n, &mut buf);
                    (prefix_key(&buf), d as u32)
                })
                .collect();
            keyed.sort_unstable_by(|a, b| {
                a.0.cmp(&b.0).then_with(|| {
                    let key = (fold_str(&self.names[b.1 as usize]), b.1);
                    self.name_cmp(a.1, &key)
                })
            });
            self.by_name = keyed.into_iter().map(|(_, d)| d).collect();
            self.rerank(0..self.by_name.len());
        }
        self.fwd.shrink_to_fit();
    }

    /// Where `doc` goes in the name order (binary search, folding the names compared).
    fn name_position(&self, doc: u32) -> usize {
        let key = (fold_str(&self.names[doc as usize]), doc);
        self.by_name
            .partition_point(|&o| self.name_cmp(o, &key) == std::cmp::Ordering::Less)
    }

    fn name_cmp(&self, o: u32, key: &(String, u32)) -> std::cmp::Ordering {
        let (o, d) = (o as usize, key.1 as usize);
        fold_str(&self.names[o])
            .cmp(&key.0)
            .then_with(|| self.names[o].cmp(&self.names[d]))
            .then_with(|| self.ids[o].cmp(&self.ids[d]))
    }

    fn rerank(&mut self, range: std::ops::Range<usize>) {
        for pos in range {
            let d = self.by_name[pos] as usize;
            self.rank[d] = pos as u32;
        }
    }

    /// The sorted, distinct `(word << 3) | field` entries of a supplier.
    fn entries_of(&mut self, s: &Supplier, bulk: bool) -> Vec<u32> {
        let mut entries = std::mem::take(&mut self.scratch.entries);
        entries.clear();
        let mut folded = std::mem::take(&mut self.scratch.folded);

        // Name: its first word weighs more (typing a firm's name starts there).
        folded.clear();
        fold_into(&s.name, &mut folded);
        let mut first = true;
        for_each_word(&folded, |w| {
            let id = self.dict.intern(w, bulk);
            entries.push((id << 3) | if first { F_NAME_FIRST } else { F_NAME });
            first = false;
        });
        for k in &s.keywords {
            folded.clear();
            fold_into(k, &mut folded);
            for_each_word(&folded, |w| {
                entries.push((self.dict.intern(w, bulk) << 3) | F_KEYWORDS)
            });
        }
        for c in &s.cpv {
            if !self.cpv_words.contains_key(c.as_str()) {
                let label = self
                    .cpv_catalog
                    .label(c, crate::i18n::Lang::Fr)
                    .unwrap_or("")
                    .to_string();
                let ids = self.words_of(&label, bulk);
                self.cpv_words.insert(c.as_str().to_string(), ids);
            }
            if let Some(ids) = self.cpv_words.get(c.as_str()) {
                entries.extend(ids.iter().map(|&id| (id << 3) | F_CPV));
            }
        }
        for t in &s.themes {
            if !self.theme_words.contains_key(t) {
                let mut text = t.clone();
                if let Some(th) = self.themes.get(t) {
                    text = format!("{} {}", th.label_fr, th.label_en);
                }
                let ids = self.words_of(&text, bulk);
                self.theme_words.insert(t.clone(), ids);
            }
            if let Some(ids) = self.theme_words.get(t) {
                entries.extend(ids.iter().map(|&id| (id << 3) | F_THEME));
            }
        }
        if !s.city.is_empty() {
            if !self.city_words.contains_key(&s.city) {
                let ids = self.words_of(&s.city, bulk);
                self.city_words.insert(s.city.clone(), ids);
            }
            if let Some(ids) = self.city_words.get(&s.city) {
                entries.extend(ids.iter().map(|&id| (id << 3) | F_CITY));
            }
        }
        let texts = std::iter::once(s.description.as_str())
            .chain(s.references.iter().map(|r| r.object.as_str()));
        for t in texts {
            folded.clear();
            fold_into(t, &mut folded);
            for_each_word(&folded, |w| {
                entries.push((self.dict.intern(w, bulk) << 3) | F_DESC)
            });
        }
        self.scratch.folded = folded;
        // One entry per (word, field); sorted by word then field.
        entries.sort_unstable();
        entries.dedup();
        entries
    }

    fn words_of(&mut self, text: &str, bulk: bool) -> Box<[u32]> {
        let folded = fold_str(text);
        let mut ids = Vec::new();
        for_each_word(&folded, |w| ids.push(self.dict.intern(w, bulk)));
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }

    // ---- searching ---------------------------------------------------------------------

    /// Dictionary matches of a query word (cached for the words of recent queries).
    fn word_matches(&self, w: &str, fuzzy: bool) -> WordMatches {
        let key = (w.to_string(), fuzzy);
        if let Ok(cache) = self.word_cache.lock() {
            if let Some(m) = cache.get(&key) {
                return m.clone();
            }
        }
        let mut m = self.dict.match_word(w, fuzzy);
        if w.len() == 1 {
            m.initial = Dictionary::initial_bucket(w.as_bytes()[0]);
        }
        if let Ok(mut cache) = self.word_cache.lock() {
            if cache.len() >= 64 {
                cache.clear();
            }
            cache.insert(key, m.clone());
        }
        m
    }

    /// Computes the candidates of `q` (ascending docs) with their scores into `st.last`,
    /// reusing the previous query's when `q` extends it.
    fn candidates(&self, q: &Query, st: &mut SearchState) {
        let n = self.ids.len();
        if st.best.len() != n {
            st.member = vec![0; n.div_ceil(64)];
            st.best = vec![0; n];
        }
        let matches: Vec<WordMatches> =
            q.words.iter().map(|w| self.word_matches(w, true)).collect();
        let old = std::mem::take(&mut st.last);
        let k = q.words.len();
        let ok = old.query.words.len();
        let usable = (ok > 0 || old.query.has_filters()) && q.filters_narrow(&old.query);
        let same_filters = {
            let (a, b) = (&old.query, q);
            a.themes == b.themes
                && a.cpv_prefixes == b.cpv_prefixes
                && a.departments == b.departments
                && a.sizes == b.sizes
                && a.cities == b.cities
                && a.ess == b.ess
                && a.siae == b.siae
        };
        let prefix_same = |upto: usize| q.words[..upto] == old.query.words[..upto];
        enum Plan {
            /// Same words: reuse scores.
            Same,
            /// Only the last word changed (narrower) or was added: score it alone.
            LastWord { base_is_old_scores: bool },
            /// Every word narrower: rescore the previous candidates.
            Rescore,
            /// From the whole directory (or the filters).
            Fresh,
        }
        let plan = if !usable {
            Plan::Fresh
        } else if q.words == old.query.words {
            Plan::Same
        } else if k == ok
            && k >= 1
            && prefix_same(k - 1)
            && matches[k - 1].is_subset_of(&old.matches[k - 1])
        {
            Plan::LastWord {
                base_is_old_scores: false,
            }
        } else if k == ok + 1 && prefix_same(ok) {
            Plan::LastWord {
                base_is_old_scores: true,
            }
        } else if ok <= k
            && old
                .matches
                .iter()
                .zip(&matches)
                .all(|(o, m)| m.is_subset_of(o))
        {
            Plan::Rescore
        } else {
            Plan::Fresh
        };
        let filter_set = if matches!(plan, Plan::Fresh) || !same_filters {
            self.filters.matching(q, &self.themes)
        } else {
            None
        };
        let new_exclusions: Vec<&String> = if matches!(plan, Plan::Fresh) {
            q.excluded.iter().collect()
        } else {
            q.excluded
                .iter()
                .filter(|e| !old.query.excluded.contains(e))
                .collect()
        };
        let mut c = match plan {
            Plan::Same => {
                let last = subtract(&old.scores, &old.base);
                let mut c = Cands {
                    docs: old.docs,
                    base: old.base,
                    last,
                };
                if let Some(f) = &filter_set {
                    c.keep_in(f);
                }
                c
            }
            Plan::LastWord { base_is_old_scores } if matches[k - 1].cost * 8 < old.docs.len() => {
                // The last word is rarer than the previous candidates: walk its postings and
                // keep the docs that were candidates.
                let base = if base_is_old_scores {
                    &old.scores
                } else {
                    &old.base
                };
                let (pd, ps) = self.walk_postings(&matches[k - 1], st);
                let mut c = Cands {
                    docs: Vec::with_capacity(pd.len()),
                    base: Vec::with_capacity(pd.len()),
                    last: Vec::with_capacity(pd.len()),
                };
                let gallop = pd.len() * 16 < old.docs.len();
                let mut j = 0usize;
                for (d, sc) in pd.into_iter().zip(ps) {
                    if gallop {
                        j += old.docs[j..].partition_point(|&x| x < d);
                    } else {
                        while j < old.docs.len() && old.docs[j] < d {
                            j += 1;
                        }
                    }
                    if j >= old.docs.len() {
                        break;
                    }
                    if old.docs[j] == d {
                        c.docs.push(d);
                        c.base.push(base[j]);
                        c.last.push(sc);
                    }
                }
                if let Some(f) = &filter_set {
                    c.keep_in(f);
                }
                c
            }
            Plan::LastWord { base_is_old_scores } => {
                let base = if base_is_old_scores {
                    old.scores
                } else {
                    old.base
                };
                let len = old.docs.len();
                let mut c = Cands {
                    docs: old.docs,
                    base,
                    last: vec![0; len],
                };
                if let Some(f) = &filter_set {
                    c.keep_in(f);
                }
                let ws = self.word_scores(&c.docs, &matches[k - 1], st);
                c.apply(&ws, false, true);
                c
            }
            Plan::Rescore => {
                let mut docs = old.docs;
                if let Some(f) = &filter_set {
                    docs = intersect(&docs, f);
                }
                self.score_words(&matches, Some(docs), st)
            }
            Plan::Fresh => self.score_words(&matches, filter_set, st),
        };
        for ex in new_exclusions {
            let m = self.word_matches(ex, false);
            let ws = self.word_scores(&c.docs, &m, st);
            c.apply(&ws, true, false);
        }
        let scores = c
            .docs
            .iter()
            .enumerate()
            .map(|(i, _)| c.base[i] + c.last[i])
            .collect();
        st.last = LastQuery {
            query: q.clone(),
            matches,
            docs: c.docs,
            scores,
            base: c.base,
        };
    }

    /// Docs matching every word (each in one field), starting from `start` when given; the
    /// last query word's score is kept apart from the others'.
    fn score_words(
        &self,
        matches: &[WordMatches],
        start: Option<Vec<u32>>,
        st: &mut SearchState,
    ) -> Cands {
        let last_word = matches.len().checked_sub(1);
        let mut order: Vec<usize> = (0..matches.len()).collect();
        order.sort_by_key(|&i| matches[i].cost);
        let mut order = order.into_iter();
        let mut c = match start {
            Some(docs) => {
                let len = docs.len();
                Cands {
                    docs,
                    base: vec![0; len],
                    last: vec![0; len],
                }
            }
            None => match order.next() {
                Some(i) => {
                    let (docs, ws) = self.walk_postings(&matches[i], st);
                    let zeros = vec![0; docs.len()];
                    if Some(i) == last_word {
                        Cands {
                            docs,
                            base: zeros,
                            last: ws,
                        }
                    } else {
                        Cands {
                            docs,
                            base: ws,
                            last: zeros,
                        }
                    }
                }
                None => Cands {
                    docs: (0..self.ids.len() as u32).collect(),
                    base: vec![0; self.ids.len()],
                    last: vec![0; self.ids.len()],
                },
            },
        };
        for i in order {
            if c.docs.is_empty() {
                break;
            }
            let ws = self.word_scores(&c.docs, &matches[i], st);
            c.apply(&ws, false, Some(i) == last_word);
        }
        c
    }

    /// Docs of the postings of `m`, with their best score for that word.
    fn walk_postings(&self, m: &WordMatches, st: &mut SearchState) -> (Vec<u32>, Vec<u32>) {
        if let Some(list) = m.initial.and_then(|b| self.initials.get(b)) {
            let q = u32::from(Q_INITIAL);
            return list
                .iter()
                .map(|&e| (e >> 3, q * WEIGHT[(e & 7) as usize]))
                .unzip();
        }
        let n = self.ids.len();
        let best = &mut st.best;
        let small = m.cost < n / 8;
        let mut touched: Vec<u32> = Vec::new();
        for &(w, q) in &m.words {
            let q = u16::from(q);
            for &e in &self.dict.postings[w as usize] {
                let doc = (e >> 3) as usize;
                let s = q * WEIGHT16[(e & 7) as usize];
                let b = &mut best[doc];
                if *b == 0 && small {
                    touched.push(doc as u32);
                }
                if s > *b {
                    *b = s;
                }
            }
        }
        if small {
            touched.sort_unstable();
            let scores = touched
                .iter()
                .map(|&d| u32::from(std::mem::take(&mut best[d as usize])))
                .collect();
            (touched, scores)
        } else {
            let mut docs = Vec::new();
            let mut scores = Vec::new();
            for (d, b) in best.iter_mut().enumerate() {
                if *b > 0 {
                    docs.push(d as u32);
                    scores.push(u32::from(std::mem::take(b)));
                }
            }
            (docs, scores)
        }
    }

    /// Best score of a word of `m` in each of `docs` (0: none), walking the cheaper of the
    /// postings of `m` and the docs' own word lists.
    fn word_scores(&self, docs: &[u32], m: &WordMatches, st: &mut SearchState) -> Vec<u32> {
        let n = self.ids.len().max(1);
        let avg_fwd = (self.fwd.len() - self.fwd_garbage) / n + 1;
        let mut ws = vec![0u32; docs.len()];
        if let Some(list) = m.initial.and_then(|b| self.initials.get(b)) {
            // Both ascending by doc: merge, galloping through the longer one.
            let q = u32::from(Q_INITIAL);
            let mut j = 0usize;
            for (i, &d) in docs.iter().enumerate() {
                if list.len() > 8 * docs.len() {
                    j += list[j..].partition_point(|&e| e >> 3 < d);
                } else {
                    while j < list.len() && list[j] >> 3 < d {
                        j += 1;
                    }
                }
                match list.get(j) {
                    Some(&e) if e >> 3 == d => ws[i] = q * WEIGHT[(e & 7) as usize],
                    Some(_) => {}
                    None => break,
                }
            }
            return ws;
        }
        // Walking postings reads memory in order and tests a small bitset; reading the
        // docs' own lists jumps around memory: count it dearer per entry.
        if m.cost < docs.len() * avg_fwd * FORWARD_COST {
            let (member, best) = (&mut st.member, &mut st.best);
            for &d in docs {
                member[(d >> 6) as usize] |= 1u64 << (d & 63);
            }
            for &(w, q) in &m.words {
                let q = u16::from(q);
                for &e in &self.dict.postings[w as usize] {
                    let d = e >> 3;
                    if member[(d >> 6) as usize] & (1u64 << (d & 63)) != 0 {
                        let s = q * WEIGHT16[(e & 7) as usize];
                        let x = &mut best[d as usize];
                        if s > *x {
                            *x = s;
                        }
                    }
                }
            }
            for (i, &d) in docs.iter().enumerate() {
                ws[i] = u32::from(std::mem::take(&mut best[d as usize]));
                member[(d >> 6) as usize] = 0;
            }
        } else {
            let dense = m.dense(self.dict.len());
            for (i, &d) in docs.iter().enumerate() {
                let (a, b) = self.fwd_range[d as usize];
                let mut best = 0u32;
                for &e in &self.fwd[a as usize..b as usize] {
                    let q = u32::from(dense[(e >> 3) as usize]);
                    if q != 0 {
                        best = best.max(q * WEIGHT[(e & 7) as usize]);
                    }
                }
                ws[i] = best;
            }
        }
        ws
    }

    /// The best `limit` (doc, score) by score descending, then name order.
    fn top(&self, docs: &[u32], scores: &[u32], limit: usize) -> Vec<(u32, u32)> {
        if limit == 0 || docs.is_empty() {
            return Vec::new();
        }
        if scores.iter().all(|&s| s == 0) && docs.len() * 4 > self.ids.len() {
            // Mostly the whole directory: walk the name order.
            let mut member = vec![false; self.ids.len()];
            for &d in docs {
                member[d as usize] = true;
            }
            return self
                .by_name
                .iter()
                .filter(|&&d| member[d as usize])
                .take(limit)
                .map(|&d| (d, 0))
                .collect();
        }
        let key =
            |d: u32, s: u32| (u64::from(u32::MAX - s) << 32) | u64::from(self.rank[d as usize]);
        // Only the candidates scoring at least the limit-th best score need sorting: find
        // that threshold with a histogram of the scores (small integers).
        let threshold = if docs.len() > 4 * limit {
            let max = scores.iter().copied().max().unwrap_or(0) as usize;
            let mut hist = vec![0u32; max + 1];
            for &s in scores {
                hist[s as usize] += 1;
            }
            let mut acc = 0usize;
            let mut t = 0u32;
            for s in (0..=max).rev() {
                acc += hist[s] as usize;
                if acc >= limit {
                    t = s as u32;
                    break;
                }
            }
            t
        } else {
            0
        };
        let mut keys: Vec<u64> = docs
            .iter()
            .zip(scores)
            .filter(|(_, &s)| s >= threshold)
            .map(|(&d, &s)| key(d, s))
            .collect();
        if keys.len() > limit {
            keys.select_nth_unstable(limit - 1);
            keys.truncate(limit);
        }
        keys.sort_unstable();
        keys.into_iter()
            .map(|k| {
                let rank = (k & 0xffff_ffff) as usize;
                (self.by_name[rank], u32::MAX - (k >> 32) as u32)
            })
            .collect()
    }

    /// The hit for `doc`: best field per query word, and name highlights.
    fn hit(&self, doc: u32, score: u32, q: &Query, matches: &[WordMatches]) -> Hit {
        let (a, b) = self.fwd_range[doc as usize];
        let entries = &self.fwd[a as usize..b as usize];
        let fields = matches
            .iter()
            .map(|m| {
                let mut best = (0u32, Field::Name);
                for &e in entries {
                    if let Ok(i) = m.words.binary_search_by_key(&(e >> 3), |x| x.0) {
                        let s = u32::from(m.words[i].1) * WEIGHT[(e & 7) as usize];
                        if s > best.0 {
                            best = (s, field_of(e & 7));
                        }
                    }
                }
                best.1
            })
            .collect();
        let name = &self.names[doc as usize];
        let folded = fold(name);
        let mut hl: Vec<usize> = Vec::new();
        for (off, w) in words_with_offsets(&folded.text) {
            let Some(id) = self.dict.get(w) else { continue };
            for (qw, m) in q.words.iter().zip(matches) {
                if let Ok(i) = m.words.binary_search_by_key(&id, |x| x.0) {
                    let kind = kind_of(m.words[i].1);
                    hl.extend(match_positions(qw, w, kind).into_iter().map(|p| off + p));
                }
            }
        }
        Hit {
            id: self.ids[doc as usize],
            score: i64::from(score),
            name_highlights: folded.original_indices(hl),
            fields,
        }
    }
}

/// Candidates with their scores: of the words but the last (`base`) and of the last.
struct Cands {
    docs: Vec<u32>,
    base: Vec<u32>,
    last: Vec<u32>,
}

impl Cands {
    /// Keeps the docs with `ws > 0` (or `ws == 0` when `exclude`), adding `ws` to `last` or
    /// to `base`.
    fn apply(&mut self, ws: &[u32], exclude: bool, to_last: bool) {
        let mut j = 0;
        for (i, &w) in ws.iter().enumerate().take(self.docs.len()) {
            if (w > 0) != exclude {
                self.docs[j] = self.docs[i];
                self.base[j] = self.base[i] + if to_last { 0 } else { w };
                self.last[j] = self.last[i] + if to_last { w } else { 0 };
                j += 1;
            }
        }
        self.docs.truncate(j);
        self.base.truncate(j);
        self.last.truncate(j);
    }

    /// Keeps the docs also in `set` (ascending).
    fn keep_in(&mut self, set: &[u32]) {
        let mut j = 0;
        for i in 0..self.docs.len() {
            if set.binary_search(&self.docs[i]).is_ok() {
                self.docs[j] = self.docs[i];
                self.base[j] = self.base[i];
                self.last[j] = self.last[i];
                j += 1;
            }
        }
        self.docs.truncate(j);
        self.base.truncate(j);
        self.last.truncate(j);
    }
}

/// `a - b`, element by element (`b` shorter or empty counts as zeros).
fn subtract(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .enumerate()
        .map(|(i, x)| x - b.get(i).copied().unwrap_or(0))
        .collect()
}

/// The first 16 bytes of `s`, big-endian, zero-padded: ordering these integers orders the
/// strings by their first 16 bytes.
fn prefix_key(s: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = s.len().min(16);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

/// Calls `f` with each indexable word of folded text: runs of letters and digits, 2 to
/// [`MAX_WORD`] bytes (single digits kept), stop words skipped. Words joined by hyphens
/// are also given joined ("tele-assistance" also gives "teleassistance").
fn for_each_word(folded: &str, mut f: impl FnMut(&str)) {
    let mut joined = String::new();
    let mut joined_parts = 0usize;
    let mut prev_end = 0usize;
    let flush = |joined: &mut String, parts: &mut usize, f: &mut dyn FnMut(&str)| {
        if *parts > 1 && joined.len() <= MAX_WORD {
            f(joined);
        }
        joined.clear();
        *parts = 0;
    };
    for (start, w) in byte_words(folded) {
        // Hyphen-joined continuation: exactly one '-' between the two words.
        let hyphen = start == prev_end + 1 && folded.as_bytes()[prev_end] == b'-';
        if !hyphen {
            flush(&mut joined, &mut joined_parts, &mut f);
        }
        joined.push_str(w);
        joined_parts += 1;
        prev_end = start + w.len();
        let keep = w.len() <= MAX_WORD
            && (w.len() >= 2 || w.bytes().all(|b| b.is_ascii_digit()))
            && !is_stop_word(w);
        if keep {
            f(w);
        }
    }
    flush(&mut joined, &mut joined_parts, &mut f);
}

/// Words of folded text with their byte offsets.
fn byte_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphanumeric() {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &s[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CpvCode, SizeCategory, Theme};
    use std::collections::HashMap;

    fn themes() -> ThemeCatalog {
        ThemeCatalog {
            themes: vec![
                Theme {
                    slug: "batiment-energie".into(),
                    label_fr: "Bâtiment & Énergie".into(),
                    label_en: "Building & Energy".into(),
                    description: String::new(),
                    cpv_prefixes: vec!["45".into()],
                    naf_prefixes: vec![],
                },
                Theme {
                    slug: "sante-domicile".into(),
                    label_fr: "Santé & maintien à domicile".into(),
                    label_en: "Health & home care".into(),
                    description: String::new(),
                    cpv_prefixes: vec!["85".into()],
                    naf_prefixes: vec![],
                },
            ],
        }
    }

    fn cpv() -> CpvCatalog {
        let mut c = CpvCatalog::default();
        let code = CpvCode::parse("45321000").unwrap();
        c.insert(
            &code,
            "Travaux d'isolation thermique".into(),
            "Thermal insulation work".into(),
        );
        let code = CpvCode::parse("85323000").unwrap();
        c.insert(
            &code,
            "Services de santé communautaires".into(),
            "Community health services".into(),
        );
        c
    }

    fn sup(id: u64, name: &str) -> Supplier {
        Supplier {
            id,
            name: name.into(),
            ..Default::default()
        }
    }

    fn directory() -> Vec<Supplier> {
        let mut a = sup(1, "Société Énergie Verte");
        a.department = "93".into();
        a.city = "Saint-Denis".into();
        a.size = Some(SizeCategory::Pme);
        a.themes = vec!["batiment-energie".into()];
        a.cpv = vec![CpvCode::parse("45321000").unwrap()];
        a.description = "Rénovation énergétique des bâtiments publics".into();
        let mut b = sup(2, "SÉCURITÉ ÉLECTRONIQUE DU NORD");
        b.department = "59".into();
        b.city = "Lille".into();
        b.size = Some(SizeCategory::Tpe);
        b.themes = vec!["Électricité".into()];
        b.keywords = vec!["vidéoprotection".into(), "contrôle d'accès".into()];
        let mut c = sup(3, "Cœur de Santé");
        c.department = "93".into();
        c.city = "Montreuil".into();
        c.ess = true;
        c.themes = vec!["sante-domicile".into()];
        c.cpv = vec![CpvCode::parse("85323000").unwrap()];
        c.description = "Téléassistance et sécurité des personnes âgées".into();
        let mut d = sup(4, "Nettoyage Insertion Services");
        d.siae = true;
        d.department = "75".into();
        d.city = "Paris".into();
        d.description = "Nettoyage de locaux".into();
        vec![a, b, c, d]
    }

    fn ids(idx: &SearchIndex, q: &str) -> Vec<u64> {
        idx.search(&Query::parse(q), 50)
            .iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn accents_and_case_are_equivalent() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        let e = ids(&idx, "energie");
        assert!(e.contains(&1));
        assert_eq!(e, ids(&idx, "ENERGIE"));
        assert_eq!(e, ids(&idx, "énergie"));
        assert_eq!(e, ids(&idx, "Énergie"));
        let s = ids(&idx, "securite");
        assert!(s.contains(&2) && s.contains(&3));
        assert_eq!(s, ids(&idx, "SÉCURITÉ"));
    }

    #[test]
    fn words_match_within_one_field_not_scattered() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        // "securite electro": only the supplier with both words.
        assert_eq!(ids(&idx, "securite electro"), vec![2]);
        // Letters of "nrs" are scattered in many names but form no word.
        assert!(ids(&idx, "nrsv").is_empty());
    }

    #[test]
    fn name_weighs_more_than_description() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        // "securite" is in 2's name and in 3's description.
        assert_eq!(ids(&idx, "securite"), vec![2, 3]);
        let hits = idx.search(&Query::parse("securite"), 10);
        assert_eq!(hits[0].fields, vec![Field::Name]);
        assert_eq!(hits[1].fields, vec![Field::Description]);
    }

    #[test]
    fn typo_still_finds_the_name() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        assert_eq!(ids(&idx, "netoyage")[0], 4);
        assert_eq!(ids(&idx, "teleasistance"), vec![3]);
        assert_eq!(ids(&idx, "securtie")[0], 2);
    }

    #[test]
    fn cpv_labels_theme_labels_and_city_are_searchable() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        assert_eq!(ids(&idx, "isolation thermique"), vec![1]);
        assert_eq!(ids(&idx, "maintien domicile"), vec![3]);
        assert_eq!(ids(&idx, "electricite"), vec![2]);
        assert_eq!(ids(&idx, "montreuil"), vec![3]);
    }

    #[test]
    fn filters() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        assert_eq!(ids(&idx, "dept:93"), vec![3, 1]); // by name: "Cœur…" < "Société…"
        assert_eq!(ids(&idx, "securite dept:93"), vec![3]);
        assert_eq!(ids(&idx, "theme:sante"), vec![3]);
        assert_eq!(ids(&idx, "theme:energie"), vec![1]);
        assert_eq!(ids(&idx, "theme:electricite"), vec![2]);
        assert_eq!(ids(&idx, "cpv:45"), vec![1]);
        assert_eq!(ids(&idx, "cpv:4532"), vec![1]);
        assert!(ids(&idx, "cpv:46").is_empty());
        assert_eq!(ids(&idx, "size:tpe"), vec![2]);
        assert_eq!(ids(&idx, "ess"), vec![3]);
        assert_eq!(ids(&idx, "siae"), vec![4]);
        assert_eq!(ids(&idx, "city:saint"), vec![1]);
        assert_eq!(ids(&idx, "dept:93,59"), vec![3, 2, 1]);
    }

    #[test]
    fn exclusions() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        assert_eq!(ids(&idx, "securite -teleassistance"), vec![2]);
        assert_eq!(ids(&idx, "dept:93 -coeur"), vec![1]);
    }

    #[test]
    fn empty_query_lists_by_name() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        assert_eq!(ids(&idx, ""), vec![3, 4, 2, 1]);
        let page = idx.search_page(&Query::parse(""), 2);
        assert_eq!(page.total, 4);
        assert_eq!(page.hits.len(), 2);
    }

    #[test]
    fn highlights_land_on_original_letters() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        let h = &idx.search(&Query::parse("energie"), 1)[0];
        let name: Vec<char> = "Société Énergie Verte".chars().collect();
        let shown: String = h.name_highlights.iter().map(|&i| name[i]).collect();
        assert_eq!(shown, "Énergie");
        let h = &idx.search(&Query::parse("coeur"), 1)[0];
        assert_eq!(h.id, 3);
        // "coeur" → "Cœur": C, œ (once), u, r.
        assert_eq!(h.name_highlights, vec![0, 1, 2, 3]);
        // Prefix typed: only the typed letters.
        let h = &idx.search(&Query::parse("secu"), 1)[0];
        assert_eq!(h.name_highlights, vec![0, 1, 2, 3]);
    }

    #[test]
    fn upsert_keeps_the_index_current() {
        let mut idx = SearchIndex::build(&directory(), &themes(), &cpv());
        assert!(ids(&idx, "photovoltaique").is_empty());
        let mut s = sup(5, "Photovoltaïque Solaire SAS");
        s.department = "93".into();
        idx.upsert(&s);
        assert_eq!(idx.len(), 5);
        assert_eq!(ids(&idx, "photovoltaique"), vec![5]);
        assert_eq!(ids(&idx, "dept:93"), vec![3, 5, 1]);
        // Rename supplier 1 and move it: old words and filters are forgotten.
        let mut a = directory().remove(0);
        a.name = "Alpha Isolation".into();
        a.department = "94".into();
        idx.upsert(&a);
        assert_eq!(idx.len(), 5);
        assert!(ids(&idx, "verte").is_empty());
        assert_eq!(ids(&idx, "alpha"), vec![1]);
        assert_eq!(ids(&idx, "dept:93"), vec![3, 5]);
        assert_eq!(ids(&idx, ""), vec![1, 3, 4, 5, 2]);
    }

    #[test]
    fn narrowing_gives_the_same_result_as_a_fresh_search() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        let typed = "securite electronique dept:59";
        let mut acc = String::new();
        for c in typed.chars() {
            acc.push(c);
            let incremental = idx.search(&Query::parse(&acc), 10);
            let fresh =
                SearchIndex::build(&directory(), &themes(), &cpv()).search(&Query::parse(&acc), 10);
            assert_eq!(incremental, fresh, "after typing {acc:?}");
        }
    }

    #[test]
    fn one_letter_words_score_as_their_words_would() {
        let idx = SearchIndex::build(&directory(), &themes(), &cpv());
        for letter in ["s", "e", "n", "t", "3"] {
            // Expected: best field weight among the doc's words starting with the letter.
            let mut expected: Vec<(u64, i64)> = Vec::new();
            for (doc, &(a, b)) in idx.fwd_range.iter().enumerate() {
                let best = idx.fwd[a as usize..b as usize]
                    .iter()
                    .filter(|&&e| idx.dict.word(e >> 3).starts_with(letter))
                    .map(|&e| i64::from(Q_INITIAL) * i64::from(WEIGHT[(e & 7) as usize]))
                    .max();
                if let Some(s) = best {
                    expected.push((idx.ids[doc], s));
                }
            }
            expected.sort();
            let mut got: Vec<(u64, i64)> = idx
                .search(&Query::parse(letter), 100)
                .iter()
                .map(|h| (h.id, h.score))
                .collect();
            got.sort();
            assert_eq!(got, expected, "first word {letter:?}");
            // As a later word, narrowing "securite": the same scores added.
            let base: HashMap<u64, i64> = idx
                .search(&Query::parse("securite"), 100)
                .iter()
                .map(|h| (h.id, h.score))
                .collect();
            let mut got: Vec<(u64, i64)> = idx
                .search(&Query::parse(&format!("securite {letter}")), 100)
                .iter()
                .map(|h| (h.id, h.score - base[&h.id]))
                .collect();
            got.sort();
            let want: Vec<(u64, i64)> = expected
                .iter()
                .filter(|(id, _)| base.contains_key(id))
                .copied()
                .collect();
            assert_eq!(got, want, "second word {letter:?}");
        }
    }

    #[test]
    fn hyphenated_words_are_also_joined() {
        let mut v = Vec::new();
        for_each_word("tele-assistance de la ville", |w| v.push(w.to_string()));
        assert_eq!(v, vec!["tele", "assistance", "teleassistance", "ville"]);
        let mut v = Vec::new();
        for_each_word("lot 3 - a b", |w| v.push(w.to_string()));
        assert_eq!(v, vec!["lot", "3"]);
    }
}
