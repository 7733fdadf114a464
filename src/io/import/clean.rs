//! The domain's text cleaning ([`crate::domain::text`]) with fast paths for the common case
//! of text that needs nothing: an import of 100,000 rows calls these a few million times.
//! Each function returns exactly what the domain function it stands for returns.

use crate::domain::text::{clean_line, identity_fold, sanitize};

/// True for characters `sanitize` removes or changes (controls, escape sequences, C1,
/// bidi overrides, zero-width and BOM characters).
fn special(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// [`clean_line`]: one line, sanitized, trimmed, inner white space collapsed to one space.
pub fn line(s: &str) -> String {
    let mut prev_space = true;
    let mut fine = true;
    for c in s.chars() {
        if special(c) || (c.is_whitespace() && (c != ' ' || prev_space)) {
            fine = false;
            break;
        }
        prev_space = c == ' ';
    }
    if fine && !prev_space {
        s.to_string()
    } else if fine && s.is_empty() {
        String::new()
    } else {
        clean_line(s)
    }
}

/// `sanitize(s, true).trim()`: multi-line text, sanitized (CRLF → LF), trimmed.
pub fn multiline(s: &str) -> String {
    let t = s.trim();
    if t.chars().any(|c| special(c) && c != '\n' && c != '\t') {
        sanitize(s, true).trim().to_string()
    } else {
        t.to_string()
    }
}

/// [`identity_fold`], with an ASCII fast path.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        let mut out = s.as_bytes().to_vec();
        out.retain(u8::is_ascii_alphanumeric);
        out.make_ascii_lowercase();
        // Only ASCII bytes were kept.
        String::from_utf8(out).unwrap_or_default()
    } else {
        identity_fold(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_results_as_the_domain_functions() {
        let samples = [
            "",
            " ",
            "Dupont SAS",
            " Dupont  SAS ",
            "Société d’Électricité",
            "a\u{a0}b",
            "a\tb",
            "x\u{1b}[31my",
            "ligne 1\r\nligne 2",
            "ligne 1\nligne 2\n",
            "  tête\n\n",
            "rtl\u{202e}txt",
            "Cœur de Forêt S.A.R.L.",
            "ÉLECTRICITÉ — 93",
            "\u{feff}BOM",
            "tab\tin\tmultiline",
        ];
        for s in samples {
            assert_eq!(line(s), clean_line(s), "line {s:?}");
            assert_eq!(multiline(s), sanitize(s, true).trim(), "multiline {s:?}");
            assert_eq!(fold(s), identity_fold(s), "fold {s:?}");
        }
    }
}
