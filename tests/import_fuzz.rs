//! Fuzzing (issue 3, item 7): no input makes the importer panic. Random bytes, and the shared
//! hostile inputs mutated (bytes inserted, deleted, duplicated, replaced by the characters
//! that matter to CSV, encodings and SIRETs; truncated), go through the importer's reading,
//! parsing and merging; what comes out must still obey the import's rules.
//!
//! Bounded: a fixed number of cases per property (`SOURCING_FUZZ_CASES`, default 200), so the
//! run takes a few seconds; raise it for a longer hunt:
//! `SOURCING_FUZZ_CASES=20000 cargo test --release --test import_fuzz`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use proptest::prelude::*;
use sourcing::io::import::{read_suppliers, ImportError, ImportOptions};

const SEEDS: [&[u8]; 6] = [
    include_bytes!("data/fournisseurs_doublons.csv"),
    include_bytes!("data/fournisseurs_excel_fr_cp1252.csv"),
    include_bytes!("data/fournisseurs_excel_fr_utf8_bom.csv"),
    include_bytes!("data/fournisseurs_multiligne.csv"),
    include_bytes!("data/fournisseurs_siret_formats.csv"),
    br#"{"siret":"01234567400019","name":"Dupont","themes":["CVC"],"references":[{"object":"x"}],"source":{"file":"a","line":3}}
{"name":"B","cpv":["45210000"],"ess":true,"turnover_eur":12.5}
"#,
];

/// Pieces a mutation inserts: what CSV, encodings, numbers and terminals react to.
const PIECES: [&[u8]; 22] = [
    b"\"",
    b";",
    b",",
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"\"\"",
    b"\xEF\xBB\xBF",
    b"\x80\x8c\x9c\x92",
    b"\xC3",
    b"\xF0\x9F",
    b"1,23457E+13",
    b"12345678200010.0",
    b"987654100013",
    b"30/02/2021",
    b"1\xC2\xA0234,5",
    b"{",
    b"}",
    b"|",
    b"\x1b[31m\x1b]0;t\x07",
    b"\0",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Byte(usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..PIECES.len()).prop_map(|(p, i)| Mutation::Insert(p, i)),
        (any::<usize>(), 1usize..40).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (any::<usize>(), 1usize..80).prop_map(|(p, n)| Mutation::Duplicate(p, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Byte(p, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut data: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        let len = data.len().max(1);
        match *m {
            Mutation::Insert(p, i) => {
                let at = p % (data.len() + 1);
                data.splice(at..at, PIECES[i].iter().copied());
            }
            Mutation::Delete(p, n) => {
                let at = p % len;
                let end = (at + n).min(data.len());
                if at < end {
                    data.drain(at..end);
                }
            }
            Mutation::Duplicate(p, n) => {
                let at = p % len;
                let end = (at + n).min(data.len());
                if at < end {
                    let piece: Vec<u8> = data[at..end].to_vec();
                    data.splice(end..end, piece);
                }
            }
            Mutation::Byte(p, b) => {
                if !data.is_empty() {
                    let at = p % data.len();
                    data[at] = b;
                }
            }
            Mutation::Truncate(p) => data.truncate(p % len),
        }
    }
    data
}

fn cases() -> u32 {
    std::env::var("SOURCING_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// The rules every successful read obeys, whatever the input.
fn check(data: &[u8], name: &str, opts: &ImportOptions) {
    match read_suppliers(data, name, opts) {
        Ok(read) => {
            let physical_lines = data.iter().filter(|b| **b == b'\n').count() as u64
                + data.iter().filter(|b| **b == b'\r').count() as u64
                + 1;
            for i in read.report.rejected.iter().chain(&read.report.warnings) {
                assert!(
                    i.line >= 1 && i.line <= physical_lines,
                    "line {} of {physical_lines}",
                    i.line
                );
                assert!(!i.reason.is_empty());
            }
            for s in &read.suppliers {
                assert!(!s.name.is_empty(), "a supplier without a name was kept");
                assert!(!s.name.chars().any(char::is_control), "{:?}", s.name);
                assert_eq!(s.name, s.name.trim());
                for t in s.themes.iter().chain([&s.city, &s.email, &s.website]) {
                    assert!(!t.chars().any(char::is_control), "{t:?}");
                }
                for t in s.keywords.iter().chain([&s.description]) {
                    assert!(
                        !t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                        "{t:?}"
                    );
                    assert!(!t.contains('\u{1b}'));
                }
                if let Some(siret) = &s.siret {
                    assert_eq!(s.siren.as_ref(), Some(&siret.siren()));
                }
                assert!(s.turnover_eur.is_none_or(|t| t.is_finite() && t >= 0.0));
                let mut themes = s.themes.clone();
                themes.sort();
                assert_eq!(themes, s.themes, "themes sorted");
            }
            let keys: std::collections::HashSet<String> =
                read.suppliers.iter().map(|s| s.identity_key()).collect();
            assert_eq!(keys.len(), read.suppliers.len(), "one record per supplier");
        }
        Err(ImportError::Empty(_))
        | Err(ImportError::NoNameColumn { .. })
        | Err(ImportError::Spreadsheet(_)) => {}
        Err(e) => panic!("unexpected error kind: {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&data, "aleatoire.csv", &ImportOptions::default());
        check(&data, "aleatoire.jsonl", &ImportOptions::default());
    }

    #[test]
    fn random_text_with_a_header_never_panics(body in "[a-zA-Z0-9 ;,\"\r\n\t|éÉœ€’.+-]{0,600}") {
        let data = format!("SIRET;Raison sociale;Thématiques;CA (€);Créée le;Code postal\r\n{body}");
        check(data.as_bytes(), "texte.csv", &ImportOptions::default());
    }

    #[test]
    fn mutated_hostile_files_never_panic(
        seed in 0..SEEDS.len(),
        muts in proptest::collection::vec(mutation(), 1..12),
        delimiter in prop_oneof![Just(None), Just(Some(b';')), Just(Some(b',')), Just(Some(b'\t'))],
    ) {
        let data = apply(SEEDS[seed].to_vec(), &muts);
        let opts = ImportOptions { delimiter, ..ImportOptions::default() };
        check(&data, "mutation.csv", &opts);
    }
}
