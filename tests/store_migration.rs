//! A store written by schema v1 (tests/data/store_v1, see its README) opens, migrates to
//! the current schema and keeps everything; ids handed out afterwards are new.

use jiff::civil::date;
use sourcing::domain::{Meeting, MeetingStatus, NextStep};
use sourcing::store::{SledStore, Store, SCHEMA_VERSION};
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn a_v1_store_migrates_and_keeps_everything() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store_v1/sled"),
        &tmp.path().join("sled"),
    );
    let store = SledStore::open(tmp.path()).unwrap();
    assert_eq!(store.found_schema_version(), 1);

    let suppliers = store.suppliers_page(None, usize::MAX).unwrap();
    let names: Vec<&str> = suppliers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Alpha Énergie SAS", "Bâti Vert", "Cœur de Forêt SARL"]
    );
    assert_eq!(suppliers[1].id, 2);
    assert_eq!(
        suppliers[1].siret.as_ref().map(|s| s.as_str()),
        Some("73282932000074")
    );
    assert_eq!(suppliers[1].city, "Bobigny");
    let needs = store.needs().unwrap();
    assert_eq!(needs.len(), 1);
    assert_eq!(needs[0].id, 5);
    assert_eq!(needs[0].title, "Rénovation énergétique des lycées");
    assert_eq!(needs[0].lots[0].title, "Isolation");
    let sl = store.shortlist(5).unwrap();
    assert_eq!(sl.len(), 1);
    assert_eq!((sl[0].lot, sl[0].supplier), (1, 2));
    assert_eq!(sl[0].note, "à rencontrer");
    let days = store.forum_days().unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].date, date(2026, 12, 3));
    assert_eq!(days[0].tables, ["Table 1", "Table 2"]);
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].id, 9);
    assert_eq!(meetings[0].status, MeetingStatus::Held);
    assert_eq!(meetings[0].table, "Table 2");
    let outcomes = store.outcomes(9).unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].next_step, NextStep::RequestQuote);
    assert_eq!(outcomes[0].rating, 4);
    assert_eq!(outcomes[0].notes, "Devis attendu sous 15 jours.");
    let seqs: Vec<u64> = store.journal().unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [4, 6, 7, 8, 10, 11, 12]);

    // The slot booked under v1 is still refused; a new meeting gets an id above every old one.
    let m = Meeting {
        supplier: 1,
        buyers: vec!["alee".into()],
        day: date(2026, 12, 3),
        slot: 2,
        table: "Table 1".into(),
        ..Default::default()
    };
    let clash = Meeting {
        table: "Table 2".into(),
        ..m.clone()
    };
    assert!(store.plan_meeting(clash, "alee").is_err());
    let new = store.plan_meeting(m, "alee").unwrap();
    assert!(new.id > 12, "new meeting id {}", new.id);
    let journal = store.journal().unwrap();
    assert_eq!(journal.len(), 8);
    assert!(journal[7].seq > new.id);
    drop(store);

    // Reopened: already migrated, nothing changed.
    let store = SledStore::open(tmp.path()).unwrap();
    assert_eq!(store.found_schema_version(), SCHEMA_VERSION);
    assert_eq!(store.meetings().unwrap().len(), 2);
}
