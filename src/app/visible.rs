//! Keeps [`Directory`](super::state::Directory) holding exactly the suppliers the screen
//! may show, read by id from the store: the search hits, the opened detail, the open
//! need's suggestions and shortlist entries, the suppliers of meetings and of the open
//! form. Runs after every change; reads only the suppliers not already held.

use super::services::Services;
use super::state::{AppState, Modal};
use crate::domain::SupplierId;
use std::collections::HashSet;

/// The suppliers the screen may show now.
fn wanted(state: &AppState) -> HashSet<SupplierId> {
    let s = &state.suppliers;
    let mut ids: HashSet<SupplierId> = s.hits.iter().map(|h| h.id).collect();
    ids.extend(s.detail);
    if let Some(v) = &state.needs.view {
        ids.extend(v.suggestions.iter().map(|x| x.supplier));
        ids.extend(v.entries.iter().map(|e| e.supplier));
    }
    ids.extend(state.meetings.iter().map(|m| m.supplier));
    if let Some(Modal::Plan(f)) = &state.modal {
        ids.insert(f.supplier);
    }
    ids
}

/// Drops the suppliers no longer shown and reads the newly shown ones. A failed read
/// leaves them out (they show as "n° id") and is tried again on the next change.
pub(crate) fn refresh(state: &mut AppState, services: &Services) {
    if !state.directory.is_loaded() {
        return;
    }
    let want = wanted(state);
    state.directory.retain(|id| want.contains(&id));
    let mut missing: Vec<SupplierId> = want
        .into_iter()
        .filter(|&id| !state.directory.contains(id))
        .collect();
    if missing.is_empty() {
        return;
    }
    missing.sort_unstable();
    if let Ok(found) = services.store.suppliers_by_id(&missing) {
        for s in found.into_iter().flatten() {
            state.directory.insert(s);
        }
    }
}
