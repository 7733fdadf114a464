//! The organiser's day form in the agenda, driven by keystrokes through the real loop:
//! `c` creates a day from a form filled with a typical day, `e` edits the day shown (an
//! edit that displaces meetings lists them and asks before moving them), `X` removes a
//! day after asking; the outcome form ticks the need's documents given. Each step is
//! checked on the screen and in the store.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, today, Harness};
use ratatui::crossterm::event::KeyCode;
use sourcing::domain::forum::local_hm;
use sourcing::domain::{Event, Meeting, MeetingStatus};
use sourcing::store::Store;
use std::sync::Arc;

/// A store with the sample suppliers (the interface is opened once the test has written
/// what it needs, as a buyer opens it on the organiser's store).
fn setup() -> (tempfile::TempDir, Arc<dyn Store>) {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
    (tmp, store)
}

fn open(store: &Arc<dyn Store>) -> Harness {
    Harness::new(store.clone(), 120, 40, true)
}

/// Replaces the text of the focused field.
fn retype(ui: &mut Harness, text: &str) {
    ui.ctrl('u').keys(text);
}

#[test]
fn an_organiser_creates_a_day_from_the_form_and_refuses_bad_hours() {
    let (_tmp, store) = setup();
    let mut ui = open(&store);
    ui.keys("3");
    ui.assert_shows("Aucune journée de forum");
    ui.keys("c");
    ui.assert_shows("Nouvelle journée du forum");
    ui.assert_shows("03/12/2026");
    ui.assert_shows("20 créneaux, de 09:00 à 16:50");
    ui.key(KeyCode::Tab);
    ui.keys("Forum Bâtiment & Énergie").key(KeyCode::Tab);
    ui.keys("Saint-Ouen").key(KeyCode::Tab);
    retype(&mut ui, "midi");
    ui.ctrl('s');
    ui.assert_shows("Ouverture : heure illisible « midi »");
    assert!(store.forum_days().unwrap().is_empty(), "nothing saved");
    retype(&mut ui, "8h30");
    ui.key(KeyCode::Tab).key(KeyCode::Tab);
    retype(&mut ui, "30");
    // The slots line follows what is typed.
    ui.assert_shows("créneaux, de 08:30 à");
    ui.key(KeyCode::Tab);
    retype(&mut ui, "Déjeuner 12:30-13:30 ; Pause 15h-15h15");
    ui.key(KeyCode::Tab);
    retype(&mut ui, "Seine @ salle 1 ; Marne");
    ui.key(KeyCode::Tab).keys("4");
    ui.ctrl('s');
    ui.assert_shows("Journée de forum créée : 03/12/2026 (14 créneaux, 2 tables)");
    ui.assert_shows("Seine");
    ui.assert_shows("Marne");
    ui.assert_shows("08:30");
    let days = store.forum_days().unwrap();
    assert_eq!(days.len(), 1);
    let d = &days[0];
    assert_eq!(d.title, "Forum Bâtiment & Énergie");
    assert_eq!(d.place, "Saint-Ouen");
    assert_eq!(d.slot_minutes, 30);
    assert_eq!(d.breaks.len(), 2);
    assert_eq!(d.breaks[1].label, "Pause");
    let tables: Vec<(&str, &str)> = d
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.room.as_str()))
        .collect();
    assert_eq!(tables, [("Seine", "salle 1"), ("Marne", "")]);
    assert_eq!(d.max_per_supplier, Some(4));
    assert_eq!(d.max_per_buyer, None);
    // `c` proposes the next date; a second day on the same date is refused.
    ui.keys("c");
    ui.assert_shows("04/12/2026");
    retype(&mut ui, "03/12/2026");
    ui.ctrl('s');
    ui.assert_shows("Une journée existe déjà le 03/12/2026");
    assert_eq!(store.forum_days().unwrap().len(), 1);
    ui.ctrl('g').keys("o");
    ui.assert_not_shows("Nouvelle journée du forum");
}

#[test]
fn an_edit_that_displaces_a_meeting_lists_it_and_moves_it_only_when_confirmed() {
    let (_tmp, store) = setup();
    let day = sourcing::domain::ForumDay::typical(today());
    store.save_forum_day(day.clone(), "orga").unwrap();
    let supplier = sourcing::testing::all_suppliers(&*store).unwrap()[0].clone();
    let last = *day.slots().last().unwrap();
    let m = store
        .plan_meeting(
            Meeting {
                supplier: supplier.id,
                buyers: vec!["mdupuis".into()],
                day: today(),
                start: last.start,
                table: 2,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let journal_before = store.journal().unwrap().len();
    let mut ui = open(&store);
    ui.keys("3");
    ui.keys("e");
    ui.assert_shows("Modifier la journée du 03/12/2026");
    // The date of an edited day cannot be typed in: Tab from the title wraps past it.
    for _ in 0..3 {
        ui.key(KeyCode::Tab);
    }
    ui.assert_shows("▶ Fermeture");
    retype(&mut ui, "15:00");
    ui.ctrl('s');
    ui.assert_shows("Ce changement laisserait ces rendez-vous hors des créneaux");
    ui.assert_shows(&format!(
        "{} Table 2 : {}",
        local_hm(last.start),
        supplier.name
    ));
    ui.assert_shows("Enregistrer et déplacer ce rendez-vous comme indiqué ? (o/n)");
    // No: nothing changes, the form stays open with the list.
    ui.keys("n");
    ui.assert_shows("Modifier la journée du 03/12/2026");
    assert_eq!(store.forum_days().unwrap()[0].closes, day.closes);
    assert_eq!(store.journal().unwrap().len(), journal_before);
    // Yes: the day is saved and the meeting goes to its nearest free slot, journaled.
    ui.ctrl('s');
    ui.keys("o");
    ui.assert_shows("Journée du 03/12/2026 enregistrée");
    ui.assert_shows("rendez-vous déplacés : 1");
    let saved = store.forum_days().unwrap();
    assert_eq!(saved[0].closes.strftime("%H:%M").to_string(), "15:00");
    let moved = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|x| x.id == m.id)
        .unwrap();
    assert_eq!(moved.status, MeetingStatus::Planned);
    let ends = saved[0].slots().last().unwrap().end;
    assert!(moved.start < ends, "moved inside the new hours");
    assert!(store
        .journal()
        .unwrap()
        .iter()
        .any(|e| matches!(e.event, Some(Event::MeetingMoved { .. }))));
}

#[test]
fn removing_a_day_asks_then_cancels_its_planned_meetings() {
    let (_tmp, store) = setup();
    store
        .save_forum_day(sourcing::domain::ForumDay::typical(today()), "orga")
        .unwrap();
    let supplier = sourcing::testing::all_suppliers(&*store).unwrap()[0].clone();
    let m = store
        .plan_meeting(
            Meeting {
                supplier: supplier.id,
                buyers: vec!["mdupuis".into()],
                day: today(),
                start: sourcing::domain::forum::typical_start(today(), 0),
                table: 1,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let mut ui = open(&store);
    ui.keys("3X");
    ui.assert_shows(
        "Supprimer la journée du 03/12/2026 et annuler ses rendez-vous planifiés (1) ? (o/n)",
    );
    ui.keys("n");
    assert_eq!(store.forum_days().unwrap().len(), 1);
    ui.keys("X").keys("o");
    ui.assert_shows("Journée du 03/12/2026 supprimée");
    ui.assert_shows("Aucune journée de forum");
    assert!(store.forum_days().unwrap().is_empty());
    let cancelled = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|x| x.id == m.id)
        .unwrap();
    assert_eq!(
        cancelled.status,
        MeetingStatus::Cancelled,
        "kept, cancelled"
    );
}

#[test]
fn a_changed_day_form_asks_before_it_is_dropped_and_english_speaks_english() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
    let mut ui = Harness::with_lang(store.clone(), 80, 24, false, sourcing::cli::Lang::En);
    ui.keys("3c");
    ui.assert_shows("New forum day");
    ui.key(KeyCode::Tab).keys("Forum EdTech");
    ui.ctrl('g');
    ui.assert_shows("Discard changes? (y/n)");
    ui.keys("n");
    ui.assert_shows("Forum EdTech");
    ui.key(KeyCode::Tab).key(KeyCode::Tab);
    retype(&mut ui, "9.75");
    ui.ctrl('s');
    ui.assert_shows("Opens: unreadable time \"9.75\"");
    ui.ctrl('g').keys("y");
    ui.assert_shows("No forum day");
    assert!(store.forum_days().unwrap().is_empty());
}

#[test]
fn the_outcome_form_ticks_the_needs_documents_given() {
    let (_tmp, store) = setup();
    store
        .save_forum_day(sourcing::domain::ForumDay::typical(today()), "orga")
        .unwrap();
    let need = store
        .save_need(
            sourcing::domain::Need {
                title: "Isolation des lycées".into(),
                owner: "mdupuis".into(),
                status: sourcing::domain::NeedStatus::Open,
                documents: vec!["Fiche besoin".into(), "Plan du site".into()],
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let supplier = sourcing::testing::all_suppliers(&*store).unwrap()[0].clone();
    let m = store
        .plan_meeting(
            Meeting {
                supplier: supplier.id,
                buyers: vec!["mdupuis".into()],
                day: today(),
                start: sourcing::domain::forum::typical_start(today(), 0),
                table: 1,
                need: Some(need.id),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let mut ui = open(&store);
    ui.keys("3o");
    ui.assert_shows("Documents remis");
    ui.assert_shows("[ ] Fiche besoin");
    // The rating is chosen (it starts unset), then the documents.
    ui.key(KeyCode::Tab).keys("4");
    for _ in 0..3 {
        ui.key(KeyCode::Tab);
    }
    ui.key(KeyCode::Right).keys(" ");
    ui.assert_shows("[x] Plan du site");
    ui.ctrl('s');
    ui.assert_shows("Compte rendu");
    let o = store.outcomes(m.id).unwrap();
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].documents_given, ["Plan du site"]);
}
