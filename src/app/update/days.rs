//! Forum days in the agenda: the day form (new on `c`, edit on `e`), saving it (an edit
//! that displaces meetings lists them and asks before moving them), and removing a day
//! (asks, then cancels its planned meetings, journaled by the store).

use super::data::{reload_days, reload_meetings, store_error};
use super::{error, info};
use crate::app::action::Action;
use crate::app::forms::{DayField, DayForm};
use crate::app::services::Services;
use crate::app::state::{AppState, Confirm, Modal};
use crate::domain::forum::local_hm;
use crate::domain::text::clean_line;
use crate::domain::{ForumDay, MeetingStatus};
use crate::store::{DayEdit, StoreError};

/// "12/03/2027".
fn shown(d: jiff::civil::Date) -> String {
    d.strftime("%d/%m/%Y").to_string()
}

/// Opens the form for a new day: today when no day is set up on it, else the day after
/// the last one, filled with a typical day's settings.
pub fn new_day_form(state: &mut AppState) {
    let date = if state.days.iter().any(|d| d.date == state.today) {
        let last = state
            .days
            .iter()
            .map(|d| d.date)
            .max()
            .unwrap_or(state.today);
        last.tomorrow().unwrap_or(last)
    } else {
        state.today
    };
    state.modal = Some(Modal::DayForm(Box::new(DayForm::new(date))));
}

/// Opens the form on the day the agenda shows.
pub fn edit_day_form(state: &mut AppState) {
    match state.agenda_day().cloned() {
        Some(day) => state.modal = Some(Modal::DayForm(Box::new(DayForm::edit(&day)))),
        None => error(state, state.texts.agenda_no_day.to_string()),
    }
}

/// Asks before removing the day the agenda shows, saying how many planned meetings it
/// would cancel.
pub fn ask_remove_day(state: &mut AppState) {
    let Some(date) = state.agenda_day().map(|d| d.date) else {
        return error(state, state.texts.agenda_no_day.to_string());
    };
    let planned = state
        .meetings
        .iter()
        .filter(|m| m.day == date && m.status == MeetingStatus::Planned)
        .count();
    state.confirm = Some(Confirm::RemoveDay { date, planned });
}

/// Keys on the open day form: focus, typing, saving.
pub(super) fn day_form(state: &mut AppState, action: Action, services: &mut Services) {
    let t = state.texts;
    let Some(Modal::DayForm(f)) = state.modal.as_mut() else {
        return;
    };
    match action {
        Action::NextPane => f.move_focus(true),
        Action::PrevPane => f.move_focus(false),
        Action::Submit if f.focus != DayField::Save => f.move_focus(true),
        Action::Submit | Action::Save => {
            let is_new = f.original.is_none();
            match f.to_day(t) {
                Ok(day) if is_new && state.days.iter().any(|d| d.date == day.date) => {
                    let msg = (t.day_exists_ui)(&shown(day.date));
                    f.error = Some(msg.clone());
                    error(state, msg);
                }
                Ok(day) => save_day(state, services, day, false),
                Err(msg) => {
                    f.error = Some(msg.clone());
                    error(state, msg);
                }
            }
        }
        Action::Edit(e) => {
            if let Some(i) = f.focused_input() {
                i.apply(&e);
            }
        }
        Action::Paste(text) => {
            if let Some(i) = f.focused_input() {
                // One line: a pasted list keeps its items, ";" between them.
                let line = text.lines().map(str::trim).collect::<Vec<_>>().join(" ; ");
                i.insert_str(&line);
            }
        }
        _ => {}
    }
}

/// Saves the day from the form. Without `move_confirmed`, an edit that would leave
/// meetings outside the new slots or tables lists them on the form (where each would go)
/// and asks; with it (the organiser said yes), each moves to its nearest free slot.
pub(super) fn save_day(
    state: &mut AppState,
    services: &mut Services,
    day: ForumDay,
    move_confirmed: bool,
) {
    let t = state.texts;
    let date = day.date;
    let how = if move_confirmed {
        DayEdit::Move
    } else {
        DayEdit::Refuse
    };
    let created = !state.days.iter().any(|d| d.date == date);
    match services
        .store
        .edit_forum_day(day.clone(), how, &state.buyer)
    {
        Ok(moved) => {
            state.modal = None;
            reload_days(state, services);
            if !moved.is_empty() {
                reload_meetings(state, services);
            }
            if let Some(i) = state.days.iter().position(|d| d.date == date) {
                state.agenda.day = i;
                let slots = state.days[i].slots().len();
                let tables = state.days[i].tables.len();
                state.agenda.slot = state.agenda.slot.min(slots.saturating_sub(1));
                state.agenda.table = state.agenda.table.min(tables.saturating_sub(1));
                let msg = if created {
                    (t.day_created)(&shown(date), slots, tables)
                } else {
                    (t.day_saved)(&shown(date), slots, tables, moved.len())
                };
                info(state, msg);
            }
        }
        Err(StoreError::DayMisfits { meetings, .. }) if !move_confirmed => {
            let st = crate::i18n::store::store_texts(state.lang);
            let lines: Vec<String> = meetings
                .iter()
                .map(|m| {
                    let to =
                        m.to.as_ref()
                            .map(|(ts, table)| format!("{} {}", local_hm(*ts), clean_line(table)));
                    (st.misfit_line)(
                        &format!("{} {}", local_hm(m.from_start), clean_line(&m.from_table)),
                        &clean_line(&m.supplier),
                        &clean_line(&m.buyers.join(", ")),
                        to.as_deref(),
                    )
                })
                .collect();
            let movable = meetings.iter().all(|m| m.to.is_some());
            let head = if movable {
                t.day_misfits_movable
            } else {
                t.day_misfits_stuck
            };
            if let Some(Modal::DayForm(f)) = state.modal.as_mut() {
                f.error = Some(format!("{head}\n{}", lines.join("\n")));
            }
            if movable {
                state.confirm = Some(Confirm::MoveMeetings {
                    day: Box::new(day),
                    count: meetings.len(),
                });
            } else {
                error(state, head.to_string());
            }
        }
        Err(e) => {
            let msg = store_error(t, &e);
            if let Some(Modal::DayForm(f)) = state.modal.as_mut() {
                f.error = Some(msg.clone());
            }
            error(state, msg);
        }
    }
}

/// Removes a day (the organiser said yes): its planned meetings are cancelled and
/// journaled by the store; a day with held meetings is refused with the store's reason.
pub(super) fn remove_day(state: &mut AppState, services: &mut Services, date: jiff::civil::Date) {
    let t = state.texts;
    match services.store.remove_forum_day(date, &state.buyer) {
        Ok(cancelled) => {
            reload_days(state, services);
            reload_meetings(state, services);
            state.agenda.slot = 0;
            state.agenda.table = 0;
            info(state, (t.day_removed)(&shown(date), cancelled));
        }
        Err(e) => error(state, store_error(t, &e)),
    }
}
