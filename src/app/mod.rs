//! The application without any terminal code (DESIGN §3): [`state::AppState`], the
//! [`action::Action`] enum, the [`keymap`] (key → action per mode, with the descriptions the
//! help overlay is generated from), and [`update::update`] which applies an action using the
//! [`services::Services`] (store, search worker, background loader).
//!
//! The production path for an input event is [`App::handle`]: keymap → update; the
//! `tui` loop then draws with `ui::draw(&state)`.

pub mod action;
pub mod drafts;
pub mod forms;
pub mod hints;
pub mod input;
pub mod keymap;
pub mod loader;
pub mod ranking_service;
pub mod schedule_preview;
pub mod score_detail;
pub mod search_service;
pub mod service_error;
pub mod services;
pub mod snapshots;
pub mod state;
pub mod update;
mod visible;

pub use action::Action;
pub use ranking_service::{LocalRanking, RankingService};
pub use search_service::SearchService;
pub use service_error::ServiceError;
pub use services::{CatalogSource, ImportJob, ImportProgress, LoadEvent, Services, Timing};
pub use state::{AppState, Tab};

use ratatui::crossterm::event::Event;

/// The state and its services, driven by input events.
pub struct App {
    /// What the screen shows.
    pub state: AppState,
    /// Store, search, loader.
    pub services: Services,
}

impl App {
    /// An app over `state` and `services`; reads needs, days and meetings from the store.
    pub fn new(mut state: AppState, services: Services) -> Self {
        update::initial_load(&mut state, &services);
        if services.imports {
            state.load = state::LoadPhase::Importing { done: 0, total: 0 };
        }
        App { state, services }
    }

    /// Keeps drafts of the forms in `dir` from now on (written by a background thread) and
    /// restores the draft of a form already open.
    pub fn keep_drafts_in(&mut self, dir: drafts::DraftDir) {
        self.services.drafts = Some(drafts::Drafts::new(dir));
        self.sync_drafts();
    }

    /// Writes the open form's draft now and waits for every queued draft write: call it on
    /// every way out of the event loop (quit, SIGHUP/SIGTERM, terminal loss).
    pub fn flush_drafts(&mut self) {
        let now = (self.services.now)();
        if let Some(d) = self.services.drafts.as_mut() {
            d.flush(&self.state, now);
        }
    }

    fn sync_drafts(&mut self) -> bool {
        let now = (self.services.now)();
        match self.services.drafts.as_mut() {
            Some(d) => {
                let before = self.state.message.clone();
                d.sync(&mut self.state, now);
                before != self.state.message
            }
            None => false,
        }
    }

    /// Handles one terminal event through the keymap. Returns true when the screen may have
    /// changed (a redraw is due). Below the minimum size only quit and resize act.
    pub fn handle(&mut self, event: Event) -> bool {
        let changed = self.handle_event(event);
        self.after(changed)
    }

    /// After a change: the suppliers shown are read, the drafts kept.
    fn after(&mut self, changed: bool) -> bool {
        if changed {
            visible::refresh(&mut self.state, &self.services);
            let t = &mut self.services.timing;
            if t.first_ranking.is_none() && self.state.needs.view.as_ref().is_some_and(|v| v.ranked)
            {
                t.first_ranking = Some(t.started.elapsed());
            }
        }
        self.sync_drafts() || changed
    }

    fn handle_event(&mut self, event: Event) -> bool {
        match event {
            Event::Key(k) => match keymap::resolve(&self.state, &k) {
                Some(a) => update::update(&mut self.state, a, &mut self.services),
                None => false,
            },
            Event::Paste(text) => match keymap::resolve_paste(&self.state, text) {
                Some(a) => update::update(&mut self.state, a, &mut self.services),
                None => false,
            },
            Event::Resize(w, h) => {
                self.state.screen = Some((w, h));
                true
            }
            _ => false,
        }
    }

    /// Applies an action directly (same path as a key once resolved).
    pub fn act(&mut self, action: Action) -> bool {
        let changed = update::update(&mut self.state, action, &mut self.services);
        self.after(changed)
    }

    /// Collects background results (and draft write errors); true when a redraw is due.
    pub fn tick(&mut self) -> bool {
        let changed = update::tick(&mut self.state, &mut self.services);
        self.after(changed)
    }

    /// True when nothing runs in the background (loader finished, no search pending).
    pub fn is_idle(&self) -> bool {
        !self.services.busy()
            && self.state.suppliers.requested_seq <= self.state.suppliers.received_seq
            && !self.state.suppliers.unsent
    }
}
