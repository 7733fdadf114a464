//! Taking a backup: every tree of a store written into a new backup folder, renamed into
//! place once complete; the live size it records; directory sizes.

use super::lines::write_tree;
use super::manifest::{info_of, latest, prune, sort_key};
use super::{
    io_err, BackupError, BackupInfo, BackupResult, Manifest, TreeFile, BACKUPS_DIR, BIN_TREES,
    FORMAT, JSON_TREES, LIVE_BYTES_KEY, MANIFEST,
};
use crate::store::ids::{self, be_u64};
use crate::store::keys::key_id;
use crate::store::schema::stored_version;
use crate::store::sled_error::sled_err;
use crate::store::trees::Trees;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `fsync` of a directory, so a rename or a new file in it survives a power cut.
pub(crate) fn sync_dir(dir: &Path) -> BackupResult<()> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io_err(dir))
}

fn tree_by_name<'a>(t: &'a Trees, name: &str) -> Option<&'a sled::Tree> {
    Some(match name {
        "suppliers" => &t.suppliers,
        "needs" => &t.needs,
        "shortlist" => &t.shortlist,
        "forum_days" => &t.forum_days,
        "meetings" => &t.meetings,
        "outcomes" => &t.outcomes,
        "journal" => &t.journal,
        "buyers" => &t.buyers,
        "meta" => &t.meta,
        "identity" => &t.identity,
        "slots" => &t.slots,
        _ => return None,
    })
}

/// Takes a backup of `trees` (the store in `dir`); the caller holds the store's write
/// lock, so nothing changes meanwhile. Records the live size in `meta` and deletes the
/// backups beyond [`KEEP`](super::KEEP).
pub(crate) fn take_locked(dir: &Path, trees: &Trees) -> BackupResult<BackupInfo> {
    copy(dir, trees)?.finish(trees)
}

/// A backup copied into its temporary folder but not yet durable nor in place: the part
/// that needs the store's write lock is over ([`copy`]); [`Copied::finish`] does the rest
/// without it, so writes go on while the files reach the disk.
pub(crate) struct Copied {
    /// `backups/.tmp-<name>`.
    tmp: PathBuf,
    /// `backups/<name>`.
    fin: PathBuf,
    /// Files written (not hard-linked) that still need an `fsync`.
    unsynced: Vec<PathBuf>,
    manifest: Manifest,
}

/// Copies every tree of `trees` (the store in `dir`) into a new temporary backup folder.
/// The caller holds the store's write lock (a consistent copy) and the backups' own lock
/// (nobody else writes in `backups/`). The suppliers' and identity files are hard-linked
/// from the previous backup when the suppliers' write stamp is unchanged: every write to
/// those trees takes a new stamp (`tx_stamp_suppliers`), so their files are still exact,
/// and a periodic backup of a big directory copies only what a forum day changes.
pub(crate) fn copy(dir: &Path, trees: &Trees) -> BackupResult<Copied> {
    let backups = dir.join(BACKUPS_DIR);
    // Never recreate a store folder that is gone (a temporary folder removed while a
    // background thread still held the store): only the backups folder inside it.
    if !backups.is_dir() {
        fs::create_dir(&backups).map_err(io_err(&backups))?;
    }
    // Leftovers of a backup interrupted by a crash (nobody else writes here: we hold the
    // backups' lock).
    if let Ok(rd) = fs::read_dir(&backups) {
        for e in rd.filter_map(Result::ok) {
            if e.file_name().to_string_lossy().starts_with(".tmp-") {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    let prev = latest(dir);
    let now = jiff::Timestamp::now();
    let base = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    // A second backup in the same second: the next number after every existing one, so
    // it sorts newest even when older ones of that second were pruned.
    let same_second = fs::read_dir(&backups)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| sort_key(n).0 == base)
                .map(|n| sort_key(&n).1)
                .max()
        })
        .ok()
        .flatten();
    let name = match same_second {
        None => base.clone(),
        Some(n) => format!("{base}-{}", n.max(1) + 1),
    };
    let tmp = backups.join(format!(".tmp-{name}"));
    fs::create_dir_all(&tmp).map_err(io_err(&tmp))?;
    let stamp = ids::suppliers_stamp(trees)?;
    let mut files = BTreeMap::new();
    let mut unsynced = Vec::new();
    let mut live = 0u64;
    for (json, name) in JSON_TREES
        .iter()
        .map(|n| (true, *n))
        .chain(BIN_TREES.iter().map(|n| (false, *n)))
    {
        let Some(tree) = tree_by_name(trees, name) else {
            continue;
        };
        let file = format!("{name}.jsonl");
        let path = tmp.join(&file);
        let linked = match &prev {
            Some(p)
                if stamp != 0
                    && p.manifest.suppliers_stamp == stamp
                    && (name == "suppliers" || name == "identity") =>
            {
                match p.manifest.trees.get(name) {
                    Some(entry) if fs::hard_link(p.path.join(&entry.file), &path).is_ok() => {
                        let bytes = fs::metadata(&path).map_err(io_err(&path))?.len();
                        Some((entry.count, entry.sha256.clone(), bytes))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let (count, sha256, bytes) = match linked {
            Some(l) => l,
            None => {
                let written = write_tree(tree, json, &path)?;
                unsynced.push(path);
                written
            }
        };
        live += bytes;
        files.insert(
            name.to_string(),
            TreeFile {
                file,
                count,
                sha256,
            },
        );
    }
    let journal_seq = match trees.journal.last().map_err(sled_err)? {
        Some((k, _)) => key_id(&k).unwrap_or(0),
        None => 0,
    };
    let manifest = Manifest {
        format: FORMAT,
        schema_version: stored_version(trees)?,
        created_at: now.to_string(),
        id_counter: ids::counter(trees)?,
        journal_seq,
        trees: files,
        live_bytes: live,
        suppliers_stamp: stamp,
    };
    Ok(Copied {
        fin: backups.join(&name),
        tmp,
        unsynced,
        manifest,
    })
}

impl Copied {
    /// Makes the copied backup durable and puts it in place: `fsync` of every written
    /// file, the manifest written last, the folder renamed, the live size recorded in
    /// `meta`, old backups pruned. Needs the backups' lock, not the store's write lock.
    /// Errors: [`BackupError::Io`] (disk full, rights); the temporary folder is left for
    /// the next backup to remove.
    pub(crate) fn finish(self, trees: &Trees) -> BackupResult<BackupInfo> {
        for path in &self.unsynced {
            File::open(path)
                .and_then(|f| f.sync_all())
                .map_err(io_err(path))?;
        }
        let mpath = self.tmp.join(MANIFEST);
        let bytes = serde_json::to_vec_pretty(&self.manifest).map_err(|e| BackupError::Io {
            path: mpath.clone(),
            source: io::Error::other(e),
        })?;
        {
            let mut f = File::create(&mpath).map_err(io_err(&mpath))?;
            f.write_all(&bytes).map_err(io_err(&mpath))?;
            f.sync_all().map_err(io_err(&mpath))?;
        }
        sync_dir(&self.tmp)?;
        fs::rename(&self.tmp, &self.fin).map_err(io_err(&self.fin))?;
        if let Some(backups) = self.fin.parent() {
            sync_dir(backups)?;
        }
        trees
            .meta
            .insert(LIVE_BYTES_KEY, &self.manifest.live_bytes.to_be_bytes())
            .map_err(sled_err)?;
        trees.meta.flush().map_err(sled_err)?;
        if let Some(dir) = self.fin.parent().and_then(Path::parent) {
            prune(dir);
        }
        info_of(self.fin)
    }
}

/// Live size recorded in `meta` by the last backup (0: none yet).
pub(crate) fn live_bytes(trees: &Trees) -> u64 {
    be_u64(trees.meta.get(LIVE_BYTES_KEY).ok().flatten().as_deref())
}

/// Total size of the files under `path` (0 when absent).
pub fn dir_size(path: &Path) -> u64 {
    let Ok(rd) = fs::read_dir(path) else {
        return fs::metadata(path).map_or(0, |m| m.len());
    };
    rd.filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}
