//! Cleaning of text that comes from files or other users before it is stored or drawn.

/// Removes terminal escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`, and
/// two-character `ESC x`) and every control character except `\n` and `\t` (kept only when
/// `multiline` is true; otherwise they become a space). C1 controls (U+0080–U+009F), bidi
/// overrides and zero-width format characters that could disguise text are removed too.
/// `\r\n` and lone `\r` become `\n` (or a space).
pub fn sanitize(input: &str, multiline: bool) -> String {
    sanitize_with(input, multiline, None)
}

/// `sanitize` on one line, each removed sequence or character replaced by one U+FFFD "�",
/// for messages that quote a cell so that the reader sees where something invisible was
/// ("SIRET « 7328�2932 » : seuls des chiffres…" rather than a SIRET that looks right).
pub fn sanitize_marked(input: &str) -> String {
    sanitize_with(input, false, Some('\u{fffd}'))
}

fn sanitize_with(input: &str, multiline: bool, mark: Option<char>) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let removed = matches!(
            c,
            '\u{1b}'
                | '\u{9b}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        ) || (c.is_control() && !matches!(c, '\r' | '\n' | '\t'));
        if let Some(m) = mark.filter(|m| removed && !out.ends_with(*m)) {
            out.push(m);
        }
        match c {
            '\u{1b}' => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    // CSI: parameters and intermediates until a final byte 0x40..=0x7E.
                    for d in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&d) {
                            break;
                        }
                    }
                }
                Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
                    chars.next();
                    // String sequences end at BEL or ST (ESC \).
                    while let Some(d) = chars.next() {
                        if d == '\u{7}' {
                            break;
                        }
                        if d == '\u{1b}' {
                            if chars.peek() == Some(&'\\') {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            '\u{9b}' => {
                // 8-bit CSI.
                for d in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&d) {
                        break;
                    }
                }
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if multiline { '\n' } else { ' ' });
            }
            '\n' | '\t' => out.push(if multiline { c } else { ' ' }),
            c if c.is_control() => {}
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `sanitize` for a one-line field, then trimmed and inner runs of white space collapsed.
pub fn clean_line(input: &str) -> String {
    sanitize(input, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folding for identity comparison of names: NFD, combining marks removed, œ→oe, æ→ae,
/// lower case, and only letters and digits kept ("Cœur de Forêt S.A.R.L." → "coeurdeforetsarl").
/// Not for search (which keeps word boundaries and a highlight map: see `search::fold`).
pub fn identity_fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences() {
        assert_eq!(sanitize("a\u{1b}[31mrouge\u{1b}[0m b", false), "arouge b");
        assert_eq!(sanitize("x\u{1b}]0;titre\u{7}y", false), "xy");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e\u{1b}\\lien\u{1b}]8;;\u{1b}\\y", false),
            "xlieny"
        );
        assert_eq!(sanitize("bell\u{7}\u{0}\u{8}", false), "bell");
        assert_eq!(sanitize("c1\u{9b}2Jz", false), "c1z");
        assert_eq!(sanitize("rtl\u{202e}txt", false), "rtltxt");
    }

    #[test]
    fn marks_where_something_was_removed() {
        let p = "\u{1b}]0;t\u{7}\u{1b}[2J\u{9b}31m\u{85}\u{202e}\u{2066}\u{7f}";
        assert_eq!(sanitize_marked(&format!("7328{p}2932")), "7328\u{fffd}2932");
        assert_eq!(
            sanitize_marked("a\u{1b}[1mb\u{200b}c\td"),
            "a\u{fffd}b\u{fffd}c d"
        );
        let s = "Société — Cœur de Forêt € œ";
        assert_eq!(sanitize_marked(s), s);
    }

    #[test]
    fn newlines_by_mode() {
        assert_eq!(sanitize("a\r\nb\rc\nd", true), "a\nb\nc\nd");
        assert_eq!(sanitize("a\r\nb\tc", false), "a b c");
        assert_eq!(clean_line("  Dupont \n SAS  "), "Dupont SAS");
    }

    #[test]
    fn identity_folding() {
        assert_eq!(identity_fold("Cœur de Forêt S.A.R.L."), "coeurdeforetsarl");
        assert_eq!(identity_fold("Coeur de Foret SARL"), "coeurdeforetsarl");
        assert_eq!(identity_fold("DUPONT S.A.S."), identity_fold("Dupont SAS "));
    }

    #[test]
    fn keeps_french_text() {
        let s = "Société d’Électricité — Cœur de Forêt € œ «»";
        assert_eq!(sanitize(s, false), s);
    }
}
