//! sled and file-system errors as [`StoreError`]s (a leaf: no other store module).

use crate::store::StoreError;
use std::path::{Path, PathBuf};

/// True when an I/O error means the disk (or the user's quota) is full.
pub(crate) fn is_full(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{QuotaExceeded, StorageFull};
    matches!(e.kind(), StorageFull | QuotaExceeded)
        || e.raw_os_error() == Some(28)
        || e.to_string().contains("No space left on device")
        || e.to_string().contains("os error 28")
}

/// Maps an I/O error on `file` of the store in `dir`: [`StoreError::DiskFull`] for a full
/// disk, else [`StoreError::Io`] naming the file.
pub(crate) fn io_error(file: &Path, dir: &Path, e: std::io::Error) -> StoreError {
    if is_full(&e) {
        StoreError::DiskFull {
            path: dir.to_path_buf(),
        }
    } else {
        StoreError::Io(format!("{} : {e}", file.display()))
    }
}

/// Maps a sled error to a store error (disk, rights, corruption).
pub(crate) fn sled_err(e: sled::Error) -> StoreError {
    match e {
        sled::Error::Corruption { .. } => StoreError::Corrupt(e.to_string()),
        // The store fills in its directory (see `disk`).
        sled::Error::Io(ref io) if is_full(io) => StoreError::DiskFull {
            path: PathBuf::new(),
        },
        other => StoreError::Io(other.to_string()),
    }
}
