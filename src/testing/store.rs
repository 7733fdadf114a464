//! A real store directory built once per test binary, and private copies of it for the
//! tests that write.
//!
//! Building a store from `fixtures/suppliers.csv` takes seconds; each test binary builds
//! it once ([`shared_store!`](crate::shared_store)) under `CARGO_TARGET_TMPDIR` (not the
//! system's /tmp: the static is never dropped, so the directory outlives the run and is
//! cleaned with `target/`). Opening a store locks it, even to read: a test that writes, or
//! runs the binary while other tests may, takes a private [`copy`] first (a file copy of
//! tens of MB, well under a second, against seconds for an import).

use crate::io::embedded::theme_catalog;
use crate::io::import::{import_path, ImportOptions};
use crate::store::{SledStore, Store};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A store directory and the temporary directory that holds it.
#[derive(Debug)]
pub struct BuiltStore {
    root: tempfile::TempDir,
    dir: PathBuf,
}

impl BuiltStore {
    /// The store directory (what `--store` takes).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The temporary directory around it, for the test's other files.
    pub fn root(&self) -> &Path {
        self.root.path()
    }
}

/// The store in `cell`, built on first use by `build(store_dir)` in a new directory under
/// `tmp_root`; `build` must close the store before it returns. Used through
/// [`shared_store!`](crate::shared_store), which supplies the cell and the root.
pub fn built_once(
    cell: &'static OnceLock<BuiltStore>,
    tmp_root: &Path,
    build: impl FnOnce(&Path),
) -> &'static BuiltStore {
    cell.get_or_init(|| {
        std::fs::create_dir_all(tmp_root).expect("test tmp root");
        let root = tempfile::Builder::new()
            .prefix("shared-store-")
            .tempdir_in(tmp_root)
            .expect("tempdir for the shared store");
        let dir = root.path().join("s");
        build(&dir);
        BuiltStore { root, dir }
    })
}

/// The default build: every supplier of `fixtures/suppliers.csv` (about 14,600 real firms)
/// imported with the embedded themes, through the import library.
pub fn import_fixture(dir: &Path) {
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
    import_csv(dir, &csv);
}

/// Imports one CSV file into a new store at `dir` (closed on return).
pub fn import_csv(dir: &Path, csv: &Path) {
    let store = SledStore::open(dir).expect("open the store to build");
    let opts = ImportOptions {
        themes: Some(theme_catalog().clone()),
        ..Default::default()
    };
    import_path(&store as &dyn Store, csv, &opts, "test").expect("import the fixture");
}

/// A private copy of the store directory `src` (closed: nobody writes it meanwhile) in a new
/// temporary directory under `tmp_root`; the store is `copy.path().join("s")`.
pub fn copy(src: &Path, tmp_root: &Path) -> tempfile::TempDir {
    let root = tempfile::Builder::new()
        .prefix("store-copy-")
        .tempdir_in(tmp_root)
        .expect("tempdir for the copy");
    copy_dir(src, &root.path().join("s"));
    root
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("create the copy's directory");
    for entry in std::fs::read_dir(src).expect("read the store directory") {
        let entry = entry.expect("store directory entry");
        let to = dst.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy a store file");
        }
    }
}

/// The store built once for this test binary: `shared_store!()` imports
/// `fixtures/suppliers.csv` ([`import_fixture`]); `shared_store!(|dir| …)` builds with the
/// closure instead. Each call site has its own store; call it from one helper function to
/// share. Evaluates to `&'static BuiltStore`. Needs `CARGO_TARGET_TMPDIR` (integration tests
/// and benches).
#[macro_export]
macro_rules! shared_store {
    () => {
        $crate::shared_store!($crate::testing::store::import_fixture)
    };
    ($build:expr) => {{
        static CELL: ::std::sync::OnceLock<$crate::testing::store::BuiltStore> =
            ::std::sync::OnceLock::new();
        $crate::testing::store::built_once(
            &CELL,
            ::std::path::Path::new(env!("CARGO_TARGET_TMPDIR")),
            $build,
        )
    }};
}

/// A private copy of the shared store for a test that writes (see [`copy`]): a
/// `tempfile::TempDir` whose `s` is the store.
#[macro_export]
macro_rules! store_copy {
    ($built:expr) => {
        $crate::testing::store::copy(
            $built.dir(),
            ::std::path::Path::new(env!("CARGO_TARGET_TMPDIR")),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_once_builds_once_and_copies_are_independent() {
        static CELL: OnceLock<BuiltStore> = OnceLock::new();
        let tmp = tempfile::tempdir().unwrap();
        let mut calls = 0;
        let first = built_once(&CELL, tmp.path(), |dir| {
            calls += 1;
            std::fs::create_dir_all(dir.join("sub")).unwrap();
            std::fs::write(dir.join("sub/f"), "v1").unwrap();
        });
        let again = built_once(&CELL, tmp.path(), |_| panic!("built twice"));
        assert_eq!(calls, 1);
        assert_eq!(first.dir(), again.dir());
        let copy = copy(first.dir(), tmp.path());
        std::fs::write(copy.path().join("s/sub/f"), "v2").unwrap();
        assert_eq!(
            std::fs::read_to_string(first.dir().join("sub/f")).unwrap(),
            "v1"
        );
        assert_eq!(
            std::fs::read_to_string(copy.path().join("s/sub/f")).unwrap(),
            "v2"
        );
    }
}
