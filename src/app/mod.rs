//! The application without any terminal code (DESIGN §3): [`state::AppState`], the
//! [`action::Action`] enum, the [`keymap`] (key → action per mode, with the descriptions the
//! help overlay is generated from), and [`update::update`] which applies an action using the
//! [`services::Services`] (store, search worker, background loader).
//!
//! The production path for an input event is [`App::handle`]: keymap → update; the
//! `tui` loop then draws with `ui::draw(&state)`.

pub mod action;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod services;
pub mod state;
pub mod update;

pub use action::Action;
pub use services::{CatalogSource, ImportJob, ImportProgress, LoadEvent, Services, Timing};
pub use state::{AppState, Tab};

use crossterm::event::Event;

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

    /// Handles one terminal event through the keymap. Returns true when the screen may have
    /// changed (a redraw is due).
    pub fn handle(&mut self, event: Event) -> bool {
        match event {
            Event::Key(k) => match keymap::resolve(&self.state, &k) {
                Some(a) => update::update(&mut self.state, a, &mut self.services),
                None => false,
            },
            Event::Paste(text) => match keymap::resolve_paste(&self.state, text) {
                Some(a) => update::update(&mut self.state, a, &mut self.services),
                None => false,
            },
            Event::Resize(..) => true,
            _ => false,
        }
    }

    /// Applies an action directly (same path as a key once resolved).
    pub fn act(&mut self, action: Action) -> bool {
        update::update(&mut self.state, action, &mut self.services)
    }

    /// Collects background results; true when a redraw is due.
    pub fn tick(&mut self) -> bool {
        update::tick(&mut self.state, &mut self.services)
    }

    /// True when nothing runs in the background (loader finished, no search pending).
    pub fn is_idle(&self) -> bool {
        !self.services.busy()
            && self.state.suppliers.requested_seq <= self.state.suppliers.received_seq
            && !self.state.suppliers.unsent
    }
}
