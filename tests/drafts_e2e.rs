//! End-to-end (issue 7 item 2): the real binary in a pseudo-terminal types a two-line
//! outcome note, gets SIGHUP (a dropped SSH link), and a new `sourcing --store` on the same
//! store and the same `XDG_STATE_HOME` reopens the outcome form with both lines and the
//! "Brouillon du … restauré" line; Ctrl-C then asks before quitting, and yes removes the
//! draft.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::seed_store;
use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Longest wait for something to appear (a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(60);

struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Pty {
    /// `sourcing --store STORE` with `XDG_STATE_HOME=STATE`, in French, on 80×24.
    fn spawn(store: &Path, state_home: &Path) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sourcing"));
        cmd.arg("--store");
        cmd.arg(store.as_os_str());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "fr_FR.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env_remove("SOURCING_STORE");
        cmd.env("USER", "acheteur-e2e");
        cmd.env("XDG_STATE_HOME", state_home.as_os_str());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let p = parser.clone();
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            child,
            writer,
            parser,
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
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }

    fn signal(&self, sig: i32) {
        let pid = self.child.process_id().unwrap() as i32;
        unsafe {
            libc::kill(pid, sig);
        }
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
        let _ = self.child.kill();
        panic!("the process did not exit:\n{}", self.screen());
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed assertion must not leave the binary running.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Opens the detail of the supplier found by `query`.
fn open_supplier(ui: &mut Pty, query: &str) {
    ui.wait_for("8 fournisseurs");
    ui.wait_for("Cœur de Forêt"); // the list is searchable
    ui.send(&format!("/{query}"));
    ui.wait_for("1 résultat");
    ui.send("\r\r");
    ui.wait_for("Historique des rendez-vous");
}

/// The names of the drafts kept for `store` under `state_home`.
fn drafts(state_home: &Path, store: &Path) -> Vec<String> {
    let dir = sourcing::app::drafts::DraftDir::under(state_home, store);
    match std::fs::read_dir(dir.path()) {
        Ok(rd) => rd
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_two_line_note_survives_sighup_and_is_restored_after_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    seed_store(tmp.path());

    let mut ui = Pty::spawn(tmp.path(), state.path());
    open_supplier(&mut ui, "chauffage");
    ui.send("m");
    ui.wait_for("Planifier un rendez-vous");
    ui.send("\r");
    ui.wait_for("Rendez-vous planifié");
    ui.send("o");
    ui.wait_for("Compte rendu —");
    ui.send("\t\t"); // next step, rating, notes
    ui.send("Première ligne\rDeuxième ligne");
    ui.wait_for("Deuxième ligne");
    // A dropped SSH link, right after the last keystroke.
    ui.signal(libc::SIGHUP);
    let status = ui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let kept = drafts(state.path(), tmp.path());
    assert_eq!(kept.len(), 1, "drafts: {kept:?}");
    assert!(kept[0].starts_with("outcome-"), "drafts: {kept:?}");

    let mut ui = Pty::spawn(tmp.path(), state.path());
    open_supplier(&mut ui, "chauffage");
    ui.send("o");
    ui.wait_for("Compte rendu —");
    ui.wait_for("Première ligne");
    ui.wait_for("Deuxième ligne");
    ui.wait_for("Brouillon du ");
    ui.wait_for(" restauré");

    // Ctrl-C on the restored (unsaved) text asks; yes quits and drops the draft.
    ui.send("\x03");
    ui.wait_for("Abandonner les modifications ? (o/n)");
    ui.send("o");
    let status = ui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(drafts(state.path(), tmp.path()).is_empty());
}
