//! Agenda tab: forum days, the slots × tables grid and "my meetings"; what a meeting
//! becomes (held, no-show, cancelled, outcome) is in [`super::workflow`].

use super::days::{ask_remove_day, edit_day_form, new_day_form};
use super::workflow::{meeting_action, open_detail};
use super::{error, move_sel};
use crate::app::action::Action;
use crate::app::services::Services;
use crate::app::state::{AgendaPane, AppState, Tab};
use crate::domain::MeetingId;

/// The meeting the agenda points at: the one in the selected cell, or the selected row of
/// "my meetings".
pub fn selected_meeting(state: &AppState) -> Option<MeetingId> {
    match state.agenda.pane {
        AgendaPane::Mine => state
            .my_meetings()
            .get(state.agenda.mine_selected)
            .map(|m| m.id),
        AgendaPane::Grid => {
            let day = state.agenda_day()?;
            let slot = day.slots().get(state.agenda.slot).copied()?;
            let table = day.tables.get(state.agenda.table)?;
            state.meeting_at(day, slot.start, table.id).map(|m| m.id)
        }
    }
}

pub(super) fn action(state: &mut AppState, action: Action, services: &mut Services) {
    let t = state.texts;
    match action {
        Action::NextPane => {
            state.agenda.pane = match state.agenda.pane {
                AgendaPane::Grid => AgendaPane::Mine,
                AgendaPane::Mine => AgendaPane::Grid,
            }
        }
        Action::NewDay => new_day_form(state),
        Action::EditDay => edit_day_form(state),
        Action::RemoveDay => ask_remove_day(state),
        Action::Schedule => super::schedule::open(state, services),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => match state.agenda.pane {
            AgendaPane::Grid => {
                let n = state.agenda_day().map(|d| d.slots().len()).unwrap_or(0);
                state.agenda.slot = move_sel(state.agenda.slot, n, &action);
            }
            AgendaPane::Mine => {
                let n = state.my_meetings().len();
                state.agenda.mine_selected = move_sel(state.agenda.mine_selected, n, &action);
            }
        },
        Action::Left | Action::Right => {
            let n = state
                .agenda_day()
                .map(|d| d.tables.len())
                .unwrap_or(0)
                .max(1);
            let a = &mut state.agenda;
            a.table = if action == Action::Right {
                (a.table + 1) % n
            } else {
                (a.table + n - 1) % n
            };
        }
        Action::NextDay if state.agenda.day + 1 < state.days.len() => {
            state.agenda.day += 1;
            state.agenda.slot = 0;
        }
        Action::PrevDay if state.agenda.day > 0 => {
            state.agenda.day -= 1;
            state.agenda.slot = 0;
        }
        Action::Open => {
            if let Some(id) = selected_meeting(state) {
                if let Some(s) = state
                    .meetings
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| m.supplier)
                {
                    open_detail(state, s, Some(Tab::Agenda));
                }
            }
        }
        Action::Held
        | Action::NoShow
        | Action::Outcome
        | Action::CancelMeeting
        | Action::StartMeeting
        | Action::EndMeeting => match selected_meeting(state) {
            Some(id) => meeting_action(state, services, id, action),
            None => error(state, t.no_meeting_here.to_string()),
        },
        _ => {}
    }
}
