//! Building the index: adding, replacing and ordering suppliers, and splitting their
//! folded text into the words the dictionary holds.

use super::{
    SearchIndex, SearchState, F_CITY, F_CPV, F_DESC, F_KEYWORDS, F_NAME, F_NAME_FIRST, F_THEME,
    MAX_SUPPLIERS,
};
use crate::domain::Supplier;
use crate::search::fold::{fold_into, fold_str};
use crate::search::query::is_stop_word;

/// Longest word indexed, in bytes (longer runs are URLs or garbage).
const MAX_WORD: usize = 48;

impl SearchIndex {
    pub(super) fn clear_caches(&mut self) {
        self.generation += 1;
        *self.state.get_mut().unwrap_or_else(|e| e.into_inner()) = SearchState::default();
        self.word_cache
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Appends a new doc. In bulk mode the name order and the word order are rebuilt by
    /// `finish_bulk`.
    pub(super) fn push_doc(&mut self, s: &Supplier, bulk: bool) {
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

    pub(super) fn upsert_inner(&mut self, s: &Supplier) {
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

    pub(super) fn finish_bulk(&mut self) {
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

    #[test]
    fn hyphenated_words_are_also_joined() {
        let mut v = Vec::new();
        for_each_word("tele-assistance de la ville", |w| v.push(w.to_string()));
        assert_eq!(v, vec!["tele", "assistance", "teleassistance", "ville"]);
        let mut v = Vec::new();
        for_each_word("lot 3 - a b", |w| v.push(w.to_string()));
        assert_eq!(v, vec!["lot", "3"]);
    }

    #[test]
    fn long_runs_and_single_letters_are_not_words() {
        let long = "x".repeat(MAX_WORD + 1);
        let mut v = Vec::new();
        for_each_word(&format!("a 7 {long} ok"), |w| v.push(w.to_string()));
        assert_eq!(v, vec!["7", "ok"]);
    }

    #[test]
    fn prefix_keys_order_like_their_strings() {
        let mut words = ["zeta", "alpha", "", "alphabetiquement-long", "alp"];
        let mut by_key = words;
        by_key.sort_by_key(|w| prefix_key(w));
        words.sort();
        assert_eq!(by_key, words);
    }
}
