//! Candidate generation: the suppliers a need can score with, found through postings instead
//! of a pass over the whole directory (1,000 needs against 100,000 suppliers must take
//! seconds, not minutes).
//!
//! A supplier is a candidate when it shares with the need one of:
//! - a CPV branch: for a need code of group level or finer (3+ significant digits), the
//!   suppliers with a code in the same group, and those whose code is a bare division that
//!   contains it (broader); for a division-level need code, every supplier in the division.
//!   A supplier that shares only the division with a specific need code (6 points at most)
//!   is not a candidate through its codes: it must meet the need's words or theme;
//! - a term of the need's expanded words (text postings);
//! - the need's theme.
//!
//! Postings hold entry indices; [`Postings::moved`] follows the matcher's `swap_remove`.

use super::text::TermId;
use crate::domain::CpvCode;
use crate::search::codec::{Dec, Enc};
use crate::search::SnapshotError;
use std::collections::HashMap;
use std::io::{Read, Write};

/// Where each entry can be found.
#[derive(Debug, Clone, Default)]
pub struct Postings {
    /// Term id → entries whose text holds it.
    terms: Vec<Vec<u32>>,
    /// CPV group (3 digits) → entries with a code of group level or finer there.
    groups: HashMap<String, Vec<u32>>,
    /// CPV division → entries with a bare division-level code.
    broad: HashMap<String, Vec<u32>>,
    /// CPV division → every entry with a code in that division.
    divisions: HashMap<String, Vec<u32>>,
    /// Folded theme → entries.
    themes: HashMap<String, Vec<u32>>,
}

/// What one entry is filed under.
pub struct Keys<'a> {
    /// Its text's terms.
    pub terms: &'a [(TermId, f32, u32)],
    /// Its CPV codes.
    pub cpv: &'a [CpvCode],
    /// Its folded themes.
    pub themes: &'a [String],
}

fn cpv_keys(cpv: &[CpvCode]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut groups, mut broad, mut divisions) = (Vec::new(), Vec::new(), Vec::new());
    for c in cpv {
        let sig = c.significant();
        let div = c.as_str()[..2].to_string();
        if sig.len() >= 3 {
            let g = c.as_str()[..3].to_string();
            if !groups.contains(&g) {
                groups.push(g);
            }
        } else if !broad.contains(&div) {
            broad.push(div.clone());
        }
        if !divisions.contains(&div) {
            divisions.push(div);
        }
    }
    (groups, broad, divisions)
}

fn add(map: &mut HashMap<String, Vec<u32>>, key: String, i: u32) {
    map.entry(key).or_default().push(i);
}

fn remove(map: &mut HashMap<String, Vec<u32>>, key: &str, i: u32) {
    if let Some(l) = map.get_mut(key) {
        l.retain(|&x| x != i);
        if l.is_empty() {
            map.remove(key);
        }
    }
}

fn rename(map: &mut HashMap<String, Vec<u32>>, key: &str, from: u32, to: u32) {
    if let Some(l) = map.get_mut(key) {
        for x in l.iter_mut().filter(|x| **x == from) {
            *x = to;
        }
    }
}

impl Postings {
    /// Writes the postings for a snapshot.
    pub(crate) fn write_to<W: Write>(&self, e: &mut Enc<W>) -> std::io::Result<()> {
        e.u64(self.terms.len() as u64)?;
        for l in &self.terms {
            e.u32s(l)?;
        }
        for map in [&self.groups, &self.broad, &self.divisions, &self.themes] {
            e.u64(map.len() as u64)?;
            for (k, l) in map {
                e.str(k)?;
                e.u32s(l)?;
            }
        }
        Ok(())
    }

    /// Reads postings written by [`Postings::write_to`] for `n` entries and `words` terms;
    /// every entry number is checked to be below `n`.
    pub(crate) fn read_from<R: Read>(
        d: &mut Dec<R>,
        n: usize,
        words: usize,
    ) -> Result<Self, SnapshotError> {
        let bad = || SnapshotError::Format("listes de candidats".into());
        let list = |d: &mut Dec<R>| -> Result<Vec<u32>, SnapshotError> {
            let l = d.u32s(n as u64)?;
            if l.iter().any(|&i| i as usize >= n) {
                return Err(bad());
            }
            Ok(l)
        };
        let k = d.count_of(words as u64, 8)?;
        let mut p = Postings::default();
        p.terms.reserve_exact(k);
        for _ in 0..k {
            p.terms.push(list(d)?);
        }
        for which in 0..4 {
            let k = d.count_of(1 << 24, 16)?;
            let mut map = HashMap::with_capacity(k);
            for _ in 0..k {
                let key = d.str()?;
                map.insert(key, list(d)?);
            }
            match which {
                0 => p.groups = map,
                1 => p.broad = map,
                2 => p.divisions = map,
                _ => p.themes = map,
            }
        }
        Ok(p)
    }

    /// Files entry `i` under its keys.
    pub fn add(&mut self, i: u32, k: &Keys<'_>) {
        for &(t, _, _) in k.terms {
            let t = t as usize;
            if self.terms.len() <= t {
                self.terms.resize(t + 1, Vec::new());
            }
            self.terms[t].push(i);
        }
        let (groups, broad, divisions) = cpv_keys(k.cpv);
        for g in groups {
            add(&mut self.groups, g, i);
        }
        for d in broad {
            add(&mut self.broad, d, i);
        }
        for d in divisions {
            add(&mut self.divisions, d, i);
        }
        for t in k.themes {
            add(&mut self.themes, t.clone(), i);
        }
    }

    /// Removes entry `i` from its keys.
    pub fn remove(&mut self, i: u32, k: &Keys<'_>) {
        for &(t, _, _) in k.terms {
            if let Some(l) = self.terms.get_mut(t as usize) {
                l.retain(|&x| x != i);
            }
        }
        let (groups, broad, divisions) = cpv_keys(k.cpv);
        for g in &groups {
            remove(&mut self.groups, g, i);
        }
        for d in &broad {
            remove(&mut self.broad, d, i);
        }
        for d in &divisions {
            remove(&mut self.divisions, d, i);
        }
        for t in k.themes {
            remove(&mut self.themes, t, i);
        }
    }

    /// Entry `from` now lives at `to` (after a `swap_remove`).
    pub fn moved(&mut self, from: u32, to: u32, k: &Keys<'_>) {
        for &(t, _, _) in k.terms {
            if let Some(l) = self.terms.get_mut(t as usize) {
                for x in l.iter_mut().filter(|x| **x == from) {
                    *x = to;
                }
            }
        }
        let (groups, broad, divisions) = cpv_keys(k.cpv);
        for g in &groups {
            rename(&mut self.groups, g, from, to);
        }
        for d in &broad {
            rename(&mut self.broad, d, from, to);
        }
        for d in &divisions {
            rename(&mut self.divisions, d, from, to);
        }
        for t in k.themes {
            rename(&mut self.themes, t, from, to);
        }
    }

    /// The candidates of a need, ascending, without duplicates, among `n` entries: those
    /// sharing a CPV branch with `codes`, one of `terms`, or one of `theme_forms`.
    pub fn candidates(
        &self,
        n: usize,
        codes: &[&CpvCode],
        terms: &[TermId],
        theme_forms: &[String],
    ) -> Vec<u32> {
        let mut member = vec![0u64; n.div_ceil(64)];
        let mut mark = |list: &[u32]| {
            for &i in list {
                if let Some(w) = member.get_mut(i as usize / 64) {
                    *w |= 1 << (i % 64);
                }
            }
        };
        for c in codes {
            let div = &c.as_str()[..2];
            if c.significant().len() >= 3 {
                if let Some(l) = self.groups.get(&c.as_str()[..3]) {
                    mark(l);
                }
                if let Some(l) = self.broad.get(div) {
                    mark(l);
                }
            } else if let Some(l) = self.divisions.get(div) {
                mark(l);
            }
        }
        for &t in terms {
            if let Some(l) = self.terms.get(t as usize) {
                mark(l);
            }
        }
        for f in theme_forms {
            if let Some(l) = self.themes.get(f) {
                mark(l);
            }
        }
        let mut out = Vec::new();
        for (w, bits) in member.iter().enumerate() {
            let mut b = *bits;
            while b != 0 {
                let k = b.trailing_zeros();
                out.push((w * 64) as u32 + k);
                b &= b - 1;
            }
        }
        out
    }
}
