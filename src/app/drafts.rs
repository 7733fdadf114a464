//! Drafts of the forms being typed (issue 7): nothing typed is lost to Esc, Ctrl-C, a
//! dropped SSH link or a closed terminal.
//!
//! Every form with typed text (the need form, the outcome form) keeps a draft per buyer and
//! per form in the user's state folder, never in the store:
//! `$XDG_STATE_HOME/sourcing/drafts/<store id>/<form>` (default `~/.local/state`), the
//! folders mode 0700, the files mode 0600. Being per Unix account, the folder is per buyer.
//!
//! - `<store id>`: 16 hex digits, the FNV-1a 64-bit hash of the store's canonical path
//!   ([`store_id`]). A hash of the path rather than an id kept in the store's `meta`: it
//!   needs no store write (a store opened read-only, or served by another process later,
//!   still has drafts) and no schema change; the cost is that moving a store folder leaves
//!   its drafts behind.
//! - `<form>`: the kind plus what it edits ([`form_key`]): `need-new`, `need-<need id>`,
//!   `outcome-<meeting id>`.
//!
//! A draft is a small JSON file ([`DraftFile`]: format version, when it was last changed,
//! the content). [`DraftWriter`] writes it atomically (temporary file, fsync, rename, fsync
//! of the folder) on its own thread, debounced: within [`DEBOUNCE`] of the last keystroke
//! (at most [`MAX_DELAY`] while typing goes on), and at once when [`Drafts::flush`] is
//! called (quit, SIGHUP/SIGTERM, terminal loss). [`Drafts::sync`], called after every
//! action, sends the open form's draft when it changed, removes it when the form closed
//! (saved, or discarded on the buyer's "yes"), and restores a draft when its form opens.

use super::forms::{NeedForm, OutcomeForm};
use super::state::{AppState, Message, MessageKind, Modal};
use crate::domain::{ConstraintMode, NextStep};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Quiet time after the last change before a draft is written.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// Longest a changed draft waits while typing goes on.
pub const MAX_DELAY: Duration = Duration::from_millis(900);
/// Longest [`Drafts::flush`] waits for the writer before writing itself.
const FLUSH_WAIT: Duration = Duration::from_secs(5);
/// Format version of [`DraftFile`].
const FORMAT: u32 = 1;

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

/// The typed content of a need form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedDraft {
    /// Title as typed.
    pub title: String,
    /// Description as typed.
    pub description: String,
    /// Theme slug, if one is chosen.
    pub theme: Option<String>,
    /// CPV codes as typed.
    pub cpv: String,
    /// Départements as typed.
    pub departments: String,
    /// Preferred sizes, in `SizeCategory::ALL` order.
    pub sizes: [bool; 4],
    /// ESS preference.
    pub ess: Option<ConstraintMode>,
    /// SIAE preference.
    pub siae: Option<ConstraintMode>,
}

/// The typed content of an outcome form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeDraft {
    /// Next step chosen.
    pub next_step: NextStep,
    /// Rating 1–5.
    pub rating: u8,
    /// Notes, lines joined by `\n`.
    pub notes: String,
    /// Follow-up date as typed.
    pub follow_up: String,
}

impl Default for OutcomeDraft {
    fn default() -> Self {
        OutcomeDraft {
            next_step: NextStep::ALL[0],
            rating: 3,
            notes: String::new(),
            follow_up: String::new(),
        }
    }
}

/// The content of one form's draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FormDraft {
    /// A need form.
    Need(NeedDraft),
    /// An outcome form.
    Outcome(OutcomeDraft),
}

/// A draft as stored in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftFile {
    /// Format version (1).
    pub format: u32,
    /// When the content was last changed.
    pub changed_at: jiff::Timestamp,
    /// The content.
    pub form: FormDraft,
}

/// The file name of the open form's draft, or None when no form with typed text is open:
/// `need-new`, `need-<need id>`, `outcome-<meeting id>`.
pub fn form_key(modal: Option<&Modal>) -> Option<String> {
    match modal? {
        Modal::NeedForm(f) => Some(match &f.original {
            Some(n) => format!("need-{}", n.id),
            None => "need-new".to_string(),
        }),
        Modal::Outcome(f) => Some(format!("outcome-{}", f.meeting)),
        Modal::Plan(_) => None,
    }
}

/// The open form's content, when it has typed text.
pub fn form_content(state: &AppState) -> Option<FormDraft> {
    match state.modal.as_ref()? {
        Modal::NeedForm(f) => Some(FormDraft::Need(f.to_draft(&state.themes))),
        Modal::Outcome(f) => Some(FormDraft::Outcome(f.to_draft())),
        Modal::Plan(_) => None,
    }
}

/// True when the open form has unsaved changes (its content differs from what it opened
/// with). A form without typed text (the planning popup) never has.
pub fn form_is_dirty(state: &AppState) -> bool {
    match state.modal.as_ref() {
        Some(Modal::NeedForm(f)) => f.is_dirty(&state.themes),
        Some(Modal::Outcome(f)) => f.is_dirty(),
        _ => false,
    }
}

fn pristine(modal: &Modal) -> Option<FormDraft> {
    match modal {
        Modal::NeedForm(f) => Some(FormDraft::Need(f.pristine.clone())),
        Modal::Outcome(f) => Some(FormDraft::Outcome(f.pristine.clone())),
        Modal::Plan(_) => None,
    }
}

fn apply(modal: &mut Modal, draft: &FormDraft, themes: &crate::domain::ThemeCatalog) -> bool {
    match (modal, draft) {
        (Modal::NeedForm(f), FormDraft::Need(d)) => {
            NeedForm::apply_draft(f, d, themes);
            true
        }
        (Modal::Outcome(f), FormDraft::Outcome(d)) => {
            OutcomeForm::apply_draft(f, d);
            true
        }
        _ => false,
    }
}

/// The stable id of a store for its drafts folder: FNV-1a 64-bit of its canonical path
/// (the path as given when it cannot be resolved), as 16 lower-case hex digits.
pub fn store_id(store_dir: &Path) -> String {
    let path = std::fs::canonicalize(store_dir).unwrap_or_else(|_| store_dir.to_path_buf());
    let bytes = path_bytes(&path);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().as_bytes().to_vec()
}

/// The user's state folder: `$XDG_STATE_HOME` when set to an absolute path, else the
/// platform's (`~/.local/state` on Linux), else `~/.local/state`. None without a home.
pub fn state_home() -> Option<PathBuf> {
    if let Some(v) = std::env::var_os("XDG_STATE_HOME") {
        let p = PathBuf::from(v);
        if p.is_absolute() {
            return Some(p);
        }
    }
    let base = directories::BaseDirs::new()?;
    Some(match base.state_dir() {
        Some(d) => d.to_path_buf(),
        None => base.home_dir().join(".local").join("state"),
    })
}

/// The drafts folder of one store: `<state home>/sourcing/drafts/<store id>`. Created on
/// the first write (mode 0700).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDir {
    dir: PathBuf,
}

impl DraftDir {
    /// The drafts folder of the store in `store_dir`, under [`state_home`].
    pub fn for_store(store_dir: &Path) -> Option<DraftDir> {
        Some(Self::under(&state_home()?, store_dir))
    }

    /// The drafts folder of the store in `store_dir` under a given state home.
    pub fn under(state_home: &Path, store_dir: &Path) -> DraftDir {
        DraftDir {
            dir: state_home
                .join("sourcing")
                .join("drafts")
                .join(store_id(store_dir)),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The file of the draft `form`.
    pub fn file(&self, form: &str) -> PathBuf {
        self.dir.join(form)
    }

    /// Reads the draft `form`; None when there is none.
    pub fn read(&self, form: &str) -> Result<Option<DraftFile>, DraftError> {
        let path = self.file(form);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(DraftError::Io { path, source }),
        };
        let file: DraftFile =
            serde_json::from_slice(&bytes).map_err(|e| DraftError::Unreadable {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        if file.format != FORMAT {
            return Err(DraftError::Unreadable {
                path,
                reason: format!("format {}", file.format),
            });
        }
        Ok(Some(file))
    }

    /// Writes the draft `form` atomically: a temporary file in the same folder (mode 0600),
    /// fsync, rename over the draft, fsync of the folder. Creates the folders (mode 0700).
    pub fn write(&self, form: &str, bytes: &[u8]) -> Result<(), DraftError> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| DraftError::Io { path, source }
        };
        create_private_dir(&self.dir).map_err(io_err(&self.dir))?;
        let path = self.file(form);
        let tmp = self.dir.join(format!(".{form}.tmp-{}", std::process::id()));
        let result = (|| {
            let mut f = open_private(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            drop(f);
            std::fs::rename(&tmp, &path)?;
            sync_dir(&self.dir)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.map_err(io_err(&path))
    }

    /// Removes the draft `form` (nothing to do when there is none), and the store's drafts
    /// folder once it is empty (so short-lived stores leave no folder behind).
    pub fn remove(&self, form: &str) -> Result<(), DraftError> {
        let path = self.file(form);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                let synced = sync_dir(&self.dir).map_err(|source| DraftError::Io {
                    path: self.dir.clone(),
                    source,
                });
                // Fails (and is meant to) while other drafts are kept.
                let _ = std::fs::remove_dir(&self.dir);
                synced
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(DraftError::Io { path, source }),
        }
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    // The last folder holds the drafts: 0700 even if it existed with a wider mode.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn open_private(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::create(path)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

enum Job {
    /// Write these bytes as the draft.
    Put(String, Vec<u8>),
    /// Remove the draft.
    Remove(String),
    /// Do everything pending now, then answer.
    Flush(Sender<()>),
}

/// The writer thread: drafts are written off the input thread, debounced.
pub struct DraftWriter {
    tx: Option<Sender<Job>>,
    errors: Receiver<DraftError>,
    thread: Option<JoinHandle<()>>,
    dir: DraftDir,
}

impl DraftWriter {
    /// Starts the writer thread for `dir`. If no thread can be started, every call writes
    /// synchronously instead.
    pub fn start(dir: DraftDir) -> DraftWriter {
        let (tx, rx) = mpsc::channel::<Job>();
        let (etx, errors) = mpsc::channel::<DraftError>();
        let d = dir.clone();
        let thread = std::thread::Builder::new()
            .name("sourcing-drafts".into())
            .spawn(move || writer_loop(&d, &rx, &etx))
            .ok();
        DraftWriter {
            tx: thread.as_ref().map(|_| tx),
            errors,
            thread,
            dir,
        }
    }

    fn send(&self, job: Job) {
        let job = match &self.tx {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        // No writer thread: do it here.
        let _ = run_job(&self.dir, job);
    }

    /// Queues the draft `form` for writing.
    pub fn put(&self, form: &str, bytes: Vec<u8>) {
        self.send(Job::Put(form.to_string(), bytes));
    }

    /// Queues the removal of the draft `form`.
    pub fn remove(&self, form: &str) {
        self.send(Job::Remove(form.to_string()));
    }

    /// Writes everything queued now and waits for it (at most a few seconds).
    pub fn flush(&self) {
        let (ack, done) = mpsc::channel();
        if let Some(tx) = &self.tx {
            if tx.send(Job::Flush(ack)).is_ok() {
                let _ = done.recv_timeout(FLUSH_WAIT);
            }
        }
    }

    /// The next write error the thread reported, if any (it names the file).
    pub fn try_error(&self) -> Option<DraftError> {
        self.errors.try_recv().ok()
    }
}

impl Drop for DraftWriter {
    fn drop(&mut self) {
        // Closing the channel makes the thread write what is pending and end.
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run_job(dir: &DraftDir, job: Job) -> Result<(), DraftError> {
    match job {
        Job::Put(form, bytes) => dir.write(&form, &bytes),
        Job::Remove(form) => dir.remove(&form),
        Job::Flush(ack) => {
            let _ = ack.send(());
            Ok(())
        }
    }
}

fn writer_loop(dir: &DraftDir, rx: &Receiver<Job>, errors: &Sender<DraftError>) {
    // Latest content per form (None: remove), and when the first pending change came.
    let mut pending: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
    let mut first: Option<Instant> = None;
    let mut last = Instant::now();
    let write_all = |pending: &mut BTreeMap<String, Option<Vec<u8>>>| {
        for (form, bytes) in std::mem::take(pending) {
            let r = match bytes {
                Some(b) => dir.write(&form, &b),
                None => dir.remove(&form),
            };
            if let Err(e) = r {
                let _ = errors.send(e);
            }
        }
    };
    loop {
        let job = match first {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(f) => {
                let due = (last + DEBOUNCE).min(f + MAX_DELAY);
                rx.recv_timeout(due.saturating_duration_since(Instant::now()))
            }
        };
        match job {
            Ok(Job::Put(form, bytes)) => {
                pending.insert(form, Some(bytes));
                last = Instant::now();
                first.get_or_insert(last);
            }
            Ok(Job::Remove(form)) => {
                pending.insert(form, None);
                last = Instant::now();
                first.get_or_insert(last);
            }
            Ok(Job::Flush(ack)) => {
                write_all(&mut pending);
                first = None;
                let _ = ack.send(());
            }
            Err(RecvTimeoutError::Timeout) => {
                write_all(&mut pending);
                first = None;
            }
            Err(RecvTimeoutError::Disconnected) => {
                write_all(&mut pending);
                return;
            }
        }
    }
}

/// The form being tracked: its draft file name and the content last sent to the writer.
#[derive(Debug, Clone)]
struct Tracked {
    key: String,
    sent: Option<FormDraft>,
}

/// Drafts of one store's forms for the running app: the folder, the writer, and the form
/// being tracked.
pub struct Drafts {
    dir: DraftDir,
    writer: DraftWriter,
    tracked: Option<Tracked>,
}

impl Drafts {
    /// Drafts kept in `dir`, written by a new writer thread.
    pub fn new(dir: DraftDir) -> Drafts {
        Drafts {
            writer: DraftWriter::start(dir.clone()),
            dir,
            tracked: None,
        }
    }

    /// The drafts folder.
    pub fn dir(&self) -> &DraftDir {
        &self.dir
    }

    /// Called after every action. A form that opened gets its draft back (with a status
    /// line saying from when); a form whose content changed has its draft queued (or
    /// removed, when it is back to what it opened with); a form that closed (saved, or
    /// discarded on the buyer's "yes") has its draft removed. `now` stamps a change.
    pub fn sync(&mut self, state: &mut AppState, now: jiff::Timestamp) {
        if let Some(e) = self.writer.try_error() {
            state.message = Some(Message {
                kind: MessageKind::Error,
                text: (state.texts.draft_write_failed)(&(state.texts.errors.draft)(&e)),
            });
        }
        let key = form_key(state.modal.as_ref());
        let same = matches!((&self.tracked, &key), (Some(t), Some(k)) if &t.key == k);
        if !same {
            if let Some(t) = self.tracked.take() {
                // The form closed in the app: saved, discarded, or left unchanged.
                self.writer.remove(&t.key);
            }
            if let Some(k) = key {
                // A restored draft is on disk already: it is not rewritten (nor re-stamped)
                // until the buyer changes it.
                let sent = if self.restore(state, &k) {
                    form_content(state)
                } else {
                    None
                };
                self.tracked = Some(Tracked { key: k, sent });
            }
        }
        self.send_changes(state, now);
    }

    /// Puts the draft of `key` in the open form; true when one was restored.
    fn restore(&mut self, state: &mut AppState, key: &str) -> bool {
        let t = state.texts;
        let file = match self.dir.read(key) {
            Ok(Some(f)) => f,
            Ok(None) => return false,
            Err(e) => {
                state.message = Some(Message {
                    kind: MessageKind::Error,
                    text: (t.draft_unreadable)(&(t.errors.draft)(&e)),
                });
                return false;
            }
        };
        let themes = state.themes.clone();
        let Some(modal) = state.modal.as_mut() else {
            return false;
        };
        if pristine(modal).as_ref() == Some(&file.form) || !apply(modal, &file.form, &themes) {
            return false;
        }
        let when = file.changed_at.to_zoned(crate::domain::forum::forum_tz());
        state.message = Some(Message {
            kind: MessageKind::Info,
            text: (t.draft_restored)(&when.strftime("%d/%m %H:%M").to_string()),
        });
        true
    }

    fn send_changes(&mut self, state: &AppState, now: jiff::Timestamp) {
        let Some(t) = self.tracked.as_mut() else {
            return;
        };
        let content = form_content(state);
        if content == t.sent {
            return;
        }
        if form_is_dirty(state) {
            if let Some(form) = &content {
                let file = DraftFile {
                    format: FORMAT,
                    changed_at: now,
                    form: form.clone(),
                };
                if let Ok(bytes) = serde_json::to_vec_pretty(&file) {
                    self.writer.put(&t.key, bytes);
                }
            }
        } else if t.sent.is_some() {
            // Back to what it opened with: nothing to keep.
            self.writer.remove(&t.key);
        }
        t.sent = content;
    }

    /// Writes the open form's draft now and waits for every queued write: on quit, on
    /// SIGHUP/SIGTERM and on terminal loss. `now` stamps a change not yet sent.
    pub fn flush(&mut self, state: &AppState, now: jiff::Timestamp) {
        if self.tracked.is_some() && form_key(state.modal.as_ref()).is_none() {
            // Closed since the last sync.
            if let Some(t) = self.tracked.take() {
                self.writer.remove(&t.key);
            }
        }
        self.send_changes(state, now);
        self.writer.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_id_is_stable_and_path_dependent() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        assert_eq!(store_id(a.path()), store_id(a.path()));
        assert_ne!(store_id(a.path()), store_id(b.path()));
        assert_eq!(store_id(a.path()).len(), 16);
        // The same folder through another spelling of its path.
        let dotted = a.path().join(".");
        assert_eq!(store_id(&dotted), store_id(a.path()));
    }

    #[cfg(unix)]
    #[test]
    fn drafts_are_private_and_written_atomically() {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        let store = tempfile::tempdir().unwrap();
        let dir = DraftDir::under(home.path(), store.path());
        dir.write("need-new", b"{}").unwrap();
        dir.write("need-new", b"{\"a\":1}").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(dir.path()), 0o700);
        assert_eq!(mode(&dir.file("need-new")), 0o600);
        assert_eq!(std::fs::read(dir.file("need-new")).unwrap(), b"{\"a\":1}");
        // No temporary file left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["need-new"]);
        dir.write("outcome-3", b"{}").unwrap();
        dir.remove("need-new").unwrap();
        dir.remove("need-new").unwrap();
        assert!(dir.read("need-new").unwrap().is_none());
        assert!(dir.path().exists(), "folder removed with a draft in it");
        dir.remove("outcome-3").unwrap();
        assert!(!dir.path().exists(), "empty drafts folder left behind");
    }

    #[test]
    fn writer_writes_after_the_last_change_and_on_flush() {
        let home = tempfile::tempdir().unwrap();
        let store = tempfile::tempdir().unwrap();
        let dir = DraftDir::under(home.path(), store.path());
        let w = DraftWriter::start(dir.clone());
        w.put("outcome-1", b"un".to_vec());
        w.put("outcome-1", b"deux".to_vec());
        // Debounced: written by the thread within a second, without a flush.
        let start = Instant::now();
        while std::fs::read(dir.file("outcome-1")).ok().as_deref() != Some(b"deux".as_slice()) {
            assert!(start.elapsed() < Duration::from_secs(10), "never written");
            std::thread::sleep(Duration::from_millis(10));
        }
        w.put("outcome-1", b"trois".to_vec());
        w.flush();
        assert_eq!(std::fs::read(dir.file("outcome-1")).unwrap(), b"trois");
        w.remove("outcome-1");
        w.flush();
        assert!(!dir.file("outcome-1").exists());
    }
}
