//! The dictionary of distinct folded words with their posting lists, and the matching of a
//! query word against it: exact, prefix (the word being typed), then fuzzy within a word.

use super::codec::{Dec, Enc, SnapshotError};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the FxHash mix used by rustc) for the word
/// table: keys are short folded words from the directory, not attacker-chosen in a way that
/// matters to a local tool.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// HashMap with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Match quality of an exact word, on the 0..=100 scale used by the ranking.
pub(crate) const Q_EXACT: u8 = 100;
/// Quality of any word matching a one-letter query word.
pub(crate) const Q_INITIAL: u8 = 70;
/// Best quality of a prefix match (a prefix covering almost all the word).
const Q_PREFIX_MAX: u8 = 90;
/// Best quality of a fuzzy match.
const Q_FUZZY_MAX: u8 = 55;

/// How a query word matched a dictionary word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MatchKind {
    /// The same word.
    Exact,
    /// The dictionary word starts with the query word.
    Prefix,
    /// Letters of the query word in order within the word, or one or two typos.
    Fuzzy,
}

/// Dictionary words matching one query word, with their quality (1..=100).
#[derive(Debug, Clone, Default)]
pub(crate) struct WordMatches {
    /// (word id, quality), sorted by word id.
    pub words: Vec<(u32, u8)>,
    /// Sum of the posting list lengths of `words`: the cost of walking them.
    pub cost: usize,
    /// For a one-letter query word, its bucket in the index's lists of initials (which
    /// give the same docs and scores as walking `words`, faster).
    pub initial: Option<usize>,
}

impl WordMatches {
    /// True when every word of `self` is also in `other` (both sorted by id).
    pub fn is_subset_of(&self, other: &WordMatches) -> bool {
        let mut it = other.words.iter().map(|w| w.0);
        'outer: for &(w, _) in &self.words {
            for o in it.by_ref() {
                if o == w {
                    continue 'outer;
                }
                if o > w {
                    return false;
                }
            }
            return false;
        }
        true
    }

    /// Quality per word id, dense over a dictionary of `dict_len` words (0 = no match).
    pub fn dense(&self, dict_len: usize) -> Vec<u8> {
        let mut d = vec![0u8; dict_len];
        for &(w, q) in &self.words {
            d[w as usize] = q;
        }
        d
    }
}

/// Distinct folded words and, per word, the sorted list of `(doc << 3) | field` entries.
#[derive(Default)]
pub(crate) struct Dictionary {
    /// Word text by id.
    words: Vec<Box<str>>,
    /// Id by word text.
    lookup: FxMap<Box<str>, u32>,
    /// Word ids sorted by text (for prefix ranges).
    sorted: Vec<u32>,
    /// True when `sorted` must be rebuilt (words were added in bulk).
    sorted_dirty: bool,
    /// Posting lists by word id: `(doc << 3) | field`, ascending.
    pub postings: Vec<Vec<u32>>,
    /// Initials bucket of each word (see [`Dictionary::initial_bucket`]), 255 for none.
    pub initial: Vec<u8>,
}

impl Dictionary {
    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Word text of an id.
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// Id of a word, if known.
    pub fn get(&self, w: &str) -> Option<u32> {
        self.lookup.get(w).copied()
    }

    /// Id of a word, adding it when new. In bulk mode (`bulk` true) the sorted order is
    /// rebuilt later by [`Dictionary::finish_bulk`]; otherwise it is kept current now.
    pub fn intern(&mut self, w: &str, bulk: bool) -> u32 {
        if let Some(&id) = self.lookup.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        let b: Box<str> = w.into();
        self.words.push(b.clone());
        self.lookup.insert(b, id);
        self.postings.push(Vec::new());
        self.initial.push(
            w.bytes()
                .next()
                .and_then(Self::initial_bucket)
                .map_or(255, |b| b as u8),
        );
        if bulk || self.sorted_dirty {
            self.sorted_dirty = true;
        } else {
            let pos = self
                .sorted
                .partition_point(|&o| &*self.words[o as usize] < w);
            self.sorted.insert(pos, id);
        }
        id
    }

    /// Bucket of the initials lists for a word's first byte: `a`–`z` → 0–25, `0`–`9` →
    /// 26–35; None for other first chars.
    pub fn initial_bucket(first: u8) -> Option<usize> {
        match first {
            b'a'..=b'z' => Some(usize::from(first - b'a')),
            b'0'..=b'9' => Some(26 + usize::from(first - b'0')),
            _ => None,
        }
    }

    /// Writes the words, their order and their postings (after `finish_bulk`).
    pub fn write_to<W: std::io::Write>(&self, e: &mut Enc<W>) -> std::io::Result<()> {
        e.u64(self.words.len() as u64)?;
        for w in &self.words {
            e.str(w)?;
        }
        e.u32s(&self.sorted)?;
        for p in &self.postings {
            e.u32s(p)?;
        }
        Ok(())
    }

    /// Reads what [`Dictionary::write_to`] wrote, checking that every posting names a doc
    /// below `docs`, ascending, and that the word order is a permutation.
    pub fn read_from<R: std::io::Read>(
        d: &mut Dec<R>,
        docs: usize,
    ) -> Result<Dictionary, SnapshotError> {
        let bad = |m: &str| SnapshotError::Format(m.to_string());
        let n = d.count(u64::from(u32::MAX))?;
        let mut dict = Dictionary::default();
        dict.words.reserve(n);
        for _ in 0..n {
            let w = d.str()?;
            let b: Box<str> = w.into();
            if dict
                .lookup
                .insert(b.clone(), dict.words.len() as u32)
                .is_some()
            {
                return Err(bad("mot en double"));
            }
            dict.initial.push(
                b.bytes()
                    .next()
                    .and_then(Self::initial_bucket)
                    .map_or(255, |x| x as u8),
            );
            dict.words.push(b);
        }
        dict.sorted = d.u32s(n as u64)?;
        let mut seen = vec![false; n];
        for &id in &dict.sorted {
            match seen.get_mut(id as usize) {
                Some(s) if !*s => *s = true,
                _ => return Err(bad("ordre des mots")),
            }
        }
        if dict.sorted.len() != n {
            return Err(bad("ordre des mots"));
        }
        dict.postings.reserve(n);
        for _ in 0..n {
            let p = d.u32s((docs as u64) << 3)?;
            if !p.windows(2).all(|w| w[0] < w[1])
                || p.last().is_some_and(|&e| (e >> 3) as usize >= docs)
            {
                return Err(bad("liste de mots"));
            }
            dict.postings.push(p);
        }
        Ok(dict)
    }

    /// Sorts the word order after a bulk load and trims the posting lists' spare capacity.
    pub fn finish_bulk(&mut self) {
        if self.sorted_dirty {
            let words = &self.words;
            self.sorted = (0..words.len() as u32).collect();
            self.sorted
                .sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
            self.sorted_dirty = false;
        }
        for p in &mut self.postings {
            p.shrink_to_fit();
        }
    }

    /// Ids of the words starting with `prefix`, in text order.
    pub fn prefix_range(&self, prefix: &str) -> &[u32] {
        let lo = self
            .sorted
            .partition_point(|&o| &*self.words[o as usize] < prefix);
        let hi =
            lo + self.sorted[lo..].partition_point(|&o| self.words[o as usize].starts_with(prefix));
        &self.sorted[lo..hi]
    }

    /// Words matching `q`: exact (quality 100), prefix (60..=90, higher when `q` covers
    /// more of the word), and, for `q` of 5 chars or more, fuzzy (≤ 55): the word starts
    /// with the same letter and either holds `q`'s letters in order with few gaps (one per
    /// 4 letters; scored by SkimMatcherV2), or a prefix of it is within one edit of `q` (two
    /// from 8 chars).
    pub fn match_word(&self, q: &str, fuzzy: bool) -> WordMatches {
        let mut out: Vec<(u32, u8)> = Vec::new();
        let qlen = q.chars().count();
        for &id in self.prefix_range(q) {
            let w = self.word(id);
            let quality = if qlen == 1 {
                // One letter says little: every word it starts weighs the same.
                Q_INITIAL
            } else if w.len() == q.len() {
                Q_EXACT
            } else {
                let wlen = w.chars().count().max(qlen + 1);
                (60 + 30 * qlen / wlen).min(usize::from(Q_PREFIX_MAX)) as u8
            };
            out.push((id, quality));
        }
        if fuzzy && qlen >= 5 {
            let first: String = q.chars().take(1).collect();
            let qc: Vec<char> = q.chars().collect();
            let max_edits = if qlen >= 8 { 2 } else { 1 };
            let max_gaps = (qlen / 4).max(1);
            let matcher = SkimMatcherV2::default();
            let best_skim = matcher.fuzzy_match(q, q).unwrap_or(1).max(1);
            let mut wc: Vec<char> = Vec::with_capacity(32);
            for &id in self.prefix_range(&first) {
                let w = self.word(id);
                if w.starts_with(q) {
                    continue; // already a prefix match
                }
                wc.clear();
                wc.extend(w.chars());
                if wc.len() + max_edits < qlen {
                    continue;
                }
                let mut quality = 0u8;
                if let Some(gaps) = subsequence_gaps(&qc, &wc) {
                    if gaps <= max_gaps {
                        let skim = matcher.fuzzy_match(w, q).unwrap_or(0).max(0);
                        let rel = (skim * 20 / best_skim).clamp(0, 20) as u8;
                        quality = 35u8 + rel - (gaps as u8 * 5).min(20);
                    }
                }
                if let Some((d, whole)) = prefix_edit_distance(&qc, &wc, max_edits) {
                    // A typo in the whole word ("smcal" for "smacl") beats a typo in the
                    // start of a longer word ("scalair").
                    let q = if whole {
                        57 - 5 * d as u8
                    } else {
                        50 - 5 * d as u8
                    };
                    quality = quality.max(q);
                }
                if quality > 0 {
                    out.push((id, quality.min(Q_FUZZY_MAX)));
                }
            }
        }
        out.sort_unstable_by_key(|x| x.0);
        let cost = out
            .iter()
            .map(|&(id, _)| self.postings[id as usize].len())
            .sum();
        WordMatches {
            words: out,
            cost,
            initial: None,
        }
    }
}

/// How a query word matched a folded word (for highlights and explanations): `Some` with
/// the matched char positions in `word`.
pub(crate) fn match_positions(q: &str, word: &str, kind: MatchKind) -> Vec<usize> {
    match kind {
        MatchKind::Exact | MatchKind::Prefix => {
            (0..q.chars().count().min(word.chars().count())).collect()
        }
        MatchKind::Fuzzy => SkimMatcherV2::default()
            .fuzzy_indices(word, q)
            .map(|(_, idx)| idx)
            .unwrap_or_else(|| {
                // Typo match: highlight the common prefix.
                word.chars()
                    .zip(q.chars())
                    .take_while(|(a, b)| a == b)
                    .enumerate()
                    .map(|(i, _)| i)
                    .collect()
            }),
    }
}

/// Kind of a match from its quality.
pub(crate) fn kind_of(quality: u8) -> MatchKind {
    if quality >= Q_EXACT {
        MatchKind::Exact
    } else if quality > Q_FUZZY_MAX {
        MatchKind::Prefix
    } else {
        MatchKind::Fuzzy
    }
}

/// When `q` is a subsequence of `w` starting at `w[0]`, the number of letters of `w` skipped
/// between the first and the last matched letter (greedy leftmost match); None otherwise.
fn subsequence_gaps(q: &[char], w: &[char]) -> Option<usize> {
    if q.is_empty() || w.first() != q.first() {
        return None;
    }
    let mut j = 0usize;
    let mut last = 0usize;
    for (i, &c) in w.iter().enumerate() {
        if j < q.len() && c == q[j] {
            j += 1;
            last = i;
            if j == q.len() {
                break;
            }
        }
    }
    (j == q.len()).then(|| last + 1 - q.len())
}

/// Smallest optimal-string-alignment distance (edits and adjacent transpositions) between
/// `q` and any prefix of `w`, when it is at most `max`, with true when that distance is
/// reached by the whole of `w`; None when no prefix is within `max`.
fn prefix_edit_distance(q: &[char], w: &[char], max: usize) -> Option<(usize, bool)> {
    let m = q.len();
    let n = w.len().min(m + max);
    // rows i-2, i-1, i over j in 0..=n
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=m {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(q[i - 1] != w[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    // prev is row m: distance of q to each prefix w[..j]. The whole word counts with any
    // alignment; a shorter prefix only when it ends on the last letter typed ("electro" is
    // not "electri…" with a typo, "secrui" is "securi…").
    let whole = (n == w.len() && prev[n] <= max).then_some(prev[n]);
    let last = q.last()?;
    let prefix = (m.saturating_sub(max).max(1)..=n)
        .filter(|&j| w[j - 1] == *last)
        .map(|j| prev[j])
        .min()
        .filter(|&d| d <= max);
    match (whole, prefix) {
        (Some(a), Some(b)) if b < a => Some((b, false)),
        (Some(a), _) => Some((a, true)),
        (None, Some(b)) => Some((b, false)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(words: &[&str]) -> Dictionary {
        let mut d = Dictionary::default();
        for (i, w) in words.iter().enumerate() {
            let id = d.intern(w, true);
            d.postings[id as usize].push((i as u32) << 3);
        }
        d.finish_bulk();
        d
    }

    fn matched<'a>(d: &'a Dictionary, q: &str) -> Vec<(&'a str, u8)> {
        let mut v: Vec<_> = d
            .match_word(q, true)
            .words
            .iter()
            .map(|&(id, qu)| (d.word(id), qu))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }

    #[test]
    fn exact_then_prefix_then_fuzzy() {
        let d = dict(&["securite", "securites", "secours", "electricite", "sante"]);
        let m = matched(&d, "securite");
        assert_eq!(m[0], ("securite", Q_EXACT));
        assert_eq!(m[1].0, "securites");
        assert!(m[1].1 > Q_FUZZY_MAX && m[1].1 < Q_EXACT);
        assert!(!m.iter().any(|x| x.0 == "sante"));
        // Typed prefix.
        let m = matched(&d, "secu");
        assert_eq!(
            m.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec!["securite", "securites"]
        );
    }

    #[test]
    fn typos_within_a_word() {
        let d = dict(&["teleassistance", "telephonie", "securite", "isolation"]);
        // Missing letter: subsequence.
        assert_eq!(matched(&d, "teleasistance")[0].0, "teleassistance");
        // Transposition and substitution: edit distance; a whole-word typo ranks first.
        let d2 = dict(&["smacl", "scalair"]);
        assert_eq!(matched(&d2, "smcal")[0].0, "smacl");
        assert!(matched(&d2, "smcal")[0].1 > matched(&d2, "smcal")[1].1);
        assert_eq!(matched(&d, "securtie")[0].0, "securite");
        assert_eq!(matched(&d, "isilation")[0].0, "isolation");
        // Letters scattered far apart do not match.
        assert!(matched(&d, "tlpn").is_empty());
    }

    #[test]
    fn edit_distance_on_prefixes() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let d = |q: &str, w: &str| prefix_edit_distance(&c(q), &c(w), 1);
        assert_eq!(d("isol", "isolation"), Some((0, false)));
        assert_eq!(d("isil", "isolation"), Some((1, false)));
        assert_eq!(d("iosl", "isolation"), Some((1, false)));
        assert_eq!(d("secrui", "securite"), Some((1, false)));
        // A different last letter is another word, not a typo of this one.
        assert_eq!(d("electro", "electricite"), None);
        assert_eq!(d("xxxx", "isolation"), None);
        assert_eq!(d("smcal", "smacl"), Some((1, true)));
        assert_eq!(d("smcal", "scalair"), Some((1, false)));
    }

    #[test]
    fn subset_relation() {
        let d = dict(&["renovation", "renover", "rentree"]);
        let a = d.match_word("ren", true);
        let b = d.match_word("reno", true);
        assert!(b.is_subset_of(&a));
        assert!(!a.is_subset_of(&b));
    }
}
