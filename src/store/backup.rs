//! Backups of a store: a consistent copy of every tree as JSON lines, with a manifest.
//!
//! Layout: `<store dir>/backups/<UTC timestamp YYYYMMDDTHHMMSSZ>/` (a second backup in the
//! same second gets `-2`, then `-3`…), holding one `<tree>.jsonl` per tree and
//! `manifest.json` = `{format: 1, schema_version, created_at, id_counter, journal_seq,
//! trees: {name: {file, count, sha256}}, live_bytes, suppliers_stamp}`. A backup is
//! written in `backups/.tmp-<name>/`, its manifest last, every file `fsync`ed, then the
//! folder is renamed into place: a backup folder is complete iff its manifest exists.
//!
//! Lines: `{"k":"<key, hex>","v":<stored JSON value, byte for byte>}` for the trees that
//! hold JSON (suppliers, needs, shortlist, forum_days, meetings, outcomes, journal), and
//! `{"k":"<hex>","x":"<value, hex>"}` for `meta`, `identity` and `slots` (binary values)
//! or for a JSON tree's value that is not valid JSON (kept as it is; `store check` says so).
//! The `undo` tree is not saved: it is empty outside a staged import, and a backup waits
//! for imports to end (it holds the store's write lock).
//!
//! Automatic backups (not for temporary stores): at each clean close (drop of a
//! [`SledStore`] or [`SledStore::close`]) when something was written since the last backup
//! (or when the store has data and no backup yet), and when a write starts while the last
//! backup is [`AUTO_INTERVAL`] old or more and something was written since. The check runs
//! on writes rather than on a timer thread: it needs no thread to stop at close or to keep
//! in step with a reopened database, and a store with no new write has nothing new to save
//! (the writes between the last backup and a crash are in the store itself, durable).
//! The last [`KEEP`] backups are kept. The suppliers' and identity files are hard-linked
//! from the previous backup when the suppliers' write stamp (see `ids`) and the counts are
//! unchanged, so ten backups of a big directory take the room of one.

use super::ids::{self, be_u64};
use super::keys::key_id;
use super::schema::stored_version;
use super::sled::errors::sled_err;
use super::sled::trees::Trees;
use super::sled::SledStore;
use super::{StoreError, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

/// Sub-directory of the store directory that holds the backups.
pub const BACKUPS_DIR: &str = "backups";
/// Name of a backup's manifest (written last).
pub const MANIFEST: &str = "manifest.json";
/// Version of the backup format in the manifest.
pub const FORMAT: u32 = 1;
/// How many backups are kept (older ones are deleted after a new one is written).
pub const KEEP: usize = 10;
/// A write that starts this long after the last backup takes a new one first.
pub const AUTO_INTERVAL: std::time::Duration = std::time::Duration::from_secs(10 * 60);
/// Key in `meta` of the live size: the bytes of the last backup's files (u64 BE).
pub(crate) const LIVE_BYTES_KEY: &[u8] = b"live_bytes";

/// Trees saved with their JSON values inline.
const JSON_TREES: [&str; 7] = [
    "suppliers",
    "needs",
    "shortlist",
    "forum_days",
    "meetings",
    "outcomes",
    "journal",
];
/// Trees saved with hex values.
const BIN_TREES: [&str; 3] = ["meta", "identity", "slots"];
/// Keys of `meta` that describe a moment, not the data: never saved.
const META_SKIPPED: [&[u8]; 1] = [b"pending_import"];

/// Errors of backups, restores and compactions; rendered, saying what to do, by the
/// catalogue (`i18n::store`); `Display` is French.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::i18n::Render::render(self, crate::i18n::Lang::Fr))]
pub enum BackupError {
    /// A file or folder could not be read or written.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system error.
        source: io::Error,
    },
    /// The store could not be read or written.
    Store(#[from] StoreError),
    /// There is no backup to use.
    NoBackup(PathBuf),
    /// The backup asked for does not exist.
    NotFound {
        /// The name given.
        name: String,
        /// The backups folder.
        dir: PathBuf,
    },
    /// A backup is damaged (manifest, checksum, count or line).
    Damaged {
        /// The backup folder.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
    /// Another process holds the store.
    Locked {
        /// The store directory.
        path: PathBuf,
        /// The holder's process id, when found (Linux: /proc/*/fd).
        holder: Option<u32>,
    },
}

/// Result of backups.
pub type BackupResult<T> = Result<T, BackupError>;

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

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
    /// The suppliers' write stamp when saved (see module doc).
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
fn sort_key(name: &str) -> (String, u32) {
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

fn info_of(path: PathBuf) -> BackupResult<BackupInfo> {
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
fn complete_names(dir: &Path) -> Vec<String> {
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

/// A writer that hashes and counts what goes through it.
struct Hashing<W: Write> {
    inner: W,
    sha: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sha.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Writes one tree as JSON lines; returns (count, sha256 hex, bytes).
fn write_tree(tree: &sled::Tree, json: bool, path: &Path) -> BackupResult<(u64, String, u64)> {
    let file = File::create(path).map_err(io_err(path))?;
    let mut w = Hashing {
        inner: BufWriter::with_capacity(1 << 20, file),
        sha: Sha256::new(),
        bytes: 0,
    };
    let mut count = 0u64;
    let skip_meta = !json && tree.name() == b"meta";
    for kv in tree.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        if skip_meta && META_SKIPPED.contains(&k.as_ref()) {
            continue;
        }
        let line = if json && serde_json::from_slice::<&serde_json::value::RawValue>(&v).is_ok() {
            let mut l = Vec::with_capacity(v.len() + 2 * k.len() + 16);
            l.extend_from_slice(b"{\"k\":\"");
            l.extend_from_slice(hex(&k).as_bytes());
            l.extend_from_slice(b"\",\"v\":");
            l.extend_from_slice(&v);
            l.extend_from_slice(b"}\n");
            l
        } else {
            format!("{{\"k\":\"{}\",\"x\":\"{}\"}}\n", hex(&k), hex(&v)).into_bytes()
        };
        w.write_all(&line).map_err(io_err(path))?;
        count += 1;
    }
    w.flush().map_err(io_err(path))?;
    let Hashing {
        inner, sha, bytes, ..
    } = w;
    let file = inner.into_inner().map_err(|e| BackupError::Io {
        path: path.to_path_buf(),
        source: e.into_error(),
    })?;
    file.sync_all().map_err(io_err(path))?;
    Ok((count, hex(&sha.finalize()), bytes))
}

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
        "meta" => &t.meta,
        "identity" => &t.identity,
        "slots" => &t.slots,
        _ => return None,
    })
}

/// Takes a backup of `trees` (the store in `dir`); the caller holds the store's write
/// lock, so nothing changes meanwhile. Records the live size in `meta` and deletes the
/// backups beyond [`KEEP`].
pub(crate) fn take_locked(dir: &Path, trees: &Trees) -> BackupResult<BackupInfo> {
    let backups = dir.join(BACKUPS_DIR);
    // Never recreate a store folder that is gone (a temporary folder removed while a
    // background thread still held the store): only the backups folder inside it.
    if !backups.is_dir() {
        fs::create_dir(&backups).map_err(io_err(&backups))?;
    }
    // Leftovers of a backup interrupted by a crash (nobody else writes here: we hold the
    // store, and so its backups).
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
            Some(p) if stamp != 0 && p.manifest.suppliers_stamp == stamp => {
                match p.manifest.trees.get(name) {
                    Some(entry)
                        if (name == "suppliers" || name == "identity")
                            && entry.count == tree.len() as u64
                            && fs::hard_link(p.path.join(&entry.file), &path).is_ok() =>
                    {
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
            None => write_tree(tree, json, &path)?,
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
    let mpath = tmp.join(MANIFEST);
    let bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Io {
        path: mpath.clone(),
        source: io::Error::other(e),
    })?;
    {
        let mut f = File::create(&mpath).map_err(io_err(&mpath))?;
        f.write_all(&bytes).map_err(io_err(&mpath))?;
        f.sync_all().map_err(io_err(&mpath))?;
    }
    sync_dir(&tmp)?;
    let fin = backups.join(&name);
    fs::rename(&tmp, &fin).map_err(io_err(&fin))?;
    sync_dir(&backups)?;
    trees
        .meta
        .insert(LIVE_BYTES_KEY, &live.to_be_bytes())
        .map_err(sled_err)?;
    trees.meta.flush().map_err(sled_err)?;
    prune(dir);
    info_of(fin)
}

/// Deletes the oldest complete backups beyond [`KEEP`] (best effort).
fn prune(dir: &Path) {
    let names = complete_names(dir);
    if names.len() > KEEP {
        for n in &names[..names.len() - KEEP] {
            let _ = fs::remove_dir_all(dir.join(BACKUPS_DIR).join(n));
        }
    }
}

/// Live size recorded in `meta` by the last backup (0: none yet).
pub(crate) fn live_bytes(trees: &Trees) -> u64 {
    be_u64(trees.meta.get(LIVE_BYTES_KEY).ok().flatten().as_deref())
}

/// One parsed backup line.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    k: &'a str,
    #[serde(borrow, default)]
    v: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    x: Option<&'a str>,
}

/// Reads a backup's tree file, checking its SHA-256 and count against the manifest and
/// calling `each(key, value)` per entry.
pub(crate) fn read_tree(
    backup: &BackupInfo,
    entry: &TreeFile,
    each: &mut dyn FnMut(Vec<u8>, Vec<u8>) -> BackupResult<()>,
) -> BackupResult<()> {
    let path = backup.path.join(&entry.file);
    let damaged = |what: String| BackupError::Damaged {
        path: backup.path.clone(),
        what,
    };
    let file = File::open(&path).map_err(io_err(&path))?;
    let mut r = BufReader::with_capacity(1 << 20, file);
    let mut sha = Sha256::new();
    let mut buf = Vec::new();
    let mut count = 0u64;
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf).map_err(io_err(&path))?;
        if n == 0 {
            break;
        }
        sha.update(&buf);
        count += 1;
        let line: Line = serde_json::from_slice(&buf)
            .map_err(|e| damaged(format!("{} ligne {count} : {e}", entry.file)))?;
        let key = unhex(line.k)
            .ok_or_else(|| damaged(format!("{} ligne {count} : clé illisible", entry.file)))?;
        let value = match (line.v, line.x) {
            (Some(v), None) => v.get().as_bytes().to_vec(),
            (None, Some(x)) => unhex(x).ok_or_else(|| {
                damaged(format!("{} ligne {count} : valeur illisible", entry.file))
            })?,
            _ => {
                return Err(damaged(format!(
                    "{} ligne {count} : ni \"v\" ni \"x\"",
                    entry.file
                )))
            }
        };
        each(key, value)?;
    }
    if hex(&sha.finalize()) != entry.sha256 {
        return Err(damaged(format!(
            "{} ne correspond pas à son empreinte SHA-256",
            entry.file
        )));
    }
    if count != entry.count {
        return Err(damaged(format!(
            "{} a {count} lignes au lieu de {}",
            entry.file, entry.count
        )));
    }
    Ok(())
}

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
            if n % 5_000 == 0 {
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
    super::stamp::renew_epoch(&meta).map_err(|e| BackupError::Store(sled_err(e)))?;
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

/// Automatic backups of one open store (see the module doc).
pub(crate) struct Auto {
    /// False for temporary stores.
    enabled: bool,
    /// Set by [`SledStore::close`]: the drop that follows takes no second backup.
    closed: AtomicBool,
    /// Something was written since the last backup.
    dirty: AtomicBool,
    /// When the last backup was taken (None: no backup yet).
    last: Mutex<Option<jiff::Timestamp>>,
    /// When the store was opened: the periodic backup of a store without backups is due
    /// [`AUTO_INTERVAL`] after it.
    opened: jiff::Timestamp,
    /// [`AUTO_INTERVAL`] (shorter in tests).
    interval: std::time::Duration,
}

impl Auto {
    /// State for the store in `dir`: the newest backup's time, nothing written yet.
    pub(crate) fn new(dir: &Path, enabled: bool) -> Auto {
        Auto {
            enabled,
            closed: AtomicBool::new(false),
            opened: jiff::Timestamp::now(),
            interval: AUTO_INTERVAL,
            dirty: AtomicBool::new(false),
            last: Mutex::new(if enabled {
                latest(dir).map(|b| b.created_at)
            } else {
                None
            }),
        }
    }

    fn due(&self) -> bool {
        if !self.enabled || !self.dirty.load(Ordering::Acquire) {
            return false;
        }
        let last = self
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .unwrap_or(self.opened);
        jiff::Timestamp::now()
            .duration_since(last)
            .unsigned_abs()
            .ge(&self.interval)
    }

    fn taken(&self, info: &BackupInfo) {
        self.dirty.store(false, Ordering::Release);
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(info.created_at);
    }

    /// No backup at drop (a compaction just saved and replaced the store).
    pub(crate) fn close_without_backup(&self) {
        self.closed.store(true, Ordering::Release);
    }
}

impl SledStore {
    /// Called when a write starts, before it takes the write lock: takes the backup that is
    /// due (see the module doc), then notes that something is being written. A failed
    /// backup never refuses the write: it is reported on stderr.
    pub(crate) fn before_write(&self, lock: &RwLock<()>) {
        if self.autobackup.due() {
            let _guard = lock.write().unwrap_or_else(|e| e.into_inner());
            match take_locked(self.dir(), &self.trees) {
                Ok(info) => self.autobackup.taken(&info),
                Err(e) => report_failure(&e),
            }
        }
        self.autobackup.dirty.store(true, Ordering::Release);
    }

    /// Takes a backup now, under the store's write lock (no write in between), whether or
    /// not something changed. Errors: [`BackupError::Io`] (disk full, rights),
    /// [`BackupError::Store`] (unreadable store).
    pub fn backup(&self) -> BackupResult<BackupInfo> {
        let _guard = self.write_lock.write().unwrap_or_else(|e| e.into_inner());
        let info = take_locked(self.dir(), &self.trees)?;
        self.autobackup.taken(&info);
        Ok(info)
    }

    /// The backup a clean close would take now: something was written since the last
    /// one, or the store has data and no backup yet. Temporary stores: never.
    fn close_backup_due(&self) -> bool {
        if !self.autobackup.enabled || self.autobackup.closed.load(Ordering::Acquire) {
            return false;
        }
        if self.autobackup.dirty.load(Ordering::Acquire) {
            return true;
        }
        let none_yet = self
            .autobackup
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none();
        none_yet && !self.trees.journal.is_empty()
    }

    /// Drops the close backup (the store is being dropped to be reopened after a failed
    /// write, e.g. a full disk, where a backup could not be written anyway). The next
    /// write of the reopened store marks it as changed again.
    pub fn skip_close_backup(&self) {
        self.autobackup.close_without_backup();
    }

    /// Closes the store cleanly: takes the close backup when one is due (see the module
    /// doc) and returns it. Dropping a store does the same, reporting a failure on stderr.
    pub fn close(self) -> BackupResult<Option<BackupInfo>> {
        let out = if self.close_backup_due() {
            self.backup().map(Some)
        } else {
            Ok(None)
        };
        self.autobackup.closed.store(true, Ordering::Release);
        out
    }

    /// The id counter: the last id or journal sequence number handed out (0: none yet).
    /// Errors: [`StoreError::Io`], [`StoreError::Corrupt`].
    pub fn id_counter(&self) -> Result<u64, StoreError> {
        ids::counter(&self.trees)
    }

    /// Size in bytes of the store's sled folder and the live size recorded by the last
    /// backup (0 when none yet).
    pub fn sizes(&self) -> (u64, u64) {
        (
            dir_size(&self.dir().join(super::sled::trees::DB_DIR)),
            live_bytes(&self.trees),
        )
    }
}

impl Drop for SledStore {
    fn drop(&mut self) {
        if std::thread::panicking() || !self.close_backup_due() {
            return;
        }
        if let Err(e) = self.backup() {
            report_failure(&e);
        }
    }
}

/// Says on stderr, French then English (the store does not know the interface's
/// language), that an automatic backup failed; never panics (stderr may be a terminal
/// that is gone, after a dropped SSH link).
fn report_failure(e: &BackupError) {
    let _ = writeln!(
        io::stderr(),
        "{}\n{}",
        (crate::i18n::FR.backup_failed)(&e.to_string()),
        (crate::i18n::EN.backup_failed)(&e.to_string())
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Need;
    use crate::store::Store;

    fn need(title: &str) -> Need {
        Need {
            title: title.into(),
            ..Default::default()
        }
    }

    /// Once the interval has passed, the next write first takes a backup of the state
    /// before it; without a write since the last backup, none is taken.
    #[test]
    fn a_write_after_the_interval_takes_the_backup_first() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = SledStore::open(tmp.path()).unwrap();
        store.autobackup.interval = std::time::Duration::ZERO;
        store.save_need(need("Premier"), "t").unwrap();
        assert!(
            list(tmp.path()).is_empty(),
            "nothing written before the first write"
        );
        store.save_need(need("Second"), "t").unwrap();
        let all = list(tmp.path());
        assert_eq!(all.len(), 1);
        assert_eq!(
            all[0].counts["needs"], 1,
            "the state before the second write"
        );
        store.backup().unwrap();
        // Not dirty: reads take no backup, and a clean close takes none either.
        store.needs().unwrap();
        drop(store);
        assert_eq!(list(tmp.path()).len(), 2);
    }
}
