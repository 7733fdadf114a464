//! A client of the forum server (`sourcing serve`): the same [`crate::store::Store`],
//! [`crate::app::SearchService`] and [`crate::app::RankingService`] the app uses in
//! process, answered over the server's socket. Every command that opens a store becomes a
//! client when a server answers on the store's socket (see `commands::open_store`).

pub mod connection;
pub mod remote_store;
pub mod services;

pub use connection::{ConnectError, Connection};
pub use remote_store::RemoteStore;
pub use services::{RemoteRanking, RemoteSearch};
