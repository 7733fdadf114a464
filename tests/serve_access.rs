//! Access with real accounts: the server knows who connects from the kernel (SO_PEERCRED),
//! whatever the client says. Run as root (CI): clients run as `daemon` and `nobody` from a
//! copy of the binary in a 0755 folder, the socket opened to them for the test. A login not
//! on the list is refused at the handshake naming who can add it; an observer's write is
//! refused; a buyer cannot import suppliers (organisers only).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;
mod serve_support;

use serve_support::Served;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// `sourcing --store dir ARGS` run as `uid`:`gid` from `bin`.
fn run_as(bin: &Path, uid: u32, gid: u32, dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(bin)
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env("HOME", "/")
        .env_remove("SOURCING_SOCKET")
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap();
    (out.status.success(), sourcing::testing::output_text(&out))
}

fn run_root(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(serve_support::bin())
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        // The list's first entry makes its author (this login) an organiser.
        .env("USER", "root")
        .output()
        .unwrap();
    let text = sourcing::testing::output_text(&out);
    assert!(out.status.success(), "{args:?}: {text}");
    text
}

#[test]
fn the_server_decides_who_is_who_from_the_connecting_account() {
    // SAFETY: getuid never fails.
    if unsafe { libc::getuid() } != 0 {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs as root: this test needs other accounts"
        );
        eprintln!("skipped: needs root to run clients as daemon and nobody");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = tmp.path().join("sourcing");
    std::fs::copy(serve_support::bin(), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tmp.path().join("forum");
    common::seed_store(&dir);
    run_root(
        &dir,
        &[
            "buyers",
            "add",
            "daemon",
            "--name",
            "Observateur Daemon",
            "--role",
            "observer",
        ],
    );
    run_root(
        &dir,
        &[
            "buyers",
            "add",
            "nobody",
            "--name",
            "Acheteur Nobody",
            "--role",
            "buyer",
        ],
    );
    run_root(
        &dir,
        &[
            "buyers",
            "add",
            "games",
            "--name",
            "Acheteur Games",
            "--role",
            "buyer",
        ],
    );
    let server = Served::start(&dir);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&server.socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    // The observer reads…
    let (ok, text) = run_as(&bin, 1, 1, &dir, &["buyers", "list"]);
    assert!(ok, "{text}");
    assert!(text.contains("Acheteur Nobody"), "{text}");
    // …and cannot write.
    let (ok, text) = run_as(&bin, 1, 1, &dir, &["buyers", "remove", "nobody"]);
    assert!(!ok, "{text}");
    assert!(text.contains("daemon"), "{text}");
    // A buyer cannot import suppliers.
    let csv = tmp.path().join("f.csv");
    std::fs::write(&csv, "raison_sociale;code_postal\nAtelier Nouveau;93200\n").unwrap();
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (ok, text) = run_as(&bin, 65534, 65534, &dir, &["import", csv.to_str().unwrap()]);
    assert!(!ok, "{text}");
    assert!(text.contains("nobody"), "{text}");
    // The organiser acts for a buyer through the server: the need is the buyer's, the
    // journal says who did it for whom; a buyer cannot act for anyone.
    let text = run_root(&dir, &["need", "add", "Téléassistance", "--pour", "games"]);
    assert!(text.starts_with('✔'), "{text}");
    let needs = run_root(&dir, &["need", "list", "--json"]);
    assert!(needs.contains("\"owner\": \"games\""), "{needs}");
    let journal = run_root(&dir, &["export", "journal"]);
    assert!(journal.contains("root pour games"), "{journal}");
    let (ok, text) = run_as(
        &bin,
        5,
        60,
        &dir,
        &["need", "add", "Autre", "--pour", "root"],
    );
    assert!(!ok, "{text}");
    assert!(
        text.contains("organisateur") && text.contains("games"),
        "{text}"
    );
    // Off the list: removed by the organiser, then refused at the handshake.
    run_root(&dir, &["buyers", "remove", "nobody"]);
    let (ok, text) = run_as(&bin, 65534, 65534, &dir, &["report"]);
    assert!(!ok, "{text}");
    assert!(
        text.contains("nobody") && text.contains("n'est pas sur la liste d'accès"),
        "{text}"
    );
    let (_, log) = server.stop();
    assert!(log.contains("refusé : nobody"), "{log}");
    assert!(log.contains("écriture refusée à daemon"), "{log}");
}
