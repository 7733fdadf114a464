//! Exact indexes for the query filters (one list per [`FilterKind`](super::filter_set::FilterKind)
//! value: theme, CPV prefix, département, size, commune, ESS and SIAE). Each maps a value to
//! the ascending list of internal doc numbers.

use super::codec::{Dec, Enc, SnapshotError};
use super::dict::FxMap;
use super::filter_set::{Filter, FilterKind, FilterSet};
use super::fold::{fold_str, words_with_offsets};
use crate::domain::{SizeCategory, Supplier, ThemeCatalog};

/// Filter indexes (doc lists ascending).
#[derive(Default)]
pub(crate) struct Filters {
    /// Theme as stored on the supplier (catalog slug or free label) → docs.
    themes: FxMap<String, Vec<u32>>,
    /// CPV code (8 digits) → docs.
    cpv: FxMap<String, Vec<u32>>,
    /// Département code → docs.
    depts: FxMap<String, Vec<u32>>,
    /// By size category (TPE, PME, ETI, GE).
    sizes: [Vec<u32>; 4],
    /// Folded commune → docs.
    cities: FxMap<String, Vec<u32>>,
    /// ESS suppliers.
    ess: Vec<u32>,
    /// SIAE suppliers.
    siae: Vec<u32>,
}

fn size_slot(s: SizeCategory) -> usize {
    match s {
        SizeCategory::Tpe => 0,
        SizeCategory::Pme => 1,
        SizeCategory::Eti => 2,
        SizeCategory::Ge => 3,
    }
}

/// Inserts `doc` into an ascending list (appends in the common bulk case).
fn insert_sorted(list: &mut Vec<u32>, doc: u32) {
    match list.last() {
        None => list.push(doc),
        Some(&l) if l < doc => list.push(doc),
        _ => {
            if let Err(pos) = list.binary_search(&doc) {
                list.insert(pos, doc);
            }
        }
    }
}

fn remove_sorted(list: &mut Vec<u32>, doc: u32) {
    if let Ok(pos) = list.binary_search(&doc) {
        list.remove(pos);
    }
}

/// Adds `doc` to the list of `key` (allocating the key only when new).
fn add_to(map: &mut FxMap<String, Vec<u32>>, key: &str, doc: u32) {
    match map.get_mut(key) {
        Some(l) => insert_sorted(l, doc),
        None => {
            map.insert(key.to_string(), vec![doc]);
        }
    }
}

/// Union of ascending lists, ascending without duplicates.
fn union<'a>(lists: impl IntoIterator<Item = &'a Vec<u32>>) -> Vec<u32> {
    let lists: Vec<&Vec<u32>> = lists.into_iter().collect();
    match lists.len() {
        0 => Vec::new(),
        1 => lists[0].clone(),
        _ => {
            let mut out: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
            out.sort_unstable();
            out.dedup();
            out
        }
    }
}

/// Intersection of two ascending lists.
pub(crate) fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(small.len());
    if small.len() * 16 < large.len() {
        for &x in small {
            if large.binary_search(&x).is_ok() {
                out.push(x);
            }
        }
    } else {
        let (mut i, mut j) = (0, 0);
        while i < small.len() && j < large.len() {
            match small[i].cmp(&large[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.push(small[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    out
}

/// True when theme `stored` (slug or free label) answers the folded prefix `p`: a prefix of
/// the folded slug or label, or of one of their words.
fn theme_matches(stored: &str, catalog: &ThemeCatalog, p: &str) -> bool {
    let mut texts = vec![fold_str(stored)];
    if let Some(t) = catalog.get(stored) {
        texts.push(fold_str(&t.label_fr));
        texts.push(fold_str(&t.label_en));
    }
    texts
        .iter()
        .any(|t| t.starts_with(p) || words_with_offsets(t).iter().any(|(_, w)| w.starts_with(p)))
}

/// True when `list` is strictly ascending with every doc below `docs`.
fn valid_list(list: &[u32], docs: usize) -> bool {
    list.windows(2).all(|w| w[0] < w[1]) && list.last().is_none_or(|&d| (d as usize) < docs)
}

impl Filters {
    /// Writes every filter list.
    pub fn write_to<W: std::io::Write>(&self, e: &mut Enc<W>) -> std::io::Result<()> {
        for map in [&self.themes, &self.cpv, &self.depts, &self.cities] {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            e.u64(keys.len() as u64)?;
            for k in keys {
                e.str(k)?;
                e.u32s(&map[k])?;
            }
        }
        for l in self.sizes.iter().chain([&self.ess, &self.siae]) {
            e.u32s(l)?;
        }
        Ok(())
    }

    /// Reads what [`Filters::write_to`] wrote; every list ascending, docs below `docs`.
    pub fn read_from<R: std::io::Read>(
        d: &mut Dec<R>,
        docs: usize,
    ) -> Result<Filters, SnapshotError> {
        let bad = || SnapshotError::Format("liste de filtre".into());
        let mut maps: Vec<FxMap<String, Vec<u32>>> = Vec::new();
        for _ in 0..4 {
            let n = d.count(u64::from(u32::MAX))?;
            let mut m = FxMap::default();
            for _ in 0..n {
                let k = d.str()?;
                let l = d.u32s(docs as u64)?;
                if !valid_list(&l, docs) {
                    return Err(bad());
                }
                m.insert(k, l);
            }
            maps.push(m);
        }
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for _ in 0..6 {
            let l = d.u32s(docs as u64)?;
            if !valid_list(&l, docs) {
                return Err(bad());
            }
            lists.push(l);
        }
        let mut lists = lists.into_iter();
        let mut maps = maps.into_iter();
        let mut next_map = || maps.next().unwrap_or_default();
        let mut next = || lists.next().unwrap_or_default();
        Ok(Filters {
            themes: next_map(),
            cpv: next_map(),
            depts: next_map(),
            cities: next_map(),
            sizes: [next(), next(), next(), next()],
            ess: next(),
            siae: next(),
        })
    }

    /// Records `doc`'s filter values.
    pub fn add(&mut self, doc: u32, s: &Supplier) {
        for t in &s.themes {
            add_to(&mut self.themes, t, doc);
        }
        for c in &s.cpv {
            add_to(&mut self.cpv, c.as_str(), doc);
        }
        // `dept:93` finds the suppliers based in 93 and those that worked there.
        for dept in s.all_departments().map(str::trim) {
            if dept.is_empty() {
                continue;
            }
            if dept.bytes().any(|b| b.is_ascii_lowercase()) {
                add_to(&mut self.depts, &dept.to_ascii_uppercase(), doc);
            } else {
                add_to(&mut self.depts, dept, doc);
            }
        }
        if let Some(size) = s.size {
            insert_sorted(&mut self.sizes[size_slot(size)], doc);
        }
        let city = s.city.trim();
        if !city.is_empty() {
            if city.is_ascii() && !city.bytes().any(|b| b.is_ascii_uppercase()) {
                add_to(&mut self.cities, city, doc);
            } else {
                add_to(&mut self.cities, &fold_str(city), doc);
            }
        }
        if s.ess {
            insert_sorted(&mut self.ess, doc);
        }
        if s.siae {
            insert_sorted(&mut self.siae, doc);
        }
    }

    /// Forgets every filter value of `doc` (scans every list: updates are rare, and the
    /// index keeps no per-supplier copy of the values).
    pub fn remove(&mut self, doc: u32) {
        let maps = [
            &mut self.themes,
            &mut self.cpv,
            &mut self.depts,
            &mut self.cities,
        ];
        for m in maps {
            for l in m.values_mut() {
                remove_sorted(l, doc);
            }
        }
        for l in &mut self.sizes {
            remove_sorted(l, doc);
        }
        remove_sorted(&mut self.ess, doc);
        remove_sorted(&mut self.siae, doc);
    }

    /// Docs passing every filter of `set` (ascending); None when `set` is empty. The
    /// values of one kind are alternatives (union), the kinds must all pass (intersection).
    pub fn matching(&self, set: &FilterSet, catalog: &ThemeCatalog) -> Option<Vec<u32>> {
        let mut sets: Vec<Vec<u32>> = set
            .groups()
            .map(|(kind, group)| self.docs_of(kind, group, catalog))
            .collect();
        sets.sort_by_key(Vec::len);
        let mut it = sets.into_iter();
        let mut acc = it.next()?;
        for s in it {
            if acc.is_empty() {
                break;
            }
            acc = intersect(&acc, &s);
        }
        Some(acc)
    }

    /// Docs passing any of `group`, the values of one `kind` (ascending).
    fn docs_of(&self, kind: FilterKind, group: &[Filter], catalog: &ThemeCatalog) -> Vec<u32> {
        // Keys of a map answering any of the group's values.
        fn keys_where<'a>(
            map: &'a FxMap<String, Vec<u32>>,
            group: &'a [Filter],
            accepts: impl Fn(&str, &Filter) -> bool + 'a,
        ) -> Vec<u32> {
            union(
                map.iter()
                    .filter_map(|(k, docs)| group.iter().any(|f| accepts(k, f)).then_some(docs)),
            )
        }
        match kind {
            FilterKind::Theme => keys_where(
                &self.themes,
                group,
                |stored, f| matches!(f, Filter::Theme(p) if theme_matches(stored, catalog, p)),
            ),
            FilterKind::Cpv => keys_where(
                &self.cpv,
                group,
                |code, f| matches!(f, Filter::Cpv(p) if code.starts_with(p.as_str())),
            ),
            FilterKind::City => keys_where(
                &self.cities,
                group,
                |city, f| matches!(f, Filter::City(p) if city.starts_with(p.as_str())),
            ),
            FilterKind::Dept => union(group.iter().filter_map(|f| match f {
                Filter::Dept(d) => self.depts.get(d),
                _ => None,
            })),
            FilterKind::Size => union(group.iter().filter_map(|f| match f {
                Filter::Size(s) => Some(&self.sizes[size_slot(*s)]),
                _ => None,
            })),
            FilterKind::Ess => self.ess.clone(),
            FilterKind::Siae => self.siae.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersections() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 5]), vec![3, 5]);
        let big: Vec<u32> = (0..1000).collect();
        assert_eq!(intersect(&[5, 999, 2000], &big), vec![5, 999]);
        assert_eq!(union([&vec![1, 4], &vec![2, 4]]), vec![1, 2, 4]);
    }

    #[test]
    fn sorted_insert_and_remove() {
        let mut l = vec![1, 5];
        insert_sorted(&mut l, 3);
        insert_sorted(&mut l, 9);
        insert_sorted(&mut l, 5);
        assert_eq!(l, vec![1, 3, 5, 9]);
        remove_sorted(&mut l, 3);
        assert_eq!(l, vec![1, 5, 9]);
    }
}
