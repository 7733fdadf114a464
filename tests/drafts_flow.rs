//! Issue 7, item 2 (no lost typing) and item 5 (tiny window), through the production path
//! (key events → keymap → update → ui::draw) on ratatui's TestBackend: closing a form with
//! unsaved changes asks first, and 'n' keeps the text; drafts are written to the state
//! folder off the input thread, restored when the form reopens after a restart, and removed
//! when the form is saved or discarded; below 60×15 keys do nothing but quit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, Harness};
use ratatui::crossterm::event::KeyCode;
use sourcing::app::state::Modal;
use sourcing::domain::MeetingStatus;
use sourcing::store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ASK: &str = "Abandonner les modifications ? (o/n)";
const OUTCOME: &str = "Compte rendu —";

fn store(dir: &Path) -> Arc<dyn Store> {
    Arc::new(common::open_store(dir))
}

/// Plans a meeting with the supplier found by `query` (from its detail) and opens its
/// outcome form.
fn open_outcome(ui: &mut Harness, query: &str) {
    ui.keys(&format!("/{query}"))
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    ui.assert_shows("Historique des rendez-vous");
    if ui.app.state.meetings.is_empty() {
        ui.keys("m");
        ui.assert_shows("Planifier un rendez-vous");
        ui.key(KeyCode::Enter);
        ui.assert_shows("Rendez-vous planifié");
    }
    ui.keys("o");
    ui.assert_shows(OUTCOME);
}

/// From the outcome form's first field: two lines of notes.
fn type_two_lines(ui: &mut Harness) {
    ui.key(KeyCode::Tab).key(KeyCode::Tab);
    ui.keys("Première ligne").key(KeyCode::Enter);
    ui.keys("Deuxième ligne");
    ui.assert_shows("Première ligne");
    ui.assert_shows("Deuxième ligne");
}

fn draft_file(state_home: &Path, store_dir: &Path, form: &str) -> PathBuf {
    sourcing::app::drafts::DraftDir::under(state_home, store_dir).file(form)
}

fn outcome_draft(state_home: &Path, store_dir: &Path, ui: &Harness) -> PathBuf {
    let m = ui.app.state.meetings[0].id;
    draft_file(state_home, store_dir, &format!("outcome-{m}"))
}

#[test]
fn esc_on_a_dirty_outcome_form_asks_and_no_keeps_the_text() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = Harness::with_drafts(store(tmp.path()), tmp.path(), home.path(), 80, 24);
    open_outcome(&mut ui, "chauffage");

    // Unchanged: Esc closes without a question.
    ui.key(KeyCode::Esc);
    ui.assert_not_shows(OUTCOME);
    ui.assert_not_shows(ASK);
    ui.keys("o");
    type_two_lines(&mut ui);

    // The draft reaches the disk without any flush: the writer thread, within a second of
    // the last keystroke (bounded wait, generous for a loaded machine).
    let file = outcome_draft(home.path(), tmp.path(), &ui);
    let start = Instant::now();
    while !std::fs::read_to_string(&file).is_ok_and(|s| s.contains("Deuxième ligne")) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "draft never written"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "draft readable by others");
        let dir = file.parent().unwrap();
        let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }

    // Esc asks; while asked, other keys do nothing; 'n' keeps the form and the text.
    ui.key(KeyCode::Esc);
    ui.assert_shows(ASK);
    ui.assert_shows(OUTCOME);
    ui.keys("x");
    ui.assert_shows(ASK);
    ui.assert_not_shows("Deuxième lignex");
    ui.keys("n");
    ui.assert_not_shows(ASK);
    ui.assert_shows(OUTCOME);
    ui.assert_shows("Première ligne");
    ui.keys(" suite");
    ui.assert_shows("Deuxième ligne suite");

    // Ctrl-G asks the same; Esc is "no" too.
    ui.ctrl('g');
    ui.assert_shows(ASK);
    ui.key(KeyCode::Esc);
    ui.assert_shows("Deuxième ligne suite");
    ui.app.flush_drafts();
    assert!(file.exists(), "the draft stays until the buyer answers yes");

    // 'o' discards: the form closes and its draft is removed.
    ui.ctrl('g');
    ui.keys("o");
    ui.assert_not_shows(OUTCOME);
    ui.assert_not_shows(ASK);
    ui.app.flush_drafts();
    assert!(!file.exists(), "discarded draft left at {}", file.display());
    ui.keys("o");
    ui.assert_shows(OUTCOME);
    ui.assert_not_shows("Première ligne");
    ui.assert_not_shows("Brouillon du");
}

#[test]
fn draft_is_restored_after_a_restart_and_removed_on_save() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let file = {
        let mut ui = Harness::with_drafts(store(tmp.path()), tmp.path(), home.path(), 80, 24);
        open_outcome(&mut ui, "chauffage");
        type_two_lines(&mut ui);
        // The way out of `sourcing` (quit, SIGHUP, terminal lost): flush, then exit.
        ui.app.flush_drafts();
        outcome_draft(home.path(), tmp.path(), &ui)
    };
    assert!(file.exists());

    // A new app on the same store and state folder, three hours later.
    let mut ui = Harness::with_drafts(store(tmp.path()), tmp.path(), home.path(), 80, 24);
    ui.app.services.now = std::sync::Arc::new(|| "2026-12-03T12:05:00Z".parse().unwrap());
    open_outcome(&mut ui, "chauffage");
    ui.assert_shows("Première ligne");
    ui.assert_shows("Deuxième ligne");
    // Stamped with the (pinned) clock of the change, in Paris time.
    ui.assert_shows("Brouillon du 03/12 10:05 restauré");
    // Reopening does not re-stamp the draft; the next change does.
    let dir = sourcing::app::drafts::DraftDir::under(home.path(), tmp.path());
    let form = file.file_name().unwrap().to_str().unwrap().to_string();
    let stamp = |dir: &sourcing::app::drafts::DraftDir| {
        dir.read(&form).unwrap().unwrap().changed_at.to_string()
    };
    ui.app.flush_drafts();
    assert_eq!(stamp(&dir), "2026-12-03T09:05:00Z");
    ui.keys(" !");
    ui.app.flush_drafts();
    assert_eq!(stamp(&dir), "2026-12-03T12:05:00Z");

    // Restored text counts as unsaved: Esc asks.
    ui.key(KeyCode::Esc);
    ui.assert_shows(ASK);
    ui.keys("n");

    // Saving removes the draft (once rated: an untouched rating is no rating); reopening
    // shows the saved version, without a draft line.
    ui.key(KeyCode::BackTab).keys("4");
    ui.ctrl('s');
    ui.assert_shows("Compte rendu enregistré");
    ui.app.flush_drafts();
    assert!(!file.exists(), "draft kept after save");
    ui.keys("o");
    match &ui.app.state.modal {
        Some(Modal::Outcome(f)) => assert_eq!(f.version, 2, "the saved version is 1"),
        other => panic!("no outcome form: {other:?}"),
    }
    ui.assert_shows("Deuxième ligne"); // prefilled from the saved version
    ui.assert_not_shows("Brouillon du");
}

#[test]
fn ctrl_c_in_a_dirty_need_form_asks_before_quitting_and_the_draft_survives() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let file = draft_file(home.path(), tmp.path(), "need-new");
    {
        let mut ui = Harness::with_drafts(store(tmp.path()), tmp.path(), home.path(), 80, 24);
        ui.keys("2c");
        ui.assert_shows("Nouveau besoin");
        ui.keys("Isolation des gymnases");
        ui.ctrl('c');
        ui.assert_shows(ASK);
        assert!(!ui.app.state.quit, "Ctrl-C quit without asking");
        // Ctrl-C again answers no: the text stays.
        ui.ctrl('c');
        ui.assert_not_shows(ASK);
        ui.assert_shows("Isolation des gymnases");
        assert!(!ui.app.state.quit);
        // Leaving another way (SIGHUP): the loop ends with the form open; the draft is written.
        ui.app.flush_drafts();
    }
    assert!(file.exists());
    let mut ui = Harness::with_drafts(store(tmp.path()), tmp.path(), home.path(), 80, 24);
    ui.keys("2c");
    ui.assert_shows("Isolation des gymnases");
    ui.assert_shows("restauré");
    // Yes to the question on Ctrl-C: the draft goes, the program quits.
    ui.ctrl('c');
    ui.assert_shows(ASK);
    ui.keys("o");
    assert!(ui.app.state.quit);
    ui.app.flush_drafts();
    assert!(!file.exists());
}

#[test]
fn below_the_minimum_size_keys_do_nothing_but_quit() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = Harness::new(store(tmp.path()), 80, 24, true);
    open_outcome(&mut ui, "chauffage");
    ui.key(KeyCode::Esc);
    ui.keys("3");
    ui.assert_shows("Journée du 03/12/2026");

    ui.resize(50, 12);
    let text = ui
        .screen()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        text,
        "Agrandissez la fenêtre : 60×15 au minimum (actuellement 50×12)"
    );
    // 'x' would cancel the selected meeting, 'o' open a form, '1' change tab: blind, none acts.
    ui.keys("xo1");
    ui.paste("collé");
    ui.resize(80, 24);
    assert_eq!(ui.app.state.meetings[0].status, MeetingStatus::Planned);
    ui.assert_shows("Journée du 03/12/2026");
    ui.assert_not_shows(OUTCOME);

    // Quitting still works below the minimum.
    ui.resize(59, 24);
    ui.assert_shows("59×24)");
    ui.keys("q");
    assert!(ui.app.state.quit);
}

#[test]
fn english_question_and_tiny_window_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = Harness::with_lang(store(tmp.path()), 80, 24, true, sourcing::cli::Lang::En);
    ui.keys("2c").keys("Roof insulation");
    ui.key(KeyCode::Esc);
    ui.assert_shows("Discard changes? (y/n)");
    ui.keys("y");
    ui.assert_not_shows("Roof insulation");
    ui.resize(40, 10);
    ui.assert_shows("(currently 40×10)");
}

#[test]
fn an_unreadable_draft_is_reported_and_the_form_opens_without_it() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let file = draft_file(home.path(), tmp.path(), "need-new");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "{\"format\": 1, \"titre\u{1b}]0;piège\u{7}").unwrap();
    let mut ui = Harness::with_drafts(store(tmp.path()), tmp.path(), home.path(), 80, 24);
    ui.keys("2c");
    ui.assert_shows("Nouveau besoin");
    ui.assert_shows("Brouillon ignoré, illisible");
    ui.assert_not_shows("piège");
    // Typing replaces it with a good draft.
    ui.keys("Nettoyage des vitres");
    ui.app.flush_drafts();
    let d = sourcing::app::drafts::DraftDir::under(home.path(), tmp.path());
    assert!(d.read("need-new").unwrap().is_some());
}
