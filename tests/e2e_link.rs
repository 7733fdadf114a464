//! End-to-end, the real binary on a pseudo-terminal whose master side the test alone holds
//! (tests/link_pty): losing the terminal ends the process quickly and cheaply and frees the
//! store, with or without SIGHUP; the demo's temporary folder goes too; a split arrow key
//! is an arrow key; Latin-1 bytes are letters, and a non-UTF-8 locale is told how to fix.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;
mod link_pty;

use common::seed_store;
use link_pty::{Pty, Reaped, Spawn};
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

/// Longest wait for something to appear (a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(60);
/// Longest time from closing the terminal to the process reaped.
const REAP_LIMIT: Duration = Duration::from_secs(20);
/// Most CPU the process may use between losing its terminal and ending.
const CPU_LIMIT: f64 = 0.3;

fn bin() -> &'static OsStr {
    OsStr::new(env!("CARGO_BIN_EXE_sourcing"))
}

fn spawn_store(store: &Path, opts: &Spawn) -> Pty {
    let mut opts = opts.clone();
    let state = store.join("xdg-state");
    opts.env
        .push(("XDG_STATE_HOME".into(), state.display().to_string()));
    Pty::spawn(bin(), &[OsStr::new("--store"), store.as_os_str()], &opts).unwrap()
}

#[track_caller]
fn wait_for(ui: &Pty, text: &str) {
    assert!(
        ui.wait_for(text, PATIENCE),
        "the screen never showed {text:?}:\n{}",
        ui.screen()
    );
}

/// Closes the terminal with the TUI open; checks the process is reaped in time, used
/// almost no CPU meanwhile and ended on its own (not killed). Returns how it ended.
#[track_caller]
fn lose_terminal(ui: &mut Pty) -> Reaped {
    let before = ui.cpu_so_far().expect("the process runs");
    ui.close_master();
    let Some(end) = ui.reap_within(REAP_LIMIT) else {
        let cpu = ui.cpu_so_far().unwrap_or(f64::NAN);
        panic!("still running {REAP_LIMIT:?} after the terminal was lost (CPU {cpu:.2} s)");
    };
    let spent = end.cpu - before;
    assert!(
        spent < CPU_LIMIT,
        "{spent:.3} s of CPU between terminal loss and exit"
    );
    assert_eq!(end.signal, None, "killed by a signal: {end:?}");
    assert_eq!(end.code, Some(0), "{end:?}");
    end
}

/// The same store opens again in a new process, at once (sled's lock was released).
#[track_caller]
fn store_opens_again(store: &Path) {
    let mut ui = spawn_store(store, &Spawn::default());
    wait_for(&ui, "Cœur de Forêt");
    ui.send(b"q");
    let end = ui.reap_within(PATIENCE).expect("q quits");
    assert_eq!(end.code, Some(0));
}

fn open_on_a_search(opts: &Spawn) -> (tempfile::TempDir, Pty) {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let ui = spawn_store(tmp.path(), opts);
    wait_for(&ui, "Cœur de Forêt");
    ui.send(b"/menuiseries");
    wait_for(&ui, "1 résultat");
    (tmp, ui)
}

#[test]
fn a_lost_terminal_ends_the_process_and_frees_the_store() {
    let (tmp, mut ui) = open_on_a_search(&Spawn::default());
    lose_terminal(&mut ui);
    store_opens_again(tmp.path());
}

#[test]
fn a_lost_terminal_ends_the_process_even_with_sighup_blocked() {
    let opts = Spawn {
        block_sighup: true,
        ..Spawn::default()
    };
    let (tmp, mut ui) = open_on_a_search(&opts);
    let mask = ui.blocked_signals().expect("/proc/PID/status");
    assert_ne!(
        mask & (1 << (libc::SIGHUP - 1)),
        0,
        "SIGHUP is not blocked in the child (mask {mask:#x}): the test would prove nothing"
    );
    lose_terminal(&mut ui);
    store_opens_again(tmp.path());
}

#[test]
fn a_demo_that_loses_its_terminal_removes_its_temporary_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let opts = Spawn {
        block_sighup: true,
        env: vec![("TMPDIR".into(), tmp.path().display().to_string())],
    };
    let mut ui = Pty::spawn(bin(), &[OsStr::new("demo")], &opts).unwrap();
    // Lost while the embedded directory is still being imported: the hardest case (the
    // loader holds the store).
    wait_for(&ui, "Import de l'annuaire");
    let made: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(made.len(), 1, "the demo's temporary store is in TMPDIR");
    ui.close_master();
    let end = ui.reap_within(REAP_LIMIT).expect("the demo exits");
    assert_eq!(end.signal, None, "{end:?}");
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// The row of the list marked as selected.
fn selected_row(ui: &Pty) -> Option<String> {
    ui.screen()
        .lines()
        .find(|l| l.contains('▶'))
        .map(|l| l.trim().to_string())
}

#[test]
fn a_split_arrow_key_moves_the_selection_and_a_lone_escape_is_esc() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let ui = spawn_store(tmp.path(), &Spawn::default());
    wait_for(&ui, "Cœur de Forêt");
    let first = selected_row(&ui).expect("a selected row");
    // Down, as a slow link delivers it: ESC, then "[B" 50 ms later.
    ui.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(50));
    ui.send(b"[B");
    assert!(
        ui.wait_until(PATIENCE, |p| selected_row(p).is_some_and(|r| r != first)),
        "the selection did not move:\n{}",
        ui.screen()
    );
    let second = selected_row(&ui).unwrap_or_default();
    // A lone ESC is still Esc: it leaves the search field, so "j" then moves the
    // selection instead of being typed.
    ui.send(b"/isol");
    wait_for(&ui, "2 résultats");
    assert!(!ui.cursor_hidden(), "the search field has the cursor");
    ui.send(b"\x1b");
    assert!(
        ui.wait_until(PATIENCE, |p| p.cursor_hidden()),
        "Esc did not leave the search field:\n{}",
        ui.screen()
    );
    let top = selected_row(&ui).unwrap_or_default();
    ui.send(b"j");
    assert!(
        ui.wait_until(PATIENCE, |p| selected_row(p).is_some_and(|r| r != top)),
        "j did not move the selection:\n{}",
        ui.screen()
    );
    assert!(ui.screen().contains("2 résultats"), "{}", ui.screen());
    assert_ne!(first, second);
    ui.send(b"q");
}

#[test]
fn latin1_bytes_are_letters_and_a_non_utf8_locale_is_told_how_to_fix_it() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let opts = Spawn {
        env: vec![("LANG".into(), "fr_FR.ISO-8859-1".into())],
        ..Spawn::default()
    };
    let ui = spawn_store(tmp.path(), &opts);
    wait_for(&ui, "Cœur de Forêt");
    // "école" typed on a Latin-1 PuTTY: 0xE9 for é.
    ui.send(b"/\xe9cole");
    wait_for(&ui, "école");
    wait_for(&ui, "1 résultat");
    let screen = ui.screen();
    let banner = screen.lines().next().unwrap_or_default();
    assert!(
        banner.contains("UTF-8") && banner.contains("PuTTY") && banner.is_ascii(),
        "no ASCII banner on the first line:\n{screen}"
    );
    ui.send(b"\x1b");
    ui.send(b"q");
}

#[test]
fn a_resize_redraws_the_screen_at_the_new_size() {
    const PATIENCE: Duration = Duration::from_secs(20);
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let ui = spawn_store(tmp.path(), &Spawn::default());
    wait_for(&ui, "Cœur de Forêt");
    // Start-up done (no more frames from the loader), so only the resize can redraw.
    assert!(ui.wait_quiet(Duration::from_millis(500), PATIENCE));
    // A tmux client reattaching with a larger window: SIGWINCH, then a full redraw whose
    // right-aligned help hint ends in the new last column.
    ui.resize(30, 100);
    let hint = "? aide · q quitter";
    assert!(
        ui.wait_until(PATIENCE, |p| {
            let s = p.screen();
            let first = s.lines().next().unwrap_or_default().trim_end().to_string();
            first.ends_with(hint) && first.chars().count() == 100
        }),
        "no redraw at 100 columns:\n{}",
        ui.screen()
    );
    ui.send(b"q");
}
