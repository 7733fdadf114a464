//! Durability: an outcome acknowledged by `log_outcome` survives a `kill -9` of the process
//! that wrote it, and a store held by another process gives `StoreError::Locked`.
//!
//! The other process is this test binary itself, re-run on one ignored helper test with
//! `SOURCING_STORE_CHILD` set (nothing but cargo needed). `Child::kill` sends SIGKILL on Unix.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::domain::{Meeting, NextStep, Outcome, Supplier};
use sourcing::store::{SledStore, Store, StoreError};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const CHILD_ENV: &str = "SOURCING_STORE_CHILD";
const MODE_ENV: &str = "SOURCING_STORE_CHILD_MODE";

fn outcome(meeting: u64, n: u64) -> Outcome {
    Outcome {
        meeting,
        version: 0,
        next_step: NextStep::ALL[(n % 7) as usize],
        rating: Some((n % 5) as u8 + 1),
        notes: format!("compte rendu n° {n}\nligne 2"),
        follow_up: None,
        follow_up_result: None,
        documents_given: Vec::new(),
        logged_by: String::new(),
        logged_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Helper process (run by the tests below, not on its own): `write` logs outcomes on the
/// store's first meeting forever, printing "ACK <version>" after each `log_outcome`
/// returns; `hold` opens the store, prints "OPEN" and waits to be killed; `import` starts
/// a three-chunk import, prints "CHUNK <done>" after each chunk and stops after the second.
#[test]
#[ignore = "helper process of the durability and lock tests"]
fn child_process() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = SledStore::open(Path::new(&dir)).unwrap();
    if std::env::var(MODE_ENV).as_deref() == Ok("hold") {
        println!("OPEN");
        loop {
            std::thread::park();
        }
    }
    if std::env::var(MODE_ENV).as_deref() == Ok("import") {
        // A staged import (more than one chunk) that stops for good after two chunks.
        let n = 3 * sourcing::store::DEFAULT_IMPORT_CHUNK;
        let batch = (0..n)
            .map(|i| Supplier {
                name: format!("Fournisseur importé {i}"),
                postcode: "69003".into(),
                ..Default::default()
            })
            .collect();
        let _ = store.upsert_suppliers_with_progress(batch, "import", &mut |done, _| {
            if done < 2 * sourcing::store::DEFAULT_IMPORT_CHUNK {
                println!("CHUNK {done}");
            }
            if done >= 2 * sourcing::store::DEFAULT_IMPORT_CHUNK {
                // Make sure the half import is on disk: the restart must undo it.
                store.flush().unwrap();
                assert_eq!(store.supplier_count().unwrap(), done + 1);
                println!("CHUNK {done}");
                loop {
                    std::thread::park();
                }
            }
        });
        return;
    }
    let meeting = store.meetings().unwrap()[0].id;
    for n in 0.. {
        let o = store.log_outcome(outcome(meeting, n), "mdupuis").unwrap();
        println!("ACK {}", o.version);
    }
}

fn spawn_child(dir: &Path, mode: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "child_process", "--nocapture"])
        .env(CHILD_ENV, dir)
        .env(MODE_ENV, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Reads the child's stdout until `want` lines starting with `prefix`; returns their rest.
/// When the child ends before, panics with what it wrote on stderr.
fn read_lines(child: &mut Child, prefix: &str, want: usize) -> Vec<String> {
    let out = child.stdout.take().unwrap();
    let mut got = Vec::new();
    for line in BufReader::new(out).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix(prefix) {
            got.push(rest.trim().to_string());
            if got.len() >= want {
                return got;
            }
        }
    }
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    panic!(
        "the helper process ended after {} of {want} lines:\n{err}",
        got.len()
    );
}

#[test]
fn acknowledged_outcomes_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = {
        let store = SledStore::open(dir.path()).unwrap();
        let (_, ids) = store
            .upsert_suppliers(
                vec![Supplier {
                    name: "Alpha Énergie".into(),
                    postcode: "93100".into(),
                    ..Default::default()
                }],
                "import",
            )
            .unwrap();
        store
            .save_forum_day(
                sourcing::domain::ForumDay::typical(jiff::civil::date(2026, 12, 3)),
                "orga",
            )
            .unwrap();
        store
            .plan_meeting(
                Meeting {
                    supplier: ids[0],
                    buyers: vec!["mdupuis".into()],
                    day: jiff::civil::date(2026, 12, 3),
                    start: sourcing::domain::forum::typical_start(
                        jiff::civil::date(2026, 12, 3),
                        0,
                    ),
                    table: 1,
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap()
            .id
    };
    // Several rounds, each killing the writer at a different point of its loop and
    // continuing on the recovered store.
    let mut acked_total = 0u32;
    for (round, acks_before_kill) in [5usize, 37, 120].into_iter().enumerate() {
        let mut child = spawn_child(dir.path(), "write");
        let acks = read_lines(&mut child, "ACK ", acks_before_kill);
        child.kill().unwrap(); // SIGKILL, right after the last acknowledgement read
        child.wait().unwrap();
        assert_eq!(
            acks.len(),
            acks_before_kill,
            "round {round}: child stopped early"
        );
        let last_acked: u32 = acks.last().unwrap().parse().unwrap();
        acked_total = last_acked;

        let store = SledStore::open(dir.path()).unwrap();
        let outcomes = store.outcomes(meeting).unwrap();
        // Every acknowledged version is there, in order, each exactly once, intact.
        assert!(
            outcomes.len() as u32 >= last_acked,
            "round {round}: {} outcomes stored, {last_acked} acknowledged",
            outcomes.len()
        );
        for (i, o) in outcomes.iter().enumerate() {
            assert_eq!(o.version, i as u32 + 1);
            assert!(o.notes.starts_with("compte rendu n° ") && o.notes.ends_with("\nligne 2"));
        }
        // Outcome and journal were written in one transaction: never one without the other.
        let journalled = store
            .journal()
            .unwrap()
            .iter()
            .filter(|e| e.entity == sourcing::domain::Entity::Outcome)
            .count();
        assert_eq!(journalled, outcomes.len(), "round {round}");
    }
    assert!(acked_total >= 5 + 37 + 120);
}

#[test]
fn a_store_held_by_another_process_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    drop(SledStore::open(dir.path()).unwrap());
    let mut child = spawn_child(dir.path(), "hold");
    let open = read_lines(&mut child, "OPEN", 1);
    assert_eq!(open.len(), 1, "helper did not open the store");
    let result = SledStore::open(dir.path());
    child.kill().unwrap();
    child.wait().unwrap();
    match result {
        Err(StoreError::Locked { path }) => assert_eq!(path, dir.path()),
        Err(e) => panic!("expected Locked, got {e:?}"),
        Ok(_) => panic!("expected Locked, got a store"),
    }
    // Once the holder is gone, the store opens.
    SledStore::open(dir.path()).unwrap();
}

#[test]
fn an_import_killed_half_way_leaves_the_store_as_before() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        store
            .upsert_suppliers(
                vec![Supplier {
                    name: "Déjà là".into(),
                    postcode: "93100".into(),
                    ..Default::default()
                }],
                "import",
            )
            .unwrap();
    }
    let mut child = spawn_child(dir.path(), "import");
    let chunks = read_lines(&mut child, "CHUNK ", 2);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(chunks.len(), 2, "the import did not get half way");
    let store = SledStore::open(dir.path()).unwrap();
    let suppliers = store.suppliers_page(None, 10).unwrap();
    assert_eq!(suppliers.len(), 1, "a half import is visible after restart");
    assert_eq!(suppliers[0].name, "Déjà là");
    // The journal never recorded the interrupted import.
    assert_eq!(store.journal().unwrap().len(), 1);
    // The same import now goes through, and the identity index is clean.
    let (counts, _) = store
        .upsert_suppliers(
            (0..3)
                .map(|i| Supplier {
                    name: format!("Fournisseur importé {i}"),
                    postcode: "69003".into(),
                    ..Default::default()
                })
                .collect(),
            "import",
        )
        .unwrap();
    assert_eq!(counts.created, 3);
}
