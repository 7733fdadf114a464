//! `sourcing match --needs` through the real binary (issue 14, item 2): a directory of N
//! generated suppliers (`search::synthetic`, real vocabulary) imported with `sourcing import`,
//! then 1,000 needs made from the DECP training contracts (object, CPV code, département)
//! ranked in one run of `sourcing match --needs FILE --limit 10`. Prints the wall time of the
//! match command, its CPU time (from `wait4`) and the time to rank one need alone (start-up:
//! reading the store and preparing the matcher). Goal: 1,000 needs against 100,000
//! suppliers in ≤ 10 s.
//!
//! Run: `cargo bench --bench match` (`MATCH_BENCH_SIZES=14617,100000` to choose sizes).
//! Under `cargo test --benches` (no `--bench` argument) a smoke size of 300 suppliers and
//! 20 needs runs instead, so that the bench cannot rot.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::search::synthetic::{Generator, Vocabulary};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn sourcing(store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sourcing"));
    c.arg("--store").arg(store).env("LANG", "fr_FR.UTF-8");
    c.env_remove("LC_ALL").env_remove("SOURCING_STORE");
    c
}

/// Needs from the training contracts: one JSON line per contract with an object.
fn needs(path: &Path, n: usize) -> Result<(), Box<dyn std::error::Error>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/decp_training.csv");
    let mut r = csv::Reader::from_path(src)?;
    let h = r.headers()?.clone();
    let col = |name: &str| h.iter().position(|x| x == name).ok_or(format!("no {name}"));
    let (obj, cpv, dept) = (col("objet")?, col("code_cpv8")?, col("departement")?);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (i, rec) in r.records().take(n).enumerate() {
        let rec = rec?;
        let mut need = serde_json::json!({"id": i, "title": &rec[obj]});
        if rec[cpv].len() == 8 {
            need["cpv"] = serde_json::json!([&rec[cpv]]);
        }
        if !rec[dept].is_empty() {
            need["departements"] = serde_json::json!([&rec[dept]]);
        }
        writeln!(out, "{need}")?;
    }
    out.flush()?;
    Ok(())
}

/// Runs `cmd`, returns (wall seconds, CPU seconds of the child).
fn timed(cmd: &mut Command) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an empty rusage filled by wait4 for our own child.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    let wall = t.elapsed().as_secs_f64();
    if r != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{cmd:?} failed (status {status})").into());
    }
    let secs = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    Ok((wall, secs(ru.ru_utime) + secs(ru.ru_stime)))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let smoke = !std::env::args().any(|a| a == "--bench");
    if smoke {
        println!("# smoke run (no --bench argument): tiny size, figures meaningless");
    }
    let sizes: Vec<u64> = match std::env::var("MATCH_BENCH_SIZES") {
        Ok(v) => v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) if smoke => vec![300],
        Err(_) => vec![14_617, 100_000],
    };
    let n_needs = if smoke { 20 } else { 1_000 };
    let work = tempfile::tempdir()?;
    let needs_file = work.path().join("besoins.jsonl");
    needs(&needs_file, n_needs)?;
    let one_file = work.path().join("un.jsonl");
    needs(&one_file, 1)?;
    let generator = Generator::new(Vocabulary::bundled()?);
    for n in sizes {
        let csv = work.path().join(format!("annuaire_{n}.csv"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&csv)?);
        generator.write_csv(n, &mut f)?;
        f.flush()?;
        drop(f);
        let store = work.path().join(format!("store_{n}"));
        timed(sourcing(&store).arg("import").arg(&csv))?;
        let (one_wall, one_cpu) =
            timed(sourcing(&store).args(["match", "--needs"]).arg(&one_file))?;
        let (wall, cpu) = timed(
            sourcing(&store)
                .args(["match", "--limit", "10", "--needs"])
                .arg(&needs_file),
        )?;
        println!(
            "match n={n} needs={n_needs}: {wall:.2} s wall, {cpu:.2} s CPU ({:.1} ms per need after start-up); one need alone {one_wall:.2} s wall, {one_cpu:.2} s CPU (start-up)",
            (wall - one_wall).max(0.0) * 1e3 / n_needs as f64
        );
    }
    Ok(())
}
