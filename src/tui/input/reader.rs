//! The input thread: it alone reads the terminal. It waits with `poll()` on three
//! descriptors — the tty, the SIGWINCH self-pipe and a stop pipe — so it uses no CPU while
//! nothing happens, and it ends for good, after sending [`Notice::Lost`], on end of input
//! (`read` = 0), on any read or poll error (EIO once the pseudo-terminal's master is gone)
//! and on POLLHUP/POLLERR/POLLNVAL. It never retries a dead descriptor.
//!
//! Bytes go through the [`Parser`]; while the parser holds an unfinished sequence, `poll`
//! waits at most [`ESCAPE_TIME`] for the rest, then the parser decides (a lone ESC is Esc).

use super::parser::Parser;
use ratatui::crossterm::event::Event;
use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long an unfinished escape sequence (or a lone ESC) waits for its next byte.
pub const ESCAPE_TIME: Duration = Duration::from_millis(100);

/// Why the terminal is considered gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// `read` returned 0: end of input.
    EndOfInput,
    /// `poll` reported POLLHUP, POLLERR or POLLNVAL on the tty.
    HangUp,
    /// `read` or `poll` failed (EIO when the pseudo-terminal's master is closed).
    Error(io::ErrorKind),
    /// The input thread ended without saying why (it could not start, or panicked).
    Vanished,
}

/// What the input thread sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A key, paste or resize.
    Event(Event),
    /// The terminal is gone; nothing follows.
    Lost(Lost),
}

/// The input thread and the receiving end of its channel. Dropping it stops the thread
/// (through the stop pipe) and joins it.
#[derive(Debug)]
pub struct TtyInput {
    rx: Receiver<Notice>,
    /// Dropping it closes the stop pipe: the thread's poll wakes and the thread returns.
    stop: Option<UnixStream>,
    thread: Option<JoinHandle<()>>,
    winch: Option<signal_hook::SigId>,
    lost: Option<Lost>,
}

impl TtyInput {
    /// Starts reading the process's terminal: standard input when it is a tty, else
    /// `/dev/tty`. Resizes come from SIGWINCH, sized with `ratatui::crossterm::terminal::size()`.
    /// Errors: no terminal to read, or no pipe or thread could be made.
    pub fn start() -> io::Result<TtyInput> {
        let stdin = io::stdin();
        // SAFETY: isatty only inspects the descriptor.
        let fd: OwnedFd = if unsafe { libc::isatty(stdin.as_raw_fd()) } == 1 {
            stdin.as_fd().try_clone_to_owned()?
        } else {
            std::fs::File::open("/dev/tty")?.into()
        };
        Self::spawn(fd, true)
    }

    /// Starts reading `fd` (any readable descriptor: tests use a socket). With `resize`,
    /// SIGWINCH is watched and each one sends [`Event::Resize`] with the terminal's size.
    pub fn spawn(fd: OwnedFd, resize: bool) -> io::Result<TtyInput> {
        let (stop_tx, stop_rx) = UnixStream::pair()?;
        let (winch, winch_rx) = if resize {
            let (w_tx, w_rx) = UnixStream::pair()?;
            w_tx.set_nonblocking(true)?;
            w_rx.set_nonblocking(true)?;
            let id = signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, w_tx)?;
            (Some(id), Some(w_rx))
        } else {
            (None, None)
        };
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("sourcing-input".into())
            .spawn(move || run(fd, stop_rx, winch_rx, tx));
        let thread = match thread {
            Ok(t) => t,
            Err(e) => {
                if let Some(id) = winch {
                    signal_hook::low_level::unregister(id);
                }
                return Err(e);
            }
        };
        Ok(TtyInput {
            rx,
            stop: Some(stop_tx),
            thread: Some(thread),
            winch,
            lost: None,
        })
    }

    /// The next notice, waiting at most `timeout`; `None` when none came in time. Once the
    /// terminal is lost, every call returns that loss at once.
    pub fn recv(&mut self, timeout: Duration) -> Option<Notice> {
        if let Some(l) = self.lost {
            return Some(Notice::Lost(l));
        }
        let got = match self.rx.recv_timeout(timeout) {
            Ok(n) => n,
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => Notice::Lost(Lost::Vanished),
        };
        if let Notice::Lost(l) = got {
            self.lost = Some(l);
        }
        Some(got)
    }

    /// Why the terminal was lost, once it was.
    pub fn lost(&self) -> Option<Lost> {
        self.lost
    }
}

impl Drop for TtyInput {
    fn drop(&mut self) {
        if let Some(id) = self.winch.take() {
            signal_hook::low_level::unregister(id);
        }
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn errno() -> io::Error {
    io::Error::last_os_error()
}

/// The thread's body. Returns when the terminal is lost (after saying so), when the stop
/// pipe closes, or when nobody listens any more.
fn run(tty: OwnedFd, stop: UnixStream, mut winch: Option<UnixStream>, tx: Sender<Notice>) {
    let lost = |why: Lost| {
        let _ = tx.send(Notice::Lost(why));
    };
    let send_all =
        |out: &mut Vec<Event>| -> bool { out.drain(..).all(|e| tx.send(Notice::Event(e)).is_ok()) };
    let mut parser = Parser::new();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let mut deadline: Option<Instant> = None;
    let hangup = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
    loop {
        let timeout_ms = match deadline {
            None => -1,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                // Round up, so the deadline has passed when poll returns 0.
                (left.as_micros().div_ceil(1000)).min(i32::MAX as u128) as i32
            }
        };
        let mut fds = [
            libc::pollfd {
                fd: tty.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: stop.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: winch.as_ref().map_or(-1, |w| w.as_raw_fd()),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: `fds` is a valid array of pollfd of the given length for the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
        if n < 0 {
            let e = errno();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return lost(Lost::Error(e.kind()));
        }
        if fds[1].revents != 0 {
            return; // the app let go of the input
        }
        if deadline.is_some_and(|d| Instant::now() >= d) && fds[0].revents & libc::POLLIN == 0 {
            parser.timeout(&mut out);
            deadline = None;
            if !send_all(&mut out) {
                return;
            }
        }
        if fds[2].revents != 0 {
            if let Some(w) = winch.as_mut() {
                let mut sink = [0u8; 64];
                while matches!(w.read(&mut sink), Ok(k) if k > 0) {}
                if fds[2].revents & hangup != 0 {
                    winch = None;
                }
            }
            if let Ok((cols, rows)) = ratatui::crossterm::terminal::size() {
                if tx.send(Notice::Event(Event::Resize(cols, rows))).is_err() {
                    return;
                }
            }
        }
        let rev = fds[0].revents;
        if rev & libc::POLLIN != 0 {
            // SAFETY: reading into a buffer we own, at most its length.
            let r = unsafe { libc::read(tty.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if r > 0 {
                parser.feed(&buf[..r as usize], &mut out);
                deadline = parser.pending().then(|| Instant::now() + ESCAPE_TIME);
                if !send_all(&mut out) {
                    return;
                }
                continue;
            }
            let why = if r == 0 {
                Lost::EndOfInput
            } else {
                match errno().kind() {
                    io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock => continue,
                    kind => Lost::Error(kind),
                }
            };
            // Keys already read are delivered before the loss.
            parser.timeout(&mut out);
            send_all(&mut out);
            return lost(why);
        }
        if rev & hangup != 0 {
            parser.timeout(&mut out);
            send_all(&mut out);
            return lost(Lost::HangUp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::io::Write;

    const PATIENCE: Duration = Duration::from_secs(10);

    fn key(code: KeyCode) -> Notice {
        Notice::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn input() -> (UnixStream, TtyInput) {
        let (ours, theirs) = UnixStream::pair().unwrap();
        let input = TtyInput::spawn(theirs.into(), false).unwrap();
        (ours, input)
    }

    #[test]
    fn keys_arrive_and_end_of_input_ends_the_thread() {
        let (mut w, mut input) = input();
        w.write_all(b"j\x1b[B").unwrap();
        assert_eq!(input.recv(PATIENCE), Some(key(KeyCode::Char('j'))));
        assert_eq!(input.recv(PATIENCE), Some(key(KeyCode::Down)));
        w.write_all(b"\x1b").unwrap();
        // The lone ESC becomes Esc after the escape-time, without any other byte.
        assert_eq!(input.recv(PATIENCE), Some(key(KeyCode::Esc)));
        w.write_all(b"q").unwrap();
        drop(w);
        assert_eq!(input.recv(PATIENCE), Some(key(KeyCode::Char('q'))));
        assert_eq!(input.recv(PATIENCE), Some(Notice::Lost(Lost::EndOfInput)));
        // The thread is gone; the loss is remembered.
        assert_eq!(
            input.recv(Duration::ZERO),
            Some(Notice::Lost(Lost::EndOfInput))
        );
        assert_eq!(input.lost(), Some(Lost::EndOfInput));
        let t = input.thread.take().unwrap();
        t.join().unwrap();
    }

    #[test]
    fn a_sequence_split_across_reads_is_one_key() {
        let (mut w, mut input) = input();
        w.write_all(b"\x1b").unwrap();
        // Well within the escape-time (as a slow link delivers it).
        w.write_all(b"[A").unwrap();
        assert_eq!(input.recv(PATIENCE), Some(key(KeyCode::Up)));
        assert_eq!(input.recv(Duration::from_millis(1)), None);
    }

    #[test]
    fn dropping_the_input_stops_the_thread() {
        let (_w, input) = input();
        drop(input); // joins: returns only if the thread ended
    }
}
