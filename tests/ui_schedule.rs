//! The organiser's schedule in the agenda, driven by keystrokes through the real loop:
//! `p` previews what the schedule would book for the day shown (nothing written), Esc
//! leaves all as it was, Enter asks and yes books exactly the meetings previewed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, today, Harness};
use ratatui::crossterm::event::KeyCode;
use sourcing::domain::{ForumDay, Need, NeedStatus, ShortlistEntry, TriageStatus};
use sourcing::store::{DayEdit, Store};
use std::sync::Arc;

/// The sample suppliers, today's typical day, an open need of mdupuis (co-buyer alee)
/// asking to meet the first two suppliers, the second at priority 1.
fn setup() -> (tempfile::TempDir, Arc<dyn Store>, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
    store
        .edit_forum_day(ForumDay::typical(today()), DayEdit::Refuse, "orga")
        .unwrap();
    let need = store
        .save_need(
            Need {
                title: "Isolation des lycées".into(),
                owner: "mdupuis".into(),
                co_buyers: vec!["alee".into()],
                status: NeedStatus::Open,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let mut suppliers = Vec::new();
    store
        .for_each_supplier(&mut |s| {
            suppliers.push(s);
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    for (s, priority) in suppliers.iter().take(2).zip([2, 1]) {
        store
            .save_shortlist_entry(
                ShortlistEntry {
                    need: need.id,
                    supplier: s.id,
                    status: TriageStatus::ToMeet,
                    priority: Some(priority),
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
    }
    let names = suppliers.iter().take(2).map(|s| s.name.clone()).collect();
    (tmp, store, names)
}

/// The directory's first supplier.
fn first_supplier(store: &dyn Store) -> sourcing::domain::SupplierId {
    let mut first = None;
    store
        .for_each_supplier(&mut |s| {
            first = Some(s.id);
            std::ops::ControlFlow::Break(())
        })
        .unwrap();
    first.unwrap()
}

/// A meeting of mdupuis with the first supplier, today at 09:00, table 1, planned by hand.
fn plan_first_supplier(store: &dyn Store) -> sourcing::domain::Meeting {
    store
        .plan_meeting(
            sourcing::domain::Meeting {
                supplier: first_supplier(store),
                buyers: vec!["mdupuis".into()],
                day: today(),
                start: ForumDay::typical(today()).slots()[0].start,
                table: 1,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap()
}

#[test]
fn the_schedule_is_previewed_then_applied_only_once_confirmed() {
    let (_tmp, store, names) = setup();
    let mut ui = Harness::new(store.clone(), 120, 40, true);
    ui.keys("3");
    ui.keys("p");
    ui.assert_shows("Planning du 03/12/2026 — aperçu, rien n'est écrit");
    ui.assert_shows("2 demandes de rendez-vous, 2 rendez-vous proposés");
    // Priority 1 first, in the first slot; both buyers sit in it.
    ui.assert_shows(&format!("09:00  Table 1  {}", &names[1]));
    ui.assert_shows("(mdupuis, alee)  P1");
    ui.assert_shows(&format!("09:20  Table 1  {}", &names[0]));
    // Esc: nothing written.
    ui.key(KeyCode::Esc);
    ui.assert_not_shows("aperçu, rien n'est écrit");
    assert!(store.meetings().unwrap().is_empty());
    // Enter asks; no keeps the preview and writes nothing.
    ui.keys("p").key(KeyCode::Enter);
    ui.assert_shows("Planifier ces 2 rendez-vous ?");
    ui.keys("n");
    assert!(store.meetings().unwrap().is_empty());
    ui.key(KeyCode::Enter).keys("o");
    ui.assert_shows("✔ 2 rendez-vous planifiés.");
    let booked = store.meetings().unwrap();
    assert_eq!(booked.len(), 2);
    assert!(booked
        .iter()
        .all(|m| m.scheduled && m.buyers == ["mdupuis", "alee"]));
    // The requests are met: a second run proposes nothing.
    ui.keys("p");
    ui.assert_shows("Aucun nouveau rendez-vous à proposer");
    ui.key(KeyCode::Enter);
    assert_eq!(store.meetings().unwrap().len(), 2);
}

#[test]
fn a_buyer_who_is_not_an_organiser_cannot_make_the_schedule() {
    let (_tmp, store, _) = setup();
    for (login, role) in [
        ("orga", sourcing::domain::Role::Organiser),
        ("mdupuis", sourcing::domain::Role::Buyer),
    ] {
        store
            .save_buyer(
                sourcing::domain::Buyer {
                    login: login.into(),
                    display_name: login.into(),
                    service: String::new(),
                    role,
                },
                "orga",
            )
            .unwrap();
    }
    let mut ui = Harness::new(store.clone(), 80, 24, false);
    ui.keys("3").keys("p");
    ui.assert_shows("seul un organisateur fait le planning");
    assert!(store.meetings().unwrap().is_empty());
}

#[test]
fn planning_by_hand_outside_a_registration_asks_first() {
    let (_tmp, store, names) = setup();
    let first = first_supplier(&*store);
    store
        .save_registrations(
            today(),
            vec![sourcing::domain::forum::Registration {
                supplier: first,
                availability: vec![sourcing::domain::forum::Availability::Afternoon],
                themes: vec![],
            }],
            "orga",
        )
        .unwrap();
    let mut ui = Harness::new(store.clone(), 120, 40, true);
    let word = names[0].split_whitespace().next().unwrap().to_string();
    ui.keys("1/").ctrl('u').keys(&word).key(KeyCode::Enter);
    // The registered supplier is marked in the directory.
    ui.assert_shows("inscrit");
    ui.keys("m");
    ui.assert_shows("Planifier un rendez-vous");
    // 09:00 is outside its afternoon: asked, and no keeps the popup with nothing booked.
    ui.key(KeyCode::Enter);
    ui.assert_shows("n'est disponible que 13:30–17:00 : planifier à 09:00 quand même ? (o/n)");
    ui.keys("n");
    ui.assert_shows("Planifier un rendez-vous");
    assert!(store.meetings().unwrap().is_empty());
    // Yes books it anyway.
    ui.key(KeyCode::Enter);
    ui.keys("o");
    ui.assert_shows("Rendez-vous planifié : 03/12/2026 09:00, Table 1");
    assert_eq!(store.meetings().unwrap().len(), 1);
}

#[test]
fn cancelling_or_reverting_a_meeting_asks_first() {
    let (_tmp, store, names) = setup();
    let m = plan_first_supplier(&*store);
    let status = || {
        store
            .meetings()
            .unwrap()
            .into_iter()
            .find(|x| x.id == m.id)
            .unwrap()
            .status
    };
    let mut ui = Harness::new(store.clone(), 120, 40, true);
    ui.keys("3");
    ui.keys("x");
    ui.assert_shows(&format!(
        "Annuler le rendez-vous de 09:00 avec {} ? (o/n)",
        names[0]
    ));
    ui.keys("n");
    assert_eq!(status(), sourcing::domain::MeetingStatus::Planned);
    // Held asks nothing; turning it into a no-show then asks.
    ui.keys("h");
    assert_eq!(status(), sourcing::domain::MeetingStatus::Held);
    ui.keys("n");
    ui.assert_shows("est « tenu » : le passer à « absent » ? (o/n)");
    ui.keys("n");
    assert_eq!(status(), sourcing::domain::MeetingStatus::Held);
    ui.keys("x").keys("o");
    assert_eq!(status(), sourcing::domain::MeetingStatus::Cancelled);
}

#[test]
fn planning_a_set_aside_supplier_asks_first() {
    let (_tmp, store, _names) = setup();
    let need = store.needs().unwrap()[0].id;
    for mut e in store.shortlist(need).unwrap() {
        e.status = TriageStatus::SetAside;
        e.priority = None;
        store.save_shortlist_entry(e, "mdupuis").unwrap();
    }
    let mut ui = Harness::new(store.clone(), 120, 40, true);
    ui.keys("2").key(KeyCode::Enter);
    ui.assert_shows("[écarté]");
    ui.key(KeyCode::Tab).keys("m");
    ui.assert_shows("Planifier un rendez-vous");
    ui.key(KeyCode::Enter);
    ui.assert_shows("est écarté pour ce besoin : planifier un rendez-vous quand même ? (o/n)");
    ui.keys("n");
    assert!(store.meetings().unwrap().is_empty());
    ui.key(KeyCode::Enter).keys("o");
    ui.assert_shows("Rendez-vous planifié");
    assert_eq!(store.meetings().unwrap().len(), 1);
}

#[test]
fn an_outcome_needs_a_chosen_rating_marks_a_planned_meeting_held_and_a_new_version_replaces_the_text(
) {
    let (_tmp, store, _names) = setup();
    let m = plan_first_supplier(&*store);
    let mut ui = Harness::new(store.clone(), 120, 40, true);
    ui.keys("3o");
    ui.assert_shows("le rendez-vous, encore prévu, sera marqué tenu");
    ui.assert_shows("non notée");
    // Untouched, the rating is no rating: refused.
    ui.ctrl('s');
    ui.assert_shows("note manquante");
    assert!(store.outcomes(m.id).unwrap().is_empty());
    ui.key(KeyCode::Tab)
        .keys("4")
        .key(KeyCode::Tab)
        .keys("Premier échange");
    ui.ctrl('s');
    ui.assert_shows("Compte rendu enregistré (version 1)");
    let held = store.meetings().unwrap()[0].status;
    assert_eq!(held, sourcing::domain::MeetingStatus::Held);
    // The next version starts from the text, selected: typing replaces it.
    ui.keys("o");
    ui.key(KeyCode::Tab).key(KeyCode::Tab);
    ui.assert_shows("texte précédent sélectionné");
    ui.keys("Devis reçu");
    ui.ctrl('s');
    ui.assert_shows("Compte rendu enregistré (version 2)");
    let notes: Vec<String> = store
        .outcomes(m.id)
        .unwrap()
        .into_iter()
        .map(|o| o.notes)
        .collect();
    assert_eq!(notes, ["Premier échange", "Devis reçu"]);
}
