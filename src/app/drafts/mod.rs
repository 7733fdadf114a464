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
//!
//! The folder holds one file per job: `error` (what can fail), `format` (the JSON
//! written on disk), `dir` (where the files live and how they are written),
//! `writer` (the debounced background writer), `open_form` (what the open form holds)
//! and `sync` (tracking the open form: restore, send, remove).

mod dir;
mod error;
mod format;
mod open_form;
mod sync;
mod writer;

pub use dir::{state_home, store_id, DraftDir};
pub use error::DraftError;
pub use format::{DayDraft, DraftFile, FormDraft, NeedDraft, OutcomeDraft};
pub use open_form::{form_content, form_is_dirty, form_key};
pub use sync::Drafts;
pub use writer::{DraftWriter, DEBOUNCE, MAX_DELAY};
