//! Supplier search: text folding, the query language, the word index and ranking with
//! highlight positions, and a worker thread so the screen never waits (DESIGN §5, issue 4).
//!
//! API (implemented by the submodules):
//! - [`fold::fold`]: folds text (NFC, lower case, diacritics removed, œ→oe, æ→ae, ß→ss)
//!   keeping, for each folded char, the index of the original char it came from.
//! - [`query::Query::parse`]: free words, `-word`, and the filters of
//!   [`filter_set::FilterSet`]: `theme:` `cpv:` `dept:` `size:` `city:` `ess` `siae`.
//! - [`index::SearchIndex`]: built from suppliers ([`SearchIndex::build`], or
//!   [`SearchIndex::new`] + [`SearchIndex::extend`] to stream them), updated on every write
//!   ([`SearchIndex::upsert`]), answers a query with ranked [`index::Hit`]s
//!   ([`SearchIndex::search`], or [`SearchIndex::search_page`] with the total) —
//!   deterministic: score, then folded name, name, id.
//! - [`snapshot`]: the index saved to and read from a file, stamped with the store's state.
//! - [`worker::SearchWorker`]: runs queries off the input thread, newest wins, over an
//!   index the caller built or read from its snapshot (`app::loader`).
//!
//! How a query runs: each free word is matched against the dictionary of folded words
//! (exact, prefix, then fuzzy within one word); the postings of the matched words give the
//! suppliers holding it in some field, intersected word by word; filters come from their
//! own lists. Each word scores its best (match quality × field weight: name > keywords >
//! CPV labels, themes > commune > description and references); a supplier's score is the
//! sum. Only the hits shown get highlights. A query extending the previous one (one more
//! letter, one more word, one more filter) scores only its last word over the previous
//! candidates.

pub(crate) mod codec;
mod dict;
pub mod filter_set;
mod filters;
pub mod fold;
pub mod index;
pub mod problems;
pub mod query;
pub mod snapshot;
#[doc(hidden)]
pub mod synthetic;
pub mod worker;

pub use codec::SnapshotError;
pub use filter_set::{Filter, FilterKind, FilterSet};
pub use index::{Field, Hit, SearchIndex, SearchPage, SearchSession};
pub use problems::{complete, problems, FilterProblem};
pub use query::Query;
pub use worker::{SearchResults, SearchWorker};
