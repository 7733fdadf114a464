//! A one-line text field (search box, form fields): text plus a cursor in chars.

use unicode_width::UnicodeWidthStr;

/// Editing operations a text field understands (mapped from keys by the keymap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Inserts a character at the cursor.
    Char(char),
    /// Deletes the character before the cursor.
    Backspace,
    /// Deletes the character under the cursor.
    Delete,
    /// Moves the cursor one character left.
    Left,
    /// Moves the cursor one character right.
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
/// through [`crate::domain::text::sanitize`] in one-line mode.
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
    /// control characters or escape sequences once inside the field).
    pub fn insert_str(&mut self, s: &str) {
        let clean = crate::domain::text::sanitize(s, false);
        let byte = self.byte_at(self.cursor);
        self.text.insert_str(byte, &clean);
        self.cursor += clean.chars().count();
    }

    /// Applies one edit; returns true when the text changed.
    pub fn apply(&mut self, edit: &Edit) -> bool {
        match edit {
            Edit::Char(c) => {
                if c.is_control() {
                    return false;
                }
                let byte = self.byte_at(self.cursor);
                self.text.insert(byte, *c);
                self.cursor += 1;
                true
            }
            Edit::Backspace => {
                if self.cursor == 0 {
                    return false;
                }
                let start = self.byte_at(self.cursor - 1);
                let end = self.byte_at(self.cursor);
                self.text.replace_range(start..end, "");
                self.cursor -= 1;
                true
            }
            Edit::Delete => {
                if self.cursor >= self.len() {
                    return false;
                }
                let start = self.byte_at(self.cursor);
                let end = self.byte_at(self.cursor + 1);
                self.text.replace_range(start..end, "");
                true
            }
            Edit::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            Edit::Right => {
                self.cursor = (self.cursor + 1).min(self.len());
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
    fn paste_of_lines_becomes_one_line() {
        let mut t = TextInput::default();
        t.insert_str("a\r\nb\tc");
        assert_eq!(t.text(), "a b c");
        assert_eq!(t.cursor_width(), 5);
    }
}
