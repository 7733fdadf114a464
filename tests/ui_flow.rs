//! The keyboard flow of issue 2 item 6, driven through the production path (crossterm key
//! events → keymap → update → ui::draw) on ratatui's TestBackend, asserting on what the
//! screen shows, at 80×24 and 120×40.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, Harness};
use ratatui::crossterm::event::KeyCode;
use sourcing::store::Store;
use std::sync::Arc;

fn open(dir: &std::path::Path, w: u16, h: u16) -> Harness {
    let store: Arc<dyn Store> = Arc::new(common::open_store(dir));
    Harness::new(store, w, h, true)
}

fn flow(w: u16, h: u16) {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = open(tmp.path(), w, h);

    // The directory is listed, its size in the status line.
    ui.assert_shows("8 fournisseurs");
    ui.assert_shows("mdupuis");

    // Search → open a supplier.
    ui.keys("/isolation");
    ui.assert_shows("Isolations Thermiques");
    ui.assert_shows("Menuiseries et Isolation");
    ui.assert_not_shows("Sécurité Mobilité");
    ui.key(KeyCode::Enter).key(KeyCode::Enter);
    ui.assert_shows(&format!("SIRET {}", common::siret("1000000000001")));
    ui.assert_shows("Historique des rendez-vous");
    ui.assert_shows("Aucun rendez-vous.");
    ui.ctrl('g');

    // Create a need with the form.
    ui.keys("2");
    ui.assert_shows("Aucun besoin");
    ui.keys("c");
    ui.assert_shows("Nouveau besoin");
    ui.keys("Isolation thermique des lycées").key(KeyCode::Tab);
    ui.keys("Isolation des combles et des murs")
        .key(KeyCode::Tab);
    ui.key(KeyCode::Right); // theme: first of the catalog
    ui.assert_shows("Bâtiment & Énergie");
    ui.key(KeyCode::Tab).keys("45321000").key(KeyCode::Tab);
    ui.assert_shows("ex. Isolation : 45321000 (combles) ; Chauffage");
    ui.keys("Combles : 45321000 ; Menuiseries : 45421000 (fenêtres)")
        .key(KeyCode::Tab);
    ui.assert_shows("ex. Fiche besoin ; Plan du site");
    ui.keys("Fiche besoin ; Plan des combles").key(KeyCode::Tab);
    ui.keys("93").key(KeyCode::Tab);
    ui.key(KeyCode::Right).keys(" "); // sizes: PME
    ui.assert_shows("[x] PME");
    ui.key(KeyCode::Tab).keys(" "); // ESS preferred
    ui.key(KeyCode::Tab).key(KeyCode::Tab); // SIAE untouched, then Save
    ui.key(KeyCode::Enter);
    ui.assert_shows("Besoin enregistré");
    // Lots: `l` goes through the whole need, then each lot, each with its own list.
    ui.assert_shows("tout le besoin");
    ui.keys("l");
    ui.assert_shows("lot 1 : Combles");
    ui.keys("l");
    ui.assert_shows("lot 2 : Menuiseries · fenêtres");
    ui.keys("l");
    ui.assert_shows("tout le besoin");

    // Its ranked shortlist with reasons.
    ui.assert_shows("Fournisseurs proposés");
    ui.assert_shows("1. Isolations Thermiques");
    ui.assert_shows("CPV");
    ui.assert_shows("Présélection (0)");

    // Add two, triage, set aside, remove.
    ui.keys("a");
    ui.assert_shows("ajouté à la présélection");
    ui.keys("ja");
    ui.assert_shows("Présélection (2)");
    ui.key(KeyCode::Tab);
    ui.assert_shows("[candidat] Isolations Thermiques");
    ui.keys("t");
    ui.assert_shows("[à rencontrer · P2] Isolations Thermiques");
    // `p` cycles the request's priority; on an entry that is no request it makes one at 1.
    ui.keys("p");
    ui.assert_shows("à rencontrer, priorité 3");
    ui.assert_shows("[à rencontrer · P3] Isolations Thermiques");
    ui.keys("p");
    ui.assert_shows("[à rencontrer · P1] Isolations Thermiques");
    ui.keys("jx");
    ui.assert_shows("écarté");
    // Removing asks; no keeps the entry, yes removes it.
    ui.keys("d");
    ui.assert_shows("de la présélection ? (o/n)");
    ui.keys("n");
    ui.assert_shows("Présélection (2)");
    ui.keys("d");
    ui.keys("o");
    ui.assert_shows("retiré de la présélection");
    ui.assert_shows("Présélection (1)");

    // Plan a meeting with the first entry: a typical day is created.
    ui.keys("gm");
    ui.assert_shows("Planifier un rendez-vous");
    ui.assert_shows("Journée de forum créée : 03/12/2026");
    ui.key(KeyCode::Enter);
    ui.assert_shows("Rendez-vous planifié : 03/12/2026 09:00, Table 1");

    // Double booking is refused by the store, and the screen says what to do.
    ui.keys("1/").ctrl('u').keys("securite").key(KeyCode::Enter);
    ui.assert_shows("Sécurité Mobilité");
    ui.keys("m");
    ui.assert_shows("Planifier un rendez-vous");
    ui.keys("k").key(KeyCode::Enter);
    ui.assert_shows("Créneau déjà pris");
    ui.assert_shows("Choisissez un autre");
    ui.ctrl('g');
    ui.assert_not_shows("Planifier un rendez-vous");

    // Agenda: held, then the outcome form with an impossible date refused.
    ui.keys("3");
    ui.assert_shows("Journée du 03/12/2026");
    ui.assert_shows("• Isolatio");
    ui.keys("h");
    ui.assert_shows("tenu");
    ui.assert_shows("✔ Isolatio");
    // Held: the shortlist entry of the meeting's need moved to "met".
    ui.keys("2");
    ui.assert_shows("[rencontré] Isolations Thermiques");
    ui.keys("3");
    ui.keys("o");
    ui.assert_shows("Compte rendu");
    ui.key(KeyCode::Right);
    ui.assert_shows("Demander un devis");
    ui.key(KeyCode::Tab).keys("4");
    ui.assert_shows("★★★★☆ 4/5");
    ui.key(KeyCode::Tab).keys("Visite du site prévue");
    ui.key(KeyCode::Enter).keys("Devis sous 15 jours");
    ui.key(KeyCode::Tab).keys("31/02/2027");
    ui.ctrl('s');
    ui.assert_shows("impossible");
    ui.assert_not_shows("Compte rendu enregistré");
    ui.ctrl('u').keys("15/01/2027").ctrl('s');
    ui.assert_shows("Compte rendu enregistré");

    // The outcome is in the supplier's history.
    ui.key(KeyCode::Enter);
    ui.assert_shows("v1 · Demander un devis / des informations");
    ui.assert_shows("4/5");
    ui.assert_shows("relance 15/01/2027");
    ui.assert_shows("Visite du site prévue");
    ui.assert_shows("Devis sous 15 jours");
    ui.keys("q");
    assert!(ui.app.state.quit);
    drop(ui);

    // Start again on the same store: the outcome is still there.
    let mut ui = open(tmp.path(), w, h);
    ui.keys("/isolations")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    ui.assert_shows("03/12/2026 09:00 · Table 1 · tenu");
    ui.assert_shows("v1 · Demander un devis / des informations");
    ui.assert_shows("4/5");
    ui.assert_shows("relance 15/01/2027");
    ui.assert_shows("Visite du site prévue");
}

#[test]
fn keyboard_flow_at_80x24() {
    flow(80, 24);
}

#[test]
fn keyboard_flow_at_120x40() {
    flow(120, 40);
}

#[test]
fn typing_and_pasting_never_trigger_shortcuts() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = open(tmp.path(), 80, 24);
    // In the search field, q, 2, m, ? and / are text.
    ui.keys("/q2m?/");
    assert!(!ui.app.state.quit);
    assert_eq!(ui.app.state.tab, sourcing::app::Tab::Suppliers);
    assert_eq!(ui.app.state.suppliers.query.text(), "q2m?/");
    ui.assert_not_shows("Aide — touches");
    ui.ctrl('u');
    // A bracketed paste is text, its escape sequences and line breaks removed.
    ui.paste("isol\u{1b}[2J\nq");
    assert_eq!(ui.app.state.suppliers.query.text(), "isol q");
    assert!(!ui.app.state.quit);
    // On the list (no field focused), a paste goes into the search field, not into keys.
    ui.ctrl('u').key(KeyCode::Enter).paste("menuiseries");
    assert!(ui.app.state.suppliers.editing);
    assert_eq!(ui.app.state.suppliers.query.text(), "menuiseries");
    ui.assert_shows("Menuiseries et Isolation");
    // In the need form, letters and digits are text too.
    ui.key(KeyCode::Enter).keys("2c").keys("q1 3?").paste("\tx");
    assert!(!ui.app.state.quit);
    ui.assert_shows("q1 3? x");
    // Typed text is not thrown away without a question.
    ui.ctrl('g');
    ui.assert_shows("Abandonner les modifications ? (o/n)");
    ui.keys("o");
    ui.assert_not_shows("Nouveau besoin");
    // Ctrl-C quits even from a (unchanged) text field.
    ui.keys("c").ctrl('c');
    assert!(ui.app.state.quit);
}

#[test]
fn shortlist_from_directory_no_show_and_outcome_versions() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = open(tmp.path(), 100, 30);
    // `s` without a current need says what to do.
    ui.keys("s");
    ui.assert_shows("Aucun besoin en cours");
    // Create a need, then shortlist from the directory with `s`.
    ui.keys("2c")
        .keys("Élagage des parcs")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab);
    ui.key(KeyCode::Tab).keys("77211400").ctrl('s');
    ui.assert_shows("Besoin enregistré");
    ui.keys("1/coeur foret").key(KeyCode::Enter);
    ui.keys("s");
    ui.assert_shows("« Cœur de Forêt Élagage » ajouté à la présélection de « Élagage des parcs »");
    ui.keys("s");
    ui.assert_shows("déjà présélectionné");
    ui.keys("2");
    ui.assert_shows("Présélection (1)");
    ui.assert_shows("CPV 77211400");
    // Plan from the directory detail, then no-show: the outcome defaults to "did not take place".
    ui.keys("1")
        .key(KeyCode::Enter)
        .keys("m")
        .key(KeyCode::Enter);
    ui.assert_shows("Rendez-vous planifié");
    ui.keys("n");
    ui.assert_shows("absent");
    ui.keys("o");
    ui.assert_shows("N'a pas eu lieu");
    ui.ctrl('s');
    ui.assert_shows("Compte rendu enregistré (version 1)");
    // Editing appends a version: both are listed.
    ui.keys("o");
    ui.assert_shows("version 2");
    ui.key(KeyCode::Left).key(KeyCode::Tab).keys("2").ctrl('s');
    ui.assert_shows("Compte rendu enregistré (version 2)");
    // A meeting that did not take place has no rating (not an untouched 3).
    ui.assert_shows("v1 · N'a pas eu lieu · sans note");
    ui.assert_shows("v2 · Pas d'adéquation · 2/5");
    // My meetings in the agenda show the latest version.
    ui.keys("3").key(KeyCode::Tab);
    ui.assert_shows("Cœur de Forêt Élagage · absent · v2");
}

#[test]
fn slash_on_a_query_selects_it_so_typing_replaces_and_editing_refines() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = open(tmp.path(), 80, 24);
    ui.keys("/isolation").key(KeyCode::Enter);
    ui.assert_shows("Isolations Thermiques");
    // `/` again then typing: a new query, not "isolationmenuiseries".
    ui.keys("/menuiseries");
    assert_eq!(ui.app.state.suppliers.query.text(), "menuiseries");
    ui.assert_shows("Menuiseries et Isolation");
    ui.assert_not_shows("Isolations Thermiques");
    // `/` then an edit key keeps the query to refine it.
    ui.key(KeyCode::Enter)
        .keys("/")
        .key(KeyCode::End)
        .keys(" isol");
    assert_eq!(ui.app.state.suppliers.query.text(), "menuiseries isol");
    // A paste right after `/` replaces the query as well.
    ui.key(KeyCode::Enter).keys("/").paste("isolation");
    assert_eq!(ui.app.state.suppliers.query.text(), "isolation");
}

#[test]
fn commencer_and_terminer_stamp_real_times_and_flag_an_unequal_meeting() {
    use sourcing::domain::{ForumDay, Meeting};
    use sourcing::store::{FixedClock, SledStore};
    let at_nine: jiff::Timestamp = "2026-12-03T08:00:00Z".parse().unwrap();
    let clock = Arc::new(FixedClock::new(at_nine));
    let store = Arc::new(SledStore::open_temporary_with(clock.clone()).unwrap());
    let (_, ids) = store
        .upsert_suppliers(common::sample_suppliers(), "test")
        .unwrap();
    let day = ForumDay::typical(common::today());
    store.save_forum_day(day.clone(), "orga").unwrap();
    store
        .plan_meeting(
            Meeting {
                supplier: ids[0],
                buyers: vec!["mdupuis".into()],
                day: day.date,
                start: day.slots()[0].start,
                table: 1,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let mut ui = Harness::new(store.clone(), 120, 40, true);
    ui.keys("3");
    ui.assert_shows("Journée du 03/12/2026");
    ui.assert_shows("s commencer");
    // Terminer before Commencer: refused, nothing stamped.
    ui.keys("t");
    ui.assert_shows("n'a pas commencé");
    ui.keys("s");
    ui.assert_shows("commencé à 09:00");
    ui.assert_shows("⏱");
    // 31 minutes later the meeting ends: longer than its 20-minute slot by over 25 %.
    clock.set("2026-12-03T08:31:00Z".parse().unwrap());
    ui.keys("t");
    ui.assert_shows("terminé : 31 min");
    ui.assert_shows("⚑ 31/20 min");
    let m = &store.meetings().unwrap()[0];
    assert_eq!(m.status, sourcing::domain::MeetingStatus::Held);
    assert_eq!(m.real_minutes(), Some(31));
}

/// A search filter that cannot be read, or a theme that names nothing, is said on the
/// message line with the valid values (issue 13, point 3), in French and English.
#[test]
fn bad_search_filters_are_named_on_screen() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = open(tmp.path(), 120, 40);
    ui.keys("1/").keys("size:foo").key(KeyCode::Enter);
    ui.assert_shows("taille inconnue « foo » : size:tpe, pme, eti ou ge");
    ui.keys("/").ctrl('u').keys("theme:xyz").key(KeyCode::Enter);
    ui.assert_shows("thème inconnu « xyz » : batiment-energie");
    // A known theme by a word of its label is no problem.
    ui.keys("/")
        .ctrl('u')
        .keys("theme:energie")
        .key(KeyCode::Enter);
    ui.assert_shows("Isolations Thermiques");
}

/// Tab in the search field completes a filter name or a known value under the cursor, and
/// moves to the list otherwise (issue 13, point 3).
#[test]
fn tab_completes_search_filters() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = open(tmp.path(), 120, 40);
    ui.keys("1/").keys("th").key(KeyCode::Tab);
    ui.assert_shows("theme:");
    ui.keys("ba").key(KeyCode::Tab);
    ui.assert_shows("theme:batiment-energie");
    ui.keys(" size:p").key(KeyCode::Tab);
    ui.assert_shows("theme:batiment-energie size:pme");
    ui.assert_shows("Isolations Thermiques");
    // A plain word: Tab leaves the field (typing then acts on the list, not the query).
    ui.keys(" isolation").key(KeyCode::Tab);
    ui.keys("j");
    ui.assert_shows("theme:batiment-energie size:pme isolation");
    ui.assert_not_shows("isolationj");
}

/// The help scrolls a page at a time with PgDn/PgUp (issue 13, point 8).
#[test]
fn help_scrolls_by_pages() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let mut ui = open(tmp.path(), 80, 24);
    ui.keys("?");
    let top = ui.screen();
    ui.key(KeyCode::PageDown);
    let page = ui.screen();
    assert_ne!(top, page, "PgDn scrolled nothing");
    ui.key(KeyCode::Down);
    assert_ne!(page, ui.screen());
    ui.key(KeyCode::PageUp).key(KeyCode::PageUp);
    assert_eq!(top, ui.screen(), "PgUp back to the top");
}
