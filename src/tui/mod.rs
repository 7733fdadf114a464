//! The terminal edge. [`terminal`] is the only code touching the real terminal (raw mode,
//! alternate screen, bracketed paste, cursor, panic hook, SIGHUP/SIGTERM). [`run`] is the
//! main loop, generic over ratatui's [`Backend`] and an [`EventSource`], so tests drive the
//! production path (keymap → update → draw) with `TestBackend` and [`QueueEvents`].

pub mod terminal;

use crate::app::App;
use crate::ui::{self, Theme};
use crossterm::event::Event;
use ratatui::backend::Backend;
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

/// Runs the app until it quits, `stop` is set (SIGHUP/SIGTERM), or the event source is
/// closed and nothing runs in the background. Draws the first frame before waiting for
/// anything; the time to it is recorded in `app.services.timing.first_frame`.
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    app: &mut App,
    theme: &Theme,
    stop: Option<&AtomicBool>,
) -> io::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| ui::draw(f, &app.state, theme))?;
            if app.services.timing.first_frame.is_none() {
                app.services.timing.first_frame = Some(app.services.timing.started.elapsed());
            }
            dirty = false;
        }
        if app.state.quit || stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Ok(());
        }
        let timeout = if app.services.busy() {
            Duration::from_millis(25)
        } else {
            Duration::from_millis(250)
        };
        match events.next_event(timeout)? {
            Polled::Event(ev) => {
                dirty |= app.handle(ev);
                // Take the rest of a burst without waiting, then draw once.
                for _ in 0..BURST {
                    if app.state.quit {
                        break;
                    }
                    match events.next_event(Duration::ZERO)? {
                        Polled::Event(ev) => dirty |= app.handle(ev),
                        Polled::Timeout | Polled::Closed => break,
                    }
                }
            }
            Polled::Timeout => {}
            Polled::Closed => {
                dirty |= app.tick();
                if app.is_idle() {
                    if dirty {
                        terminal.draw(|f| ui::draw(f, &app.state, theme))?;
                    }
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        dirty |= app.tick();
    }
}
