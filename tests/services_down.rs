//! When the search or ranking service does not answer (the forum server's link lost), the
//! interface says so in the buyer's language and changes nothing: no suggestion list is
//! made up, no shortlist entry is written, the typed query is kept.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use sourcing::app::{RankingService, SearchService, ServiceError};
use sourcing::domain::{Need, ThemeCatalog};
use sourcing::matching::Match;
use sourcing::search::SearchResults;
use sourcing::store::{MemoryStore, Store};
use std::sync::Arc;

/// A service whose link is gone.
struct Down;

impl RankingService for Down {
    fn rank(
        &self,
        _: &Need,
        _: u32,
        _: &ThemeCatalog,
        _: usize,
    ) -> Result<Vec<Match>, ServiceError> {
        Err(ServiceError::Unavailable)
    }
    fn len(&self) -> usize {
        0
    }
}

impl SearchService for Down {
    fn request(&self, _: &str, _: usize) -> Result<u64, ServiceError> {
        Err(ServiceError::Unavailable)
    }
    fn try_recv(&self) -> Option<SearchResults> {
        None
    }
    fn busy(&self) -> bool {
        false
    }
}

fn store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::default());
    store
        .upsert_suppliers(sourcing::testing::sample_suppliers(), "test")
        .unwrap();
    store
        .save_need(
            Need {
                title: "Isolation des écoles".into(),
                description: "isolation thermique".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
}

#[test]
fn a_lost_ranking_service_is_said_and_nothing_is_shortlisted() {
    let store = store();
    let mut ui = Harness::new(store.clone(), 120, 40, true);
    assert!(
        ui.app.services.ranking.is_some(),
        "the loader prepared ranking"
    );
    let working = ui.app.services.ranking.replace(Box::new(Down));
    ui.keys("2").key(KeyCode::Enter).run();
    ui.assert_shows("ne répond plus");
    // Adding the selected supplier by hand needs its score: refused, nothing stored.
    ui.keys("1").run();
    ui.keys("s").run();
    let need = store.needs().unwrap()[0].id;
    assert!(store.shortlist(need).unwrap().is_empty());
    // The same keys with the service back do shortlist the supplier.
    ui.app.services.ranking = working;
    ui.keys("s").run();
    assert_eq!(store.shortlist(need).unwrap().len(), 1);
}

#[test]
fn a_lost_search_service_is_said_in_english_and_the_query_is_kept() {
    let mut ui = Harness::with_lang(store(), 80, 24, true, sourcing::i18n::Lang::En);
    assert!(
        ui.app.services.search.is_some(),
        "the loader started search"
    );
    ui.app.services.search = Some(Box::new(Down));
    ui.keys("/").keys("isolation").run();
    ui.assert_shows("no longer answers");
    ui.assert_shows("isolation");
}
