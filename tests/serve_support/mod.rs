//! A real `sourcing serve` child for end-to-end tests: started on a store folder, waited
//! for until its socket answers, killed or stopped by PID, never left running.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_sourcing")
}

/// A running server.
pub struct Served {
    /// The child.
    pub child: Child,
    /// Its socket.
    pub socket: PathBuf,
    /// Where its stderr goes.
    pub log: PathBuf,
}

impl Served {
    /// Starts `sourcing --store dir serve` and waits (bounded) until its socket answers.
    pub fn start(dir: &Path) -> Served {
        let log = dir.with_extension(format!("serve-{}.log", std::process::id()));
        let err = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let child = Command::new(bin())
            .arg("--store")
            .arg(dir)
            .arg("serve")
            .env("LANG", "fr_FR.UTF-8")
            .env_remove("SOURCING_SOCKET")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(err))
            .spawn()
            .unwrap();
        let mut s = Served {
            child,
            socket: dir.join("sourcing.sock"),
            log,
        };
        s.wait_ready();
        s
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if self.log_text().contains("à l'écoute sur")
                && std::os::unix::net::UnixStream::connect(&self.socket).is_ok()
            {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("sourcing serve ended ({status}):\n{}", self.log_text());
            }
            assert!(
                Instant::now() < deadline,
                "sourcing serve never listened:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Its log so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `kill -9`, then reaps it.
    pub fn kill_9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
        std::mem::forget(self);
    }

    /// SIGTERM, then waits (bounded) for a clean exit; returns its log.
    pub fn stop(mut self) -> (std::process::ExitStatus, String) {
        // SAFETY: a plain kill(2) on our own child's pid.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Ok(Some(s)) = self.child.try_wait() {
                break s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("sourcing serve ignored SIGTERM:\n{}", self.log_text());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let log = self.log_text();
        let _ = std::fs::remove_file(&self.log);
        std::mem::forget(self);
        (status, log)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}
