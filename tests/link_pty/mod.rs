//! A pseudo-terminal whose master side this process alone holds, as one descriptor, so a
//! test can close it for good (a dropped SSH link, a killed ssh client, a closed pane) and
//! watch what the program does then: `wait4` tells when it was reaped and how much CPU it
//! used. Shared by tests/e2e_link.rs and examples/crash_soak.rs (through `#[path]`).
//!
//! The child is started with `setsid` and the pty as its controlling terminal, like sshd
//! or tmux start a shell; optionally with SIGHUP blocked in its signal mask, so only the end
//! of input can tell it the terminal is gone.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Rows and columns of the pseudo-terminal.
pub const ROWS: u16 = 24;
/// Columns.
pub const COLS: u16 = 80;

/// How a child ended, from `wait4`.
#[derive(Debug, Clone, Copy)]
pub struct Reaped {
    /// Exit code, when it exited (not killed by a signal).
    pub code: Option<i32>,
    /// Signal that killed it, if any.
    pub signal: Option<i32>,
    /// User + system CPU time over its whole life, in seconds.
    pub cpu: f64,
    /// When it was reaped.
    pub at: Instant,
}

/// Options of [`Pty::spawn`].
#[derive(Debug, Default, Clone)]
pub struct Spawn {
    /// Block SIGHUP in the child's signal mask (inherited through exec).
    pub block_sighup: bool,
    /// Extra environment (after TERM, LANG=fr_FR.UTF-8 and USER).
    pub env: Vec<(String, String)>,
}

/// The child on its pseudo-terminal, and a thread copying its output into a vt100 screen.
pub struct Pty {
    /// The child's process id.
    pub pid: i32,
    master: Option<Arc<OwnedFd>>,
    closing: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reaped: Option<Reaped>,
}

fn check(r: libc::c_int, what: &str) -> io::Result<libc::c_int> {
    if r < 0 {
        let e = io::Error::last_os_error();
        Err(io::Error::new(e.kind(), format!("{what}: {e}")))
    } else {
        Ok(r)
    }
}

/// Opens a pseudo-terminal pair, both ends close-on-exec (no other child inherits them).
fn open_pair() -> io::Result<(OwnedFd, OwnedFd)> {
    // SAFETY: plain libc calls on descriptors we own; ptsname_r writes into our buffer.
    unsafe {
        let m = check(
            libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC),
            "posix_openpt",
        )?;
        let master = OwnedFd::from_raw_fd(m);
        check(libc::grantpt(m), "grantpt")?;
        check(libc::unlockpt(m), "unlockpt")?;
        let mut name = [0 as libc::c_char; 128];
        let r = libc::ptsname_r(m, name.as_mut_ptr(), name.len());
        if r != 0 {
            return Err(io::Error::from_raw_os_error(r));
        }
        let s = check(
            libc::open(
                name.as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            ),
            "open slave",
        )?;
        let slave = OwnedFd::from_raw_fd(s);
        let ws = libc::winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        check(libc::ioctl(m, libc::TIOCSWINSZ, &ws), "TIOCSWINSZ")?;
        Ok((master, slave))
    }
}

impl Pty {
    /// Starts `bin args` on a fresh 80×24 pseudo-terminal.
    pub fn spawn(bin: &OsStr, args: &[&OsStr], opts: &Spawn) -> io::Result<Pty> {
        let (master, slave) = open_pair()?;
        let mut cmd = Command::new(bin);
        cmd.args(args)
            .env("TERM", "xterm-256color")
            .env("LANG", "fr_FR.UTF-8")
            .env("USER", "acheteur-e2e")
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .env_remove("LC_MESSAGES")
            .env_remove("NO_COLOR")
            .env_remove("SOURCING_STORE")
            .env_remove("SOURCING_TIMING");
        for (k, v) in &opts.env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        let block = opts.block_sighup;
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 {
                    return Err(io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(io::Error::last_os_error());
                }
                if block {
                    let mut set: libc::sigset_t = std::mem::zeroed();
                    libc::sigemptyset(&mut set);
                    libc::sigaddset(&mut set, libc::SIGHUP);
                    if libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) < 0 {
                        return Err(io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        let child = cmd.spawn()?;
        let pid = child.id() as i32;
        drop(child); // reaped with wait4 below, not by std
        let master = Arc::new(master);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closing = Arc::new(AtomicBool::new(false));
        let (m, p, r, c) = (master.clone(), parser.clone(), raw.clone(), closing.clone());
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !c.load(Ordering::SeqCst) {
                let mut fds = [libc::pollfd {
                    fd: m.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                }];
                // SAFETY: one valid pollfd.
                let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 20) };
                if n <= 0 || fds[0].revents & libc::POLLIN == 0 {
                    if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                        // The child side is closed: nothing more to read. Keep the
                        // descriptor until asked to close it.
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    continue;
                }
                // SAFETY: reading into our buffer.
                let k = unsafe { libc::read(m.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
                if k <= 0 {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                let bytes = &buf[..k as usize];
                r.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend_from_slice(bytes);
                p.lock().unwrap_or_else(|e| e.into_inner()).process(bytes);
            }
        });
        Ok(Pty {
            pid,
            master: Some(master),
            closing,
            reader: Some(reader),
            parser,
            raw,
            reaped: None,
        })
    }

    /// Writes bytes as typed keys.
    pub fn send(&self, bytes: &[u8]) {
        let Some(m) = &self.master else {
            return;
        };
        let mut done = 0;
        while done < bytes.len() {
            // SAFETY: writing from our slice.
            let k = unsafe {
                libc::write(
                    m.as_raw_fd(),
                    bytes[done..].as_ptr().cast(),
                    bytes.len() - done,
                )
            };
            if k <= 0 {
                return;
            }
            done += k as usize;
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .screen()
            .contents()
    }

    /// True when the program hid the cursor (no text field focused).
    pub fn cursor_hidden(&self) -> bool {
        self.parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .screen()
            .hide_cursor()
    }

    /// Everything the program wrote.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Waits until `ok(self)`, at most `patience`; false on time-out.
    pub fn wait_until(&self, patience: Duration, ok: impl Fn(&Pty) -> bool) -> bool {
        let start = Instant::now();
        loop {
            if ok(self) {
                return true;
            }
            if start.elapsed() >= patience {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the program wrote nothing for `quiet` (its start-up work done), at most
    /// `patience`; false on time-out.
    pub fn wait_quiet(&self, quiet: Duration, patience: Duration) -> bool {
        let start = Instant::now();
        let mut last = (self.output().len(), Instant::now());
        while start.elapsed() < patience {
            let len = self.output().len();
            if len != last.0 {
                last = (len, Instant::now());
            } else if last.1.elapsed() >= quiet {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    /// Waits until the screen shows `text`, at most `patience`.
    pub fn wait_for(&self, text: &str, patience: Duration) -> bool {
        self.wait_until(patience, |p| p.screen().contains(text))
    }

    /// Resizes the terminal (as a reattaching tmux client or a resized window does): the
    /// kernel sends SIGWINCH to the program.
    pub fn resize(&self, rows: u16, cols: u16) {
        let Some(m) = &self.master else {
            return;
        };
        self.parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .set_size(rows, cols);
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads a winsize we own.
        unsafe {
            libc::ioctl(m.as_raw_fd(), libc::TIOCSWINSZ, &ws);
        }
    }

    /// Closes every master-side descriptor: the terminal is gone.
    pub fn close_master(&mut self) {
        self.closing.store(true, Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        // The reader's clone is gone with its thread: this is the last one.
        self.master = None;
    }

    /// Reaps the child if it ended (never blocks).
    pub fn try_reap(&mut self) -> Option<Reaped> {
        if self.reaped.is_some() {
            return self.reaped;
        }
        let mut status = 0;
        // SAFETY: zeroed rusage is a valid out-parameter.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waiting on our own child.
        let r = unsafe { libc::wait4(self.pid, &mut status, libc::WNOHANG, &mut ru) };
        if r != self.pid {
            return None;
        }
        let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        let reaped = Reaped {
            code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
            signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
            cpu: secs(ru.ru_utime) + secs(ru.ru_stime),
            at: Instant::now(),
        };
        self.reaped = Some(reaped);
        self.reaped
    }

    /// Waits at most `limit` for the child to end; its end, or `None` on time-out.
    pub fn reap_within(&mut self, limit: Duration) -> Option<Reaped> {
        let start = Instant::now();
        loop {
            if let Some(r) = self.try_reap() {
                return Some(r);
            }
            if start.elapsed() >= limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// CPU time (user + system) the running child used so far, in seconds, from
    /// /proc/PID/stat (10 ms resolution).
    pub fn cpu_so_far(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        let rest = &stat[stat.rfind(')')? + 1..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
        // SAFETY: sysconf has no preconditions.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
        Some(ticks / hz)
    }

    /// The child's blocked-signal mask (SigBlk in /proc/PID/status).
    pub fn blocked_signals(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let line = status.lines().find(|l| l.starts_with("SigBlk:"))?;
        u64::from_str_radix(line["SigBlk:".len()..].trim(), 16).ok()
    }

    /// Sends a signal to the child (if not reaped yet).
    pub fn signal(&self, sig: i32) {
        if self.reaped.is_none() {
            // SAFETY: signalling our own child.
            unsafe {
                libc::kill(self.pid, sig);
            }
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Never leave a process behind, whatever the test did.
        if self.try_reap().is_none() {
            self.signal(libc::SIGKILL);
            let _ = self.reap_within(Duration::from_secs(10));
        }
        self.close_master();
    }
}
