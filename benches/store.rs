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
//!
//! Under `cargo test --benches` (no `--bench` argument: libtest passes it only under
//! `cargo bench`) the same code runs once at a smoke size (300 generated suppliers instead
//! of the real directory, 32 meetings, 20 outcomes, 500-supplier upserts), so that the
//! bench is built and run by CI without its minutes; its figures mean nothing then.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

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

/// How much work each part does: the full bench, or the smoke run of `cargo test --benches`.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    /// Smoke run (figures meaningless).
    smoke: bool,
    /// Timed outcome writes per durability mode.
    outcomes: usize,
    /// Slots per day for the planned meetings (× 2 days × 8 tables).
    slots: u32,
    /// Generated suppliers per big upsert.
    upsert: u64,
    /// Appends timed for the fsync floor.
    fsyncs: usize,
}

impl Sizes {
    fn from_args() -> Sizes {
        if std::env::args().any(|a| a == "--bench") {
            Sizes {
                smoke: false,
                outcomes: 1000,
                slots: 20,
                upsert: 100_000,
                fsyncs: 1000,
            }
        } else {
            Sizes {
                smoke: true,
                outcomes: 20,
                slots: 2,
                upsert: 500,
                fsyncs: 20,
            }
        }
    }
}

/// The digit that makes `head` followed by it pass the Luhn check (one digit in ten does).
fn luhn_digit(head: &str) -> String {
    (0..10)
        .map(|d| format!("{head}{d}"))
        .find(|s| sourcing::domain::siret::luhn_valid(s))
        .unwrap_or_else(|| unreachable!("one check digit in ten is valid"))
}

/// A valid SIRET from a number below 10^12, distinct for distinct numbers: 8 digits, the
/// SIREN's check digit, 4 digits, the SIRET's check digit. (A SIRET is valid only when its
/// SIREN, the first 9 digits, passes the Luhn check too: choosing the 14th digit alone, as
/// this generator once did, fails for nine numbers in ten.)
fn siret(n: u64) -> Siret {
    let n = n % 1_000_000_000_000;
    let siren = luhn_digit(&format!("{:08}", n / 10_000));
    let full = luhn_digit(&format!("{siren}{:04}", n % 10_000));
    Siret::parse(&full).unwrap_or_else(|e| unreachable!("{full} has both Luhn digits: {e}"))
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
        ess: rng.next().is_multiple_of(10),
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

fn bench_outcomes(mode: Durability, sizes: Sizes) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = SledStore::open(dir.path()).expect("store");
    store.set_durability(mode);
    let mode_name = match mode {
        Durability::Fsync => "fsync",
        Durability::Flush => "flush",
    };
    // The real directory (fixtures/suppliers.csv, ~14,600 firms) through the importer; a
    // few generated suppliers in a smoke run.
    let t = Instant::now();
    let (created, ids, file) = if sizes.smoke {
        let (counts, ids) = store
            .upsert_suppliers(suppliers(300, 1), "bench")
            .expect("upsert");
        (counts.created, ids, "generated")
    } else {
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
        let report = sourcing::io::import::import_path(
            &store,
            &fixture,
            &sourcing::io::import::ImportOptions::default(),
            "bench",
        )
        .expect("import of fixtures/suppliers.csv");
        (report.created, report.ids, "fixtures/suppliers.csv")
    };
    let bytes = sourcing::testing::all_suppliers(&store)
        .map(|all| {
            all.iter()
                .map(|s| serde_json::to_vec(s).map_or(0, |v| v.len()))
                .sum::<usize>()
                / all.len().max(1)
        })
        .unwrap_or(0);
    println!(
        "import file={file} created={created} ms={:.0} mean_value_bytes={bytes} durability={mode_name}",
        ms(t.elapsed()),
    );
    // A few hundred meetings: 2 days × 20 slots × 8 tables.
    let mut meetings = Vec::new();
    for (d, day) in [date(2026, 12, 3), date(2026, 12, 4)]
        .into_iter()
        .enumerate()
    {
        store
            .save_forum_day(
                sourcing::domain::ForumDay {
                    tables: sourcing::domain::forum::numbered_tables(8),
                    ..sourcing::domain::ForumDay::typical(day)
                },
                "bench",
            )
            .expect("save_forum_day");
        for slot in 0..sizes.slots {
            for table in 0..8usize {
                let k = d * 160 + slot as usize * 8 + table;
                let m = store
                    .plan_meeting(
                        Meeting {
                            supplier: ids[k * 37 % ids.len()],
                            buyers: vec![format!("acheteur{table}")],
                            day,
                            table: table as u32 + 1,
                            start: sourcing::domain::forum::typical_start(day, slot),
                            ..Default::default()
                        },
                        "bench",
                    )
                    .expect("plan");
                meetings.push(m.id);
            }
        }
    }
    let mut lat = Vec::with_capacity(sizes.outcomes);
    for i in 0..sizes.outcomes {
        let o = Outcome {
            meeting: meetings[i % meetings.len()],
            version: 0,
            next_step: NextStep::ALL[i % 7],
            rating: Some((i % 5) as u8 + 1),
            notes: "Entreprise intéressante, références solides en rénovation énergétique.\nDevis à demander avant le 15/01.".into(),
            follow_up: Some(date(2027, 1, 15)),
            follow_up_result: None,
            documents_given: Vec::new(),
            logged_by: String::new(),
            logged_at: jiff::Timestamp::UNIX_EPOCH,
        };
        let t = Instant::now();
        store.log_outcome(o, "mdupuis").expect("log_outcome");
        lat.push(ms(t.elapsed()));
    }
    lat.sort_by(f64::total_cmp);
    println!(
        "write outcome_p50_ms={:.3} outcome_p99_ms={:.3} outcome_max_ms={:.3} n={} suppliers={} meetings={} durability={mode_name}",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat[lat.len() - 1],
        sizes.outcomes,
        store.supplier_count().unwrap_or(0),
        meetings.len()
    );
}

/// The disk's floor: 1,000 appends of 300 bytes, each followed by `fdatasync`, in the
/// same temporary directory. A durable write cannot be faster than this.
fn bench_fsync_floor(sizes: Sizes) {
    use std::io::Write;
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(_) => return,
    };
    let Ok(mut f) = std::fs::File::create(dir.path().join("fsync")) else {
        return;
    };
    let mut lat = Vec::with_capacity(sizes.fsyncs);
    for _ in 0..sizes.fsyncs {
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
        "fsync_floor p50_ms={:.3} p99_ms={:.3} max_ms={:.3} n={}",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat[lat.len() - 1],
        sizes.fsyncs
    );
}

fn bench_big_import(sizes: Sizes) {
    let n = sizes.upsert;
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = SledStore::open(dir.path()).expect("store");
    let batch = suppliers(n, 2);
    let t = Instant::now();
    let (counts, _) = store.upsert_suppliers(batch, "bench").expect("upsert");
    let took = t.elapsed();
    // Distinct valid SIRETs: every generated supplier is a new one.
    assert_eq!(
        counts.created as u64, n,
        "generated suppliers merged or lost"
    );
    println!(
        "upsert n={n} created={} ms={:.0} per_supplier_us={:.1} rss_peak_mb={:.0}",
        counts.created,
        ms(took),
        ms(took) * 1000.0 / n as f64,
        rss_peak_mb()
    );
    // All or nothing: a second file of n whose last line is refused stores nothing.
    let mut bad = suppliers(n, 3);
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
    assert!(ok, "a refused batch must store nothing");
    println!(
        "upsert_abort n={n} ms={:.0} all_or_nothing={} suppliers_before={before} suppliers_after={after}",
        ms(took),
        if ok { "ok" } else { "FAILED" }
    );
    // Re-import of the same n: all unchanged.
    let t = Instant::now();
    let (counts, _) = store
        .upsert_suppliers(suppliers(n, 2), "bench")
        .expect("re-upsert");
    assert_eq!(
        counts.unchanged as u64, n,
        "a re-import must change nothing"
    );
    println!(
        "upsert_again n={n} unchanged={} ms={:.0}",
        counts.unchanged,
        ms(t.elapsed())
    );
}

fn main() {
    let sizes = Sizes::from_args();
    if sizes.smoke {
        println!("# smoke run (no --bench argument): tiny sizes, figures meaningless");
    }
    bench_fsync_floor(sizes);
    bench_outcomes(Durability::Fsync, sizes);
    bench_outcomes(Durability::Flush, sizes);
    bench_fsync_floor(sizes);
    bench_big_import(sizes);
}
