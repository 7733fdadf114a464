//! `sourcing schedule DAY [--apply] [--replan] [--json]` through the real binary: the
//! organiser's schedule from every open need's meeting requests. A preview writes
//! nothing and equals what `--apply` books; nothing is booked twice; a meeting placed by
//! hand stays through `--replan`; quotas hold; only an organiser applies.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env("USER", user)
        .env("LOGNAME", user)
        .env("NO_COLOR", "1")
        .env_remove("SOURCING_SOCKET")
        .output()
        .unwrap()
}

fn ok(dir: &Path, user: &str, args: &[&str]) -> String {
    let o = run(dir, user, args);
    let text = sourcing::testing::output_text(&o);
    assert!(o.status.success(), "{args:?}: {text}");
    text
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, "orga", args)).unwrap()
}

/// The sample suppliers' SIRETs (tests/data), in directory order.
fn sirets(dir: &Path) -> Vec<String> {
    json(dir, &["export", "suppliers", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["siret"].as_str().map(str::to_string))
        .filter(|s| s.len() == 14)
        .collect()
}

/// Every meeting (`meeting list --json` entries' `meeting` objects).
fn meetings(dir: &Path) -> Vec<Value> {
    json(dir, &["meeting", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["meeting"].clone())
        .collect()
}

#[test]
fn the_schedule_previews_applies_keeps_hand_placed_meetings_and_respects_quotas() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let csv =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fournisseurs_siret_formats.csv");
    ok(dir, "orga", &["import", csv.to_str().unwrap()]);
    // Four slots (09:00–10:20), two tables, two meetings at most per supplier and buyer.
    ok(
        dir,
        "orga",
        &[
            "day",
            "add",
            "2027-03-16",
            "--opens",
            "09:00",
            "--closes",
            "10:20",
            "--slot",
            "20",
            "--table",
            "Seine",
            "--table",
            "Marne",
            "--max-per-supplier",
            "2",
            "--max-per-buyer",
            "2",
        ],
    );
    let s = sirets(dir);
    assert!(s.len() >= 4, "{s:?}");
    ok(
        dir,
        "orga",
        &[
            "need",
            "add",
            "Isolation",
            "--co-buyer",
            "alee",
            "--status",
            "ouvert",
            "--pour",
            "mdupuis",
        ],
    );
    ok(
        dir,
        "orga",
        &[
            "need",
            "add",
            "Téléassistance",
            "--status",
            "ouvert",
            "--pour",
            "bmartin",
        ],
    );
    ok(
        dir,
        "orga",
        &["need", "add", "Brouillon", "--pour", "bmartin"],
    );
    let ask = |need: &str, siret: &str, p: &str, who: &str| {
        ok(
            dir,
            "orga",
            &[
                "shortlist",
                "add",
                need,
                siret,
                "--status",
                "à-rencontrer",
                "--priority",
                p,
                "--pour",
                who,
            ],
        );
    };
    ask("1", &s[0], "1", "mdupuis");
    ask("1", &s[1], "2", "mdupuis");
    ask("1", &s[2], "3", "mdupuis"); // mdupuis and alee: quota 2, one is placed by hand
    ask("2", &s[0], "1", "bmartin");
    ask("2", &s[3], "2", "bmartin");
    ask("3", &s[3], "1", "bmartin"); // a draft need asks nothing
                                     // Placed by hand: need 1 meets the first supplier at 09:00.
    ok(
        dir,
        "orga",
        &[
            "meeting",
            "add",
            &s[0],
            "--need",
            "1",
            "--day",
            "2027-03-16",
            "--at",
            "09:00",
            "--table",
            "Seine",
            "--pour",
            "mdupuis",
        ],
    );

    // The preview writes nothing.
    let preview = json(dir, &["schedule", "2027-03-16", "--json"]);
    assert_eq!(meetings(dir).len(), 1);
    assert_eq!(preview["requests"], 5, "{preview}");
    assert_eq!(preview["already_met"], 1);
    let placed = preview["placed"].as_array().unwrap();
    // mdupuis/alee have room for one more (quota 2): the priority-2 request, not the 3rd.
    // bmartin's two requests fit.
    let got: Vec<(String, u64)> = placed
        .iter()
        .map(|p| {
            (
                p["siret"].as_str().unwrap().to_string(),
                p["need"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(got.contains(&(s[1].clone(), 1)), "{preview}");
    assert!(
        got.contains(&(s[0].clone(), 2)) && got.contains(&(s[3].clone(), 2)),
        "{preview}"
    );
    assert_eq!(placed.len(), 3, "{preview}");
    let unmet = preview["unmet"].as_array().unwrap();
    assert_eq!(unmet.len(), 1, "{preview}");
    assert_eq!(unmet[0]["reason"], "buyer_quota");
    assert_eq!(preview["upper_bound"], 4);
    let text = ok(dir, "orga", &["schedule", "16/03/2027"]);
    assert!(text.contains("Aperçu : rien n'est écrit"), "{text}");
    assert!(
        text.contains("un acheteur du besoin a atteint son maximum"),
        "{text}"
    );

    // Only an organiser applies, once the access list names one.
    ok(
        dir,
        "orga",
        &["buyers", "add", "orga", "--role", "organisateur"],
    );
    ok(dir, "orga", &["buyers", "add", "bmartin"]);
    let o = run(dir, "bmartin", &["schedule", "2027-03-16", "--apply"]);
    let text = sourcing::testing::output_text(&o);
    assert!(
        !o.status.success() && text.contains("organisateur"),
        "{text}"
    );
    assert_eq!(meetings(dir).len(), 1);

    // Apply books exactly the preview.
    let applied = json(dir, &["schedule", "2027-03-16", "--apply", "--json"]);
    assert_eq!(applied["applied"], 3, "{applied}");
    assert_eq!(applied["placed"], preview["placed"]);
    let all = meetings(dir);
    assert_eq!(all.len(), 4);
    // Never a supplier, buyer or table twice in a slot; quotas hold.
    let mut seen = std::collections::HashSet::new();
    for m in &all {
        let start = m["start"].as_str().unwrap().to_string();
        assert!(
            seen.insert((start.clone(), format!("table {}", m["table"]))),
            "{all:?}"
        );
        assert!(
            seen.insert((start.clone(), format!("supplier {}", m["supplier"]))),
            "{all:?}"
        );
        for b in m["buyers"].as_array().unwrap() {
            assert!(
                seen.insert((start.clone(), format!("buyer {b}"))),
                "{all:?}"
            );
        }
    }
    for who in ["mdupuis", "alee", "bmartin"] {
        let n = all
            .iter()
            .filter(|m| m["buyers"].as_array().unwrap().iter().any(|b| b == who))
            .count();
        assert!(n <= 2, "{who}: {all:?}");
    }
    // Nothing new on a second run; --replan moves only what the schedule placed.
    let again = json(dir, &["schedule", "2027-03-16", "--json"]);
    assert_eq!(again["placed"].as_array().unwrap().len(), 0, "{again}");
    let replanned = json(
        dir,
        &["schedule", "2027-03-16", "--replan", "--apply", "--json"],
    );
    assert_eq!(replanned["released"], 3, "{replanned}");
    assert_eq!(replanned["applied"], 3, "{replanned}");
    let live: Vec<Value> = meetings(dir)
        .into_iter()
        .filter(|m| m["status"] != "cancelled")
        .collect();
    assert_eq!(live.len(), 4);
    let by_hand = live.iter().filter(|m| m["scheduled"] != true).count();
    assert_eq!(by_hand, 1, "the hand-placed meeting stays: {live:?}");
    let journal = ok(dir, "orga", &["export", "journal"]);
    assert!(journal.matches("rendez-vous").count() >= 7, "{journal}");
}

#[test]
fn an_unknown_day_is_refused_with_the_way_to_list_days() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), "orga", &["schedule", "2027-03-16"]);
    let text = sourcing::testing::output_text(&o);
    assert!(!o.status.success(), "{text}");
    assert!(
        text.contains("16/03/2027") || text.contains("2027-03-16"),
        "{text}"
    );
}
