//! Suppliers tab: search field, result list, supplier detail.

use super::workflow::{
    add_to_shortlist, current_need_and_lot, meeting_action, open_detail, open_plan,
};
use super::{move_sel, SEARCH_LIMIT};
use crate::app::action::Action;
use crate::app::input::Edit;
use crate::app::services::Services;
use crate::app::state::{AppState, SupplierPane};
use crate::domain::SupplierId;

/// Sends the current query to the search worker (or remembers to, until it is ready).
pub fn send_query(state: &mut AppState, services: &mut Services) {
    match &services.search {
        Some(w) => match w.request(state.suppliers.query.text(), SEARCH_LIMIT) {
            Ok(seq) => {
                state.suppliers.requested_seq = seq;
                state.suppliers.unsent = false;
                state.searching = true;
            }
            Err(e) => {
                // Not retried on each tick (that would hammer a lost server): the next
                // keystroke sends the query again, as the message says.
                state.suppliers.unsent = false;
                let text = crate::i18n::Render::render(&e, state.lang);
                super::error(state, text);
            }
        },
        None => state.suppliers.unsent = true,
    }
}

/// The supplier the suppliers tab points at: the opened one in the detail pane, else the
/// selected result.
pub fn selected_supplier(state: &AppState) -> Option<SupplierId> {
    let s = &state.suppliers;
    if s.pane == SupplierPane::Detail && s.detail.is_some() {
        return s.detail;
    }
    s.hits.get(s.selected).map(|h| h.id)
}

pub(super) fn action(state: &mut AppState, action: Action, services: &mut Services) {
    if state.suppliers.editing {
        return search_field(state, action, services);
    }
    let detail = state.suppliers.pane == SupplierPane::Detail && state.suppliers.detail.is_some();
    match action {
        Action::Search => {
            state.suppliers.editing = true;
            state.suppliers.replace_on_type = !state.suppliers.query.text().is_empty();
        }
        Action::Paste(text) => {
            state.suppliers.editing = true;
            state.suppliers.query.insert_str(&text);
            send_query(state, services);
        }
        Action::NextPane => {
            state.suppliers.pane = if detail || state.suppliers.detail.is_none() {
                SupplierPane::List
            } else {
                SupplierPane::Detail
            };
        }
        Action::Back if detail => {
            state.suppliers.pane = SupplierPane::List;
            if let Some(t) = state.suppliers.return_tab.take() {
                state.tab = t;
            }
        }
        Action::Up | Action::Down | Action::PageUp | Action::PageDown if detail => {
            let s = &mut state.suppliers.detail_scroll;
            *s = match action {
                Action::Down => s.saturating_add(1),
                Action::Up => s.saturating_sub(1),
                Action::PageDown => s.saturating_add(super::PAGE as u16),
                _ => s.saturating_sub(super::PAGE as u16),
            };
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            let s = &mut state.suppliers;
            s.selected = move_sel(s.selected, s.hits.len(), &action);
        }
        Action::Open => {
            if let Some(h) = state.suppliers.hits.get(state.suppliers.selected) {
                let id = h.id;
                open_detail(state, id, None);
            }
        }
        Action::Shortlist => {
            if let Some(id) = selected_supplier(state) {
                add_to_shortlist(state, services, id);
            }
        }
        Action::Plan => {
            if let Some(id) = selected_supplier(state) {
                let (need, lot) = current_need_and_lot(state);
                open_plan(state, services, id, need, lot);
            }
        }
        Action::Outcome | Action::Held | Action::NoShow if detail => {
            let Some(id) = state.suppliers.detail else {
                return;
            };
            match state.latest_meeting_of(id).map(|m| m.id) {
                Some(m) => meeting_action(state, services, m, action),
                None => {
                    let t = state.texts;
                    super::error(state, t.no_meeting_for_supplier.to_string());
                }
            }
        }
        _ => {}
    }
}

fn search_field(state: &mut AppState, action: Action, services: &mut Services) {
    let replace = std::mem::take(&mut state.suppliers.replace_on_type);
    if replace && matches!(action, Action::Edit(Edit::Char(_)) | Action::Paste(_)) {
        state.suppliers.query.apply(&Edit::Clear);
    }
    match action {
        Action::Edit(e) if state.suppliers.query.apply(&e) => send_query(state, services),
        Action::Paste(text) => {
            state.suppliers.query.insert_str(&text);
            send_query(state, services);
        }
        // Tab completes a filter name or value under the cursor (stays when several fit
        // and nothing more is common); otherwise moves on.
        Action::NextPane => match complete_filter(state) {
            Some(true) => send_query(state, services),
            Some(false) => {}
            None => leave_field(state),
        },
        Action::Submit | Action::Back => leave_field(state),
        _ => {}
    }
}

/// Leaves the search field for the list.
fn leave_field(state: &mut AppState) {
    state.suppliers.editing = false;
    state.suppliers.pane = SupplierPane::List;
}

/// Completes the word before the cursor when it starts a filter name or a known value
/// ([`crate::search::complete`]): Some(true) when text was added, Some(false) when several
/// candidates share nothing more, None when the word starts no filter.
fn complete_filter(state: &mut AppState) -> Option<bool> {
    let q = &mut state.suppliers.query;
    let text = q.text().to_string();
    let cursor: usize = text
        .char_indices()
        .nth(q.cursor())
        .map(|(b, _)| b)
        .unwrap_or(text.len());
    // Only at the end of a word.
    if text[cursor..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    let start = text[..cursor]
        .rfind(char::is_whitespace)
        .map(|i| i + 1)
        .unwrap_or(0);
    let more = crate::search::complete(&text[start..cursor], &state.themes)?;
    if more.is_empty() {
        return Some(false);
    }
    q.insert_str(&more);
    Some(true)
}
