//! What the user asked for, after the keymap translated a key (or a paste) into intent.

use super::input::Edit;
use super::state::Tab;

/// An intent of the user, independent of the key that produced it. [`super::update`]
/// applies it to the state; the keymap ([`super::keymap`]) documents which key gives which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leaves the program (everything acknowledged is already on disk).
    Quit,
    /// Opens or closes the help overlay.
    Help,
    /// Closes the current popup or form, or goes back one level (Esc, Ctrl-G).
    Back,
    /// Shows a tab.
    Tab(Tab),
    /// Next pane, or next field in a form.
    NextPane,
    /// Previous field in a form.
    PrevPane,
    /// Moves the selection up one row.
    Up,
    /// Moves the selection down one row.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// Left (previous table, previous choice).
    Left,
    /// Right (next table, next choice).
    Right,
    /// Opens the selected item (Enter).
    Open,
    /// Puts the focus in the search field.
    Search,
    /// Adds the selected supplier to the shortlist of the current need.
    Shortlist,
    /// Plans a meeting with the selected supplier.
    Plan,
    /// Logs an outcome for the selected meeting.
    Outcome,
    /// Marks the selected meeting held.
    Held,
    /// Stamps the selected meeting's real start ("Commencer").
    StartMeeting,
    /// Stamps the selected meeting's real end ("Terminer"); it is then held.
    EndMeeting,
    /// Marks the selected meeting as a no-show.
    NoShow,
    /// Cancels the selected meeting.
    CancelMeeting,
    /// Opens the form for a new need.
    NewNeed,
    /// Opens the form on the selected need.
    EditNeed,
    /// Removes the selected shortlist entry.
    Remove,
    /// Moves the selected shortlist entry to its next triage status.
    TriageNext,
    /// Marks the selected shortlist entry retained.
    Retain,
    /// Sets the selected shortlist entry aside.
    SetAside,
    /// Makes the selected shortlist entry a meeting request ("à rencontrer") and cycles
    /// its priority 1 → 2 → 3 → 1 (a new request starts at 1).
    RequestPriority,
    /// Shows the next lot of the open need.
    NextLot,
    /// Computes the organiser's schedule for the agenda's day and shows it (nothing is
    /// written until it is confirmed).
    Schedule,
    /// Shows the selected supplier's score part by part, in plain words.
    ScoreDetail,
    /// Previous forum day.
    PrevDay,
    /// Next forum day.
    NextDay,
    /// Opens the day form for a new forum day (today, or the day after the last one,
    /// filled with a typical day's settings).
    NewDay,
    /// Opens the day form on the day the agenda shows.
    EditDay,
    /// Asks before removing the day the agenda shows (its planned meetings are cancelled).
    RemoveDay,
    /// Toggles the focused choice (Space).
    Toggle,
    /// Saves the open form (Ctrl-S).
    Save,
    /// Enter in a form: next field, or save on the last one.
    Submit,
    /// Sets the rating of the outcome form (1 to 5).
    SetRating(u8),
    /// Edits the focused text field.
    Edit(Edit),
    /// Text pasted by the terminal (bracketed paste): goes into the focused field as text.
    Paste(String),
    /// The buyer's answer to the question on screen ("Abandonner les modifications ?"):
    /// true for yes (o/y), false for no (n, Esc, Ctrl-G, Ctrl-C).
    Answer(bool),
    /// Periodic wake-up: collect background results (search, loading).
    Tick,
}
