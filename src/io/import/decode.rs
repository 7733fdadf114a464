//! Text decoding of import files: valid UTF-8 is UTF-8, anything else Windows-1252.
//!
//! The decision is taken per record (a CSV record or a JSON line), not once for the file: a
//! file can be valid UTF-8 for its first megabyte and hold Windows-1252 further down (two
//! exports pasted together), and a streaming reader cannot look ahead. A record that is
//! valid UTF-8 is read as UTF-8; any other is read as Windows-1252 — not Latin-1, so `€`
//! (0x80), `œ` (0x9C), `’` (0x92) come out right. Windows-1252 text that happens to be valid
//! UTF-8 needs an accented capital followed by specific symbols (`Ã©`), which real names do
//! not hold, so the per-record rule gives the same answer as a whole-file rule on real files,
//! without reading the file twice.

use encoding_rs::WINDOWS_1252;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The UTF-8 byte order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a record was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// Valid UTF-8.
    Utf8,
    /// Not valid UTF-8: read as Windows-1252.
    Windows1252,
}

/// Decodes the cells of one record: all as UTF-8 when every cell is valid UTF-8, else all
/// as Windows-1252. Cells come out in NFC.
pub fn decode_cells<'a>(
    cells: impl Iterator<Item = &'a [u8]> + Clone,
) -> (Vec<String>, TextEncoding) {
    let mut out = Vec::with_capacity(cells.size_hint().0);
    for c in cells.clone() {
        match std::str::from_utf8(c) {
            Ok(s) => out.push(nfc(s)),
            Err(_) => {
                let v = cells
                    .map(|c| nfc(&WINDOWS_1252.decode_without_bom_handling(c).0))
                    .collect();
                return (v, TextEncoding::Windows1252);
            }
        }
    }
    (out, TextEncoding::Utf8)
}

/// Decodes one byte string (a JSON line) with the same rule.
pub fn decode_bytes(bytes: &[u8]) -> (String, TextEncoding) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), TextEncoding::Utf8),
        Err(_) => (
            WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            TextEncoding::Windows1252,
        ),
    }
}

/// The string in Unicode NFC ("e" + combining acute becomes "é"); borrowed work skipped when
/// it already is.
pub fn nfc(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_record_stays_utf8() {
        let cells: Vec<&[u8]> = vec!["Société".as_bytes(), b"CVC"];
        let (v, e) = decode_cells(cells.iter().copied());
        assert_eq!(v, vec!["Société", "CVC"]);
        assert_eq!(e, TextEncoding::Utf8);
    }

    #[test]
    fn windows_1252_record_decoded_with_euro_oe_and_quote() {
        // "Numérique Œuvre › Conseil €" and "d’Électricité" as Excel writes them.
        let a: &[u8] = b"Num\xe9rique \x8cuvre \x9b Conseil \x80";
        let b: &[u8] = b"d\x92\xc9lectricit\xe9 C\x9cur";
        let (v, e) = decode_cells([a, b].into_iter());
        assert_eq!(e, TextEncoding::Windows1252);
        assert_eq!(v[0], "Numérique Œuvre › Conseil €");
        assert_eq!(v[1], "d’Électricité Cœur");
    }

    #[test]
    fn one_bad_cell_makes_the_record_windows_1252() {
        let a: &[u8] = b"plain";
        let b: &[u8] = b"For\xeat";
        let (v, e) = decode_cells([a, b].into_iter());
        assert_eq!(e, TextEncoding::Windows1252);
        assert_eq!(v, vec!["plain", "Forêt"]);
    }

    #[test]
    fn decomposed_accents_become_nfc() {
        let (v, _) = decode_cells(["Cafe\u{301}".as_bytes()].into_iter());
        assert_eq!(v[0], "Café");
        assert_eq!(v[0].chars().count(), 4);
    }

    #[test]
    fn bytes() {
        assert_eq!(decode_bytes(b"caf\xe9").0, "café");
        assert_eq!(decode_bytes("café".as_bytes()).1, TextEncoding::Utf8);
    }
}
