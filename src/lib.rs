//! `sourcing`: a keyboard-driven terminal tool for public buyers at sourcing forums
//! (sourçage, Code de la commande publique art. R2111-1).
//!
//! Layers (DESIGN §3): `domain` ← `store`, `search`, `matching`, `io`, `report` ← `app` ←
//! `ui`, `tui` ← `commands` (the binary's edge).

#![warn(missing_docs)]

pub mod app;
pub mod cli;
pub mod client;
pub mod commands;
pub mod domain;
pub mod i18n;
pub mod io;
pub mod matching;
pub mod protocol;
pub mod report;
pub mod schedule;
pub mod search;
pub mod serve;
pub mod store;
#[doc(hidden)]
pub mod testing;
pub mod tui;
pub mod ui;
