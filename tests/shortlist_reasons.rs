//! Shortlist entries keep the parts of their score as data (each with its points), and every
//! reader sees them in their own language: the screen in French or English, the CSV export
//! in the export's language. Entries stored before the parts existed keep their sentence.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, Harness};
use ratatui::crossterm::event::KeyCode;
use sourcing::domain::{Reason, ShortlistEntry};
use sourcing::i18n::Lang;
use sourcing::io::export::{export, ExportFormat, ExportOptions, ExportWhat};
use sourcing::store::Store;
use std::sync::Arc;

fn open(dir: &std::path::Path, lang: Lang) -> Harness {
    let store: Arc<dyn Store> = Arc::new(common::open_store(dir));
    Harness::with_lang(store, 120, 40, true, lang)
}

fn shortlist_csv(store: &dyn Store, lang: Lang) -> String {
    let mut out = Vec::new();
    let opts = ExportOptions {
        format: ExportFormat::Csv,
        excel: false,
        lang,
    };
    export(store, ExportWhat::Shortlist, &mut out, &opts).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn new_entries_keep_typed_reasons_that_each_reader_sees_in_their_language() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    {
        let mut ui = open(tmp.path(), Lang::Fr);
        ui.keys("2c").keys("Isolation thermique des lycées");
        ui.key(KeyCode::Tab).key(KeyCode::Tab);
        ui.key(KeyCode::Tab).keys("45321000").key(KeyCode::Tab);
        ui.key(KeyCode::Tab).key(KeyCode::Tab); // no lot, no document
        ui.keys("93").ctrl('s');
        ui.assert_shows("Besoin enregistré");
        ui.keys("a");
        ui.assert_shows("ajouté à la présélection");
        ui.key(KeyCode::Tab);
        ui.assert_shows("dépt 93");
    }
    let store = common::open_store(tmp.path());
    let need = store.needs().unwrap()[0].id;
    let entries = store.shortlist(need).unwrap();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert!(e.explanation.is_empty(), "no sentence stored: {e:?}");
    assert!(
        e.reasons
            .iter()
            .any(|r| r.reason == Reason::Department("93".into()) && r.points > 0.0),
        "{e:?}"
    );
    let total: f64 = e.reasons.iter().map(|r| r.points).sum();
    assert!((total - e.score).abs() < 1e-6, "{total} vs {}", e.score);
    // The CSV export renders the parts in its own language.
    let fr = shortlist_csv(&store, Lang::Fr);
    let en = shortlist_csv(&store, Lang::En);
    assert!(
        fr.contains("dépt 93") && fr.contains("CPV 45321000"),
        "{fr}"
    );
    assert!(en.contains("dept 93") && !en.contains("dépt"), "{en}");
    drop(store);
    // An English reader of the same store sees English words.
    let mut ui = open(tmp.path(), Lang::En);
    ui.keys("2").key(KeyCode::Enter).key(KeyCode::Tab);
    ui.assert_shows("dept 93");
    ui.assert_not_shows("dépt 93");
}

#[test]
fn old_entries_keep_their_sentence_and_manual_ones_say_so_in_each_language() {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store = common::open_store(tmp.path());
    let need = store
        .save_need(
            sourcing::domain::Need {
                title: "Élagage des parcs".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let ids: Vec<u64> = sourcing::testing::all_suppliers(&store)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    // As an older version stored it: one sentence, no parts (the field absent from the JSON).
    let old: ShortlistEntry = serde_json::from_str(&format!(
        r#"{{"need":{},"lot":0,"supplier":{},"score":12.5,"explanation":"CPV 77211 catégorie; dépt 77","status":"candidate","note":"","manual_rank":null}}"#,
        need.id, ids[0]
    ))
    .unwrap();
    assert!(old.reasons.is_empty());
    store.save_shortlist_entry(old, "mdupuis").unwrap();
    // A manual addition: no score, no parts, no sentence.
    store
        .save_shortlist_entry(
            ShortlistEntry {
                need: need.id,
                supplier: ids[1],
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    let fr = shortlist_csv(&store, Lang::Fr);
    let en = shortlist_csv(&store, Lang::En);
    assert!(fr.contains("CPV 77211 catégorie; dépt 77"), "{fr}");
    assert!(en.contains("CPV 77211 catégorie; dépt 77"), "{en}");
    assert!(fr.contains("ajouté à la main"), "{fr}");
    assert!(
        en.contains("added by hand") && !en.contains("ajouté à la main"),
        "{en}"
    );
    drop(store);
    let mut ui = open(tmp.path(), Lang::En);
    ui.keys("2").key(KeyCode::Enter).key(KeyCode::Tab);
    ui.assert_shows("CPV 77211 catégorie; dépt 77");
    ui.assert_shows("added by hand");
}
