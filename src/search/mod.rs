//! Supplier search: text folding, the query language, the word index and ranking with
//! highlight positions, and a worker thread so the screen never waits (DESIGN §5).
//!
//! API (implemented by the submodules):
//! - [`fold::fold`]: folds text (NFC, lower case, diacritics removed, œ→oe) keeping, for each
//!   folded char, the index of the original char it came from.
//! - [`query::Query::parse`]: free words, `-word`, `theme:` `cpv:` `dept:` `size:` `city:`
//!   `ess` `siae`.
//! - [`index::SearchIndex`]: built from suppliers, updated on every write, answers a query with
//!   ranked [`index::Hit`]s (deterministic: score, then name, then id).
//! - [`worker::SearchWorker`]: runs queries off the input thread, newest wins.

mod dict;
mod filters;
pub mod fold;
pub mod index;
pub mod query;
#[doc(hidden)]
pub mod synthetic;
pub mod worker;

pub use index::{Field, Hit, SearchIndex, SearchPage};
pub use query::Query;
pub use worker::{LoadProgress, SearchResults, SearchWorker};
