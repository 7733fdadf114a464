//! The forum server under a forum's load (issue 10): one real `sourcing serve` on a real
//! store of N generated suppliers (`search::synthetic`, imported with `sourcing import`);
//! 50 clients typing the ten queries of the search bench letter by letter, open loop, one
//! key every 200 ms each with a random phase (a random delay under 200 ms and a random
//! first keystroke in the cycle of all ten queries: clients in lockstep would all type the
//! costly first letters in the same instant); 10 clients logging outcomes on meetings of
//! their own. Latency of a key = sent → first page of its results (a superseded key counts
//! as answered when a newer one is). Write latency = sent → acknowledgement (durable),
//! beside the disk's fdatasync floor measured in the same folder during the run.
//!
//! Printed per size: keystroke p50/p99, write p50/p99 and the floor, the server's peak
//! memory (VmHWM) and that of one real client (`sourcing search`, from `wait4`), and the
//! same keystroke figures with a single client. Goals at 1,000,000 with 50 clients:
//! keystroke p99 ≤ 30 ms; write p99 ≤ max(5 ms, 1.5 × floor); server ≤ 600 MiB; a client
//! ≤ 40 MiB.
//!
//! Run: `cargo bench --bench serve` (`SERVE_BENCH_SIZES=100000,1000000`,
//! `SERVE_BENCH_SECONDS=20`). Stores are kept under `target/serve-bench/` and reused. Under
//! `cargo test --benches` a smoke run of 300 suppliers, 3 clients and 2 s runs instead.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sourcing::client::{Connection, RemoteStore};
use sourcing::domain::{ForumDay, Meeting, NextStep, Outcome};
use sourcing::protocol::{RemoteError, Reply, Request};
use sourcing::search::synthetic::{Generator, Vocabulary};
use sourcing::store::{SledStore, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};

use std::time::{Duration, Instant};

#[path = "support/queries.rs"]
mod queries;
use queries::QUERIES;
const LIMIT: u32 = 50;
const KEY_EVERY: Duration = Duration::from_millis(200);
const WRITERS: usize = 10;

type Error = Box<dyn std::error::Error>;

fn day() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 3)
}

/// A store of `n` generated suppliers, a forum day and one meeting per writer.
fn store(n: u64, cache: &Path) -> Result<PathBuf, Error> {
    let dir = cache.join(format!("store_{n}"));
    let done = cache.join(format!("store_{n}.done"));
    if done.exists() {
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(cache)?;
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
        let forum = ForumDay::typical(day());
        s.save_forum_day(forum.clone(), "bench")?;
        let ids: Vec<u64> = s
            .suppliers_page(None, WRITERS)?
            .iter()
            .map(|x| x.id)
            .collect();
        let slots = forum.slots();
        for (i, id) in ids.iter().enumerate() {
            s.plan_meeting(
                Meeting {
                    supplier: *id,
                    buyers: vec![format!("acheteur{i}")],
                    day: day(),
                    start: slots[(i / forum.tables.len()) % slots.len()].start,
                    table: forum.tables[i % forum.tables.len()].id,
                    ..Default::default()
                },
                "bench",
            )?;
        }
    }
    std::fs::write(&done, b"")?;
    Ok(dir)
}

fn start_server(dir: &Path) -> Result<Child, Error> {
    let child = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .arg("serve")
        .env("LANG", "fr_FR.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let socket = dir.join("sourcing.sock");
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if let Ok(c) = Connection::connect(&socket) {
            drop(c);
            return Ok(child);
        }
        if Instant::now() > deadline {
            return Err("server never listened".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn peak_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// Tiny deterministic generator for the phases.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

type Sent = (Instant, Receiver<Result<Reply, RemoteError>>);

/// One typing client for `run`: returns the keystroke latencies in ms.
fn typist(socket: PathBuf, seed: u64, run: Duration) -> std::thread::JoinHandle<Vec<f64>> {
    std::thread::spawn(move || {
        let conn = Connection::connect(&socket).unwrap();
        let (tx, rx) = channel::<Sent>();
        let answers = std::thread::spawn(move || {
            let mut lat = Vec::new();
            let mut waiting: Vec<Instant> = Vec::new();
            for (sent, reply) in rx {
                match reply.recv() {
                    Ok(Ok(Reply::Searched(_))) => {
                        let now = Instant::now();
                        for w in waiting.drain(..) {
                            lat.push((now - w).as_secs_f64() * 1e3);
                        }
                        lat.push((now - sent).as_secs_f64() * 1e3);
                    }
                    Ok(Ok(Reply::Superseded)) => waiting.push(sent),
                    other => panic!("search failed: {other:?}"),
                }
            }
            lat
        });
        let mut s = seed;
        std::thread::sleep(Duration::from_millis(next(&mut s) % 200));
        let start = Instant::now();
        let mut tick = Instant::now();
        let keys: Vec<String> = QUERIES
            .iter()
            .flat_map(|q| (1..=q.chars().count()).map(move |k| q.chars().take(k).collect()))
            .collect();
        // Random phase in the typing too: each client starts at its own keystroke of the
        // cycle, as fifty buyers never type the same letter of the same query in step.
        let skip = (next(&mut s) % keys.len() as u64) as usize;
        for k in keys.iter().cycle().skip(skip) {
            if start.elapsed() >= run {
                break;
            }
            let rx = conn
                .send(Request::Search {
                    query: k.clone(),
                    limit: LIMIT,
                })
                .unwrap();
            tx.send((Instant::now(), rx)).unwrap();
            tick += KEY_EVERY;
            if let Some(d) = tick.checked_duration_since(Instant::now()) {
                std::thread::sleep(d);
            }
        }
        drop(tx);
        answers.join().unwrap()
    })
}

/// One client logging outcomes on meeting `meeting` for `run`: write latencies in ms.
fn writer(socket: PathBuf, meeting: u64, run: Duration) -> std::thread::JoinHandle<Vec<f64>> {
    std::thread::spawn(move || {
        let store = RemoteStore::new(Connection::connect(&socket).unwrap());
        let mut lat = Vec::new();
        let start = Instant::now();
        while start.elapsed() < run {
            let t = Instant::now();
            store
                .log_outcome(
                    Outcome {
                        meeting,
                        version: 0,
                        next_step: NextStep::RequestQuote,
                        rating: Some(4),
                        notes: "Devis demandé".into(),
                        follow_up: None,
                        follow_up_result: None,
                        documents_given: Vec::new(),
                        logged_by: String::new(),
                        logged_at: jiff::Timestamp::now(),
                    },
                    "bench",
                )
                .unwrap();
            lat.push(t.elapsed().as_secs_f64() * 1e3);
            std::thread::sleep(KEY_EVERY);
        }
        lat
    })
}

/// p50/p99 of 4 KiB write + fdatasync in `dir`, in ms.
fn fsync_floor(dir: &Path, rounds: usize) -> (f64, f64) {
    use std::os::unix::io::AsRawFd;
    let path = dir.join("fsync-floor.bench");
    let mut f = std::fs::File::create(&path).unwrap();
    let mut lat = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        f.write_all(&[7u8; 4096]).unwrap();
        // SAFETY: fdatasync on an open descriptor.
        unsafe { libc::fdatasync(f.as_raw_fd()) };
        lat.push(t.elapsed().as_secs_f64() * 1e3);
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = std::fs::remove_file(&path);
    (pct(&mut lat, 0.5), pct(&mut lat, 0.99))
}

/// Peak memory (KiB) of one real client command against the server: its VmHWM, read
/// until it exits (`wait4`'s ru_maxrss would count the bench's own pages copied at fork).
fn client_peak(dir: &Path) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(["search", "renovation energetique"])
        .env("LANG", "fr_FR.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut peak = 0;
    while child.try_wait().ok().flatten().is_none() {
        peak = peak.max(peak_kib(child.id()));
        std::thread::sleep(Duration::from_micros(200));
    }
    peak
}

fn measure(dir: &Path, typists: usize, writers: usize, run: Duration) -> (Vec<f64>, Vec<f64>) {
    let socket = dir.join("sourcing.sock");
    let meetings: Vec<u64> = {
        let s = RemoteStore::new(Connection::connect(&socket).unwrap());
        s.meetings().unwrap().iter().map(|m| m.id).collect()
    };
    let t: Vec<_> = (0..typists)
        .map(|i| typist(socket.clone(), 0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1), run))
        .collect();
    let w: Vec<_> = meetings
        .iter()
        .take(writers)
        .map(|m| writer(socket.clone(), *m, run))
        .collect();
    let keys = t.into_iter().flat_map(|h| h.join().unwrap()).collect();
    let writes = w.into_iter().flat_map(|h| h.join().unwrap()).collect();
    (keys, writes)
}

fn main() -> Result<(), Error> {
    let smoke = !std::env::args().any(|a| a == "--bench");
    let sizes: Vec<u64> = if smoke {
        vec![300]
    } else {
        std::env::var("SERVE_BENCH_SIZES")
            .unwrap_or_else(|_| "100000,1000000".into())
            .split(',')
            .filter_map(|s| s.trim().replace('_', "").parse().ok())
            .collect()
    };
    let secs: u64 = if smoke {
        2
    } else {
        std::env::var("SERVE_BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20)
    };
    let run = Duration::from_secs(secs);
    let (typists, writers) = if smoke { (3, 2) } else { (50, WRITERS) };
    let tmp = tempfile::tempdir()?;
    let cache = if smoke {
        tmp.path().to_path_buf()
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/serve-bench")
    };
    for n in sizes {
        let dir = store(n, &cache)?;
        let t = Instant::now();
        let mut server = start_server(&dir)?;
        let ready = t.elapsed();
        let pid = server.id();
        let floor_probe = {
            let d = dir.clone();
            std::thread::spawn(move || fsync_floor(&d, (secs as usize * 20).max(20)))
        };
        let (mut keys, mut writes) = measure(&dir, typists, writers, run);
        let (floor50, floor99) = floor_probe.join().unwrap();
        let (mut one, _) = measure(&dir, 1, 0, Duration::from_secs(secs.min(10)));
        let client = client_peak(&dir);
        let server_peak = peak_kib(pid);
        // SAFETY: SIGTERM to our own child.
        unsafe { libc::kill(pid as i32, libc::SIGTERM) };
        let _ = server.wait();
        println!(
            "serve {n} suppliers, {typists} typists + {writers} writers, {secs} s: \
             keystroke p50 {:.1} ms p99 {:.1} ms ({} keys) · single client p50 {:.1} ms p99 {:.1} ms · \
             write ack p50 {:.1} ms p99 {:.1} ms ({} writes; fdatasync floor p50 {:.1} ms p99 {:.1} ms) · \
             server peak {} MiB · client peak {} MiB · server ready in {:.1} s",
            pct(&mut keys, 0.5),
            pct(&mut keys, 0.99),
            keys.len(),
            pct(&mut one, 0.5),
            pct(&mut one, 0.99),
            pct(&mut writes, 0.5),
            pct(&mut writes, 0.99),
            writes.len(),
            floor50,
            floor99,
            server_peak / 1024,
            client / 1024,
            ready.as_secs_f64()
        );
    }
    Ok(())
}
