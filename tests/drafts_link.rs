//! Drafts across a lost link (issue 7 item 2, with the input of item 1): a two-line outcome
//! note being typed survives a terminal that disappears (every master descriptor closed,
//! SIGHUP blocked so only the end of input tells), and a split arrow key (ESC, then `[A`
//! 50 ms later, as over a slow link) moves in the note instead of closing the form. In each
//! case a new `sourcing --store` on the same store and `XDG_STATE_HOME` offers the draft.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;
#[path = "link_pty/mod.rs"]
mod link_pty;

use link_pty::{Pty, Spawn};
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

fn spawn(store: &Path, state: &Path, block_sighup: bool) -> Pty {
    let opts = Spawn {
        block_sighup,
        env: vec![("XDG_STATE_HOME".into(), state.display().to_string())],
    };
    let args: [&OsStr; 2] = ["--store".as_ref(), store.as_os_str()];
    Pty::spawn(OsStr::new(env!("CARGO_BIN_EXE_sourcing")), &args, &opts).unwrap()
}

#[track_caller]
fn wait_for(ui: &Pty, text: &str) {
    assert!(
        ui.wait_for(text, PATIENCE),
        "the screen never showed {text:?}:\n{}",
        ui.screen()
    );
}

/// Plans a meeting with the heating firm and opens its outcome form on the notes field.
fn open_outcome_notes(ui: &Pty, plan: bool) {
    wait_for(ui, "8 fournisseurs");
    wait_for(ui, "Cœur de Forêt");
    ui.send(b"/chauffage");
    wait_for(ui, "1 résultat");
    ui.send(b"\r\r");
    wait_for(ui, "Historique des rendez-vous");
    if plan {
        ui.send(b"m");
        wait_for(ui, "Planifier un rendez-vous");
        ui.send(b"\r");
        wait_for(ui, "Rendez-vous planifié");
    }
    ui.send(b"o");
    wait_for(ui, "Compte rendu —");
}

fn restored_after_restart(store: &Path, state: &Path) {
    let mut ui = spawn(store, state, false);
    open_outcome_notes(&ui, false);
    wait_for(&ui, "Première ligne");
    wait_for(&ui, "Deuxième ligne");
    wait_for(&ui, "Brouillon du ");
    ui.signal(libc::SIGTERM);
    assert!(ui.reap_within(PATIENCE).is_some());
}

#[test]
fn a_note_being_typed_survives_a_lost_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    common::seed_store(tmp.path());
    let mut ui = spawn(tmp.path(), state.path(), true);
    open_outcome_notes(&ui, true);
    ui.send(b"\t\tPremi\xc3\xa8re ligne\rDeuxi\xc3\xa8me ligne");
    wait_for(&ui, "Deuxième ligne");
    // The link goes: no SIGHUP gets through, only the end of input.
    ui.close_master();
    let reaped = ui.reap_within(Duration::from_secs(20));
    assert!(
        reaped.is_some(),
        "still running after the terminal was lost"
    );
    restored_after_restart(tmp.path(), state.path());
}

#[test]
fn a_split_arrow_key_moves_in_the_note_and_never_closes_the_form() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    common::seed_store(tmp.path());
    let mut ui = spawn(tmp.path(), state.path(), false);
    open_outcome_notes(&ui, true);
    ui.send(b"\t\tPremi\xc3\xa8re ligne\rDeuxi\xc3\xa8me ligne");
    wait_for(&ui, "Deuxième ligne");
    // Up arrow, its bytes 50 ms apart: read as one key, it moves to the first line.
    ui.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(50));
    ui.send(b"[A");
    ui.send(b" !");
    wait_for(&ui, "Première ligne !");
    assert!(
        !ui.screen().contains("Abandonner les modifications"),
        "the split arrow was read as Esc:\n{}",
        ui.screen()
    );
    wait_for(&ui, "Compte rendu —");
    ui.signal(libc::SIGHUP);
    assert!(ui.reap_within(PATIENCE).is_some());
    let mut again = spawn(tmp.path(), state.path(), false);
    open_outcome_notes(&again, false);
    wait_for(&again, "Première ligne !");
    wait_for(&again, "Brouillon du ");
    again.signal(libc::SIGTERM);
    assert!(again.reap_within(PATIENCE).is_some());
}
