//! Words of the agenda exports (`sourcing export agenda --format ics|html|csv`).

/// The agenda exports' words in one language (`sourcing export agenda`: iCalendar, HTML,
/// CSV). `slots` holds "{}" for the slot length in minutes.
#[derive(Debug)]
pub struct AgendaTexts {
    /// Typographic colon: " : " in French, ": " in English.
    pub colon: &'static str,
    /// Event summary prefix in iCalendar ("Rendez-vous").
    pub summary: &'static str,
    /// Calendar and page title prefix ("Agenda").
    pub calendar: &'static str,
    /// Title of the file holding everyone's agendas.
    pub all_title: &'static str,
    /// Label of the buyers of a meeting.
    pub buyers: &'static str,
    /// Label of a meeting's supplier.
    pub supplier: &'static str,
    /// Label of a meeting's need.
    pub need: &'static str,
    /// Label of a meeting's lot.
    pub lot: &'static str,
    /// Column header: the forum day.
    pub day: &'static str,
    /// Column header: the meeting's status.
    pub status: &'static str,
    /// Column header: the slot's time.
    pub time: &'static str,
    /// Column header and label: the table or room.
    pub table: &'static str,
    /// Column header: who the meeting is with.
    pub with: &'static str,
    /// Joins the other participants ("avec").
    pub along: &'static str,
    /// A page for someone without meetings.
    pub no_meeting: &'static str,
    /// Kind of agenda: a buyer's.
    pub buyer_kind: &'static str,
    /// Kind of agenda: a supplier's.
    pub supplier_kind: &'static str,
    /// Kind of agenda: a table's or room's.
    pub table_kind: &'static str,
    /// Slot length, "{}" replaced by the minutes.
    pub slots: &'static str,
    /// Footer: the print date follows.
    pub printed: &'static str,
    /// Time flag: the meeting was short.
    pub short: &'static str,
    /// Time flag: the meeting was long.
    pub long: &'static str,
    /// Label of a meeting's real length.
    pub real_length: &'static str,
    /// Between real and slot minutes ("32 min au lieu de 20").
    pub instead_of: &'static str,
    /// What the time flag means (equal treatment, art. R2111-1).
    pub flag_note: &'static str,
    /// Weekday names, Monday first.
    pub weekdays: [&'static str; 7],
    /// Month names, January first.
    pub months: [&'static str; 12],
    /// CSV header, in the order the cells are written.
    pub csv_columns: [&'static str; 13],
}
