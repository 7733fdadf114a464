//! Key → [`Action`], per mode (screen, pane or form field). The same tables generate the
//! help overlay and the screens' footer hints ([`super::hints`]), so neither disagrees with
//! the keys.
//!
//! Rules: Ctrl-C quits everywhere (on a form with unsaved changes it first asks
//! "Abandonner les modifications ? (o/n)"; during that question it answers no). While a
//! question is asked, only its answers act. Below the minimum terminal size only quit (and
//! resize) act: nothing happens blind. In a text field, printable keys are text (no shortcut
//! fires); only Enter, Tab, arrows and Ctrl combinations act. Every Esc action also has
//! Ctrl-G (tmux and some terminals hold Esc).

pub use super::hints::{help_sections, key_label, mode_under_help, HelpSection};

use super::action::Action;
use super::forms::{NeedForm, OutcomeField, OutcomeForm};
use super::input::Edit;
use super::state::{AgendaPane, AppState, Modal, SupplierPane, Tab};
use crate::i18n::Texts;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The context that decides what keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// A yes/no question is asked (discard unsaved changes?).
    Confirm,
    /// Help overlay open.
    Help,
    /// Need form, on a text field.
    NeedFormText,
    /// Need form, on a choice field or the save button.
    NeedFormChoice,
    /// Meeting planning popup.
    PlanForm,
    /// Forum day form (every field is text but the save button).
    DayForm,
    /// The organiser's schedule, previewed before it is applied.
    SchedulePreview,
    /// The detail of a supplier's score for the open need.
    ScoreDetail,
    /// Outcome form, on the next step or the save button.
    OutcomeChoice,
    /// Outcome form, on the rating.
    OutcomeRating,
    /// Outcome form, in the notes.
    OutcomeNotes,
    /// Outcome form, in the follow-up date.
    OutcomeDate,
    /// Outcome form, on the documents given.
    OutcomeDocuments,
    /// Suppliers tab, typing in the search field.
    SearchField,
    /// Suppliers tab, result list.
    SuppliersList,
    /// Suppliers tab, supplier detail.
    SupplierDetail,
    /// Needs tab, list of needs.
    NeedsList,
    /// Needs tab, open need (suggestions and shortlist).
    Shortlist,
    /// Agenda tab, slots × tables grid.
    AgendaGrid,
    /// Agenda tab, my meetings.
    AgendaMine,
}

impl Mode {
    /// Modes in the order the help lists them.
    pub const ALL: [Mode; 20] = [
        Mode::SuppliersList,
        Mode::SearchField,
        Mode::SupplierDetail,
        Mode::NeedsList,
        Mode::Shortlist,
        Mode::ScoreDetail,
        Mode::NeedFormText,
        Mode::NeedFormChoice,
        Mode::AgendaGrid,
        Mode::AgendaMine,
        Mode::DayForm,
        Mode::SchedulePreview,
        Mode::PlanForm,
        Mode::OutcomeChoice,
        Mode::OutcomeRating,
        Mode::OutcomeNotes,
        Mode::OutcomeDate,
        Mode::OutcomeDocuments,
        Mode::Confirm,
        Mode::Help,
    ];

    /// True when printable keys are text for a field.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Mode::NeedFormText
                | Mode::DayForm
                | Mode::OutcomeNotes
                | Mode::OutcomeDate
                | Mode::SearchField
        )
    }

    /// True for the screens where the global keys (tabs, help, quit) apply.
    pub fn uses_global(self) -> bool {
        matches!(
            self,
            Mode::SuppliersList
                | Mode::SupplierDetail
                | Mode::NeedsList
                | Mode::Shortlist
                | Mode::AgendaGrid
                | Mode::AgendaMine
        )
    }
}

/// One key: a key code, with or without Ctrl (Shift is part of the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    /// The key.
    pub code: KeyCode,
    /// Ctrl held.
    pub ctrl: bool,
}

const fn ch(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn ctrl(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}
const fn key(code: KeyCode) -> KeySpec {
    KeySpec { code, ctrl: false }
}

const UP: KeySpec = key(KeyCode::Up);
const DOWN: KeySpec = key(KeyCode::Down);
const LEFT: KeySpec = key(KeyCode::Left);
const RIGHT: KeySpec = key(KeyCode::Right);
const ENTER: KeySpec = key(KeyCode::Enter);
const TAB: KeySpec = key(KeyCode::Tab);
const BACKTAB: KeySpec = key(KeyCode::BackTab);
const ESC: KeySpec = key(KeyCode::Esc);
const CTRL_G: KeySpec = ctrl('g');
const CTRL_S: KeySpec = ctrl('s');

/// A key binding: the keys, the action, its description for the help and its footer hint.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Keys that trigger it (the first is the one shown first in the help).
    pub keys: &'static [KeySpec],
    /// What it does.
    pub action: Action,
    /// Its description, in the user's language.
    pub help: fn(&Texts) -> &'static str,
    /// Its hint in the screen's footer, when it has one (see [`super::hints`]).
    pub hint: Option<Hint>,
}

/// A binding's footer hint: one word of the catalogue, after some of the binding's keys.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    /// The word, in the user's language ("chercher").
    pub word: fn(&Texts) -> &'static str,
    /// The keys shown are `keys[from..to]` of the binding (the footer is short).
    pub from: u8,
    /// End (exclusive) of the keys shown.
    pub to: u8,
}

impl Binding {
    /// The keys its footer hint shows (empty without a hint).
    pub fn hint_keys(&self) -> &'static [KeySpec] {
        let keys: &'static [KeySpec] = self.keys;
        match self.hint {
            Some(h) => keys.get(h.from as usize..h.to as usize).unwrap_or(&[]),
            None => &[],
        }
    }
}

/// `b!([keys], action, help)`, with a footer hint: `b!([keys], action, help, word)` shows
/// the first key, `word[i]` the key i, `word[i..j]` keys i to j-1.
macro_rules! b {
    ([$($k:expr),+], $a:expr, $f:ident) => {
        Binding { keys: &[$($k),+], action: $a, help: |t: &Texts| t.$f, hint: None }
    };
    ([$($k:expr),+], $a:expr, $f:ident, $h:ident) => {
        b!([$($k),+], $a, $f, $h[0..1])
    };
    ([$($k:expr),+], $a:expr, $f:ident, $h:ident[$i:literal]) => {
        b!([$($k),+], $a, $f, $h[$i..($i + 1)])
    };
    ([$($k:expr),+], $a:expr, $f:ident, $h:ident[$i:literal..$j:literal]) => {
        b!([$($k),+], $a, $f, $h[$i..($j)])
    };
    ([$($k:expr),+], $a:expr, $f:ident, $h:ident[$i:literal..($j:expr)]) => {
        Binding {
            keys: &[$($k),+],
            action: $a,
            help: |t: &Texts| t.$f,
            hint: Some(Hint { word: |t: &Texts| t.$h, from: $i, to: $j }),
        }
    };
}

/// Keys of every screen (after the screen's own keys).
pub static GLOBAL: &[Binding] = &[
    b!(
        [ch('1'), key(KeyCode::F(1))],
        Action::Tab(Tab::Suppliers),
        k_tab_suppliers
    ),
    b!(
        [ch('2'), key(KeyCode::F(2))],
        Action::Tab(Tab::Needs),
        k_tab_needs
    ),
    b!(
        [ch('3'), key(KeyCode::F(3))],
        Action::Tab(Tab::Agenda),
        k_tab_agenda
    ),
    b!([ch('?')], Action::Help, k_help, h_help),
    b!([ch('q'), ctrl('c')], Action::Quit, k_quit, h_quit),
];

static SUPPLIERS_LIST: &[Binding] = &[
    b!([ch('/')], Action::Search, k_search, h_search),
    b!([ch('j'), DOWN], Action::Down, k_down),
    b!([ch('k'), UP], Action::Up, k_up),
    b!([key(KeyCode::PageDown)], Action::PageDown, k_page_down),
    b!([key(KeyCode::PageUp)], Action::PageUp, k_page_up),
    b!([ch('g'), key(KeyCode::Home)], Action::Top, k_top),
    b!([ch('G'), key(KeyCode::End)], Action::Bottom, k_bottom),
    b!([ENTER], Action::Open, k_open_supplier, h_card),
    b!([TAB], Action::NextPane, k_next_pane),
    b!([ch('s')], Action::Shortlist, k_shortlist, h_shortlist),
    b!([ch('m')], Action::Plan, k_plan, h_meeting),
];

static SEARCH_FIELD: &[Binding] = &[
    b!([ENTER], Action::Submit, k_search_done, h_done),
    b!([DOWN], Action::Submit, k_search_to_list),
    b!([TAB], Action::NextPane, k_search_tab, h_list[0]),
    b!([ESC, CTRL_G], Action::Back, k_search_leave, h_back[0..2]),
];

static SUPPLIER_DETAIL: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_scroll_down),
    b!([ch('k'), UP], Action::Up, k_scroll_up),
    b!([key(KeyCode::PageDown)], Action::PageDown, k_page_down),
    b!([key(KeyCode::PageUp)], Action::PageUp, k_page_up),
    b!(
        [ESC, CTRL_G, key(KeyCode::Backspace)],
        Action::Back,
        k_back,
        h_back[0..2]
    ),
    b!([TAB], Action::NextPane, k_next_pane),
    b!([ch('/')], Action::Search, k_search),
    b!([ch('s')], Action::Shortlist, k_shortlist, h_shortlist),
    b!([ch('m')], Action::Plan, k_plan, h_meeting),
    b!([ch('o')], Action::Outcome, k_outcome_latest, h_outcome),
    b!([ch('h')], Action::Held, k_held_latest, h_held),
    b!([ch('n')], Action::NoShow, k_no_show_latest, h_no_show),
];

static NEEDS_LIST: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_down),
    b!([ch('k'), UP], Action::Up, k_up),
    b!([ENTER], Action::Open, k_open_need, h_open),
    b!([ch('c')], Action::NewNeed, k_new_need, h_create),
    b!([ch('e')], Action::EditNeed, k_edit_need, h_edit),
];

static SHORTLIST: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_down),
    b!([ch('k'), UP], Action::Up, k_up),
    b!([TAB], Action::NextPane, k_shortlist_pane, h_pane),
    b!([ENTER], Action::Open, k_open_supplier),
    b!(
        [ch('a'), ch('s')],
        Action::Shortlist,
        k_add_suggestion,
        h_add
    ),
    b!(
        [ch('d'), key(KeyCode::Delete)],
        Action::Remove,
        k_remove_entry,
        h_remove
    ),
    b!([ch('t')], Action::TriageNext, k_triage_next, h_status),
    b!([ch('r')], Action::Retain, k_retain, h_retain),
    b!([ch('x')], Action::SetAside, k_set_aside, h_set_aside),
    b!([ch('p')], Action::RequestPriority, k_request_priority),
    b!([ch('m')], Action::Plan, k_plan, h_meeting),
    b!([ch('i')], Action::ScoreDetail, k_score_detail, h_why),
    b!([ch('e')], Action::EditNeed, k_edit_need),
    b!([ch('l')], Action::NextLot, k_next_lot, h_lot),
    b!([ESC, CTRL_G], Action::Back, k_back_needs, h_back[0..2]),
];

static AGENDA_GRID: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_next_slot, h_slot[1]),
    b!([ch('k'), UP], Action::Up, k_prev_slot, h_slot[1]),
    b!([RIGHT], Action::Right, k_next_table, h_table),
    b!([LEFT], Action::Left, k_prev_table, h_table),
    b!([ch(']')], Action::NextDay, k_next_day, h_day),
    b!([ch('[')], Action::PrevDay, k_prev_day, h_day),
    b!([ch('c')], Action::NewDay, k_new_day, h_new_day),
    b!([ch('e')], Action::EditDay, k_edit_day, h_edit),
    b!([ch('X')], Action::RemoveDay, k_remove_day),
    b!([ch('p')], Action::Schedule, k_schedule),
    b!([TAB], Action::NextPane, k_agenda_pane, h_pane),
    b!([ENTER], Action::Open, k_open_meeting_supplier),
    b!([ch('s')], Action::StartMeeting, k_start_meeting, h_start),
    b!([ch('t')], Action::EndMeeting, k_end_meeting, h_end),
    b!([ch('h')], Action::Held, k_held, h_held),
    b!([ch('n')], Action::NoShow, k_no_show, h_no_show),
    b!([ch('o')], Action::Outcome, k_outcome, h_outcome),
    b!(
        [ch('x')],
        Action::CancelMeeting,
        k_cancel_meeting,
        h_cancel_meeting
    ),
];

static AGENDA_MINE: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_down),
    b!([ch('k'), UP], Action::Up, k_up),
    b!([TAB], Action::NextPane, k_agenda_pane, h_pane),
    b!([ENTER], Action::Open, k_open_meeting_supplier, h_card),
    b!([ch('s')], Action::StartMeeting, k_start_meeting, h_start),
    b!([ch('t')], Action::EndMeeting, k_end_meeting, h_end),
    b!([ch('h')], Action::Held, k_held, h_held),
    b!([ch('n')], Action::NoShow, k_no_show, h_no_show),
    b!([ch('o')], Action::Outcome, k_outcome, h_outcome),
    b!(
        [ch('x')],
        Action::CancelMeeting,
        k_cancel_meeting,
        h_cancel_meeting
    ),
];

static NEED_FORM_TEXT: &[Binding] = &[
    b!([TAB, DOWN], Action::NextPane, k_next_field, h_next_field),
    b!([BACKTAB, UP], Action::PrevPane, k_prev_field),
    b!([ENTER], Action::Submit, k_submit_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static NEED_FORM_CHOICE: &[Binding] = &[
    b!(
        [TAB, DOWN, ch('j')],
        Action::NextPane,
        k_next_field,
        h_next_field
    ),
    b!([BACKTAB, UP, ch('k')], Action::PrevPane, k_prev_field),
    b!([RIGHT], Action::Right, k_choice_next, h_choose),
    b!([LEFT], Action::Left, k_choice_prev, h_choose),
    b!([ch(' ')], Action::Toggle, k_toggle, h_choose),
    b!([ENTER], Action::Submit, k_submit_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static DAY_FORM: &[Binding] = &[
    b!([TAB, DOWN], Action::NextPane, k_next_field, h_next_field),
    b!([BACKTAB, UP], Action::PrevPane, k_prev_field),
    b!([ENTER], Action::Submit, k_submit_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static PLAN_FORM: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_next_slot, h_slot[1]),
    b!([ch('k'), UP], Action::Up, k_prev_slot, h_slot[1]),
    b!([RIGHT, TAB], Action::Right, k_next_table, h_table[0..2]),
    b!([LEFT, BACKTAB], Action::Left, k_prev_table, h_table),
    b!([ch(']')], Action::NextDay, k_next_day, h_day),
    b!([ch('[')], Action::PrevDay, k_prev_day, h_day),
    b!([ENTER, CTRL_S], Action::Submit, k_book, h_book),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static SCORE_DETAIL: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_scroll_down, h_scroll[1]),
    b!([ch('k'), UP], Action::Up, k_scroll_up, h_scroll[1]),
    b!(
        [ESC, CTRL_G, ENTER, ch('q'), ch('i')],
        Action::Back,
        k_close_detail,
        h_close[0..1]
    ),
];

static SCHEDULE_PREVIEW: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_scroll_down, h_scroll[1]),
    b!([ch('k'), UP], Action::Up, k_scroll_up, h_scroll[1]),
    b!(
        [ENTER, CTRL_S],
        Action::Submit,
        k_apply_schedule,
        h_apply_schedule
    ),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static OUTCOME_CHOICE: &[Binding] = &[
    b!(
        [ch('j'), DOWN, RIGHT],
        Action::Right,
        k_choice_next,
        h_choose[2]
    ),
    b!(
        [ch('k'), UP, LEFT],
        Action::Left,
        k_choice_prev,
        h_choose[2]
    ),
    b!([TAB], Action::NextPane, k_next_field, h_next_field),
    b!([BACKTAB], Action::PrevPane, k_prev_field),
    b!([ENTER], Action::Submit, k_submit_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static OUTCOME_RATING: &[Binding] = &[
    b!(
        [RIGHT, UP, ch('+')],
        Action::Right,
        k_rating_up,
        h_rating[2]
    ),
    b!(
        [LEFT, DOWN, ch('-')],
        Action::Left,
        k_rating_down,
        h_rating[2]
    ),
    b!([TAB], Action::NextPane, k_next_field, h_next_field),
    b!([BACKTAB], Action::PrevPane, k_prev_field),
    b!([ENTER], Action::Submit, k_submit_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static OUTCOME_NOTES: &[Binding] = &[
    b!([TAB], Action::NextPane, k_next_field, h_next_field),
    b!([BACKTAB], Action::PrevPane, k_prev_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static OUTCOME_DATE: &[Binding] = &[
    b!([TAB, DOWN], Action::NextPane, k_next_field, h_next_field),
    b!([BACKTAB, UP], Action::PrevPane, k_prev_field),
    b!([ENTER], Action::Submit, k_submit_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static OUTCOME_DOCUMENTS: &[Binding] = &[
    b!(
        [RIGHT, ch('j'), DOWN],
        Action::Right,
        k_choice_next,
        h_choose
    ),
    b!([LEFT, ch('k'), UP], Action::Left, k_choice_prev, h_choose),
    b!([ch(' ')], Action::Toggle, k_toggle, h_choose),
    b!([TAB], Action::NextPane, k_next_field, h_next_field),
    b!([BACKTAB], Action::PrevPane, k_prev_field),
    b!([ENTER], Action::Submit, k_submit_field),
    b!([CTRL_S], Action::Save, k_save, h_save),
    b!([ESC, CTRL_G], Action::Back, k_cancel_form, h_cancel[0..2]),
];

static CONFIRM: &[Binding] = &[
    b!(
        [ch('o'), ch('y'), ch('O'), ch('Y')],
        Action::Answer(true),
        k_answer_yes
    ),
    b!(
        [ch('n'), ch('N'), ESC, CTRL_G],
        Action::Answer(false),
        k_answer_no
    ),
];

static HELP: &[Binding] = &[
    b!([ch('j'), DOWN], Action::Down, k_scroll_down, h_scroll[1]),
    b!([ch('k'), UP], Action::Up, k_scroll_up, h_scroll[1]),
    b!([key(KeyCode::PageDown)], Action::PageDown, k_page_down),
    b!([key(KeyCode::PageUp)], Action::PageUp, k_page_up),
    b!(
        [ESC, CTRL_G, ch('?'), ch('q')],
        Action::Back,
        k_close_help,
        h_close[0..3]
    ),
];

/// The bindings of a mode (not including [`GLOBAL`]).
pub fn bindings(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Confirm => CONFIRM,
        Mode::Help => HELP,
        Mode::NeedFormText => NEED_FORM_TEXT,
        Mode::NeedFormChoice => NEED_FORM_CHOICE,
        Mode::DayForm => DAY_FORM,
        Mode::SchedulePreview => SCHEDULE_PREVIEW,
        Mode::ScoreDetail => SCORE_DETAIL,
        Mode::PlanForm => PLAN_FORM,
        Mode::OutcomeChoice => OUTCOME_CHOICE,
        Mode::OutcomeRating => OUTCOME_RATING,
        Mode::OutcomeNotes => OUTCOME_NOTES,
        Mode::OutcomeDate => OUTCOME_DATE,
        Mode::OutcomeDocuments => OUTCOME_DOCUMENTS,
        Mode::SearchField => SEARCH_FIELD,
        Mode::SuppliersList => SUPPLIERS_LIST,
        Mode::SupplierDetail => SUPPLIER_DETAIL,
        Mode::NeedsList => NEEDS_LIST,
        Mode::Shortlist => SHORTLIST,
        Mode::AgendaGrid => AGENDA_GRID,
        Mode::AgendaMine => AGENDA_MINE,
    }
}

/// The mode of a popup form: which field has the focus decides.
pub fn modal_mode(modal: &Modal) -> Mode {
    match modal {
        Modal::NeedForm(f) => need_form_mode(f),
        Modal::Plan(_) => Mode::PlanForm,
        Modal::Outcome(f) => outcome_mode(f),
        Modal::DayForm(_) => Mode::DayForm,
        Modal::Schedule(_) => Mode::SchedulePreview,
        Modal::ScoreDetail(_) => Mode::ScoreDetail,
    }
}

/// The mode of the need form: on a text field or on a choice (or the save button).
pub fn need_form_mode(f: &NeedForm) -> Mode {
    if f.focus.is_text() {
        Mode::NeedFormText
    } else {
        Mode::NeedFormChoice
    }
}

/// The mode of the outcome form, by its focused field.
pub fn outcome_mode(f: &OutcomeForm) -> Mode {
    match f.focus {
        OutcomeField::NextStep | OutcomeField::Save => Mode::OutcomeChoice,
        OutcomeField::Rating => Mode::OutcomeRating,
        OutcomeField::Notes => Mode::OutcomeNotes,
        OutcomeField::FollowUp => Mode::OutcomeDate,
        OutcomeField::Documents => Mode::OutcomeDocuments,
    }
}

/// The mode the state is in.
pub fn mode(state: &AppState) -> Mode {
    if state.confirm.is_some() {
        return Mode::Confirm;
    }
    if state.help.is_some() {
        return Mode::Help;
    }
    if let Some(m) = &state.modal {
        return modal_mode(m);
    }
    match state.tab {
        Tab::Suppliers => {
            if state.suppliers.editing {
                Mode::SearchField
            } else if state.suppliers.pane == SupplierPane::Detail
                && state.suppliers.detail.is_some()
            {
                Mode::SupplierDetail
            } else {
                Mode::SuppliersList
            }
        }
        Tab::Needs => {
            if state.needs.view.is_some() {
                Mode::Shortlist
            } else {
                Mode::NeedsList
            }
        }
        Tab::Agenda => match state.agenda.pane {
            AgendaPane::Grid => Mode::AgendaGrid,
            AgendaPane::Mine => Mode::AgendaMine,
        },
    }
}

fn matches(spec: &KeySpec, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    if alt || ctrl != spec.ctrl {
        return false;
    }
    match (spec.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) if spec.ctrl => a.eq_ignore_ascii_case(&b),
        (a, b) => a == b,
    }
}

fn find(table: &[Binding], ev: &KeyEvent) -> Option<Action> {
    table
        .iter()
        .find(|b| b.keys.iter().any(|k| matches(k, ev)))
        .map(|b| b.action.clone())
}

/// Text editing keys of a text field (printable characters, Backspace, arrows…).
fn text_edit(mode: Mode, ev: &KeyEvent) -> Option<Edit> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let multiline = mode == Mode::OutcomeNotes;
    match ev.code {
        // AltGr arrives as Ctrl+Alt on some terminals: still text.
        KeyCode::Char(c) if (!ctrl && !alt) || (ctrl && alt) => Some(Edit::Char(c)),
        KeyCode::Char('w') | KeyCode::Char('W') if ctrl => Some(Edit::DeleteWord),
        KeyCode::Char('u') | KeyCode::Char('U') if ctrl => Some(Edit::Clear),
        KeyCode::Char('a') | KeyCode::Char('A') if ctrl => Some(Edit::Home),
        KeyCode::Char('e') | KeyCode::Char('E') if ctrl => Some(Edit::End),
        KeyCode::Backspace => Some(Edit::Backspace),
        KeyCode::Delete => Some(Edit::Delete),
        KeyCode::Left => Some(Edit::Left),
        KeyCode::Right => Some(Edit::Right),
        KeyCode::Home => Some(Edit::Home),
        KeyCode::End => Some(Edit::End),
        KeyCode::Enter if multiline => Some(Edit::Newline),
        KeyCode::Up if multiline => Some(Edit::Up),
        KeyCode::Down if multiline => Some(Edit::Down),
        _ => None,
    }
}

/// The action for a key in the current state, if any. Key releases are ignored. Below the
/// minimum terminal size only the keys that quit act.
pub fn resolve(state: &AppState, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    if state.too_small() {
        if matches(&ctrl('c'), ev) {
            return Some(Action::Quit);
        }
        return resolve_sized(state, ev).filter(|a| *a == Action::Quit);
    }
    resolve_sized(state, ev)
}

fn resolve_sized(state: &AppState, ev: &KeyEvent) -> Option<Action> {
    let mode = mode(state);
    if matches(&ctrl('c'), ev) {
        return Some(if mode == Mode::Confirm {
            Action::Answer(false)
        } else {
            Action::Quit
        });
    }
    if let Some(a) = find(bindings(mode), ev) {
        return Some(a);
    }
    if mode.is_text() {
        return text_edit(mode, ev).map(Action::Edit);
    }
    if mode == Mode::OutcomeRating {
        if let KeyCode::Char(c @ '1'..='5') = ev.code {
            return Some(Action::SetRating(c as u8 - b'0'));
        }
    }
    if mode.uses_global() {
        return find(GLOBAL, ev);
    }
    None
}

/// The action for a bracketed paste: text for the focused field, never shortcuts. On the
/// suppliers list the paste goes into the search field.
pub fn resolve_paste(state: &AppState, text: String) -> Option<Action> {
    if state.too_small() {
        return None;
    }
    let mode = mode(state);
    if mode.is_text() || matches!(mode, Mode::SuppliersList | Mode::SupplierDetail) {
        Some(Action::Paste(text))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_modes_bind_no_printable_key() {
        for m in Mode::ALL.into_iter().filter(|m| m.is_text()) {
            for b in bindings(m) {
                for k in b.keys {
                    assert!(
                        !matches!(k.code, KeyCode::Char(_)) || k.ctrl,
                        "{m:?} binds a printable key {k:?}: typing would trigger it"
                    );
                }
            }
        }
    }

    #[test]
    fn every_esc_has_a_ctrl_g_twin() {
        for m in Mode::ALL {
            for b in bindings(m) {
                if b.keys.contains(&ESC) {
                    assert!(b.keys.contains(&CTRL_G), "{m:?}: Esc without Ctrl-G");
                }
            }
        }
    }

    #[test]
    fn no_key_bound_twice_in_a_mode() {
        for m in Mode::ALL {
            let mut seen: Vec<KeySpec> = Vec::new();
            let globals: &[Binding] = if m.uses_global() { GLOBAL } else { &[] };
            for b in bindings(m).iter().chain(globals) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{m:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }
}
