//! Our own terminal input (issue 7): crossterm 0.28's Unix event source retries forever on
//! end of input and swallows read errors, so a lost terminal left a process spinning a core
//! and holding the store. Here one thread owns the tty:
//! - [`reader`]: the thread, `poll()` on the tty, a SIGWINCH self-pipe and a stop pipe;
//!   end of input, an error or a hang-up ends it with a [`Lost`] notice;
//! - [`parser`]: bytes → crossterm [`Event`](ratatui::crossterm::event::Event)s (keys with
//!   modifiers, bracketed paste, escape-time for split sequences);
//! - [`decode`]: UTF-8 with a per-sequence Windows-1252 fallback, no byte dropped.
//!
//! The app sees the same `ratatui::crossterm::event::Event` values as before, through
//! [`TtyInput`]'s [`EventSource`](super::EventSource) implementation, plus
//! [`Polled::Lost`](super::Polled::Lost).

pub mod decode;
pub mod parser;
pub mod reader;

pub use parser::Parser;
pub use reader::{Lost, Notice, TtyInput, ESCAPE_TIME};

use super::{EventSource, Polled};
use std::io;
use std::time::Duration;

impl EventSource for TtyInput {
    fn next_event(&mut self, timeout: Duration) -> io::Result<Polled> {
        Ok(match self.recv(timeout) {
            Some(Notice::Event(e)) => Polled::Event(e),
            Some(Notice::Lost(_)) => Polled::Lost,
            None => Polled::Timeout,
        })
    }
}
