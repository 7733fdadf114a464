//! A compact snapshot of the search index, so start-up need not re-read and re-index every
//! supplier (issue 4: "a compact snapshot of the search index, kept consistent with the
//! store").
//!
//! The file holds the built index (dictionary, postings, forward lists, names, order,
//! filter lists) in a little-endian binary form. Its header carries a format version, a
//! caller-given `stamp` and a fingerprint of the theme and CPV catalogs: a snapshot is used
//! only when all three match, else [`SnapshotError::Stale`] tells the caller to rebuild
//! from the store (and write a new snapshot). The stamp is the caller's measure of the
//! store's state: it must change whenever a supplier is written.
//!
//! Every count and every doc or word number read is checked, so a damaged file gives
//! [`SnapshotError::Format`], never a panic; the caller then rebuilds.

use super::codec::{Dec, Enc, SnapshotError};
use super::dict::{Dictionary, FxHasher, FxMap};
use super::filters::Filters;
use super::index::{SearchIndex, MAX_SUPPLIERS};
use crate::domain::{CpvCatalog, ThemeCatalog};
use std::hash::Hasher;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"SRCIDX\x00\x01";

/// A fingerprint of the catalogs whose labels the index holds (theme and CPV labels).
pub fn catalog_fingerprint(themes: &ThemeCatalog, cpv: &CpvCatalog) -> u64 {
    let mut h = FxHasher::default();
    for t in &themes.themes {
        h.write(t.slug.as_bytes());
        h.write(&[0]);
        h.write(t.label_fr.as_bytes());
        h.write(&[0]);
        h.write(t.label_en.as_bytes());
        h.write(&[1]);
    }
    // The CPV catalog iterates in no fixed order: combine per-code hashes commutatively.
    let mut sum = 0u64;
    for (code, fr, _) in cpv.iter() {
        let mut c = FxHasher::default();
        c.write(code.as_bytes());
        c.write(&[0]);
        c.write(fr.as_bytes());
        sum = sum.wrapping_add(c.finish() | 1);
    }
    h.write(&sum.to_le_bytes());
    h.write(&(cpv.len() as u64).to_le_bytes());
    h.finish()
}

impl SearchIndex {
    /// Writes the index to `w` with `stamp` (the caller's measure of the store's state).
    pub fn write_snapshot(&self, w: impl Write, stamp: u64) -> Result<(), SnapshotError> {
        let mut e = Enc::new(BufWriter::with_capacity(1 << 16, w));
        e.u64(u64::from_le_bytes(*MAGIC))?;
        e.u64(stamp)?;
        e.u64(catalog_fingerprint(&self.themes, &self.cpv_catalog))?;
        let n = self.ids.len();
        e.u64(n as u64)?;
        self.dict.write_to(&mut e)?;
        e.u64s(&self.ids)?;
        for name in &self.names {
            e.str(name)?;
        }
        let lens: Vec<u32> = self.fwd_range.iter().map(|&(a, b)| b - a).collect();
        e.u32s(&lens)?;
        let total: u64 = lens.iter().map(|&l| u64::from(l)).sum();
        e.u64(total)?;
        for &(a, b) in &self.fwd_range {
            for &x in &self.fwd[a as usize..b as usize] {
                e.u32(x)?;
            }
        }
        e.u32s(&self.by_name)?;
        e.u64(self.initials.len() as u64)?;
        for l in &self.initials {
            e.u32s(l)?;
        }
        self.filters.write_to(&mut e)?;
        e.into_inner().flush()?;
        Ok(())
    }

    /// Writes the snapshot to `path` atomically (a temporary file renamed over it).
    pub fn save_snapshot(&self, path: &Path, stamp: u64) -> Result<(), SnapshotError> {
        let tmp = path.with_extension("tmp");
        {
            let f = std::fs::File::create(&tmp)?;
            self.write_snapshot(&f, stamp)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        Ok(())
    }

    /// Reads a snapshot written with the same `stamp` and catalogs. `len` is the number of
    /// bytes `r` holds (counts claiming more are refused). Errors: [`SnapshotError::Stale`]
    /// for another stamp, other catalogs or an older format; [`SnapshotError::Format`] for a
    /// damaged file; [`SnapshotError::Io`].
    pub fn read_snapshot(
        r: impl Read,
        len: u64,
        stamp: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<SearchIndex, SnapshotError> {
        let bad = |m: &str| SnapshotError::Format(m.to_string());
        let mut d = Dec::new(BufReader::with_capacity(1 << 16, r), len);
        if d.u64()? != u64::from_le_bytes(*MAGIC) {
            return Err(SnapshotError::Stale);
        }
        if d.u64()? != stamp || d.u64()? != catalog_fingerprint(themes, cpv) {
            return Err(SnapshotError::Stale);
        }
        let n = d.count(MAX_SUPPLIERS as u64)?;
        let dict = Dictionary::read_from(&mut d, n)?;
        let words = dict.len() as u32;
        let ids = d.u64s(n as u64)?;
        if ids.len() != n {
            return Err(bad("identifiants"));
        }
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(d.str()?.into_boxed_str());
        }
        let lens = d.u32s(n as u64)?;
        if lens.len() != n {
            return Err(bad("listes par fournisseur"));
        }
        let total = d.u64()?;
        if total != lens.iter().map(|&l| u64::from(l)).sum::<u64>() || total > u64::from(u32::MAX) {
            return Err(bad("listes par fournisseur"));
        }
        let mut fwd = Vec::with_capacity(total as usize);
        let mut fwd_range = Vec::with_capacity(n);
        for &l in &lens {
            let start = fwd.len() as u32;
            for _ in 0..l {
                let e = d.u32()?;
                if e >> 3 >= words {
                    return Err(bad("mot inconnu"));
                }
                fwd.push(e);
            }
            fwd_range.push((start, fwd.len() as u32));
        }
        let by_name = d.u32s(n as u64)?;
        let mut rank = vec![u32::MAX; n];
        for (pos, &doc) in by_name.iter().enumerate() {
            match rank.get_mut(doc as usize) {
                Some(r) if *r == u32::MAX => *r = pos as u32,
                _ => return Err(bad("ordre des noms")),
            }
        }
        if by_name.len() != n {
            return Err(bad("ordre des noms"));
        }
        let k = d.count(64)?;
        if k != 0 && k != 36 {
            return Err(bad("initiales"));
        }
        let mut initials = Vec::with_capacity(k);
        for _ in 0..k {
            let l = d.u32s((n as u64) << 3)?;
            if !l.windows(2).all(|w| w[0] >> 3 < w[1] >> 3)
                || l.last().is_some_and(|&e| (e >> 3) as usize >= n)
            {
                return Err(bad("initiales"));
            }
            initials.push(l);
        }
        let filters = Filters::read_from(&mut d, n)?;
        let mut by_id = FxMap::default();
        by_id.reserve(n);
        for (doc, &id) in ids.iter().enumerate() {
            by_id.insert(id, doc as u32);
        }
        let mut idx = SearchIndex::new(themes, cpv);
        idx.dict = dict;
        idx.filters = filters;
        idx.ids = ids;
        idx.names = names;
        idx.by_id = by_id;
        idx.fwd = fwd;
        idx.fwd_range = fwd_range;
        idx.by_name = by_name;
        idx.rank = rank;
        idx.initials = initials;
        Ok(idx)
    }

    /// Reads the snapshot at `path` (see [`SearchIndex::read_snapshot`]).
    pub fn load_snapshot(
        path: &Path,
        stamp: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<SearchIndex, SnapshotError> {
        let f = std::fs::File::open(path)?;
        let len = f.metadata()?.len();
        Self::read_snapshot(f, len, stamp, themes, cpv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CpvCode, Supplier};
    use crate::search::Query;

    fn dir() -> Vec<Supplier> {
        (1..=300u64)
            .map(|i| Supplier {
                id: i * 3,
                name: format!(
                    "Société {} Énergie {}",
                    ["Alpha", "Bêta", "Gamma"][i as usize % 3],
                    i
                ),
                department: format!("{}", 90 + i % 5),
                city: ["Montreuil", "Saint-Denis"][i as usize % 2].into(),
                cpv: vec![
                    CpvCode::parse(if i % 2 == 0 { "45321000" } else { "85323000" }).unwrap(),
                ],
                ess: i % 7 == 0,
                description: format!("Rénovation lot {i}"),
                ..Default::default()
            })
            .collect()
    }

    fn cpv() -> CpvCatalog {
        let mut c = CpvCatalog::default();
        c.insert(
            &CpvCode::parse("45321000").unwrap(),
            "Travaux d'isolation thermique".into(),
            String::new(),
        );
        c
    }

    #[test]
    fn round_trip_answers_the_same() {
        let themes = ThemeCatalog::default();
        let idx = SearchIndex::build(&dir(), &themes, &cpv());
        let mut bytes = Vec::new();
        idx.write_snapshot(&mut bytes, 42).unwrap();
        let back =
            SearchIndex::read_snapshot(bytes.as_slice(), bytes.len() as u64, 42, &themes, &cpv())
                .unwrap();
        assert_eq!(back.len(), idx.len());
        for q in [
            "",
            "energie",
            "beta",
            "isolation",
            "dept:93",
            "ess",
            "city:saint",
            "cpv:45",
            "e",
            "renovation 17",
            "alfa",
        ] {
            let q = Query::parse(q);
            assert_eq!(back.search_page(&q, 20), idx.search_page(&q, 20), "{q:?}");
        }
        // Still updatable.
        let mut back = back;
        back.upsert(&Supplier {
            id: 1,
            name: "Zêta Isolation".into(),
            ..Default::default()
        });
        assert_eq!(back.search(&Query::parse("zeta"), 5)[0].id, 1);
    }

    #[test]
    fn other_stamp_or_catalog_is_stale() {
        let themes = ThemeCatalog::default();
        let idx = SearchIndex::build(&dir(), &themes, &cpv());
        let mut bytes = Vec::new();
        idx.write_snapshot(&mut bytes, 42).unwrap();
        let len = bytes.len() as u64;
        assert!(matches!(
            SearchIndex::read_snapshot(bytes.as_slice(), len, 43, &themes, &cpv()),
            Err(SnapshotError::Stale)
        ));
        assert!(matches!(
            SearchIndex::read_snapshot(bytes.as_slice(), len, 42, &themes, &CpvCatalog::default()),
            Err(SnapshotError::Stale)
        ));
    }

    #[test]
    fn damaged_file_is_an_error_not_a_panic() {
        let themes = ThemeCatalog::default();
        let idx = SearchIndex::build(&dir(), &themes, &cpv());
        let mut bytes = Vec::new();
        idx.write_snapshot(&mut bytes, 7).unwrap();
        // Truncated anywhere, or a byte changed anywhere after the header: never a panic,
        // and never a snapshot that answers differently without an error... except for a
        // changed byte inside a name or word text, which is still a valid index.
        for cut in (24..bytes.len()).step_by(bytes.len() / 300 + 1) {
            assert!(
                SearchIndex::read_snapshot(&bytes[..cut], cut as u64, 7, &themes, &cpv()).is_err()
            );
        }
        for pos in (8..bytes.len()).step_by(bytes.len() / 600 + 1) {
            let mut b = bytes.clone();
            b[pos] ^= 0x5a;
            let _ = SearchIndex::read_snapshot(b.as_slice(), b.len() as u64, 7, &themes, &cpv())
                .map(|i| i.search(&Query::parse("energie e"), 10));
        }
    }

    #[test]
    fn save_and_load_a_file() {
        let themes = ThemeCatalog::default();
        let idx = SearchIndex::build(&dir(), &themes, &cpv());
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("index.snapshot");
        idx.save_snapshot(&p, 1).unwrap();
        let back = SearchIndex::load_snapshot(&p, 1, &themes, &cpv()).unwrap();
        assert_eq!(
            back.search(&Query::parse("gamma"), 3),
            idx.search(&Query::parse("gamma"), 3)
        );
        assert!(SearchIndex::load_snapshot(&d.path().join("absent"), 1, &themes, &cpv()).is_err());
    }
}
