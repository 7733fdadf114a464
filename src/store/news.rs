//! [`StoreNews`]: what a store tells the app besides answering its calls. An in-process
//! store has none (the app is its only writer); a client of the forum server
//! (`sourcing serve`) hears of every change committed by another buyer and of the state of
//! its link, so the screens follow without a key press.

use crate::domain::Entity;
use serde::{Deserialize, Serialize};

/// One piece of news from a store ([`super::Store::news`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoreNews {
    /// Someone else committed a change of this kind of entity (durable in the server).
    Changed {
        /// What changed.
        entity: Entity,
        /// Display name of who changed it (from the server's access list).
        by: String,
    },
    /// Changes were missed (a full queue, a reconnection): reload every view.
    Resync,
    /// The link to the server is lost; the client is reconnecting. Writes are refused
    /// ([`super::StoreError::Disconnected`]) until [`StoreNews::Restored`].
    Lost,
    /// The link is back (a [`StoreNews::Resync`] follows).
    Restored,
}
