//! The popup forms: need, meeting plan, outcome. Each holds its fields and knows how to turn
//! them into a domain value, refusing impossible input with a message saying what to do.

use super::drafts::{NeedDraft, OutcomeDraft};
use super::input::{first_grapheme_chars, last_grapheme_chars, nfc, Edit, TextInput};
use crate::domain::{
    ConstraintMode, CpvCode, MeetingId, Need, NeedId, NeedStatus, NextStep, Outcome, SizeCategory,
    SupplierId, ThemeCatalog,
};
use crate::i18n::Texts;
use tui_textarea::TextArea;

/// Fields of the need form, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedField {
    /// Title (text).
    Title,
    /// Description (text).
    Description,
    /// Theme (choice among the catalog, or none).
    Theme,
    /// CPV codes (text, separated by spaces, commas or semicolons).
    Cpv,
    /// Départements (text, separated by spaces or commas).
    Departments,
    /// Preferred sizes (four toggles).
    Sizes,
    /// ESS preference (none / preferred / required).
    Ess,
    /// SIAE preference (none / preferred / required).
    Siae,
    /// The save button.
    Save,
}

impl NeedField {
    /// Fields in focus order.
    pub const ALL: [NeedField; 9] = [
        Self::Title,
        Self::Description,
        Self::Theme,
        Self::Cpv,
        Self::Departments,
        Self::Sizes,
        Self::Ess,
        Self::Siae,
        Self::Save,
    ];
    /// True for fields that take typed text.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Self::Title | Self::Description | Self::Cpv | Self::Departments
        )
    }
}

/// Moves a focus through `all`, wrapping.
fn cycle<T: Copy + PartialEq>(all: &[T], cur: T, forward: bool) -> T {
    let i = all.iter().position(|f| *f == cur).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// Cycles an optional constraint: none → preferred → required → none.
pub fn next_mode(m: Option<ConstraintMode>) -> Option<ConstraintMode> {
    match m {
        None => Some(ConstraintMode::Prefer),
        Some(ConstraintMode::Prefer) => Some(ConstraintMode::Require),
        Some(ConstraintMode::Require) => None,
    }
}

/// The need form (création ou modification d'un besoin).
#[derive(Debug, Clone)]
pub struct NeedForm {
    /// The need being edited (None: a new need).
    pub original: Option<Need>,
    /// Title.
    pub title: TextInput,
    /// Description.
    pub description: TextInput,
    /// Index of the theme in the catalog, None for no theme.
    pub theme: Option<usize>,
    /// CPV codes as typed.
    pub cpv: TextInput,
    /// Départements as typed.
    pub departments: TextInput,
    /// Preferred sizes, in [`SizeCategory::ALL`] order.
    pub sizes: [bool; 4],
    /// Size toggle under the cursor (0..4).
    pub size_cursor: usize,
    /// ESS preference.
    pub ess: Option<ConstraintMode>,
    /// SIAE preference.
    pub siae: Option<ConstraintMode>,
    /// Focused field.
    pub focus: NeedField,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// The content as the form opened (before any typing or restored draft): the form has
    /// unsaved changes when its content differs from it.
    pub pristine: NeedDraft,
}

impl NeedForm {
    /// An empty form for a new need.
    pub fn new() -> Self {
        NeedForm {
            original: None,
            title: TextInput::default(),
            description: TextInput::default(),
            theme: None,
            cpv: TextInput::default(),
            departments: TextInput::default(),
            sizes: [false; 4],
            size_cursor: 0,
            ess: None,
            siae: None,
            focus: NeedField::Title,
            error: None,
            pristine: NeedDraft::default(),
        }
    }

    /// A form filled from an existing need.
    pub fn edit(need: &Need, themes: &ThemeCatalog) -> Self {
        let mut f = NeedForm::new();
        f.title = TextInput::with_text(&need.title);
        f.description = TextInput::with_text(&need.description);
        f.theme = need
            .theme
            .as_deref()
            .and_then(|s| themes.themes.iter().position(|t| t.slug == s));
        let cpv: Vec<&str> = need.cpv.iter().map(|c| c.as_str()).collect();
        f.cpv = TextInput::with_text(&cpv.join(" "));
        f.departments = TextInput::with_text(&need.constraints.departments.join(" "));
        for (i, s) in SizeCategory::ALL.iter().enumerate() {
            f.sizes[i] = need.constraints.sizes.contains(s);
        }
        f.ess = need.constraints.ess;
        f.siae = need.constraints.siae;
        f.original = Some(need.clone());
        f.pristine = f.to_draft(themes);
        f
    }

    /// The typed content, as a draft (the theme by its slug, so a draft survives a change
    /// of the catalog's order).
    pub fn to_draft(&self, themes: &ThemeCatalog) -> NeedDraft {
        NeedDraft {
            title: self.title.text().to_string(),
            description: self.description.text().to_string(),
            theme: self
                .theme
                .and_then(|i| themes.themes.get(i))
                .map(|t| t.slug.clone()),
            cpv: self.cpv.text().to_string(),
            departments: self.departments.text().to_string(),
            sizes: self.sizes,
            ess: self.ess,
            siae: self.siae,
        }
    }

    /// Puts a draft's content in the form (the need edited and the pristine content stay).
    pub fn apply_draft(&mut self, d: &NeedDraft, themes: &ThemeCatalog) {
        self.title = TextInput::with_text(&d.title);
        self.description = TextInput::with_text(&d.description);
        self.theme = d
            .theme
            .as_deref()
            .and_then(|s| themes.themes.iter().position(|t| t.slug == s));
        self.cpv = TextInput::with_text(&d.cpv);
        self.departments = TextInput::with_text(&d.departments);
        self.sizes = d.sizes;
        self.ess = d.ess;
        self.siae = d.siae;
    }

    /// True when the content differs from what the form opened with.
    pub fn is_dirty(&self, themes: &ThemeCatalog) -> bool {
        self.to_draft(themes) != self.pristine
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_input(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            NeedField::Title => Some(&mut self.title),
            NeedField::Description => Some(&mut self.description),
            NeedField::Cpv => Some(&mut self.cpv),
            NeedField::Departments => Some(&mut self.departments),
            _ => None,
        }
    }

    /// Moves the focus to the next (or previous) field.
    pub fn move_focus(&mut self, forward: bool) {
        self.focus = cycle(&NeedField::ALL, self.focus, forward);
    }

    /// Left/right on a choice field: theme, size cursor, ESS/SIAE mode.
    pub fn choose(&mut self, forward: bool, themes: &ThemeCatalog) {
        match self.focus {
            NeedField::Theme => {
                let n = themes.themes.len();
                self.theme = match (self.theme, forward) {
                    (None, true) if n > 0 => Some(0),
                    (None, false) if n > 0 => Some(n - 1),
                    (Some(i), true) if i + 1 < n => Some(i + 1),
                    (Some(i), false) if i > 0 => Some(i - 1),
                    _ => None,
                };
            }
            NeedField::Sizes => {
                self.size_cursor = if forward {
                    (self.size_cursor + 1) % 4
                } else {
                    (self.size_cursor + 3) % 4
                };
            }
            NeedField::Ess => self.ess = next_mode(self.ess),
            NeedField::Siae => self.siae = next_mode(self.siae),
            _ => {}
        }
    }

    /// Space on a choice field.
    pub fn toggle(&mut self, themes: &ThemeCatalog) {
        match self.focus {
            NeedField::Sizes => self.sizes[self.size_cursor] ^= true,
            NeedField::Theme => self.choose(true, themes),
            NeedField::Ess => self.ess = next_mode(self.ess),
            NeedField::Siae => self.siae = next_mode(self.siae),
            _ => {}
        }
    }

    /// The need this form describes, owned by `owner`, or why it cannot be saved.
    pub fn to_need(&self, owner: &str, themes: &ThemeCatalog, t: &Texts) -> Result<Need, String> {
        let title = crate::domain::text::clean_line(self.title.text());
        if title.is_empty() {
            return Err(t.need_title_required.to_string());
        }
        let mut cpv = Vec::new();
        for tok in split_list(self.cpv.text()) {
            match CpvCode::parse(tok) {
                Ok(c) => {
                    if !cpv.contains(&c) {
                        cpv.push(c)
                    }
                }
                Err(_) => return Err((t.need_bad_cpv)(tok)),
            }
        }
        let mut departments = Vec::new();
        for tok in split_list(self.departments.text()) {
            let d = tok.to_uppercase();
            let ok = match d.len() {
                2 => d.bytes().all(|b| b.is_ascii_digit()) || d == "2A" || d == "2B",
                3 => d.bytes().all(|b| b.is_ascii_digit()) && d.starts_with("97"),
                _ => false,
            };
            if !ok {
                return Err((t.need_bad_department)(tok));
            }
            if !departments.contains(&d) {
                departments.push(d);
            }
        }
        let mut need = self.original.clone().unwrap_or_else(|| Need {
            owner: owner.to_string(),
            status: NeedStatus::Open,
            ..Default::default()
        });
        need.title = title;
        need.description = crate::domain::text::clean_line(self.description.text());
        need.theme = self
            .theme
            .and_then(|i| themes.themes.get(i))
            .map(|t| t.slug.clone());
        need.cpv = cpv;
        need.constraints.departments = departments;
        need.constraints.sizes = SizeCategory::ALL
            .iter()
            .zip(self.sizes)
            .filter(|(_, on)| *on)
            .map(|(s, _)| *s)
            .collect();
        need.constraints.ess = self.ess;
        need.constraints.siae = self.siae;
        Ok(need)
    }
}

impl Default for NeedForm {
    fn default() -> Self {
        Self::new()
    }
}

/// Splits a typed list on spaces, commas and semicolons.
fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|t| !t.is_empty())
}

/// The meeting planning popup: a supplier, and a cell (day, slot, table) to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    /// The supplier to meet.
    pub supplier: SupplierId,
    /// The need discussed, when there is a current need.
    pub need: Option<NeedId>,
    /// Lot of that need (0: whole need).
    pub lot: u32,
    /// Index of the day in [`super::state::AppState::days`].
    pub day: usize,
    /// Position of the slot in the day's slot list.
    pub slot: usize,
    /// Index of the table in the day's tables.
    pub table: usize,
    /// Why the last booking was refused (e.g. slot taken), with what to do.
    pub error: Option<String>,
}

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
    /// The save button.
    Save,
}

impl OutcomeField {
    /// Fields in focus order.
    pub const ALL: [OutcomeField; 5] = [
        Self::NextStep,
        Self::Rating,
        Self::Notes,
        Self::FollowUp,
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
    /// Rating of fit, 1 to 5.
    pub rating: u8,
    /// Notes editor (multi-line).
    pub notes: TextArea<'static>,
    /// Follow-up date as typed (DD/MM/YYYY), may be empty.
    pub follow_up: TextInput,
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
    /// (saving appends a new version; nothing is overwritten).
    pub fn new(meeting: MeetingId, latest: Option<&Outcome>, no_show: bool) -> Self {
        let mut f = OutcomeForm {
            meeting,
            next_step: 0,
            rating: 3,
            notes: TextArea::default(),
            follow_up: TextInput::default(),
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
            f.rating = o.rating.clamp(1, 5);
            f.notes = TextArea::new(o.notes.lines().map(str::to_string).collect());
            if let Some(d) = o.follow_up {
                f.follow_up = TextInput::with_text(&d.strftime("%d/%m/%Y").to_string());
            }
            f.version = o.version + 1;
        }
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
        }
    }

    /// Puts a draft's content in the form; with notes, the focus goes to them, the cursor
    /// at the end of the text, so typing goes on where it stopped.
    pub fn apply_draft(&mut self, d: &OutcomeDraft) {
        use tui_textarea::CursorMove;
        self.next_step = step_index(d.next_step);
        self.rating = d.rating.clamp(1, 5);
        let notes = nfc(&crate::domain::text::sanitize(&d.notes, true));
        self.notes = TextArea::new(notes.split('\n').map(str::to_string).collect());
        self.notes.move_cursor(CursorMove::Bottom);
        self.notes.move_cursor(CursorMove::End);
        self.follow_up = TextInput::with_text(&d.follow_up);
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

    /// Moves the focus to the next (or previous) field.
    pub fn move_focus(&mut self, forward: bool) {
        self.focus = cycle(&OutcomeField::ALL, self.focus, forward);
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
                self.rating = if forward {
                    (self.rating + 1).min(5)
                } else {
                    self.rating.saturating_sub(1).max(1)
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
        let outcome = Outcome {
            meeting: self.meeting,
            version: self.version,
            next_step: NextStep::ALL
                .get(self.next_step)
                .copied()
                .unwrap_or_default(),
            rating: self.rating,
            notes: notes.trim_end().to_string(),
            follow_up,
            follow_up_result: None,
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

/// Parses a follow-up date typed as DD/MM/YYYY (also D/M/YYYY); empty gives None. An
/// impossible date (31/02/2027) or another shape is refused with a message.
pub fn parse_date(s: &str, t: &Texts) -> Result<Option<jiff::civil::Date>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('/').collect();
    let nums: Option<Vec<i32>> =
        if parts.len() == 3 && parts[0].len() <= 2 && parts[1].len() <= 2 && parts[2].len() == 4 {
            parts.iter().map(|p| p.parse::<i32>().ok()).collect()
        } else {
            None
        };
    let Some(n) = nums else {
        return Err((t.date_bad_format)(s));
    };
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(n[2]), i8::try_from(n[1]), i8::try_from(n[0]))
    else {
        return Err((t.date_impossible)(s));
    };
    jiff::civil::Date::new(y, m, d)
        .map(Some)
        .map_err(|_| (t.date_impossible)(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::FR;

    #[test]
    fn dates_parse_or_explain() {
        assert_eq!(
            parse_date("15/01/2027", &FR).unwrap(),
            Some(jiff::civil::date(2027, 1, 15))
        );
        assert_eq!(parse_date("  ", &FR).unwrap(), None);
        let e = parse_date("31/02/2027", &FR).unwrap_err();
        assert!(e.contains("31/02/2027"), "{e}");
        assert!(parse_date("2027-01-15", &FR).is_err());
        assert!(parse_date("15/13/2027", &FR).is_err());
    }

    #[test]
    fn need_form_validates_cpv_and_departments() {
        let themes = ThemeCatalog::default();
        let mut f = NeedForm::new();
        assert!(f.to_need("a", &themes, &FR).is_err());
        f.title = TextInput::with_text("Isolation des lycées");
        f.cpv = TextInput::with_text("45321000-3, 4532");
        let e = f.to_need("a", &themes, &FR).unwrap_err();
        assert!(e.contains("4532"), "{e}");
        f.cpv = TextInput::with_text("45321000-3; 45261000");
        f.departments = TextInput::with_text("93 2a 971");
        f.sizes[1] = true;
        let n = f.to_need("a", &themes, &FR).unwrap();
        assert_eq!(n.cpv.len(), 2);
        assert_eq!(n.constraints.departments, vec!["93", "2A", "971"]);
        assert_eq!(n.constraints.sizes, vec![SizeCategory::Pme]);
        f.departments = TextInput::with_text("9x");
        assert!(f.to_need("a", &themes, &FR).is_err());
    }

    #[test]
    fn notes_compose_accents_and_delete_graphemes() {
        let mut f = OutcomeForm::new(7, None, false);
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
        let mut f = OutcomeForm::new(7, None, false);
        f.focus = OutcomeField::Rating;
        f.choose(true);
        f.choose(true);
        f.choose(true);
        assert_eq!(f.rating, 5);
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
        assert_eq!(o.rating, 5);
        assert_eq!(o.follow_up, Some(jiff::civil::date(2027, 2, 28)));
    }
}
