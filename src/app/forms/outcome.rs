//! The outcome form of one meeting: next step, rating, multi-line notes, follow-up date,
//! the need's documents given, and the outcome it describes.

use super::fields::{cycle, parse_date};
use crate::app::drafts::OutcomeDraft;
use crate::app::input::{first_grapheme_chars, last_grapheme_chars, nfc, Edit, TextInput};
use crate::domain::{MeetingId, NextStep, Outcome, SecondStage};
use crate::i18n::Texts;
use tui_textarea::TextArea;

/// Fields of the outcome form, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeField {
    /// Next step (choice in [`NextStep::ALL`]).
    NextStep,
    /// Rating 1–5.
    Rating,
    /// Multi-line notes.
    Notes,
    /// Follow-up date, DD/MM/YYYY, optional.
    FollowUp,
    /// The need's documents given in the meeting (toggles; only when the need lists some).
    Documents,
    /// The save button.
    Save,
}

impl OutcomeField {
    /// Fields in focus order.
    pub const ALL: [OutcomeField; 6] = [
        Self::NextStep,
        Self::Rating,
        Self::Notes,
        Self::FollowUp,
        Self::Documents,
        Self::Save,
    ];
}

/// The outcome form (compte rendu, suite à donner) of one meeting.
#[derive(Debug, Clone)]
pub struct OutcomeForm {
    /// The meeting.
    pub meeting: MeetingId,
    /// Index in [`NextStep::ALL`].
    pub next_step: usize,
    /// Rating of fit, 1 to 5; None until the buyer chooses one (required unless the
    /// meeting did not take place).
    pub rating: Option<u8>,
    /// Notes editor (multi-line).
    pub notes: TextArea<'static>,
    /// Follow-up date as typed (DD/MM/YYYY), may be empty.
    pub follow_up: TextInput,
    /// The documents that can be ticked: the need's, then any the latest version records
    /// that the need no longer lists. Empty: the field is not shown.
    pub documents: Vec<String>,
    /// Ticked, one per [`OutcomeForm::documents`].
    pub given: Vec<bool>,
    /// Document under the cursor.
    pub document_cursor: usize,
    /// The latest version's second-stage follow-up, carried into the new version (it is
    /// recorded by `sourcing meeting follow-up`, not in this form).
    pub follow_up_result: Option<SecondStage>,
    /// Focused field.
    pub focus: OutcomeField,
    /// Version this save will create (1 for the first outcome).
    pub version: u32,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// The content as the form opened (prefilled from the latest version): the form has
    /// unsaved changes when its content differs from it.
    pub pristine: OutcomeDraft,
}

impl OutcomeForm {
    /// A form for `meeting`, prefilled from its latest outcome version when there is one
    /// (saving appends a new version; nothing is overwritten). `documents`: those of the
    /// meeting's need ([`crate::domain::Need::documents`]), to tick the ones given.
    pub fn new(
        meeting: MeetingId,
        latest: Option<&Outcome>,
        no_show: bool,
        documents: &[String],
    ) -> Self {
        let mut f = OutcomeForm {
            meeting,
            next_step: 0,
            rating: None,
            notes: TextArea::default(),
            follow_up: TextInput::default(),
            documents: documents.to_vec(),
            given: Vec::new(),
            document_cursor: 0,
            follow_up_result: None,
            focus: OutcomeField::NextStep,
            version: 1,
            error: None,
            pristine: OutcomeDraft::default(),
        };
        if no_show {
            f.next_step = step_index(NextStep::DidNotTakePlace);
        }
        if let Some(o) = latest {
            f.next_step = step_index(o.next_step);
            f.rating = o.rating.map(|r| r.clamp(1, 5));
            f.notes = TextArea::new(o.notes.lines().map(str::to_string).collect());
            // The new version starts from the previous one, all selected: typing replaces
            // it, a cursor move keeps it (issue 13: new text was glued in front of the old).
            if !o.notes.is_empty() {
                f.notes.select_all();
                f.notes.set_selection_style(
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
                );
            }
            if let Some(d) = o.follow_up {
                f.follow_up = TextInput::with_text(&d.strftime("%d/%m/%Y").to_string());
            }
            f.version = o.version + 1;
            f.follow_up_result = o.follow_up_result;
            for d in &o.documents_given {
                if !f.documents.contains(d) {
                    f.documents.push(d.clone());
                }
            }
        }
        let given = latest.map_or(&[][..], |o| &o.documents_given[..]);
        f.given = f.documents.iter().map(|d| given.contains(d)).collect();
        f.pristine = f.to_draft();
        f
    }

    /// The typed content, as a draft.
    pub fn to_draft(&self) -> OutcomeDraft {
        OutcomeDraft {
            next_step: NextStep::ALL
                .get(self.next_step)
                .copied()
                .unwrap_or_default(),
            rating: self.rating,
            notes: self.notes.lines().join("\n"),
            follow_up: self.follow_up.text().to_string(),
            documents_given: self.documents_given(),
        }
    }

    /// The documents ticked, in the need's order.
    pub fn documents_given(&self) -> Vec<String> {
        self.documents
            .iter()
            .zip(&self.given)
            .filter(|(_, on)| **on)
            .map(|(d, _)| d.clone())
            .collect()
    }

    /// Space on the documents: ticks or unticks the one under the cursor.
    pub fn toggle(&mut self) {
        if self.focus == OutcomeField::Documents {
            if let Some(g) = self.given.get_mut(self.document_cursor) {
                *g = !*g;
            }
        }
    }

    /// Puts a draft's content in the form; with notes, the focus goes to them, the cursor
    /// at the end of the text, so typing goes on where it stopped.
    pub fn apply_draft(&mut self, d: &OutcomeDraft) {
        use tui_textarea::CursorMove;
        self.next_step = step_index(d.next_step);
        self.rating = d.rating.map(|r| r.clamp(1, 5));
        let notes = nfc(&crate::domain::text::sanitize(&d.notes, true));
        self.notes = TextArea::new(notes.split('\n').map(str::to_string).collect());
        self.notes.move_cursor(CursorMove::Bottom);
        self.notes.move_cursor(CursorMove::End);
        self.follow_up = TextInput::with_text(&d.follow_up);
        for doc in &d.documents_given {
            if !self.documents.contains(doc) {
                self.documents.push(doc.clone());
            }
        }
        self.given = self
            .documents
            .iter()
            .map(|doc| d.documents_given.contains(doc))
            .collect();
        if !notes.is_empty() {
            self.focus = OutcomeField::Notes;
        }
    }

    /// True when the content differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.to_draft() != self.pristine
    }

    /// The notes' line under the cursor, split at the cursor.
    fn notes_around_cursor(&self) -> (String, String) {
        let (row, col) = self.notes.cursor();
        let line = self
            .notes
            .lines()
            .get(row)
            .map(String::as_str)
            .unwrap_or("");
        let before: String = line.chars().take(col).collect();
        let after: String = line.chars().skip(col).collect();
        (before, after)
    }

    /// Moves the focus to the next (or previous) field; the documents are skipped when the
    /// need lists none.
    pub fn move_focus(&mut self, forward: bool) {
        self.focus = cycle(&OutcomeField::ALL, self.focus, forward);
        if self.focus == OutcomeField::Documents && self.documents.is_empty() {
            self.focus = cycle(&OutcomeField::ALL, self.focus, forward);
        }
    }

    /// Left/right (or up/down) on a choice field.
    pub fn choose(&mut self, forward: bool) {
        match self.focus {
            OutcomeField::NextStep => {
                let n = NextStep::ALL.len();
                self.next_step = if forward {
                    (self.next_step + 1) % n
                } else {
                    (self.next_step + n - 1) % n
                };
            }
            OutcomeField::Rating => {
                // From unset, → gives 1 and ← gives 5; then one star at a time.
                self.rating = Some(match (self.rating, forward) {
                    (None, true) => 1,
                    (None, false) => 5,
                    (Some(r), true) => (r + 1).min(5),
                    (Some(r), false) => r.saturating_sub(1).max(1),
                });
            }
            OutcomeField::Documents if !self.documents.is_empty() => {
                let n = self.documents.len();
                self.document_cursor = if forward {
                    (self.document_cursor + 1) % n
                } else {
                    (self.document_cursor + n - 1) % n
                };
            }
            _ => {}
        }
    }

    /// Applies an edit to the focused text field (notes or date).
    pub fn edit(&mut self, e: &Edit) {
        match self.focus {
            OutcomeField::Notes => {
                use tui_textarea::{CursorMove, Input, Key};
                // With the previous text selected: a move keeps it (selection dropped),
                // Backspace or Delete removes it; typing replaces it (tui-textarea).
                if self.notes.is_selecting() {
                    match e {
                        Edit::Backspace | Edit::Delete => {
                            self.notes.cut();
                            return;
                        }
                        Edit::Char(_) => {}
                        _ => self.notes.cancel_selection(),
                    }
                }
                match e {
                    Edit::Char(c) => {
                        // A combining accent typed after its letter: one composed char.
                        let (before, _) = self.notes_around_cursor();
                        let composed = before
                            .chars()
                            .next_back()
                            .filter(|_| unicode_normalization::char::is_combining_mark(*c))
                            .and_then(|prev| unicode_normalization::char::compose(prev, *c));
                        let key = match composed {
                            Some(one) => {
                                self.notes.delete_char();
                                Key::Char(one)
                            }
                            None => Key::Char(*c),
                        };
                        self.notes.input(Input {
                            key,
                            ..Default::default()
                        });
                    }
                    Edit::Backspace => {
                        let (before, _) = self.notes_around_cursor();
                        // At the start of a line: joins it to the line above (one step).
                        for _ in 0..last_grapheme_chars(&before).max(1) {
                            self.notes.delete_char();
                        }
                    }
                    Edit::Delete => {
                        let (_, after) = self.notes_around_cursor();
                        for _ in 0..first_grapheme_chars(&after).max(1) {
                            self.notes.delete_next_char();
                        }
                    }
                    Edit::Left => {
                        let (before, _) = self.notes_around_cursor();
                        for _ in 0..last_grapheme_chars(&before).max(1) {
                            self.notes.move_cursor(CursorMove::Back);
                        }
                    }
                    Edit::Right => {
                        let (_, after) = self.notes_around_cursor();
                        for _ in 0..first_grapheme_chars(&after).max(1) {
                            self.notes.move_cursor(CursorMove::Forward);
                        }
                    }
                    Edit::Up => self.notes.move_cursor(CursorMove::Up),
                    Edit::Down => self.notes.move_cursor(CursorMove::Down),
                    Edit::Home => self.notes.move_cursor(CursorMove::Head),
                    Edit::End => self.notes.move_cursor(CursorMove::End),
                    Edit::DeleteWord => {
                        self.notes.delete_word();
                    }
                    Edit::Clear => {
                        self.notes.delete_line_by_head();
                    }
                    Edit::Newline => self.notes.insert_newline(),
                }
            }
            OutcomeField::FollowUp => {
                self.follow_up.apply(e);
            }
            _ => {}
        }
    }

    /// Inserts pasted text into the focused text field (notes keep line breaks).
    pub fn paste(&mut self, text: &str) {
        match self.focus {
            OutcomeField::Notes => {
                let clean = nfc(&crate::domain::text::sanitize(text, true));
                self.notes.insert_str(clean);
            }
            OutcomeField::FollowUp => self.follow_up.insert_str(text),
            _ => {}
        }
    }

    /// The outcome this form describes, or why it cannot be saved (impossible date…).
    pub fn to_outcome(
        &self,
        logged_by: &str,
        now: jiff::Timestamp,
        t: &Texts,
    ) -> Result<Outcome, String> {
        let follow_up = parse_date(self.follow_up.text(), t)?;
        let notes = crate::domain::text::sanitize(&self.notes.lines().join("\n"), true);
        let next_step = NextStep::ALL
            .get(self.next_step)
            .copied()
            .unwrap_or_default();
        let outcome = Outcome {
            meeting: self.meeting,
            version: self.version,
            next_step,
            // A meeting that did not take place has no rating to give.
            rating: if next_step == NextStep::DidNotTakePlace {
                None
            } else {
                self.rating
            },
            notes: notes.trim_end().to_string(),
            follow_up,
            follow_up_result: self.follow_up_result,
            documents_given: self.documents_given(),
            logged_by: logged_by.to_string(),
            logged_at: now,
        };
        outcome.validate().map_err(|e| (t.errors.outcome)(&e))?;
        Ok(outcome)
    }
}

fn step_index(s: NextStep) -> usize {
    NextStep::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::FR;

    #[test]
    fn notes_compose_accents_and_delete_graphemes() {
        let mut f = OutcomeForm::new(7, None, false, &[]);
        f.focus = OutcomeField::Notes;
        for c in ['e', '\u{301}', 'c', 'o', 'l', 'e'] {
            f.edit(&Edit::Char(c));
        }
        assert_eq!(f.notes.lines(), ["école"]);
        f.edit(&Edit::Newline);
        f.paste("re\u{301}sume\u{301} q\u{303}");
        assert_eq!(f.notes.lines(), ["école", "résumé q\u{303}"]);
        f.edit(&Edit::Backspace);
        assert_eq!(f.notes.lines(), ["école", "résumé "]);
        f.edit(&Edit::Home);
        f.edit(&Edit::Backspace);
        assert_eq!(f.notes.lines(), ["écolerésumé "]);
        f.paste("👍🏽");
        f.edit(&Edit::Left);
        assert_eq!(f.notes.cursor(), (0, 5));
        f.edit(&Edit::Delete);
        assert_eq!(f.notes.lines(), ["écolerésumé "]);
    }

    #[test]
    fn outcome_form_cycles_and_refuses_bad_dates() {
        let mut f = OutcomeForm::new(7, None, false, &[]);
        // The rating starts unset and is required: an untouched form is not saved as 3.
        assert_eq!(f.rating, None);
        assert!(f
            .to_outcome("moi", jiff::Timestamp::UNIX_EPOCH, &FR)
            .unwrap_err()
            .contains("note manquante"));
        f.focus = OutcomeField::Rating;
        for _ in 0..6 {
            f.choose(true);
        }
        assert_eq!(f.rating, Some(5));
        f.focus = OutcomeField::Notes;
        for c in "ligne 1".chars() {
            f.edit(&Edit::Char(c));
        }
        f.edit(&Edit::Newline);
        f.paste("ligne\u{1b}[2J 2");
        f.focus = OutcomeField::FollowUp;
        f.paste("30/02/2027");
        assert!(f
            .to_outcome("moi", jiff::Timestamp::UNIX_EPOCH, &FR)
            .is_err());
        f.follow_up = TextInput::with_text("28/02/2027");
        let o = f
            .to_outcome("moi", jiff::Timestamp::UNIX_EPOCH, &FR)
            .unwrap();
        assert_eq!(o.notes, "ligne 1\nligne 2");
        assert_eq!(o.rating, Some(5));
        assert_eq!(o.follow_up, Some(jiff::civil::date(2027, 2, 28)));
        assert!(o.documents_given.is_empty());
    }

    #[test]
    fn documents_given_are_ticked_kept_across_versions_and_the_second_stage_carried() {
        let docs = ["Fiche besoin".to_string(), "Plan du site".to_string()];
        let mut f = OutcomeForm::new(7, None, false, &docs);
        f.focus = OutcomeField::FollowUp;
        f.move_focus(true);
        assert_eq!(f.focus, OutcomeField::Documents);
        f.choose(true);
        f.toggle();
        assert!(f.is_dirty());
        f.rating = Some(3);
        let mut o = f
            .to_outcome("moi", jiff::Timestamp::UNIX_EPOCH, &FR)
            .unwrap();
        assert_eq!(o.documents_given, ["Plan du site"]);
        // The next version starts from it, keeps a document the need no longer lists, and
        // carries the second stage recorded meanwhile.
        o.documents_given.push("Ancien plan".into());
        o.follow_up_result = Some(crate::domain::SecondStage {
            result: crate::domain::FollowUpResult::Consulted,
            on: jiff::civil::date(2027, 5, 20),
            amount_eur: None,
        });
        let g = OutcomeForm::new(7, Some(&o), false, &docs);
        assert_eq!(g.documents, ["Fiche besoin", "Plan du site", "Ancien plan"]);
        assert_eq!(g.given, [false, true, true]);
        let next = g
            .to_outcome("moi", jiff::Timestamp::UNIX_EPOCH, &FR)
            .unwrap();
        assert_eq!(next.follow_up_result, o.follow_up_result);
        // Without documents the field is skipped.
        let mut h = OutcomeForm::new(7, None, false, &[]);
        h.focus = OutcomeField::FollowUp;
        h.move_focus(true);
        assert_eq!(h.focus, OutcomeField::Save);
    }
}
