//! A backup's manifest and the backup folders on disk: reading, listing, finding, pruning.

use super::{io_err, BackupError, BackupResult, BACKUPS_DIR, KEEP, MANIFEST};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One tree's file in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeFile {
    /// File name inside the backup folder, e.g. `suppliers.jsonl`.
    pub file: String,
    /// Number of entries (lines).
    pub count: u64,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
}

/// A backup's `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Backup format ([`FORMAT`]).
    pub format: u32,
    /// Schema version of the store saved.
    pub schema_version: u32,
    /// When it was taken, RFC 3339 UTC.
    pub created_at: String,
    /// The store's id counter (last id handed out).
    pub id_counter: u64,
    /// Highest journal sequence number saved (0: empty journal).
    pub journal_seq: u64,
    /// Tree name → its file.
    pub trees: BTreeMap<String, TreeFile>,
    /// Total bytes of the tree files: the store's live size.
    pub live_bytes: u64,
    /// The suppliers' write stamp when saved (see the module doc of `backup`).
    #[serde(default)]
    pub suppliers_stamp: u64,
}

/// A complete backup found on disk.
#[derive(Debug, Clone)]
pub struct BackupInfo {
    /// The backup folder.
    pub path: PathBuf,
    /// Its name (folder name), e.g. `20261203T101500Z`.
    pub name: String,
    /// When it was taken.
    pub created_at: jiff::Timestamp,
    /// Entries per tree.
    pub counts: BTreeMap<String, u64>,
    /// The manifest.
    pub manifest: Manifest,
}

/// Sort key of a backup folder name: (timestamp part, same-second number).
pub(super) fn sort_key(name: &str) -> (String, u32) {
    match name.rsplit_once("Z-") {
        Some((base, n)) => (format!("{base}Z"), n.parse().unwrap_or(u32::MAX)),
        None => (name.to_string(), 1),
    }
}

fn read_manifest(path: &Path) -> BackupResult<Manifest> {
    let file = path.join(MANIFEST);
    let bytes = fs::read(&file).map_err(io_err(&file))?;
    serde_json::from_slice(&bytes).map_err(|e| BackupError::Damaged {
        path: path.to_path_buf(),
        what: format!("{MANIFEST} illisible ({e})"),
    })
}

pub(super) fn info_of(path: PathBuf) -> BackupResult<BackupInfo> {
    let manifest = read_manifest(&path)?;
    let created_at = manifest
        .created_at
        .parse()
        .map_err(|e| BackupError::Damaged {
            path: path.clone(),
            what: format!("date {} illisible ({e})", manifest.created_at),
        })?;
    Ok(BackupInfo {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path,
        created_at,
        counts: manifest
            .trees
            .iter()
            .map(|(k, t)| (k.clone(), t.count))
            .collect(),
        manifest,
    })
}

/// Names of the complete backup folders of the store in `dir`, oldest first.
pub(super) fn complete_names(dir: &Path) -> Vec<String> {
    let Ok(rd) = fs::read_dir(dir.join(BACKUPS_DIR)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = rd
        .filter_map(Result::ok)
        .filter(|e| e.path().join(MANIFEST).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort_by_key(|n| sort_key(n));
    names
}

/// Every complete, readable backup of the store in `dir`, oldest first.
pub fn list(dir: &Path) -> Vec<BackupInfo> {
    complete_names(dir)
        .into_iter()
        .filter_map(|n| info_of(dir.join(BACKUPS_DIR).join(n)).ok())
        .collect()
}

/// The newest complete, readable backup of the store in `dir`, if any.
pub fn latest(dir: &Path) -> Option<BackupInfo> {
    complete_names(dir)
        .into_iter()
        .rev()
        .find_map(|n| info_of(dir.join(BACKUPS_DIR).join(n)).ok())
}

/// Finds a backup by folder name or path; None: the newest.
pub fn find(dir: &Path, which: Option<&str>) -> BackupResult<BackupInfo> {
    let backups = dir.join(BACKUPS_DIR);
    match which {
        None => latest(dir).ok_or(BackupError::NoBackup(backups)),
        Some(w) => {
            let as_path = Path::new(w);
            let path = if as_path.join(MANIFEST).is_file() {
                as_path.to_path_buf()
            } else {
                backups.join(w.trim_end_matches('/'))
            };
            if !path.join(MANIFEST).is_file() {
                return Err(BackupError::NotFound {
                    name: w.to_string(),
                    dir: backups,
                });
            }
            info_of(path)
        }
    }
}

/// Deletes the oldest complete backups beyond [`KEEP`] (best effort).
pub(super) fn prune(dir: &Path) {
    let names = complete_names(dir);
    if names.len() > KEEP {
        for n in &names[..names.len() - KEEP] {
            let _ = fs::remove_dir_all(dir.join(BACKUPS_DIR).join(n));
        }
    }
}
