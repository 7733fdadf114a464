//! [`Matcher`]: the directory prepared once for matching, then any number of needs ranked
//! against it.
//!
//! Costs, measured by `examples/matching_eval.rs` on the full directory (14,618 suppliers,
//! release build, on-CPU time of one thread): preparing takes about 210 ms (each supplier's
//! text folded, stemmed and counted once; each distinct word stemmed once) and holds, per
//! supplier, a sorted list of (term, weight, count) — about 60 terms; ranking one need takes
//! about 3–4 ms: one pass over every supplier's terms and CPV codes with a dense lookup
//! table, no allocation per supplier, and explanations built only for the `limit` returned.
//! [`Matcher::upsert`] and [`Matcher::remove`] cost one supplier's preparation.

use super::candidates::{Keys, Postings};
use super::constraints::{self, Facts};
use super::cpv::{best_relation, common_digits};
use super::infer::{CpvIndex, Inferred};
use super::text::{query_words, score_doc, DocTerms, QueryTable, QueryWord, Vocabulary};
use super::words::fold;
use super::{Match, Reason, Weights};
use crate::domain::{CpvCatalog, CpvCode, Need, Supplier, SupplierId, ThemeCatalog};
use std::cmp::Ordering;
use std::collections::HashMap;

mod snapshot;

/// What matching keeps of one supplier.
#[derive(Debug, Clone)]
struct Entry {
    id: SupplierId,
    name: String,
    sort_name: String,
    cpv: Vec<CpvCode>,
    /// Themes folded (slugs, or free labels from an import file).
    themes: Vec<String>,
    facts: Facts,
    /// Number of past public contracts (0 when unknown).
    contracts: u32,
    doc: DocTerms,
}

/// The directory prepared for matching: each supplier's text folded, stemmed and counted
/// once, with document frequencies over all of them. Build it once (e.g. at start-up) and
/// keep it current with [`Matcher::upsert`] and [`Matcher::remove`].
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    weights: Weights,
    vocab: Vocabulary,
    entries: Vec<Entry>,
    by_id: HashMap<SupplierId, usize>,
    cpv_index: CpvIndex,
    postings: Postings,
}

fn keys(e: &Entry) -> Keys<'_> {
    Keys {
        terms: &e.doc.terms,
        cpv: &e.cpv,
        themes: &e.themes,
    }
}

/// What a need (or lot) asks, resolved once per ranking.
struct Ask<'a> {
    codes: &'a [CpvCode],
    /// Codes deduced from the words when the need states none.
    inferred: Vec<Inferred>,
    /// Accepted folded forms of the need's theme (slug, French and English labels).
    theme: Option<(String, Vec<String>)>,
    words: Vec<QueryWord>,
    table: QueryTable,
    need: &'a Need,
    /// False when the need states no CPV code, theme or word: constraints alone select.
    has_relevance: bool,
}

impl Matcher {
    /// Prepares `suppliers` with the default [`Weights`]; CPV labels (French) come from `cpv`.
    pub fn new(suppliers: &[Supplier], cpv: &CpvCatalog) -> Self {
        Self::with_weights(suppliers, cpv, Weights::default())
    }

    /// Prepares `suppliers` with the given weights (field weights apply while preparing).
    pub fn with_weights(suppliers: &[Supplier], cpv: &CpvCatalog, weights: Weights) -> Self {
        let mut m = Matcher {
            weights,
            cpv_index: CpvIndex::new(cpv),
            ..Default::default()
        };
        m.entries.reserve(suppliers.len());
        for s in suppliers {
            m.upsert(s, cpv);
        }
        m
    }

    /// The weights in use.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Number of suppliers prepared.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no supplier is prepared.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a supplier, or replaces the one with the same id (ids other than 0 are unique;
    /// suppliers with id 0, not yet stored, are always added).
    pub fn upsert(&mut self, s: &Supplier, cpv: &CpvCatalog) {
        let doc = self.vocab.analyse(s, cpv, &self.weights);
        self.vocab.add_doc(&doc);
        let entry = Entry {
            id: s.id,
            name: s.name.clone(),
            sort_name: fold(&s.name)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            cpv: s.cpv.clone(),
            themes: s.themes.iter().map(|t| fold_theme(t)).collect(),
            contracts: s.contract_count.unwrap_or(0),
            facts: Facts {
                department: s.department.clone(),
                other_departments: s
                    .all_departments()
                    .filter(|d| *d != s.department)
                    .map(str::to_string)
                    .collect(),
                size: s.size,
                ess: s.ess,
                siae: s.siae,
            },
            doc,
        };
        match self.by_id.get(&s.id) {
            Some(&i) if s.id != 0 => {
                self.postings.remove(i as u32, &keys(&self.entries[i]));
                self.postings.add(i as u32, &keys(&entry));
                let old = std::mem::replace(&mut self.entries[i], entry);
                self.vocab.remove_doc(&old.doc);
            }
            _ => {
                if s.id != 0 {
                    self.by_id.insert(s.id, self.entries.len());
                }
                self.postings.add(self.entries.len() as u32, &keys(&entry));
                self.entries.push(entry);
            }
        }
    }

    /// Removes the supplier with this id; false when it is not there.
    pub fn remove(&mut self, id: SupplierId) -> bool {
        let Some(i) = self.by_id.remove(&id) else {
            return false;
        };
        self.postings.remove(i as u32, &keys(&self.entries[i]));
        let last = self.entries.len() - 1;
        let old = self.entries.swap_remove(i);
        self.vocab.remove_doc(&old.doc);
        if let Some(moved) = self.entries.get(i) {
            self.postings.moved(last as u32, i as u32, &keys(moved));
            if moved.id != 0 {
                self.by_id.insert(moved.id, i);
            }
        }
        true
    }

    /// Ranks the prepared suppliers against `need`, or its lot number `lot` when > 0 (the
    /// lot's title and CPV codes — the need's codes when the lot has none — with the need's
    /// description, theme and constraints; no matches when the need has no such lot).
    ///
    /// Suppliers that fail a required constraint are left out, and so are those with no
    /// CPV, theme or text part when the need states any of them (a need that states only
    /// constraints lists the suppliers meeting them). At most `limit` matches, sorted by
    /// score (descending), then folded name, name and id.
    pub fn rank(&self, need: &Need, lot: u32, themes: &ThemeCatalog, limit: usize) -> Vec<Match> {
        let Some(ask) = self.ask(need, lot, themes) else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        let mut buf = vec![(0.0, 0); ask.words.len()];
        let mut scored: Vec<(f64, usize)> = Vec::new();
        if ask.has_relevance {
            // Only the suppliers that can score (see `candidates`).
            let codes: Vec<&CpvCode> = ask
                .codes
                .iter()
                .chain(ask.inferred.iter().map(|i| &i.code))
                .collect();
            let forms: &[String] = ask.theme.as_ref().map_or(&[], |(_, f)| f.as_slice());
            let terms = self.candidate_terms(ask.table.terms());
            let found = self
                .postings
                .candidates(self.entries.len(), &codes, &terms, forms);
            for i in found {
                let i = i as usize;
                if let Some(score) = self.evaluate(&self.entries[i], &ask, &mut buf, None) {
                    scored.push((score, i));
                }
            }
        } else {
            // Constraints alone: every supplier meeting them.
            for (i, e) in self.entries.iter().enumerate() {
                if let Some(score) = self.evaluate(e, &ask, &mut buf, None) {
                    scored.push((score, i));
                }
            }
        }
        let order = |a: &(f64, usize), b: &(f64, usize)| -> Ordering {
            b.0.total_cmp(&a.0).then_with(|| {
                let (x, y) = (&self.entries[a.1], &self.entries[b.1]);
                x.sort_name
                    .cmp(&y.sort_name)
                    .then_with(|| x.name.cmp(&y.name))
                    .then_with(|| x.id.cmp(&y.id))
                    .then_with(|| a.1.cmp(&b.1))
            })
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        scored
            .into_iter()
            .map(|(score, i)| {
                let e = &self.entries[i];
                let mut reasons = Vec::new();
                self.evaluate(e, &ask, &mut buf, Some(&mut reasons));
                // Largest first; equal points keep the order of the parts (CPV, theme,
                // words in the need's order, constraints).
                reasons.sort_by(|a: &(Reason, f64), b| b.1.total_cmp(&a.1));
                Match {
                    supplier: e.id,
                    score,
                    reasons,
                }
            })
            .collect()
    }

    /// The terms that bring candidates: those held by at most 2 % of the directory (at least
    /// 200 suppliers). A supplier that meets a need only through words that common scores a
    /// point or two, below any CPV or rare-word match, and such words would bring most of
    /// the directory. When every term is that common, the two rarest bring candidates.
    fn candidate_terms(&self, all: &[u32]) -> Vec<u32> {
        let cap = (self.vocab.docs() / 50).max(200);
        let rare: Vec<u32> = all
            .iter()
            .copied()
            .filter(|&t| self.vocab.df(t) <= cap)
            .collect();
        if !rare.is_empty() || all.is_empty() {
            return rare;
        }
        let mut by_df: Vec<u32> = all.to_vec();
        by_df.sort_by_key(|&t| self.vocab.df(t));
        by_df.truncate(2);
        by_df
    }

    fn ask<'a>(&self, need: &'a Need, lot: u32, themes: &ThemeCatalog) -> Option<Ask<'a>> {
        let (title, codes): (&str, &[CpvCode]) = if lot == 0 {
            (&need.title, &need.cpv)
        } else {
            let l = need.lots.iter().find(|l| l.number == lot)?;
            let codes = if l.cpv.is_empty() { &need.cpv } else { &l.cpv };
            (&l.title, codes)
        };
        let words = query_words(title, &need.description, &self.weights);
        let table = self.vocab.expand(&words, &self.weights);
        let theme = need.theme.as_ref().map(|slug| {
            let mut forms = vec![fold_theme(slug)];
            if let Some(t) = themes.get(slug) {
                forms.push(fold_theme(&t.label_fr));
                forms.push(fold_theme(&t.label_en));
            }
            (slug.clone(), forms)
        });
        let has_relevance = !codes.is_empty() || theme.is_some() || !words.is_empty();
        let w = &self.weights;
        let inferred = if codes.is_empty() && w.inferred_factor > 0.0 {
            self.cpv_index
                .infer(&words, w.inferred_codes, w.inferred_min_strength)
        } else {
            Vec::new()
        };
        Some(Ask {
            codes,
            inferred,
            theme,
            words,
            table,
            need,
            has_relevance,
        })
    }

    /// Score of one supplier, None when left out. With `reasons`, the parts are pushed there
    /// (in the fixed order CPV, theme, words, constraints, which is also the order of the sum).
    fn evaluate(
        &self,
        e: &Entry,
        ask: &Ask<'_>,
        buf: &mut [(f64, u32)],
        mut reasons: Option<&mut Vec<(Reason, f64)>>,
    ) -> Option<f64> {
        let w = &self.weights;
        let boosts = constraints::check(&ask.need.constraints, &e.facts, w)?;
        let mut relevance = 0.0;
        if let Some((n, s, rel, level, p)) = best_relation(ask.codes, &e.cpv, w) {
            relevance += p;
            if let Some(r) = reasons.as_deref_mut() {
                r.push((
                    Reason::Cpv {
                        need_code: n.as_str().to_string(),
                        supplier_code: s.as_str().to_string(),
                        common_digits: level,
                        relation: rel,
                    },
                    p,
                ));
            }
        }
        let mut best: Option<(&Inferred, &CpvCode, usize, f64)> = None;
        for inf in &ask.inferred {
            for c in &e.cpv {
                let d = common_digits(&inf.code, c);
                let p = w.cpv[d] * w.inferred_factor * inf.strength;
                if p > 0.0 && best.is_none_or(|b| p > b.3) {
                    best = Some((inf, c, d, p));
                }
            }
        }
        if let Some((inf, c, d, p)) = best {
            relevance += p;
            if let Some(r) = reasons.as_deref_mut() {
                r.push((
                    Reason::CpvFromWords {
                        code: inf.code.as_str().to_string(),
                        supplier_code: c.as_str().to_string(),
                        common_digits: d,
                    },
                    p,
                ));
            }
        }
        if let Some((slug, forms)) = &ask.theme {
            if w.theme > 0.0 && e.themes.iter().any(|t| forms.contains(t)) {
                relevance += w.theme;
                if let Some(r) = reasons.as_deref_mut() {
                    r.push((Reason::Theme(slug.clone()), w.theme));
                }
            }
        }
        if !ask.table.is_empty() {
            score_doc(&e.doc, &ask.table, self.vocab.avg_len(), w, &ask.words, buf);
            for (q, &(p, count)) in ask.words.iter().zip(buf.iter()) {
                let p = p * w.text;
                if p > 0.0 {
                    relevance += p;
                    if let Some(r) = reasons.as_deref_mut() {
                        r.push((
                            Reason::Word {
                                word: q.word.clone(),
                                count: count as usize,
                            },
                            p,
                        ));
                    }
                }
            }
        }
        if ask.has_relevance && relevance <= 0.0 {
            return None;
        }
        if w.prior > 0.0 && e.contracts > 0 {
            let p = w.prior * (1.0 + e.contracts as f64).ln();
            relevance += p;
            if let Some(r) = reasons.as_deref_mut() {
                r.push((Reason::Contracts(e.contracts), p));
            }
        }
        let mut score = relevance;
        for (reason, p) in boosts {
            score += p;
            if let Some(r) = reasons.as_deref_mut() {
                r.push((reason, p));
            }
        }
        if score <= 0.0 {
            return None;
        }
        Some(score)
    }
}

fn fold_theme(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}
