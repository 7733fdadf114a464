//! Text part of the match: need words found in the supplier's text, weighted by rarity.
//!
//! Each supplier's fields (name, keywords, French labels of its CPV codes, objects of its
//! references, description) are folded, stop-worded and stemmed once into a sorted list of
//! (term, field-weighted frequency, raw count). A need word's points in one supplier follow
//! BM25 (k1, b) with the field-weighted frequency, times the word's inverse document
//! frequency over the whole directory, so "calorifugeage" counts far more than "fourniture".
//! A need stem also meets the directory's stems it is a prefix of, or that are a prefix of
//! it (both at least `min_prefix` characters, at `prefix_factor` of the points), so
//! "energie" (stem "energ") meets "énergétique" (stem "energet").

use super::words::{stem, words};
use super::Weights;
use crate::domain::{CpvCatalog, Supplier};
use crate::i18n::Lang;
use std::collections::{BTreeMap, HashMap};

/// Identifier of a stem in the vocabulary.
pub type TermId = u32;

/// One supplier's terms.
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    /// (term, field-weighted frequency, raw occurrences), sorted by term.
    pub terms: Vec<(TermId, f32, u32)>,
    /// Field-weighted length (sum of weighted frequencies).
    pub len: f32,
}

/// Vocabulary and document frequencies over the directory.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: BTreeMap<String, TermId>,
    /// Folded word → its stem's id: stemming each distinct word once.
    word_ids: HashMap<String, TermId>,
    df: Vec<u32>,
    docs: u32,
    total_len: f64,
}

/// A need word, with the weight it gets from where it was written (title or description).
#[derive(Debug, Clone, PartialEq)]
pub struct QueryWord {
    /// Folded word as the need wrote it (the first form of its stem), for explanations.
    pub word: String,
    /// Its stem.
    pub stem: String,
    /// Weight (title words 1.0, description words `Weights::description_word`).
    pub weight: f64,
}

/// Need words folded, stop-worded and stemmed: one per stem, with the highest weight met.
pub fn query_words(title: &str, description: &str, w: &Weights) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    let parts = [(title, 1.0), (description, w.description_word)];
    for (text, weight) in parts {
        for word in words(text) {
            let st = stem(&word);
            match out.iter_mut().find(|q| q.stem == st) {
                Some(q) => q.weight = q.weight.max(weight),
                None => out.push(QueryWord {
                    word,
                    stem: st,
                    weight,
                }),
            }
        }
    }
    out
}

impl Vocabulary {
    /// Mean field-weighted document length (1.0 when empty).
    pub fn avg_len(&self) -> f64 {
        if self.docs == 0 || self.total_len <= 0.0 {
            1.0
        } else {
            self.total_len / f64::from(self.docs)
        }
    }

    /// Number of suppliers whose text holds the term.
    pub fn df(&self, t: TermId) -> u32 {
        self.df.get(t as usize).copied().unwrap_or(0)
    }

    /// Number of suppliers counted.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// BM25 inverse document frequency of a term: ln(1 + (N - df + 0.5) / (df + 0.5)).
    pub fn idf(&self, t: TermId) -> f64 {
        let n = f64::from(self.docs);
        let df = f64::from(self.df.get(t as usize).copied().unwrap_or(0));
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The stems, in id order (term `i` is the `i`-th), for a snapshot.
    pub(crate) fn stems(&self) -> Vec<&str> {
        let mut out = vec![""; self.df.len()];
        for (stem, &id) in &self.ids {
            if let Some(slot) = out.get_mut(id as usize) {
                *slot = stem;
            }
        }
        out
    }

    /// A vocabulary of these stems (term `i` is `stems[i]`) with no document counted yet;
    /// None when a stem repeats. The word → stem cache starts empty (it only speeds up
    /// later [`Vocabulary::analyse`] calls).
    pub(crate) fn from_stems(stems: Vec<String>) -> Option<Self> {
        let n = stems.len();
        let mut ids = BTreeMap::new();
        for (i, stem) in stems.into_iter().enumerate() {
            if ids.insert(stem, i as TermId).is_some() {
                return None;
            }
        }
        Some(Vocabulary {
            ids,
            word_ids: HashMap::new(),
            df: vec![0; n],
            docs: 0,
            total_len: 0.0,
        })
    }

    /// Number of terms.
    pub(crate) fn len(&self) -> usize {
        self.df.len()
    }

    fn term_of_word(&mut self, word: String) -> TermId {
        if let Some(&id) = self.word_ids.get(&word) {
            return id;
        }
        let id = self.intern(&stem(&word));
        self.word_ids.insert(word, id);
        id
    }

    fn intern(&mut self, stem: &str) -> TermId {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.df.len() as TermId;
        self.ids.insert(stem.to_string(), id);
        self.df.push(0);
        id
    }

    /// Folds, stems and counts a supplier's text into its terms, adding new stems to the
    /// vocabulary (document frequencies are left to [`Vocabulary::add_doc`]).
    pub fn analyse(&mut self, s: &Supplier, cpv: &CpvCatalog, w: &Weights) -> DocTerms {
        let mut acc: HashMap<TermId, (f32, u32)> = HashMap::new();
        let mut len = 0f32;
        let mut field = |text: &str, weight: f64, voc: &mut Vocabulary| {
            for word in words(text) {
                let id = voc.term_of_word(word);
                let e = acc.entry(id).or_insert((0.0, 0));
                e.0 += weight as f32;
                e.1 += 1;
                len += weight as f32;
            }
        };
        field(&s.name, w.field_name, self);
        for k in &s.keywords {
            field(k, w.field_keywords, self);
        }
        for c in &s.cpv {
            if let Some(label) = cpv.label(c, Lang::Fr) {
                field(label, w.field_cpv_labels, self);
            }
        }
        for r in &s.references {
            field(&r.object, w.field_references, self);
        }
        field(&s.description, w.field_description, self);
        let mut terms: Vec<(TermId, f32, u32)> =
            acc.into_iter().map(|(t, (f, n))| (t, f, n)).collect();
        terms.sort_unstable_by_key(|t| t.0);
        DocTerms { terms, len }
    }

    /// Counts a document in the frequencies.
    pub fn add_doc(&mut self, d: &DocTerms) {
        for &(t, _, _) in &d.terms {
            self.df[t as usize] += 1;
        }
        self.docs += 1;
        self.total_len += f64::from(d.len);
    }

    /// Removes a document counted before from the frequencies.
    pub fn remove_doc(&mut self, d: &DocTerms) {
        for &(t, _, _) in &d.terms {
            let df = &mut self.df[t as usize];
            *df = df.saturating_sub(1);
        }
        self.docs = self.docs.saturating_sub(1);
        self.total_len = (self.total_len - f64::from(d.len)).max(0.0);
    }

    /// For each query word, the vocabulary terms it meets with their quality (1.0 same stem,
    /// `prefix_factor` when one stem is a prefix of the other), with each term's idf.
    pub fn expand(&self, q: &[QueryWord], w: &Weights) -> QueryTable {
        let mut table = QueryTable {
            slot: vec![u32::MAX; self.df.len()],
            entries: Vec::new(),
            terms: Vec::new(),
        };
        for (i, word) in q.iter().enumerate() {
            if let Some(&id) = self.ids.get(&word.stem) {
                table.push(id, i, 1.0, self.idf(id));
            }
            if w.prefix_factor <= 0.0 || word.stem.chars().count() < w.min_prefix {
                continue;
            }
            // Stems that extend this one.
            for (k, &id) in self.ids.range::<str, _>((
                std::ops::Bound::Included(word.stem.as_str()),
                std::ops::Bound::Unbounded,
            )) {
                if !k.starts_with(word.stem.as_str()) {
                    break;
                }
                if k.len() > word.stem.len() {
                    table.push(id, i, w.prefix_factor, self.idf(id));
                }
            }
            // Stems this one extends (at least `min_prefix` characters).
            for (byte, _) in word.stem.char_indices().skip(w.min_prefix) {
                if let Some(&id) = self.ids.get(&word.stem[..byte]) {
                    table.push(id, i, w.prefix_factor, self.idf(id));
                }
            }
        }
        table
    }
}

/// Vocabulary terms met by a need's words: a dense slot per term id (u32::MAX when the term
/// is not met) into entries of (query word index, quality) pairs and the term's idf.
#[derive(Debug, Clone, Default)]
pub struct QueryTable {
    slot: Vec<u32>,
    entries: Vec<(Vec<(usize, f64)>, f64)>,
    /// The terms met, in the order first met.
    terms: Vec<TermId>,
}

impl QueryTable {
    fn push(&mut self, term: TermId, word: usize, quality: f64, idf: f64) {
        let s = &mut self.slot[term as usize];
        if *s == u32::MAX {
            *s = self.entries.len() as u32;
            self.entries.push((Vec::new(), idf));
            self.terms.push(term);
        }
        self.entries[*s as usize].0.push((word, quality));
    }

    /// Every term the need's words meet.
    pub fn terms(&self) -> &[TermId] {
        &self.terms
    }

    /// The (word, quality) pairs and idf of a term, when the need meets it.
    pub fn get(&self, term: TermId) -> Option<&(Vec<(usize, f64)>, f64)> {
        match self.slot.get(term as usize) {
            Some(&s) if s != u32::MAX => self.entries.get(s as usize),
            _ => None,
        }
    }

    /// True when no need word meets any term of the directory.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Per-word points and raw occurrences of one supplier for a query, written into `out`
/// (one slot per query word, reset first). BM25: idf × f(k1+1)/(f + k1(1-b+b·len/avg_len)),
/// times the match quality and the word's weight; a word met by several terms keeps its
/// best points and sums the occurrences.
pub fn score_doc(
    doc: &DocTerms,
    table: &QueryTable,
    avg_len: f64,
    w: &Weights,
    q: &[QueryWord],
    out: &mut [(f64, u32)],
) {
    for o in out.iter_mut() {
        *o = (0.0, 0);
    }
    let norm = w.k1 * (1.0 - w.b + w.b * f64::from(doc.len) / avg_len);
    for &(t, f, n) in &doc.terms {
        let Some((hits, idf)) = table.get(t) else {
            continue;
        };
        let f = f64::from(f);
        let tf = f * (w.k1 + 1.0) / (f + norm);
        for &(i, quality) in hits {
            let p = idf * tf * quality * q[i].weight;
            let o = &mut out[i];
            if p > o.0 {
                o.0 = p;
            }
            o.1 += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_keep_one_form_per_stem_and_the_best_weight() {
        let w = Weights::default();
        let q = query_words("Isolation des combles", "isoler les combles perdus", &w);
        let stems: Vec<&str> = q.iter().map(|x| x.stem.as_str()).collect();
        assert_eq!(stems, ["isol", "combl", "perdu"]);
        assert_eq!(q[0].word, "isolation");
        assert_eq!(q[0].weight, 1.0);
        assert_eq!(q[2].weight, w.description_word);
    }

    #[test]
    fn expansion_meets_prefixes_both_ways() {
        let w = Weights::default();
        let mut v = Vocabulary::default();
        let a = v.intern("energ");
        let b = v.intern("energet");
        let c = v.intern("ener");
        let q = query_words("énergétique", "", &w);
        let t = v.expand(&q, &w);
        assert_eq!(t.get(b).map(|e| e.0.clone()), Some(vec![(0, 1.0)]));
        assert_eq!(
            t.get(a).map(|e| e.0.clone()),
            Some(vec![(0, w.prefix_factor)])
        );
        assert!(t.get(c).is_none(), "too short a prefix");
    }
}
