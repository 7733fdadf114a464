//! The README's « Préparer un forum » block, run as it is written: bash runs every line, the
//! `sourcing` function pointed at this build's binary and a fresh data folder instead of
//! `cargo run`. Then the agendas it wrote are read back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use icalendar::parser::{read_calendar, unfold};
use std::path::Path;
use std::process::Command;

/// The first ```sh block after the heading `## Préparer un forum`.
fn readme_block() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("\n## Préparer un forum\n")
        .nth(1)
        .expect("README has a « Préparer un forum » section");
    let start = section.find("```sh\n").expect("a sh block") + "```sh\n".len();
    let end = section[start..].find("\n```").unwrap() + start;
    section[start..end].to_string()
}

#[test]
fn the_readme_forum_block_runs_as_written() {
    let block = readme_block();
    let mut lines = block.lines();
    let first = lines.next().unwrap();
    assert!(
        first.starts_with("sourcing() {") && first.contains("cargo run"),
        "the block starts by defining sourcing: {first}"
    );
    let script = format!(
        "set -euo pipefail\nsourcing() {{ \"$SOURCING_BIN\" --store \"$FORUM\" \"$@\"; }}\n{}\n",
        lines.collect::<Vec<_>>().join("\n")
    );
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        work.join("fixtures"),
    )
    .unwrap();
    std::fs::create_dir(work.join("tests")).unwrap();
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
        work.join("tests/data"),
    )
    .unwrap();
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(work)
        .env("SOURCING_BIN", env!("CARGO_BIN_EXE_sourcing"))
        .env("FORUM", work.join("forum"))
        .env("LANG", "fr_FR.UTF-8")
        .env("USER", "orga")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = sourcing::testing::output_text(&out);
    assert!(out.status.success(), "{text}");
    assert!(!text.contains('✖'), "{text}");
    // The organiser's schedule: a preview, then the same applied.
    assert!(
        text.contains("Planning du 17/03/2027 : 4 demandes de rendez-vous, 1 rendez-vous proposé ; 3 demandes satisfaites"),
        "{text}"
    );
    assert!(text.contains("✔ 1 rendez-vous planifié."), "{text}");
    // Registered for the 16th only: the schedule of the 17th says why it has no slot.
    assert!(
        text.contains(
            "TECHNICONTROL — besoin 3, P2 : le fournisseur n'est pas inscrit à cette journée"
        ),
        "{text}"
    );
    assert!(
        text.contains("Inscriptions : 13 lignes lues, 8 fournisseurs reconnus, 2 lignes non reconnues, 2 lignes rejetées."),
        "{text}"
    );
    // Two days, twelve named tables, three needs, four meetings, two of them timed.
    assert!(
        text.contains("12 : Seine @ Hall A, Marne @ Hall A"),
        "{text}"
    );
    assert!(text.contains("Rénovation énergétique des lycées"), "{text}");
    assert!(text.contains("Outils numériques pour les lycées"), "{text}");
    assert_eq!(text.matches("planifié :").count(), 4, "{text}");
    assert!(
        text.contains("⚑ 0 min pour un créneau de 20 (trop court)"),
        "{text}"
    );
    // The report shows the two timed meetings, both flagged, by day and time.
    assert!(
        text.contains("Égalité de temps : 2 rendez-vous chronométré(s), 2 à plus de 25 %"),
        "{text}"
    );
    assert!(
        text.contains("⚑ 16/03 09:00 TECHNICONTROL : 0 min"),
        "{text}"
    );
    // The second supplier met for need 1 did not get the plans the first one got.
    assert!(
        text.contains("Documents remis : 1 besoin(s) en listent, 1 fournisseur(s)"),
        "{text}"
    );
    assert!(text.contains("n'a pas reçu Plans des lycées"), "{text}");

    let ics = std::fs::read_to_string(work.join("agendas.ics")).unwrap();
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    // The four planned by hand and the one the organiser's schedule booked.
    assert_eq!(events.len(), 5);
    let mine = std::fs::read_to_string(work.join("mdupuis.ics")).unwrap();
    assert_eq!(mine.matches("BEGIN:VEVENT").count(), 2, "{mine}");
    let html = std::fs::read_to_string(work.join("agendas.html")).unwrap();
    // One page per buyer (mdupuis, alee, bmartin) and per supplier (four).
    assert_eq!(
        html.matches("<section class=\"agenda\"").count(),
        7,
        "{html}"
    );
    assert!(html.contains("break-after: page"));
}
