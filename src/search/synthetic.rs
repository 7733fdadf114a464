//! Deterministic synthetic directories for benchmarks (issue 4): suppliers recombined from
//! real vocabulary (names of real French suppliers, CPV 2008 labels, NAF rév. 2 labels,
//! communes and real contract objects), read from `fixtures/vocab/` (see its SOURCES.md).
//!
//! Supplier `i` of a directory depends only on the seed and `i`, so directories of any
//! size are generated as a stream (no need to hold them) and are identical from run to run.
//! Used by `benches/search.rs` and `examples/gen_directory.rs`; not part of the product.

use crate::domain::supplier::department_from_postcode;
use crate::domain::{
    CpvCatalog, CpvCode, Siren, Siret, SizeCategory, SourceRef, Supplier, ThemeCatalog,
};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Header of the bundled supplier CSV format (multi-valued cells are `|`-separated).
pub const CSV_HEADER: &str = "siret,siren,raison_sociale,taille,effectif,chiffre_affaires_eur,date_creation,code_postal,commune,departement,ess,siae,ea_esat,thematiques,cpv,mots_cles,naf,description,references,site_web,courriel,provenance";

/// Real vocabulary to recombine.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Names of real suppliers (legal entities).
    pub names: Vec<String>,
    /// Objects of real public contracts.
    pub objects: Vec<String>,
    /// (postcode, commune, département).
    pub communes: Vec<(String, String, String)>,
    /// CPV codes used in real awards, with their French label.
    pub cpv: Vec<(CpvCode, String)>,
    /// NAF rév. 2 sub-classes (code, label).
    pub naf: Vec<(String, String)>,
}

/// Errors reading the vocabulary.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// A CSV file is malformed.
    Csv {
        /// The file.
        path: PathBuf,
        /// What is wrong (the CSV parser's message).
        message: String,
    },
    /// A vocabulary file of the folder is missing or empty.
    Incomplete {
        /// The folder.
        path: PathBuf,
    },
}

fn read_lines(path: &Path) -> Result<Vec<String>, VocabError> {
    let text = std::fs::read_to_string(path).map_err(|source| VocabError::Io {
        path: path.into(),
        source,
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect())
}

fn read_csv(path: &Path, cols: usize) -> Result<Vec<Vec<String>>, VocabError> {
    let err = |message: String| VocabError::Csv {
        path: path.into(),
        message,
    };
    let mut r = csv::Reader::from_path(path).map_err(|e| err(e.to_string()))?;
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| err(e.to_string()))?;
        if rec.len() < cols {
            return Err(err(format!("{} colonnes attendues", cols)));
        }
        out.push(rec.iter().take(cols).map(String::from).collect());
    }
    Ok(out)
}

impl Vocabulary {
    /// Reads `names.txt`, `objects.txt`, `communes.csv`, `cpv.csv` and `naf.csv` from `dir`.
    pub fn load(dir: &Path) -> Result<Self, VocabError> {
        let mut v = Vocabulary {
            names: read_lines(&dir.join("names.txt"))?,
            objects: read_lines(&dir.join("objects.txt"))?,
            ..Default::default()
        };
        for r in read_csv(&dir.join("communes.csv"), 3)? {
            v.communes.push((r[0].clone(), r[1].clone(), r[2].clone()));
        }
        for r in read_csv(&dir.join("cpv.csv"), 2)? {
            if let Ok(c) = CpvCode::parse(&r[0]) {
                v.cpv.push((c, r[1].clone()));
            }
        }
        for r in read_csv(&dir.join("naf.csv"), 2)? {
            v.naf.push((r[0].clone(), r[1].clone()));
        }
        if v.names.is_empty()
            || v.objects.is_empty()
            || v.communes.is_empty()
            || v.cpv.is_empty()
            || v.naf.is_empty()
        {
            return Err(VocabError::Incomplete { path: dir.into() });
        }
        Ok(v)
    }

    /// The vocabulary bundled in the repository (`fixtures/vocab/`).
    pub fn bundled() -> Result<Self, VocabError> {
        Self::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/vocab"))
    }

    /// The CPV catalog of the product (the embedded official labels, French and English).
    pub fn cpv_catalog(&self) -> CpvCatalog {
        crate::io::embedded::cpv_catalog().clone()
    }
}

/// The forum's themes as the product ships them (the embedded theme table, CPV and NAF
/// prefixes per theme).
pub fn themes() -> ThemeCatalog {
    crate::io::embedded::theme_catalog().clone()
}

/// splitmix64: a tiny, good-enough deterministic generator.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, i: u64) -> Self {
        let mut r = Rng(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 1000 < percent * 10
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// Luhn check digit making `digits` + it valid.
fn luhn_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Generates synthetic suppliers from a vocabulary.
#[derive(Debug, Clone)]
pub struct Generator {
    vocab: Vocabulary,
    themes: ThemeCatalog,
    seed: u64,
}

impl Generator {
    /// A generator over `vocab` with the default seed.
    pub fn new(vocab: Vocabulary) -> Self {
        Generator {
            vocab,
            themes: themes(),
            seed: 0x5EED_2019,
        }
    }

    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The theme catalog suppliers are classified with.
    pub fn themes(&self) -> &ThemeCatalog {
        &self.themes
    }

    /// Supplier number `i` (id `i + 1`).
    pub fn supplier(&self, i: u64) -> Supplier {
        let v = &self.vocab;
        let mut r = Rng::new(self.seed, i);
        // Name: the first half of a real name + the second half of another.
        let a: Vec<&str> = r.pick(&v.names).split_whitespace().collect();
        let b: Vec<&str> = r.pick(&v.names).split_whitespace().collect();
        let mut parts: Vec<&str> = a[..a.len().div_ceil(2)].to_vec();
        let tail = &b[b.len() / 2..];
        for w in tail {
            if !parts.contains(w) {
                parts.push(w);
            }
        }
        let name = parts.join(" ");
        // SIREN from i (unique), SIRET = SIREN + NIC, both Luhn-valid.
        let siren8 = format!("{:08}", 10_000_000 + i % 89_999_999);
        let siren = format!("{siren8}{}", luhn_digit(&siren8));
        let nic4 = format!("{:04}", 1 + r.below(30));
        let siret13 = format!("{siren}{nic4}");
        let siret = format!("{siret13}{}", luhn_digit(&siret13));
        let size = match r.below(100) {
            0..=54 => SizeCategory::Tpe,
            55..=89 => SizeCategory::Pme,
            90..=96 => SizeCategory::Eti,
            _ => SizeCategory::Ge,
        };
        let headcount = match size {
            SizeCategory::Tpe => r.below(10),
            SizeCategory::Pme => 10 + r.below(240),
            SizeCategory::Eti => 250 + r.below(4750),
            SizeCategory::Ge => 5000 + r.below(20000),
        } as u32;
        let turnover = f64::from(headcount.max(1)) * (60_000.0 + r.below(140_000) as f64);
        let created = jiff::civil::Date::new(
            1950 + r.below(74) as i16,
            1 + r.below(12) as i8,
            1 + r.below(28) as i8,
        )
        .ok();
        let (postcode, city, dept) = r.pick(&v.communes).clone();
        let mut cpv: Vec<CpvCode> = (0..1 + r.below(2))
            .map(|_| r.pick(&v.cpv).0.clone())
            .collect();
        cpv.sort();
        cpv.dedup();
        let (naf, naf_label) = r.pick(&v.naf).clone();
        let keywords = if r.chance(60) {
            vec![naf_label]
        } else {
            Vec::new()
        };
        let themes = self
            .themes
            .classify(cpv.iter().map(|c| c.as_str()), Some(&naf));
        let description = r.pick(&v.objects).clone();
        let department = department_from_postcode(&postcode).unwrap_or(dept);
        Supplier {
            id: i + 1,
            name,
            siret: Siret::parse(&siret).ok(),
            siren: Siren::parse(&siren).ok(),
            size: Some(size),
            headcount: Some(headcount),
            turnover_eur: Some(turnover.round()),
            created_on: created,
            departments: vec![department.clone()],
            department,
            contract_count: None,
            postcode,
            city,
            ess: r.chance(6),
            siae: r.chance(4),
            adapted: r.chance(1),
            themes,
            cpv,
            keywords,
            naf: Some(naf),
            description,
            references: Vec::new(),
            website: String::new(),
            email: String::new(),
            source: SourceRef {
                file: "gen_directory".into(),
                line: i + 2,
            },
        }
    }

    /// Suppliers `0..n`, generated one at a time.
    pub fn iter(&self, n: u64) -> impl Iterator<Item = Supplier> + '_ {
        (0..n).map(move |i| self.supplier(i))
    }

    /// Owned version of [`Generator::iter`] (for a loader thread).
    pub fn into_stream(self, n: u64) -> impl ExactSizeIterator<Item = Supplier> + Send {
        (0..n as usize).map(move |i| self.supplier(i as u64))
    }

    /// The searchable text of a supplier as one line (name, keywords, CPV labels, theme
    /// labels, commune, description): what a brute-force matcher scans.
    pub fn search_text(&self, s: &Supplier, cpv: &CpvCatalog) -> String {
        let mut t = s.name.clone();
        for k in &s.keywords {
            t.push(' ');
            t.push_str(k);
        }
        for c in &s.cpv {
            if let Some(l) = cpv.label(c, crate::i18n::Lang::Fr) {
                t.push(' ');
                t.push_str(l);
            }
        }
        for th in &s.themes {
            t.push(' ');
            t.push_str(self.themes.label(th, crate::i18n::Lang::Fr));
        }
        t.push(' ');
        t.push_str(&s.city);
        t.push(' ');
        t.push_str(&s.description);
        t
    }

    /// Writes suppliers `0..n` as CSV in the bundled format ([`CSV_HEADER`]).
    pub fn write_csv(&self, n: u64, out: impl Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(CSV_HEADER.split(','))?;
        let yes = |b: bool| if b { "oui" } else { "non" };
        for s in self.iter(n) {
            let cpv: Vec<&str> = s.cpv.iter().map(|c| c.as_str()).collect();
            w.write_record([
                s.siret
                    .as_ref()
                    .map(|x| x.to_string())
                    .unwrap_or_default()
                    .as_str(),
                s.siren
                    .as_ref()
                    .map(|x| x.to_string())
                    .unwrap_or_default()
                    .as_str(),
                &s.name,
                s.size.map(|x| x.code()).unwrap_or(""),
                &s.headcount.map(|x| x.to_string()).unwrap_or_default(),
                &s.turnover_eur
                    .map(|x| format!("{x:.0}"))
                    .unwrap_or_default(),
                &s.created_on.map(|d| d.to_string()).unwrap_or_default(),
                &s.postcode,
                &s.city,
                &s.department,
                yes(s.ess),
                yes(s.siae),
                yes(s.adapted),
                &s.themes.join("|"),
                &cpv.join("|"),
                &s.keywords.join("|"),
                s.naf.as_deref().unwrap_or(""),
                &s.description,
                "",
                &s.website,
                &s.email,
                &format!("{}:{}", s.source.file, s.source.line),
            ])?;
        }
        w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_valid() {
        let g = Generator::new(Vocabulary::bundled().unwrap());
        let a: Vec<Supplier> = g.iter(200).collect();
        let b: Vec<Supplier> = g.iter(200).collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|s| s.siret.is_some() && !s.name.is_empty()));
        assert!(a
            .iter()
            .all(|s| !s.cpv.is_empty() && !s.department.is_empty()));
        // Different suppliers differ.
        assert_ne!(a[0].name, a[1].name);
        let mut sirets: Vec<_> = a.iter().map(|s| s.siret.clone()).collect();
        sirets.sort_by_key(|s| s.as_ref().map(|x| x.to_string()));
        sirets.dedup();
        assert_eq!(sirets.len(), 200);
        // Themes come from CPV/NAF.
        assert!(a.iter().any(|s| !s.themes.is_empty()));
    }

    #[test]
    fn csv_has_the_bundled_header() {
        let g = Generator::new(Vocabulary::bundled().unwrap());
        let mut out = Vec::new();
        g.write_csv(3, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>().join(","),
            CSV_HEADER
        );
        assert_eq!(r.records().count(), 3);
    }

    #[test]
    fn luhn() {
        assert_eq!(luhn_digit("73282932"), 0); // SIREN 732829320
        assert!(Siren::parse(&format!("10000007{}", luhn_digit("10000007"))).is_ok());
    }
}
