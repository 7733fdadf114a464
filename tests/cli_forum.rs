//! `sourcing need | shortlist | meeting` through the real binary, as a service preparing a
//! forum from a script would run them: needs with lots and co-buyers, a shortlist by
//! SIRET, meetings in a day's slots, their real start and end with the equal-time flag,
//! `--pour` for an organiser acting for a buyer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use serde_json::Value;
use sourcing::store::Store;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, user: &str, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", lang)
        .env("USER", user)
        .env("LOGNAME", user)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn ok(dir: &Path, user: &str, args: &[&str]) -> String {
    let o = run(dir, user, "fr_FR.UTF-8", args);
    let text = sourcing::testing::output_text(&o);
    assert!(o.status.success(), "{args:?}: {text}");
    text
}

fn refused(dir: &Path, user: &str, args: &[&str]) -> String {
    let o = run(dir, user, "fr_FR.UTF-8", args);
    let text = sourcing::testing::output_text(&o);
    assert!(!o.status.success(), "{args:?} should fail: {text}");
    text
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, "orga", args)).unwrap()
}

/// A store with the sample suppliers (tests/data) and one forum day.
fn forum() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let csv =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fournisseurs_siret_formats.csv");
    ok(tmp.path(), "orga", &["import", csv.to_str().unwrap()]);
    ok(
        tmp.path(),
        "orga",
        &["day", "add", "2027-03-16", "--tables", "3", "--slot", "20"],
    );
    tmp
}

fn a_siret(dir: &Path, nth: usize) -> String {
    let all = json(dir, &["search", "", "--json"]);
    let sirets: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["siret"].as_str().map(str::to_string))
        .filter(|s| s.len() == 14)
        .collect();
    sirets[nth].clone()
}

#[test]
fn needs_with_lots_and_co_buyers_are_added_listed_shown_and_closed() {
    let tmp = forum();
    let dir = tmp.path();
    let out = ok(
        dir,
        "mdupuis",
        &[
            "need",
            "add",
            "Rénovation énergétique des lycées",
            "--lot",
            "Isolation : 45321000",
            "--lot",
            "Chauffage : 45331000, 09331000 (chaudières ; réseaux de chaleur)",
            "--lot",
            "Phase 2 : 2027",
            "--lot",
            "Voirie (nord) : (entretien)",
            "--co-buyer",
            "alee",
            "--status",
            "ouvert",
        ],
    );
    assert!(
        out.starts_with('✔') && out.contains("Rénovation énergétique"),
        "{out}"
    );
    let needs = json(dir, &["need", "list", "--json"]);
    let need = &needs[0];
    assert_eq!(need["owner"], "mdupuis");
    assert_eq!(need["co_buyers"], serde_json::json!(["alee"]));
    assert_eq!(need["status"], "open");
    let lots = need["lots"].as_array().unwrap();
    assert_eq!(lots.len(), 4);
    assert_eq!(lots[1]["cpv"], serde_json::json!(["45331000", "09331000"]));
    assert_eq!(lots[1]["description"], "chaudières ; réseaux de chaleur");
    assert_eq!(lots[2]["title"], "Phase 2 : 2027", "not a CPV code");
    assert_eq!(lots[3]["title"], "Voirie (nord)");
    assert_eq!(lots[3]["description"], "entretien");
    assert_eq!(need["number"], 1, "short numbers, not store ids");
    let n = need["number"].as_u64().unwrap().to_string();

    let shown = ok(dir, "mdupuis", &["need", "show", &n]);
    assert!(
        shown.contains(
            "2. Chauffage (45331000, 09331000)\n       chaudières ; réseaux de chaleur\n"
        ),
        "{shown}"
    );
    assert!(shown.contains("alee"), "{shown}");
    let bad = refused(dir, "mdupuis", &["need", "add", "X", "--cpv", "4532"]);
    assert!(bad.contains("4532") && bad.contains("CPV"), "{bad}");
    let bad = refused(dir, "mdupuis", &["need", "show", "999999"]);
    assert!(bad.contains("999999") && bad.contains("need list"), "{bad}");

    ok(dir, "mdupuis", &["need", "status", &n, "clos"]);
    // A closed need is read-only.
    let siret = a_siret(dir, 0);
    let bad = refused(dir, "mdupuis", &["shortlist", "add", &n, &siret]);
    assert!(bad.contains("clos"), "{bad}");
    assert!(json(dir, &["need", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        json(dir, &["need", "list", "--all", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // English help and output.
    let en = run(dir, "mdupuis", "en_GB.UTF-8", &["need", "list", "--all"]);
    let en = sourcing::testing::output_text(&en);
    assert!(en.contains("closed"), "{en}");
}

#[test]
fn a_forum_is_prepared_from_the_command_line_and_timed() {
    let tmp = forum();
    let dir = tmp.path();
    ok(
        dir,
        "mdupuis",
        &[
            "need",
            "add",
            "Mobilier scolaire",
            "--lot",
            "Tables",
            "--co-buyer",
            "alee",
        ],
    );
    let n = json(dir, &["need", "list", "--json"])[0]["number"]
        .as_u64()
        .unwrap()
        .to_string();
    let siret = a_siret(dir, 0);
    let out = ok(
        dir,
        "mdupuis",
        &[
            "shortlist",
            "add",
            &n,
            &siret,
            "--lot",
            "1",
            "--status",
            "à-rencontrer",
        ],
    );
    assert!(out.contains("à rencontrer"), "{out}");
    // A meeting request carries its priority (2 unless given); only a request has one.
    let shown = ok(dir, "mdupuis", &["need", "show", &n]);
    assert!(
        shown.contains("[lot 1] — à rencontrer, priorité 2"),
        "{shown}"
    );
    let other = a_siret(dir, 1);
    ok(
        dir,
        "mdupuis",
        &[
            "shortlist",
            "add",
            &n,
            &other,
            "--status",
            "à-rencontrer",
            "--priority",
            "1",
        ],
    );
    let shown = ok(dir, "mdupuis", &["need", "show", &n]);
    assert!(shown.contains("— à rencontrer, priorité 1"), "{shown}");
    let bad = refused(
        dir,
        "mdupuis",
        &["shortlist", "add", &n, &other, "--priority", "1"],
    );
    assert!(bad.contains("--status à-rencontrer"), "{bad}");
    let bad = refused(
        dir,
        "mdupuis",
        &[
            "shortlist",
            "add",
            &n,
            &other,
            "--status",
            "à-rencontrer",
            "--priority",
            "4",
        ],
    );
    assert!(bad.contains("4"), "{bad}");
    let bad = refused(
        dir,
        "mdupuis",
        &["shortlist", "add", &n, &siret, "--lot", "7"],
    );
    assert!(bad.contains("lot 7"), "{bad}");
    let bad = refused(dir, "mdupuis", &["shortlist", "add", &n, "00000000000000"]);
    assert!(bad.contains("sourcing search"), "{bad}");
    // A decision with its reason: kept in the journal.
    ok(
        dir,
        "mdupuis",
        &[
            "shortlist",
            "add",
            &n,
            &siret,
            "--lot",
            "1",
            "--status",
            "retenu",
            "--reason",
            "références lycées",
        ],
    );
    let journal = ok(dir, "orga", &["export", "journal"]);
    assert!(journal.contains("références lycées"), "{journal}");

    // A meeting for the need: its owner and co-buyer both sit in it.
    let out = ok(
        dir,
        "mdupuis",
        &[
            "meeting",
            "add",
            &siret,
            "--day",
            "16/03/2027",
            "--at",
            "10:20",
            "--table",
            "Table 2",
            "--need",
            &n,
            "--lot",
            "1",
        ],
    );
    assert!(out.contains("10:20") && out.contains("Table 2"), "{out}");
    let ms = json(dir, &["meeting", "list", "--json"]);
    let m = &ms[0]["meeting"];
    assert_eq!(m["buyers"], serde_json::json!(["mdupuis", "alee"]));
    assert_eq!(ms[0]["number"], 1);
    let id = ms[0]["number"].as_u64().unwrap().to_string();
    // Same table and slot again: refused, naming the supplier holding it.
    let other = a_siret(dir, 1);
    let bad = refused(
        dir,
        "bmartin",
        &[
            "meeting",
            "add",
            &other,
            "--day",
            "2027-03-16",
            "--at",
            "10:20",
            "--table",
            "Table 2",
        ],
    );
    assert!(bad.contains("Table 2"), "{bad}");
    // Off the grid and unknown table: refused with what to do.
    let bad = refused(
        dir,
        "bmartin",
        &[
            "meeting",
            "add",
            &other,
            "--day",
            "2027-03-16",
            "--at",
            "10:25",
            "--table",
            "Table 1",
        ],
    );
    assert!(bad.contains("10:25"), "{bad}");
    let bad = refused(
        dir,
        "bmartin",
        &[
            "meeting",
            "add",
            &other,
            "--day",
            "2027-03-16",
            "--at",
            "10:40",
            "--table",
            "Salle Z",
        ],
    );
    assert!(bad.contains("Table 1, Table 2, Table 3"), "{bad}");

    // Ending before starting is refused; start then end stamps real times, held.
    let bad = refused(dir, "mdupuis", &["meeting", "end", &id]);
    assert!(bad.contains("commencez"), "{bad}");
    let out = ok(dir, "mdupuis", &["meeting", "start", &id]);
    assert!(out.contains("commencé"), "{out}");
    let list = ok(dir, "mdupuis", &["meeting", "list"]);
    assert!(list.contains("en cours"), "{list}");
    let out = ok(dir, "mdupuis", &["meeting", "end", &id]);
    // A meeting ended at once is far shorter than its 20-minute slot: flagged.
    assert!(
        out.contains("terminé") && out.contains("⚑ 0 min pour un créneau de 20"),
        "{out}"
    );
    let ms = json(dir, &["meeting", "list", "--json"]);
    assert_eq!(ms[0]["meeting"]["status"], "held");
    assert_eq!(ms[0]["time_flag"]["kind"], "short");
    assert_eq!(ms[0]["real_minutes"], 0);

    // Weeks later: a second stage needs an outcome first, then is a new outcome version.
    let bad = refused(
        dir,
        "mdupuis",
        &[
            "meeting",
            "follow-up",
            &id,
            "--result",
            "attribue",
            "--date",
            "2027-06-01",
        ],
    );
    assert!(bad.contains("compte rendu"), "{bad}");
    {
        let store = sourcing::store::SledStore::open(dir).unwrap();
        let mid = store.meetings().unwrap()[0].id;
        store
            .log_outcome(
                sourcing::domain::Outcome {
                    meeting: mid,
                    version: 0,
                    next_step: sourcing::domain::NextStep::InviteToTender,
                    rating: Some(4),
                    notes: "Références solides".into(),
                    follow_up: None,
                    follow_up_result: None,
                    documents_given: Vec::new(),
                    logged_by: String::new(),
                    logged_at: jiff::Timestamp::UNIX_EPOCH,
                },
                "mdupuis",
            )
            .unwrap();
    }
    let out = ok(
        dir,
        "mdupuis",
        &[
            "meeting",
            "follow-up",
            &id,
            "--result",
            "attribué",
            "--date",
            "01/06/2027",
            "--amount",
            "120000",
        ],
    );
    assert!(out.contains("v2"), "{out}");
    let report = ok(dir, "orga", &["report"]);
    assert!(
        report.contains("Suites ultérieures : 1 (sans suite 0, consultés 0, marchés attribués 1 pour 120000 € HT)"),
        "{report}"
    );
    let rows = json(dir, &["export", "meetings", "--format", "json"]);
    assert_eq!(
        rows[0]["outcome"]["notes"], "Références solides",
        "kept from v1"
    );
    assert_eq!(
        rows[0]["outcome"]["follow_up_result"]["result"],
        "contract_awarded"
    );
    assert_eq!(
        rows[0]["outcome"]["follow_up_result"]["amount_eur"],
        120000.0
    );

    // Cancel the other one planned by bmartin; the slot is free again.
    ok(
        dir,
        "bmartin",
        &[
            "meeting",
            "add",
            &other,
            "--day",
            "2027-03-16",
            "--at",
            "11:00",
            "--table",
            "Table 1",
        ],
    );
    let ms = json(dir, &["meeting", "list", "--buyer", "bmartin", "--json"]);
    let second = ms[0]["number"].as_u64().unwrap().to_string();
    assert_eq!(second, "2");
    let out = ok(dir, "bmartin", &["meeting", "cancel", &second]);
    assert!(out.contains("annulé"), "{out}");
    ok(
        dir,
        "bmartin",
        &[
            "meeting",
            "add",
            &other,
            "--day",
            "2027-03-16",
            "--at",
            "11:00",
            "--table",
            "Table 1",
        ],
    );
}

#[test]
fn an_organiser_acts_for_a_buyer_with_pour_and_a_buyer_cannot() {
    let tmp = forum();
    let dir = tmp.path();
    ok(
        dir,
        "orga",
        &["buyers", "add", "orga", "--role", "organisateur"],
    );
    ok(dir, "orga", &["buyers", "add", "mdupuis"]);
    let out = ok(
        dir,
        "orga",
        &["need", "add", "Téléassistance", "--pour", "mdupuis"],
    );
    assert!(out.starts_with('✔'), "{out}");
    let need = &json(dir, &["need", "list", "--json"])[0];
    assert_eq!(need["owner"], "mdupuis");
    let journal = ok(dir, "orga", &["export", "journal"]);
    assert!(journal.contains("orga pour mdupuis"), "{journal}");
    let bad = refused(dir, "mdupuis", &["need", "add", "Autre", "--pour", "orga"]);
    assert!(bad.contains("organisateur"), "{bad}");
}

#[test]
fn documents_given_are_logged_per_meeting_and_the_report_flags_who_got_less() {
    let tmp = forum();
    let dir = tmp.path();
    ok(
        dir,
        "mdupuis",
        &[
            "need",
            "add",
            "Isolation des lycées",
            "--document",
            "Fiche besoin",
            "--document",
            "Plan du site",
            "--status",
            "ouvert",
        ],
    );
    let shown = ok(dir, "mdupuis", &["need", "show", "1"]);
    assert!(
        shown.contains("Documents remis : Fiche besoin ; Plan du site"),
        "{shown}"
    );
    let (a, b) = (a_siret(dir, 0), a_siret(dir, 1));
    for (siret, at) in [(&a, "09:00"), (&b, "09:20")] {
        ok(
            dir,
            "mdupuis",
            &[
                "meeting",
                "add",
                siret,
                "--day",
                "16/03/2027",
                "--at",
                at,
                "--table",
                "Table 1",
                "--need",
                "1",
            ],
        );
    }
    // A first outcome needs its next step and rating.
    let bad = refused(dir, "mdupuis", &["meeting", "outcome", "1", "--notes", "x"]);
    assert!(bad.contains("--next-step"), "{bad}");
    // A document the need does not list is refused, naming the need's.
    let bad = refused(
        dir,
        "mdupuis",
        &[
            "meeting",
            "outcome",
            "1",
            "--next-step",
            "2",
            "--rating",
            "4",
            "--document",
            "Budget",
        ],
    );
    assert!(bad.contains("Fiche besoin ; Plan du site"), "{bad}");
    let out = ok(
        dir,
        "mdupuis",
        &[
            "meeting",
            "outcome",
            "1",
            "--next-step",
            "demander un devis",
            "--rating",
            "4",
            "--document",
            "fiche besoin",
            "--document",
            "Plan du site",
        ],
    );
    assert!(out.contains("compte rendu v1"), "{out}");
    ok(
        dir,
        "mdupuis",
        &[
            "meeting",
            "outcome",
            "2",
            "--suite",
            "invite_to_tender",
            "--rating",
            "3",
            "--document",
            "Fiche besoin",
        ],
    );
    // A later version keeps what it is not given.
    ok(
        dir,
        "mdupuis",
        &["meeting", "outcome", "1", "--rating", "5"],
    );
    for n in ["1", "2"] {
        ok(dir, "mdupuis", &["meeting", "start", n]);
        ok(dir, "mdupuis", &["meeting", "end", n]);
    }
    let store = sourcing::store::SledStore::open(dir).unwrap();
    let o: Vec<_> = store.all_outcomes().unwrap();
    let v2 = o.iter().find(|o| o.version == 2).unwrap();
    assert_eq!(v2.documents_given, ["Fiche besoin", "Plan du site"]);
    assert_eq!(v2.rating, Some(5));
    drop(store);
    let supplier_b = json(dir, &["search", "", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["siret"] == b.as_str())
        .and_then(|s| s["name"].as_str())
        .unwrap()
        .to_string();
    let report = ok(dir, "orga", &["report"]);
    assert!(
        report.contains("Documents remis : 1 besoin(s) en listent, 1 fournisseur(s)"),
        "{report}"
    );
    assert!(report.contains("n'a pas reçu Plan du site"), "{report}");
    let line = report.lines().find(|l| l.contains("n'a pas reçu")).unwrap();
    assert!(line.contains(&supplier_b), "{line}");
    let j = json(dir, &["report", "--json"]);
    assert_eq!(j["documents"]["gaps"][0]["missing"][0], "Plan du site");
    assert_eq!(j["documents"]["gaps"][0]["others"], 1);
}
