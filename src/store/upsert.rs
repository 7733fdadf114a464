//! Batch upsert of suppliers, all or nothing, at any size.
//!
//! A batch of up to [`DEFAULT_IMPORT_CHUNK`] suppliers is one sled transaction (suppliers,
//! identity index and journal event together). sled keeps every version a transaction
//! replaces alive until its commit ends (one epoch guard), which costs about 11 KB of memory
//! per 1.2 KB supplier: 1.4 GB for 100,000, far too much at 1,000,000. A larger batch is
//! therefore a **staged import**:
//!
//! 1. a marker `pending_import = <import id>` is written to `meta`;
//! 2. the batch is written in chunks, each one transaction that also stores, in the `undo`
//!    tree under `(import id, chunk number)`, one value listing the previous value (or
//!    absence) of every key the chunk changes;
//! 3. one last transaction removes the marker and writes the journal event: the import is
//!    committed; its undo entries are then deleted.
//!
//! If a chunk fails (bad record) the undo values are replayed newest first and the marker
//! removed, before the error is returned. If the process dies before step 3, the next
//! [`super::SledStore::open`] finds the marker and does the same. sled recovers a prefix of
//! its log, so after a crash the marker is on disk whenever any chunk is. Each rollback step
//! deletes the undo entries it replays, so a crash during a rollback is resumed on the next
//! open. While a staged import runs, other writes of the same process wait (a write lock),
//! so a rollback never undoes someone else's change; readers of that process may see the
//! import half done, never after it failed.

use super::durable::Durable;
use super::keys::{id_key, key_id};
use super::sled_error::sled_err;
use super::summary;
use super::trees::Trees;
use super::tx::{
    tx_decode, tx_encode, tx_err, tx_journal, tx_next_id, tx_stamp_suppliers, TxResult,
};
use super::{StoreError, StoreResult, UpsertCounts};
use crate::domain::{Supplier, SupplierId};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use sled::Transactional;

/// Largest batch written as a single transaction, and chunk size of a staged import.
pub const DEFAULT_IMPORT_CHUNK: usize = 5_000;

/// Key of the pending staged import's id in `meta`.
const PENDING_KEY: &[u8] = b"pending_import";

/// Which tree an undo entry restores.
#[derive(Clone, Copy)]
enum UndoTree {
    Suppliers = 1,
    Identity = 2,
}

/// Encodes an undo entry: tree (1 byte), key length (u32 BE), key, then 1 + old value or 0.
fn undo_value(tree: UndoTree, key: &[u8], old: Option<&[u8]>) -> Vec<u8> {
    let mut v = Vec::with_capacity(6 + key.len() + old.map_or(0, <[u8]>::len));
    v.push(tree as u8);
    v.extend_from_slice(&(key.len() as u32).to_be_bytes());
    v.extend_from_slice(key);
    match old {
        Some(o) => {
            v.push(1);
            v.extend_from_slice(o);
        }
        None => v.push(0),
    }
    v
}

/// A decoded undo entry: (tree byte, key, old value or None when the key was absent).
type UndoEntry<'a> = (u8, &'a [u8], Option<&'a [u8]>);

/// Decodes an undo entry.
fn parse_undo(v: &[u8]) -> Option<UndoEntry<'_>> {
    let tree = *v.first()?;
    let len = u32::from_be_bytes(v.get(1..5)?.try_into().ok()?) as usize;
    let key = v.get(5..5 + len)?;
    let old = match v.get(5 + len)? {
        0 => None,
        _ => Some(v.get(6 + len..)?),
    };
    Some((tree, key, old))
}

fn undo_key(import: u64, n: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&import.to_be_bytes());
    k[8..].copy_from_slice(&n.to_be_bytes());
    k
}

/// Undo log of one chunk of a staged import, kept in memory during the chunk's
/// transaction and stored as ONE value under `(import id, chunk number)`: one sled entry
/// per changed key doubled the import's time and memory.
#[derive(Default)]
struct Undo {
    /// Entries, each as a u32 BE length then [`undo_value`].
    buf: std::cell::RefCell<Vec<u8>>,
}

impl Undo {
    fn record(&self, which: UndoTree, key: &[u8], old: Option<&[u8]>) -> TxResult<()> {
        let v = undo_value(which, key, old);
        let mut buf = self.buf.borrow_mut();
        buf.extend_from_slice(&(v.len() as u32).to_be_bytes());
        buf.extend_from_slice(&v);
        Ok(())
    }
}

/// Splits a chunk's undo value into its entries, oldest first; None when malformed.
fn undo_entries(v: &[u8]) -> Option<Vec<UndoEntry<'_>>> {
    let mut out = Vec::new();
    let mut rest = v;
    while !rest.is_empty() {
        let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        out.push(parse_undo(rest.get(4..4 + len)?)?);
        rest = &rest[4 + len..];
    }
    Some(out)
}

/// Writes one chunk inside a transaction; returns counts, ids in input order and the last
/// (action, id) for a one-supplier journal line.
fn write_chunk(
    sup: &TransactionalTree,
    ident: &TransactionalTree,
    meta: &TransactionalTree,
    chunk: &[Supplier],
    undo: Option<&Undo>,
) -> TxResult<(UpsertCounts, Vec<SupplierId>, (&'static str, u64))> {
    let mut counts = UpsertCounts::default();
    let mut ids = Vec::with_capacity(chunk.len());
    let mut last_action = ("unchanged", 0u64);
    let set_ident = |key: &[u8], id: u64| -> TxResult<()> {
        let old = ident.insert(key, &id_key(id))?;
        if let Some(u) = undo {
            u.record(UndoTree::Identity, key, old.as_deref())?;
        }
        Ok(())
    };
    for input in chunk {
        let mut s = input.clone();
        let key = s.identity_key();
        let known = match ident.get(key.as_bytes())? {
            Some(v) => key_id(&v),
            None => None,
        };
        if s.id != 0 {
            if let Some(other) = known.filter(|k| *k != s.id) {
                return Err(ConflictableTransactionError::Abort(
                    StoreError::DuplicateSiret {
                        siret: key
                            .split_once(':')
                            .map_or(key.clone(), |(_, v)| v.to_string()),
                        existing: other,
                    },
                ));
            }
        } else if let Some(k) = known {
            s.id = k;
        }
        let old = if s.id == 0 {
            None
        } else {
            sup.get(id_key(s.id))?
        };
        let new_value;
        match old {
            None if input.id != 0 => {
                return Err(ConflictableTransactionError::Abort(StoreError::NotFound {
                    what: super::Missing::Supplier,
                    id: input.id,
                }));
            }
            None => {
                if s.id == 0 {
                    s.id = tx_next_id(meta)?;
                }
                new_value = tx_encode(&s)?;
                set_ident(key.as_bytes(), s.id)?;
                counts.created += 1;
                last_action = ("created", s.id);
            }
            Some(ref old) => {
                new_value = tx_encode(&s)?;
                if old.as_ref() == new_value.as_slice() {
                    counts.unchanged += 1;
                    ids.push(s.id);
                    continue;
                }
                let before: Supplier = tx_decode(old, "fournisseur", s.id)?;
                let old_key = before.identity_key();
                if old_key != key {
                    let holder = ident.get(old_key.as_bytes())?;
                    if holder.as_deref() == Some(&id_key(s.id)[..]) {
                        ident.remove(old_key.as_bytes())?;
                        if let Some(u) = undo {
                            u.record(UndoTree::Identity, old_key.as_bytes(), holder.as_deref())?;
                        }
                    }
                    set_ident(key.as_bytes(), s.id)?;
                }
                counts.updated += 1;
                last_action = ("updated", s.id);
            }
        }
        let previous = sup.insert(&id_key(s.id), new_value)?;
        if let Some(u) = undo {
            u.record(UndoTree::Suppliers, &id_key(s.id), previous.as_deref())?;
        }
        ids.push(s.id);
    }
    if counts.created + counts.updated > 0 {
        tx_stamp_suppliers(meta)?;
    }
    Ok((counts, ids, last_action))
}

fn add(a: &mut UpsertCounts, b: UpsertCounts) {
    a.created += b.created;
    a.updated += b.updated;
    a.unchanged += b.unchanged;
}

/// Journal event of a batch: the supplier itself for a batch of one, else an import line.
fn journal_batch(
    jr: &TransactionalTree,
    meta: &TransactionalTree,
    batch: &[Supplier],
    counts: UpsertCounts,
    last_action: (&'static str, u64),
    actor: &str,
    at: jiff::Timestamp,
) -> TxResult<()> {
    if batch.len() == 1 {
        let (action, id) = last_action;
        if action == "unchanged" {
            return Ok(());
        }
        return tx_journal(
            jr,
            meta,
            at,
            actor,
            summary::supplier_saved(id, &batch[0].name, action == "created"),
        );
    }
    tx_journal(jr, meta, at, actor, summary::imported(batch, counts))
}

/// Upserts `batch` all or nothing (see the module doc); `progress(done, total)` is called
/// after each committed chunk. Returns whether anything was written (so the caller flushes).
pub(crate) fn upsert(
    db: &Durable,
    t: &Trees,
    batch: &[Supplier],
    actor: &str,
    chunk_size: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
    let total = batch.len();
    if total == 0 {
        return Ok((UpsertCounts::default(), Vec::new()));
    }
    let chunk_size = chunk_size.max(1);
    if total <= chunk_size {
        let (counts, ids) = (&t.suppliers, &t.identity, &t.journal, &t.meta)
            .transaction(|(sup, ident, jr, meta)| {
                let (counts, ids, last) = write_chunk(sup, ident, meta, batch, None)?;
                journal_batch(jr, meta, batch, counts, last, actor, db.clock.now())?;
                Ok((counts, ids))
            })
            .map_err(tx_err)?;
        db.flush()?;
        progress(total, total);
        return Ok((counts, ids));
    }

    // Staged import.
    let import = db.db.generate_id().map_err(sled_err)? + 1;
    t.meta
        .insert(PENDING_KEY, &id_key(import))
        .map_err(sled_err)?;
    let mut counts = UpsertCounts::default();
    let mut ids = Vec::with_capacity(total);
    let mut done = 0usize;
    for (c, chunk) in batch.chunks(chunk_size).enumerate() {
        let written = (&t.suppliers, &t.identity, &t.undo, &t.meta).transaction(
            |(sup, ident, undo, meta)| {
                let u = Undo::default();
                let (k, i, _) = write_chunk(sup, ident, meta, chunk, Some(&u))?;
                undo.insert(&undo_key(import, c as u64), u.buf.take())?;
                Ok((k, i))
            },
        );
        match written {
            Ok((k, i)) => {
                add(&mut counts, k);
                ids.extend(i);
                done += chunk.len();
                if done < total {
                    progress(done, total);
                }
            }
            Err(e) => {
                let err = tx_err(e);
                rollback(db, t, import)?;
                return Err(err);
            }
        }
    }
    let last = ("import", 0);
    (&t.meta, &t.journal)
        .transaction(|(meta, jr)| {
            meta.remove(PENDING_KEY)?;
            journal_batch(jr, meta, batch, counts, last, actor, db.clock.now())?;
            Ok(())
        })
        .map_err(tx_err)?;
    db.flush()?;
    progress(total, total);
    // Committed: the undo entries are garbage now (also cleared at the next open).
    clear_undo(t, import)?;
    Ok((counts, ids))
}

/// Deletes the undo entries of a committed import.
fn clear_undo(t: &Trees, import: u64) -> StoreResult<()> {
    let mut batch = sled::Batch::default();
    for k in t.undo.scan_prefix(id_key(import)).keys() {
        batch.remove(k.map_err(sled_err)?);
    }
    t.undo.apply_batch(batch).map_err(sled_err)
}

/// Undoes a staged import: replays its chunks' undo values newest first, each in one
/// transaction that also deletes the value it replayed; then removes the marker and flushes.
fn rollback(db: &Durable, t: &Trees, import: u64) -> StoreResult<()> {
    loop {
        let Some(kv) = t.undo.scan_prefix(id_key(import)).next_back() else {
            break;
        };
        let (k, v) = kv.map_err(sled_err)?;
        let entries = undo_entries(&v)
            .ok_or_else(|| StoreError::Corrupt("entrée d'annulation d'import illisible".into()))?;
        (&t.suppliers, &t.identity, &t.undo, &t.meta)
            .transaction(|(sup, ident, undo, meta)| {
                for &(which, key, old) in entries.iter().rev() {
                    let tree = if which == UndoTree::Suppliers as u8 {
                        sup
                    } else {
                        ident
                    };
                    match old {
                        Some(o) => tree.insert(key, o)?,
                        None => tree.remove(key)?,
                    };
                }
                undo.remove(&k)?;
                tx_stamp_suppliers(meta)?;
                Ok(())
            })
            .map_err(tx_err)?;
    }
    t.meta.remove(PENDING_KEY).map_err(sled_err)?;
    db.flush()?;
    Ok(())
}

/// At open: rolls back an import the previous process did not commit, and drops undo
/// entries left by a committed one. Returns the id of the import rolled back, if any.
pub(crate) fn recover(db: &Durable, t: &Trees) -> StoreResult<Option<u64>> {
    let pending = t
        .meta
        .get(PENDING_KEY)
        .map_err(sled_err)?
        .and_then(|v| key_id(&v));
    if let Some(import) = pending {
        rollback(db, t, import)?;
    }
    if !t.undo.is_empty() {
        t.undo.clear().map_err(sled_err)?;
        db.flush()?;
    }
    Ok(pending)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_entries_round_trip() {
        let v = undo_value(UndoTree::Identity, b"siret:1", Some(b"old"));
        assert_eq!(
            parse_undo(&v),
            Some((2, &b"siret:1"[..], Some(&b"old"[..])))
        );
        let v = undo_value(UndoTree::Suppliers, &id_key(5), None);
        assert_eq!(parse_undo(&v), Some((1, &id_key(5)[..], None)));
        assert_eq!(parse_undo(&[1, 0, 0]), None);
        let u = Undo::default();
        u.record(UndoTree::Suppliers, b"k1", None).unwrap();
        u.record(UndoTree::Identity, b"k2", Some(b"v")).unwrap();
        let buf = u.buf.take();
        let e = undo_entries(&buf).unwrap();
        assert_eq!(
            e,
            vec![(1, &b"k1"[..], None), (2, &b"k2"[..], Some(&b"v"[..]))]
        );
        assert_eq!(undo_entries(&buf[..buf.len() - 1]), None);
    }

    use crate::domain::Siret;
    use crate::store::{SledStore, Store};

    fn supplier(i: u64) -> Supplier {
        Supplier {
            name: format!("Fournisseur {i}"),
            postcode: format!("{:05}", 75000 + i),
            ..Default::default()
        }
    }

    fn staged_store() -> SledStore {
        let mut store = SledStore::open_temporary().unwrap();
        store.set_import_chunk(5);
        store
    }

    #[test]
    fn staged_import_commits_in_chunks() {
        let store = staged_store();
        let mut seen = Vec::new();
        let (counts, ids) = store
            .upsert_suppliers_with_progress(
                (0..23).map(supplier).collect(),
                "import",
                &mut |d, n| seen.push((d, n)),
            )
            .unwrap();
        assert_eq!(counts.created, 23);
        assert_eq!(ids.len(), 23);
        assert_eq!(seen, vec![(5, 23), (10, 23), (15, 23), (20, 23), (23, 23)]);
        assert_eq!(store.supplier_count().unwrap(), 23);
        let j = store.journal().unwrap();
        assert_eq!(j.len(), 1);
        let line = crate::i18n::store::Render::render(&j[0], crate::i18n::Lang::Fr);
        assert!(line.contains("23 créés"), "{line}");
        // Committed: no marker, no undo entries.
        assert!(store.trees.meta.get(PENDING_KEY).unwrap().is_none());
        assert!(store.trees.undo.is_empty());
        // Re-import: all unchanged, merged by identity.
        let (counts, again) = store
            .upsert_suppliers((0..23).map(supplier).collect(), "import")
            .unwrap();
        assert_eq!(counts.unchanged, 23);
        assert_eq!(again, ids);
    }

    #[test]
    fn a_failing_staged_import_is_rolled_back() {
        let store = staged_store();
        let (_, ids) = store
            .upsert_suppliers((0..3).map(supplier).collect(), "import")
            .unwrap();
        let journal = store.journal().unwrap().len();
        // First chunk updates supplier 0 (new SIRET moves its identity) and creates others;
        // the last record has an unknown id: everything is undone.
        let mut batch: Vec<Supplier> = (0..14).map(supplier).collect();
        batch[0].siret = Some(Siret::parse("01234567400019").unwrap());
        batch[0].city = "Paris".into();
        let mut bad = supplier(99);
        bad.id = 424_242;
        batch.push(bad);
        let err = store.upsert_suppliers(batch, "import").unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
        assert_eq!(store.supplier_count().unwrap(), 3);
        assert_eq!(
            store.supplier(ids[0]).unwrap().unwrap(),
            Supplier {
                id: ids[0],
                ..supplier(0)
            }
        );
        assert_eq!(store.journal().unwrap().len(), journal);
        assert_eq!(store.trees.identity.len(), 3);
        assert!(store
            .trees
            .identity
            .get("siret:01234567400019")
            .unwrap()
            .is_none());
        assert!(store.trees.meta.get(PENDING_KEY).unwrap().is_none());
        // The name identity of supplier 0 is back: re-importing it merges.
        let (_, again) = store.upsert_suppliers(vec![supplier(0)], "import").unwrap();
        assert_eq!(again, vec![ids[0]]);
    }

    #[test]
    fn an_interrupted_staged_import_is_rolled_back_at_open() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut store = SledStore::open(dir.path()).unwrap();
            store.set_import_chunk(5);
            store
                .upsert_suppliers((0..2).map(supplier).collect(), "import")
                .unwrap();
            // The process "dies" after two chunks: a panic out of the progress callback
            // leaves the marker and two chunks on disk.
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let _ = store.upsert_suppliers_with_progress(
                    (0..20).map(|i| supplier(i + 100)).collect(),
                    "import",
                    &mut |done, _| assert!(done < 10, "interrompu"),
                );
            }));
            assert!(r.is_err());
            assert_eq!(store.supplier_count().unwrap(), 12);
            store.flush().unwrap();
        }
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(store.supplier_count().unwrap(), 2);
        assert_eq!(store.trees.identity.len(), 2);
        assert!(store.trees.undo.is_empty());
        assert!(store.trees.meta.get(PENDING_KEY).unwrap().is_none());
    }
}
