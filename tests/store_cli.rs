//! `sourcing store check | backup | restore | compact` through the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use std::path::Path;
use std::process::{Command, Output};

fn sourcing(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sourcing"))
        .arg("--store")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    sourcing::testing::output_text(o)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn store_commands_check_back_up_compact_and_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store_v1/sled"),
        &dir.join("sled"),
    );
    let o = sourcing(dir, &["store", "backup"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("✔ sauvegarde"), "{}", text(&o));
    // A write after that backup (its journal event raises the damage marker's floor).
    let csv =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fournisseurs_siret_formats.csv");
    let o = sourcing(dir, &["import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let o = sourcing(dir, &["store", "check"]);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("empreintes SHA-256 vérifiées"), "{out}");
    assert!(out.contains("meetings"), "{out}");

    let o = sourcing(dir, &["store", "compact"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("compacté"), "{}", text(&o));

    // A damaged newest backup: check says so and exits 1.
    let newest = sourcing::store::backup::latest(dir).unwrap();
    std::fs::write(newest.path.join("outcomes.jsonl"), b"").unwrap();
    let o = sourcing(dir, &["store", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("✖") && out.contains("outcomes.jsonl"), "{out}");
    assert!(out.contains("sourcing store restore"), "{out}");

    // Restoring the damaged one is refused and changes nothing; an older one works.
    let o = sourcing(dir, &["store", "restore"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(dir.join("sled/db").is_file());
    let first = sourcing::store::backup::list(dir).remove(0);
    let o = sourcing(dir, &["--lang", "en", "store", "restore", &first.name]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("restored from backup"), "{}", text(&o));
    // The checked open accepts the restored store (its journal ends before the import's
    // event: the marker was lowered), and the import is gone.
    let o = sourcing(dir, &["export", "meetings", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Table 2"),
        "{}",
        text(&o)
    );
    let o = sourcing(dir, &["export", "suppliers", "--format", "jsonl"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 3);

    // Help in French first.
    let o = sourcing(dir, &["store", "restore", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("Remet le dossier de données"));
}
