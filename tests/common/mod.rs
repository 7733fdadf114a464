//! Shared test support: a handful of crafted suppliers and a harness that drives the app
//! through the production path (crossterm events → keymap → update → ui::draw) on
//! ratatui's `TestBackend`.
#![allow(dead_code)]

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use sourcing::app::{App, AppState, Services};
use sourcing::cli::Lang;
use sourcing::io::embedded;
use sourcing::store::{SledStore, Store, StoreError};
use sourcing::tui::{self, QueueEvents};
use sourcing::ui::Theme;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The forum day the tests run on (Europe/Paris).
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 3)
}

/// The shared sample data (the test kit's, so unit tests, integration tests and benches
/// build on the same firms).
#[allow(unused_imports)] // not every test binary uses both
pub use sourcing::testing::{sample_suppliers, siret};

/// Opens (creating) the store in `dir`. sled releases a directory's lock a little after
/// the store is dropped (its background threads, and children forked meanwhile by
/// parallel tests, hold the lock file briefly): retry while it reports `Locked`.
pub fn open_store(dir: &Path) -> SledStore {
    let start = Instant::now();
    loop {
        match SledStore::open(dir) {
            Err(StoreError::Locked { .. }) if start.elapsed() < Duration::from_secs(20) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            r => return r.unwrap(),
        }
    }
}

/// Opens (creating) a store in `dir` and puts the sample suppliers in it.
pub fn seed_store(dir: &Path) {
    let store = open_store(dir);
    store.upsert_suppliers(sample_suppliers(), "test").unwrap();
}

/// Fixed instant for outcomes' "logged at": 03/12/2026 10:05 in Paris.
fn fixed_now() -> jiff::Timestamp {
    "2026-12-03T09:05:00Z".parse().unwrap()
}

/// The app on a test terminal, fed through an in-memory event queue.
pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    pub events: QueueEvents,
    pub theme: Theme,
}

impl Harness {
    /// The app over `store` on a `w`×`h` test terminal, colour or monochrome, buyer "mdupuis".
    pub fn new(store: Arc<dyn Store>, w: u16, h: u16, color: bool) -> Harness {
        Self::with_lang(store, w, h, color, Lang::Fr)
    }

    /// Same, in a given language.
    pub fn with_lang(store: Arc<dyn Store>, w: u16, h: u16, color: bool, lang: Lang) -> Harness {
        let themes = Arc::new(embedded::theme_catalog().clone());
        let cpv = Arc::new(embedded::cpv_catalog().clone());
        let state = AppState::new(lang, "mdupuis".into(), today(), themes.clone(), cpv.clone());
        let services = Services::start(store, themes, cpv, None, Instant::now());
        Self::around(state, services, w, h, color)
    }

    /// The harness around the app of `state` and `services` on a `w`×`h` test terminal:
    /// the fixed clock, the terminal's size known to the keymap (as `sourcing` does before
    /// its loop), the first frame drawn.
    fn around(state: AppState, mut services: Services, w: u16, h: u16, color: bool) -> Harness {
        services.now = Arc::new(fixed_now);
        let mut app = App::new(state, services);
        app.state.screen = Some((w, h));
        let mut h = Harness {
            app,
            terminal: Terminal::new(TestBackend::new(w, h)).unwrap(),
            events: QueueEvents::default(),
            theme: Theme::for_color(color),
        };
        h.run();
        h
    }

    /// Same as [`Harness::new`] (colour), keeping drafts of the forms under `state_home` for
    /// the store in `store_dir`, as `sourcing --store` does under `$XDG_STATE_HOME`.
    pub fn with_drafts(
        store: Arc<dyn Store>,
        store_dir: &Path,
        state_home: &Path,
        w: u16,
        h: u16,
    ) -> Harness {
        let mut ui = Self::new(store, w, h, true);
        ui.app
            .keep_drafts_in(sourcing::app::drafts::DraftDir::under(
                state_home, store_dir,
            ));
        ui.run();
        ui
    }

    /// Delivers queued events through the real loop; returns when the app is idle.
    pub fn run(&mut self) -> &mut Self {
        tui::run(
            &mut self.terminal,
            &mut self.events,
            &mut self.app,
            &self.theme,
            None,
        )
        .unwrap();
        self
    }

    fn push(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.events.push(Event::Key(KeyEvent::new(code, mods)));
    }

    /// Types each character as a key press (Shift for capitals, as terminals report them).
    pub fn keys(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.push(KeyCode::Char(c), mods);
        }
        self.run()
    }

    /// One special key.
    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.push(code, KeyModifiers::NONE);
        self.run()
    }

    /// A key `n` times.
    pub fn key_n(&mut self, code: KeyCode, n: usize) -> &mut Self {
        for _ in 0..n {
            self.push(code, KeyModifiers::NONE);
        }
        self.run()
    }

    /// Ctrl + a letter.
    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.push(KeyCode::Char(c), KeyModifiers::CONTROL);
        self.run()
    }

    /// A bracketed paste.
    pub fn paste(&mut self, s: &str) -> &mut Self {
        self.events.push(Event::Paste(s.to_string()));
        self.run()
    }

    /// Resizes the terminal and redraws.
    pub fn resize(&mut self, w: u16, h: u16) -> &mut Self {
        self.terminal.backend_mut().resize(w, h);
        self.events.push(Event::Resize(w, h));
        self.run()
    }

    /// The screen as text, one line per row (no-break spaces shown as spaces).
    pub fn screen(&self) -> String {
        let buf = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(&buf[(x, y)].symbol().replace('\u{a0}', " "));
            }
            out.push('\n');
        }
        out
    }

    /// Asserts the screen shows `s` (with the screen in the message).
    #[track_caller]
    pub fn assert_shows(&self, s: &str) {
        let screen = self.screen();
        assert!(screen.contains(s), "screen does not show {s:?}:\n{screen}");
    }

    /// Asserts the screen does not show `s`.
    #[track_caller]
    pub fn assert_not_shows(&self, s: &str) {
        let screen = self.screen();
        assert!(!screen.contains(s), "screen shows {s:?}:\n{screen}");
    }

    /// The row (0-based) whose text contains `s`.
    pub fn row_of(&self, s: &str) -> Option<u16> {
        self.screen()
            .lines()
            .position(|l| l.contains(s))
            .map(|i| i as u16)
    }
}

impl Harness {
    /// The app as a client of a forum server: the store, search and ranking all through
    /// `conn` (as `sourcing` does when a server answers), buyer `login`, `w`×`h`.
    pub fn remote(conn: sourcing::client::Connection, login: &str, w: u16, h: u16) -> Harness {
        use sourcing::client::{RemoteRanking, RemoteSearch, RemoteStore};
        let themes = Arc::new(embedded::theme_catalog().clone());
        let cpv = Arc::new(embedded::cpv_catalog().clone());
        let state = AppState::new(Lang::Fr, login.into(), today(), themes.clone(), cpv.clone());
        let store: Arc<dyn Store> = Arc::new(RemoteStore::new(conn.clone()));
        let services = Services::start_with_services(
            store,
            Box::new(move || (themes, cpv)),
            Instant::now(),
            Box::new(RemoteSearch::new(conn.clone())),
            Box::new(RemoteRanking::new(conn)),
        );
        Self::around(state, services, w, h, false)
    }

    /// Runs the loop until the screen shows `s` (the app follows news by itself, no key
    /// pressed); panics with the screen after `within`.
    pub fn wait_for(&mut self, s: &str, within: Duration) -> &mut Self {
        let deadline = Instant::now() + within;
        loop {
            self.run();
            if self.screen().contains(s) {
                return self;
            }
            assert!(
                Instant::now() < deadline,
                "{s:?} never shown:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
