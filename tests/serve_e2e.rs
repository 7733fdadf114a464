//! End to end: one real `sourcing serve`, two real interfaces in pseudo-terminals and a
//! `sourcing report`, all at once on one store; a meeting planned in one interface shows
//! in the other without a key; a `kill -9` of the server shows the banner, a restart
//! clears it; SIGTERM stops the server cleanly and removes its socket.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;
#[path = "link_pty/mod.rs"]
mod link_pty;
mod serve_support;

use link_pty::{Pty, Spawn};
use serve_support::{bin, Served};
use sourcing::domain::ForumDay;
use sourcing::store::Store;
use std::ffi::OsStr;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(30);

fn tui(dir: &std::path::Path) -> Pty {
    Pty::spawn(
        OsStr::new(bin()),
        &[OsStr::new("--store"), dir.as_os_str()],
        &Spawn::default(),
    )
    .unwrap()
}

fn expect(ui: &Pty, text: &str) {
    assert!(
        ui.wait_for(text, PATIENCE),
        "{text:?} never shown:\n{}",
        ui.screen()
    );
}

#[test]
fn two_interfaces_and_a_report_share_one_served_store_live() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("forum");
    common::seed_store(&dir);
    {
        let store = common::open_store(&dir);
        let today = jiff::Timestamp::now()
            .to_zoned(sourcing::domain::forum::forum_tz())
            .date();
        store
            .save_forum_day(ForumDay::typical(today), "orga")
            .unwrap();
    }
    let server = Served::start(&dir);
    let (a, b) = (tui(&dir), tui(&dir));
    expect(&a, "8 fournisseurs");
    expect(&b, "8 fournisseurs");
    // A plans a meeting with the supplier it finds (search runs in the server).
    a.send(b"/Foret");
    expect(&a, "1 résultat");
    a.send(b"\r\r");
    expect(&a, "Historique des rendez-vous");
    a.send(b"m");
    expect(&a, "Planifier un rendez-vous");
    a.send(b"\r");
    expect(&a, "Rendez-vous planifié");
    // B sees it in the agenda without pressing anything more.
    b.send(b"3");
    expect(&b, "Cœur de");
    // The organiser's report runs beside them.
    let report = std::process::Command::new(bin())
        .arg("--store")
        .arg(&dir)
        .arg("report")
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap();
    let text = sourcing::testing::output_text(&report);
    assert!(report.status.success(), "{text}");
    assert!(text.contains("Rendez-vous : 1"), "{text}");
    // The server dies: both say so, keep their screens, and come back by themselves.
    server.kill_9();
    expect(&b, "Connexion au serveur perdue");
    expect(&a, "Connexion au serveur perdue");
    let server = Served::start(&dir);
    assert!(
        b.wait_until(PATIENCE, |p| !p
            .screen()
            .contains("Connexion au serveur perdue")),
        "{}",
        b.screen()
    );
    expect(&b, "Cœur de");
    for mut ui in [a, b] {
        ui.send(b"q");
        assert!(ui.reap_within(PATIENCE).is_some(), "{}", ui.screen());
    }
    let (status, log) = server.stop();
    assert!(status.success(), "{log}");
    assert!(log.contains("arrêté"), "{log}");
    assert!(!dir.join("sourcing.sock").exists(), "the socket is removed");
}
