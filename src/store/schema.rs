//! Schema version of a store and its migrations.
//!
//! The version is a big-endian u32 under `schema_version` in the `meta` tree. A store
//! without it is version 0 (a fresh directory, or one written before versions existed).
//! Opening runs, in order, the migration from each version below [`SCHEMA_VERSION`] and
//! stamps the next version after each one; a store with a higher version is refused with
//! [`StoreError::TooNew`] before anything is written.
//!
//! A migration must be idempotent: a crash between a migration and its stamp reruns it on
//! the next open.

use super::sled_error::sled_err;
use super::trees::Trees;
use super::{StoreError, StoreResult, SCHEMA_VERSION};
use std::path::Path;

/// Key of the schema version in the `meta` tree.
pub(crate) const VERSION_KEY: &[u8] = b"schema_version";

/// A migration from version `n` to `n + 1`.
type Migration = fn(&Trees) -> StoreResult<()>;

/// Migrations, indexed by the version they start from.
const MIGRATIONS: [Migration; SCHEMA_VERSION as usize] = [
    v0_to_v1,
    super::ids::v1_to_v2,
    v2_to_v3,
    super::meetings_v4::v3_to_v4,
];

/// v0 → v1: no `meta` yet; values are already v1-shaped, so only the stamp is needed.
fn v0_to_v1(_trees: &Trees) -> StoreResult<()> {
    Ok(())
}

/// v2 → v3: journal events gain an optional typed `event` (`#[serde(default)]`): stored
/// events decode as they are and keep their sentence, so only the stamp is needed. New
/// events are written typed.
fn v2_to_v3(_trees: &Trees) -> StoreResult<()> {
    Ok(())
}

/// The version stored in `meta` (0 when absent).
pub(crate) fn stored_version(trees: &Trees) -> StoreResult<u32> {
    match trees.meta.get(VERSION_KEY).map_err(sled_err)? {
        None => Ok(0),
        Some(v) => {
            let b: [u8; 4] = v.as_ref().try_into().map_err(|_| {
                StoreError::Corrupt(format!("version de schéma illisible ({} octets)", v.len()))
            })?;
            Ok(u32::from_be_bytes(b))
        }
    }
}

/// Checks the version and migrates an older store up to [`SCHEMA_VERSION`]; returns the
/// version found before migrating.
pub(crate) fn prepare(db: &super::durable::Durable, trees: &Trees, dir: &Path) -> StoreResult<u32> {
    let found = stored_version(trees)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: dir.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for from in found..SCHEMA_VERSION {
        MIGRATIONS[from as usize](trees)?;
        trees
            .meta
            .insert(VERSION_KEY, &(from + 1).to_be_bytes())
            .map_err(sled_err)?;
        db.flush()?;
    }
    Ok(found)
}
