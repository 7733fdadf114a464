//! Needs tab: list, open need with its ranked suggestions and its shortlist, triage.

use super::data::{reload_needs, reload_view_entries, shortlist_of, store_error};
use super::{agenda, error, info, move_sel, suppliers};
use crate::app::action::Action;
use crate::app::forms::NeedForm;
use crate::app::services::Services;
use crate::app::state::{AppState, Modal, NeedView, ShortlistPane, Suggestion, Tab};
use crate::domain::{Need, NeedId, ShortlistEntry, SupplierId, TriageStatus};
use crate::matching;

/// Suggestions shown for an open need.
pub const SUGGESTIONS: usize = 50;

/// The need (and lot) `s` and `m` apply to: the open need's lot, else the current need.
pub fn current_need_and_lot(state: &AppState) -> (Option<NeedId>, u32) {
    match &state.needs.view {
        Some(v) if Some(v.need) == state.current_need => (Some(v.need), v.lot),
        _ => (state.current_need, 0),
    }
}

/// Ranks the directory against the open need (no-op until the matcher is ready).
pub fn rerank_open_view(state: &mut AppState, services: &Services) {
    let Some(view) = state.needs.view.as_ref() else {
        return;
    };
    let Some(ranking) = services.ranking.as_ref() else {
        return;
    };
    let Some(need) = state.need(view.need).cloned() else {
        return;
    };
    let lot = view.lot;
    let en = state.en();
    let matches = ranking.rank(&need, lot, &state.themes, SUGGESTIONS);
    let suggestions: Vec<Suggestion> = matches
        .iter()
        .map(|m| Suggestion {
            supplier: m.supplier,
            score: m.score,
            explanation: matching::explain(m, &state.themes, en),
        })
        .collect();
    if let Some(v) = state.needs.view.as_mut() {
        v.sel_suggestion = v.sel_suggestion.min(suggestions.len().saturating_sub(1));
        v.suggestions = suggestions;
        v.ranked = true;
    }
}

/// Opens a need: it becomes the current need; its suggestions and shortlist are shown.
pub fn open_need(state: &mut AppState, services: &Services, id: NeedId) {
    state.tab = Tab::Needs;
    state.current_need = Some(id);
    if let Some(i) = state.needs.list.iter().position(|n| n.id == id) {
        state.needs.selected = i;
    }
    state.needs.view = Some(NeedView {
        need: id,
        ..Default::default()
    });
    reload_view_entries(state, services);
    rerank_open_view(state, services);
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
            info(state, (t.need_saved)(&title));
            Ok(())
        }
        Err(e) => Err(store_error(t, &e)),
    }
}

/// Adds a supplier to the current need's shortlist (score and explanation from matching).
pub fn add_supplier_to_current_need(state: &mut AppState, services: &Services, id: SupplierId) {
    let t = state.texts;
    let (need_id, lot) = current_need_and_lot(state);
    let Some(need) = need_id.and_then(|n| state.need(n)).cloned() else {
        return error(state, t.no_current_need.to_string());
    };
    let existing = shortlist_of(state, services, need.id, lot);
    let name = state.supplier_name(id);
    if existing.iter().any(|e| e.supplier == id) {
        return info(state, (t.already_shortlisted)(&name, &need.title));
    }
    let (score, explanation) = match_of(state, services, &need, lot, id)
        .unwrap_or_else(|| (0.0, t.manual_addition.to_string()));
    let entry = ShortlistEntry {
        need: need.id,
        lot,
        supplier: id,
        score,
        explanation,
        ..Default::default()
    };
    match services.store.save_shortlist_entry(entry, &state.buyer) {
        Ok(()) => {
            reload_view_entries(state, services);
            info(state, (t.shortlisted)(&name, &need.title));
        }
        Err(e) => error(state, store_error(t, &e)),
    }
}

/// The score and explanation of one supplier for (need, lot): from the open need's
/// suggestions when it is there, else from ranking the whole directory (idf and scores
/// stay comparable with the suggestions). None when it does not match at all.
fn match_of(
    state: &AppState,
    services: &Services,
    need: &Need,
    lot: u32,
    id: SupplierId,
) -> Option<(f64, String)> {
    if let Some(v) = &state.needs.view {
        if v.need == need.id && v.lot == lot {
            if let Some(s) = v.suggestions.iter().find(|s| s.supplier == id) {
                return Some((s.score, s.explanation.clone()));
            }
        }
    }
    let ranking = services.ranking.as_ref()?;
    let all = ranking.rank(need, lot, &state.themes, ranking.len());
    let m = all.iter().find(|m| m.supplier == id)?;
    Some((m.score, matching::explain(m, &state.themes, state.en())))
}

/// Raises a shortlist entry's triage to at least `at_least` (never lowers it); no-op when
/// the supplier is not shortlisted for that need.
pub fn bump_triage(
    state: &mut AppState,
    services: &Services,
    need: NeedId,
    lot: u32,
    supplier: SupplierId,
    at_least: TriageStatus,
) {
    let entries = shortlist_of(state, services, need, lot);
    if let Some(mut e) = entries.into_iter().find(|e| e.supplier == supplier) {
        if e.status < at_least && e.status != TriageStatus::SetAside {
            e.status = at_least;
            if let Err(err) = services.store.save_shortlist_entry(e, &state.buyer) {
                error(state, store_error(state.texts, &err));
            }
            reload_view_entries(state, services);
        }
    }
}

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
                suppliers::open_detail(state, id, Some(Tab::Needs));
            }
        }
        Action::Shortlist => {
            if v.pane == ShortlistPane::Entries {
                return info(state, t.already_in_shortlist_pane.to_string());
            }
            let Some(s) = v.suggestions.get(v.sel_suggestion).cloned() else {
                return;
            };
            state.current_need = Some(need_id);
            if v.entries.iter().any(|e| e.supplier == s.supplier) {
                let name = state.supplier_name(s.supplier);
                let title = state
                    .need(need_id)
                    .map(|n| n.title.clone())
                    .unwrap_or_default();
                return info(state, (t.already_shortlisted)(&name, &title));
            }
            let entry = ShortlistEntry {
                need: need_id,
                lot,
                supplier: s.supplier,
                score: s.score,
                explanation: s.explanation,
                ..Default::default()
            };
            let name = state.supplier_name(s.supplier);
            match services.store.save_shortlist_entry(entry, &state.buyer) {
                Ok(()) => {
                    reload_view_entries(state, services);
                    let title = state
                        .need(need_id)
                        .map(|n| n.title.clone())
                        .unwrap_or_default();
                    info(state, (t.shortlisted)(&name, &title));
                }
                Err(e) => error(state, store_error(t, &e)),
            }
        }
        Action::Remove | Action::TriageNext | Action::Retain | Action::SetAside => {
            let Some(supplier) = view_supplier(v) else {
                return;
            };
            let Some(mut entry) = v.entries.iter().find(|e| e.supplier == supplier).cloned() else {
                return error(state, t.not_in_shortlist.to_string());
            };
            let name = state.supplier_name(supplier);
            let result = if action == Action::Remove {
                services
                    .store
                    .remove_shortlist_entry(need_id, lot, supplier, &state.buyer)
                    .map(|_| (t.removed_from_shortlist)(&name))
            } else {
                entry.status = match action {
                    Action::TriageNext => entry.status.next(),
                    Action::Retain => TriageStatus::Retained,
                    _ => TriageStatus::SetAside,
                };
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
                agenda::open_plan(state, services, id, Some(need_id), lot);
            }
        }
        Action::EditNeed => {
            if let Some(n) = state.need(need_id) {
                state.modal = Some(Modal::NeedForm(Box::new(NeedForm::edit(n, &state.themes))));
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
