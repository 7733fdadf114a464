//! Needs tab: list, open need with its ranked suggestions and its shortlist, triage.

use super::data::{reload_view_entries, store_error};
use super::workflow::{add_to_shortlist, open_detail, open_need, open_plan, rerank_open_view};
use super::{error, info, move_sel};
use crate::app::action::Action;
use crate::app::forms::NeedForm;
use crate::app::services::Services;
use crate::app::state::{AppState, Confirm, Modal, NeedView, ShortlistPane, Tab};
use crate::domain::{SupplierId, TriageStatus};

/// The supplier the open need points at (selected suggestion or entry).
fn view_supplier(v: &NeedView) -> Option<SupplierId> {
    match v.pane {
        ShortlistPane::Suggestions => v.suggestions.get(v.sel_suggestion).map(|s| s.supplier),
        ShortlistPane::Entries => v.entries.get(v.sel_entry).map(|e| e.supplier),
    }
}

pub(super) fn action(state: &mut AppState, action: Action, services: &mut Services) {
    if state.needs.view.is_some() {
        return view_action(state, action, services);
    }
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            let n = &mut state.needs;
            n.selected = move_sel(n.selected, n.list.len(), &action);
        }
        Action::Open => {
            if let Some(id) = state.needs.list.get(state.needs.selected).map(|n| n.id) {
                open_need(state, services, id);
            }
        }
        Action::NewNeed => state.modal = Some(Modal::NeedForm(Box::default())),
        Action::EditNeed => {
            if let Some(n) = state.needs.list.get(state.needs.selected) {
                state.modal = Some(Modal::NeedForm(Box::new(NeedForm::edit(n, &state.themes))));
            }
        }
        _ => {}
    }
}

fn view_action(state: &mut AppState, action: Action, services: &mut Services) {
    let t = state.texts;
    let Some(v) = state.needs.view.clone() else {
        return;
    };
    let v = &v;
    let need_id = v.need;
    let lot = v.lot;
    match action {
        Action::Back => state.needs.view = None,
        Action::NextPane
        | Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            if let Some(v) = state.needs.view.as_mut() {
                match (&action, v.pane) {
                    (Action::NextPane, ShortlistPane::Suggestions) => {
                        v.pane = ShortlistPane::Entries
                    }
                    (Action::NextPane, ShortlistPane::Entries) => {
                        v.pane = ShortlistPane::Suggestions
                    }
                    (_, ShortlistPane::Suggestions) => {
                        v.sel_suggestion = move_sel(v.sel_suggestion, v.suggestions.len(), &action)
                    }
                    (_, ShortlistPane::Entries) => {
                        v.sel_entry = move_sel(v.sel_entry, v.entries.len(), &action)
                    }
                }
            }
        }
        Action::Open => {
            if let Some(id) = view_supplier(v) {
                open_detail(state, id, Some(Tab::Needs));
            }
        }
        Action::Shortlist => {
            if v.pane == ShortlistPane::Entries {
                return info(state, t.already_in_shortlist_pane.to_string());
            }
            let Some(supplier) = v.suggestions.get(v.sel_suggestion).map(|s| s.supplier) else {
                return;
            };
            // The open need and lot become current: the entry gets the suggestion's score
            // and explanation.
            state.current_need = Some(need_id);
            add_to_shortlist(state, services, supplier);
        }
        Action::Remove
        | Action::TriageNext
        | Action::Retain
        | Action::SetAside
        | Action::RequestPriority => {
            let Some(supplier) = view_supplier(v) else {
                return;
            };
            let Some(mut entry) = v.entries.iter().find(|e| e.supplier == supplier).cloned() else {
                return error(state, t.not_in_shortlist.to_string());
            };
            let name = state.supplier_name(supplier);
            if action == Action::Remove {
                // Its status, priority and note go with it: asked first.
                state.confirm = Some(Confirm::RemoveEntry {
                    need: need_id,
                    lot,
                    supplier,
                    name: crate::domain::text::clean_line(&name),
                });
                return;
            }
            let result = if action == Action::RequestPriority {
                let p = entry.request_priority().map_or(1, |p| p % 3 + 1);
                entry.status = TriageStatus::ToMeet;
                entry.priority = Some(p);
                services
                    .store
                    .save_shortlist_entry(entry, &state.buyer)
                    .map(|_| (t.request_set)(&name, p))
            } else {
                entry.status = match action {
                    Action::TriageNext => entry.status.next(),
                    Action::Retain => TriageStatus::Retained,
                    _ => TriageStatus::SetAside,
                };
                if entry.status != TriageStatus::ToMeet {
                    entry.priority = None;
                }
                let status = entry.status;
                services
                    .store
                    .save_shortlist_entry(entry, &state.buyer)
                    .map(|_| (t.triage_changed)(&name, t.triage(status)))
            };
            match result {
                Ok(msg) => {
                    reload_view_entries(state, services);
                    // Keep the same supplier selected after the re-sort.
                    if let Some(v) = state.needs.view.as_mut() {
                        if let Some(i) = v.entries.iter().position(|e| e.supplier == supplier) {
                            v.sel_entry = i;
                        }
                    }
                    info(state, msg)
                }
                Err(e) => error(state, store_error(t, &e)),
            }
        }
        Action::Plan => {
            if let Some(id) = view_supplier(v) {
                state.current_need = Some(need_id);
                open_plan(state, services, id, Some(need_id), lot);
            }
        }
        Action::EditNeed => {
            if let Some(n) = state.need(need_id) {
                state.modal = Some(Modal::NeedForm(Box::new(NeedForm::edit(n, &state.themes))));
            }
        }
        Action::ScoreDetail => {
            let (supplier, score, reasons) = match v.pane {
                ShortlistPane::Suggestions => match v.suggestions.get(v.sel_suggestion) {
                    Some(s) => (s.supplier, s.score, s.reasons.clone()),
                    None => return,
                },
                ShortlistPane::Entries => match v.entries.get(v.sel_entry) {
                    Some(e) => (e.supplier, e.score, e.reasons.clone()),
                    None => return,
                },
            };
            if let Some(n) = state.need(need_id).cloned() {
                let d = crate::app::score_detail::build(state, &n, supplier, score, &reasons);
                state.modal = Some(Modal::ScoreDetail(Box::new(d)));
            }
        }
        Action::NextLot => {
            let lots: Vec<u32> = std::iter::once(0)
                .chain(
                    state
                        .need(need_id)
                        .map(|n| n.lots.iter().map(|l| l.number).collect::<Vec<_>>())
                        .unwrap_or_default(),
                )
                .collect();
            if lots.len() < 2 {
                return info(state, t.no_lots.to_string());
            }
            let i = lots.iter().position(|l| *l == lot).unwrap_or(0);
            let next = lots[(i + 1) % lots.len()];
            if let Some(v) = state.needs.view.as_mut() {
                v.lot = next;
                v.sel_entry = 0;
                v.sel_suggestion = 0;
            }
            reload_view_entries(state, services);
            rerank_open_view(state, services);
        }
        _ => {}
    }
}

/// Removes a supplier from a need's shortlist once the buyer said yes (journaled).
pub(super) fn remove_entry(
    state: &mut AppState,
    services: &Services,
    need: crate::domain::NeedId,
    lot: u32,
    supplier: SupplierId,
    name: &str,
) {
    let t = state.texts;
    match services
        .store
        .remove_shortlist_entry(need, lot, supplier, &state.buyer)
    {
        Ok(()) => {
            reload_view_entries(state, services);
            if let Some(v) = state.needs.view.as_mut() {
                v.sel_entry = v.sel_entry.min(v.entries.len().saturating_sub(1));
            }
            info(state, (t.removed_from_shortlist)(name));
        }
        Err(e) => error(state, store_error(t, &e)),
    }
}
