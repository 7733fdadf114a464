//! CPV codes deduced from a need's words, for needs stated without codes: the official CPV
//! labels (French) act as a thesaurus. Each code's label is stemmed once; a need's words
//! score every code (BM25 over the labels); the best codes then meet the suppliers' codes
//! through the hierarchy like stated codes do, at a fraction of their points.

use super::text::QueryWord;
use super::words::{stem, words};
use crate::domain::{CpvCatalog, CpvCode};
use std::collections::HashMap;

/// Stemmed labels of the CPV catalog.
#[derive(Debug, Clone, Default)]
pub struct CpvIndex {
    /// Codes, in code order.
    codes: Vec<CpvCode>,
    /// Postings: stem → (code index, occurrences).
    postings: HashMap<String, Vec<(u32, u16)>>,
    /// Label length in words, per code.
    lens: Vec<u16>,
    avg_len: f64,
}

/// A code deduced from the need's words, with its share of the best code's score (0–1].
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// The code.
    pub code: CpvCode,
    /// Score relative to the best deduced code (1.0 for the best).
    pub strength: f64,
}

impl CpvIndex {
    /// Indexes the French labels of `catalog`.
    pub fn new(catalog: &CpvCatalog) -> Self {
        let mut entries: Vec<(CpvCode, String)> = catalog
            .iter()
            .filter_map(|(c, fr, _)| CpvCode::parse(c).ok().map(|c| (c, fr.to_string())))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut idx = CpvIndex::default();
        let mut total = 0f64;
        for (i, (code, label)) in entries.into_iter().enumerate() {
            let mut counts: HashMap<String, u16> = HashMap::new();
            let ws = words(&label);
            for w in &ws {
                *counts.entry(stem(w)).or_default() += 1;
            }
            for (s, n) in counts {
                idx.postings.entry(s).or_default().push((i as u32, n));
            }
            idx.lens.push(ws.len().min(u16::MAX as usize) as u16);
            total += ws.len() as f64;
            idx.codes.push(code);
        }
        idx.avg_len = if idx.codes.is_empty() {
            1.0
        } else {
            (total / idx.codes.len() as f64).max(1.0)
        };
        idx
    }

    /// The `k` codes whose labels best match `q` (exact stems only), each with at least
    /// `min_strength` of the best score; strongest first, ties by code.
    pub fn infer(&self, q: &[QueryWord], k: usize, min_strength: f64) -> Vec<Inferred> {
        if self.codes.is_empty() || k == 0 {
            return Vec::new();
        }
        let n = self.codes.len() as f64;
        let (k1, b) = (1.2, 0.75);
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for w in q {
            let Some(post) = self.postings.get(&w.stem) else {
                continue;
            };
            let df = post.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(i, f) in post {
                let f = f64::from(f);
                let len = f64::from(self.lens[i as usize]);
                let tf = f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * len / self.avg_len));
                *scores.entry(i).or_default() += idf * tf * w.weight;
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(_, best)) = ranked.first() else {
            return Vec::new();
        };
        ranked
            .into_iter()
            .take(k)
            .filter(|&(_, s)| s >= best * min_strength)
            .map(|(i, s)| Inferred {
                code: self.codes[i as usize].clone(),
                strength: s / best,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::text::query_words;
    use crate::matching::Weights;

    #[test]
    fn words_point_to_the_codes_whose_labels_hold_them() {
        let mut cat = CpvCatalog::default();
        for (c, l) in [
            ("09134100", "Carburant diesel"),
            ("09132000", "Essence"),
            ("45321000", "Travaux d'isolation thermique"),
            ("45320000", "Travaux d'isolation"),
            ("79810000", "Services d'impression"),
        ] {
            cat.insert(&CpvCode::parse(c).unwrap(), l.into(), String::new());
        }
        let idx = CpvIndex::new(&cat);
        let w = Weights::default();
        let got = idx.infer(&query_words("Fourniture de carburants", "", &w), 3, 0.5);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].code.as_str(), "09134100");
        let got = idx.infer(
            &query_words("Isolation thermique des combles", "", &w),
            3,
            0.1,
        );
        let codes: Vec<&str> = got.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["45321000", "45320000"]);
        assert_eq!(got[0].strength, 1.0);
        assert!(got[1].strength < 1.0);
        assert!(idx
            .infer(&query_words("gymnase", "", &w), 3, 0.5)
            .is_empty());
    }
}
