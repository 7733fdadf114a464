//! Why a draft could not be read or written.

use std::io;
use std::path::PathBuf;

/// Why a draft could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// A file system operation failed on `path`.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// The draft file is not one this version reads.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Decoding error.
        reason: String,
    },
}
