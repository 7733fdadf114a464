//! The one clock of a store: every stamp it writes (journal `at`, outcome `logged_at`,
//! a held meeting's start and end, the marker's creation) comes from the [`Clock`] given
//! when it is opened, and the app's `Services::now` reads the same one, so a test pins
//! them all at once.

use jiff::Timestamp;
use std::sync::{Arc, Mutex};

/// A source of the current instant (UTC). Shared between threads.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A pinned clock: always the instant it was last set to (tests, reproducible demos).
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    /// A clock showing `at` until [`FixedClock::set`].
    pub fn new(at: Timestamp) -> Self {
        FixedClock(Mutex::new(at))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: Timestamp) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The system clock, shared.
pub fn system() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_shows_what_it_was_set_to() {
        let a: Timestamp = "2026-12-03T09:05:00Z".parse().unwrap();
        let b: Timestamp = "2026-12-03T10:00:00Z".parse().unwrap();
        let c = FixedClock::new(a);
        assert_eq!(c.now(), a);
        c.set(b);
        assert_eq!(c.now(), b);
    }
}
