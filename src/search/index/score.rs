//! Carrying a [`Plan`] out: candidates from the postings (or from the previous query's),
//! each word's best score by field weight, exclusions, and the top hits in a deterministic
//! order (score descending, then folded name, name, id).

use super::plan::{plan, Plan, Previous, Start, Term};
use super::{LastQuery, SearchIndex, SearchState, WEIGHT, WEIGHT16};
use crate::search::dict::{WordMatches, Q_INITIAL};
use crate::search::filters::intersect;
use crate::search::query::Query;

/// Relative cost of one entry of a doc's own word list against one posting (cache misses).
const FORWARD_COST: usize = 6;

impl SearchIndex {
    /// Computes the candidates of `q` (ascending docs) with their scores into `st.last`,
    /// reusing the previous query's when `q` extends it (as [`plan`] decides).
    pub(super) fn candidates(&self, q: &Query, st: &mut SearchState) {
        let n = self.ids.len();
        if st.best.len() != n {
            st.member = vec![0; n.div_ceil(64)];
            st.best = vec![0; n];
        }
        let old = std::mem::take(&mut st.last);
        let prev = Previous {
            query: &old.query,
            words: &old.words,
        };
        let Plan {
            words,
            exclusions,
            filters,
            start,
        } = plan(q, self, Some(prev));
        let filter_set = filters.and_then(|f| self.filters.matching(f, &self.themes));
        let k = words.len();
        let mut c = match start {
            Start::Same => {
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
            Start::LastWord { base_is_old_scores }
                if words[k - 1].matches.cost * 8 < old.docs.len() =>
            {
                // The last word is rarer than the previous candidates: walk its postings and
                // keep the docs that were candidates.
                let base = if base_is_old_scores {
                    &old.scores
                } else {
                    &old.base
                };
                let (pd, ps) = self.walk_postings(&words[k - 1].matches, st);
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
            Start::LastWord { base_is_old_scores } => {
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
                let ws = self.word_scores(&c.docs, &words[k - 1].matches, st);
                c.apply(&ws, false, true);
                c
            }
            Start::Rescore => {
                let mut docs = old.docs;
                if let Some(f) = &filter_set {
                    docs = intersect(&docs, f);
                }
                self.score_words(&words, Some(docs), st)
            }
            Start::Fresh => self.score_words(&words, filter_set, st),
        };
        for ex in &exclusions {
            let ws = self.word_scores(&c.docs, &ex.matches, st);
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
            words,
            docs: c.docs,
            scores,
            base: c.base,
        };
    }

    /// last query word's score is kept apart from the others'.
    fn score_words(&self, words: &[Term], start: Option<Vec<u32>>, st: &mut SearchState) -> Cands {
        let last_word = words.len().checked_sub(1);
        let mut order: Vec<usize> = (0..words.len()).collect();
        order.sort_by_key(|&i| words[i].matches.cost);
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
                    let (docs, ws) = self.walk_postings(&words[i].matches, st);
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
            let ws = self.word_scores(&c.docs, &words[i].matches, st);
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
    pub(super) fn top(&self, docs: &[u32], scores: &[u32], limit: usize) -> Vec<(u32, u32)> {
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
