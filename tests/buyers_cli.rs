//! `sourcing buyers add | list | remove` run as the real binary: the access list is
//! written, shown and journaled; only organisers change it once it holds entries.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use std::path::Path;
use std::process::{Command, Output};

fn run(store: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("USER", user)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    sourcing::testing::output_text(o)
}

#[test]
fn organisers_manage_the_access_list_and_buyers_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("forum");
    let o = run(&store, "orga", &["buyers", "list"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("la liste d'accès est vide"),
        "{}",
        text(&o)
    );

    let o = run(
        &store,
        "orga",
        &[
            "buyers",
            "add",
            "mdupuis",
            "--name",
            "Marie Dupuis",
            "--service",
            "Direction des lycées",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("✔ accès ouvert à Marie Dupuis (mdupuis) en tant qu'acheteur"),
        "{t}"
    );
    assert!(t.contains("orga (orga) en tant qu'organisateur"), "{t}");

    // A buyer cannot promote itself: exit 1, the login and its role named, nothing written.
    let o = run(
        &store,
        "mdupuis",
        &["buyers", "add", "mdupuis", "--role", "organiser"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("mdupuis (acheteur) ne peut pas modifier la liste"),
        "{}",
        text(&o)
    );
    assert!(!text(&o).contains('✔'));

    let o = run(
        &store,
        "orga",
        &["--lang", "en", "buyers", "list", "--json"],
    );
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let roles: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["login"].as_str().unwrap(), b["role"].as_str().unwrap()))
        .collect();
    assert_eq!(roles, [("mdupuis", "Buyer"), ("orga", "Organiser")]);

    let o = run(
        &store,
        "orga",
        &["--lang", "en", "buyers", "remove", "mdupuis"],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("✔ access removed from Marie Dupuis (mdupuis)"),
        "{}",
        text(&o)
    );
    let o = run(&store, "orga", &["export", "journal"]);
    let journal = String::from_utf8_lossy(&o.stdout);
    assert_eq!(journal.matches("accès").count(), 3, "{journal}");

    // A login useradd would refuse never reaches the store.
    let o = run(&store, "orga", &["buyers", "add", "x;\u{1b}[2J"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!text(&o).contains('\u{1b}'), "{:?}", text(&o));
}
