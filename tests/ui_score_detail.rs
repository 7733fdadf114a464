//! Issue 13, point 1: `i` on a proposed or shortlisted supplier lists each part of its
//! score in plain words with its points (the need's words with their accents and where they
//! were found, the CPV label, the criteria met or missed, what the scale means), in French
//! and in English; editing the need refreshes the shortlist's stored scores and parts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, Harness};
use ratatui::crossterm::event::KeyCode;
use sourcing::domain::Reason;
use sourcing::i18n::Lang;
use sourcing::store::Store;
use std::sync::Arc;

fn open(dir: &std::path::Path, lang: Lang, w: u16, h: u16) -> Harness {
    let store: Arc<dyn Store> = Arc::new(common::open_store(dir));
    Harness::with_lang(store, w, h, true, lang)
}

/// A need "Isolation thermique des lycées", CPV 45321000, département 93, one supplier added.
fn need_with_entry(dir: &std::path::Path) {
    let mut ui = open(dir, Lang::Fr, 120, 40);
    ui.keys("2c").keys("Isolation thermique des lycées");
    ui.key(KeyCode::Tab).key(KeyCode::Tab);
    ui.key(KeyCode::Tab).keys("45321000").key(KeyCode::Tab);
    ui.key(KeyCode::Tab).key(KeyCode::Tab); // no lot, no document
    ui.keys("93").ctrl('s');
    ui.assert_shows("Besoin enregistré");
    ui.keys("a");
    ui.assert_shows("ajouté à la présélection");
}

#[test]
fn the_score_detail_says_each_part_in_plain_french_and_english() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    need_with_entry(tmp.path());
    for (w, h) in [(120, 40), (80, 24)] {
        let mut ui = open(tmp.path(), Lang::Fr, w, h);
        ui.keys("2").key(KeyCode::Enter);
        ui.keys("i");
        ui.assert_shows("Pourquoi ");
        ui.assert_shows("Score :");
        ui.assert_shows("code CPV 45321000 identique");
        ui.assert_shows("Échelle");
        ui.key(KeyCode::Esc);
        ui.assert_not_shows("Pourquoi ");
        // The shortlisted entry has its detail too, with the criteria.
        ui.key(KeyCode::Tab).keys("i");
        ui.assert_shows("Critères du besoin");
        ui.assert_shows("départements du besoin : 93");
    }
    let mut ui = open(tmp.path(), Lang::En, 120, 40);
    ui.keys("2").key(KeyCode::Enter).key(KeyCode::Tab).keys("i");
    ui.assert_shows("Why ");
    ui.assert_shows("same CPV code 45321000");
    ui.assert_shows("The need's criteria");
    ui.assert_not_shows("identique");
}

#[test]
fn the_need_words_keep_their_accents_in_the_detail() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    need_with_entry(tmp.path());
    let store = common::open_store(tmp.path());
    let need = store.needs().unwrap()[0].id;
    let entry = store.shortlist(need).unwrap().remove(0);
    drop(store);
    let words: Vec<&Reason> = entry
        .reasons
        .iter()
        .map(|r| &r.reason)
        .filter(|r| matches!(r, Reason::Word { .. }))
        .collect();
    let mut ui = open(tmp.path(), Lang::Fr, 120, 40);
    ui.keys("2").key(KeyCode::Enter).key(KeyCode::Tab).keys("i");
    if words
        .iter()
        .any(|r| matches!(r, Reason::Word { word, .. } if word == "lycees"))
    {
        ui.assert_shows("« lycées »");
    }
    ui.assert_not_shows("« lycees »");
}

#[test]
fn editing_the_need_refreshes_its_shortlist_scores() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    need_with_entry(tmp.path());
    let store = common::open_store(tmp.path());
    let need = store.needs().unwrap()[0].id;
    let before = store.shortlist(need).unwrap().remove(0);
    assert!(
        before
            .reasons
            .iter()
            .any(|r| r.reason == Reason::Department("93".into())),
        "{before:?}"
    );
    drop(store);
    {
        let mut ui = open(tmp.path(), Lang::Fr, 120, 40);
        ui.keys("2").key(KeyCode::Enter).keys("e");
        // The département field is the last text field before the choices: go there, clear
        // it and save.
        for _ in 0..6 {
            ui.key(KeyCode::Tab);
        }
        ui.ctrl('u');
        ui.ctrl('s');
        ui.assert_shows("recalculé(s)");
    }
    let store = common::open_store(tmp.path());
    let after = store.shortlist(need).unwrap().remove(0);
    assert!(
        !after
            .reasons
            .iter()
            .any(|r| r.reason == Reason::Department("93".into())),
        "the département part went with the département: {after:?}"
    );
    assert!(
        after.score < before.score,
        "{} vs {}",
        after.score,
        before.score
    );
}
