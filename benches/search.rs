//! Search benchmark (issue 4): `cargo bench --bench search`.
//!
//! For each directory size (10,000, 100,000 and 1,000,000 suppliers, or the sizes listed in
//! `SEARCH_BENCH_SIZES=10000,100000`; 200 and no fzf under `cargo test --benches`, which
//! passes no `--bench` argument: a smoke run whose figures mean nothing), generates a
//! deterministic directory from real
//! vocabulary (`sourcing::search::synthetic`), types each query of issue 4 letter by letter
//! and times every keystroke:
//!
//! - `engine=sourcing`: the word index (`SearchIndex::search_page`, 50 hits with highlights);
//! - `engine=bruteforce`: SkimMatcherV2 over all the searchable text on 2 threads;
//! - `engine=nucleo`: nucleo-matcher (the matcher helix uses, the fastest one a Rust user
//!   would pick instead) with a `Pattern` per keystroke over the same text, held as
//!   `Utf32String`s as nucleo's own item store holds them; single-threaded, so the text is
//!   split across 2 std threads, one `Matcher` each; best 50;
//! - `engine=fzf`: `fzf --filter` on the same text, whole process (skipped when fzf is not on
//!   PATH).
//!
//! The matchers' text is each supplier's searchable text on one line, folded as the index
//! folds it (`fold_str`: accents and case removed), so that `energetique` finds
//! "énergétique" in every engine.
//!
//! Brute force, nucleo and fzf are too slow to run every keystroke at large sizes: they run
//! every k-th keystroke (`samples=` says how many; `SEARCH_BENCH_FULL=1` runs them all).
//!
//! `cpu_*_ms` give the search thread's CPU time per keystroke, `cpu2_*_ms` the CPU time of
//! both threads of brute force and nucleo together: on a shared machine the wall time also
//! counts the time other processes hold the cores.
//!
//! Start-up is measured through the real command by `benches/startup.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use sourcing::search::fold::fold_str;
use sourcing::search::synthetic::{Generator, Vocabulary};
use sourcing::search::{Query, SearchIndex};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/queries.rs"]
mod queries;
use queries::QUERIES;

const LIMIT: usize = 50;

fn main() {
    // `cargo bench` passes `--bench`; without it (`cargo test --benches`) a smoke run.
    let smoke = !std::env::args().any(|a| a == "--bench");
    if smoke {
        println!("# smoke run (no --bench argument): tiny size, figures meaningless");
    }
    let sizes: Vec<u64> = std::env::var("SEARCH_BENCH_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .filter_map(|x| x.trim().replace('_', "").parse().ok())
                .collect()
        })
        .unwrap_or_else(|| {
            if smoke {
                vec![200]
            } else {
                vec![10_000, 100_000, 1_000_000]
            }
        });
    let full = std::env::var_os("SEARCH_BENCH_FULL").is_some();
    // SEARCH_BENCH_ENGINES=sourcing skips brute force, nucleo and fzf (for quick iterations).
    let only_sourcing = std::env::var("SEARCH_BENCH_ENGINES").is_ok_and(|e| e == "sourcing");
    let vocab = Vocabulary::bundled().expect("fixtures/vocab");
    let generator = Generator::new(vocab);
    let cpv = generator.vocabulary().cpv_catalog();
    let keystrokes: Vec<String> = QUERIES
        .iter()
        .flat_map(|q| (1..=q.chars().count()).map(move |k| q.chars().take(k).collect::<String>()))
        .collect();
    let fzf = !smoke && Command::new("fzf").arg("--version").output().is_ok();
    println!(
        "# {} queries, {} keystrokes; machine: {} cores; load average: {}",
        QUERIES.len(),
        keystrokes.len(),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        load_average()
    );

    for &n in &sizes {
        // Build in-process for the query timings.
        let t = Instant::now();
        let mut index = SearchIndex::new(generator.themes(), &cpv);
        index.extend(generator.iter(n), |_| {});
        println!(
            "# n={n} index built in {} ms: {} words",
            t.elapsed().as_millis(),
            index.word_count()
        );
        let mut times = Vec::new();
        let mut cpu = Vec::new();
        let mut slowest: Vec<(Duration, String)> = Vec::new();
        let mut per_query: Vec<(String, Duration, usize)> = Vec::new();
        for q in QUERIES {
            let mut worst = Duration::ZERO;
            let mut total = 0;
            for k in 1..=q.chars().count() {
                let typed: String = q.chars().take(k).collect();
                let t = Instant::now();
                let c = thread_cpu();
                let page = index.search_page(&Query::parse(&typed), LIMIT);
                let d = t.elapsed();
                cpu.push(thread_cpu().saturating_sub(c));
                std::hint::black_box(&page);
                times.push(d);
                slowest.push((d, typed.clone()));
                worst = worst.max(d);
                total = page.total;
            }
            per_query.push((q.to_string(), worst, total));
        }
        print_line(
            n,
            "sourcing",
            &times,
            &format!(
                " cpu_p50_ms={:.2} cpu_p90_ms={:.2} cpu_max_ms={:.2}",
                ms(percentile(&cpu, 50)),
                ms(percentile(&cpu, 90)),
                ms(cpu.iter().copied().max().unwrap_or_default())
            ),
        );
        let sourcing_p50 = percentile(&times, 50);
        for (q, worst, total) in &per_query {
            println!(
                "#   {q:<24} matches={total:<8} worst_keystroke_ms={:.2}",
                ms(*worst)
            );
        }
        slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        let slow: Vec<String> = slowest
            .iter()
            .take(12)
            .map(|(d, q)| format!("{q:?}={:.1}", ms(*d)))
            .collect();
        println!("#   slowest keystrokes (ms): {}", slow.join(" "));

        if only_sourcing {
            continue;
        }
        // Brute force: SkimMatcherV2 over all the (folded) text, 2 threads.
        let texts: Vec<String> = generator
            .iter(n)
            .map(|s| fold_str(&generator.search_text(&s, &cpv)))
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        println!(
            "# n={n} searchable text: {} bytes per supplier on average",
            bytes / n.max(1) as usize
        );
        let stride = if full {
            1
        } else {
            (n as usize / 40_000).max(1)
        };
        let (bt, bcpu) = timed(keystrokes.iter().step_by(stride), |q| bruteforce(&texts, q));
        print_line(n, "bruteforce", &bt, &threads_cpu(&bcpu, bt.len()));
        let brute_p50 = percentile(&bt, 50);

        // nucleo-matcher over the same text, 2 threads.
        let t = Instant::now();
        let utf32: Vec<Utf32String> = texts
            .iter()
            .map(|t| Utf32String::from(t.as_str()))
            .collect();
        println!(
            "# n={n} nucleo items (Utf32String) made in {} ms",
            t.elapsed().as_millis()
        );
        let stride = if full {
            1
        } else {
            (n as usize / 100_000).max(1)
        };
        let (nt, ncpu) = timed(keystrokes.iter().step_by(stride), |q| nucleo(&utf32, q));
        print_line(n, "nucleo", &nt, &threads_cpu(&ncpu, nt.len()));
        let nucleo_p50 = percentile(&nt, 50);
        drop(utf32);

        // fzf --filter, whole process.
        let mut fzf_p50 = None;
        if fzf {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("texts.txt");
            {
                let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("file"));
                for t in &texts {
                    writeln!(f, "{t}").expect("write");
                }
            }
            let stride = if full { 1 } else { (n as usize / 5_000).max(1) };
            let sample: Vec<&String> = keystrokes.iter().step_by(stride).collect();
            let mut ft = Vec::new();
            for q in &sample {
                let t = Instant::now();
                let input = std::fs::File::open(&path).expect("open");
                let mut child = Command::new("fzf")
                    .arg("--filter")
                    .arg(q.as_str())
                    .stdin(input)
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("fzf");
                let mut out = Vec::new();
                if let Some(mut o) = child.stdout.take() {
                    let _ = o.read_to_end(&mut out);
                }
                let _ = child.wait();
                ft.push(t.elapsed());
            }
            print_line(n, "fzf", &ft, &format!(" samples={}", ft.len()));
            fzf_p50 = Some(percentile(&ft, 50));
        } else {
            println!("search n={n} engine=fzf skipped (fzf not on PATH)");
        }
        let ratio = |other: Duration| ms(other) / ms(sourcing_p50).max(1e-6);
        match fzf_p50 {
            Some(f) => println!(
                "ratio n={n} bruteforce/sourcing={:.0}x nucleo/sourcing={:.0}x fzf/sourcing={:.0}x (p50)",
                ratio(brute_p50),
                ratio(nucleo_p50),
                ratio(f)
            ),
            None => println!(
                "ratio n={n} bruteforce/sourcing={:.0}x nucleo/sourcing={:.0}x (p50)",
                ratio(brute_p50),
                ratio(nucleo_p50)
            ),
        }
    }
    println!("# load average at the end: {}", load_average());
    println!("# write: durable outcome writes are measured by `cargo bench --bench store`");
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(v: &[Duration], p: usize) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    if s.is_empty() {
        return Duration::ZERO;
    }
    s[((s.len() - 1) * p + 50) / 100]
}

fn print_line(n: u64, engine: &str, times: &[Duration], extra: &str) {
    println!(
        "search n={n} engine={engine} p50_ms={:.2} p90_ms={:.2} max_ms={:.2}{extra}",
        ms(percentile(times, 50)),
        ms(percentile(times, 90)),
        ms(times.iter().copied().max().unwrap_or_default()),
    );
}

/// The tail of a 2-thread engine's line: CPU time per keystroke of both threads together
/// (the process's, which does nothing else meanwhile), and the number of samples.
fn threads_cpu(cpu: &[Duration], samples: usize) -> String {
    format!(
        " cpu2_p50_ms={:.2} cpu2_p90_ms={:.2} samples={samples}",
        ms(percentile(cpu, 50)),
        ms(percentile(cpu, 90))
    )
}

/// SkimMatcherV2 over every text on 2 threads, best 50.
fn bruteforce(texts: &[String], q: &str) -> Vec<(i64, usize)> {
    let matcher = SkimMatcherV2::default();
    let half = texts.len().div_ceil(2);
    let mut all: Vec<(i64, usize)> = std::thread::scope(|s| {
        let parts: Vec<_> = texts
            .chunks(half.max(1))
            .enumerate()
            .map(|(c, chunk)| {
                let m = &matcher;
                s.spawn(move || {
                    chunk
                        .iter()
                        .enumerate()
                        .filter_map(|(i, t)| m.fuzzy_match(t, q).map(|sc| (sc, c * half + i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    all.truncate(LIMIT);
    all
}

/// nucleo-matcher: one `Pattern` parsed from the keystroke (smart case, so a folded query
/// ignores case), every item scored on 2 threads with a `Matcher` each; best 50 by score,
/// then item order.
fn nucleo(items: &[Utf32String], q: &str) -> Vec<(u32, usize)> {
    let pattern = Pattern::parse(q, CaseMatching::Smart, Normalization::Smart);
    let half = items.len().div_ceil(2);
    let mut all: Vec<(u32, usize)> = std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(half.max(1))
            .enumerate()
            .map(|(c, chunk)| {
                let pattern = &pattern;
                s.spawn(move || {
                    let mut matcher = Matcher::new(Config::DEFAULT);
                    chunk
                        .iter()
                        .enumerate()
                        .filter_map(|(i, t)| {
                            pattern
                                .score(t.slice(..), &mut matcher)
                                .map(|sc| (sc, c * half + i))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    all.truncate(LIMIT);
    all
}

/// CPU time of the calling thread (wall time also counts the time other processes hold
/// the cores).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the valid, exclusively borrowed `ts`.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time of the whole process (user + system).
fn process_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value for getrusage to overwrite.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes one rusage into the valid, exclusively borrowed `ru`.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, (t.tv_usec as u32) * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Runs `search` on each keystroke's query: the wall time and the process's CPU time of each.
fn timed<'a, T>(
    queries: impl Iterator<Item = &'a String>,
    mut search: impl FnMut(&str) -> T,
) -> (Vec<Duration>, Vec<Duration>) {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for q in queries {
        let t = Instant::now();
        let c = process_cpu();
        let top = search(q);
        wall.push(t.elapsed());
        cpu.push(process_cpu().saturating_sub(c));
        std::hint::black_box(top);
    }
    (wall, cpu)
}
