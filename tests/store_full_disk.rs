//! A full disk (issue 8, item 5): a write on a full disk is refused with
//! `StoreError::DiskFull` naming the store; every earlier write is still there; the store
//! is reopened so a refused write is never shown as stored; once space is freed the next
//! write succeeds and survives a reopen.
//!
//! The disk is a 32 MiB tmpfs mounted inside a private mount namespace: the test re-runs
//! this binary on one ignored helper test which calls `unshare(CLONE_NEWNS)`, makes `/`
//! private and mounts the tmpfs, so a killed test leaves no mount behind. It needs root
//! (CAP_SYS_ADMIN); under `CI=true` a setup failure fails the test, otherwise it is
//! skipped with the reason printed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::domain::{Meeting, NextStep, Outcome, Supplier};
use sourcing::store::{GuardedStore, SledStore, Store, StoreError};
use std::ffi::CString;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

const CHILD_ENV: &str = "SOURCING_FULL_DISK_CHILD";

fn outcome(meeting: u64, n: u64) -> Outcome {
    Outcome {
        meeting,
        version: 0,
        next_step: NextStep::ALL[(n % 7) as usize],
        rating: Some((n % 5) as u8 + 1),
        // A few KB per write, so the log grows by whole pages.
        notes: format!("compte rendu n° {n} : {}", "détails ".repeat(400)),
        follow_up: None,
        follow_up_result: None,
        documents_given: Vec::new(),
        logged_by: String::new(),
        logged_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Private mount namespace and a tmpfs of `size` at `at`; Err(reason) when not allowed.
fn private_tmpfs(at: &Path, size: &str) -> Result<(), String> {
    // SAFETY: plain libc calls on valid, NUL-terminated strings.
    unsafe {
        if libc::unshare(libc::CLONE_NEWNS) != 0 {
            return Err(format!(
                "unshare(CLONE_NEWNS): {}",
                std::io::Error::last_os_error()
            ));
        }
        let root = CString::new("/").unwrap();
        if libc::mount(
            std::ptr::null(),
            root.as_ptr(),
            std::ptr::null(),
            libc::MS_REC | libc::MS_PRIVATE,
            std::ptr::null(),
        ) != 0
        {
            return Err(format!(
                "mount / private: {}",
                std::io::Error::last_os_error()
            ));
        }
        let src = CString::new("tmpfs").unwrap();
        let target = CString::new(at.as_os_str().as_encoded_bytes()).unwrap();
        let opts = CString::new(format!("size={size},mode=0700")).unwrap();
        if libc::mount(
            src.as_ptr(),
            target.as_ptr(),
            src.as_ptr(),
            0,
            opts.as_ptr().cast(),
        ) != 0
        {
            return Err(format!("mount tmpfs: {}", std::io::Error::last_os_error()));
        }
    }
    Ok(())
}

/// Fills the file system of `path` until a write fails with ENOSPC.
fn fill(path: &Path) {
    let mut f = std::fs::File::create(path).unwrap();
    let block = vec![0x5Au8; 1 << 20];
    loop {
        match f.write_all(&block) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
            Err(e) => panic!("filler: {e}"),
        }
    }
    // The last bytes, block by block.
    let small = [0x5Au8; 4096];
    while f.write_all(&small).is_ok() {}
    let _ = f.sync_all();
}

/// The helper process (run by the test below, not on its own).
#[test]
#[ignore = "helper process of the full-disk test"]
fn full_disk_child() {
    let Ok(mnt) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mnt = Path::new(&mnt);
    if let Err(why) = private_tmpfs(mnt, "32m") {
        println!("SKIP {why}");
        return;
    }
    let dir = mnt.join("store");
    let store = GuardedStore::new(Arc::new(SledStore::open_checked(&dir).unwrap()));
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
    let meeting = store
        .plan_meeting(
            Meeting {
                supplier: ids[0],
                buyers: vec!["mdupuis".into()],
                day: jiff::civil::date(2026, 12, 3),
                start: sourcing::domain::forum::typical_start(jiff::civil::date(2026, 12, 3), 0),
                table: 1,
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap()
        .id;
    for n in 0..20 {
        store.log_outcome(outcome(meeting, n), "mdupuis").unwrap();
    }
    let acked = store.outcomes(meeting).unwrap();
    assert_eq!(acked.len(), 20);

    fill(&mnt.join("filler"));
    // Writes until one is refused (sled may still have room in its current segment).
    let mut refused = None;
    for n in 20..2_000 {
        match store.log_outcome(outcome(meeting, n), "mdupuis") {
            Ok(_) => {}
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let e = refused.expect("no write was refused on a full disk");
    let StoreError::DiskFull { path } = &e else {
        panic!("not DiskFull: {e:?}");
    };
    assert_eq!(path, &dir);
    let msg = e.to_string();
    assert!(
        msg.contains("disque plein") && msg.contains("disk full"),
        "{msg}"
    );
    assert!(msg.contains(&dir.display().to_string()), "{msg}");
    // What the store shows now is what is on disk: every acknowledged write, and not the
    // refused one.
    let shown = store.outcomes(meeting);
    let stored_before_refusal = match &shown {
        Ok(v) => {
            assert!(v.len() >= acked.len());
            for (a, b) in acked.iter().zip(v) {
                assert_eq!(a.notes, b.notes);
                assert_eq!(a.version, b.version);
            }
            v.len()
        }
        // Reopening itself may need space: then reads are refused too, never stale.
        Err(e) => {
            assert!(
                matches!(e, StoreError::DiskFull { .. } | StoreError::Io(_)),
                "{e:?}"
            );
            0
        }
    };
    // A second attempt on the still-full disk is refused as well.
    assert!(store
        .log_outcome(outcome(meeting, 9_999), "mdupuis")
        .is_err());

    std::fs::remove_file(mnt.join("filler")).unwrap();
    let after = store
        .log_outcome(outcome(meeting, 10_000), "mdupuis")
        .expect("a write once space is freed");
    let now = store.outcomes(meeting).unwrap();
    assert_eq!(now.last().map(|o| o.version), Some(after.version));
    if stored_before_refusal > 0 {
        assert_eq!(now.len(), stored_before_refusal + 1);
    }
    drop(store);

    // Reopened from disk: every acknowledged write, then the one made after freeing space.
    let reopened = loop {
        match SledStore::open_checked(&dir) {
            Err(StoreError::Locked { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            r => break r.unwrap(),
        }
    };
    let back = reopened.outcomes(meeting).unwrap();
    for (a, b) in acked.iter().zip(&back) {
        assert_eq!(a.notes, b.notes);
    }
    let last = back.last().unwrap();
    assert_eq!(last.notes, outcome(meeting, 10_000).notes);
    assert!(!back
        .iter()
        .any(|o| o.notes == outcome(meeting, 9_999).notes));
    println!("OK {} outcomes", back.len());
}

#[test]
fn a_full_disk_refuses_the_write_keeps_the_others_and_recovers() {
    let mnt = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "full_disk_child", "--nocapture"])
        .env(CHILD_ENV, mnt.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if let Some(line) = stdout.lines().find(|l| l.starts_with("SKIP ")) {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "CI=true and the full-disk test cannot run: {line}");
        eprintln!("full-disk test skipped: {line} (needs root for a private tmpfs)");
        return;
    }
    assert!(
        out.status.success() && stdout.contains("OK "),
        "helper failed:\n{stdout}\n{stderr}"
    );
}
