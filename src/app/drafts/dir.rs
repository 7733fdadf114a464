//! The drafts folder of one store on disk: where it is (state home, store id) and how a
//! draft file is read, written atomically with private modes, and removed.

use super::error::DraftError;
use super::format::{DraftFile, FORMAT};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The stable id of a store for its drafts folder: FNV-1a 64-bit of its canonical path
/// (the path as given when it cannot be resolved), as 16 lower-case hex digits.
pub fn store_id(store_dir: &Path) -> String {
    let path = std::fs::canonicalize(store_dir).unwrap_or_else(|_| store_dir.to_path_buf());
    let bytes = path_bytes(&path);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().as_bytes().to_vec()
}

/// The user's state folder: `$XDG_STATE_HOME` when set to an absolute path, else the
/// platform's (`~/.local/state` on Linux), else `~/.local/state`. None without a home.
pub fn state_home() -> Option<PathBuf> {
    if let Some(v) = std::env::var_os("XDG_STATE_HOME") {
        let p = PathBuf::from(v);
        if p.is_absolute() {
            return Some(p);
        }
    }
    let base = directories::BaseDirs::new()?;
    Some(match base.state_dir() {
        Some(d) => d.to_path_buf(),
        None => base.home_dir().join(".local").join("state"),
    })
}

/// The drafts folder of one store: `<state home>/sourcing/drafts/<store id>`. Created on
/// the first write (mode 0700).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDir {
    dir: PathBuf,
}

impl DraftDir {
    /// The drafts folder of the store in `store_dir`, under [`state_home`].
    pub fn for_store(store_dir: &Path) -> Option<DraftDir> {
        Some(Self::under(&state_home()?, store_dir))
    }

    /// The drafts folder of the store in `store_dir` under a given state home.
    pub fn under(state_home: &Path, store_dir: &Path) -> DraftDir {
        DraftDir {
            dir: state_home
                .join("sourcing")
                .join("drafts")
                .join(store_id(store_dir)),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The file of the draft `form`.
    pub fn file(&self, form: &str) -> PathBuf {
        self.dir.join(form)
    }

    /// Reads the draft `form`; None when there is none.
    pub fn read(&self, form: &str) -> Result<Option<DraftFile>, DraftError> {
        let path = self.file(form);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(DraftError::Io { path, source }),
        };
        let file: DraftFile =
            serde_json::from_slice(&bytes).map_err(|e| DraftError::Unreadable {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        if file.format != FORMAT {
            return Err(DraftError::Unreadable {
                path,
                reason: format!("format {}", file.format),
            });
        }
        Ok(Some(file))
    }

    /// Writes the draft `form` atomically: a temporary file in the same folder (mode 0600),
    /// fsync, rename over the draft, fsync of the folder. Creates the folders (mode 0700).
    pub fn write(&self, form: &str, bytes: &[u8]) -> Result<(), DraftError> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| DraftError::Io { path, source }
        };
        create_private_dir(&self.dir).map_err(io_err(&self.dir))?;
        let path = self.file(form);
        let tmp = self.dir.join(format!(".{form}.tmp-{}", std::process::id()));
        let result = (|| {
            let mut f = open_private(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            drop(f);
            std::fs::rename(&tmp, &path)?;
            sync_dir(&self.dir)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.map_err(io_err(&path))
    }

    /// Removes the draft `form` (nothing to do when there is none), and the store's drafts
    /// folder once it is empty (so short-lived stores leave no folder behind).
    pub fn remove(&self, form: &str) -> Result<(), DraftError> {
        let path = self.file(form);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                let synced = sync_dir(&self.dir).map_err(|source| DraftError::Io {
                    path: self.dir.clone(),
                    source,
                });
                // Fails (and is meant to) while other drafts are kept.
                let _ = std::fs::remove_dir(&self.dir);
                synced
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(DraftError::Io { path, source }),
        }
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    // The last folder holds the drafts: 0700 even if it existed with a wider mode.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn open_private(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::create(path)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_id_is_stable_and_path_dependent() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        assert_eq!(store_id(a.path()), store_id(a.path()));
        assert_ne!(store_id(a.path()), store_id(b.path()));
        assert_eq!(store_id(a.path()).len(), 16);
        // The same folder through another spelling of its path.
        let dotted = a.path().join(".");
        assert_eq!(store_id(&dotted), store_id(a.path()));
    }

    #[cfg(unix)]
    #[test]
    fn drafts_are_private_and_written_atomically() {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        let store = tempfile::tempdir().unwrap();
        let dir = DraftDir::under(home.path(), store.path());
        dir.write("need-new", b"{}").unwrap();
        dir.write("need-new", b"{\"a\":1}").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(dir.path()), 0o700);
        assert_eq!(mode(&dir.file("need-new")), 0o600);
        assert_eq!(std::fs::read(dir.file("need-new")).unwrap(), b"{\"a\":1}");
        // No temporary file left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["need-new"]);
        dir.write("outcome-3", b"{}").unwrap();
        dir.remove("need-new").unwrap();
        dir.remove("need-new").unwrap();
        assert!(dir.read("need-new").unwrap().is_none());
        assert!(dir.path().exists(), "folder removed with a draft in it");
        dir.remove("outcome-3").unwrap();
        assert!(!dir.path().exists(), "empty drafts folder left behind");
    }
}
