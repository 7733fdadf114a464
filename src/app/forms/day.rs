//! The forum day form (journée du forum): date, title, place, hours, slot length, breaks,
//! tables and quotas, all typed as an organiser writes them ("9h", "Déjeuner 12:30-13:30 ;
//! Pause 15:30-15:45", "Seine @ salle 1 ; Marne"), and the day they describe.

use super::fields::{cycle, parse_date};
use crate::app::drafts::DayDraft;
use crate::app::input::TextInput;
use crate::domain::forum::parse::{break_spec, table_spec, time};
use crate::domain::forum::Table;
use crate::domain::text::clean_line;
use crate::domain::ForumDay;
use crate::i18n::Texts;

/// Fields of the day form, in focus order. Every field but [`DayField::Save`] is typed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayField {
    /// Date, DD/MM/YYYY (only for a new day: a day is identified by its date).
    Date,
    /// Title, e.g. "Forum de l'achat public innovant — Bâtiment & Énergie".
    Title,
    /// Place, e.g. "Saint-Ouen, siège de la Région".
    Place,
    /// Opening time, local ("9:00", "9h").
    Opens,
    /// Closing time, local.
    Closes,
    /// Slot length in minutes (5 to 240).
    SlotMinutes,
    /// Breaks, ";" between them: "Déjeuner 12:30-13:30 ; Pause 15:30-15:45".
    Breaks,
    /// Tables, ";" between them, each "Nom [@ salle]".
    Tables,
    /// Most meetings per supplier this day (empty or 0: no limit).
    MaxPerSupplier,
    /// Most meetings per buyer this day (empty or 0: no limit).
    MaxPerBuyer,
    /// The save button.
    Save,
}

impl DayField {
    /// Fields in focus order.
    pub const ALL: [DayField; 11] = [
        Self::Date,
        Self::Title,
        Self::Place,
        Self::Opens,
        Self::Closes,
        Self::SlotMinutes,
        Self::Breaks,
        Self::Tables,
        Self::MaxPerSupplier,
        Self::MaxPerBuyer,
        Self::Save,
    ];
    /// Position of a text field in [`DayForm`]'s inputs (None for the save button).
    fn slot(self) -> Option<usize> {
        Self::ALL[..10].iter().position(|f| *f == self)
    }
}

/// The day form (création ou modification d'une journée du forum).
#[derive(Debug, Clone)]
pub struct DayForm {
    /// The day being edited (None: a new day). Its date cannot change: move meetings to
    /// another day by editing that day instead.
    pub original: Option<ForumDay>,
    /// The typed fields, in [`DayField::ALL`] order (the save button excepted).
    inputs: [TextInput; 10],
    /// Focused field.
    pub focus: DayField,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// The content as the form opened: the form has unsaved changes when it differs.
    pub pristine: DayDraft,
}

/// "12:30" for a local time.
fn hm(t: jiff::civil::Time) -> String {
    t.strftime("%H:%M").to_string()
}

/// A day's breaks as the form shows them: "Déjeuner 12:30-13:30 ; Pause 15:30-15:45".
pub fn format_breaks(day: &ForumDay) -> String {
    day.breaks
        .iter()
        .map(|b| {
            let range = format!("{}-{}", hm(b.start), hm(b.end));
            if b.label.is_empty() {
                range
            } else {
                format!("{} {range}", b.label)
            }
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// A day's tables as the form shows them: "Seine @ salle 1 ; Marne".
pub fn format_tables(day: &ForumDay) -> String {
    day.tables
        .iter()
        .map(|t| {
            if t.room.is_empty() {
                t.name.clone()
            } else {
                format!("{} @ {}", t.name, t.room)
            }
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

impl DayForm {
    /// A form for a new day on `date`, filled with a typical day's settings (9:00–17:00,
    /// 20-minute slots, lunch 12:30–13:30, 6 tables) for the organiser to change.
    pub fn new(date: jiff::civil::Date) -> Self {
        let mut f = Self::from_day(&ForumDay::typical(date));
        f.original = None;
        f.pristine = f.to_draft();
        f
    }

    /// A form filled from an existing day.
    pub fn edit(day: &ForumDay) -> Self {
        let mut f = Self::from_day(day);
        f.focus = DayField::Title;
        f
    }

    fn from_day(day: &ForumDay) -> Self {
        let quota = |q: Option<u32>| q.map(|n| n.to_string()).unwrap_or_default();
        let draft = DayDraft {
            date: day.date.strftime("%d/%m/%Y").to_string(),
            title: day.title.clone(),
            place: day.place.clone(),
            opens: hm(day.opens),
            closes: hm(day.closes),
            slot_minutes: day.slot_minutes.to_string(),
            breaks: format_breaks(day),
            tables: format_tables(day),
            max_per_supplier: quota(day.max_per_supplier),
            max_per_buyer: quota(day.max_per_buyer),
        };
        let mut f = DayForm {
            original: Some(day.clone()),
            inputs: Default::default(),
            focus: DayField::Date,
            error: None,
            pristine: draft.clone(),
        };
        f.apply_draft(&draft);
        f
    }

    /// The text of a field ("" for the save button).
    pub fn text(&self, field: DayField) -> &str {
        field
            .slot()
            .and_then(|i| self.inputs.get(i))
            .map_or("", |i| i.text())
    }

    /// The input of a field, to draw its cursor.
    pub fn input(&self, field: DayField) -> Option<&TextInput> {
        field.slot().and_then(|i| self.inputs.get(i))
    }

    /// The typed content, as a draft.
    pub fn to_draft(&self) -> DayDraft {
        let s = |f| self.text(f).to_string();
        DayDraft {
            date: s(DayField::Date),
            title: s(DayField::Title),
            place: s(DayField::Place),
            opens: s(DayField::Opens),
            closes: s(DayField::Closes),
            slot_minutes: s(DayField::SlotMinutes),
            breaks: s(DayField::Breaks),
            tables: s(DayField::Tables),
            max_per_supplier: s(DayField::MaxPerSupplier),
            max_per_buyer: s(DayField::MaxPerBuyer),
        }
    }

    /// Puts a draft's content in the form (the day edited and the pristine content stay;
    /// an edited day keeps its date).
    pub fn apply_draft(&mut self, d: &DayDraft) {
        let date = match &self.original {
            Some(day) => day.date.strftime("%d/%m/%Y").to_string(),
            None => d.date.clone(),
        };
        let texts = [
            &date,
            &d.title,
            &d.place,
            &d.opens,
            &d.closes,
            &d.slot_minutes,
            &d.breaks,
            &d.tables,
            &d.max_per_supplier,
            &d.max_per_buyer,
        ];
        for (input, text) in self.inputs.iter_mut().zip(texts) {
            *input = TextInput::with_text(text);
        }
    }

    /// True when the content differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.to_draft() != self.pristine
    }

    /// The focused text field, if the focus is on one that can be typed in (an edited
    /// day's date cannot).
    pub fn focused_input(&mut self) -> Option<&mut TextInput> {
        if self.focus == DayField::Date && self.original.is_some() {
            return None;
        }
        let i = self.focus.slot()?;
        self.inputs.get_mut(i)
    }

    /// Moves the focus to the next (or previous) field; an edited day's date is skipped.
    pub fn move_focus(&mut self, forward: bool) {
        self.focus = cycle(&DayField::ALL, self.focus, forward);
        if self.focus == DayField::Date && self.original.is_some() {
            self.focus = cycle(&DayField::ALL, self.focus, forward);
        }
    }

    /// The day this form describes, or why it cannot be saved (the message names the
    /// field and gives an example). Tables keep their id (hence their meetings) when their
    /// name stays, and when a table is renamed in place (same position, old name gone).
    /// The store then checks the day's own rules and the meetings it already holds.
    pub fn to_day(&self, t: &Texts) -> Result<ForumDay, String> {
        let date = match &self.original {
            Some(day) => day.date,
            None => parse_date(self.text(DayField::Date), t)?
                .ok_or_else(|| t.day_date_required.to_string())?,
        };
        let mut day = self
            .original
            .clone()
            .unwrap_or_else(|| ForumDay::typical(date));
        day.date = date;
        day.title = clean_line(self.text(DayField::Title));
        day.place = clean_line(self.text(DayField::Place));
        let hour = |field: DayField, label: &str| {
            let s = self.text(field);
            time(s).ok_or_else(|| (t.day_bad_time)(label, &clean_line(s)))
        };
        day.opens = hour(DayField::Opens, t.f_day_opens)?;
        day.closes = hour(DayField::Closes, t.f_day_closes)?;
        let slot = self.text(DayField::SlotMinutes).trim();
        day.slot_minutes = slot
            .parse::<u16>()
            .ok()
            .filter(|m| (5..=240).contains(m))
            .ok_or_else(|| (t.day_bad_slot)(&clean_line(slot)))?;
        day.breaks = Vec::new();
        for part in parts(self.text(DayField::Breaks)) {
            day.breaks
                .push(break_spec(part).ok_or_else(|| (t.day_bad_break)(&clean_line(part)))?);
        }
        let before = self.original.as_ref().map_or(&[][..], |d| &d.tables[..]);
        let wanted: Vec<(String, String)> = parts(self.text(DayField::Tables))
            .map(table_spec)
            .filter(|(name, _)| !name.is_empty())
            .collect();
        day.tables = keep_table_ids(before, wanted);
        let quota = |field: DayField, label: &str| -> Result<Option<u32>, String> {
            let s = self.text(field).trim();
            if s.is_empty() {
                return Ok(None);
            }
            let n: u32 = s
                .parse()
                .map_err(|_| (t.day_bad_quota)(label, &clean_line(s)))?;
            Ok((n > 0).then_some(n))
        };
        day.max_per_supplier = quota(DayField::MaxPerSupplier, t.f_day_max_supplier)?;
        day.max_per_buyer = quota(DayField::MaxPerBuyer, t.f_day_max_buyer)?;
        Ok(day)
    }
}

/// The ";"-separated parts of a field, trimmed, empty ones left out.
fn parts(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|p| !p.is_empty())
}

/// The tables typed, with ids: a table keeps its id when its name is one of the day's; a
/// table renamed in place (at the position of a table whose name is no longer typed) keeps
/// that table's id; a new table gets 0, for the store to number.
fn keep_table_ids(before: &[Table], wanted: Vec<(String, String)>) -> Vec<Table> {
    let typed: Vec<String> = wanted.iter().map(|(n, _)| clean_line(n)).collect();
    let same = |a: &str, b: &str| {
        crate::domain::text::identity_fold(a) == crate::domain::text::identity_fold(b)
    };
    let mut taken: Vec<u32> = Vec::new();
    let mut out: Vec<Table> = Vec::with_capacity(wanted.len());
    for (i, (name, room)) in wanted.into_iter().enumerate() {
        let by_name = before
            .iter()
            .find(|t| same(&t.name, &name) && !taken.contains(&t.id));
        let in_place = before
            .get(i)
            .filter(|t| !taken.contains(&t.id) && !typed.iter().any(|n| same(n, &t.name)));
        let id = by_name.or(in_place).map_or(0, |t| t.id);
        if id != 0 {
            taken.push(id);
        }
        out.push(Table { id, name, room });
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::i18n::FR;
    use jiff::civil::{date, Time};

    fn set(f: &mut DayForm, field: DayField, text: &str) {
        f.focus = field;
        *f.focused_input().unwrap() = TextInput::with_text(text);
    }

    #[test]
    fn a_new_day_reads_hours_breaks_tables_and_quotas_as_organisers_type_them() {
        let mut f = DayForm::new(date(2027, 3, 12));
        assert!(!f.is_dirty());
        assert_eq!(f.text(DayField::Breaks), "Déjeuner 12:30-13:30");
        set(&mut f, DayField::Title, "Forum Bâtiment & Énergie");
        set(&mut f, DayField::Opens, "8h30");
        set(&mut f, DayField::Closes, "16 h");
        set(&mut f, DayField::SlotMinutes, "30");
        set(
            &mut f,
            DayField::Breaks,
            "Déjeuner 12:30-13:30 ; 15h-15h15 Pause",
        );
        set(&mut f, DayField::Tables, "Seine @ salle 1 ; Marne ;  ");
        set(&mut f, DayField::MaxPerSupplier, "4");
        set(&mut f, DayField::MaxPerBuyer, "0");
        assert!(f.is_dirty());
        let d = f.to_day(&FR).unwrap();
        assert_eq!(d.date, date(2027, 3, 12));
        assert_eq!(d.title, "Forum Bâtiment & Énergie");
        assert_eq!(
            (d.opens, d.closes),
            (Time::constant(8, 30, 0, 0), Time::constant(16, 0, 0, 0))
        );
        assert_eq!(d.slot_minutes, 30);
        let labels: Vec<&str> = d.breaks.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["Déjeuner", "Pause"]);
        let tables: Vec<(u32, &str, &str)> = d
            .tables
            .iter()
            .map(|t| (t.id, t.name.as_str(), t.room.as_str()))
            .collect();
        assert_eq!(tables, [(0, "Seine", "salle 1"), (0, "Marne", "")]);
        assert_eq!((d.max_per_supplier, d.max_per_buyer), (Some(4), None));
    }

    #[test]
    fn bad_input_names_the_field_and_the_value() {
        let mut f = DayForm::new(date(2027, 3, 12));
        set(&mut f, DayField::Date, "31/02/2027");
        assert!(f.to_day(&FR).unwrap_err().contains("31/02/2027"));
        set(&mut f, DayField::Date, "");
        assert!(f.to_day(&FR).is_err());
        set(&mut f, DayField::Date, "12/03/2027");
        set(&mut f, DayField::Opens, "midi");
        let e = f.to_day(&FR).unwrap_err();
        assert!(e.contains("midi") && e.contains(FR.f_day_opens), "{e}");
        set(&mut f, DayField::Opens, "9:00");
        set(&mut f, DayField::SlotMinutes, "2");
        assert!(f.to_day(&FR).unwrap_err().contains('2'));
        set(&mut f, DayField::SlotMinutes, "20");
        set(&mut f, DayField::Breaks, "Déjeuner à midi");
        assert!(f.to_day(&FR).unwrap_err().contains("Déjeuner à midi"));
        set(&mut f, DayField::Breaks, "");
        set(&mut f, DayField::MaxPerBuyer, "trois");
        let e = f.to_day(&FR).unwrap_err();
        assert!(e.contains("trois") && e.contains(FR.f_day_max_buyer), "{e}");
    }

    #[test]
    fn an_edited_day_keeps_its_date_and_its_tables_ids_through_renames() {
        let mut day = ForumDay::typical(date(2027, 3, 12));
        day.tables = vec![
            Table::named(1, "Seine"),
            Table::named(2, "Marne"),
            Table::named(3, "Oise"),
        ];
        let mut f = DayForm::edit(&day);
        assert_eq!(f.focus, DayField::Title);
        f.focus = DayField::Date;
        assert!(f.focused_input().is_none(), "an edited day's date is fixed");
        f.move_focus(false);
        assert_eq!(f.focus, DayField::Save);
        f.move_focus(true);
        assert_eq!(f.focus, DayField::Title, "the date is skipped");
        // Grand Morin new (Seine is still typed), Marne kept by its name, Oise renamed Yonne
        // in place (its name is gone), Seine moved to the end (names fold case).
        set(
            &mut f,
            DayField::Tables,
            "Grand Morin ; Marne @ 2e étage ; Yonne ; seine",
        );
        let d = f.to_day(&FR).unwrap();
        let ids: Vec<(u32, &str)> = d.tables.iter().map(|t| (t.id, t.name.as_str())).collect();
        assert_eq!(
            ids,
            [(0, "Grand Morin"), (2, "Marne"), (3, "Yonne"), (1, "seine")]
        );
        set(&mut f, DayField::Tables, "Seine ; Loire ; Oise");
        let d = f.to_day(&FR).unwrap();
        let ids: Vec<u32> = d.tables.iter().map(|t| t.id).collect();
        assert_eq!(ids, [1, 2, 3], "Marne renamed Loire in place keeps id 2");
        assert_eq!(d.date, date(2027, 3, 12));
    }

    #[test]
    fn a_draft_round_trips_and_an_edited_day_keeps_its_date() {
        let day = ForumDay::typical(date(2027, 3, 12));
        let mut f = DayForm::edit(&day);
        set(&mut f, DayField::Place, "Saint-Ouen");
        let mut d = f.to_draft();
        d.date = "01/01/2030".into();
        let mut g = DayForm::edit(&day);
        g.apply_draft(&d);
        assert_eq!(g.text(DayField::Place), "Saint-Ouen");
        assert_eq!(g.text(DayField::Date), "12/03/2027");
        assert!(g.is_dirty());
    }
}
