//! Agenda tab and meetings: forum days, planning (the store refuses double booking),
//! held / no-show / cancelled, and opening the outcome form.

use super::data::{reload_days, reload_meetings, store_error};
use super::{error, info, move_sel, needs, suppliers};
use crate::app::action::Action;
use crate::app::forms::{OutcomeForm, PlanForm};
use crate::app::services::Services;
use crate::app::state::{AgendaPane, AppState, Modal, Tab};
use crate::domain::{
    ForumDay, Meeting, MeetingId, MeetingStatus, NeedId, SupplierId, TriageStatus,
};

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
            state.meeting_at(day, slot.index, table).map(|m| m.id)
        }
    }
}

/// Creates a typical forum day (today, or the day after the last one) and selects it.
fn new_day(state: &mut AppState, services: &Services) -> Option<usize> {
    let t = state.texts;
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
    let day = ForumDay::typical(date);
    match services.store.save_forum_day(day, &state.buyer) {
        Ok(()) => {
            reload_days(state, services);
            let i = state.days.iter().position(|d| d.date == date);
            if let Some(i) = i {
                state.agenda.day = i;
                state.agenda.slot = 0;
                state.agenda.table = 0;
            }
            info(
                state,
                (t.day_created)(&date.strftime("%d/%m/%Y").to_string()),
            );
            i
        }
        Err(e) => {
            error(state, store_error(t, &e));
            None
        }
    }
}

/// The first (slot, table) of `day` where the table, the supplier and the buyer are free.
fn first_free(state: &AppState, day: &ForumDay, supplier: SupplierId) -> (usize, usize) {
    for (si, slot) in day.slots().iter().enumerate() {
        let busy = state.meetings.iter().any(|m| {
            m.day == day.date
                && m.slot == slot.index
                && m.occupies_slot()
                && (m.supplier == supplier || m.buyers.contains(&state.buyer))
        });
        if busy {
            continue;
        }
        for (ti, table) in day.tables.iter().enumerate() {
            if state.meeting_at(day, slot.index, table).is_none() {
                return (si, ti);
            }
        }
    }
    (0, 0)
}

/// Opens the planning popup for a supplier (creating a typical day when there is none).
pub fn open_plan(
    state: &mut AppState,
    services: &Services,
    supplier: SupplierId,
    need: Option<NeedId>,
    lot: u32,
) {
    let mut created = None;
    if state.days.is_empty() {
        match new_day(state, services) {
            Some(_) => created = state.message.clone(),
            None => return,
        }
    }
    let day_idx = state
        .days
        .iter()
        .position(|d| d.date >= state.today)
        .unwrap_or(0);
    let Some(day) = state.days.get(day_idx).cloned() else {
        return;
    };
    let (slot, table) = first_free(state, &day, supplier);
    state.modal = Some(Modal::Plan(PlanForm {
        supplier,
        need,
        lot,
        day: day_idx,
        slot,
        table,
        error: None,
    }));
    state.message = created;
}

/// Moves the cell of the planning popup.
pub fn plan_move(state: &mut AppState, action: &Action) {
    let days = state.days.len();
    let Some(Modal::Plan(f)) = state.modal.as_mut() else {
        return;
    };
    f.error = None;
    match action {
        Action::NextDay if f.day + 1 < days => {
            f.day += 1;
            f.slot = 0;
        }
        Action::PrevDay if f.day > 0 => {
            f.day -= 1;
            f.slot = 0;
        }
        _ => {}
    }
    let Some(day) = state.days.get(f.day) else {
        return;
    };
    let slots = day.slots().len();
    let tables = day.tables.len().max(1);
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            f.slot = move_sel(f.slot, slots, action)
        }
        Action::Right => f.table = (f.table + 1) % tables,
        Action::Left => f.table = (f.table + tables - 1) % tables,
        _ => {}
    }
}

/// Books the meeting chosen in the planning popup. The store refuses a double booking;
/// the popup then stays open with the reason and what to do.
pub fn plan_submit(state: &mut AppState, services: &Services) {
    let t = state.texts;
    let Some(Modal::Plan(f)) = state.modal.clone() else {
        return;
    };
    let Some(day) = state.days.get(f.day).cloned() else {
        return;
    };
    let (Some(slot), Some(table)) = (day.slots().get(f.slot).copied(), day.tables.get(f.table))
    else {
        return;
    };
    let meeting = Meeting {
        supplier: f.supplier,
        buyers: vec![state.buyer.clone()],
        need: f.need,
        lot: f.lot,
        day: day.date,
        slot: slot.index,
        table: table.clone(),
        status: MeetingStatus::Planned,
        ..Default::default()
    };
    match services.store.plan_meeting(meeting, &state.buyer) {
        Ok(m) => {
            state.modal = None;
            reload_meetings(state, services);
            let name = state.supplier_name(m.supplier);
            let when = format!(
                "{} {}",
                day.date.strftime("%d/%m/%Y"),
                slot.start.strftime("%H:%M")
            );
            info(state, (t.meeting_planned)(&name, &when, &m.table));
            state.agenda.day = f.day;
            state.agenda.slot = f.slot;
            state.agenda.table = f.table;
            if let Some(need) = m.need {
                needs::bump_triage(
                    state,
                    services,
                    need,
                    m.lot,
                    m.supplier,
                    TriageStatus::ToMeet,
                );
            }
        }
        Err(e) => {
            let msg = store_error(t, &e);
            if let Some(Modal::Plan(f)) = state.modal.as_mut() {
                f.error = Some(msg.clone());
            }
            error(state, msg);
        }
    }
}

/// Held, no-show, cancel, or open the outcome form, for one meeting.
pub fn meeting_action(state: &mut AppState, services: &Services, id: MeetingId, action: Action) {
    let t = state.texts;
    let Some(m) = state.meetings.iter().find(|m| m.id == id).cloned() else {
        return;
    };
    let status = match action {
        Action::Held => MeetingStatus::Held,
        Action::NoShow => MeetingStatus::NoShow,
        Action::CancelMeeting => MeetingStatus::Cancelled,
        Action::Outcome => {
            if m.status == MeetingStatus::Cancelled {
                return error(state, t.meeting_cancelled_no_outcome.to_string());
            }
            let latest = state.outcomes.get(&id).and_then(|v| v.last());
            let form = OutcomeForm::new(id, latest, m.status == MeetingStatus::NoShow);
            state.modal = Some(Modal::Outcome(Box::new(form)));
            return;
        }
        _ => return,
    };
    let name = state.supplier_name(m.supplier);
    match services.store.set_meeting_status(id, status, &state.buyer) {
        Ok(m) => {
            reload_meetings(state, services);
            info(
                state,
                (t.meeting_status_changed)(&name, t.meeting_status(status)),
            );
            if status == MeetingStatus::Held {
                if let Some(need) = m.need {
                    needs::bump_triage(state, services, need, m.lot, m.supplier, TriageStatus::Met);
                }
            }
        }
        Err(e) => error(state, store_error(t, &e)),
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
        Action::NewDay => {
            new_day(state, services);
        }
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
                    suppliers::open_detail(state, s, Some(Tab::Agenda));
                }
            }
        }
        Action::Held | Action::NoShow | Action::Outcome | Action::CancelMeeting => {
            match selected_meeting(state) {
                Some(id) => meeting_action(state, services, id, action),
                None => error(state, t.no_meeting_here.to_string()),
            }
        }
        _ => {}
    }
}
