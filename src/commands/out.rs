//! What the commands write to the terminal: standard output and error go through here.
//!
//! Two guarantees, one place:
//! - **No terminal tricks.** Whatever the data, no U+001B, no C1 control (U+0080–U+009F), no
//!   bidi override or isolate (U+202A–U+202E, U+2066–U+2069) and no control character other
//!   than tab, LF and CR is written: human text is passed through
//!   [`sanitize`](crate::domain::text::sanitize) (which removes whole escape sequences), and
//!   every byte stream (JSON, CSV) through [`TerminalSafe`], which drops those characters one
//!   by one (removing a character inside a JSON string or a CSV cell keeps it valid).
//! - **A closed pipe ends quietly.** Rust ignores SIGPIPE, so a write to a closed pipe
//!   (`sourcing search x | head -1`) fails with `BrokenPipe`, which `println!` turns into a
//!   panic. Here it becomes [`StdoutClosed`], an error `main` maps to a quiet exit 0: the
//!   reader stopped reading, the command did its job. We do not restore SIGPIPE's default
//!   action instead: being killed by a signal would skip the store's orderly close (sled's
//!   flush, a demo's temporary folder removal) and would also kill a future `serve` whose
//!   client socket closes; a status of 141 would also fail `set -o pipefail` scripts.

use crate::domain::text::sanitize;
use crate::i18n::Lang;
use std::io::{self, Write};

/// Standard output was closed by its reader (`| head`): the command ends quietly with
/// status 0. Only this module creates it, so no other broken pipe is silenced.
#[derive(Debug, thiserror::Error)]
#[error("sortie standard fermée")]
pub struct StdoutClosed;

/// True for the characters never written to a terminal: U+001B, C1 controls, bidi
/// overrides and isolates, and control characters other than tab, LF and CR.
pub fn terminal_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{1b}' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    ) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// A writer that drops [`terminal_unsafe`] characters from a UTF-8 byte stream and passes
/// everything else through unchanged (bytes that are not UTF-8 too). A character split
/// across two `write` calls is held until its end arrives (at most 2 bytes; `flush` writes
/// them as they are).
#[derive(Debug)]
pub struct TerminalSafe<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }
}

/// Splits `bytes` into what may be written (unsafe characters removed) and an unfinished
/// tail that could start an unsafe character (a lone 0xC2, 0xE2 or 0xE2 0x80/0x81).
fn filter(bytes: &[u8]) -> (Vec<u8>, &[u8]) {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\t' | b'\n' | b'\r' => out.push(b),
            0x00..=0x1f | 0x7f => {}
            0xc2 => match bytes.get(i + 1) {
                None => return (out, &bytes[i..]),
                // U+0080–U+009F.
                Some(0x80..=0x9f) => i += 1,
                Some(_) => out.push(b),
            },
            0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (None, _) | (Some(0x80 | 0x81), None) => return (out, &bytes[i..]),
                // U+202A–U+202E and U+2066–U+2069.
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9)) => i += 2,
                _ => out.push(b),
            },
            _ => out.push(b),
        }
        i += 1;
    }
    (out, &[])
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let data: &[u8] = if self.pending.is_empty() {
            buf
        } else {
            let mut v = std::mem::take(&mut self.pending);
            v.extend_from_slice(buf);
            joined = v;
            &joined
        };
        let (clean, rest) = filter(data);
        let rest = rest.to_vec();
        self.inner.write_all(&clean)?;
        self.pending = rest;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let p = std::mem::take(&mut self.pending);
            self.inner.write_all(&p)?;
        }
        self.inner.flush()
    }
}

/// Maps a failed write to standard output: a closed pipe becomes [`StdoutClosed`], any other
/// error (full disk when redirected to a file) says what failed, in `lang`.
pub fn stdout_error(e: io::Error, lang: Lang) -> anyhow::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        StdoutClosed.into()
    } else {
        anyhow::Error::new(e).context(crate::i18n::texts(lang).stdout_write_failed)
    }
}

/// Writes human text to standard output, sanitized (escape sequences removed, line breaks
/// and tabs kept) and flushed. Errors as [`stdout_error`].
pub fn print_text(text: &str, lang: Lang) -> anyhow::Result<()> {
    print_bytes(sanitize(text, true).as_bytes(), lang)
}

/// Writes machine text (JSON) to standard output through [`TerminalSafe`], flushed. Errors
/// as [`stdout_error`].
pub fn print_data(text: &str, lang: Lang) -> anyhow::Result<()> {
    print_bytes(text.as_bytes(), lang)
}

fn print_bytes(bytes: &[u8], lang: Lang) -> anyhow::Result<()> {
    let mut out = TerminalSafe::new(io::stdout().lock());
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| stdout_error(e, lang))
}

/// Writes one line of human text to standard error, sanitized. A failure to write there
/// (closed pipe) is ignored: there is nowhere left to say it.
pub fn eprint_line(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", sanitize(text, true));
    let _ = err.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> String {
        let mut w = TerminalSafe::new(Vec::new());
        for c in chunks {
            assert_eq!(w.write(c).unwrap(), c.len());
        }
        w.flush().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn drops_unsafe_characters_keeps_french() {
        let s = "a\u{1b}[2J\u{9b}b\u{85}\u{202e}c\u{2066}\u{2069}d\u{7}\u{7f}\t\r\n";
        assert_eq!(through(&[s.as_bytes()]), "a[2Jbcd\t\r\n");
        let fr = "Société — Cœur de Forêt € œ « » \u{2014}\u{2019}\u{20ac}\u{2070}\u{feff}";
        assert_eq!(through(&[fr.as_bytes()]), fr);
    }

    #[test]
    fn characters_split_between_writes() {
        // U+0085 = C2 85, U+202E = E2 80 AE, U+2019 = E2 80 99, U+00E9 = C3 A9.
        let s = "x\u{85}y\u{202e}z\u{2019}é\u{2067}".as_bytes();
        for cut in 0..=s.len() {
            let (a, b) = s.split_at(cut);
            assert_eq!(through(&[a, b]), "xyz\u{2019}é", "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = s.chunks(1).collect();
        assert_eq!(through(&bytes), "xyz\u{2019}é", "bytes one by one");
    }

    #[test]
    fn predicate() {
        for c in [
            '\u{1b}', '\u{0}', '\u{7f}', '\u{80}', '\u{9f}', '\u{202a}', '\u{2069}',
        ] {
            assert!(terminal_unsafe(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'é', '€', '—', 'œ', '\u{a0}', '\u{2070}'] {
            assert!(!terminal_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn broken_pipe_is_a_quiet_end() {
        let e = stdout_error(io::Error::from(io::ErrorKind::BrokenPipe), Lang::Fr);
        assert!(e.downcast_ref::<StdoutClosed>().is_some());
        let e = stdout_error(io::Error::other("No space left on device"), Lang::En);
        assert!(e.downcast_ref::<StdoutClosed>().is_none());
        let shown = format!("{e:#}");
        assert!(
            shown.starts_with("could not write to standard output"),
            "{shown}"
        );
        assert!(shown.ends_with("No space left on device"), "{shown}");
    }
}
