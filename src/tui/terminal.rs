//! The only code that touches the real terminal's modes: entering and leaving the TUI
//! modes, a panic hook and a guard that restore the terminal on every exit path but one (a
//! terminal that is gone is left alone), SIGHUP/SIGTERM/SIGINT handling. Input is read by
//! our own thread ([`super::input::TtyInput`]), not crossterm's event source.
//!
//! Modes while running: raw mode, alternate screen, bracketed paste on (a paste arrives as
//! one text event, never as keystrokes), mouse capture off, cursor hidden (ratatui shows it
//! in a focused text field). Leaving restores all of them: `ESC[?2004l` (paste off),
//! `ESC[?1049l` (main screen), `ESC[?25h` (cursor shown), raw mode off.

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::Terminal;
use std::io::{self, Stdout, Write};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Once};

/// Puts the terminal back as it was: paste off, main screen, cursor shown, raw mode off.
/// Safe to call more than once and when the terminal is gone (errors are ignored by the
/// callers on exit paths).
pub fn restore() -> io::Result<()> {
    let mut out = io::stdout();
    let r1 = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let r2 = disable_raw_mode();
    let _ = out.flush();
    r1.and(r2)
}

/// Installs (once) a panic hook that restores the terminal before the panic message is
/// printed, so the message is readable and the shell usable.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A sled panic on a background thread is recorded by the store's hook and
            // handled by the store's check: the interface keeps its terminal.
            if !crate::store::guard::is_quiet_panic(info) {
                let _ = restore();
            }
            previous(info);
        }));
    });
}

/// A flag set by SIGHUP (dropped SSH link), SIGTERM and SIGINT: the loop sees it within a
/// tick, returns, and the guard restores the terminal. Every acknowledged write is already
/// flushed, so nothing is lost.
pub fn stop_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, flag.clone())?;
    }
    Ok(flag)
}

/// Restores the terminal when dropped (normal return, error, or unwinding panic), unless
/// [`TerminalGuard::forget_terminal`] said it is gone.
pub struct TerminalGuard {
    armed: bool,
}

impl TerminalGuard {
    /// Enters the TUI modes and returns the guard with a ratatui terminal on stdout.
    /// On failure the terminal is restored before the error is returned.
    pub fn enter() -> io::Result<(TerminalGuard, Terminal<CrosstermBackend<Stdout>>)> {
        install_panic_hook();
        let guard = TerminalGuard { armed: true };
        enable_raw_mode()?;
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            DisableMouseCapture,
            cursor::Hide
        )?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok((guard, terminal))
    }
}

impl TerminalGuard {
    /// The terminal is gone: dropping the guard writes nothing to it.
    pub fn forget_terminal(&mut self) {
        self.armed = false;
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        if self.armed {
            let _ = restore();
        }
    }
}
