//! Import benchmark (issue 3, item 5): 100,000 generated suppliers in the bundled CSV format
//! (French names with accents, valid SIRETs, themes, CPV codes, keywords, contract objects
//! with commas, amounts, dates; 1 row in 20 repeats an earlier SIRET to exercise merging),
//! imported into a fresh sled store, then imported again (everything unchanged).
//!
//! Each phase runs in a child process of this binary so that its peak memory (VmHWM of
//! /proc/self/status) is its own. Run: `cargo bench --bench import` (release profile).
//! Options: `-- --rows N` (default 100000), `-- --keep DIR` to keep the generated file.
//!
//! Under `cargo test --benches` (no `--bench` argument: libtest passes it only under
//! `cargo bench`) the default is a smoke size of 200 rows, so that CI builds and runs the
//! bench in seconds; its figures mean nothing then.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::io::import::{import_path_with_progress, read_suppliers, ImportOptions, Progress};
use sourcing::store::SledStore;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CITIES: [(&str, &str); 8] = [
    ("75011", "Paris"),
    ("93100", "Montreuil"),
    ("69003", "Lyon"),
    ("13001", "Marseille"),
    ("45000", "Orléans"),
    ("25000", "Besançon"),
    ("20200", "Bastia"),
    ("97100", "Basse-Terre"),
];
const WORDS: [&str; 12] = [
    "Électricité",
    "Rénovation",
    "Forêt",
    "Numérique",
    "Sécurité",
    "Bâtiment",
    "Cœur",
    "Façades",
    "Énergie",
    "Santé",
    "Mobilité",
    "Éducation",
];
const THEMES: [&str; 4] = [
    "batiment-energie",
    "edtech",
    "sante-domicile",
    "securite-mobilite",
];
const CPV: [&str; 6] = [
    "45210000", "45261000", "72000000", "80000000", "33100000", "34000000",
];

/// A SIRET with a valid SIREN and a valid 14-digit check, from a counter.
fn siret(n: u64) -> String {
    let base = format!("{:08}", n % 100_000_000);
    let siren = (0..10)
        .map(|d| format!("{base}{d}"))
        .find(|s| sourcing::domain::siret::luhn_valid(s))
        .unwrap_or_default();
    (0..10)
        .map(|d| format!("{siren}0001{d}"))
        .find(|s| sourcing::domain::siret::luhn_valid(s))
        .unwrap_or_default()
}

fn generate(path: &Path, rows: usize) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    // The bundled format's columns before `departements`, `nb_marches` and the reference
    // columns were added: still read as is (`departement` names the list of départements).
    writeln!(
        w,
        "siret,siren,raison_sociale,taille,effectif,chiffre_affaires_eur,date_creation,code_postal,commune,departement,ess,siae,ea_esat,thematiques,cpv,mots_cles,naf,description,references,site_web,courriel,provenance"
    )?;
    for i in 0..rows {
        // One row in 20 repeats an earlier supplier (merged by SIRET).
        let id = if i % 20 == 19 { i as u64 / 2 } else { i as u64 };
        let (cp, city) = CITIES[i % CITIES.len()];
        let a = WORDS[i % WORDS.len()];
        let b = WORDS[(i / 7) % WORDS.len()];
        writeln!(
            w,
            "{siret},{siren},\"{a} & {b} n° {id}\",{size},{head},{ca},20{y:02}-{m:02}-{d:02},{cp},{city},,{ess},non,non,{t1}|{t2},{c1}|{c2},\"{a} durable|maintenance, entretien\",43.21A,\"Entreprise de {b}\nligne 2\",\"Travaux de {a}, lot {id}|Entretien ; maintenance\",https://exemple.fr/{id},contact{id}@exemple.fr,bench.csv:{line}",
            siret = siret(id),
            siren = &siret(id)[..9],
            size = ["TPE", "PME", "ETI", "GE"][i % 4],
            head = i % 300,
            ca = (id as f64) * 12.5,
            y = i % 25,
            m = 1 + i % 12,
            d = 1 + i % 28,
            ess = if i % 9 == 0 { "oui" } else { "non" },
            t1 = THEMES[i % 4],
            t2 = THEMES[(i / 3) % 4],
            c1 = CPV[i % CPV.len()],
            c2 = CPV[(i / 5) % CPV.len()],
            line = i + 2,
        )?;
    }
    w.flush()
}

/// Peak resident memory of this process so far, in MiB (Linux), from VmHWM.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time of this process so far (user + system), in seconds: on a loaded machine the
/// wall-clock time says little, this says what the import itself costs.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Child process: runs one phase and prints "seconds peak_mib summary".
fn phase(kind: &str, file: &Path, store_dir: &Path) {
    let opts = ImportOptions::default();
    let t = Instant::now();
    let summary = match kind {
        "parse" => {
            let f = std::fs::File::open(file).expect("open");
            let r = read_suppliers(f, "bench.csv", &opts).expect("read");
            format!(
                "{} suppliers, {} rejected, {} warnings",
                r.suppliers.len(),
                r.report.rejected.len(),
                r.report.warnings.len()
            )
        }
        _ => {
            let store = SledStore::open(store_dir).expect("store");
            let mut write_started = None;
            let r = import_path_with_progress(&store, file, &opts, "bench", &mut |p| {
                if let Progress::Writing { .. } = p {
                    write_started = Some((Instant::now(), cpu_secs()));
                }
            })
            .expect("import");
            let (split, cpu_split) = match write_started {
                Some((at, cpu)) => (
                    format!("{:.2}", at.duration_since(t).as_secs_f64()),
                    cpu.map(|c| format!("{c:.2}")).unwrap_or_default(),
                ),
                None => ("-".into(), "-".into()),
            };
            format!(
                "created {}, updated {}, unchanged {}, rejected {}; store write began at {split} s (cpu {cpu_split} s)",
                r.created,
                r.updated,
                r.unchanged,
                r.rejected.len()
            )
        }
    };
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{secs:.3} {:.1} cpu {:.2} s; {summary}",
        peak_mib().unwrap_or(f64::NAN),
        cpu_secs().unwrap_or(f64::NAN)
    );
}

fn run_child(kind: &str, file: &Path, store: &Path) -> String {
    let out = std::process::Command::new(std::env::current_exe().expect("exe"))
        .args(["--phase", kind])
        .arg(file)
        .arg(store)
        .output()
        .expect("child");
    if !out.status.success() {
        panic!("{kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--phase") {
        let kind = &args[i + 1];
        phase(kind, Path::new(&args[i + 2]), Path::new(&args[i + 3]));
        return;
    }
    let smoke = !args.iter().any(|a| a == "--bench");
    if smoke {
        println!("# smoke run (no --bench argument): tiny size, figures meaningless");
    }
    let rows: usize = args
        .iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(if smoke { 200 } else { 100_000 });
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir: PathBuf = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("bench.csv");
    let t = Instant::now();
    generate(&file, rows).expect("generate");
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {rows} rows, {:.1} MiB, in {:.2} s",
        size as f64 / 1048576.0,
        t.elapsed().as_secs_f64()
    );
    let store = dir.join("store");
    for (label, kind) in [
        ("read + parse + merge, no store", "parse"),
        ("import into an empty store   ", "import"),
        ("import again (all unchanged) ", "import"),
    ] {
        let line = run_child(kind, &file, &store);
        let mut parts = line.splitn(3, ' ');
        let secs = parts.next().unwrap_or("?");
        let peak = parts.next().unwrap_or("?");
        let summary = parts.next().unwrap_or("");
        println!("{label}: {secs} s, peak RSS {peak} MiB ({summary})");
    }
}
