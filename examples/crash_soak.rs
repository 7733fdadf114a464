//! Crash soak: `cargo run --release --example crash_soak -- 200`.
//!
//! Each trial runs the real binary (target/<profile>/sourcing, built first with cargo) on a
//! pseudo-terminal, logs an outcome through the UI (search the supplier, open it, `o`,
//! next step, rating, a note unique to the trial, Ctrl-S) and sends SIGKILL the moment
//! the confirmation "✔ Compte rendu enregistré" is on screen. The store is then reopened
//! in this process and the trial's note must be there. Each trial (or one in
//! `--loss-every N`) also opens the TUI again and closes the terminal (every master-side
//! descriptor) to measure the time from terminal loss to the process reaped, and the CPU
//! it used meanwhile.
//!
//! Prints lost/total outcomes, and p50/max of loss-to-exit time and CPU.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/link_pty/mod.rs"]
mod link_pty;

use anyhow::{bail, Context as _};
use link_pty::{Pty, Spawn};
use sourcing::domain::{Meeting, MeetingStatus};
use sourcing::store::Store;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(30);
const REAP_LIMIT: Duration = Duration::from_secs(20);
const SUPPLIER: &str = "Chauffage Ventilation Francilienne";

fn main() -> anyhow::Result<()> {
    let mut trials = 200usize;
    let mut loss_every = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--loss-every" => {
                loss_every = args.next().context("--loss-every N")?.parse()?;
            }
            n => {
                trials = n
                    .parse()
                    .context("usage: crash_soak [TRIALS] [--loss-every N]")?
            }
        }
    }
    let bin = binary()?;
    println!("binaire : {}", bin.display());
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("store");
    let meeting = prepare(&dir)?;

    let mut lost = 0usize;
    let mut failed_ui = 0usize;
    let mut exits = Vec::new();
    let mut cpus = Vec::new();
    let mut stuck = 0usize;
    let started = Instant::now();
    for trial in 0..trials {
        let note = format!("soak {trial} {}", trial * 7919 % 10007);
        match log_and_kill(&bin, &dir, &note) {
            Ok(()) => {}
            Err(e) => {
                failed_ui += 1;
                eprintln!("essai {trial} : l'interface n'a pas confirmé : {e:#}");
                continue;
            }
        }
        let store = common::open_store(&dir);
        let found = store
            .outcomes(meeting)?
            .iter()
            .any(|o| o.notes.contains(&note));
        drop(store);
        if !found {
            lost += 1;
            eprintln!("essai {trial} : compte rendu confirmé PERDU ({note})");
        }
        if trial % loss_every.max(1) == 0 {
            match loss_to_exit(&bin, &dir)? {
                Some((t, cpu)) => {
                    exits.push(t);
                    cpus.push(cpu);
                }
                None => stuck += 1,
            }
        }
        if (trial + 1) % 20 == 0 {
            println!(
                "{} essais en {:.0} s, {lost} perdus",
                trial + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let confirmed = trials - failed_ui;
    println!("comptes rendus perdus après kill -9 : {lost}/{confirmed} confirmés ({trials} essais, {failed_ui} sans confirmation)");
    let ms = |d: f64| format!("{:.0} ms", d * 1000.0);
    println!(
        "perte du terminal → fin du processus ({} mesures, {stuck} bloqués > {:?}) : p50 {} ; max {}",
        exits.len(),
        REAP_LIMIT,
        ms(percentile(&mut exits, 0.5)),
        ms(percentile(&mut exits, 1.0)),
    );
    println!(
        "CPU consommé pendant ce temps : p50 {} ; max {}",
        ms(percentile(&mut cpus, 0.5)),
        ms(percentile(&mut cpus, 1.0)),
    );
    if lost > 0 || stuck > 0 {
        bail!("{lost} perdus, {stuck} bloqués");
    }
    Ok(())
}

/// target/<profile>/sourcing next to this example, built first when cargo ran us.
fn binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .context("target directory")?;
    let release = profile_dir.file_name().is_some_and(|n| n == "release");
    if let Some(cargo) = std::env::var_os("CARGO") {
        let mut cmd = std::process::Command::new(cargo);
        cmd.args(["build", "--quiet", "--bin", "sourcing"]);
        if release {
            cmd.arg("--release");
        }
        let status = cmd.status()?;
        if !status.success() {
            bail!("cargo build --bin sourcing: {status}");
        }
    }
    let bin = profile_dir.join("sourcing");
    if !bin.exists() {
        bail!("{} is missing: cargo build --release", bin.display());
    }
    Ok(bin)
}

/// Seeds the store and plans one held meeting with the soak's supplier, today, for the
/// buyer the pty runs as; returns the meeting's id.
fn prepare(dir: &Path) -> anyhow::Result<u64> {
    common::seed_store(dir);
    let store = common::open_store(dir);
    let supplier = sourcing::testing::all_suppliers(&store)?
        .into_iter()
        .find(|s| s.name == SUPPLIER)
        .context("seeded supplier")?;
    let today = jiff::Timestamp::now()
        .to_zoned(sourcing::domain::forum::forum_tz())
        .date();
    // Meetings are planned in a forum day the organiser has set up (issue 11).
    store.save_forum_day(sourcing::domain::ForumDay::typical(today), "acheteur-e2e")?;
    let m = store.plan_meeting(
        Meeting {
            supplier: supplier.id,
            buyers: vec!["acheteur-e2e".into()],
            day: today,
            start: sourcing::domain::forum::typical_start(today, 0),
            table: 1,
            ..Default::default()
        },
        "acheteur-e2e",
    )?;
    store.set_meeting_status(m.id, MeetingStatus::Held, "acheteur-e2e")?;
    Ok(m.id)
}

fn spawn(bin: &Path, dir: &Path) -> anyhow::Result<Pty> {
    let opts = Spawn {
        env: vec![(
            "XDG_STATE_HOME".into(),
            dir.join("..").join("state").display().to_string(),
        )],
        ..Spawn::default()
    };
    Ok(Pty::spawn(
        bin.as_os_str(),
        &[OsStr::new("--store"), dir.as_os_str()],
        &opts,
    )?)
}

fn wait(ui: &Pty, text: &str) -> anyhow::Result<()> {
    if ui.wait_for(text, PATIENCE) {
        Ok(())
    } else {
        bail!("never showed {text:?}:\n{}", ui.screen())
    }
}

/// Logs an outcome with `note` through the UI and SIGKILLs the process as soon as the
/// confirmation shows.
fn log_and_kill(bin: &Path, dir: &Path, note: &str) -> anyhow::Result<()> {
    let mut ui = spawn(bin, dir)?;
    wait(&ui, "Cœur de Forêt")?;
    ui.send(b"/chauffage");
    wait(&ui, "1 résultat")?;
    ui.send(b"\r\r");
    wait(&ui, "Historique des rendez-vous")?;
    ui.send(b"o");
    wait(&ui, "Compte rendu —")?;
    ui.send(b"\x1b[C\t5\t");
    wait(&ui, "5/5")?;
    ui.send(note.as_bytes());
    wait(&ui, note)?;
    ui.send(b"\x13"); // Ctrl-S
    let confirmed = ui.wait_until(PATIENCE, |p| {
        p.screen().contains("✔ Compte rendu enregistré")
    });
    ui.signal(libc::SIGKILL);
    if ui.reap_within(REAP_LIMIT).is_none() {
        bail!("not reaped after SIGKILL");
    }
    if !confirmed {
        bail!("no confirmation:\n{}", ui.screen());
    }
    Ok(())
}

/// Opens the TUI, closes its terminal; time to reaped and CPU used meanwhile (seconds), or
/// `None` when it was still running after [`REAP_LIMIT`] (then it is killed).
fn loss_to_exit(bin: &Path, dir: &Path) -> anyhow::Result<Option<(f64, f64)>> {
    let mut ui = spawn(bin, dir)?;
    wait(&ui, "Cœur de Forêt")?;
    let before = ui.cpu_so_far().context("/proc/PID/stat")?;
    let t0 = Instant::now();
    ui.close_master();
    Ok(ui
        .reap_within(REAP_LIMIT)
        .map(|end| ((end.at - t0).as_secs_f64(), (end.cpu - before).max(0.0))))
}

fn percentile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    v[i]
}
