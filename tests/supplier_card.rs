//! The supplier card shows the facts of issue 14 item 1: every département where the supplier
//! works (main one first), its number of past public contracts, and its references with
//! buyer, year and amount — in French and in English, at 80×24 and 120×40.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use sourcing::cli::Lang;
use sourcing::domain::ContractReference;
use sourcing::store::Store;
use std::sync::Arc;

fn store_with_facts(dir: &std::path::Path) -> Arc<dyn Store> {
    let store = common::open_store(dir);
    let mut s = common::sample_suppliers().remove(0);
    s.departments = vec!["93".into(), "75".into(), "92".into()];
    s.contract_count = Some(12);
    s.references = vec![ContractReference {
        buyer: "Ville de Montreuil".into(),
        object: "Isolation des écoles".into(),
        year: Some(2019),
        amount_eur: Some(12_500.5),
    }];
    store.upsert_suppliers(vec![s], "test").unwrap();
    Arc::new(store)
}

/// The card open on a store in a temporary folder; bind it `let (_tmp, ui)` so the folder is
/// dropped after the harness (else it is pulled from under the store's closing backup).
fn open_card(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ui = Harness::with_lang(store_with_facts(tmp.path()), w, h, true, lang);
    ui.keys("/isolations");
    ui.key(KeyCode::Enter).key(KeyCode::Enter);
    (tmp, ui)
}

#[test]
fn card_shows_where_it_works_its_contracts_and_references() {
    for (w, h) in [(120, 40), (80, 24)] {
        let (_tmp, ui) = open_card(Lang::Fr, w, h);
        ui.assert_shows("Intervient dans : 93 (principal), 75, 92");
        ui.assert_shows("12 marchés publics remportés");
        ui.assert_shows("2019 · Ville de Montreuil · Isolation des écoles");
        ui.assert_not_shows("Titulaire d");
    }
    let (_tmp, ui) = open_card(Lang::En, 120, 40);
    ui.assert_shows("Works in: 93 (main), 75, 92");
    ui.assert_shows("12 public contracts won");
}

#[test]
fn card_says_when_contracts_have_no_details() {
    let tmp = tempfile::tempdir().unwrap();
    let store = common::open_store(tmp.path());
    let mut s = common::sample_suppliers().remove(0);
    s.contract_count = Some(3);
    store.upsert_suppliers(vec![s], "test").unwrap();
    let mut ui = Harness::with_lang(Arc::new(store), 120, 40, true, Lang::Fr);
    ui.keys("/isolations");
    ui.key(KeyCode::Enter).key(KeyCode::Enter);
    ui.assert_shows("Références · 3 marchés publics remportés");
    ui.assert_shows("Aucun détail de ces marchés dans l'annuaire.");
}
