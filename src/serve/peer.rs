//! Who is on the other end of a Unix socket: the peer's uid and pid from the kernel
//! (`SO_PEERCRED`, Linux), and the account name of a uid from the password database
//! (`getpwuid_r`). std's `peer_cred` is unstable, hence libc.

use std::os::unix::io::AsRawFd;
use std::os::unix::net::UnixStream;

/// The connecting process, as the kernel saw it when it connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerCred {
    /// Its effective user id.
    pub uid: u32,
    /// Its process id.
    pub pid: i32,
}

/// The peer credentials of `stream`. Errors: the system's (not a Unix socket).
pub fn peer_cred(stream: &UnixStream) -> std::io::Result<PeerCred> {
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` and `len` are valid for writes of the sizes given; the fd is open for
    // the duration of the call (borrowed from `stream`).
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(PeerCred {
        uid: cred.uid,
        pid: cred.pid,
    })
}

/// The account name of `uid` (its login), None when the password database has no entry
/// for it (or its name is not UTF-8).
pub fn login_of(uid: u32) -> Option<String> {
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: an all-zero passwd is a valid value to be overwritten by getpwuid_r.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the sizes given; `result` is set to `&pwd` or
        // null by the call; the strings it points to live in `buf`.
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut result,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: pw_name is a NUL-terminated string inside `buf`, alive here.
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        return name.to_str().ok().map(str::to_string);
    }
}

/// The account name of this process's effective user, None when it has none.
pub fn own_login() -> Option<String> {
    // SAFETY: geteuid never fails.
    login_of(unsafe { libc::geteuid() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_socket_pair_names_this_process() {
        let (a, _b) = UnixStream::pair().unwrap();
        let cred = peer_cred(&a).unwrap();
        assert_eq!(cred.pid as u32, std::process::id());
        assert_eq!(cred.uid, unsafe { libc::geteuid() });
        assert_eq!(login_of(cred.uid), own_login());
        assert_eq!(login_of(0).as_deref(), Some("root"));
        assert_eq!(login_of(4_000_000_000), None);
    }
}
