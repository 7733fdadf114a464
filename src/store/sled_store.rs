//! sled implementation of [`super::Store`] (DESIGN §4).
//!
//! Layout: the store directory holds sled's files in [`DB_DIR`] (the rest of the directory
//! is left for the shared-mode socket). One tree per entity — `suppliers`, `needs`,
//! `shortlist`, `forum_days`, `meetings`, `outcomes`, `journal`, `meta` — and two secondary
//! trees: `identity` (supplier identity key → id, so a re-import updates instead of
//! duplicating) and `slots` (day/slot/table, buyer or supplier → meeting id, so the store
//! itself refuses a double booking). Keys are big-endian (see `keys`), values JSON.
//!
//! Every write is one sled transaction over every tree it touches, the journal event
//! included, followed by `Db::flush` (an fsync) before the method returns: a write the
//! screen confirms is on disk, and a crash leaves either the old or the new state.
//! sled commits a transaction's writes under one log "peg", so recovery sees them all or
//! none; this holds for a whole import file too (see [`Store::upsert_suppliers`] and
//! `docs/store.md`).

use super::codec::{decode, encode};
use super::durable::{Durability, Durable};
use super::ids::tx_next_id;
use super::keys::{
    day_key, id_key, key_id, outcome_key, outcome_key_version, shortlist_key, slot_keys,
};
use super::summary::{
    meeting_status_action, meeting_status_fr, next_step_fr, supplier_ref, triage_fr,
};
use super::{schema, upsert, Store, StoreError, StoreResult, UpsertCounts};
use crate::domain::text::{clean_line, sanitize};
use crate::domain::{
    Entity, ForumDay, JournalEvent, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome,
    ShortlistEntry, Supplier, SupplierId,
};
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};
use sled::Transactional;
use std::path::{Path, PathBuf};

/// Sub-directory of the store directory that holds sled's own files.
pub const DB_DIR: &str = "sled";

/// The trees of a store (crate-internal: migrations work on them).
pub(crate) struct Trees {
    pub(crate) suppliers: sled::Tree,
    pub(crate) needs: sled::Tree,
    pub(crate) shortlist: sled::Tree,
    pub(crate) forum_days: sled::Tree,
    pub(crate) meetings: sled::Tree,
    pub(crate) outcomes: sled::Tree,
    pub(crate) journal: sled::Tree,
    pub(crate) meta: sled::Tree,
    pub(crate) identity: sled::Tree,
    pub(crate) slots: sled::Tree,
    pub(crate) undo: sled::Tree,
}

impl Trees {
    fn open(db: &sled::Db) -> sled::Result<Self> {
        Ok(Trees {
            suppliers: db.open_tree("suppliers")?,
            needs: db.open_tree("needs")?,
            shortlist: db.open_tree("shortlist")?,
            forum_days: db.open_tree("forum_days")?,
            meetings: db.open_tree("meetings")?,
            outcomes: db.open_tree("outcomes")?,
            journal: db.open_tree("journal")?,
            meta: db.open_tree("meta")?,
            identity: db.open_tree("identity")?,
            slots: db.open_tree("slots")?,
            undo: db.open_tree("undo")?,
        })
    }
}

/// The sled-backed store. Open it with [`SledStore::open`] (a directory, created if
/// needed) or [`SledStore::open_temporary`] (a fresh directory removed on drop).
///
/// One process at a time holds a store directory (sled's file lock); a second open gives
/// [`StoreError::Locked`].
pub struct SledStore {
    durable: Durable,
    pub(crate) trees: Trees,
    dir: PathBuf,
    /// Schema version found on disk before opening migrated it (0: none).
    found_version: u32,
    /// Staged imports take it for writing; every other write takes it for reading, so a
    /// rollback never undoes a concurrent change (see `upsert`).
    pub(crate) write_lock: std::sync::RwLock<()>,
    /// Automatic backups (see `backup`).
    pub(crate) autobackup: super::backup::Auto,
    /// Largest batch upserted in one transaction; larger ones are staged imports.
    import_chunk: usize,
    // Declared last: dropped after `db`, so sled's files are closed before removal.
    _temp: Option<tempfile::TempDir>,
}

/// A held write lock, shared or exclusive.
enum Guard<'a> {
    Read(#[allow(dead_code)] std::sync::RwLockReadGuard<'a, ()>),
    Write(#[allow(dead_code)] std::sync::RwLockWriteGuard<'a, ()>),
}

/// Result inside a sled transaction closure.
pub(crate) type TxResult<T> = ConflictableTransactionResult<T, StoreError>;

/// Maps a sled error to a store error (disk, rights, corruption).
pub(crate) fn sled_err(e: sled::Error) -> StoreError {
    match e {
        sled::Error::Corruption { .. } => StoreError::Corrupt(e.to_string()),
        // The store fills in its directory (see `disk`).
        sled::Error::Io(ref io) if super::disk::is_full(io) => StoreError::DiskFull {
            path: PathBuf::new(),
        },
        other => StoreError::Io(other.to_string()),
    }
}

fn tx_err(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => sled_err(e),
    }
}

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

/// True when sled failed to take the directory's exclusive lock.
fn is_lock_error(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("could not acquire lock")
                || io.to_string().contains("WouldBlock")
        }
        _ => false,
    }
}

/// Decodes a value read inside a transaction.
pub(crate) fn tx_decode<T: DeserializeOwned>(bytes: &[u8], tree: &str, key: u64) -> TxResult<T> {
    decode(bytes, &|| format!("{tree} n° {key}")).map_err(ConflictableTransactionError::Abort)
}

pub(crate) fn tx_encode<T: serde::Serialize>(value: &T) -> TxResult<Vec<u8>> {
    encode(value).map_err(ConflictableTransactionError::Abort)
}

/// Appends one journal event inside the transaction of the write it records.
pub(crate) fn tx_journal(
    journal: &TransactionalTree,
    meta: &TransactionalTree,
    actor: &str,
    entity: Entity,
    id: u64,
    action: &str,
    summary: String,
) -> TxResult<()> {
    let seq = tx_next_id(meta)?;
    let actor = clean_line(actor);
    let ev = JournalEvent {
        seq,
        at: Timestamp::now(),
        actor: if actor.is_empty() {
            "system".to_string()
        } else {
            actor
        },
        entity,
        id,
        action: action.to_string(),
        summary: clean_line(&summary),
    };
    journal.insert(&id_key(seq), tx_encode(&ev)?)?;
    Ok(())
}

/// Name of a supplier read inside a transaction (None when absent).
fn tx_supplier_name(suppliers: &TransactionalTree, id: SupplierId) -> TxResult<Option<String>> {
    match suppliers.get(id_key(id))? {
        None => Ok(None),
        Some(v) => Ok(Some(tx_decode::<Supplier>(&v, "fournisseur", id)?.name)),
    }
}

/// How long an open waits for a lock that is being released: sled's background writer
/// threads can keep the lock file open a few milliseconds after the previous holder in
/// this process, or one that just exited, is dropped.
const LOCK_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// sled's page cache, in bytes (sled's default is 1 GiB).
///
/// Why 64 MiB: the cache only keeps pages already read, so at forum size it changes
/// nothing — the 14,617-supplier store is a 28 MB file and fits whole (RSS of
/// `sourcing search x`, debug build: 60 MB with 1 GiB, 64, 16 or 4 MiB alike; at 96,202
/// suppliers, a 127 MB store: 266 MB with 1 GiB, 275 MB with 64 MiB, within noise). What
/// it bounds is a large directory: with 1 GiB, a 1,000,000-supplier store (~1.2 GB) would
/// keep up to 1 GiB of pages on top of the decoded directory the interface holds anyway;
/// with 64 MiB sled's share stays small and pages it drops are re-read from the OS's
/// file cache.
pub(crate) const CACHE_CAPACITY: u64 = 64 * 1024 * 1024;

/// Opens sled's database, retrying a lock error for [`LOCK_GRACE`].
fn open_db(path: &Path) -> sled::Result<sled::Db> {
    let start = std::time::Instant::now();
    loop {
        match sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_CAPACITY)
            .open()
        {
            Err(e) if is_lock_error(&e) && start.elapsed() < LOCK_GRACE => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            other => return other,
        }
    }
}

impl SledStore {
    /// Opens (creating if needed) the store in `dir`.
    ///
    /// Errors: [`StoreError::Locked`] when another process (or another `SledStore` in this
    /// process) holds it; [`StoreError::TooNew`] when written by a newer `sourcing`;
    /// [`StoreError::Io`] when the directory cannot be created or read (disk, rights).
    /// An older store is migrated to [`super::SCHEMA_VERSION`].
    pub fn open(dir: &Path) -> StoreResult<SledStore> {
        Self::open_inner(dir, None)
    }

    /// Opens a fresh store in a new temporary directory that is deleted when the store is
    /// dropped (tests, `sourcing demo`). Its writes use [`Durability::Flush`]: they survive
    /// the process being killed, and nothing is kept across a power cut anyway.
    /// Errors: [`StoreError::Io`].
    pub fn open_temporary() -> StoreResult<SledStore> {
        let tmp = tempfile::Builder::new()
            .prefix("sourcing-")
            .tempdir()
            .map_err(|e| StoreError::Io(format!("dossier temporaire : {e}")))?;
        let dir = tmp.path().to_path_buf();
        let mut store = Self::open_inner(&dir, Some(tmp))?;
        store.set_durability(Durability::Flush);
        Ok(store)
    }

    fn open_inner(dir: &Path, temp: Option<tempfile::TempDir>) -> StoreResult<SledStore> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Io(format!("{} : {e}", dir.display())))?;
        // Finishes or undoes a restore or compaction that a crash interrupted.
        super::swap::recover(dir)?;
        let db = open_db(&dir.join(DB_DIR)).map_err(|e| {
            if is_lock_error(&e) {
                StoreError::Locked {
                    path: dir.to_path_buf(),
                }
            } else {
                match sled_err(e) {
                    StoreError::Io(m) => StoreError::Io(format!("{} : {m}", dir.display())),
                    other => other,
                }
            }
        })?;
        let trees = Trees::open(&db).map_err(sled_err)?;
        let durable = Durable::new(db, &dir.join(DB_DIR))?;
        let found_version = schema::prepare(&durable, &trees, dir)?;
        upsert::recover(&durable, &trees)?;
        Ok(SledStore {
            durable,
            trees,
            dir: dir.to_path_buf(),
            found_version,
            write_lock: std::sync::RwLock::new(()),
            autobackup: super::backup::Auto::new(dir, temp.is_none()),
            import_chunk: upsert::DEFAULT_IMPORT_CHUNK,
            _temp: temp,
        })
    }

    /// The store directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Schema version found on disk when the store was opened, before migration (0 for a
    /// new directory or a store written before schema versions).
    pub fn found_schema_version(&self) -> u32 {
        self.found_version
    }

    /// Forces everything written so far to disk, as [`Self::set_durability`] says. Every
    /// write method already does.
    pub fn flush(&self) -> StoreResult<()> {
        self.durable.flush()
    }

    /// Chooses how far a write is pushed before a write method returns (default
    /// [`Durability::Fsync`]: on disk, power cut included).
    pub fn set_durability(&mut self, mode: Durability) {
        self.durable.mode = mode;
    }

    fn read_all<T: DeserializeOwned>(tree: &sled::Tree, what: &str) -> StoreResult<Vec<T>> {
        let mut out = Vec::with_capacity(tree.len());
        for kv in tree.iter() {
            let (k, v) = kv.map_err(sled_err)?;
            out.push(decode(&v, &|| format!("{what} (clé {k:?})"))?);
        }
        Ok(out)
    }

    fn read_prefix<T: DeserializeOwned>(
        tree: &sled::Tree,
        prefix: &[u8],
        what: &str,
    ) -> StoreResult<Vec<T>> {
        let mut out = Vec::new();
        for kv in tree.scan_prefix(prefix) {
            let (k, v) = kv.map_err(sled_err)?;
            out.push(decode(&v, &|| format!("{what} (clé {k:?})"))?);
        }
        Ok(out)
    }

    /// Lock taken by every write but a staged import.
    fn shared_write(&self) -> std::sync::RwLockReadGuard<'_, ()> {
        self.before_write(&self.write_lock);
        self.write_lock.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets the largest batch of suppliers upserted as one transaction, which is also the
    /// chunk size of larger, staged imports (default [`super::DEFAULT_IMPORT_CHUNK`]).
    /// Memory during an upsert grows with it (about 11 KB per 1.2 KB supplier).
    pub fn set_import_chunk(&mut self, n: usize) {
        self.import_chunk = n.max(1);
    }

    /// One meeting, when it exists.
    pub fn meeting(&self, id: MeetingId) -> StoreResult<Option<Meeting>> {
        match self.trees.meetings.get(id_key(id)).map_err(sled_err)? {
            None => Ok(None),
            Some(v) => Ok(Some(decode(&v, &|| format!("rendez-vous n° {id}"))?)),
        }
    }
}

impl Store for SledStore {
    fn suppliers(&self) -> StoreResult<Vec<Supplier>> {
        Self::read_all(&self.trees.suppliers, "fournisseur")
    }

    fn supplier(&self, id: SupplierId) -> StoreResult<Option<Supplier>> {
        match self.trees.suppliers.get(id_key(id)).map_err(sled_err)? {
            None => Ok(None),
            Some(v) => Ok(Some(decode(&v, &|| format!("fournisseur n° {id}"))?)),
        }
    }

    fn supplier_count(&self) -> StoreResult<usize> {
        Ok(self.trees.suppliers.len())
    }

    fn for_each_supplier(&self, f: &mut dyn FnMut(Supplier) -> bool) -> StoreResult<()> {
        super::stream::for_each_supplier(&self.trees, f)
    }

    fn write_stamp(&self) -> StoreResult<Option<super::WriteStamp>> {
        super::stamp::read(&self.trees).map(Some)
    }

    fn upsert_suppliers(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.upsert_suppliers_with_progress(batch, actor, &mut |_, _| {})
    }

    fn upsert_suppliers_with_progress(
        &self,
        batch: Vec<Supplier>,
        actor: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<(UpsertCounts, Vec<SupplierId>)> {
        self.before_write(&self.write_lock);
        let _guard = if batch.len() > self.import_chunk {
            Guard::Write(self.write_lock.write().unwrap_or_else(|e| e.into_inner()))
        } else {
            Guard::Read(self.write_lock.read().unwrap_or_else(|e| e.into_inner()))
        };
        upsert::upsert(
            &self.durable,
            &self.trees,
            &batch,
            actor,
            self.import_chunk,
            progress,
        )
    }

    fn needs(&self) -> StoreResult<Vec<Need>> {
        Self::read_all(&self.trees.needs, "besoin")
    }

    fn save_need(&self, mut need: Need, actor: &str) -> StoreResult<Need> {
        let _guard = self.shared_write();
        need.title = clean_line(&need.title);
        need.description = sanitize(&need.description, true);
        if need.title.is_empty() {
            return Err(StoreError::Invalid(
                "le besoin n'a pas de titre : donnez-lui un titre".into(),
            ));
        }
        let mut numbers: Vec<u32> = need.lots.iter().map(|l| l.number).collect();
        numbers.sort_unstable();
        if numbers.first() == Some(&0) || numbers.windows(2).any(|w| w[0] == w[1]) {
            return Err(StoreError::Invalid(
                "numéros de lot invalides : chaque lot a un numéro unique à partir de 1".into(),
            ));
        }
        for lot in &mut need.lots {
            lot.title = clean_line(&lot.title);
        }
        let t = &self.trees;
        let saved = (&t.needs, &t.journal, &t.meta)
            .transaction(|(needs, jr, meta)| {
                let mut n = need.clone();
                let action = if n.id == 0 {
                    n.id = tx_next_id(meta)?;
                    "created"
                } else if needs.get(id_key(n.id))?.is_none() {
                    return abort(StoreError::NotFound(format!("besoin n° {}", n.id)));
                } else {
                    "updated"
                };
                needs.insert(&id_key(n.id), tx_encode(&n)?)?;
                let verb = if action == "created" {
                    "créé"
                } else {
                    "modifié"
                };
                tx_journal(
                    jr,
                    meta,
                    actor,
                    Entity::Need,
                    n.id,
                    action,
                    format!("besoin n° {} « {} » {verb}", n.id, n.title),
                )?;
                Ok(n)
            })
            .map_err(tx_err)?;
        self.flush()?;
        Ok(saved)
    }

    fn shortlist(&self, need: NeedId) -> StoreResult<Vec<ShortlistEntry>> {
        Self::read_prefix(&self.trees.shortlist, &id_key(need), "présélection")
    }

    fn save_shortlist_entry(&self, mut entry: ShortlistEntry, actor: &str) -> StoreResult<()> {
        let _guard = self.shared_write();
        entry.note = sanitize(&entry.note, true);
        entry.explanation = clean_line(&entry.explanation);
        let t = &self.trees;
        (&t.shortlist, &t.needs, &t.suppliers, &t.journal, &t.meta)
            .transaction(|(sl, needs, sup, jr, meta)| {
                let e = &entry;
                let need: Need = match needs.get(id_key(e.need))? {
                    Some(v) => tx_decode(&v, "besoin", e.need)?,
                    None => return abort(StoreError::NotFound(format!("besoin n° {}", e.need))),
                };
                if e.lot != 0 && !need.lots.iter().any(|l| l.number == e.lot) {
                    return abort(StoreError::Invalid(format!(
                        "le besoin n° {} n'a pas de lot {}",
                        e.need, e.lot
                    )));
                }
                let Some(name) = tx_supplier_name(sup, e.supplier)? else {
                    return abort(StoreError::NotFound(format!(
                        "fournisseur n° {}",
                        e.supplier
                    )));
                };
                let key = shortlist_key(e.need, e.lot, e.supplier);
                let old = sl.insert(&key, tx_encode(e)?)?;
                let action = if old.is_some() { "updated" } else { "created" };
                let lot = if e.lot == 0 {
                    String::new()
                } else {
                    format!(", lot {}", e.lot)
                };
                tx_journal(
                    jr,
                    meta,
                    actor,
                    Entity::Shortlist,
                    e.need,
                    action,
                    format!(
                        "présélection du besoin n° {}{lot} : fournisseur {} — {}",
                        e.need,
                        supplier_ref(e.supplier, Some(&name)),
                        triage_fr(e.status)
                    ),
                )?;
                Ok(())
            })
            .map_err(tx_err)?;
        self.flush()
    }

    fn remove_shortlist_entry(
        &self,
        need: NeedId,
        lot: u32,
        supplier: SupplierId,
        actor: &str,
    ) -> StoreResult<()> {
        let t = &self.trees;
        let _guard = self.shared_write();
        let removed = (&t.shortlist, &t.suppliers, &t.journal, &t.meta)
            .transaction(|(sl, sup, jr, meta)| {
                if sl.remove(&shortlist_key(need, lot, supplier))?.is_none() {
                    return Ok(false);
                }
                let name = tx_supplier_name(sup, supplier)?;
                let lot_txt = if lot == 0 {
                    String::new()
                } else {
                    format!(", lot {lot}")
                };
                tx_journal(
                    jr,
                    meta,
                    actor,
                    Entity::Shortlist,
                    need,
                    "removed",
                    format!(
                        "présélection du besoin n° {need}{lot_txt} : fournisseur {} retiré",
                        supplier_ref(supplier, name.as_deref())
                    ),
                )?;
                Ok(true)
            })
            .map_err(tx_err)?;
        if removed {
            self.flush()?;
        }
        Ok(())
    }

    fn forum_days(&self) -> StoreResult<Vec<ForumDay>> {
        Self::read_all(&self.trees.forum_days, "journée")
    }

    fn save_forum_day(&self, mut day: ForumDay, actor: &str) -> StoreResult<()> {
        let _guard = self.shared_write();
        if day.opens >= day.closes {
            return Err(StoreError::Invalid(format!(
                "journée du {} : l'ouverture ({}) doit précéder la fermeture ({})",
                day.date, day.opens, day.closes
            )));
        }
        if day.slot_minutes < 5 {
            return Err(StoreError::Invalid(format!(
                "journée du {} : un créneau dure au moins 5 minutes",
                day.date
            )));
        }
        day.tables = day
            .tables
            .iter()
            .map(|t| clean_line(t))
            .filter(|t| !t.is_empty())
            .collect();
        if day.tables.is_empty() {
            return Err(StoreError::Invalid(format!(
                "journée du {} : indiquez au moins une table",
                day.date
            )));
        }
        let t = &self.trees;
        (&t.forum_days, &t.journal, &t.meta)
            .transaction(|(days, jr, meta)| {
                let old = days.insert(day_key(day.date), tx_encode(&day)?)?;
                let id = u64::try_from(
                    i64::from(day.date.year()) * 10_000
                        + i64::from(day.date.month()) * 100
                        + i64::from(day.date.day()),
                )
                .unwrap_or(0);
                tx_journal(
                    jr,
                    meta,
                    actor,
                    Entity::ForumDay,
                    id,
                    if old.is_some() { "updated" } else { "created" },
                    format!(
                        "journée du forum du {} : {}–{}, créneaux de {} min, {} tables",
                        day.date.strftime("%d/%m/%Y"),
                        day.opens.strftime("%H:%M"),
                        day.closes.strftime("%H:%M"),
                        day.slot_minutes,
                        day.tables.len()
                    ),
                )?;
                Ok(())
            })
            .map_err(tx_err)?;
        self.flush()
    }

    fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        Self::read_all(&self.trees.meetings, "rendez-vous")
    }

    fn plan_meeting(&self, mut meeting: Meeting, actor: &str) -> StoreResult<Meeting> {
        let _guard = self.shared_write();
        if meeting.id != 0 {
            return Err(StoreError::Invalid(format!(
                "le rendez-vous n° {} existe déjà : changez son statut au lieu de le replanifier",
                meeting.id
            )));
        }
        meeting.table = clean_line(&meeting.table);
        let mut buyers: Vec<String> = Vec::new();
        for b in &meeting.buyers {
            let b = clean_line(b);
            if !b.is_empty() && !buyers.contains(&b) {
                buyers.push(b);
            }
        }
        meeting.buyers = buyers;
        if meeting.buyers.is_empty() {
            return Err(StoreError::Invalid(
                "rendez-vous sans acheteur : indiquez au moins un acheteur".into(),
            ));
        }
        if meeting.table.is_empty() {
            return Err(StoreError::Invalid(
                "rendez-vous sans table : choisissez une table".into(),
            ));
        }
        meeting.status = MeetingStatus::Planned;
        meeting.started_at = None;
        meeting.ended_at = None;
        let t = &self.trees;
        let saved = (
            &t.meetings,
            &t.slots,
            &t.suppliers,
            &t.needs,
            &t.forum_days,
            &t.journal,
            &t.meta,
        )
            .transaction(|(meetings, slots, sup, needs, days, jr, meta)| {
                let mut m = meeting.clone();
                let Some(name) = tx_supplier_name(sup, m.supplier)? else {
                    return abort(StoreError::NotFound(format!("fournisseur n° {}", m.supplier)));
                };
                if let Some(n) = m.need {
                    if needs.get(id_key(n))?.is_none() {
                        return abort(StoreError::NotFound(format!("besoin n° {n}")));
                    }
                }
                if let Some(v) = days.get(day_key(m.day))? {
                    let day: ForumDay = decode(&v, &|| format!("journée {}", m.day))
                        .map_err(ConflictableTransactionError::Abort)?;
                    if day.slot(m.slot).is_none() {
                        return abort(StoreError::Invalid(format!(
                            "le créneau {} n'existe pas le {} (pause ou hors horaires)",
                            m.slot,
                            m.day.strftime("%d/%m/%Y")
                        )));
                    }
                    if !day.tables.contains(&m.table) {
                        return abort(StoreError::Invalid(format!(
                            "la table « {} » n'existe pas le {} : tables {}",
                            m.table,
                            m.day.strftime("%d/%m/%Y"),
                            day.tables.join(", ")
                        )));
                    }
                }
                let keys = slot_keys(&m);
                for (k, what) in &keys {
                    if let Some(holder) = slots.get(k)? {
                        return abort(StoreError::SlotTaken {
                            what: what.clone(),
                            meeting: key_id(&holder).unwrap_or(0),
                        });
                    }
                }
                m.id = tx_next_id(meta)?;
                for (k, _) in &keys {
                    slots.insert(k.as_slice(), &id_key(m.id))?;
                }
                meetings.insert(&id_key(m.id), tx_encode(&m)?)?;
                tx_journal(
                    jr,
                    meta,
                    actor,
                    Entity::Meeting,
                    m.id,
                    "created",
                    format!(
                        "rendez-vous n° {} planifié : fournisseur {}, {}, créneau {} du {}, acheteur(s) {}",
                        m.id,
                        supplier_ref(m.supplier, Some(&name)),
                        m.table,
                        m.slot,
                        m.day.strftime("%d/%m/%Y"),
                        m.buyers.join(", ")
                    ),
                )?;
                Ok(m)
            })
            .map_err(tx_err)?;
        self.flush()?;
        Ok(saved)
    }

    fn set_meeting_status(
        &self,
        id: MeetingId,
        status: MeetingStatus,
        actor: &str,
    ) -> StoreResult<Meeting> {
        let t = &self.trees;
        let _guard = self.shared_write();
        let (m, changed) = (&t.meetings, &t.slots, &t.suppliers, &t.journal, &t.meta)
            .transaction(|(meetings, slots, sup, jr, meta)| {
                let mut m: Meeting = match meetings.get(id_key(id))? {
                    Some(v) => tx_decode(&v, "rendez-vous", id)?,
                    None => return abort(StoreError::NotFound(format!("rendez-vous n° {id}"))),
                };
                if m.status == status {
                    return Ok((m, false));
                }
                let was = m.occupies_slot();
                m.status = status;
                let keys = slot_keys(&m);
                if was && !m.occupies_slot() {
                    for (k, _) in &keys {
                        let holder = slots.get(k)?;
                        if holder.as_deref() == Some(&id_key(id)[..]) {
                            slots.remove(k.as_slice())?;
                        }
                    }
                } else if !was && m.occupies_slot() {
                    for (k, what) in &keys {
                        if let Some(holder) = slots.get(k)? {
                            return abort(StoreError::SlotTaken {
                                what: what.clone(),
                                meeting: key_id(&holder).unwrap_or(0),
                            });
                        }
                    }
                    for (k, _) in &keys {
                        slots.insert(k.as_slice(), &id_key(id))?;
                    }
                }
                if status == MeetingStatus::Held {
                    let now = Timestamp::now();
                    m.started_at.get_or_insert(now);
                    m.ended_at.get_or_insert(now);
                }
                meetings.insert(&id_key(id), tx_encode(&m)?)?;
                let name = tx_supplier_name(sup, m.supplier)?;
                tx_journal(
                    jr,
                    meta,
                    actor,
                    Entity::Meeting,
                    id,
                    meeting_status_action(status),
                    format!(
                        "rendez-vous n° {id} avec le fournisseur {} : {}",
                        supplier_ref(m.supplier, name.as_deref()),
                        meeting_status_fr(status)
                    ),
                )?;
                Ok((m, true))
            })
            .map_err(tx_err)?;
        if changed {
            self.flush()?;
        }
        Ok(m)
    }

    fn log_outcome(&self, mut outcome: Outcome, actor: &str) -> StoreResult<Outcome> {
        let _guard = self.shared_write();
        outcome
            .validate()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        outcome.notes = sanitize(&outcome.notes, true);
        outcome.logged_by = {
            let a = clean_line(actor);
            if a.is_empty() {
                "system".to_string()
            } else {
                a
            }
        };
        // Hint for the next version, read outside the transaction; checked inside.
        let hint = match self
            .trees
            .outcomes
            .scan_prefix(id_key(outcome.meeting))
            .keys()
            .next_back()
        {
            Some(k) => outcome_key_version(&k.map_err(sled_err)?).unwrap_or(0),
            None => 0,
        };
        let t = &self.trees;
        let saved = (&t.outcomes, &t.meetings, &t.journal, &t.meta)
            .transaction(|(outs, meetings, jr, meta)| {
                let mut o = outcome.clone();
                if meetings.get(id_key(o.meeting))?.is_none() {
                    return abort(StoreError::NotFound(format!(
                        "rendez-vous n° {}",
                        o.meeting
                    )));
                }
                let mut version = hint + 1;
                while outs.get(outcome_key(o.meeting, version))?.is_some() {
                    version += 1;
                }
                o.version = version;
                o.logged_at = Timestamp::now();
                outs.insert(&outcome_key(o.meeting, version), tx_encode(&o)?)?;
                tx_journal(
                    jr,
                    meta,
                    actor,
                    Entity::Outcome,
                    o.meeting,
                    if version == 1 { "created" } else { "version" },
                    format!(
                        "compte rendu v{version} du rendez-vous n° {} : {}, note {}/5",
                        o.meeting,
                        next_step_fr(o.next_step),
                        o.rating
                    ),
                )?;
                Ok(o)
            })
            .map_err(tx_err)?;
        self.flush()?;
        Ok(saved)
    }

    fn outcomes(&self, meeting: MeetingId) -> StoreResult<Vec<Outcome>> {
        Self::read_prefix(&self.trees.outcomes, &id_key(meeting), "compte rendu")
    }

    fn all_outcomes(&self) -> StoreResult<Vec<Outcome>> {
        Self::read_all(&self.trees.outcomes, "compte rendu")
    }

    fn journal(&self) -> StoreResult<Vec<JournalEvent>> {
        Self::read_all(&self.trees.journal, "journal")
    }
}
