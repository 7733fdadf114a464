//! The store's marker, `<dir>/sourcing-store.json` (outside sled's folder): written once
//! the store holds data, it lets opening tell a store whose data is gone from a new one
//! (see `open`).

use super::sled_error::io_error;
use super::{StoreError, StoreResult};
use std::path::Path;

/// File name of the marker, in the store directory (outside sled's folder).
pub const MARKER_FILE: &str = "sourcing-store.json";

/// The marker's content.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Marker {
    /// When the marker was first written (RFC 3339).
    pub created_at: String,
    /// The store has held data.
    pub has_data: bool,
    /// Highest journal sequence number seen in the store (0: none).
    #[serde(default)]
    pub journal_last: u64,
}

/// The marker of the store in `dir`, when present and readable.
pub fn read_marker(dir: &Path) -> Option<Marker> {
    let bytes = std::fs::read(dir.join(MARKER_FILE)).ok()?;
    match serde_json::from_slice(&bytes) {
        Ok(m) => Some(m),
        // A marker that exists but does not parse still says the store was used.
        Err(_) => Some(Marker {
            has_data: true,
            ..Default::default()
        }),
    }
}

/// Writes the marker atomically (temporary file, fsync, rename).
/// Errors: [`StoreError::Io`] naming the file.
pub fn write_marker(dir: &Path, marker: &Marker) -> StoreResult<()> {
    let path = dir.join(MARKER_FILE);
    let tmp = dir.join(format!("{MARKER_FILE}.tmp"));
    let io = |e: std::io::Error| io_error(&path, dir, e);
    let json = serde_json::to_vec_pretty(marker).map_err(|e| StoreError::Io(e.to_string()))?;
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(&json).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, &path).map_err(io)?;
    Ok(())
}
