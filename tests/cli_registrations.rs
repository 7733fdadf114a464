//! `sourcing import registrations FILE` through the real binary, on a registration list
//! made like an Excel-FR export (Windows-1252, `;`, a title line, damaged SIRETs,
//! unmatched lines) over suppliers of the embedded real directory (tests/data): what is
//! matched and how, what is listed as unmatched, and how the organiser's schedule then
//! offers only registered suppliers in their hours.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env("USER", "orga")
        .env("LOGNAME", "orga")
        .env("NO_COLOR", "1")
        .env_remove("SOURCING_SOCKET")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    let text = sourcing::testing::output_text(&o);
    assert!(o.status.success(), "{args:?}: {text}");
    text
}

fn forum(dir: &Path) {
    ok(
        dir,
        &["import", data("annuaire_forum.csv").to_str().unwrap()],
    );
    for d in ["2027-03-16", "2027-03-17"] {
        ok(dir, &["day", "add", d, "--break", "Déjeuner 12:30-13:30"]);
    }
}

fn days(dir: &Path) -> Vec<Value> {
    let v: Value = serde_json::from_str(&ok(dir, &["day", "list", "--json"])).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn an_excel_fr_registration_list_is_matched_never_guessed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("forum");
    forum(&dir);
    let file = data("inscriptions_forum_excel_fr.csv");
    let file = file.to_str().unwrap();
    // A dry run reports everything and writes nothing.
    let dry: Value = serde_json::from_str(&ok(
        &dir,
        &["import", "registrations", file, "--dry-run", "--json"],
    ))
    .unwrap();
    assert_eq!(dry["matched"], 8, "{dry}");
    assert!(days(&dir).iter().all(|d| d.get("registrations").is_none()));
    let text = ok(&dir, &["import", "registrations", file]);
    for want in [
        "Inscriptions : 13 lignes lues, 8 fournisseurs reconnus, 2 lignes non reconnues, 2 lignes rejetées.",
        "Journée du 16/03/2027 : 6 inscrits (6 nouveaux).",
        "Journée du 17/03/2027 : 4 inscrits (4 nouveaux).",
        "ligne 11 : Entreprise Inconnue (75001) — aucun fournisseur de l'annuaire n'a ce nom et ce code postal",
        "ligne 12 : La Main Fine — pas de code postal",
        "ligne 14, jours : « 18/03/2027 » n'est pas une journée du forum",
        "ligne 15, disponibilite : disponibilité « le soir » illisible",
        "ligne 7, siret : SIRET en notation scientifique",
        "ligne 8, siret : SIRET lu comme un nombre décimal",
        "ligne 16, raison_sociale : TECHNICONTROL figure déjà ligne 3",
    ] {
        assert!(text.contains(want), "missing « {want} » in:\n{text}");
    }
    // Matched by SIRET, by a repaired SIRET, by name + postcode (the damaged SIRET's line
    // and lines without one); the later TECHNICONTROL line wins (morning only).
    let d16 = &days(&dir)[0];
    let regs = d16["registrations"].as_array().unwrap();
    assert_eq!(regs.len(), 6);
    let suppliers: Value =
        serde_json::from_str(&ok(&dir, &["export", "suppliers", "--format", "json"])).unwrap();
    let id_of = |siret: &str| {
        suppliers
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["siret"] == siret)
            .map(|s| s["id"].clone())
            .unwrap()
    };
    let reg_of = |siret: &str| {
        regs.iter()
            .find(|r| r["supplier"] == id_of(siret))
            .cloned()
            .unwrap_or_else(|| panic!("{siret} not registered: {d16}"))
    };
    assert_eq!(reg_of("73206005800060")["availability"][0], "morning");
    assert_eq!(
        reg_of("43433489200107")["availability"][0]["window"]["end"],
        "12:30:00"
    );
    assert!(reg_of("39023291600069").get("availability").is_none());
    reg_of("48044602000020");
    assert_eq!(
        reg_of("81414321000023")["availability"][0]["window"]["start"],
        "14:00:00"
    );
    // Running it again changes nothing; a UTF-8 copy with a BOM reads the same.
    let again = ok(&dir, &["import", "registrations", file]);
    assert!(again.contains("6 inscrits (6 inchangés)"), "{again}");
    let utf8 = tmp.path().join("inscrits.csv");
    let bytes = std::fs::read(file).unwrap();
    let text1252: String = bytes
        .iter()
        .map(|b| match *b {
            0x80 => '€',
            0x97 => '—',
            0x96 => '–',
            b => char::from(b),
        })
        .collect();
    std::fs::write(&utf8, format!("\u{feff}{text1252}")).unwrap();
    let bom: Value = serde_json::from_str(&ok(
        &dir,
        &[
            "import",
            "registrations",
            utf8.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(bom["matched"], 8, "{bom}");
    assert_eq!(bom["days"][0]["unchanged"], 6, "{bom}");
    // A file named "registrations" is still a supplier import when written ./registrations.
    std::fs::copy(data("annuaire_forum.csv"), tmp.path().join("registrations")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .current_dir(tmp.path())
        .args([
            "--store",
            dir.to_str().unwrap(),
            "import",
            "./registrations",
        ])
        .env("LANG", "fr_FR.UTF-8")
        .env("USER", "orga")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let t = sourcing::testing::output_text(&o);
    assert!(o.status.success() && t.contains("inchangés : 10"), "{t}");
}

#[test]
fn the_schedule_offers_only_registered_suppliers_in_their_hours() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("forum");
    forum(&dir);
    let file = data("inscriptions_forum_excel_fr.csv");
    ok(&dir, &["import", "registrations", file.to_str().unwrap()]);
    ok(
        &dir,
        &[
            "need",
            "add",
            "Maintenance des lycées",
            "--lot",
            "Chauffage : 50720000",
            "--status",
            "ouvert",
            "--pour",
            "mdupuis",
        ],
    );
    // Morning only (TECHNICONTROL), 14:00–17:00 (PRO INSERT YVELINES), not registered on
    // the 16th (LA MAIN FINE: its line named another day).
    for siret in ["73206005800060", "81414321000023", "44431340700017"] {
        ok(
            &dir,
            &[
                "shortlist",
                "add",
                "1",
                siret,
                "--lot",
                "1",
                "--status",
                "à-rencontrer",
                "--pour",
                "mdupuis",
            ],
        );
    }
    let v: Value = serde_json::from_str(&ok(&dir, &["schedule", "2027-03-16", "--json"])).unwrap();
    let placed = v["placed"].as_array().unwrap();
    let start_of = |siret: &str| {
        placed
            .iter()
            .find(|p| p["siret"] == siret)
            .map(|p| p["start"].as_str().unwrap().to_string())
    };
    let morning = start_of("73206005800060").expect("TECHNICONTROL placed");
    assert!(morning.as_str() < "12:30", "{v}");
    let afternoon = start_of("81414321000023").expect("PRO INSERT YVELINES placed");
    assert!(
        afternoon.as_str() >= "14:00" && afternoon.as_str() <= "16:40",
        "{v}"
    );
    assert_eq!(start_of("44431340700017"), None, "{v}");
    let unmet = v["unmet"].as_array().unwrap();
    assert_eq!(unmet.len(), 1, "{v}");
    assert_eq!(unmet[0]["siret"], "44431340700017");
    assert_eq!(unmet[0]["reason"], "supplier_never_available");
    // By hand, a time outside the registration is refused with the supplier's hours, and
    // booked with --force.
    let o = run(
        &dir,
        &[
            "meeting",
            "add",
            "73206005800060",
            "--day",
            "2027-03-16",
            "--at",
            "14:10",
            "--table",
            "Table 2",
        ],
    );
    let t = sourcing::testing::output_text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(
        t.contains("TECHNICONTROL n'est disponible le 16/03/2027 que 09:00–12:30 : rien n'est planifié à 14:10."),
        "{t}"
    );
    let o = run(
        &dir,
        &[
            "meeting",
            "add",
            "44431340700017",
            "--day",
            "2027-03-16",
            "--at",
            "09:00",
            "--table",
            "Table 2",
        ],
    );
    let t = sourcing::testing::output_text(&o);
    assert!(
        t.contains("LA MAIN FINE n'est pas inscrit à la journée du 16/03/2027"),
        "{t}"
    );
    ok(
        &dir,
        &[
            "meeting",
            "add",
            "44431340700017",
            "--day",
            "2027-03-16",
            "--at",
            "09:00",
            "--table",
            "Table 2",
            "--force",
        ],
    );
    ok(
        &dir,
        &[
            "meeting",
            "add",
            "73206005800060",
            "--day",
            "2027-03-16",
            "--at",
            "09:20",
            "--table",
            "Table 2",
        ],
    );
}
