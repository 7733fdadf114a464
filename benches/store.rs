//! Store benchmark (issue 4): durable outcome writes and whole-file supplier imports.
//!
//! Run with `cargo bench --bench store`. Prints:
//! `write outcome_p50_ms=… outcome_p99_ms=… outcome_max_ms=… n=1000 suppliers=14000 meetings=… durability=…`
//! once with `Durability::Fsync` (the default: fdatasync after sled's flush) and once with
//! `Durability::Flush` (sled's flush alone: survives kill -9, not a power cut)
//! `import file=fixtures/suppliers.csv created=… ms=… mean_value_bytes=…` (real directory)
//! `upsert n=100000 created=… ms=… per_supplier_us=… rss_peak_mb=…` (generated suppliers)
//! `upsert_abort n=… ms=… all_or_nothing=ok`
//! `fsync_floor p50_ms=… p99_ms=…` (the disk's own cost of one durable append, measured
//! before and after the outcome writes, since a shared machine's load moves it)
//! The store lives in a temporary directory on the same disk as `TMPDIR`.

use jiff::civil::date;
use sourcing::domain::{
    ContractReference, CpvCode, Meeting, NextStep, Outcome, Siret, SizeCategory, SourceRef,
    Supplier,
};
use sourcing::store::{Durability, SledStore, Store};
use std::time::{Duration, Instant};

/// Deterministic generator (64-bit LCG), so runs compare.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }
}

const WORDS: &[&str] = &[
    "rénovation",
    "énergétique",
    "isolation",
    "thermique",
    "chauffage",
    "ventilation",
    "maintenance",
    "téléassistance",
    "logiciel",
    "scolaire",
    "sécurité",
    "incendie",
    "nettoyage",
    "mobilier",
    "urbain",
    "photovoltaïque",
    "travaux",
    "voirie",
    "électricité",
    "plomberie",
    "menuiserie",
    "restauration",
    "collective",
    "transport",
    "formation",
];
const CITIES: &[(&str, &str)] = &[
    ("93100", "Montreuil"),
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("13001", "Marseille"),
    ("92000", "Nanterre"),
    ("59000", "Lille"),
    ("33000", "Bordeaux"),
    ("94200", "Ivry-sur-Seine"),
];

/// A Luhn-valid SIRET from a number (13 digits + check digit).
fn siret(n: u64) -> Siret {
    let body = format!("{:013}", n % 10_000_000_000_000);
    for d in 0..10 {
        if let Ok(s) = Siret::parse(&format!("{body}{d}")) {
            return s;
        }
    }
    unreachable!("one check digit in ten is valid")
}

/// A supplier of realistic size (~0.8 KB of JSON: name, CPV codes, keywords, 3 references).
fn supplier(rng: &mut Rng, i: u64) -> Supplier {
    let (postcode, city) = CITIES[(rng.next() as usize) % CITIES.len()];
    let sentence = |rng: &mut Rng, n: usize| {
        (0..n)
            .map(|_| rng.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    };
    Supplier {
        id: 0,
        name: format!("{} {} SAS {i}", rng.pick(WORDS), rng.pick(WORDS)).to_uppercase(),
        siret: Some(siret(10_000_000 + i * 7919)),
        siren: None,
        size: Some(SizeCategory::ALL[(rng.next() % 4) as usize]),
        postcode: postcode.into(),
        city: city.into(),
        department: postcode[..2].into(),
        ess: rng.next() % 10 == 0,
        cpv: (0..3)
            .map(|_| CpvCode::parse(&format!("{:08}", 45_000_000 + rng.next() % 400_000)).unwrap())
            .collect(),
        keywords: (0..4).map(|_| sentence(rng, 2)).collect(),
        description: sentence(rng, 12),
        references: (0..3)
            .map(|_| ContractReference {
                buyer: "Région Île-de-France".into(),
                object: sentence(rng, 10),
                year: Some(2019),
                amount_eur: Some((rng.next() % 1_000_000) as f64),
            })
            .collect(),
        source: SourceRef {
            file: "bench.csv".into(),
            line: i + 2,
        },
        ..Default::default()
    }
}

fn suppliers(n: u64, seed: u64) -> Vec<Supplier> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| supplier(&mut rng, i + seed * 1_000_000))
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn rss_peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn bench_outcomes(mode: Durability) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = SledStore::open(dir.path()).expect("store");
    store.set_durability(mode);
    let mode_name = match mode {
        Durability::Fsync => "fsync",
        Durability::Flush => "flush",
    };
    // The real directory (fixtures/suppliers.csv, ~14,600 firms) through the importer.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
    let t = Instant::now();
    let report = sourcing::io::import::import_path(
        &store,
        &fixture,
        &sourcing::io::import::ImportOptions::default(),
        "bench",
    )
    .expect("import of fixtures/suppliers.csv");
    let ids = report.ids.clone();
    let bytes = store
        .suppliers()
        .map(|all| {
            all.iter()
                .map(|s| serde_json::to_vec(s).map_or(0, |v| v.len()))
                .sum::<usize>()
                / all.len().max(1)
        })
        .unwrap_or(0);
    println!(
        "import file=fixtures/suppliers.csv created={} ms={:.0} mean_value_bytes={bytes} durability={mode_name}",
        report.created,
        ms(t.elapsed()),
    );
    // A few hundred meetings: 2 days × 20 slots × 8 tables.
    let mut meetings = Vec::new();
    for (d, day) in [date(2026, 12, 3), date(2026, 12, 4)]
        .into_iter()
        .enumerate()
    {
        for slot in 0..20u32 {
            for table in 0..8usize {
                let k = d * 160 + slot as usize * 8 + table;
                let m = store
                    .plan_meeting(
                        Meeting {
                            supplier: ids[k * 37 % ids.len()],
                            buyers: vec![format!("acheteur{table}")],
                            day,
                            slot,
                            table: format!("Table {}", table + 1),
                            ..Default::default()
                        },
                        "bench",
                    )
                    .expect("plan");
                meetings.push(m.id);
            }
        }
    }
    let mut lat = Vec::with_capacity(1000);
    for i in 0..1000usize {
        let o = Outcome {
            meeting: meetings[i % meetings.len()],
            version: 0,
            next_step: NextStep::ALL[i % 7],
            rating: (i % 5) as u8 + 1,
            notes: "Entreprise intéressante, références solides en rénovation énergétique.\nDevis à demander avant le 15/01.".into(),
            follow_up: Some(date(2027, 1, 15)),
            follow_up_result: None,
            logged_by: String::new(),
            logged_at: jiff::Timestamp::UNIX_EPOCH,
        };
        let t = Instant::now();
        store.log_outcome(o, "mdupuis").expect("log_outcome");
        lat.push(ms(t.elapsed()));
    }
    lat.sort_by(f64::total_cmp);
    println!(
        "write outcome_p50_ms={:.3} outcome_p99_ms={:.3} outcome_max_ms={:.3} n=1000 suppliers={} meetings={} durability={mode_name}",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat[lat.len() - 1],
        store.supplier_count().unwrap_or(0),
        meetings.len()
    );
}

/// The disk's floor: 1,000 appends of 300 bytes, each followed by `fdatasync`, in the
/// same temporary directory. A durable write cannot be faster than this.
fn bench_fsync_floor() {
    use std::io::Write;
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(_) => return,
    };
    let Ok(mut f) = std::fs::File::create(dir.path().join("fsync")) else {
        return;
    };
    let mut lat = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let t = Instant::now();
        if f.write_all(&[b'x'; 300])
            .and_then(|_| f.sync_data())
            .is_err()
        {
            return;
        }
        lat.push(ms(t.elapsed()));
    }
    lat.sort_by(f64::total_cmp);
    println!(
        "fsync_floor p50_ms={:.3} p99_ms={:.3} max_ms={:.3} n=1000",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat[lat.len() - 1]
    );
}

fn bench_big_import() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = SledStore::open(dir.path()).expect("store");
    let batch = suppliers(100_000, 2);
    let t = Instant::now();
    let (counts, _) = store.upsert_suppliers(batch, "bench").expect("upsert");
    let took = t.elapsed();
    println!(
        "upsert n=100000 created={} ms={:.0} per_supplier_us={:.1} rss_peak_mb={:.0}",
        counts.created,
        ms(took),
        ms(took) * 1000.0 / 100_000.0,
        rss_peak_mb()
    );
    // All or nothing: a second file of 100,000 whose last line is refused stores nothing.
    let mut bad = suppliers(100_000, 3);
    if let Some(last) = bad.last_mut() {
        last.id = u64::MAX; // unknown id: NotFound aborts the whole transaction
    }
    let before = store.supplier_count().unwrap_or(0);
    let journal_before = store.journal().map(|j| j.len()).unwrap_or(0);
    let t = Instant::now();
    let refused = store.upsert_suppliers(bad, "bench").is_err();
    let took = t.elapsed();
    let after = store.supplier_count().unwrap_or(0);
    let journal_after = store.journal().map(|j| j.len()).unwrap_or(0);
    let ok = refused && before == after && journal_before == journal_after;
    println!(
        "upsert_abort n=100000 ms={:.0} all_or_nothing={} suppliers_before={before} suppliers_after={after}",
        ms(took),
        if ok { "ok" } else { "FAILED" }
    );
    // Re-import of the same 100,000: all unchanged.
    let t = Instant::now();
    let (counts, _) = store
        .upsert_suppliers(suppliers(100_000, 2), "bench")
        .expect("re-upsert");
    println!(
        "upsert_again n=100000 unchanged={} ms={:.0}",
        counts.unchanged,
        ms(t.elapsed())
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    bench_fsync_floor();
    bench_outcomes(Durability::Fsync);
    bench_outcomes(Durability::Flush);
    bench_fsync_floor();
    bench_big_import();
}
