//! Drafts for the running app: after every action the open form's draft is restored when
//! the form opens, queued when its content changes, and removed when it closes.

use super::dir::DraftDir;
use super::format::{DraftFile, FormDraft, FORMAT};
use super::open_form::{apply, form_content, form_is_dirty, form_key, pristine};
use super::writer::DraftWriter;
use crate::app::state::{AppState, Message, MessageKind};

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
