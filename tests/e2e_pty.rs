//! End-to-end: the real binary in a pseudo-terminal (portable-pty), its output parsed by a
//! vt100 emulator. Search, plan, mark held, log an outcome, quit with q, start again on the
//! same store and find the outcome; the terminal modes are restored on quit and on SIGHUP;
//! an outcome confirmed on screen survives a SIGKILL sent right after the confirmation; a
//! store held by another process is refused before the terminal is touched.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::seed_store;
use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Longest wait for something to appear (a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(60);

struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    raw: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Set by the reader thread when the pty reached end of output.
    eof: Arc<AtomicBool>,
}

impl Pty {
    fn spawn(store: &Path) -> Pty {
        Self::spawn_args(&["--store".as_ref(), store.as_os_str()], &[])
    }

    fn spawn_args(args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> Pty {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sourcing"));
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "fr_FR.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("SOURCING_STORE");
        cmd.env("USER", "acheteur-e2e");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let eof = Arc::new(AtomicBool::new(false));
        let (r, p, e) = (raw.clone(), parser.clone(), eof.clone());
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
            e.store(true, Ordering::SeqCst);
        });
        Pty {
            child,
            writer,
            raw,
            parser,
            eof,
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text` (fails with the screen after [`PATIENCE`]).
    #[track_caller]
    fn wait_for(&self, text: &str) {
        self.wait_until(text, |s| s.contains(text));
    }

    /// Waits until `ok(screen)` (fails with the screen after [`PATIENCE`]).
    #[track_caller]
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if ok(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {what:?}:\n{}", self.screen());
    }

    fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    /// Waits for the process to end; its exit status.
    #[track_caller]
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the process did not exit:\n{}", self.screen());
    }

    /// Everything the program wrote, as text (escape sequences included).
    fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Everything the program wrote, once the reader saw the end of the output (the
    /// process exited and the pty closed).
    #[track_caller]
    fn output_after_exit(&self) -> String {
        let start = Instant::now();
        while !self.eof.load(Ordering::SeqCst) {
            assert!(start.elapsed() < PATIENCE, "the pty never closed");
            std::thread::sleep(Duration::from_millis(10));
        }
        self.output()
    }
}

/// Opens the supplier found by `query` and plans, holds and reports a meeting with it.
fn log_outcome(ui: &mut Pty, query: &str, note: &str) {
    ui.wait_for("8 fournisseurs");
    ui.wait_for("Cœur de Forêt"); // the list is searchable
    ui.send(&format!("/{query}"));
    ui.wait_for("1 résultat");
    ui.send("\r\r");
    ui.wait_for("Historique des rendez-vous");
    ui.send("m");
    ui.wait_for("Planifier un rendez-vous");
    ui.send("\r");
    ui.wait_for("Rendez-vous planifié");
    ui.send("h");
    ui.wait_for("· tenu");
    ui.send("o");
    ui.wait_for("Compte rendu —");
    ui.send("\x1b[C\t5\t"); // next step → "Demander un devis", rating 5, notes
    ui.wait_for("★★★★★ 5/5");
    ui.send(note);
    ui.send("\x13"); // Ctrl-S
    ui.wait_for("Compte rendu enregistré");
}

const RESTORE: [(&str, &str); 3] = [
    ("\x1b[?1049l", "leave the alternate screen"),
    ("\x1b[?2004l", "disable bracketed paste"),
    ("\x1b[?25h", "show the cursor"),
];

#[test]
fn outcome_survives_quit_and_restart_and_terminal_is_restored() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());

    let mut ui = Pty::spawn(tmp.path());
    log_outcome(&mut ui, "isolations thermiques", "Rappel e2e");
    ui.send("\x07q"); // Ctrl-G closes nothing here; q quits
    let status = ui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let out = ui.output_after_exit();
    assert!(
        out.contains("\x1b[?1049h"),
        "the alternate screen was never entered"
    );
    assert!(
        out.contains("\x1b[?2004h"),
        "bracketed paste was never enabled"
    );
    let tail = &out[out.rfind("Compte rendu enregistré").unwrap()..];
    for (seq, what) in RESTORE {
        assert!(
            tail.contains(seq),
            "after quit the program did not {what} ({seq:?})"
        );
    }

    let mut ui = Pty::spawn(tmp.path());
    ui.wait_for("Cœur de Forêt");
    ui.send("/isolations thermiques");
    ui.wait_for("1 résultat");
    ui.send("\r\r");
    ui.wait_for("Rappel e2e");
    ui.wait_for("v1 · Demander un devis / des informations");
    ui.send("q");
    assert!(ui.wait_exit().success());
}

#[test]
fn confirmed_outcome_survives_kill_9() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = Pty::spawn(tmp.path());
    log_outcome(&mut ui, "chauffage", "Noté avant le kill");
    // SIGKILL right after the confirmation appeared: no handler, no flush, no restore.
    unsafe {
        libc::kill(ui.pid(), libc::SIGKILL);
    }
    let status = ui.wait_exit();
    assert!(!status.success());

    let mut ui = Pty::spawn(tmp.path());
    ui.wait_for("Cœur de Forêt");
    ui.send("/chauffage");
    ui.wait_for("1 résultat");
    ui.send("\r\r");
    ui.wait_for("Noté avant le kill");
    ui.send("q");
    assert!(ui.wait_exit().success());
}

#[test]
fn sighup_restores_the_terminal_and_exits_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = Pty::spawn(tmp.path());
    ui.wait_for("Cœur de Forêt");
    ui.send("/menuiseries");
    ui.wait_for("1 résultat");
    // A dropped SSH link: SIGHUP.
    unsafe {
        libc::kill(ui.pid(), libc::SIGHUP);
    }
    let status = ui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let out = ui.output_after_exit();
    let tail = &out[out.rfind("1 résultat").unwrap()..];
    for (seq, what) in RESTORE {
        assert!(
            tail.contains(seq),
            "after SIGHUP the program did not {what} ({seq:?})"
        );
    }
}

#[test]
fn locked_store_is_refused_before_the_terminal_is_touched() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let held = common::open_store(tmp.path());
    let mut ui = Pty::spawn(tmp.path());
    let status = ui.wait_exit();
    assert_eq!(status.exit_code(), 1);
    let out = ui.output_after_exit();
    assert!(out.contains("déjà ouvert par un autre processus"), "{out}");
    assert!(
        !out.contains("\x1b[?1049h"),
        "the terminal was touched: {out:?}"
    );
    drop(held);
}

/// `sourcing demo`: the first frame shows progress while the embedded directory (about
/// 14,000 real suppliers) is imported and indexed; then the count and search work. With
/// SOURCING_TIMING=1 the start-up times are printed after the terminal is restored (shown
/// with `--nocapture`; no assertion on them).
#[test]
fn demo_imports_the_embedded_directory_and_searches_it() {
    let mut ui = Pty::spawn_args(
        &["demo".as_ref()],
        &[
            ("SOURCING_TIMING", "1"),
            ("SOURCING_BUYER_NAME", "Marie Dupuis"),
        ],
    );
    ui.wait_for("premiers sur"); // the first results of the empty query: searchable
    let screen = ui.screen();
    // The buyer is shown by name and login (issue 13: never "acheteur acheteur").
    assert!(screen.contains("Marie Dupuis ("), "{screen}");
    let count: String = screen
        .lines()
        .find(|l| l.contains("fournisseurs ·"))
        .unwrap()
        .trim_start()
        .split(" fournisseurs")
        .next()
        .unwrap()
        .replace(' ', "");
    let count: usize = count.parse().unwrap_or(0);
    assert!(
        count > 10_000,
        "the demo loaded {count} suppliers:\n{screen}"
    );
    ui.send("/energie");
    // Results of the query: the first rows name "ENERGIE", "Énergie"…
    ui.wait_until("suppliers named …energie…", |s| {
        let rows: Vec<String> = s
            .lines()
            .skip(5)
            .take(3)
            .map(|l| l.to_lowercase())
            .collect();
        rows.len() == 3
            && rows
                .iter()
                .all(|l| l.contains("energie") || l.contains("énergie"))
    });
    // Quitting the demo asks, saying that its work is erased.
    ui.send("\rq");
    ui.wait_for("Quitter la démo ? Tout ce qui y a été saisi est effacé. (o/n)");
    ui.send("o");
    assert!(ui.wait_exit().success());
    let out = ui.output_after_exit();
    let timing = out
        .lines()
        .find(|l| l.contains("premier écran"))
        .expect("SOURCING_TIMING line");
    println!("{}", &timing[timing.find("sourcing :").unwrap_or(0)..]);
}
