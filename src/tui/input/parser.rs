//! Terminal bytes → [`Event`]s, for the keys real terminals send (xterm, tmux, PuTTY,
//! Windows Terminal, rxvt, the Linux console).
//!
//! [`Parser::feed`] takes bytes as they are read and emits every event they complete; the
//! bytes of a sequence that is not finished yet (a lone ESC, `ESC [`, half a UTF-8
//! character) stay in the parser, which then reports [`Parser::pending`]. When no byte
//! arrives within the escape-time, the reader calls [`Parser::timeout`]: a lone ESC is the
//! Esc key, an unfinished sequence is swallowed, unfinished UTF-8 is Windows-1252.
//!
//! What is recognised:
//! - C0 controls: Ctrl+letter (0x01–0x1A), Ctrl+Space (0x00), Ctrl+4..7 (0x1C–0x1F); Tab
//!   (0x09), Enter (CR and LF), Backspace (0x7F and 0x08), Esc;
//! - Alt+key: ESC then the key (`ESC x`, `ESC ESC [ A`);
//! - CSI `ESC [ params final`: arrows `A`–`D`, `H`/`F` Home/End, `Z` Shift-Tab, `P`–`S`
//!   F1–F4 with modifiers, `n ~` for Home (1, 7), Insert (2), Delete (3), End (4, 8), PgUp (5),
//!   PgDn (6), F1–F12 (11–15, 17–21, 23, 24); modifiers as `;m` (`ESC[1;5A` Ctrl+Up); rxvt's
//!   `$` `^` `@` finals (Shift, Ctrl, Ctrl+Shift) and `ESC [ a`–`d` (Shift+arrows);
//! - PuTTY and Linux console F1–F5: `ESC [ [ A`–`E`;
//! - SS3 `ESC O x`: arrows, Home/End, F1–F4, keypad Enter and digits; rxvt's `ESC O a`–`d`
//!   (Ctrl+arrows);
//! - bracketed paste `ESC[200~` … `ESC[201~` as one [`Event::Paste`];
//! - focus reports (`ESC[I`, `ESC[O`) are ignored; any other well-formed or broken escape
//!   sequence is swallowed whole, never typed as text.

use super::decode::{decode_all, decode_one, Decoded};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// End of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";

/// Longest CSI sequence kept waiting for its final byte; longer ones are swallowed.
const MAX_CSI: usize = 64;

/// Incremental parser of terminal input. See the module documentation.
#[derive(Debug, Default)]
pub struct Parser {
    /// Bytes read and not yet turned into events.
    buf: Vec<u8>,
    /// Inside a bracketed paste: its bytes so far.
    paste: Option<Vec<u8>>,
}

/// One parsing step at the front of a buffer.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// `n` bytes (n ≥ 1) used, giving an event or nothing (swallowed).
    Emit(Option<Event>, usize),
    /// `ESC[200~` (n bytes): a bracketed paste starts.
    PasteStart(usize),
    /// More bytes are needed to decide.
    Incomplete,
}

impl Parser {
    /// An empty parser.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds bytes read from the terminal; appends the events they complete to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        self.buf.extend_from_slice(bytes);
        self.drain(false, out);
    }

    /// True when bytes wait for more to decide what they are: the escape-time runs.
    /// (Inside a bracketed paste, nothing times out: the paste waits for its end.)
    pub fn pending(&self) -> bool {
        self.paste.is_none() && !self.buf.is_empty()
    }

    /// The escape-time passed with no new byte: decides the pending bytes for good.
    pub fn timeout(&mut self, out: &mut Vec<Event>) {
        self.drain(true, out);
    }

    fn drain(&mut self, complete: bool, out: &mut Vec<Event>) {
        let mut i = 0;
        loop {
            if let Some(paste) = &mut self.paste {
                let rest = &self.buf[i..];
                if let Some(pos) = find(rest, PASTE_END) {
                    paste.extend_from_slice(&rest[..pos]);
                    out.push(Event::Paste(decode_all(paste)));
                    self.paste = None;
                    i += pos + PASTE_END.len();
                    continue;
                }
                // Keep a tail that may be the start of the end marker.
                let keep = (1..PASTE_END.len())
                    .rev()
                    .find(|&k| rest.len() >= k && rest.ends_with(&PASTE_END[..k]))
                    .unwrap_or(0);
                paste.extend_from_slice(&rest[..rest.len() - keep]);
                i = self.buf.len() - keep;
                break;
            }
            if i >= self.buf.len() {
                break;
            }
            match step(&self.buf[i..], complete) {
                Step::Emit(ev, n) => {
                    out.extend(ev);
                    i += n.max(1);
                }
                Step::PasteStart(n) => {
                    self.paste = Some(Vec::new());
                    i += n;
                }
                Step::Incomplete => break,
            }
        }
        self.buf.drain(..i);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Option<Event> {
    Some(Event::Key(KeyEvent::new(code, mods)))
}

/// A character key, with Shift for capitals as crossterm reports them.
fn char_key(c: char) -> Option<Event> {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), mods)
}

/// One step at the front of `buf` (not empty).
fn step(buf: &[u8], complete: bool) -> Step {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let b0 = buf[0];
    let one = |ev| Step::Emit(ev, 1);
    match b0 {
        0x1b => escape(buf, complete),
        b'\r' | b'\n' => one(key(KeyCode::Enter, none)),
        b'\t' => one(key(KeyCode::Tab, none)),
        0x7f | 0x08 => one(key(KeyCode::Backspace, none)),
        0x00 => one(key(KeyCode::Char(' '), ctrl)),
        0x01..=0x1a => one(key(KeyCode::Char((b'a' + b0 - 1) as char), ctrl)),
        0x1c..=0x1f => one(key(KeyCode::Char((b'4' + b0 - 0x1c) as char), ctrl)),
        0x20..=0x7e => one(char_key(b0 as char)),
        _ => match decode_one(buf, complete) {
            Decoded::Char(c, n) => Step::Emit(char_key(c), n),
            Decoded::Incomplete => Step::Incomplete,
        },
    }
}

/// Adds Alt to a key event.
fn with_alt(step: Step) -> Step {
    match step {
        Step::Emit(Some(Event::Key(mut k)), n) => {
            k.modifiers |= KeyModifiers::ALT;
            Step::Emit(Some(Event::Key(k)), n + 1)
        }
        Step::Emit(other, n) => Step::Emit(other, n + 1),
        Step::PasteStart(n) => Step::PasteStart(n + 1),
        Step::Incomplete => Step::Incomplete,
    }
}

/// `buf` starts with ESC.
fn escape(buf: &[u8], complete: bool) -> Step {
    let esc = Step::Emit(key(KeyCode::Esc, KeyModifiers::NONE), 1);
    let Some(&b1) = buf.get(1) else {
        return if complete { esc } else { Step::Incomplete };
    };
    match b1 {
        b'[' => csi(buf, complete),
        b'O' => ss3(buf, complete),
        0x1b => match buf.get(2) {
            // ESC ESC [ … / ESC ESC O …: Alt + that key (rxvt, PuTTY).
            Some(b'[') | Some(b'O') => with_alt(escape(&buf[1..], complete)),
            None if !complete => Step::Incomplete,
            // Esc pressed twice: the first one is Esc, the second is parsed again.
            _ => esc,
        },
        _ => with_alt(step(&buf[1..], complete)),
    }
}

/// `buf` starts with `ESC [`.
fn csi(buf: &[u8], complete: bool) -> Step {
    if buf.len() == 2 {
        return if complete {
            Step::Emit(key(KeyCode::Char('['), KeyModifiers::ALT), 2)
        } else {
            Step::Incomplete
        };
    }
    if buf[2] == b'[' {
        // PuTTY / Linux console F1–F5: ESC [ [ A..E.
        return match buf.get(3) {
            None if complete => Step::Emit(None, 3),
            None => Step::Incomplete,
            Some(&f @ b'A'..=b'E') => {
                Step::Emit(key(KeyCode::F(f - b'A' + 1), KeyModifiers::NONE), 4)
            }
            Some(&f) if (0x40..=0x7e).contains(&f) => Step::Emit(None, 4),
            Some(_) => Step::Emit(None, 3),
        };
    }
    for (i, &b) in buf.iter().enumerate().skip(2) {
        if i >= MAX_CSI {
            return Step::Emit(None, i);
        }
        match b {
            b'$' | 0x40..=0x7e => {
                let params = &buf[2..i];
                if b == b'~' && (params == b"200") {
                    return Step::PasteStart(i + 1);
                }
                return Step::Emit(csi_event(params, b), i + 1);
            }
            0x20..=0x3f => {}
            // A control byte or a non-ASCII byte: the sequence is broken. Swallow what came
            // before it and parse that byte again.
            _ => return Step::Emit(None, i),
        }
    }
    if complete {
        Step::Emit(None, buf.len())
    } else {
        Step::Incomplete
    }
}

/// Numeric parameters of a CSI sequence (`1;5` → [Some(1), Some(5)]); `None` when the
/// sequence has a private marker (`<`, `=`, `>`, `?`: mouse reports, device replies).
fn params(p: &[u8]) -> Option<Vec<Option<u16>>> {
    if p.first().is_some_and(|b| (b'<'..=b'?').contains(b)) {
        return None;
    }
    Some(
        p.split(|&b| b == b';')
            .map(|part| {
                let num = part.split(|&b| b == b':').next().unwrap_or(&[]);
                std::str::from_utf8(num).ok()?.parse().ok()
            })
            .collect(),
    )
}

/// xterm's modifier parameter: 1 + (Shift 1, Alt 2, Ctrl 4, Super 8, Hyper 16, Meta 32).
fn modifiers(m: Option<u16>) -> KeyModifiers {
    let bits = m.unwrap_or(1).saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    for (bit, m) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            mods |= m;
        }
    }
    mods
}

fn csi_event(raw: &[u8], fin: u8) -> Option<Event> {
    let p = params(raw)?;
    let first = p.first().copied().flatten();
    let mods = modifiers(p.get(1).copied().flatten());
    let code = match fin {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'Z' => return key(KeyCode::BackTab, mods | KeyModifiers::SHIFT),
        b'P'..=b'S' if first.unwrap_or(1) == 1 => KeyCode::F(fin - b'P' + 1),
        // rxvt: Shift+arrows.
        b'a'..=b'd' if raw.is_empty() => {
            return key(arrow(fin - b'a'), KeyModifiers::SHIFT);
        }
        b'~' | b'$' | b'^' | b'@' => {
            let extra = match fin {
                b'$' => KeyModifiers::SHIFT,
                b'^' => KeyModifiers::CONTROL,
                b'@' => KeyModifiers::CONTROL | KeyModifiers::SHIFT,
                _ => KeyModifiers::NONE,
            };
            let code = match first? {
                1 | 7 => KeyCode::Home,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                4 | 8 => KeyCode::End,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                n @ 11..=15 => KeyCode::F((n - 10) as u8),
                n @ 17..=21 => KeyCode::F((n - 11) as u8),
                n @ 23..=24 => KeyCode::F((n - 12) as u8),
                _ => return None,
            };
            return key(code, mods | extra);
        }
        // Focus in/out, keypad 5, kitty keys, replies: nothing.
        _ => return None,
    };
    key(code, mods)
}

/// Up, Down, Right, Left for 0..=3 (the order of A–D and a–d).
fn arrow(i: u8) -> KeyCode {
    match i {
        0 => KeyCode::Up,
        1 => KeyCode::Down,
        2 => KeyCode::Right,
        _ => KeyCode::Left,
    }
}

/// `buf` starts with `ESC O` (SS3).
fn ss3(buf: &[u8], complete: bool) -> Step {
    let Some(rest) = buf.get(2..).filter(|r| !r.is_empty()) else {
        return if complete {
            Step::Emit(
                key(KeyCode::Char('O'), KeyModifiers::ALT | KeyModifiers::SHIFT),
                2,
            )
        } else {
            Step::Incomplete
        };
    };
    // Old xterms put a modifier digit before the final byte: ESC O 5 A.
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let Some(&fin) = rest.get(digits) else {
        return if complete || digits > 3 {
            Step::Emit(None, buf.len())
        } else {
            Step::Incomplete
        };
    };
    let n = 2 + digits + 1;
    if !(0x40..=0x7e).contains(&fin) {
        return Step::Emit(None, 2 + digits);
    }
    let m = std::str::from_utf8(&rest[..digits])
        .ok()
        .and_then(|s| s.parse().ok());
    let mods = modifiers(m);
    let code = match fin {
        b'A'..=b'D' => arrow(fin - b'A'),
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(fin - b'P' + 1),
        b'M' => KeyCode::Enter,
        // rxvt: Ctrl+arrows.
        b'a'..=b'd' => return Step::Emit(key(arrow(fin - b'a'), KeyModifiers::CONTROL), n),
        // Application keypad: digits and operators.
        b'p'..=b'y' => KeyCode::Char((b'0' + fin - b'p') as char),
        b'j' => KeyCode::Char('*'),
        b'k' => KeyCode::Char('+'),
        b'l' => KeyCode::Char(','),
        b'm' => KeyCode::Char('-'),
        b'n' => KeyCode::Char('.'),
        b'o' => KeyCode::Char('/'),
        _ => return Step::Emit(None, n),
    };
    Step::Emit(key(code, mods), n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;

    fn k(code: KeyCode, m: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, m))
    }

    fn c(ch: char) -> Event {
        k(Char(ch), NONE)
    }

    /// Every sequence of the brief, with the events it must give.
    fn table() -> Vec<(&'static [u8], Vec<Event>)> {
        vec![
            // C0 controls and the plain keys.
            (b"a", vec![c('a')]),
            (b"A", vec![k(Char('A'), SHIFT)]),
            (b"\x01", vec![k(Char('a'), CTRL)]),
            (b"\x03", vec![k(Char('c'), CTRL)]),
            (b"\x07", vec![k(Char('g'), CTRL)]),
            (b"\x13", vec![k(Char('s'), CTRL)]),
            (b"\x1a", vec![k(Char('z'), CTRL)]),
            (b"\x00", vec![k(Char(' '), CTRL)]),
            (b"\x1c", vec![k(Char('4'), CTRL)]),
            (b"\t", vec![k(Tab, NONE)]),
            (b"\x1b[Z", vec![k(BackTab, SHIFT)]),
            (b"\r", vec![k(Enter, NONE)]),
            (b"\n", vec![k(Enter, NONE)]),
            (b"\x7f", vec![k(Backspace, NONE)]),
            (b"\x08", vec![k(Backspace, NONE)]),
            // Alt + key.
            (b"\x1bx", vec![k(Char('x'), ALT)]),
            (b"\x1bX", vec![k(Char('X'), ALT | SHIFT)]),
            (b"\x1b\x7f", vec![k(Backspace, ALT)]),
            (b"\x1b\r", vec![k(Enter, ALT)]),
            ("\x1bé".as_bytes(), vec![k(Char('é'), ALT)]),
            (b"\x1b\x1b[A", vec![k(Up, ALT)]),
            // CSI cursor keys, with and without modifiers.
            (b"\x1b[A", vec![k(Up, NONE)]),
            (b"\x1b[B", vec![k(Down, NONE)]),
            (b"\x1b[C", vec![k(Right, NONE)]),
            (b"\x1b[D", vec![k(Left, NONE)]),
            (b"\x1b[H", vec![k(Home, NONE)]),
            (b"\x1b[F", vec![k(End, NONE)]),
            (b"\x1b[1;5A", vec![k(Up, CTRL)]),
            (b"\x1b[1;2B", vec![k(Down, SHIFT)]),
            (b"\x1b[1;3C", vec![k(Right, ALT)]),
            (b"\x1b[1;6D", vec![k(Left, CTRL | SHIFT)]),
            (b"\x1b[1;5H", vec![k(Home, CTRL)]),
            (b"\x1b[1;2F", vec![k(End, SHIFT)]),
            // ESC [ n ~ keys.
            (b"\x1b[1~", vec![k(Home, NONE)]),
            (b"\x1b[2~", vec![k(Insert, NONE)]),
            (b"\x1b[3~", vec![k(Delete, NONE)]),
            (b"\x1b[4~", vec![k(End, NONE)]),
            (b"\x1b[5~", vec![k(PageUp, NONE)]),
            (b"\x1b[6~", vec![k(PageDown, NONE)]),
            (b"\x1b[7~", vec![k(Home, NONE)]),
            (b"\x1b[8~", vec![k(End, NONE)]),
            (b"\x1b[3;5~", vec![k(Delete, CTRL)]),
            (b"\x1b[5;2~", vec![k(PageUp, SHIFT)]),
            // rxvt's modified keys.
            (b"\x1b[7$", vec![k(Home, SHIFT)]),
            (b"\x1b[3^", vec![k(Delete, CTRL)]),
            (b"\x1b[a", vec![k(Up, SHIFT)]),
            (b"\x1bOd", vec![k(Left, CTRL)]),
            // SS3.
            (b"\x1bOA", vec![k(Up, NONE)]),
            (b"\x1bOB", vec![k(Down, NONE)]),
            (b"\x1bOC", vec![k(Right, NONE)]),
            (b"\x1bOD", vec![k(Left, NONE)]),
            (b"\x1bOH", vec![k(Home, NONE)]),
            (b"\x1bOF", vec![k(End, NONE)]),
            (b"\x1bOP", vec![k(F(1), NONE)]),
            (b"\x1bOQ", vec![k(F(2), NONE)]),
            (b"\x1bOR", vec![k(F(3), NONE)]),
            (b"\x1bOS", vec![k(F(4), NONE)]),
            (b"\x1bOM", vec![k(Enter, NONE)]),
            (b"\x1bO5A", vec![k(Up, CTRL)]),
            // Function keys, xterm / PuTTY / Windows Terminal.
            (b"\x1b[11~", vec![k(F(1), NONE)]),
            (b"\x1b[12~", vec![k(F(2), NONE)]),
            (b"\x1b[13~", vec![k(F(3), NONE)]),
            (b"\x1b[14~", vec![k(F(4), NONE)]),
            (b"\x1b[15~", vec![k(F(5), NONE)]),
            (b"\x1b[17~", vec![k(F(6), NONE)]),
            (b"\x1b[18~", vec![k(F(7), NONE)]),
            (b"\x1b[19~", vec![k(F(8), NONE)]),
            (b"\x1b[20~", vec![k(F(9), NONE)]),
            (b"\x1b[21~", vec![k(F(10), NONE)]),
            (b"\x1b[23~", vec![k(F(11), NONE)]),
            (b"\x1b[24~", vec![k(F(12), NONE)]),
            (b"\x1b[1;2P", vec![k(F(1), SHIFT)]),
            (b"\x1b[15;5~", vec![k(F(5), CTRL)]),
            (b"\x1b[[A", vec![k(F(1), NONE)]),
            (b"\x1b[[B", vec![k(F(2), NONE)]),
            (b"\x1b[[C", vec![k(F(3), NONE)]),
            (b"\x1b[[D", vec![k(F(4), NONE)]),
            (b"\x1b[[E", vec![k(F(5), NONE)]),
            // Focus events: ignored.
            (b"\x1b[I", vec![]),
            (b"\x1b[O", vec![]),
            // Unknown sequences: swallowed whole, the key after them kept.
            (b"\x1b[?1;2cx", vec![c('x')]),
            (b"\x1b[<0;12;5Mx", vec![c('x')]),
            (b"\x1b[97;5ux", vec![c('x')]),
            (b"\x1b[99~x", vec![c('x')]),
            (b"\x1b[Ex", vec![c('x')]),
            (b"\x1bOzx", vec![c('x')]),
            // A broken sequence: swallowed up to the control byte, which is parsed again.
            (b"\x1b[1;\r", vec![k(Enter, NONE)]),
            // Bracketed paste, with control bytes and an escape inside kept as text.
            (
                b"\x1b[200~ligne 1\rligne\x1b[A 2\x1b[201~x",
                vec![Event::Paste("ligne 1\rligne\x1b[A 2".into()), c('x')],
            ),
            (
                b"\x1b[200~\xe9t\xe9\x1b[201~",
                vec![Event::Paste("été".into())],
            ),
            // Text: UTF-8, and Latin-1 / cp1252 bytes as their letters.
            ("école".as_bytes(), "école".chars().map(c).collect()),
            (b"\xe9cole", "école".chars().map(c).collect()),
            (b"d\xe9j\xe0 \x80", "déjà €".chars().map(c).collect()),
            (b"\xc3\xa9\xff\xc3\xa0", vec![c('é'), c('ÿ'), c('à')]),
            // Several keys in one read.
            (
                b"j\x1b[Bk\x1b[1;5C",
                vec![c('j'), k(Down, NONE), c('k'), k(Right, CTRL)],
            ),
        ]
    }

    fn parse_split(bytes: &[u8], cuts: &[usize]) -> (Vec<Event>, Parser) {
        let mut p = Parser::new();
        let mut out = Vec::new();
        let mut last = 0;
        for &cut in cuts.iter().chain(std::iter::once(&bytes.len())) {
            p.feed(&bytes[last..cut], &mut out);
            last = cut;
        }
        (out, p)
    }

    #[test]
    fn every_sequence_whole_and_split_at_every_byte() {
        for (bytes, want) in table() {
            let (got, p) = parse_split(bytes, &[]);
            assert_eq!(
                got,
                want,
                "{:?} in one read",
                String::from_utf8_lossy(bytes)
            );
            assert!(!p.pending(), "{bytes:?}: bytes left waiting");
            for cut in 1..bytes.len() {
                let (got, p) = parse_split(bytes, &[cut]);
                assert_eq!(got, want, "{bytes:?} split at {cut}");
                assert!(!p.pending(), "{bytes:?} split at {cut}: bytes left waiting");
            }
            // One byte per read (a very slow link).
            let cuts: Vec<usize> = (1..bytes.len()).collect();
            assert_eq!(parse_split(bytes, &cuts).0, want, "{bytes:?} byte by byte");
        }
    }

    #[test]
    fn a_lone_escape_waits_for_the_escape_time() {
        let mut p = Parser::new();
        let mut out = Vec::new();
        p.feed(b"\x1b", &mut out);
        assert!(out.is_empty());
        assert!(p.pending());
        // More bytes before the escape-time: one arrow key.
        p.feed(b"[A", &mut out);
        assert_eq!(out, vec![k(Up, NONE)]);
        assert!(!p.pending());
        // No more bytes: Esc.
        out.clear();
        p.feed(b"\x1b", &mut out);
        p.timeout(&mut out);
        assert_eq!(out, vec![k(Esc, NONE)]);
        assert!(!p.pending());
        // Esc pressed twice, then nothing.
        out.clear();
        p.feed(b"\x1b\x1b", &mut out);
        p.timeout(&mut out);
        assert_eq!(out, vec![k(Esc, NONE), k(Esc, NONE)]);
    }

    #[test]
    fn unfinished_input_is_decided_at_the_escape_time() {
        let cases: [(&[u8], Vec<Event>); 6] = [
            // A sequence cut short is swallowed, never typed.
            (b"\x1b[1;5", vec![]),
            (b"\x1b[[", vec![]),
            (b"\x1bO5", vec![]),
            (b"\x1b[", vec![k(Char('['), ALT)]),
            // A Latin-1 letter typed alone: it is the letter.
            (b"\xe9", vec![c('é')]),
            // Half a UTF-8 character: each byte kept, as cp1252.
            (b"\xe2\x82", vec![c('â'), c('‚')]),
        ];
        for (bytes, want) in cases {
            let mut p = Parser::new();
            let mut out = Vec::new();
            p.feed(bytes, &mut out);
            assert!(out.is_empty() && p.pending(), "{bytes:?} decided too early");
            p.timeout(&mut out);
            assert_eq!(out, want, "{bytes:?}");
            assert!(!p.pending());
        }
    }

    #[test]
    fn a_paste_does_not_time_out_and_keeps_split_end_markers() {
        let mut p = Parser::new();
        let mut out = Vec::new();
        p.feed(b"\x1b[200~abc\x1b[20", &mut out);
        assert!(!p.pending(), "a paste must not be cut by the escape-time");
        p.timeout(&mut out);
        assert!(out.is_empty());
        p.feed(b"1~", &mut out);
        assert_eq!(out, vec![Event::Paste("abc".into())]);
    }

    #[test]
    fn long_garbage_is_swallowed_without_waiting_forever() {
        let mut bytes = b"\x1b[".to_vec();
        bytes.extend(std::iter::repeat_n(b'1', 200));
        bytes.push(b'q');
        let (got, p) = parse_split(&bytes, &[]);
        assert!(got.iter().all(|e| *e == c('1') || *e == c('q')));
        assert_eq!(got.last(), Some(&c('q')));
        assert!(!p.pending());
    }
}
