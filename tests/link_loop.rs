//! The main loop's exits (issue 7): a lost terminal ends `tui::run` at once, without
//! drawing, and a frame that cannot be written is a lost terminal, not an error; every exit
//! returns normally with its reason. The non-UTF-8 locale banner, drawn by `ui` from the
//! state flag, in plain ASCII.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, Harness};
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};
use ratatui::Terminal;
use sourcing::cli::Lang;
use sourcing::store::Store;
use sourcing::tui::{self, EventSource, Exit, Polled};
use std::collections::VecDeque;
use std::io;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// A test backend that counts frames and can be made to fail like a dead terminal (EIO).
struct Flaky {
    inner: TestBackend,
    draws: usize,
    dead: bool,
}

impl Flaky {
    fn check(&self) -> io::Result<()> {
        if self.dead {
            Err(io::Error::from_raw_os_error(libc::EIO))
        } else {
            Ok(())
        }
    }
}

impl Backend for Flaky {
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.check()?;
        self.draws += 1;
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.check()?;
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.check()?;
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.check()?;
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.check()?;
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.check()?;
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> io::Result<()> {
        self.check()?;
        self.inner.flush()
    }
}

/// Gives its events, then says the terminal is lost (forever after).
struct LosingSource(VecDeque<Event>);

impl EventSource for LosingSource {
    fn next_event(&mut self, _timeout: Duration) -> io::Result<Polled> {
        Ok(self.0.pop_front().map_or(Polled::Lost, Polled::Event))
    }
}

/// The app on a seeded store, loaded and indexed (the harness runs it to idle); the
/// folder lives as long as the harness is used.
fn idle_harness() -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
    let h = Harness::new(store, 80, 24, true);
    (tmp, h)
}

fn down() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE))
}

#[test]
fn a_lost_terminal_ends_the_loop_at_once_without_drawing() {
    let (_tmp, mut h) = idle_harness();
    let mut term = Terminal::new(Flaky {
        inner: TestBackend::new(80, 24),
        draws: 0,
        dead: false,
    })
    .unwrap();
    let mut events = LosingSource(VecDeque::from([down()]));
    let exit = tui::run(&mut term, &mut events, &mut h.app, &h.theme, None).unwrap();
    assert_eq!(exit, Exit::Lost);
    // The first frame, and none after the loss (the Down changed the screen).
    assert_eq!(term.backend().draws, 1);
}

#[test]
fn a_frame_that_cannot_be_written_is_a_lost_terminal_not_an_error() {
    let (_tmp, mut h) = idle_harness();
    let mut term = Terminal::new(Flaky {
        inner: TestBackend::new(80, 24),
        draws: 0,
        dead: true,
    })
    .unwrap();
    let mut events = LosingSource(VecDeque::from([down(), down()]));
    let exit = tui::run(&mut term, &mut events, &mut h.app, &h.theme, None);
    assert_eq!(exit.ok(), Some(Exit::Lost));
    std::mem::forget(term); // its Drop would print about the dead cursor
}

#[test]
fn every_exit_returns_its_reason() {
    let (_tmp, mut h) = idle_harness();
    let stop = AtomicBool::new(true);
    let exit = tui::run(
        &mut h.terminal,
        &mut h.events,
        &mut h.app,
        &h.theme,
        Some(&stop),
    );
    assert_eq!(exit.ok(), Some(Exit::Stopped));
    let exit = tui::run(&mut h.terminal, &mut h.events, &mut h.app, &h.theme, None);
    assert_eq!(exit.ok(), Some(Exit::Closed));
    h.events.push(Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
    )));
    let exit = tui::run(&mut h.terminal, &mut h.events, &mut h.app, &h.theme, None);
    assert_eq!(exit.ok(), Some(Exit::Quit));
}

#[test]
fn the_locale_banner_is_one_ascii_line_saying_how_to_fix_it() {
    for (lang, fix) in [
        (Lang::Fr, "export LANG=fr_FR.UTF-8"),
        (Lang::En, "export LANG=en_GB.UTF-8"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        seed_store(tmp.path());
        let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
        let mut h = Harness::with_lang(store, 140, 24, true, lang);
        h.assert_not_shows("UTF-8");
        h.app.state.locale_warning = Some("LANG=C".into());
        h.resize(140, 24);
        let screen = h.screen();
        let first = screen.lines().next().unwrap_or_default();
        assert!(first.is_ascii(), "{first:?}");
        for part in ["(LANG=C)", "PuTTY Window > Translation > UTF-8", fix] {
            assert!(first.contains(part), "{part:?} missing from {first:?}");
        }
        // The tabs are still there, below it.
        assert!(screen.lines().nth(1).unwrap_or_default().contains(" 1 "));
        // Narrow: the short form, still ASCII, still with the fix.
        h.resize(80, 24);
        let screen = h.screen();
        let first = screen.lines().next().unwrap_or_default();
        assert!(first.is_ascii() && first.contains(fix), "{first:?}");
        assert!(!first.contains("LANG=C"));
    }
}
