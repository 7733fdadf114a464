//! [`ServiceError`]: why a search or ranking service could not answer. The in-process
//! services never fail; a client of the forum server can lose its link to it.

use serde::{Deserialize, Serialize};

/// A search or ranking service did not answer; nothing was changed. Rendered by the
/// catalogue (`i18n::errors`); `Display` is French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ServiceError {
    /// The service is gone (the process or the link behind it ended).
    Unavailable,
}
