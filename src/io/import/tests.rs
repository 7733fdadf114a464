//! Library-level tests of the whole import on the shared hostile inputs (tests/data), with an
//! in-memory store that follows the `Store::upsert_suppliers` contract.

use super::*;
use crate::domain::{
    ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, SupplierId,
};
use crate::store::{StoreResult, UpsertCounts};
use std::sync::Mutex;

/// Suppliers in memory; upsert matches id-0 records by identity key, all or nothing.
#[derive(Default)]
pub(crate) struct MemStore {
    pub suppliers: Mutex<Vec<Supplier>>,
    pub writes: Mutex<usize>,
}

fn unsupported<T>() -> StoreResult<T> {
    Err(StoreError::Io("not in the test store".into()))
}

impl MemStore {
    fn suppliers(&self) -> StoreResult<Vec<Supplier>> {
        Ok(self.suppliers.lock().unwrap().clone())
    }
}

impl Store for MemStore {
    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>> {
        Ok(self
            .suppliers
            .lock()
            .unwrap()
            .iter()
            .find(|s| s.id == id)
            .cloned())
    }
    fn supplier_count(&self) -> StoreResult<usize> {
        Ok(self.suppliers.lock().unwrap().len())
    }
    fn for_each_supplier(
        &self,
        f: &mut dyn FnMut(Supplier) -> std::ops::ControlFlow<()>,
    ) -> StoreResult<()> {
        for s in self.suppliers.lock().unwrap().clone() {
            if f(s).is_break() {
                break;
            }
        }
        Ok(())
    }
    fn upsert_suppliers(
        &self,
        batch: Vec<Supplier>,
        _actor: &str,
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        let mut all = self.suppliers.lock().unwrap();
        let mut next = all.iter().map(|s| s.id).max().unwrap_or(0) + 1;
        let mut counts = UpsertCounts::default();
        let mut ids = Vec::new();
        let mut staged = all.clone();
        let mut index: std::collections::HashMap<String, usize> = staged
            .iter()
            .enumerate()
            .map(|(i, s)| (s.identity_key(), i))
            .collect();
        for mut s in batch {
            let key = s.identity_key();
            match index.get(&key) {
                Some(&i) => {
                    let old = &mut staged[i];
                    s.id = old.id;
                    if *old == s {
                        counts.unchanged += 1;
                    } else {
                        counts.updated += 1;
                        *old = s;
                    }
                    ids.push(old.id);
                }
                None => {
                    s.id = next;
                    next += 1;
                    ids.push(s.id);
                    index.insert(key, staged.len());
                    staged.push(s);
                    counts.created += 1;
                }
            }
        }
        *all = staged;
        *self.writes.lock().unwrap() += 1;
        Ok((counts, ids))
    }
    fn needs(&self) -> StoreResult<Vec<Need>> {
        Ok(Vec::new())
    }
    fn save_need(&self, _: Need, _: &str) -> StoreResult<Need> {
        unsupported()
    }
    fn shortlist(&self, _: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
        Ok(Vec::new())
    }
    fn save_shortlist_entry(&self, _: ShortlistEntry, _: &str) -> StoreResult<()> {
        unsupported()
    }
    fn remove_shortlist_entry(&self, _: NeedId, _: u32, _: SupplierId, _: &str) -> StoreResult<()> {
        unsupported()
    }
    fn forum_days(&self) -> StoreResult<Vec<ForumDay>> {
        Ok(Vec::new())
    }
    fn edit_forum_day(
        &self,
        _: ForumDay,
        _: crate::store::DayEdit,
        _: &str,
    ) -> StoreResult<Vec<crate::domain::forum::replan::MeetingMove>> {
        unsupported()
    }
    fn remove_forum_day(&self, _: jiff::civil::Date, _: &str) -> StoreResult<usize> {
        unsupported()
    }
    fn save_registrations(
        &self,
        _: jiff::civil::Date,
        _: Vec<crate::domain::forum::Registration>,
        _: &str,
    ) -> StoreResult<()> {
        unsupported()
    }
    fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        Ok(Vec::new())
    }
    fn plan_meeting(&self, _: Meeting, _: &str) -> StoreResult<Meeting> {
        unsupported()
    }
    fn set_meeting_status(&self, _: MeetingId, _: MeetingStatus, _: &str) -> StoreResult<Meeting> {
        unsupported()
    }
    fn stamp_meeting(
        &self,
        _: MeetingId,
        _: crate::domain::MeetingStamp,
        _: &str,
    ) -> StoreResult<Meeting> {
        unsupported()
    }
    fn log_outcome(&self, _: Outcome, _: &str) -> StoreResult<Outcome> {
        unsupported()
    }
    fn outcomes(&self, _: MeetingId) -> StoreResult<Vec<Outcome>> {
        Ok(Vec::new())
    }
    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>> {
        Ok(Vec::new())
    }
    fn journal(&self) -> StoreResult<Vec<JournalEvent>> {
        Ok(Vec::new())
    }
    fn buyers(&self) -> StoreResult<Vec<crate::domain::Buyer>> {
        Ok(Vec::new())
    }
    fn save_buyer(&self, _: crate::domain::Buyer, _: &str) -> StoreResult<()> {
        unsupported()
    }
    fn remove_buyer(&self, _: &str, _: &str) -> StoreResult<()> {
        unsupported()
    }
}

const CP1252: &[u8] = include_bytes!("../../../tests/data/fournisseurs_excel_fr_cp1252.csv");
const UTF8_BOM: &[u8] = include_bytes!("../../../tests/data/fournisseurs_excel_fr_utf8_bom.csv");
const MULTILINE: &[u8] = include_bytes!("../../../tests/data/fournisseurs_multiligne.csv");
const SIRETS: &[u8] = include_bytes!("../../../tests/data/fournisseurs_siret_formats.csv");
const DUPLICATES: &[u8] = include_bytes!("../../../tests/data/fournisseurs_doublons.csv");

fn run(store: &MemStore, data: &[u8], name: &str) -> ImportReport {
    import_reader(store, data, name, &ImportOptions::default(), "test").unwrap()
}

fn by_siret(store: &MemStore, siret: &str) -> Supplier {
    store
        .suppliers()
        .unwrap()
        .into_iter()
        .find(|s| s.siret.as_ref().map(|x| x.as_str()) == Some(siret))
        .unwrap_or_else(|| panic!("no supplier {siret}"))
}

#[test]
fn cp1252_file() {
    let store = MemStore::default();
    let r = run(&store, CP1252, "fournisseurs_excel_fr_cp1252.csv");
    assert_eq!((r.created, r.updated, r.unchanged), (5, 0, 0), "{r:?}");
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    let names: Vec<String> = store
        .suppliers()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    for n in [
        "Société d’Électricité Générale",
        "Cœur de Forêt SARL",
        "Façades & Rénovation; Groupe",
        "Numérique Œuvre › Conseil €",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} not in {names:?}");
    }
    let turnovers: Vec<Option<f64>> = store
        .suppliers()
        .unwrap()
        .iter()
        .map(|s| s.turnover_eur)
        .collect();
    assert_eq!(
        turnovers,
        vec![
            Some(1234567.89),
            Some(98765.50),
            Some(2500000.0),
            Some(450000.00),
            Some(12345.6)
        ]
    );
    let s = by_siret(&store, "01234567400019");
    assert_eq!(s.created_on, Some(jiff::civil::date(2009, 3, 15)));
    assert_eq!(s.city, "Orléans");
    assert_eq!(s.headcount, Some(42));
    assert_eq!(s.themes, vec!["CVC", "Électricité"]);
    assert_eq!(s.source.line, 2);
    let n = by_siret(&store, "55512300900014");
    assert_eq!(n.created_on, Some(jiff::civil::date(2024, 2, 29)));
    // The Windows-1252 reading is said once.
    assert_eq!(
        r.warnings
            .iter()
            .filter(|w| w.kind == IssueKind::Windows1252)
            .count(),
        1
    );
}

#[test]
fn utf8_bom_after_cp1252_creates_nothing_and_keeps_names() {
    let store = MemStore::default();
    run(&store, CP1252, "a.csv");
    let fresh = MemStore::default();
    let alone = run(&fresh, UTF8_BOM, "b.csv");
    assert_eq!(alone.created, 3);
    let r = run(&store, UTF8_BOM, "b.csv");
    assert_eq!(r.created, 0, "{r:?}");
    assert_eq!(store.suppliers().unwrap().len(), 5);
    assert_eq!(
        by_siret(&store, "01234567400019").name,
        "Société d’Électricité Générale"
    );
    assert_eq!(
        by_siret(&store, "00987654100013").name,
        "Cœur de Forêt SARL"
    );
    // The narrow no-break spaces of the UTF-8 file give the same amounts.
    assert_eq!(
        by_siret(&store, "01234567400019").turnover_eur,
        Some(1234567.89)
    );
    assert!(!r.warnings.iter().any(|w| w.kind == IssueKind::Windows1252));
}

#[test]
fn multiline_file() {
    let store = MemStore::default();
    let r = run(&store, MULTILINE, "fournisseurs_multiligne.csv");
    assert_eq!(r.created, 3, "{r:?}");
    let all = store.suppliers().unwrap();
    assert_eq!(all[0].name, "Dupont; Fils & Cie");
    assert_eq!(
        all[0].keywords,
        vec!["Maintenance CVC\nAstreinte 24h/24\nInterventions < 4 h"]
    );
    assert_eq!(all[1].name, "L’Atelier \"Bois Vivant\"");
    assert_eq!(all[1].keywords, vec!["Mobilier urbain\nBardage bois"]);
    let lines: Vec<u64> = all.iter().map(|s| s.source.line).collect();
    assert_eq!(lines, vec![2, 5, 7]);
}

#[test]
fn siret_formats_file() {
    let store = MemStore::default();
    let r = run(&store, SIRETS, "fournisseurs_siret_formats.csv");
    let rejected: Vec<(u64, &str)> = r
        .rejected
        .iter()
        .map(|i| (i.line, i.field.as_str()))
        .collect();
    assert_eq!(rejected, vec![(7, "siret"), (8, "siret"), (10, "siret")]);
    assert!(matches!(r.rejected[0].kind, IssueKind::SiretScientific(_)));
    assert!(r.rejected[0].reason.contains("Texte"));
    assert!(matches!(r.rejected[1].kind, IssueKind::SiretScientific(_)));
    assert!(matches!(r.rejected[2].kind, IssueKind::SiretLuhn(_)));
    let all = store.suppliers().unwrap();
    let got: Vec<(u64, Option<String>, Option<String>)> = all
        .iter()
        .map(|s| {
            (
                s.source.line,
                s.siret.as_ref().map(|x| x.to_string()),
                s.siren.as_ref().map(|x| x.to_string()),
            )
        })
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        got,
        vec![
            (2, some("01234567400019"), some("012345674")),
            (3, some("01234567400027"), some("012345674")),
            (4, some("09876543100014"), some("098765431")),
            (5, some("00987654100013"), some("009876541")),
            (6, some("12345678200010"), some("123456782")),
            (9, None, some("000567891")),
            (11, None, None),
        ]
    );
    let warn = |line: u64| -> Vec<&IssueKind> {
        r.warnings
            .iter()
            .filter(|w| w.line == line)
            .map(|w| &w.kind)
            .collect()
    };
    assert!(matches!(warn(5)[..], [IssueKind::SiretPadded(_, 12)]));
    assert!(matches!(warn(6)[..], [IssueKind::SiretDecimal(_)]));
    assert!(matches!(warn(11)[..], [IssueKind::SiretMissing]));
    assert!(warn(2).is_empty() && warn(3).is_empty() && warn(4).is_empty());
    // The "Remarque" column is listed once, on the header line.
    assert!(matches!(&warn(1)[..], [IssueKind::UnknownColumns(c)] if c.len() == 1));
}

#[test]
fn duplicates_file_and_second_import() {
    let store = MemStore::default();
    let r = run(&store, DUPLICATES, "fournisseurs_doublons.csv");
    assert_eq!((r.created, r.skipped), (3, 3), "{r:?}");
    assert!(r.rejected.is_empty());
    let all = store.suppliers().unwrap();
    assert_eq!(all.len(), 3);
    let a = by_siret(&store, "01234567400019");
    assert_eq!(a.themes, vec!["CVC", "Électricité"]);
    assert_eq!(a.name, "Dupont SAS");
    assert_eq!(a.source.line, 2);
    assert_eq!(by_siret(&store, "00987654100013").name, "Cœur de Forêt");
    by_siret(&store, "01234567400027");
    let merged: Vec<u64> = r
        .warnings
        .iter()
        .filter(|w| matches!(w.kind, IssueKind::Merged(..)))
        .map(|w| w.line)
        .collect();
    assert_eq!(merged, vec![3, 4, 5, 8]);
    let again = run(&store, DUPLICATES, "fournisseurs_doublons.csv");
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
    assert_eq!(store.suppliers().unwrap(), all);
}

#[test]
fn dry_run_writes_nothing_and_counts_the_same() {
    let store = MemStore::default();
    let opts = ImportOptions {
        dry_run: true,
        ..Default::default()
    };
    let r = import_reader(&store, CP1252, "a.csv", &opts, "t").unwrap();
    assert_eq!(r.created, 5);
    assert!(r.dry_run && !r.stored);
    assert_eq!(store.supplier_count().unwrap(), 0);
    assert_eq!(*store.writes.lock().unwrap(), 0);
}

#[test]
fn strict_refuses_the_whole_file() {
    let store = MemStore::default();
    let opts = ImportOptions {
        strict: true,
        ..Default::default()
    };
    let e = import_reader(&store, SIRETS, "s.csv", &opts, "t").unwrap_err();
    match e {
        ImportError::Refused(r) => assert_eq!(r.rejected_lines(), 3),
        other => panic!("{other}"),
    }
    assert_eq!(store.supplier_count().unwrap(), 0);
    // A clean file passes --strict.
    assert_eq!(
        import_reader(&store, MULTILINE, "m.csv", &opts, "t")
            .unwrap()
            .created,
        3
    );
}

#[test]
fn one_write_per_import_and_none_when_nothing_changed() {
    let store = MemStore::default();
    let first = run(&store, DUPLICATES, "d.csv");
    assert_eq!(*store.writes.lock().unwrap(), 1);
    let again = run(&store, DUPLICATES, "d.csv");
    assert_eq!(*store.writes.lock().unwrap(), 1);
    assert!(!again.stored);
    assert_eq!(again.ids, first.ids);
    assert_eq!(again.ids.len(), 3);
    assert!(again.ids.iter().all(|id| *id != 0));
}

#[test]
fn map_option_and_forced_delimiter() {
    let store = MemStore::default();
    let data = "Identifiant\tSociété X\tVille\n01234567400019\tDupont\tOrléans\n";
    let opts = ImportOptions {
        map: vec![
            ("Identifiant".into(), "siret".into()),
            ("Société X".into(), "raison_sociale".into()),
        ],
        delimiter: Some(b'\t'),
        ..Default::default()
    };
    let r = import_reader(&store, data.as_bytes(), "t.tsv", &opts, "t").unwrap();
    assert_eq!(r.created, 1, "{r:?}");
    assert_eq!(by_siret(&store, "01234567400019").city, "Orléans");
}

#[test]
fn no_name_column_is_an_error_naming_the_columns() {
    let store = MemStore::default();
    let e = import_reader(
        &store,
        &b"SIRET;Truc\n01234567400019;x\n"[..],
        "f.csv",
        &ImportOptions::default(),
        "t",
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("« Truc »") && msg.contains("--map"), "{msg}");
    assert!(matches!(
        import_reader(&store, &b""[..], "vide.csv", &ImportOptions::default(), "t"),
        Err(ImportError::Empty(_))
    ));
}

#[test]
fn json_lines() {
    let store = MemStore::default();
    let data = concat!(
        r#"{"siret":"01234567400019","name":"Dupont SAS","themes":["Électricité","CVC"],"ess":true,"turnover_eur":1234.5,"references":[{"object":"Entretien, lot 2","year":2019}]}"#,
        "\n\n",
        r#"["not an object"]"#,
        "\n",
        r#"{"nom":"Sans SIRET","code postal":"93100","couleur":"bleu"}"#,
        "\n",
        "{broken\n",
    );
    let r = import_reader(
        &store,
        data.as_bytes(),
        "f.jsonl",
        &ImportOptions::default(),
        "t",
    )
    .unwrap();
    assert_eq!((r.created, r.skipped), (2, 1), "{r:?}");
    let rej: Vec<(u64, &str)> = r
        .rejected
        .iter()
        .map(|i| (i.line, i.field.as_str()))
        .collect();
    assert_eq!(rej, vec![(3, "json"), (5, "json")]);
    let d = by_siret(&store, "01234567400019");
    assert_eq!(d.themes, vec!["CVC", "Électricité"]);
    assert!(d.ess);
    assert_eq!(d.turnover_eur, Some(1234.5));
    assert_eq!(d.references[0].object, "Entretien, lot 2");
    assert_eq!(d.references[0].year, Some(2019));
    let n = store
        .suppliers()
        .unwrap()
        .into_iter()
        .find(|s| s.siret.is_none())
        .unwrap();
    assert_eq!(
        (n.postcode.as_str(), n.department.as_str()),
        ("93100", "93")
    );
    assert!(r.warnings.iter().any(
        |w| matches!(&w.kind, IssueKind::UnknownColumns(c) if c == &vec!["couleur".to_string()])
    ));
}

#[test]
fn utf8_then_windows_1252_further_down() {
    // Valid UTF-8 for many records, then one Windows-1252 record: each read right.
    let mut data = "SIRET;Raison sociale\n".as_bytes().to_vec();
    for i in 0..2000 {
        data.extend_from_slice(format!(";Société n° {i}\n").as_bytes());
    }
    data.extend_from_slice(b";Soci\xe9t\xe9 C\x9cur \x80\n");
    let store = MemStore::default();
    let r = run(&store, &data, "mix.csv");
    assert_eq!(r.created, 2001);
    let last = store.suppliers().unwrap().pop().unwrap();
    assert_eq!(last.name, "Société Cœur €");
    let w: Vec<u64> = r
        .warnings
        .iter()
        .filter(|w| w.kind == IssueKind::Windows1252)
        .map(|w| w.line)
        .collect();
    assert_eq!(w, vec![2002]);
}

#[test]
fn too_many_cells_rejected_not_shifted() {
    let store = MemStore::default();
    let data = "SIRET;Raison sociale;Ville\n01234567400019;Dupont; Fils;Tours\n01234567400027;Durand;Tours;;\n";
    let r = run(&store, data.as_bytes(), "f.csv");
    assert_eq!(r.created, 1);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].line, 2);
    assert!(matches!(r.rejected[0].kind, IssueKind::TooManyCells(4, 3)));
}

#[test]
fn escape_sequences_never_stored() {
    let store = MemStore::default();
    let data = "Raison sociale;Description\n\"Evil\u{1b}]0;pwned\u{7} \u{1b}[2JCorp\";\"ligne 1\r\n\u{1b}[31mligne 2\"\n";
    run(&store, data.as_bytes(), "f.csv");
    let s = store.suppliers().unwrap().pop().unwrap();
    assert_eq!(s.name, "Evil Corp");
    assert_eq!(s.description, "ligne 1\nligne 2");
}

#[test]
fn header_under_a_title_and_workbooks_refused() {
    let store = MemStore::default();
    let data = "Forum de l'achat innovant, inscrits au 3/12\r\n\r\nSIRET;Raison sociale;Ville\r\n01234567400019;Dupont;Tours\r\n";
    let r = run(&store, data.as_bytes(), "titre.csv");
    assert_eq!((r.created, r.skipped), (1, 1), "{r:?}");
    assert!(matches!(r.warnings[0].kind, IssueKind::HeaderBelow(2)));
    assert_eq!(r.warnings[0].line, 3);
    assert_eq!(by_siret(&store, "01234567400019").source.line, 4);
    let e = import_reader(
        &store,
        &b"PK\x03\x04\x14\x00\x06\x00"[..],
        "inscrits.xlsx",
        &ImportOptions::default(),
        "t",
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::Spreadsheet(_)));
    assert!(e.to_string().contains("CSV"));
}
