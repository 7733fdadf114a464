//! The prepared directory ([`Matcher`]) saved to and read from a file, so start-up need not
//! fold, stem and count every supplier again.
//!
//! The file holds, after a header (format, the caller's stamp, a fingerprint of the CPV
//! catalog and one of the weights), the vocabulary's stems in id order and each entry
//! (id, names, CPV codes, folded themes, facts, contract count, terms), then the candidate
//! postings (rebuilding them costs more than reading them). Document frequencies and the
//! id map are not stored: reading recomputes them from the entries. The CPV index used to
//! infer codes is rebuilt from the catalog, beside the decoding.
//!
//! Every count, term number and code read is checked: a damaged file gives
//! [`SnapshotError::Format`], never a panic or a matcher that could panic later.

use super::{Entry, Matcher};
use crate::domain::{CpvCatalog, CpvCode, SizeCategory, ThemeCatalog};
use crate::matching::candidates::Postings;
use crate::matching::constraints::Facts;
use crate::matching::infer::CpvIndex;
use crate::matching::text::{DocTerms, Vocabulary};
use crate::matching::Weights;
use crate::search::codec::{Dec, Enc};
use crate::search::snapshot::catalog_fingerprint;
use crate::search::SnapshotError;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"SRCMAT\x00\x03";
/// Most suppliers a snapshot may hold.
const MAX_ENTRIES: u64 = 1 << 26;
/// Most items in one supplier's lists (codes, themes, départements, terms).
const MAX_LIST: u64 = 1 << 20;

/// FNV-1a over the weights' debug form: any change of a weight changes it.
fn weights_fingerprint(w: &Weights) -> u64 {
    format!("{w:?}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn size_code(s: Option<SizeCategory>) -> u32 {
    match s {
        None => 0,
        Some(SizeCategory::Tpe) => 1,
        Some(SizeCategory::Pme) => 2,
        Some(SizeCategory::Eti) => 3,
        Some(SizeCategory::Ge) => 4,
    }
}

fn size_of(c: u32) -> Result<Option<SizeCategory>, SnapshotError> {
    Ok(match c {
        0 => None,
        1 => Some(SizeCategory::Tpe),
        2 => Some(SizeCategory::Pme),
        3 => Some(SizeCategory::Eti),
        4 => Some(SizeCategory::Ge),
        _ => return Err(bad("taille d'entreprise")),
    })
}

fn bad(what: &str) -> SnapshotError {
    SnapshotError::Format(what.to_string())
}

fn strs<W: Write>(e: &mut Enc<W>, v: &[String]) -> std::io::Result<()> {
    e.u64(v.len() as u64)?;
    v.iter().try_for_each(|s| e.str(s))
}

fn read_strs<R: Read>(d: &mut Dec<R>) -> Result<Vec<String>, SnapshotError> {
    let n = d.count_of(MAX_LIST, 8)?;
    (0..n).map(|_| d.str()).collect()
}

impl Matcher {
    /// Writes the prepared directory to `w` with `stamp` (the caller's measure of the
    /// store's state; see [`crate::store::WriteStamp::key`]). `themes` and `cpv` are the
    /// catalogs it was prepared with.
    pub fn write_snapshot(
        &self,
        w: impl Write,
        stamp: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<(), SnapshotError> {
        let mut e = Enc::new(BufWriter::with_capacity(1 << 16, w));
        e.u64(u64::from_le_bytes(*MAGIC))?;
        e.u64(stamp)?;
        e.u64(catalog_fingerprint(themes, cpv))?;
        e.u64(weights_fingerprint(&self.weights))?;
        let stems = self.vocab.stems();
        e.u64(stems.len() as u64)?;
        for s in stems {
            e.str(s)?;
        }
        e.u64(self.entries.len() as u64)?;
        let mut flat: Vec<u32> = Vec::new();
        for x in &self.entries {
            e.u64(x.id)?;
            e.str(&x.name)?;
            e.str(&x.sort_name)?;
            e.u64(x.cpv.len() as u64)?;
            for c in &x.cpv {
                e.str(c.as_str())?;
            }
            strs(&mut e, &x.themes)?;
            e.str(&x.facts.department)?;
            strs(&mut e, &x.facts.other_departments)?;
            e.u32(
                size_code(x.facts.size)
                    | u32::from(x.facts.ess) << 4
                    | u32::from(x.facts.siae) << 5,
            )?;
            e.u32(x.contracts)?;
            e.u32(x.doc.len.to_bits())?;
            flat.clear();
            for &(t, f, n) in &x.doc.terms {
                flat.extend([t, f.to_bits(), n]);
            }
            e.u32s(&flat)?;
        }
        self.postings.write_to(&mut e)?;
        e.into_inner().flush()?;
        Ok(())
    }

    /// Writes the snapshot to `path` atomically (a temporary file renamed over it).
    pub fn save_snapshot(
        &self,
        path: &Path,
        stamp: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<(), SnapshotError> {
        let tmp = path.with_extension("tmp");
        {
            let f = std::fs::File::create(&tmp)?;
            self.write_snapshot(&f, stamp, themes, cpv)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        Ok(())
    }

    /// Reads a snapshot written with the same `stamp`, catalogs and default weights. `len`
    /// is the number of bytes `r` holds. Errors: [`SnapshotError::Stale`] for another
    /// stamp, catalog, weights or format; [`SnapshotError::Format`] for a damaged file;
    /// [`SnapshotError::Io`].
    pub fn read_snapshot(
        r: impl Read + Send,
        len: u64,
        stamp: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<Matcher, SnapshotError> {
        // The CPV index (about 90 ms) is built beside the decoding.
        let (cpv_index, m) = std::thread::scope(|scope| {
            let side = scope.spawn(|| CpvIndex::new(cpv));
            let m = Self::read_entries(r, len, stamp, themes, cpv);
            (side.join(), m)
        });
        let mut m = m?;
        m.cpv_index = cpv_index.map_err(|_| bad("index CPV"))?;
        Ok(m)
    }

    fn read_entries(
        r: impl Read,
        len: u64,
        stamp: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<Matcher, SnapshotError> {
        let weights = Weights::default();
        let mut d = Dec::new(BufReader::with_capacity(1 << 16, r), len);
        if d.u64()? != u64::from_le_bytes(*MAGIC)
            || d.u64()? != stamp
            || d.u64()? != catalog_fingerprint(themes, cpv)
            || d.u64()? != weights_fingerprint(&weights)
        {
            return Err(SnapshotError::Stale);
        }
        let n_stems = d.count_of(MAX_ENTRIES * 64, 8)?;
        let mut stems = Vec::with_capacity(n_stems);
        for _ in 0..n_stems {
            stems.push(d.str()?);
        }
        let vocab = Vocabulary::from_stems(stems).ok_or_else(|| bad("racines en double"))?;
        let words = vocab.len() as u64;
        let n = d.count_of(MAX_ENTRIES, 8)?;
        let mut m = Matcher {
            weights,
            vocab,
            ..Default::default()
        };
        m.entries.reserve_exact(n);
        m.by_id.reserve(n);
        for _ in 0..n {
            let id = d.u64()?;
            let name = d.str()?;
            let sort_name = d.str()?;
            let k = d.count_of(MAX_LIST, 8)?;
            let mut codes = Vec::with_capacity(k);
            for _ in 0..k {
                codes.push(CpvCode::parse(&d.str()?).map_err(|_| bad("code CPV"))?);
            }
            let themes = read_strs(&mut d)?;
            let department = d.str()?;
            let other_departments = read_strs(&mut d)?;
            let flags = d.u32()?;
            if flags >> 6 != 0 {
                return Err(bad("drapeaux"));
            }
            let contracts = d.u32()?;
            let doc_len = f32::from_bits(d.u32()?);
            let flat = d.u32s(MAX_LIST * 3)?;
            if flat.len() % 3 != 0 {
                return Err(bad("termes d'un fournisseur"));
            }
            let terms: Vec<(u32, f32, u32)> = flat
                .chunks_exact(3)
                .map(|c| (c[0], f32::from_bits(c[1]), c[2]))
                .collect();
            let sorted = terms.windows(2).all(|w| w[0].0 < w[1].0);
            if !sorted || terms.last().is_some_and(|t| u64::from(t.0) >= words) {
                return Err(bad("termes d'un fournisseur"));
            }
            if !doc_len.is_finite() || terms.iter().any(|t| !t.1.is_finite()) {
                return Err(bad("poids d'un fournisseur"));
            }
            let entry = Entry {
                id,
                name,
                sort_name,
                cpv: codes,
                themes,
                facts: Facts {
                    department,
                    other_departments,
                    size: size_of(flags & 0xf)?,
                    ess: flags & 0x10 != 0,
                    siae: flags & 0x20 != 0,
                },
                contracts,
                doc: DocTerms {
                    terms,
                    len: doc_len,
                },
            };
            let i = m.entries.len();
            if id != 0 && m.by_id.insert(id, i).is_some() {
                return Err(bad("fournisseur en double"));
            }
            m.vocab.add_doc(&entry.doc);
            m.entries.push(entry);
        }
        m.postings = Postings::read_from(&mut d, n, m.vocab.len())?;
        Ok(m)
    }

    /// Reads the snapshot at `path` (see [`Matcher::read_snapshot`]).
    pub fn load_snapshot(
        path: &Path,
        stamp: u64,
        themes: &ThemeCatalog,
        cpv: &CpvCatalog,
    ) -> Result<Matcher, SnapshotError> {
        let f = std::fs::File::open(path)?;
        let len = f.metadata()?.len();
        Self::read_snapshot(f, len, stamp, themes, cpv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Need, Supplier};

    fn dir() -> Vec<Supplier> {
        (1..=200u64)
            .map(|i| Supplier {
                id: i,
                name: format!("Entreprise {} Isolation", ["Alpha", "Bêta"][i as usize % 2]),
                department: format!("{}", 90 + i % 5),
                cpv: vec![
                    CpvCode::parse(if i % 3 == 0 { "45321000" } else { "85323000" }).unwrap(),
                ],
                description: format!("Calorifugeage et rénovation énergétique lot {i}"),
                ess: i % 7 == 0,
                contract_count: Some((i % 4) as u32),
                ..Default::default()
            })
            .collect()
    }

    fn need() -> Need {
        Need {
            title: "Isolation thermique des combles".into(),
            cpv: vec![CpvCode::parse("45321000").unwrap()],
            ..Default::default()
        }
    }

    fn bytes(m: &Matcher, stamp: u64) -> Vec<u8> {
        let mut b = Vec::new();
        m.write_snapshot(
            &mut b,
            stamp,
            &ThemeCatalog::default(),
            &CpvCatalog::default(),
        )
        .unwrap();
        b
    }

    fn read(b: &[u8], stamp: u64) -> Result<Matcher, SnapshotError> {
        let (t, c) = (ThemeCatalog::default(), CpvCatalog::default());
        Matcher::read_snapshot(b, b.len() as u64, stamp, &t, &c)
    }

    #[test]
    fn round_trip_ranks_the_same() {
        let cpv = CpvCatalog::default();
        let m = Matcher::new(&dir(), &cpv);
        let back = read(&bytes(&m, 9), 9).unwrap();
        let themes = ThemeCatalog::default();
        assert_eq!(back.len(), m.len());
        assert_eq!(
            back.rank(&need(), 0, &themes, 20),
            m.rank(&need(), 0, &themes, 20)
        );
        let words = Need {
            title: "calorifugeage".into(),
            ..Default::default()
        };
        assert_eq!(
            back.rank(&words, 0, &themes, 5),
            m.rank(&words, 0, &themes, 5)
        );
        // Still updatable.
        let mut back = back;
        back.upsert(
            &Supplier {
                id: 500,
                name: "Zêta Calorifugeage".into(),
                ..Default::default()
            },
            &cpv,
        );
        assert!(back
            .rank(&words, 0, &themes, 300)
            .iter()
            .any(|x| x.supplier == 500));
    }

    #[test]
    fn other_stamp_is_stale_and_damage_is_an_error() {
        let m = Matcher::new(&dir(), &CpvCatalog::default());
        let b = bytes(&m, 3);
        assert!(matches!(read(&b, 4), Err(SnapshotError::Stale)));
        for cut in (32..b.len()).step_by(b.len() / 200 + 1) {
            assert!(read(&b[..cut], 3).is_err(), "cut at {cut}");
        }
        let need = need();
        for pos in (32..b.len()).step_by(b.len() / 400 + 1) {
            let mut x = b.clone();
            x[pos] ^= 0x5a;
            // Never a panic, now or when ranking.
            if let Ok(m) = read(&x, 3) {
                let _ = m.rank(&need, 0, &ThemeCatalog::default(), 10);
            }
        }
    }
}
