//! The organiser's schedule in the agenda: `p` computes it for the day shown and opens
//! the preview; Enter asks, and yes books exactly the meetings shown (each journaled by
//! the store); Esc closes it with nothing written.

use super::data::{reload_meetings, store_error};
use super::{error, info};
use crate::app::action::Action;
use crate::app::schedule_preview::build;
use crate::app::services::Services;
use crate::app::state::{AppState, Confirm, Modal};
use crate::domain::{MeetingStatus, Role};

/// Whether the buyer may make the schedule: an organiser, or anyone while the access
/// list is empty (single-user mode).
fn is_organiser(state: &AppState, services: &Services) -> bool {
    match services.store.buyers() {
        Ok(list) => {
            list.is_empty()
                || list
                    .iter()
                    .any(|b| b.login == state.buyer && b.role == Role::Organiser)
        }
        Err(_) => false,
    }
}

/// Computes the schedule of the agenda's day and opens its preview.
pub(super) fn open(state: &mut AppState, services: &mut Services) {
    let t = state.texts;
    let Some(day) = state.agenda_day().cloned() else {
        return error(state, t.agenda_no_day.to_string());
    };
    if !is_organiser(state, services) {
        return error(state, (t.schedule_organiser_only)(&state.buyer));
    }
    match build(&*services.store, &day, t) {
        Ok(p) => state.modal = Some(Modal::Schedule(Box::new(p))),
        Err(e) => error(state, store_error(t, &e)),
    }
}

/// Keys on the preview: scrolling, and Enter to ask before applying.
pub(super) fn preview_action(state: &mut AppState, action: Action) {
    let t = state.texts;
    let Some(Modal::Schedule(p)) = state.modal.as_mut() else {
        return;
    };
    match action {
        Action::Down => p.scroll = p.scroll.saturating_add(1),
        Action::Up => p.scroll = p.scroll.saturating_sub(1),
        Action::Submit | Action::Save => {
            if p.meetings.is_empty() {
                state.modal = None;
                info(state, t.schedule_nothing.to_string());
            } else {
                let count = p.meetings.len();
                state.confirm = Some(Confirm::ApplySchedule { count });
            }
        }
        _ => {}
    }
}

/// Books the preview's meetings; one another buyer took meanwhile is reported, the rest
/// kept. Closes the preview.
pub(super) fn apply(state: &mut AppState, services: &mut Services) {
    let t = state.texts;
    let Some(Modal::Schedule(p)) = state.modal.take() else {
        return;
    };
    for id in &p.released {
        if let Err(e) =
            services
                .store
                .set_meeting_status(*id, MeetingStatus::Cancelled, &state.buyer)
        {
            return error(state, store_error(t, &e));
        }
    }
    let mut booked = 0;
    let mut last_error = None;
    for m in p.meetings {
        match services.store.plan_meeting(m, &state.buyer) {
            Ok(_) => booked += 1,
            Err(e) => last_error = Some(store_error(t, &e)),
        }
    }
    reload_meetings(state, services);
    let done = (t.commands.schedule_applied)(booked, p.released.len());
    match last_error {
        Some(e) => error(state, format!("{done} {e}")),
        None => info(state, done),
    }
}
