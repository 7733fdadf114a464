//! A one-line text field (search box, form fields): text plus a cursor in chars.
//!
//! Typed and pasted text is kept in Unicode NFC: an accent typed as a combining mark after
//! its letter (`e` then U+0301) becomes one precomposed character (`é`), and a pasted NFD
//! text ("e\u{301}cole") is stored composed ("école"). Backspace, Delete and the arrows
//! move over whole grapheme clusters (user-perceived characters), so one Backspace never
//! leaves a lone accent or half an emoji.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `s` in Unicode NFC (canonical composition).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Length in chars of the grapheme cluster that ends at the end of `before` (0 when empty).
pub fn last_grapheme_chars(before: &str) -> usize {
    before
        .graphemes(true)
        .next_back()
        .map_or(0, |g| g.chars().count())
}

/// Length in chars of the grapheme cluster that starts `after` (0 when empty).
pub fn first_grapheme_chars(after: &str) -> usize {
    after
        .graphemes(true)
        .next()
        .map_or(0, |g| g.chars().count())
}

/// Editing operations a text field understands (mapped from keys by the keymap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Inserts a character at the cursor.
    Char(char),
    /// Deletes the character (whole grapheme cluster) before the cursor.
    Backspace,
    /// Deletes the character (whole grapheme cluster) under the cursor.
    Delete,
    /// Moves the cursor one character (grapheme cluster) left.
    Left,
    /// Moves the cursor one character (grapheme cluster) right.
    Right,
    /// Moves the cursor to the start.
    Home,
    /// Moves the cursor to the end.
    End,
    /// Deletes the word before the cursor (Ctrl-W).
    DeleteWord,
    /// Clears the field (Ctrl-U).
    Clear,
    /// A line break (only multi-line fields keep it; one-line fields ignore it).
    Newline,
    /// Cursor one line up (multi-line fields only).
    Up,
    /// Cursor one line down (multi-line fields only).
    Down,
}

/// One-line text field. The text never holds control characters: pasted or typed text goes
/// through [`crate::domain::text::sanitize`] in one-line mode. The text is kept in NFC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor position in chars, 0..=len.
    cursor: usize,
}

impl TextInput {
    /// A field holding `text`, cursor at the end.
    pub fn with_text(text: &str) -> Self {
        let mut t = TextInput::default();
        t.insert_str(text);
        t
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Cursor position in chars.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Display width (terminal columns) of the text before the cursor.
    pub fn cursor_width(&self) -> usize {
        let byte = self.byte_at(self.cursor);
        self.text[..byte].width()
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map(|(b, _)| b)
            .unwrap_or(self.text.len())
    }

    /// Inserts text at the cursor, after sanitizing it to one line (a paste never holds
    /// control characters or escape sequences once inside the field), and normalises the
    /// field to NFC (a combining accent joins the letter before it).
    pub fn insert_str(&mut self, s: &str) {
        let clean = crate::domain::text::sanitize(s, false);
        let byte = self.byte_at(self.cursor);
        let mut before = self.text[..byte].to_string();
        before.push_str(&clean);
        let after = self.text[byte..].to_string();
        self.set_composed(&before, &after);
    }

    /// Sets the text to NFC(`before` + `after`) with the cursor between them. When the join
    /// composes across the cursor (an accent right after it), the cursor stays at the end of
    /// the composed `before`, clamped to the text.
    fn set_composed(&mut self, before: &str, after: &str) {
        let before = nfc(before);
        let mut all = before.clone();
        all.push_str(after);
        self.text = nfc(&all);
        self.cursor = before.chars().count().min(self.len());
    }

    /// Applies one edit; returns true when the text changed.
    pub fn apply(&mut self, edit: &Edit) -> bool {
        match edit {
            Edit::Char(c) => {
                if c.is_control() {
                    return false;
                }
                let byte = self.byte_at(self.cursor);
                let mut before = self.text[..byte].to_string();
                before.push(*c);
                let after = self.text[byte..].to_string();
                self.set_composed(&before, &after);
                true
            }
            Edit::Backspace => {
                let end = self.byte_at(self.cursor);
                let n = last_grapheme_chars(&self.text[..end]);
                if n == 0 {
                    return false;
                }
                let start = self.byte_at(self.cursor - n);
                self.text.replace_range(start..end, "");
                self.cursor -= n;
                true
            }
            Edit::Delete => {
                let start = self.byte_at(self.cursor);
                let n = first_grapheme_chars(&self.text[start..]);
                if n == 0 {
                    return false;
                }
                let end = self.byte_at(self.cursor + n);
                self.text.replace_range(start..end, "");
                true
            }
            Edit::Left => {
                let byte = self.byte_at(self.cursor);
                self.cursor -= last_grapheme_chars(&self.text[..byte]);
                false
            }
            Edit::Right => {
                let byte = self.byte_at(self.cursor);
                self.cursor += first_grapheme_chars(&self.text[byte..]);
                false
            }
            Edit::Home => {
                self.cursor = 0;
                false
            }
            Edit::End => {
                self.cursor = self.len();
                false
            }
            Edit::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut i = self.cursor;
                while i > 0 && chars[i - 1].is_whitespace() {
                    i -= 1;
                }
                while i > 0 && !chars[i - 1].is_whitespace() {
                    i -= 1;
                }
                if i == self.cursor {
                    return false;
                }
                let start = self.byte_at(i);
                let end = self.byte_at(self.cursor);
                self.text.replace_range(start..end, "");
                self.cursor = i;
                true
            }
            Edit::Clear => {
                let changed = !self.text.is_empty();
                self.text.clear();
                self.cursor = 0;
                changed
            }
            Edit::Newline | Edit::Up | Edit::Down => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_char_not_byte() {
        let mut t = TextInput::with_text("énergie");
        assert_eq!(t.cursor(), 7);
        t.apply(&Edit::Home);
        t.apply(&Edit::Delete);
        assert_eq!(t.text(), "nergie");
        t.apply(&Edit::Char('É'));
        assert_eq!(t.text(), "Énergie");
        t.apply(&Edit::End);
        t.apply(&Edit::Backspace);
        assert_eq!(t.text(), "Énergi");
        t.insert_str(" solaire\u{1b}[31m rouge");
        assert_eq!(t.text(), "Énergi solaire rouge");
        t.apply(&Edit::DeleteWord);
        assert_eq!(t.text(), "Énergi solaire ");
        t.apply(&Edit::Clear);
        assert_eq!((t.text(), t.cursor()), ("", 0));
    }

    #[test]
    fn typed_combining_accent_composes_with_its_letter() {
        let mut t = TextInput::default();
        for c in ['e', '\u{301}', 't', 'e', '\u{301}'] {
            t.apply(&Edit::Char(c));
        }
        assert_eq!(t.text(), "été");
        assert_eq!(t.cursor(), 3);
        // Typed in the middle: the accent joins the letter before the cursor.
        let mut t = TextInput::with_text("ete");
        t.apply(&Edit::Home);
        t.apply(&Edit::Right);
        t.apply(&Edit::Char('\u{300}'));
        assert_eq!((t.text(), t.cursor()), ("ète", 1));
    }

    #[test]
    fn pasted_nfd_is_stored_composed() {
        let mut t = TextInput::default();
        t.insert_str("e\u{301}cole");
        assert_eq!(t.text(), "école");
        assert_eq!(t.cursor(), 5);
        assert_eq!(TextInput::with_text("Cre\u{301}teil").text(), "Créteil");
    }

    #[test]
    fn backspace_and_delete_remove_whole_graphemes() {
        // "q̃" has no precomposed form: two chars, one grapheme. "👍🏽" is an emoji with a
        // skin-tone modifier: two chars, one grapheme.
        let mut t = TextInput::with_text("aq\u{303}👍🏽b");
        assert_eq!(t.cursor(), 6);
        t.apply(&Edit::Backspace);
        t.apply(&Edit::Backspace);
        assert_eq!(t.text(), "aq\u{303}");
        t.apply(&Edit::Backspace);
        assert_eq!((t.text(), t.cursor()), ("a", 1));
        let mut t = TextInput::with_text("q\u{303}👍🏽b");
        t.apply(&Edit::Home);
        t.apply(&Edit::Delete);
        assert_eq!(t.text(), "👍🏽b");
        t.apply(&Edit::Right);
        assert_eq!(t.cursor(), 2);
        t.apply(&Edit::Left);
        t.apply(&Edit::Delete);
        assert_eq!(t.text(), "b");
    }

    #[test]
    fn paste_of_lines_becomes_one_line() {
        let mut t = TextInput::default();
        t.insert_str("a\r\nb\tc");
        assert_eq!(t.text(), "a b c");
        assert_eq!(t.cursor_width(), 5);
    }
}
