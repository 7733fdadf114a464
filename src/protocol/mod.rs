//! The forum server's wire protocol (`sourcing serve` and its clients, DESIGN §4).
//!
//! Over a Unix stream socket, each way, a sequence of frames: a 4-byte big-endian length
//! then that many bytes of JSON ([`frame`]). The client speaks first with
//! [`ClientFrame::Hello`]; the server answers [`ServerFrame::Welcome`] (who the peer
//! credentials say the user is) or [`ServerFrame::Refused`], then closes. After that the
//! client sends [`ClientFrame::Call`]s, each with its own request id, and the server
//! answers each with a [`ServerFrame::Reply`] of that id — in any order — and pushes
//! [`ServerFrame::News`] of every change committed by another session.
//!
//! A frame longer than [`MAX_FRAME`], one that does not decode, or one unexpected at that
//! point (a second `Hello`, a `Call` before `Hello`) closes that connection only.

pub mod frame;
pub mod message;

pub use frame::{read_frame, write_frame, FrameError};
pub use message::{ClientFrame, Refusal, RemoteError, Reply, Request, ServerFrame};

/// Version of this protocol. A client and a server of different versions refuse each
/// other at the handshake, naming the version to run.
pub const VERSION: u32 = 3;

/// Largest frame accepted, in bytes of payload (16 MiB). Lists that could outgrow it are
/// paged: suppliers ([`Request::SuppliersPage`], [`SUPPLIER_PAGE`] a page), the journal
/// ([`Request::JournalPage`]) and imports ([`Request::UpsertChunk`]).
pub const MAX_FRAME: u32 = 16 * 1024 * 1024;

/// Suppliers per page or import chunk sent by a client (a supplier is 1–4 KiB of JSON).
pub const SUPPLIER_PAGE: usize = 1_000;

/// Journal events per page (an event is about 300 bytes of JSON).
pub const JOURNAL_PAGE: usize = 10_000;
