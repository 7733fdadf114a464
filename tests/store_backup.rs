//! Backups, restore and compaction of the store: exact state brought back, ids that
//! survive a rewrite, rotation and hard links, refusal while the store is held, growth.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use jiff::civil::{date, time};
use sourcing::domain::{
    ForumDay, JournalEvent, Lot, Meeting, MeetingStatus, Need, NextStep, Outcome, ShortlistEntry,
    Siret, Supplier,
};
use sourcing::store::backup::{self, BackupError, BACKUPS_DIR, KEEP};
use sourcing::store::compact::restore;
use sourcing::store::{SledStore, Store};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Restores `which` in `dir` once sled has let go of the lock of a store this process
/// just closed (its background threads release it a moment later; a separate
/// `sourcing store restore` never sees this), retrying while it reports `Locked`.
fn restore_closed(dir: &Path, which: Option<&str>) -> sourcing::store::compact::RestoreReport {
    let start = std::time::Instant::now();
    loop {
        match restore(dir, which) {
            Err(BackupError::Locked { .. })
                if start.elapsed() < std::time::Duration::from_secs(20) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            r => return r.unwrap(),
        }
    }
}

fn supplier(name: &str, siret: &str) -> Supplier {
    Supplier {
        name: name.into(),
        siret: Some(Siret::parse(siret).unwrap()),
        postcode: "93100".into(),
        city: "Montreuil".into(),
        ..Default::default()
    }
}

fn outcome(meeting: u64, notes: &str) -> Outcome {
    Outcome {
        meeting,
        version: 0,
        next_step: NextStep::RequestQuote,
        rating: Some(4),
        notes: notes.into(),
        follow_up: None,
        follow_up_result: None,
        documents_given: Vec::new(),
        logged_by: String::new(),
        logged_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

fn meeting(supplier: u64, slot: u32) -> Meeting {
    Meeting {
        supplier,
        buyers: vec!["mdupuis".into()],
        day: date(2026, 12, 3),
        table: 1,
        start: sourcing::domain::forum::typical_start(date(2026, 12, 3), slot),
        ..Default::default()
    }
}

/// Suppliers, a need with a shortlist entry, a day, two meetings (one held, with two
/// outcome versions). Returns the supplier ids.
fn populate(store: &SledStore) -> Vec<u64> {
    let (_, ids) = store
        .upsert_suppliers(
            vec![
                supplier("Alpha Énergie SAS", "01234567400019"),
                supplier("Bâti Vert", "73282932000074"),
            ],
            "import",
        )
        .unwrap();
    let need = store
        .save_need(
            Need {
                title: "Rénovation".into(),
                lots: vec![Lot {
                    number: 1,
                    title: "Isolation".into(),
                    cpv: vec![],
                    description: String::new(),
                }],
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .save_shortlist_entry(
            ShortlistEntry {
                need: need.id,
                lot: 1,
                supplier: ids[1],
                note: "à voir".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();
    store
        .save_forum_day(
            ForumDay {
                date: date(2026, 12, 3),
                opens: time(9, 0, 0, 0),
                closes: time(12, 0, 0, 0),
                slot_minutes: 20,
                breaks: vec![],
                tables: sourcing::domain::forum::numbered_tables(1),
                ..ForumDay::typical(date(2026, 12, 3))
            },
            "mdupuis",
        )
        .unwrap();
    let m = store.plan_meeting(meeting(ids[0], 0), "mdupuis").unwrap();
    store.plan_meeting(meeting(ids[1], 1), "mdupuis").unwrap();
    store
        .set_meeting_status(m.id, MeetingStatus::Held, "mdupuis")
        .unwrap();
    store.log_outcome(outcome(m.id, "v1"), "mdupuis").unwrap();
    store.log_outcome(outcome(m.id, "v2"), "mdupuis").unwrap();
    ids
}

/// Everything a store holds, read through the `Store` trait, plus the id counter.
#[derive(Debug, PartialEq)]
struct State {
    suppliers: Vec<Supplier>,
    needs: Vec<Need>,
    shortlists: Vec<Vec<ShortlistEntry>>,
    days: Vec<ForumDay>,
    meetings: Vec<Meeting>,
    outcomes: Vec<Outcome>,
    journal: Vec<JournalEvent>,
    counter: u64,
}

fn state(store: &SledStore) -> State {
    let needs = store.needs().unwrap();
    State {
        suppliers: store.suppliers_page(None, usize::MAX).unwrap(),
        shortlists: needs
            .iter()
            .map(|n| store.shortlist(n.id).unwrap())
            .collect(),
        needs,
        days: store.forum_days().unwrap(),
        meetings: store.meetings().unwrap(),
        outcomes: store.all_outcomes().unwrap(),
        journal: store.journal().unwrap(),
        counter: store.id_counter().unwrap(),
    }
}

/// Highest id or journal seq in the store.
fn max_id(s: &State) -> u64 {
    let ids = s.suppliers.iter().map(|x| x.id);
    let ids = ids.chain(s.needs.iter().map(|x| x.id));
    let ids = ids.chain(s.meetings.iter().map(|x| x.id));
    ids.chain(s.journal.iter().map(|x| x.seq))
        .max()
        .unwrap_or(0)
}

/// A new meeting and its journal event get ids above every existing one, and nothing
/// stored before is overwritten.
fn new_ids_overwrite_nothing(store: &SledStore, supplier: u64) {
    let before = state(store);
    let m = store.plan_meeting(meeting(supplier, 5), "alee").unwrap();
    let after = state(store);
    assert!(
        m.id > max_id(&before),
        "meeting {} ≤ {}",
        m.id,
        max_id(&before)
    );
    assert_eq!(after.meetings.len(), before.meetings.len() + 1);
    assert_eq!(
        &after.meetings[..before.meetings.len()],
        &before.meetings[..]
    );
    assert_eq!(after.journal.len(), before.journal.len() + 1);
    assert_eq!(&after.journal[..before.journal.len()], &before.journal[..]);
    assert!(after.journal.last().unwrap().seq > max_id(&before));
}

#[test]
fn restore_brings_back_exactly_a_backups_state_and_ids_stay_new() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = common::open_store(dir);
    let ids = populate(&store);
    let first = store.backup().unwrap();
    let saved = state(&store);
    // Later changes of every kind, then a clean close (which takes the newest backup).
    let mut changed = store.supplier(ids[0]).unwrap().unwrap();
    changed.city = "Bobigny".into();
    store.upsert_suppliers(vec![changed], "mdupuis").unwrap();
    store.plan_meeting(meeting(ids[0], 3), "mdupuis").unwrap();
    let held = saved.meetings[0].id;
    store.log_outcome(outcome(held, "v3"), "mdupuis").unwrap();
    store
        .remove_shortlist_entry(saved.needs[0].id, 1, ids[1], "mdupuis")
        .unwrap();
    let last = store.close().unwrap().expect("close backup");
    let newest = {
        let s = common::open_store(dir);
        let st = state(&s);
        s.close().unwrap();
        st
    };

    // The older backup: its state exactly, field by field; the counter above every id
    // handed out since (taken from the newest backup).
    let report = restore_closed(dir, Some(&first.name));
    assert_eq!(report.backup.name, first.name);
    let kept = report.kept_old.expect("replaced store kept");
    assert!(kept.join("db").is_file());
    let store = common::open_store(dir);
    let got = state(&store);
    assert_eq!(got.suppliers, saved.suppliers);
    assert_eq!(got.needs, saved.needs);
    assert_eq!(got.shortlists, saved.shortlists);
    assert_eq!(got.days, saved.days);
    assert_eq!(got.meetings, saved.meetings);
    assert_eq!(got.outcomes, saved.outcomes);
    assert_eq!(got.journal, saved.journal);
    assert_eq!(got.counter, last.manifest.id_counter);
    assert!(got.counter >= max_id(&newest));
    // The slot booked after the backup is free again; the identity index works.
    new_ids_overwrite_nothing(&store, ids[0]);
    let (_, again) = store
        .upsert_suppliers(vec![supplier("Bâti Vert", "73282932000074")], "import")
        .unwrap();
    assert_eq!(again, vec![ids[1]]);
    let before_close = state(&store);
    let closed = store.close().unwrap().expect("close backup");
    assert_eq!(closed.manifest.id_counter, before_close.counter);

    // The newest backup (no argument): its state, counter included, exactly.
    let report = restore_closed(dir, None);
    assert_eq!(report.backup.name, closed.name);
    let store = common::open_store(dir);
    assert_eq!(state(&store), before_close);
}

#[test]
fn after_compact_new_ids_are_above_every_existing_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = common::open_store(dir);
    let ids = populate(&store);
    let before = state(&store);
    let report = store.compact().unwrap();
    assert!(report.live_bytes > 0);
    assert!(!dir.join("sled.old").exists() && !dir.join(".new-sled").exists());
    let store = common::open_store(dir);
    assert_eq!(state(&store), before);
    new_ids_overwrite_nothing(&store, ids[1]);
}

#[test]
fn backups_rotate_and_hard_link_unchanged_suppliers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = common::open_store(dir);
    populate(&store);
    let first = store.backup().unwrap();
    for _ in 0..KEEP + 1 {
        store.backup().unwrap();
    }
    let all = backup::list(dir);
    assert_eq!(all.len(), KEEP);
    assert!(all.iter().all(|b| b.name != first.name));
    let ino = |b: &backup::BackupInfo| {
        std::fs::metadata(b.path.join("suppliers.jsonl"))
            .unwrap()
            .ino()
    };
    assert!(all.iter().all(|b| ino(b) == ino(&all[0])), "one copy");
    for b in &all {
        backup::verify(b).unwrap();
    }
    // A changed supplier: a new file.
    let mut s = store.suppliers_page(None, 1).unwrap().remove(0);
    s.city = "Pantin".into();
    store.upsert_suppliers(vec![s], "mdupuis").unwrap();
    let newest = all[KEEP - 1].clone();
    let changed = store.backup().unwrap();
    assert_ne!(ino(&changed), ino(&newest));
    backup::verify(&changed).unwrap();
    // A damaged file is found.
    std::fs::write(changed.path.join("meetings.jsonl"), b"{}\n").unwrap();
    assert!(matches!(
        backup::verify(&changed),
        Err(BackupError::Damaged { .. })
    ));
}

#[test]
fn a_clean_close_backs_up_only_after_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = common::open_store(dir);
    populate(&store);
    drop(store);
    assert_eq!(backup::list(dir).len(), 1);
    // Read only: no new backup, so reading never pushes real backups out.
    let store = common::open_store(dir);
    store.meetings().unwrap();
    drop(store);
    assert_eq!(backup::list(dir).len(), 1);
    // Temporary stores never write backups.
    let tmpstore = SledStore::open_temporary().unwrap();
    let tdir = tmpstore.dir().to_path_buf();
    populate(&tmpstore);
    assert!(!tdir.join(BACKUPS_DIR).exists());
}

#[test]
fn restore_is_refused_while_another_process_holds_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = common::open_store(dir);
    populate(&store);
    drop(store);
    // In this process.
    let store = common::open_store(dir);
    assert!(matches!(
        restore(dir, None),
        Err(BackupError::Locked { .. })
    ));
    drop(store);
    // Another process holding sled's lock (flock) on sled/db: its pid is named.
    // `flock -o` holds the lock itself (its command does not inherit it); the command
    // `sh -c read` ends as soon as its stdin is closed.
    let mut child = std::process::Command::new("flock")
        .arg("-o")
        .arg(dir.join("sled/db"))
        .args(["sh", "-c", "read x"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("flock(1) from util-linux");
    // Wait (bounded) until the child holds the lock.
    let start = std::time::Instant::now();
    loop {
        let f = std::fs::File::open(dir.join("sled/db")).unwrap();
        if fs2::FileExt::try_lock_exclusive(&f).is_err() {
            break;
        }
        drop(f);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "flock never held"
        );
        std::thread::yield_now();
    }
    let err = loop {
        match restore(dir, None) {
            Err(
                e @ BackupError::Locked {
                    holder: Some(_), ..
                },
            ) => break e,
            other if start.elapsed() > std::time::Duration::from_secs(10) => {
                let _ = child.kill();
                panic!("not refused: {other:?}");
            }
            _ => std::thread::yield_now(),
        }
    };
    assert_eq!(
        err.to_string(),
        BackupError::Locked {
            path: dir.to_path_buf(),
            holder: Some(child.id())
        }
        .to_string()
    );
    drop(child.stdin.take());
    let _ = child.kill();
    let _ = child.wait();
    let msg = err.to_string();
    assert!(msg.contains("pid"), "{msg}");
    // Once released, the restore runs. flock(1) forked `sh`, which may outlive its parent
    // for a moment on a loaded machine: wait (bounded) for the lock to go.
    let released = std::time::Instant::now();
    loop {
        match restore(dir, None) {
            Ok(_) => break,
            Err(BackupError::Locked { .. })
                if released.elapsed() < std::time::Duration::from_secs(10) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            Err(e) => panic!("restore after release: {e:?}"),
        }
    }
}

/// 2,000 rows of the fixture, in two versions imported alternately 30 times each through
/// the import path, then one compaction: the folder is at most 3× the live size.
#[test]
fn alternating_imports_then_compact_stay_within_three_times_live() {
    use sourcing::io::import::{import_reader, ImportOptions};
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
    let mut rd = csv::Reader::from_path(&fixture).unwrap();
    let headers = rd.headers().unwrap().clone();
    let desc = headers.iter().position(|h| h == "description").unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().take(2_000).map(|r| r.unwrap()).collect();
    let version = |tag: &str| {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&headers).unwrap();
        for r in &rows {
            let rec: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if i == desc {
                        format!("{f} {tag}")
                    } else {
                        f.to_string()
                    }
                })
                .collect();
            w.write_record(&rec).unwrap();
        }
        w.into_inner().unwrap()
    };
    let (a, b) = (version("(version A)"), version("(version B)"));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut store = common::open_store(dir);
    store.set_durability(sourcing::store::Durability::Flush);
    let opts = ImportOptions::default();
    // 40 rounds (the issue names 30): the dead bytes stay well above the 8 MiB the hint
    // needs even when sled reclaims a segment or two on close (a loaded machine did).
    for round in 0..40 {
        for v in [&a, &b] {
            let r = import_reader(&store, v.as_slice(), "suppliers.csv", &opts, "import").unwrap();
            assert!(round == 0 || r.updated > 1_900, "{r:?}");
        }
    }
    store.backup().unwrap();
    let (folder, live) = store.sizes();
    assert!(store.growth().is_some(), "folder {folder}, live {live}");
    let count = store.supplier_count().unwrap();
    drop(store);
    // Opening prints one line naming the compaction, and does not compact.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(["report", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let hint: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("sourcing store compact"))
        .collect();
    assert_eq!(hint.len(), 1, "{err}");
    let store = common::open_store(dir);
    assert!(store.growth().is_some(), "opening never compacts");
    let report = store.compact().unwrap();
    assert!(
        report.after_bytes <= 3 * report.live_bytes,
        "after {} > 3 × live {} (before {})",
        report.after_bytes,
        report.live_bytes,
        report.before_bytes
    );
    let store = common::open_store(dir);
    assert_eq!(store.supplier_count().unwrap(), count);
    assert!(store.growth().is_none());
    eprintln!(
        "compaction: {} → {} bytes, live {}",
        report.before_bytes, report.after_bytes, report.live_bytes
    );
}
