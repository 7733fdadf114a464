//! The terminal edge. [`terminal`] is the only code touching the real terminal (raw mode,
//! alternate screen, bracketed paste, cursor, panic hook, SIGHUP/SIGTERM). [`run`] is the
//! main loop, generic over ratatui's [`Backend`] and an [`EventSource`], so tests drive the
//! production path (keymap → update → draw) with `TestBackend` and [`QueueEvents`].

pub mod input;
pub mod locale;
pub mod terminal;

use crate::app::App;
use crate::ui::{self, Theme};
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use ratatui::Terminal;
use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// What an event source gives when asked for the next event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Polled {
    /// An input event.
    Event(Event),
    /// Nothing within the timeout.
    Timeout,
    /// The source is exhausted (in-memory sources): the loop returns once the app is idle.
    Closed,
    /// The terminal is gone (end of input, read error, hang-up): the loop returns at once,
    /// without drawing.
    Lost,
}

/// Why [`run`] returned. Every exit path returns normally to the caller, which is where
/// "save everything now" belongs (drafts, then dropping the store): see
/// `commands::tui::run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit (q, Ctrl-C).
    Quit,
    /// The stop flag was set (SIGHUP, SIGTERM, SIGINT).
    Stopped,
    /// The in-memory event source was exhausted and the app idle (tests).
    Closed,
    /// The terminal is gone: its input ended or failed, or a frame could not be written.
    /// Nothing more may be written to it.
    Lost,
}

/// A source of input events (the terminal, or an in-memory queue in tests).
pub trait EventSource {
    /// The next event, waiting at most `timeout`.
    fn next_event(&mut self, timeout: Duration) -> io::Result<Polled>;
}

/// In-memory events, for tests: returns them in order, then [`Polled::Closed`].
#[derive(Debug, Default, Clone)]
pub struct QueueEvents {
    /// Events not yet delivered.
    pub queue: VecDeque<Event>,
}

impl QueueEvents {
    /// Appends an event.
    pub fn push(&mut self, ev: Event) {
        self.queue.push_back(ev);
    }
}

impl EventSource for QueueEvents {
    fn next_event(&mut self, _timeout: Duration) -> io::Result<Polled> {
        Ok(match self.queue.pop_front() {
            Some(e) => Polled::Event(e),
            None => Polled::Closed,
        })
    }
}

/// Events handled before a redraw when they arrive in a burst (a fast typist, a key
/// repeat): the screen shows the state after the burst, not every intermediate one.
const BURST: usize = 64;

/// Runs the app until it quits, `stop` is set (SIGHUP/SIGTERM/SIGINT), the terminal is lost,
/// or the event source is closed and nothing runs in the background. Draws the first frame
/// before waiting for anything; the time to it is recorded in
/// `app.services.timing.first_frame`.
///
/// Returns why it stopped; it never returns an error: a frame that cannot be written (the
/// terminal is gone) or an event source that fails ends the loop as [`Exit::Lost`], so the
/// caller always gets to save and release the store.
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    app: &mut App,
    theme: &Theme,
    stop: Option<&AtomicBool>,
) -> io::Result<Exit> {
    let mut dirty = true;
    loop {
        if dirty {
            if terminal.draw(|f| ui::draw(f, &app.state, theme)).is_err() {
                return Ok(Exit::Lost);
            }
            if app.services.timing.first_frame.is_none() {
                app.services.timing.first_frame = Some(app.services.timing.started.elapsed());
            }
            dirty = false;
        }
        if app.state.quit {
            return Ok(Exit::Quit);
        }
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Ok(Exit::Stopped);
        }
        let timeout = if app.services.busy() {
            Duration::from_millis(25)
        } else {
            Duration::from_millis(250)
        };
        match events.next_event(timeout) {
            Ok(Polled::Event(ev)) => {
                dirty |= app.handle(ev);
                // Take the rest of a burst without waiting, then draw once.
                for _ in 0..BURST {
                    if app.state.quit {
                        break;
                    }
                    match events.next_event(Duration::ZERO) {
                        Ok(Polled::Event(ev)) => dirty |= app.handle(ev),
                        Ok(Polled::Timeout | Polled::Closed) => break,
                        Ok(Polled::Lost) | Err(_) => return Ok(Exit::Lost),
                    }
                }
            }
            Ok(Polled::Timeout) => {}
            Ok(Polled::Closed) => {
                dirty |= app.tick();
                if app.is_idle() {
                    if dirty && terminal.draw(|f| ui::draw(f, &app.state, theme)).is_err() {
                        return Ok(Exit::Lost);
                    }
                    return Ok(Exit::Closed);
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            Ok(Polled::Lost) | Err(_) => return Ok(Exit::Lost),
        }
        dirty |= app.tick();
    }
}
