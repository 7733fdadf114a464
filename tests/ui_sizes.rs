//! Every screen and popup drawn at 0×0, 1×1, 20×5, 40×10, 80×24 and 300×100 without a
//! panic; below the minimum one sentence says how large the window must be and is. The monochrome
//! theme has no colour and still marks the selection (reverse video and `▶`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, Harness};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use sourcing::store::Store;
use std::sync::Arc;

const SIZES: [(u16, u16); 6] = [(0, 0), (1, 1), (20, 5), (40, 10), (80, 24), (300, 100)];

fn harness(color: bool) -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
    let ui = Harness::new(store, 80, 24, color);
    (tmp, ui)
}

/// Draws the current state at every size, then comes back to 80×24.
fn at_every_size(ui: &mut Harness, what: &str) {
    for (w, h) in SIZES {
        ui.resize(w, h);
        let screen = ui.screen();
        if w == 0 || h == 0 {
            continue;
        }
        if w < 60 || h < 15 {
            // One sentence, wrapped to the width, and nothing else.
            let text = screen
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if w >= 7 {
                assert!(text.contains("60×15"), "{what} at {w}×{h}: {text:?}");
            }
            let now = format!("{w}×{h})");
            assert!(
                text.starts_with('≥') || text.starts_with('…') || text.ends_with(&now),
                "{what} at {w}×{h}: more than the sentence:\n{screen}"
            );
        } else {
            assert!(
                !screen.trim().is_empty(),
                "{what} at {w}×{h}: nothing drawn"
            );
        }
    }
    ui.resize(80, 24);
}

/// Every screen and popup, each also with the help overlay over it.
#[test]
fn every_screen_and_popup_at_every_size() {
    let (_tmp, mut ui) = harness(true);
    let visit = |ui: &mut Harness, what: &str| {
        at_every_size(ui, what);
        ui.keys("?");
        ui.assert_shows("Aide — touches");
        at_every_size(ui, &format!("{what} + aide"));
        ui.key(KeyCode::Esc);
        ui.assert_not_shows("Aide — touches");
    };
    visit(&mut ui, "liste des fournisseurs");
    ui.keys("/énergie");
    at_every_size(&mut ui, "champ de recherche");
    ui.key(KeyCode::Enter).key(KeyCode::Enter);
    visit(&mut ui, "fiche fournisseur");
    ui.ctrl('g').keys("2");
    visit(&mut ui, "besoins (vide)");
    ui.keys("c");
    at_every_size(&mut ui, "formulaire besoin");
    ui.keys("Rénovation énergétique des collèges")
        .key(KeyCode::Tab);
    ui.key(KeyCode::Tab).key(KeyCode::Right).key(KeyCode::Tab);
    ui.keys("45 4532").ctrl('s');
    ui.assert_shows("Code CPV invalide « 45 »");
    at_every_size(&mut ui, "formulaire besoin avec erreur");
    ui.ctrl('u').keys("45321000").ctrl('s');
    ui.assert_shows("Besoin enregistré");
    visit(&mut ui, "besoin ouvert");
    ui.keys("a").key(KeyCode::Tab);
    visit(&mut ui, "présélection");
    ui.keys("m");
    at_every_size(&mut ui, "planifier un rendez-vous");
    ui.key(KeyCode::Enter)
        .keys("j")
        .key(KeyCode::Tab)
        .keys("a")
        .key(KeyCode::Tab);
    ui.keys("jm").keys("k").key(KeyCode::Enter);
    ui.assert_shows("Créneau déjà pris");
    at_every_size(&mut ui, "planifier avec erreur");
    ui.ctrl('g').ctrl('g').keys("2");
    visit(&mut ui, "liste des besoins");
    ui.keys("3");
    visit(&mut ui, "agenda");
    ui.keys("o");
    at_every_size(&mut ui, "compte rendu");
    ui.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .paste("ligne 1\nligne 2\n");
    ui.key(KeyCode::Tab).keys("99/99/2027").ctrl('s');
    ui.assert_shows("impossible");
    at_every_size(&mut ui, "compte rendu avec erreur");
    // Unsaved notes: Ctrl-G asks first.
    ui.ctrl('g');
    ui.assert_shows("Abandonner les modifications ? (o/n)");
    at_every_size(&mut ui, "question abandon");
    ui.keys("o").key(KeyCode::Tab);
    visit(&mut ui, "mes rendez-vous");
}

#[test]
fn agenda_without_day_and_english_texts_at_every_size() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
    let mut ui = Harness::with_lang(store, 80, 24, false, sourcing::cli::Lang::En);
    ui.assert_shows("8 suppliers");
    ui.keys("3");
    ui.assert_shows("No forum day");
    at_every_size(&mut ui, "agenda sans journée");
    ui.keys("c");
    ui.assert_shows("New forum day");
    at_every_size(&mut ui, "formulaire journée");
    ui.ctrl('s');
    ui.assert_shows("Forum day created");
    ui.keys("?");
    ui.assert_shows("Help — keys");
    at_every_size(&mut ui, "agenda + help");
}

#[test]
fn monochrome_marks_the_selection_without_colour() {
    let (_tmp, mut ui) = harness(false);
    ui.keys("j");
    let buf = ui.terminal.backend().buffer().clone();
    let mut selected_rows = Vec::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if line.contains('▶') {
            selected_rows.push((y, line));
        }
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(
                c.fg == Color::Reset && c.bg == Color::Reset,
                "colour at ({x},{y}) in monochrome: {c:?}"
            );
        }
    }
    assert_eq!(
        selected_rows.len(),
        1,
        "one selected row: {selected_rows:?}"
    );
    let (y, line) = &selected_rows[0];
    // The second supplier by name is selected, in reverse video across the row.
    assert!(line.contains("Chauffage Ventilation"), "{line}");
    let x0 = line.chars().position(|c| c == '▶').unwrap() as u16;
    for x in x0..x0 + 30 {
        assert!(
            buf[(x, *y)].modifier.contains(Modifier::REVERSED),
            "cell ({x},{y}) of the selected row not in reverse video"
        );
    }
    // Other rows are not reversed.
    let other = ui.row_of("Cœur de Forêt").unwrap();
    assert!(!buf[(x0 + 2, other)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn help_overlay_snapshot() {
    let (_tmp, mut ui) = harness(false);
    ui.keys("?");
    insta::assert_snapshot!(ui.screen());
}

#[test]
fn need_form_snapshot() {
    let (_tmp, mut ui) = harness(false);
    ui.keys("2c")
        .keys("Isolation des gymnases")
        .key(KeyCode::Tab);
    ui.key(KeyCode::Tab).key(KeyCode::Right);
    insta::assert_snapshot!(ui.screen());
}
