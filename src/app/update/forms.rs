//! Actions while a popup form is open (need form, meeting planning, outcome), and saving
//! what they hold.

use super::data::{booking_error, reload_meetings, reload_needs, store_error};
use super::workflow::{bump_triage, open_need};
use super::{error, info, move_sel};
use crate::app::action::Action;
use crate::app::forms::{NeedField, OutcomeField};
use crate::app::services::Services;
use crate::app::state::{AppState, Confirm, Modal};
use crate::domain::forum::Presence;
use crate::domain::{Meeting, MeetingStatus, Need, TriageStatus};

pub(super) fn modal_action(state: &mut AppState, action: Action, services: &mut Services) {
    if action == Action::Back {
        if crate::app::drafts::form_is_dirty(state) {
            // Unsaved changes: ask; the draft stays until the buyer answers yes or saves.
            state.confirm = Some(Confirm::DiscardForm);
        } else {
            state.modal = None;
        }
        return;
    }
    match state.modal.as_mut() {
        Some(Modal::NeedForm(_)) => need_form(state, action, services),
        Some(Modal::Plan(_)) => match action {
            Action::Submit | Action::Save => plan_submit(state, services, false),
            a => plan_move(state, &a),
        },
        Some(Modal::Outcome(_)) => outcome_form(state, action, services),
        Some(Modal::DayForm(_)) => super::days::day_form(state, action, services),
        Some(Modal::Schedule(_)) => super::schedule::preview_action(state, action),
        Some(Modal::ScoreDetail(d)) => match action {
            Action::Down => d.scroll = d.scroll.saturating_add(1),
            Action::Up => d.scroll = d.scroll.saturating_sub(1),
            _ => {}
        },
        None => {}
    }
}

fn need_form(state: &mut AppState, action: Action, services: &mut Services) {
    let themes = state.themes.clone();
    let Some(Modal::NeedForm(f)) = state.modal.as_mut() else {
        return;
    };
    let save = match action {
        Action::NextPane => {
            f.move_focus(true);
            false
        }
        Action::PrevPane => {
            f.move_focus(false);
            false
        }
        Action::Submit if f.focus != NeedField::Save => {
            f.move_focus(true);
            false
        }
        Action::Submit | Action::Save => true,
        Action::Left => {
            f.choose(false, &themes);
            false
        }
        Action::Right => {
            f.choose(true, &themes);
            false
        }
        Action::Toggle => {
            f.toggle(&themes);
            false
        }
        Action::Edit(e) => {
            if let Some(i) = f.focused_input() {
                i.apply(&e);
            }
            false
        }
        Action::Paste(text) => {
            if let Some(i) = f.focused_input() {
                i.insert_str(&text);
            }
            false
        }
        _ => false,
    };
    if !save {
        return;
    }
    let need = f.to_need(&state.buyer, &themes, state.texts);
    let result = need.and_then(|n| save_need(state, services, n));
    if let Err(msg) = result {
        if let Some(Modal::NeedForm(f)) = state.modal.as_mut() {
            f.error = Some(msg.clone());
        }
        error(state, msg);
    }
}

fn outcome_form(state: &mut AppState, action: Action, services: &mut Services) {
    let Some(Modal::Outcome(f)) = state.modal.as_mut() else {
        return;
    };
    let save = match action {
        Action::NextPane => {
            f.move_focus(true);
            false
        }
        Action::PrevPane => {
            f.move_focus(false);
            false
        }
        Action::Submit if f.focus != OutcomeField::Save => {
            f.move_focus(true);
            false
        }
        Action::Submit | Action::Save => true,
        Action::Left => {
            f.choose(false);
            false
        }
        Action::Right => {
            f.choose(true);
            false
        }
        Action::SetRating(n) => {
            f.rating = Some(n.clamp(1, 5));
            false
        }
        Action::Toggle => {
            f.toggle();
            false
        }
        Action::Edit(e) => {
            f.edit(&e);
            false
        }
        Action::Paste(text) => {
            f.paste(&text);
            false
        }
        _ => false,
    };
    if !save {
        return;
    }
    let t = state.texts;
    let outcome = match f.to_outcome(&state.buyer, (services.now)(), t) {
        Ok(o) => o,
        Err(msg) => {
            f.error = Some(msg.clone());
            return error(state, msg);
        }
    };
    let meeting = outcome.meeting;
    // An outcome is of a meeting that happened or did not: a still planned one becomes
    // held (or no-show when it did not take place) first, as the form said.
    let planned = state
        .meetings
        .iter()
        .any(|m| m.id == meeting && m.status == MeetingStatus::Planned);
    if planned {
        let to = if outcome.next_step == crate::domain::NextStep::DidNotTakePlace {
            MeetingStatus::NoShow
        } else {
            MeetingStatus::Held
        };
        if let Err(e) = services.store.set_meeting_status(meeting, to, &state.buyer) {
            let msg = store_error(t, &e);
            if let Some(Modal::Outcome(f)) = state.modal.as_mut() {
                f.error = Some(msg.clone());
            }
            return error(state, msg);
        }
    }
    match services.store.log_outcome(outcome, &state.buyer) {
        Ok(saved) => {
            state.modal = None;
            reload_meetings(state, services);
            let name = state
                .meetings
                .iter()
                .find(|m| m.id == meeting)
                .map(|m| state.supplier_name(m.supplier))
                .unwrap_or_default();
            info(state, (t.outcome_saved)(saved.version, &name));
        }
        Err(e) => {
            let msg = store_error(t, &e);
            if let Some(Modal::Outcome(f)) = state.modal.as_mut() {
                f.error = Some(msg.clone());
            }
            error(state, msg);
        }
    }
}

/// Saves a need from the form; on Ok the form closes and the need opens.
pub fn save_need(state: &mut AppState, services: &Services, need: Need) -> Result<(), String> {
    let t = state.texts;
    match services.store.save_need(need, &state.buyer) {
        Ok(saved) => {
            state.modal = None;
            reload_needs(state, services);
            let title = saved.title.clone();
            open_need(state, services, saved.id);
            let refreshed = super::workflow::refresh_shortlist_scores(state, services, saved.id);
            if refreshed > 0 {
                info(state, (t.need_saved_refreshed)(&title, refreshed));
            } else {
                info(state, (t.need_saved)(&title));
            }
            Ok(())
        }
        Err(e) => Err(store_error(t, &e)),
    }
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
/// the popup then stays open with the reason and what to do. Unless `forced`, a slot the
/// supplier's registration does not cover asks first ([`Confirm::PlanOutsideAvailability`]).
pub fn plan_submit(state: &mut AppState, services: &Services, forced: bool) {
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
    if !forced {
        if let Some(question) = plan_doubt(state, services, &f) {
            state.confirm = Some(Confirm::PlanDespite { question });
            return;
        }
    }
    if !forced && day.presence(f.supplier, &slot) != Presence::Available {
        state.confirm = Some(Confirm::PlanOutsideAvailability {
            supplier: state.supplier_name(f.supplier),
            at: slot.start_hm(),
            windows: day.windows_hm(f.supplier).join(", "),
        });
        return;
    }
    let meeting = Meeting {
        supplier: f.supplier,
        buyers: vec![state.buyer.clone()],
        need: f.need,
        lot: f.lot,
        day: day.date,
        start: slot.start,
        table: table.id,
        status: MeetingStatus::Planned,
        ..Default::default()
    };
    match services.store.plan_meeting(meeting, &state.buyer) {
        Ok(m) => {
            state.modal = None;
            reload_meetings(state, services);
            let name = state.supplier_name(m.supplier);
            let when = format!("{} {}", day.date.strftime("%d/%m/%Y"), slot.start_hm());
            info(
                state,
                (t.meeting_planned)(&name, &when, day.table_name(m.table)),
            );
            state.agenda.day = f.day;
            state.agenda.slot = f.slot;
            state.agenda.table = f.table;
            if let Some(need) = m.need {
                bump_triage(
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
            let msg = booking_error(state, services, &e);
            if let Some(Modal::Plan(f)) = state.modal.as_mut() {
                f.error = Some(msg.clone());
            }
            error(state, msg);
        }
    }
}

/// Why planning this meeting deserves a question: the supplier is set aside for the need,
/// or was already met for it (held). None when nothing stands against it.
fn plan_doubt(
    state: &mut AppState,
    services: &Services,
    f: &crate::app::forms::PlanForm,
) -> Option<String> {
    let t = state.texts;
    let need = f.need?;
    let name = crate::domain::text::clean_line(&state.supplier_name(f.supplier));
    let met = state.meetings.iter().find(|m| {
        m.need == Some(need) && m.supplier == f.supplier && m.status == MeetingStatus::Held
    });
    if let Some(m) = met {
        let when = format!(
            "{} {}",
            m.day.strftime("%d/%m"),
            crate::domain::forum::local_hm(m.start)
        );
        return Some((t.confirm_plan_met)(&name, &when));
    }
    let set_aside = super::data::shortlist_of(state, services, need, f.lot)
        .iter()
        .any(|e| e.supplier == f.supplier && e.status == TriageStatus::SetAside);
    set_aside.then(|| (t.confirm_plan_set_aside)(&name))
}
