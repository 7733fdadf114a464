//! Start-up of the real interface (issue 9, item 6): `SOURCING_TIMING=1 sourcing --store D`
//! run in a pseudo-terminal on a store of N generated suppliers (`search::synthetic`, real
//! vocabulary) imported with `sourcing import` (which writes the snapshots), holding one
//! need. The bench opens that need right after the first frame (keys `2`, Enter), waits
//! for its ranked suppliers, quits with `q` and reads the timing line the command prints
//! on exit; the peak memory is the child's `ru_maxrss` (from `wait4`).
//!
//! Two runs per size: with valid snapshots, then with stale ones (their stamp changed in
//! place), which the interface rebuilds from the store in the background and writes back.
//! One line per size. Goals with valid snapshots: first frame ≤ 100 ms; search ready ≤
//! 150 ms at 100,000 and ≤ 1 s at 1,000,000; first ranking ≤ 2 s at 1,000,000; peak
//! memory ≤ 512 MiB at 1,000,000, also during a rebuild.
//!
//! Run: `cargo bench --bench startup` (`STARTUP_BENCH_SIZES=100000` to choose sizes).
//! Stores are kept under `target/startup-bench/` and reused. Under `cargo test --benches`
//! (no `--bench` argument) a smoke size of 300 suppliers runs in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use sourcing::domain::{CpvCode, Need};
use sourcing::search::synthetic::{Generator, Vocabulary};
use sourcing::store::{SledStore, Store};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Error = Box<dyn std::error::Error>;

/// Longest wait for the ranked need to appear.
const PATIENCE: Duration = Duration::from_secs(300);

/// Shown by the open need once ranked (French interface).
const RANKED: &str = "Fournisseurs proposés";
/// Shown by the open need until ranked.
const NOT_RANKED: &str = "Annuaire en cours de chargement";

/// A store of `n` generated suppliers with one need; reused from `cache` when complete.
fn store(n: u64, cache: &Path) -> Result<PathBuf, Error> {
    let dir = cache.join(format!("store_{n}"));
    let done = cache.join(format!("store_{n}.done"));
    if done.exists() {
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let csv = cache.join(format!("annuaire_{n}.csv"));
    if !csv.exists() {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&csv)?);
        Generator::new(Vocabulary::bundled()?).write_csv(n, &mut f)?;
        f.flush()?;
    }
    let t = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(&dir)
        .arg("import")
        .arg(&csv)
        .env("LANG", "fr_FR.UTF-8")
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        return Err(format!("import of {n} suppliers failed").into());
    }
    eprintln!(
        "# imported {n} suppliers in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    {
        let s = SledStore::open(&dir)?;
        s.save_need(
            Need {
                title: "Isolation thermique des combles".into(),
                description: "Travaux d'isolation et de calorifugeage".into(),
                cpv: vec![CpvCode::parse("45321000")?],
                ..Default::default()
            },
            "bench",
        )?;
        s.flush()?;
    }
    std::fs::write(&done, b"")?;
    Ok(dir)
}

/// Changes the stamp in both snapshot headers: the next start finds them stale.
fn make_stale(store: &Path) -> Result<(), Error> {
    for name in ["search-index.snapshot", "matcher.snapshot"] {
        let p = store.join("snapshots").join(name);
        let mut b = std::fs::read(&p)?;
        if b.len() >= 16 {
            b[8] ^= 0xff;
        }
        std::fs::write(&p, b)?;
    }
    Ok(())
}

/// Figures of one run, from the timing line and `wait4`.
struct Run {
    line: String,
    max_rss_mib: f64,
}

impl Run {
    /// The value after `label` in the timing line ("premier écran 42 ms" → "42 ms").
    fn get(&self, label: &str) -> String {
        self.line
            .split(" ; ")
            .find_map(|part| part.trim().strip_prefix(label))
            .map(|v| v.trim().split(" (").next().unwrap_or("").to_string())
            .unwrap_or_else(|| "?".into())
    }
}

/// One run of the interface on `store`: open the need, wait for its ranking, quit.
fn run(store: &Path) -> Result<Run, Error> {
    let pair = native_pty_system().openpty(PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sourcing"));
    cmd.arg("--store");
    cmd.arg(store);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "fr_FR.UTF-8");
    cmd.env("SOURCING_TIMING", "1");
    cmd.env_remove("LC_ALL");
    cmd.env_remove("SOURCING_STORE");
    let child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    let pid = child.process_id().ok_or("no pid")? as libc::pid_t;
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    let raw = Arc::new(Mutex::new(Vec::new()));
    let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let (r, s) = (raw.clone(), screen.clone());
    std::thread::spawn(move || {
        let _master = pair.master;
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            r.lock().unwrap().extend_from_slice(&buf[..n]);
            s.lock().unwrap().process(&buf[..n]);
        }
    });
    let contents = || screen.lock().unwrap().screen().contents();
    let start = Instant::now();
    let wait = |what: &str, ok: &dyn Fn(&str) -> bool| -> Result<(), Error> {
        while !ok(&contents()) {
            if start.elapsed() > PATIENCE {
                return Err(format!("timed out waiting for {what}:\n{}", contents()).into());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    };
    wait("the first frame", &|s| s.contains("acheteur"))?;
    writer.write_all(b"2")?;
    writer.flush()?;
    std::thread::sleep(Duration::from_millis(50));
    writer.write_all(b"\r")?;
    writer.flush()?;
    wait("the ranked need", &|s| {
        s.contains(RANKED) && !s.contains(NOT_RANKED)
    })?;
    // Let the index's own first query finish too, then quit.
    std::thread::sleep(Duration::from_millis(200));
    writer.write_all(b"q")?;
    writer.flush()?;
    let mut status = 0;
    // SAFETY: an empty rusage filled by wait4 for our own child.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    if got != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("sourcing ended badly (status {status})").into());
    }
    std::thread::sleep(Duration::from_millis(100));
    let out = String::from_utf8_lossy(&raw.lock().unwrap()).to_string();
    let line = out
        .lines()
        .find(|l| l.contains("premier écran"))
        .ok_or("no SOURCING_TIMING line")?;
    let line = line[line.find("sourcing :").unwrap_or(0)..]
        .trim()
        .to_string();
    Ok(Run {
        line,
        max_rss_mib: ru.ru_maxrss as f64 / 1024.0,
    })
}

fn main() -> Result<(), Error> {
    let smoke = !std::env::args().any(|a| a == "--bench");
    if smoke {
        println!("# smoke run (no --bench argument): tiny size, figures meaningless");
    }
    let sizes: Vec<u64> = match std::env::var("STARTUP_BENCH_SIZES") {
        Ok(v) => v
            .split(',')
            .filter_map(|x| x.trim().replace('_', "").parse().ok())
            .collect(),
        Err(_) if smoke => vec![300],
        Err(_) => vec![100_000, 1_000_000],
    };
    let tmp = tempfile::tempdir()?;
    let cache = if smoke {
        tmp.path().to_path_buf()
    } else {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
        target.join("startup-bench")
    };
    std::fs::create_dir_all(&cache)?;
    for n in sizes {
        let dir = store(n, &cache)?;
        let valid = run(&dir)?;
        make_stale(&dir)?;
        let stale = run(&dir)?;
        println!(
            "startup n={n}: first frame {}, search ready {}, ranking ready {}, first ranking {}, peak RSS {:.0} MiB [{}] | stale snapshots: rebuilt {}, first frame {}, search ready {}, first ranking {}, peak RSS {:.0} MiB",
            valid.get("premier écran"),
            valid.get("recherche prête"),
            valid.get("classement prêt"),
            valid.get("premier classement"),
            valid.max_rss_mib,
            valid.get("index"),
            stale.get("index reconstruit"),
            stale.get("premier écran"),
            stale.get("recherche prête"),
            stale.get("premier classement"),
            stale.max_rss_mib,
        );
    }
    Ok(())
}
