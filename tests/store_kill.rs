//! Durability: an outcome acknowledged by `log_outcome` survives a `kill -9` of the process
//! that wrote it, and a store held by another process gives `StoreError::Locked`.
//!
//! The other process is this test binary itself, re-run on one ignored helper test with
//! `SOURCING_STORE_CHILD` set (nothing but cargo needed). `Child::kill` sends SIGKILL on Unix.

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
        rating: (n % 5) as u8 + 1,
        notes: format!("compte rendu n° {n}\nligne 2"),
        follow_up: None,
        follow_up_result: None,
        logged_by: String::new(),
        logged_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Helper process (run by the tests below, not on its own): `write` logs outcomes on the
/// store's first meeting forever, printing "ACK <version>" after each `log_outcome`
/// returns; `hold` opens the store, prints "OPEN" and waits to be killed.
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
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Reads the child's stdout until `want` lines starting with `prefix`; returns their rest.
fn read_lines(child: &mut Child, prefix: &str, want: usize) -> Vec<String> {
    let out = child.stdout.take().unwrap();
    let mut got = Vec::new();
    for line in BufReader::new(out).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix(prefix) {
            got.push(rest.trim().to_string());
            if got.len() >= want {
                break;
            }
        }
    }
    got
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
            .plan_meeting(
                Meeting {
                    supplier: ids[0],
                    buyers: vec!["mdupuis".into()],
                    day: jiff::civil::date(2026, 12, 3),
                    slot: 0,
                    table: "Table 1".into(),
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
