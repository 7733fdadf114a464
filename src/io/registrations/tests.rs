//! The registration import on small files made like registration form exports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::domain::forum::{Availability, ForumDay};
use crate::domain::siret::Siret;
use crate::domain::Supplier;
use crate::store::MemoryStore;
use jiff::civil::{date, Time};

fn store() -> MemoryStore {
    let s = MemoryStore::default();
    let mk = |name: &str, siret: Option<&str>, pc: &str| Supplier {
        name: name.to_string(),
        siret: siret.map(|x| Siret::parse(x).unwrap()),
        postcode: pc.to_string(),
        ..Supplier::default()
    };
    s.upsert_suppliers(
        vec![
            mk("SCIC L'Éole", Some("73282932000074"), "75011"),
            mk("Menuiserie Dupré", None, "01000"),
            mk("Net Services", None, "93200"),
        ],
        "test",
    )
    .unwrap();
    for d in [date(2027, 3, 17), date(2027, 3, 18)] {
        s.save_forum_day(ForumDay::typical(d), "test").unwrap();
    }
    s
}

fn id_of(s: &MemoryStore, name: &str) -> u64 {
    let mut found = 0;
    s.for_each_supplier(&mut |x| {
        if x.name == name {
            found = x.id;
        }
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    found
}

fn run(s: &MemoryStore, csv: &[u8], opts: &RegistrationOptions) -> RegistrationReport {
    import_registrations(s, csv, "inscrits.csv", opts, "orga").unwrap()
}

fn day(s: &MemoryStore, d: jiff::civil::Date) -> ForumDay {
    s.forum_days()
        .unwrap()
        .into_iter()
        .find(|x| x.date == d)
        .unwrap()
}

#[test]
fn excel_fr_windows_1252_with_a_title_line_and_unmatched_lines() {
    let s = store();
    // Windows-1252: "Dupré" is 0xE9, "après-midi" too.
    let mut csv = b"Forum de l'achat public innovant\r\n".to_vec();
    csv.extend_from_slice(
        b"N\xb0 SIRET;Raison sociale;Code postal;Jours;Disponibilit\xe9;Th\xe9matiques\r\n",
    );
    csv.extend_from_slice(b"73282932000074;SCIC L'EOLE;75011;17/03/2027;matin;Energie\r\n");
    csv.extend_from_slice(b";Menuiserie Dupr\xe9;1000;17/03/2027 et 18/03/2027;apr\xe8s-midi;\r\n");
    csv.extend_from_slice(b"12345678901234;Inconnue SARL;75001;17/03/2027;;\r\n");
    csv.extend_from_slice(b";Menuiserie Dupr\xe9;;17/03/2027;;\r\n");
    csv.extend_from_slice(b";Net Services;93200;le 19;;\r\n");
    let r = run(&s, &csv, &RegistrationOptions::default());
    assert_eq!(r.lines, 5);
    assert_eq!(r.matched, 2, "{r:?}");
    // Unmatched: the unknown company (its SIRET fails the check: warned, then the name is
    // tried) and the name without postcode; never guessed.
    let lines: Vec<u64> = r.unmatched.iter().map(|u| u.line).collect();
    assert_eq!(lines, [5, 6]);
    assert!(r.unmatched[1].reason.contains("code postal"), "{r:?}");
    assert!(r.warnings.iter().any(|w| w.line == 5 && w.field == "siret"));
    // The unknown day is a rejection naming the line and field.
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(
        (r.rejected[0].line, r.rejected[0].field.as_str()),
        (7, "jours")
    );
    assert!(r.rejected[0].reason.contains("le 19"));
    let d17 = day(&s, date(2027, 3, 17));
    let eole = id_of(&s, "SCIC L'Éole");
    let dupre = id_of(&s, "Menuiserie Dupré");
    assert_eq!(d17.registrations.len(), 2);
    let reg = d17.registration(eole).unwrap();
    assert_eq!(reg.availability, [Availability::Morning]);
    assert_eq!(reg.themes, ["Energie"]);
    assert_eq!(
        d17.registration(dupre).unwrap().availability,
        [Availability::Afternoon]
    );
    let d18 = day(&s, date(2027, 3, 18));
    assert_eq!(d18.registrations.len(), 1);
    assert!(d18.registration(dupre).is_some());
    let text = r.render(Lang::Fr);
    assert!(
        text.contains("Journée du 17/03/2027 : 2 inscrits (2 nouveaux)."),
        "{text}"
    );
    assert!(text.contains("ligne 6 : Menuiserie Dupré —"), "{text}");
}

#[test]
fn dry_run_writes_nothing_and_merge_keeps_the_others() {
    let s = store();
    let first = b"siret,jours,disponibilite\n73282932000074,17/03,14:00-17:00\n";
    let r = run(
        &s,
        first,
        &RegistrationOptions {
            dry_run: true,
            ..Default::default()
        },
    );
    assert_eq!(r.days[0].registered, 1);
    assert!(day(&s, date(2027, 3, 17)).registrations.is_empty());
    run(&s, first, &RegistrationOptions::default());
    let reg = day(&s, date(2027, 3, 17)).registrations;
    assert_eq!(
        reg[0].availability,
        [Availability::Window {
            start: Time::constant(14, 0, 0, 0),
            end: Time::constant(17, 0, 0, 0)
        }]
    );
    // A second file for the same day adds to the list…
    let second = b"nom,cp,jours\nNet Services,93200,2027-03-17\n";
    let r = run(&s, second, &RegistrationOptions::default());
    assert_eq!((r.days[0].registered, r.days[0].created), (2, 1));
    // …unless it replaces it; the day it does not name keeps its list.
    let r = run(
        &s,
        second,
        &RegistrationOptions {
            replace: true,
            ..Default::default()
        },
    );
    assert_eq!((r.days[0].registered, r.days[0].dropped), (1, 1));
    assert_eq!(day(&s, date(2027, 3, 17)).registrations.len(), 1);
    // A day edit keeps the registrations written by the import.
    let mut d = day(&s, date(2027, 3, 17));
    d.registrations.clear();
    d.title = "Bâtiment & Énergie".into();
    s.save_forum_day(d, "orga").unwrap();
    assert_eq!(day(&s, date(2027, 3, 17)).registrations.len(), 1);
}

#[test]
fn refusals_name_what_to_do() {
    let s = MemoryStore::default();
    let e = import_registrations(
        &s,
        &b"siret,jours\n"[..],
        "f.csv",
        &RegistrationOptions::default(),
        "x",
    );
    assert!(matches!(e, Err(RegistrationError::NoForumDay)));
    let s = store();
    let e = import_registrations(
        &s,
        &b"commentaire\nbonjour\n"[..],
        "f.csv",
        &RegistrationOptions::default(),
        "x",
    );
    assert!(matches!(e, Err(RegistrationError::NoHeader { .. })));
    let r = run(
        &s,
        b"siret;jours;disponibilite\n73282932000074;;le soir\n",
        &Default::default(),
    );
    assert_eq!(r.rejected[0].field, "disponibilite");
    assert!(day(&s, date(2027, 3, 17)).registrations.is_empty());
}
