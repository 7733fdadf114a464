//! The background writer: drafts are written off the input thread, debounced, and all at
//! once on flush.

use super::dir::DraftDir;
use super::error::DraftError;
use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Quiet time after the last change before a draft is written.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// Longest a changed draft waits while typing goes on.
pub const MAX_DELAY: Duration = Duration::from_millis(900);
/// Longest [`super::Drafts::flush`] waits for the writer before writing itself.
const FLUSH_WAIT: Duration = Duration::from_secs(5);

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

#[cfg(test)]
mod tests {
    use super::*;

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
