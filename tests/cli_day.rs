//! `sourcing day add | edit | list | remove` through the real binary: set up a day with
//! labelled breaks and named tables, list it (text and JSON), edit it without dropping a
//! meeting, remove it only once confirmed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use jiff::civil::{date, time};
use serde_json::Value;
use sourcing::domain::{ForumDay, Meeting, MeetingStatus, Supplier};
use sourcing::store::{SledStore, Store};
use std::path::Path;
use std::process::{Command, Output};

fn sourcing(dir: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", lang)
        .env("TZ", "America/New_York")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn fr(dir: &Path, args: &[&str]) -> (bool, String) {
    let o = sourcing(dir, "fr_FR.UTF-8", args);
    (o.status.success(), sourcing::testing::output_text(&o))
}

fn days(dir: &Path) -> Vec<ForumDay> {
    let (ok, out) = fr(dir, &["day", "list", "--json"]);
    assert!(ok, "{out}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_two_day_forum_is_set_up_listed_edited_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (ok, out) = fr(
        dir,
        &[
            "day",
            "add",
            "2027-03-16",
            "--title",
            "Forum Bâtiment & Énergie",
            "--place",
            "Saint-Ouen",
            "--opens",
            "09:30",
            "--closes",
            "17:00",
            "--slot",
            "30",
            "--break",
            "Déjeuner 12:30-13:30",
            "--break",
            "Pause 15:30-15:45",
            "--table",
            "Seine @ salle 1",
            "--table",
            "Marne @ salle 1",
            "--table",
            "Oise",
            "--max-per-supplier",
            "3",
        ],
    );
    assert!(ok, "{out}");
    assert!(out.starts_with('✔'), "{out}");
    assert!(out.contains("Forum Bâtiment & Énergie"), "{out}");
    let (ok, out) = fr(dir, &["day", "add", "2027-03-17"]);
    assert!(ok, "{out}");
    // The same date twice is refused, naming the command that changes it.
    let (ok, out) = fr(dir, &["day", "add", "2027-03-16"]);
    assert!(!ok && out.contains("sourcing day edit 2027-03-16"), "{out}");

    let all = days(dir);
    assert_eq!(all.len(), 2);
    let d = &all[0];
    assert_eq!(d.date, date(2027, 3, 16));
    assert_eq!((d.opens, d.closes), (time(9, 30, 0, 0), time(17, 0, 0, 0)));
    assert_eq!(d.breaks.len(), 2);
    assert_eq!(d.breaks[0].label, "Déjeuner");
    let names: Vec<(&str, &str)> = d
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.room.as_str()))
        .collect();
    assert_eq!(
        names,
        [("Seine", "salle 1"), ("Marne", "salle 1"), ("Oise", "")]
    );
    assert_eq!(d.max_per_supplier, Some(3));
    // 09:30–12:30 (6), 13:30–15:30 (4), 15:45–16:45 (2): the break's end restarts the grid.
    let starts: Vec<String> = d.slots().iter().map(|s| s.start_hm().to_string()).collect();
    assert_eq!(starts.len(), 12, "{starts:?}");
    assert_eq!(starts[6], "13:30");
    assert_eq!(starts[10], "15:45");

    let (ok, out) = fr(dir, &["day", "list"]);
    assert!(ok, "{out}");
    assert!(out.contains("Déjeuner 12:30–13:30"), "{out}");
    assert!(out.contains("Seine @ salle 1"), "{out}");
    let en = sourcing(dir, "en_GB.UTF-8", &["day", "list"]);
    assert!(en.status.success());

    // A meeting at Seine 13:30, then an edit that would displace it.
    {
        let store = SledStore::open(dir).unwrap();
        let (_, ids) = store
            .upsert_suppliers(
                vec![Supplier {
                    name: "Bâti Vert".into(),
                    ..Default::default()
                }],
                "import",
            )
            .unwrap();
        let day = store.forum_days().unwrap().remove(0);
        store
            .plan_meeting(
                Meeting {
                    supplier: ids[0],
                    buyers: vec!["mdupuis".into()],
                    day: day.date,
                    start: day.instant(time(13, 30, 0, 0)).unwrap(),
                    table: day.tables[0].id,
                    ..Default::default()
                },
                "mdupuis",
            )
            .unwrap();
    }
    // Renaming keeps the meeting at its table; an unknown table is named in the refusal.
    let (ok, out) = fr(
        dir,
        &["day", "edit", "2027-03-16", "--rename-table", "Seine=Loire"],
    );
    assert!(ok, "{out}");
    let (ok, out) = fr(
        dir,
        &["day", "edit", "2027-03-16", "--rename-table", "Rhône=Loire"],
    );
    assert!(
        !ok && out.contains("Rhône") && out.contains("Loire, Marne, Oise"),
        "{out}"
    );
    // A longer lunch would leave the 13:30 meeting outside every slot: refused, listed.
    let (ok, out) = fr(
        dir,
        &[
            "day",
            "edit",
            "2027-03-16",
            "--break",
            "Déjeuner 12:30-14:00",
        ],
    );
    assert!(!ok, "{out}");
    assert!(out.contains("Bâti Vert") && out.contains("13:30"), "{out}");
    assert!(out.contains("mdupuis"), "{out}");
    assert_eq!(days(dir)[0].breaks.len(), 2, "nothing changed");
    // Confirmed: the meeting goes to 14:00, at its table, and the move is printed.
    let (ok, out) = fr(
        dir,
        &[
            "day",
            "edit",
            "2027-03-16",
            "--break",
            "Déjeuner 12:30-14:00",
            "--move",
        ],
    );
    assert!(ok, "{out}");
    assert!(out.contains("14:00 Loire"), "{out}");
    {
        let store = SledStore::open(dir).unwrap();
        let m = &store.meetings().unwrap()[0];
        let day = store.forum_days().unwrap().remove(0);
        assert_eq!(m.start, day.instant(time(14, 0, 0, 0)).unwrap());
        assert_eq!(day.table_name(m.table), "Loire");
    }

    // Removing needs --yes and lists the meeting; then it is cancelled, not deleted.
    let (ok, out) = fr(dir, &["day", "remove", "2027-03-16"]);
    assert!(
        !ok && out.contains("Bâti Vert") && out.contains("--yes"),
        "{out}"
    );
    assert_eq!(days(dir).len(), 2);
    let (ok, out) = fr(dir, &["day", "remove", "2027-03-16", "--yes"]);
    assert!(ok && out.starts_with('✔'), "{out}");
    assert_eq!(days(dir).len(), 1);
    let store = SledStore::open(dir).unwrap();
    assert_eq!(
        store.meetings().unwrap()[0].status,
        MeetingStatus::Cancelled
    );
}

#[test]
fn bad_day_settings_are_refused_with_a_message_that_says_what_to_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (args, says) in [
        (vec!["--opens", "25:00"], "25:00"),
        (vec!["--break", "Déjeuner 13:30-12:30"], "13:30"),
        (vec!["--opens", "18:00"], "18:00"),
        (vec!["--slot", "2"], "2"),
    ] {
        let mut all = vec!["day", "add", "2027-03-16"];
        all.extend(args.iter());
        let (ok, out) = fr(dir, &all);
        assert!(!ok, "{args:?}: {out}");
        assert!(out.contains(says), "{args:?}: {out}");
        assert!(!out.contains("Error"), "{args:?}: {out}");
    }
    assert!(days(dir).is_empty(), "nothing was saved");
    let (ok, out) = fr(dir, &["day", "list"]);
    assert!(ok, "{out}");
    let value: Result<Value, _> = serde_json::from_str(&out);
    assert!(value.is_err(), "text, not JSON: {out}");
}
