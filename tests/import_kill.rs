//! All or nothing, end to end: a `sourcing import` killed (SIGKILL) while it writes leaves the
//! store as it was before the import; after the kill, the same import goes through whole.
//!
//! The kill is triggered by the store's files growing by more than opening them does (the
//! read phase writes nothing), so it lands in the write phase; wherever it lands, the store
//! must hold either the old suppliers only or all of the new ones, never a part.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::domain::Supplier;
use sourcing::store::{SledStore, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROWS: usize = 12_000;

/// Growth of the store's files that only the import's write makes (bytes).
const WRITE_GROWTH: u64 = 1 << 20;

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => total += dir_size(&e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// A file of `ROWS` suppliers with valid SIRETs, in the bundled format.
fn write_file(path: &Path) {
    let mut text = sourcing::io::format::SUPPLIER_COLUMNS.join(",");
    text.push('\n');
    let mut n = 0u64;
    let mut made = 0;
    while made < ROWS {
        n += 1;
        let base = format!("{:08}", 10_000_000 + n);
        let Some(siren) = (0..10)
            .map(|d| format!("{base}{d}"))
            .find(|s| sourcing::domain::siret::luhn_valid(s))
        else {
            continue;
        };
        let Some(siret) = (0..10)
            .map(|d| format!("{siren}0001{d}"))
            .find(|s| sourcing::domain::siret::luhn_valid(s))
        else {
            continue;
        };
        let name = format!("Fournisseur n° {made}");
        let row: Vec<&str> = sourcing::io::format::SUPPLIER_COLUMNS
            .iter()
            .map(|c| match *c {
                "siret" => siret.as_str(),
                "siren" => siren.as_str(),
                "raison_sociale" => name.as_str(),
                "taille" => "PME",
                "effectif" => "12",
                "code_postal" => "93100",
                "commune" => "Montreuil",
                "ess" | "siae" | "ea_esat" => "non",
                "thematiques" => "Électricité",
                "mots_cles" => "maintenance",
                _ => "",
            })
            .collect();
        text.push_str(&row.join(","));
        text.push('\n');
        made += 1;
    }
    std::fs::write(path, text).unwrap();
}

fn seed(dir: &Path) {
    let store = SledStore::open(dir).unwrap();
    store
        .upsert_suppliers(
            vec![Supplier {
                name: "Déjà là".into(),
                postcode: "75011".into(),
                ..Default::default()
            }],
            "test",
        )
        .unwrap();
}

#[test]
fn an_import_killed_while_writing_leaves_the_store_as_before() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("gros.csv");
    write_file(&file);
    let mut halfway = 0;
    for attempt in 0..2 {
        let store_dir = work.path().join(format!("store{attempt}"));
        seed(&store_dir);
        let before = dir_size(&store_dir);
        let mut child = Command::new(env!("CARGO_BIN_EXE_sourcing"))
            .arg("--store")
            .arg(&store_dir)
            .arg("import")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the write phase — the store's files grow by more than opening them does
        // (sled's log grows in segments of 512 KiB at most on open) — then kill at once, or
        // a little later on the second attempt.
        let start = Instant::now();
        while dir_size(&store_dir) <= before + WRITE_GROWTH
            && start.elapsed() < Duration::from_secs(120)
        {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(40 * attempt));
        let _ = child.kill();
        child.wait().unwrap();

        let store = SledStore::open(&store_dir).unwrap();
        let n = store.supplier_count().unwrap();
        assert!(
            n == 1 || n == 1 + ROWS,
            "attempt {attempt}: {n} suppliers after the kill: a part of the import is visible"
        );
        if n == 1 {
            halfway += 1;
            assert_eq!(store.suppliers_page(None, 1).unwrap()[0].name, "Déjà là");
        }
        drop(store);
        // The same import then goes through whole.
        let out = Command::new(env!("CARGO_BIN_EXE_sourcing"))
            .arg("--store")
            .arg(&store_dir)
            .args(["import", file.to_str().unwrap(), "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let store = SledStore::open(&store_dir).unwrap();
        assert_eq!(store.supplier_count().unwrap(), 1 + ROWS);
    }
    // Say where the kills landed (not asserted: it depends on the machine's speed).
    eprintln!("{halfway} of 2 kills landed before the import's commit");
}
