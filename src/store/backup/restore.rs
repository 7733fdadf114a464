//! Using a backup: checking its files against the manifest and building a fresh sled
//! database from it (restores and compactions).

use super::lines::read_tree;
use super::{
    io_err, sync_dir, BackupError, BackupInfo, BackupResult, BIN_TREES, FORMAT, JSON_TREES,
    LIVE_BYTES_KEY,
};
use crate::store::ids::{self, be_u64};
use crate::store::sled_error::sled_err;
use crate::store::SCHEMA_VERSION;
use std::fs::{self, File};
use std::path::Path;

/// Checks every file of a backup against its manifest (SHA-256, counts, lines).
pub fn verify(backup: &BackupInfo) -> BackupResult<()> {
    if backup.manifest.format != FORMAT || backup.manifest.schema_version > SCHEMA_VERSION {
        return Err(BackupError::Damaged {
            path: backup.path.clone(),
            what: format!(
                "format {} / schéma v{} inconnus de ce programme : mettez sourcing à jour",
                backup.manifest.format, backup.manifest.schema_version
            ),
        });
    }
    for entry in backup.manifest.trees.values() {
        read_tree(backup, entry, &mut |_, _| Ok(()))?;
    }
    Ok(())
}

/// Builds a fresh sled database in `new_dir` holding exactly the backup's trees, with the
/// id counter raised to at least `counter_floor`, flushed and `fsync`ed. An existing
/// `new_dir` (left by an interrupted attempt) is removed first.
pub(crate) fn build_store(
    backup: &BackupInfo,
    new_dir: &Path,
    counter_floor: u64,
) -> BackupResult<()> {
    verify_header(backup)?;
    if new_dir.exists() {
        fs::remove_dir_all(new_dir).map_err(io_err(new_dir))?;
    }
    let db = sled::Config::new()
        .path(new_dir)
        .open()
        .map_err(|e| BackupError::Store(sled_err(e)))?;
    for (name, entry) in &backup.manifest.trees {
        if !JSON_TREES.contains(&name.as_str()) && !BIN_TREES.contains(&name.as_str()) {
            return Err(BackupError::Damaged {
                path: backup.path.clone(),
                what: format!("arbre inconnu « {name} »"),
            });
        }
        let tree = db
            .open_tree(name)
            .map_err(|e| BackupError::Store(sled_err(e)))?;
        let mut batch = sled::Batch::default();
        let mut n = 0usize;
        read_tree(backup, entry, &mut |k, v| {
            batch.insert(k, v);
            n += 1;
            if n.is_multiple_of(5_000) {
                tree.apply_batch(std::mem::take(&mut batch))
                    .map_err(|e| BackupError::Store(sled_err(e)))?;
            }
            Ok(())
        })?;
        tree.apply_batch(batch)
            .map_err(|e| BackupError::Store(sled_err(e)))?;
    }
    let meta = db
        .open_tree("meta")
        .map_err(|e| BackupError::Store(sled_err(e)))?;
    let counter = be_u64(
        meta.get(ids::COUNTER_KEY)
            .map_err(|e| BackupError::Store(sled_err(e)))?
            .as_deref(),
    )
    .max(backup.manifest.id_counter)
    .max(counter_floor);
    meta.insert(ids::COUNTER_KEY, &counter.to_be_bytes())
        .map_err(|e| BackupError::Store(sled_err(e)))?;
    meta.insert(LIVE_BYTES_KEY, &backup.manifest.live_bytes.to_be_bytes())
        .map_err(|e| BackupError::Store(sled_err(e)))?;
    crate::store::stamp::renew_epoch(&meta).map_err(|e| BackupError::Store(sled_err(e)))?;
    db.flush().map_err(|e| BackupError::Store(sled_err(e)))?;
    drop(meta);
    drop(db);
    let file = new_dir.join("db");
    File::open(&file)
        .and_then(|f| f.sync_all())
        .map_err(io_err(&file))?;
    sync_dir(new_dir)?;
    Ok(())
}

fn verify_header(backup: &BackupInfo) -> BackupResult<()> {
    if backup.manifest.format != FORMAT || backup.manifest.schema_version > SCHEMA_VERSION {
        return Err(BackupError::Damaged {
            path: backup.path.clone(),
            what: format!(
                "format {} / schéma v{} inconnus de ce programme : mettez sourcing à jour",
                backup.manifest.format, backup.manifest.schema_version
            ),
        });
    }
    Ok(())
}
