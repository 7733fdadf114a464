//! Every command that writes to stdout ends quietly when its reader goes away
//! (`sourcing completions bash | head -1`): status 0, no panic, no message (issue 7, item 5).
//!
//! Two ways to close the pipe, both deterministic: the read end closed before the command
//! starts (its first write fails), and the read end closed after one line of an output far
//! larger than a pipe's buffer (the command is blocked writing when the pipe closes).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use std::io::{BufRead, BufReader, Read};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

fn command(store: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sourcing"));
    c.arg("--store")
        .arg(store)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("SOURCING_STORE")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Waits at most 60 s for `child`, then reads its stderr.
fn finish(mut child: Child, what: &str) -> (ExitStatus, String) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        match child.try_wait().expect("wait") {
            Some(s) => break s,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what}: still running after 60 s with its stdout closed");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    (status, err)
}

fn assert_quiet(what: &str, status: ExitStatus, stderr: &str) {
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert_eq!(
        status.code(),
        Some(0),
        "{what}: {status:?}, stderr: {stderr}"
    );
    assert!(stderr.is_empty(), "{what}: unexpected message {stderr:?}");
}

/// A pipe (read end, write end), close-on-exec so that no other child inherits it.
/// (`std::io::pipe` needs Rust 1.87, above the crate's MSRV.)
fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: `fds` is a valid array of two ints for pipe2 to fill.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(r, 0, "pipe2: {}", std::io::Error::last_os_error());
    // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

/// Runs `args` with a stdout pipe whose read end is already closed.
fn run_closed(store: &Path, args: &[&str]) {
    let (reader, writer) = pipe();
    drop(reader);
    let child = command(store, args)
        .stdout(writer)
        .spawn()
        .expect("spawn sourcing");
    let what = format!("sourcing {}", args.join(" "));
    let (status, err) = finish(child, &what);
    assert_quiet(&what, status, &err);
}

/// Runs `args`, reads one line of its stdout, closes the pipe.
fn run_one_line(store: &Path, args: &[&str]) {
    let mut child = command(store, args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn sourcing");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("stdout");
        let mut r = BufReader::new(stdout);
        r.read_line(&mut first).expect("first line");
    }
    assert!(!first.is_empty(), "{args:?}: no output");
    let what = format!("sourcing {} | head -1", args.join(" "));
    let (status, err) = finish(child, &what);
    assert_quiet(&what, status, &err);
}

#[test]
fn every_command_ends_quietly_on_a_closed_pipe() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = tmp.path().join("store");
    // 2,000 suppliers with long descriptions: every export is far above a pipe's 64 KiB.
    let csv = tmp.path().join("fournisseurs.csv");
    let mut text = String::from("raison_sociale;code_postal;description\n");
    for i in 0..2000 {
        text.push_str(&format!(
            "Entreprise Énergie n°{i};93200;Rénovation énergétique, isolation et menuiserie {}\n",
            "— œuvre ".repeat(10)
        ));
    }
    std::fs::write(&csv, text).expect("write csv");
    let csv = csv.to_str().expect("utf-8 path");

    // Import first with a closed stdout: the import runs, its report is lost quietly.
    run_closed(&store, &["import", csv]);
    let listed = command(&store, &["export", "suppliers", "--format", "jsonl"])
        .output()
        .expect("export");
    assert_eq!(
        listed.stdout.iter().filter(|b| **b == b'\n').count(),
        2000,
        "the import must have run"
    );

    for args in [
        &["completions", "bash"][..],
        &["import", "--json", csv],
        &["import", "--dry-run", csv],
        &["search", "energie"],
        &["search", "energie", "--json"],
        &["report"],
        &["report", "--json"],
        &["export", "suppliers"],
        &["export", "journal", "--format", "json"],
        &["export", "meetings"],
        &["--help"],
    ] {
        run_closed(&store, args);
    }
    for args in [
        &["export", "suppliers"][..],
        &["export", "suppliers", "--format", "json"],
        &["export", "journal", "--format", "jsonl"],
        &["search", "energie", "--limit", "5000"],
    ] {
        run_one_line(&store, args);
    }
}
