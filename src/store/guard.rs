//! Keeping sled's panics and loops on a damaged store from reaching the user as a
//! backtrace, a hang or exit status 101.
//!
//! sled 0.34 panics on several kinds of damage (its issues 1155, 1145, 1533, 1527) and
//! loops forever on others. [`quietly`] runs a closure under `catch_unwind` and returns a
//! panic as an `Err` with its message; [`install_panic_hook`] makes the process's panic
//! hook record, instead of printing, the panics that come from sled (raised in sled's own
//! source or on its threads `sled-io-*` / `log flusher`) and those inside [`quietly`].
//! Every other panic (a bug of ours) is still printed by the previous hook. The TUI's hook
//! (`tui::terminal`) asks [`is_quiet_panic`] so that a recorded sled panic on a background
//! thread does not restore the terminal under a running interface.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::{Mutex, Once};

thread_local! {
    /// Depth of [`quietly`] calls on this thread.
    static QUIET: Cell<u32> = const { Cell::new(0) };
}

/// Panics recorded instead of printed (at most [`MAX_RECORDED`], oldest first).
static RECORDED: Mutex<Vec<String>> = Mutex::new(Vec::new());
const MAX_RECORDED: usize = 16;

/// True when this panic comes from sled (its source or its threads) or from inside
/// [`quietly`]: it is recorded, not printed, and the terminal is left alone.
pub fn is_quiet_panic(info: &PanicHookInfo<'_>) -> bool {
    if QUIET.with(|q| q.get() > 0) {
        return true;
    }
    let in_sled_source = info.location().is_some_and(|l| {
        let f = l.file().replace('\\', "/");
        f.contains("/sled-0.") || f.contains("/sled/src/")
    });
    let on_sled_thread = std::thread::current()
        .name()
        .is_some_and(|n| n.starts_with("sled") || n == "log flusher");
    in_sled_source || on_sled_thread
}

fn message(info: &PanicHookInfo<'_>) -> String {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    match info.location() {
        Some(l) => format!("{payload} ({}:{})", l.file(), l.line()),
        None => payload,
    }
}

/// Installs (once per process) the panic hook described in the module documentation,
/// wrapping whichever hook was installed before it.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if is_quiet_panic(info) {
                let mut r = RECORDED.lock().unwrap_or_else(|e| e.into_inner());
                if r.len() < MAX_RECORDED {
                    r.push(message(info));
                }
            } else {
                previous(info);
            }
        }));
    });
}

/// The panics recorded so far, oldest first (for diagnostics and tests).
pub fn recorded_panics() -> Vec<String> {
    RECORDED.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Runs `f`, turning a panic into `Err(message)`; the panic is recorded, not printed.
/// Installs the panic hook if needed.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_panic_hook();
    QUIET.with(|q| q.set(q.get() + 1));
    let r = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    r.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_quietly_is_an_error_and_recorded() {
        let r: Result<(), String> = quietly(|| panic!("sled-like failure 4711"));
        assert_eq!(r.unwrap_err(), "sled-like failure 4711");
        assert!(recorded_panics()
            .iter()
            .any(|m| m.contains("sled-like failure 4711")));
        assert_eq!(quietly(|| 7).unwrap(), 7);
    }
}
