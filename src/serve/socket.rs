//! The server's socket file: its path checked against the Unix limit, a stale one (no
//! server answers) removed, mode 0660 with the group of its folder (so the forum's group
//! can connect and nobody else), and a pid file beside it (`<socket>.pid`) naming the
//! server for the commands it refuses.

use super::ServeError;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

/// Longest socket path, in bytes (`sun_path` holds 108 with its terminating NUL).
pub const MAX_PATH: usize = 107;

/// The pid file of the server on `socket`.
pub fn pid_file(socket: &Path) -> PathBuf {
    let mut p = socket.as_os_str().to_owned();
    p.push(".pid");
    PathBuf::from(p)
}

/// The pid of the server on `socket`, from its pid file (None: no file or not a number).
pub fn server_pid(socket: &Path) -> Option<u32> {
    std::fs::read_to_string(pid_file(socket))
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

/// Ok when `path` fits a socket address. Errors: [`ServeError::SocketTooLong`].
pub fn check_path(path: &Path) -> Result<(), ServeError> {
    if path.as_os_str().as_bytes().len() > MAX_PATH {
        return Err(ServeError::SocketTooLong {
            path: path.to_path_buf(),
            limit: MAX_PATH,
        });
    }
    Ok(())
}

/// Listens on `path`: refused when a server answers there; a stale socket is removed
/// first. The socket gets mode 0660 and its folder's group (best effort: a server not in
/// that group keeps its own), and its pid file is written.
pub fn bind(path: &Path) -> Result<UnixListener, ServeError> {
    check_path(path)?;
    let failed = |e: std::io::Error| ServeError::Socket {
        path: path.to_path_buf(),
        why: e.to_string(),
    };
    if path.exists() {
        if UnixStream::connect(path).is_ok() {
            return Err(ServeError::AlreadyServed {
                socket: path.to_path_buf(),
                pid: server_pid(path),
            });
        }
        std::fs::remove_file(path).map_err(failed)?;
    }
    let listener = UnixListener::bind(path).map_err(failed)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660)).map_err(failed)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(meta) = std::fs::metadata(dir) {
            let _ = std::os::unix::fs::chown(path, None, Some(meta.gid()));
        }
    }
    std::fs::write(pid_file(path), format!("{}\n", std::process::id())).map_err(failed)?;
    Ok(listener)
}

/// Removes the socket and its pid file (Ok if already gone).
pub fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(pid_file(path));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_is_refused_and_a_stale_socket_replaced() {
        let long = PathBuf::from(format!("/tmp/{}/s.sock", "x".repeat(110)));
        assert!(matches!(
            bind(&long),
            Err(ServeError::SocketTooLong {
                limit: MAX_PATH,
                ..
            })
        ));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sourcing.sock");
        // A stale socket: bound once, its listener gone.
        drop(UnixListener::bind(&path).unwrap());
        let live = bind(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o660);
        assert_eq!(server_pid(&path), Some(std::process::id()));
        // A live one is not taken over.
        assert_eq!(
            bind(&path).unwrap_err(),
            ServeError::AlreadyServed {
                socket: path.clone(),
                pid: Some(std::process::id())
            }
        );
        drop(live);
        remove(&path);
        assert!(!path.exists() && !pid_file(&path).exists());
    }
}
