//! The line format of a tree file (see the module doc of `backup`): writing one tree,
//! reading one back against its manifest entry.

use super::{io_err, BackupError, BackupInfo, BackupResult, TreeFile, META_SKIPPED};
use crate::store::sled_error::sled_err;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

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
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Writes one tree as JSON lines, not yet `fsync`ed (the backup's `finish` does it, outside
/// the store's write lock); returns (count, sha256 hex, bytes).
pub(super) fn write_tree(
    tree: &sled::Tree,
    json: bool,
    path: &Path,
) -> BackupResult<(u64, String, u64)> {
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
    drop(file);
    Ok((count, hex(&sha.finalize()), bytes))
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
