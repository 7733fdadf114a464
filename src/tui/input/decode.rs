//! Text bytes → characters: UTF-8, with a per-sequence Windows-1252 fallback, so a key typed
//! on a Latin-1 or cp1252 terminal (PuTTY left on its default translation) still arrives as
//! the letter the buyer meant, and no byte is ever dropped.
//!
//! The rule, for the bytes at the front of a buffer:
//! - ASCII is itself;
//! - a complete, valid UTF-8 sequence is its character;
//! - a sequence that may still be completed by bytes not read yet is [`Decoded::Incomplete`]
//!   (the reader waits the escape-time, then decodes it with `complete = true`);
//! - anything else (a stray continuation byte, a lead byte followed by a non-continuation,
//!   an overlong or surrogate form) is ONE byte decoded as Windows-1252 (0xE9 → 'é',
//!   0x80 → '€'; the five bytes cp1252 leaves undefined map to the C1 control of the same
//!   value, as the WHATWG decoder does), and decoding resumes at the next byte.

/// What the front of a byte buffer decodes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    /// A character and the number of bytes it used (1 to 4).
    Char(char, usize),
    /// The bytes may be the start of a UTF-8 sequence: more are needed to decide.
    Incomplete,
}

/// Decodes one character at the front of `bytes` (which must not be empty; an empty slice
/// gives `Incomplete`). With `complete`, no more bytes will come: an unfinished UTF-8
/// sequence falls back to Windows-1252 for its first byte.
pub fn decode_one(bytes: &[u8], complete: bool) -> Decoded {
    let Some(&b0) = bytes.first() else {
        return Decoded::Incomplete;
    };
    if b0 < 0x80 {
        return Decoded::Char(b0 as char, 1);
    }
    let need = utf8_len(b0);
    if need == 0 {
        return Decoded::Char(cp1252(b0), 1);
    }
    let avail = bytes.len().min(need);
    // Every byte present so far must be a continuation, and the second byte must respect
    // the lead's narrower range (no overlongs, no surrogates, nothing above U+10FFFF).
    for (i, &b) in bytes[1..avail].iter().enumerate() {
        let ok = if i == 0 {
            second_byte_ok(b0, b)
        } else {
            (0x80..=0xBF).contains(&b)
        };
        if !ok {
            return Decoded::Char(cp1252(b0), 1);
        }
    }
    if avail < need {
        return if complete {
            Decoded::Char(cp1252(b0), 1)
        } else {
            Decoded::Incomplete
        };
    }
    match std::str::from_utf8(&bytes[..need])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Decoded::Char(c, need),
        None => Decoded::Char(cp1252(b0), 1),
    }
}

/// Decodes a whole byte string (a bracketed paste), same rules, nothing dropped.
pub fn decode_all(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match decode_one(&bytes[i..], true) {
            Decoded::Char(c, n) => {
                out.push(c);
                i += n;
            }
            // Unreachable with `complete`; stop rather than loop.
            Decoded::Incomplete => break,
        }
    }
    out
}

/// Length of the UTF-8 sequence a lead byte starts (0: not a lead byte).
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// The allowed range of the second byte after `b0` (RFC 3629's table).
fn second_byte_ok(b0: u8, b1: u8) -> bool {
    match b0 {
        0xE0 => (0xA0..=0xBF).contains(&b1),
        0xED => (0x80..=0x9F).contains(&b1),
        0xF0 => (0x90..=0xBF).contains(&b1),
        0xF4 => (0x80..=0x8F).contains(&b1),
        _ => (0x80..=0xBF).contains(&b1),
    }
}

/// One byte in Windows-1252 (as the importer decodes Excel exports).
pub fn cp1252(b: u8) -> char {
    let bytes = [b];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    s.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(b: &[u8]) -> String {
        decode_all(b)
    }

    #[test]
    fn utf8_is_decoded_as_utf8() {
        assert_eq!(all("école œuvre €".as_bytes()), "école œuvre €");
        assert_eq!(all("😀".as_bytes()), "😀");
    }

    #[test]
    fn latin1_and_cp1252_bytes_fall_back_one_byte_at_a_time() {
        // "école" from a Latin-1 PuTTY: 0xE9 is a UTF-8 lead byte, but 'c' is no
        // continuation, so it is 'é' and 'c' is kept.
        assert_eq!(all(b"\xe9cole"), "école");
        assert_eq!(all(b"\x80 \x9c \xe0 la \xe9t\xe9"), "€ œ à la été");
        // Invalid UTF-8 in the middle of valid text: only the bad byte changes.
        assert_eq!(
            all("Café "
                .as_bytes()
                .iter()
                .chain(b"\xff\xe9t\xe9 ")
                .chain("déjà".as_bytes())
                .copied()
                .collect::<Vec<_>>()
                .as_slice()),
            "Café ÿété déjà"
        );
        // Overlong and surrogate forms are not UTF-8: each byte stays a character.
        assert_eq!(all(b"\xc0\xaf"), "À¯");
        assert_eq!(all(b"\xed\xa0\x80").chars().count(), 3);
        // Undefined cp1252 bytes are kept (as C1), never dropped.
        assert_eq!(all(b"\x81").chars().count(), 1);
    }

    #[test]
    fn an_unfinished_sequence_waits_then_falls_back() {
        let e = "é".as_bytes();
        assert_eq!(decode_one(&e[..1], false), Decoded::Incomplete);
        assert_eq!(decode_one(e, false), Decoded::Char('é', 2));
        assert_eq!(decode_one(&e[..1], true), Decoded::Char('Ã', 1));
        let euro = "€".as_bytes();
        assert_eq!(decode_one(&euro[..2], false), Decoded::Incomplete);
        assert_eq!(decode_one(euro, false), Decoded::Char('€', 3));
        // A Latin-1 'é' typed alone (nothing after it yet) waits, then is 'é'.
        assert_eq!(decode_one(b"\xe9", false), Decoded::Incomplete);
        assert_eq!(decode_one(b"\xe9", true), Decoded::Char('é', 1));
    }
}
