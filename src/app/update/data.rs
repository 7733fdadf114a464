//! Reading the store into the state after each write, and store errors as user messages.

use super::error;
use crate::app::services::Services;
use crate::app::state::AppState;
use crate::domain::{Buyer, NeedId, Outcome, ShortlistEntry};
use crate::i18n::Texts;
use crate::store::StoreError;
use std::collections::BTreeMap;

/// A store error as a message in the user's language, saying what to do.
pub fn store_error(t: &Texts, e: &StoreError) -> String {
    use crate::i18n::Render;
    let lang = t.lang;
    match e {
        StoreError::SlotTaken { conflict, .. } => (t.slot_taken)(&conflict.render(lang), None),
        StoreError::DiskFull { path } => (t.store_disk_full)(&path.display().to_string()),
        other => (t.store_failed)(&other.render(lang)),
    }
}

/// A refused booking as a message naming who holds the slot ("créneau pris à l'instant par
/// Marie Dupuis"): the meetings are read again first (a colleague may have booked it a
/// moment ago, and the agenda then shows it), and the holder's buyers are named by their
/// display names in the access list, else by login. Other errors: [`store_error`].
pub fn booking_error(state: &mut AppState, services: &Services, e: &StoreError) -> String {
    use crate::i18n::Render;
    let StoreError::SlotTaken { conflict, meeting } = e else {
        return store_error(state.texts, e);
    };
    reload_meetings(state, services);
    let names = services.store.buyers().unwrap_or_default();
    let holder = state
        .meetings
        .iter()
        .find(|m| m.id == *meeting)
        // One's own meeting: "already taken" says it all.
        .filter(|m| !m.buyers.contains(&state.buyer))
        .map(|m| {
            m.buyers
                .iter()
                .map(|login| {
                    names
                        .iter()
                        .find(|b| &b.login == login)
                        .map_or(login.as_str(), Buyer::shown_name)
                })
                .collect::<Vec<&str>>()
                .join(", ")
        })
        .filter(|h| !h.is_empty());
    (state.texts.slot_taken)(&conflict.render(state.texts.lang), holder.as_deref())
}

/// Reads what the screens need at start (needs, days, meetings, outcomes: small); the
/// supplier count and the directory come from the background loader.
pub fn initial_load(state: &mut AppState, services: &Services) {
    reload_needs(state, services);
    reload_days(state, services);
    reload_meetings(state, services);
}

/// Re-reads the needs.
pub fn reload_needs(state: &mut AppState, services: &Services) {
    match services.store.needs() {
        Ok(n) => {
            state.needs.list = n;
            state.needs.selected = state
                .needs
                .selected
                .min(state.needs.list.len().saturating_sub(1));
        }
        Err(e) => error(state, store_error(state.texts, &e)),
    }
}

/// Re-reads the forum days (sorted by date).
pub fn reload_days(state: &mut AppState, services: &Services) {
    match services.store.forum_days() {
        Ok(mut d) => {
            d.sort_by_key(|d| d.date);
            state.days = d;
            state.agenda.day = state.agenda.day.min(state.days.len().saturating_sub(1));
        }
        Err(e) => error(state, store_error(state.texts, &e)),
    }
}

/// Re-reads the meetings and every outcome version.
pub fn reload_meetings(state: &mut AppState, services: &Services) {
    match services.store.meetings() {
        Ok(m) => state.meetings = m,
        Err(e) => error(state, store_error(state.texts, &e)),
    }
    match services.store.all_outcomes() {
        Ok(all) => {
            let mut map: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
            for o in all {
                map.entry(o.meeting).or_default().push(o);
            }
            for v in map.values_mut() {
                v.sort_by_key(|o| o.version);
            }
            state.outcomes = map;
        }
        Err(e) => error(state, store_error(state.texts, &e)),
    }
}

/// The shortlist entries of (need, lot): manual rank, then score (stable while triaging).
pub fn shortlist_of(
    state: &mut AppState,
    services: &Services,
    need: NeedId,
    lot: u32,
) -> Vec<ShortlistEntry> {
    match services.store.shortlist(need) {
        Ok(all) => {
            let mut v: Vec<ShortlistEntry> = all.into_iter().filter(|e| e.lot == lot).collect();
            v.sort_by(|a, b| {
                let rank = |e: &ShortlistEntry| e.manual_rank.unwrap_or(u32::MAX);
                rank(a)
                    .cmp(&rank(b))
                    .then(b.score.total_cmp(&a.score))
                    .then(a.supplier.cmp(&b.supplier))
            });
            v
        }
        Err(e) => {
            error(state, store_error(state.texts, &e));
            Vec::new()
        }
    }
}

/// Re-reads the open need's shortlist.
pub fn reload_view_entries(state: &mut AppState, services: &Services) {
    let Some((need, lot)) = state.needs.view.as_ref().map(|v| (v.need, v.lot)) else {
        return;
    };
    let entries = shortlist_of(state, services, need, lot);
    if let Some(v) = state.needs.view.as_mut() {
        v.sel_entry = v.sel_entry.min(entries.len().saturating_sub(1));
        v.entries = entries;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_told_in_the_users_language_with_the_path() {
        let e = StoreError::DiskFull {
            path: "/srv/forum".into(),
        };
        let fr = store_error(&crate::i18n::FR, &e);
        let en = store_error(&crate::i18n::EN, &e);
        assert!(
            fr.starts_with("disque plein") && fr.contains("/srv/forum"),
            "{fr}"
        );
        assert!(
            en.starts_with("disk full") && en.contains("/srv/forum"),
            "{en}"
        );
        assert!(!fr.contains("disk full"), "{fr}");
    }
}
