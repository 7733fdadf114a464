//! Actions while a popup form is open (need form, meeting planning, outcome).

use super::agenda::{plan_move, plan_submit};
use super::data::{reload_meetings, store_error};
use super::{error, info, needs};
use crate::app::action::Action;
use crate::app::forms::{NeedField, OutcomeField};
use crate::app::services::Services;
use crate::app::state::{AppState, Confirm, Modal};

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
            Action::Submit | Action::Save => plan_submit(state, services),
            a => plan_move(state, &a),
        },
        Some(Modal::Outcome(_)) => outcome_form(state, action, services),
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
    let result = need.and_then(|n| needs::save_need(state, services, n));
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
            f.rating = n.clamp(1, 5);
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
