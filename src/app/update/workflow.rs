//! Cross-tab operations: what one tab asks of another (open a supplier's card, open a need,
//! plan a meeting, act on a meeting, add to the shortlist, raise a triage). The tab modules
//! (`suppliers`, `needs`, `agenda`) and the popup forms call these and never each other, so
//! each tab can change on its own; this module calls only [`super::data`] and the message
//! helpers of [`super`].

use super::data::{reload_days, reload_meetings, reload_view_entries, shortlist_of, store_error};
use super::{error, info};
use crate::app::action::Action;
use crate::app::forms::{OutcomeForm, PlanForm};
use crate::app::services::Services;
use crate::app::state::{AppState, Confirm, Modal, NeedView, Suggestion, SupplierPane, Tab};
use crate::app::ServiceError;
use crate::domain::{
    ForumDay, MeetingId, MeetingStatus, Need, NeedId, ScoredReason, ShortlistEntry, SupplierId,
    TriageStatus,
};
use crate::i18n;
use crate::i18n::Render;
use crate::matching;

/// Suggestions shown for an open need.
pub const SUGGESTIONS: usize = 50;

/// Opens a supplier's detail in the suppliers tab; Esc returns to `from` when given.
pub fn open_detail(state: &mut AppState, id: SupplierId, from: Option<Tab>) {
    state.tab = Tab::Suppliers;
    state.suppliers.editing = false;
    state.suppliers.detail = Some(id);
    state.suppliers.detail_scroll = 0;
    state.suppliers.pane = SupplierPane::Detail;
    state.suppliers.return_tab = from;
}

/// The need (and lot) `s` and `m` apply to: the open need's lot, else the current need
/// (lot 0: the need as a whole).
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
    let matches = match ranking.rank(&need, lot, &state.themes, SUGGESTIONS) {
        Ok(m) => m,
        Err(e) => return error(state, e.render(state.lang)),
    };
    let suggestions: Vec<Suggestion> = matches
        .iter()
        .map(|m| Suggestion {
            supplier: m.supplier,
            score: m.score,
            explanation: matching::explain(m, &state.themes, state.lang),
            reasons: i18n::explain::scored(&m.reasons),
        })
        .collect();
    if let Some(v) = state.needs.view.as_mut() {
        v.sel_suggestion = v.sel_suggestion.min(suggestions.len().saturating_sub(1));
        v.suggestions = suggestions;
        v.ranked = true;
    }
}

/// Opens a need in the needs tab: it becomes the current need; its suggestions and
/// shortlist are shown.
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

/// Adds a supplier to the shortlist of the current need and lot (see
/// [`current_need_and_lot`]), with its score and explanation from matching (0 and "manual
/// addition" when it does not match). Tells the buyer when there is no current need or the
/// supplier is already there; a store error is shown, nothing else changes.
pub fn add_to_shortlist(state: &mut AppState, services: &Services, id: SupplierId) {
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
    // A manual addition keeps no reason: readers show `t.manual_addition` in their language.
    let (score, reasons) = match match_of(state, services, &need, lot, id) {
        Ok(m) => m.unwrap_or_default(),
        Err(e) => return error(state, e.render(state.lang)),
    };
    let entry = ShortlistEntry {
        need: need.id,
        lot,
        supplier: id,
        score,
        reasons,
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
/// stay comparable with the suggestions). None when it does not match at all, or ranking
/// is not ready yet; Err when the ranking service did not answer.
fn match_of(
    state: &AppState,
    services: &Services,
    need: &Need,
    lot: u32,
    id: SupplierId,
) -> Result<Option<(f64, Vec<ScoredReason>)>, ServiceError> {
    if let Some(v) = &state.needs.view {
        if v.need == need.id && v.lot == lot {
            if let Some(s) = v.suggestions.iter().find(|s| s.supplier == id) {
                return Ok(Some((s.score, s.reasons.clone())));
            }
        }
    }
    let Some(ranking) = services.ranking.as_ref() else {
        return Ok(None);
    };
    let all = ranking.rank(need, lot, &state.themes, ranking.len())?;
    Ok(all
        .iter()
        .find(|m| m.supplier == id)
        .map(|m| (m.score, i18n::explain::scored(&m.reasons))))
}

/// Raises a shortlist entry's triage to at least `at_least` (never lowers it, never lifts a
/// set-aside entry); no-op when the supplier is not shortlisted for that need and lot.
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

/// Creates a typical forum day (today, or the day after the last one) and selects it in
/// the agenda. Returns its index in `state.days`, None when the store refused (the error is
/// shown).
pub fn new_day(state: &mut AppState, services: &Services) -> Option<usize> {
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
    let (slots, tables) = (day.slots().len(), day.tables.len());
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
                (t.day_created)(&date.strftime("%d/%m/%Y").to_string(), slots, tables),
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
                && m.start == slot.start
                && m.occupies_slot()
                && (m.supplier == supplier || m.buyers.contains(&state.buyer))
        });
        if busy {
            continue;
        }
        for (ti, table) in day.tables.iter().enumerate() {
            if state.meeting_at(day, slot.start, table.id).is_none() {
                return (si, ti);
            }
        }
    }
    (0, 0)
}

/// Opens the planning popup for a supplier on the first forum day from today, at the first
/// free cell (creating a typical day when there is none).
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

/// Held, no-show, cancel, or open the outcome form, for one meeting. Held raises the
/// supplier's triage for the meeting's need to "met".
pub fn meeting_action(state: &mut AppState, services: &Services, id: MeetingId, action: Action) {
    let t = state.texts;
    let Some(m) = state.meetings.iter().find(|m| m.id == id).cloned() else {
        return;
    };
    if let Some(stamp) = match action {
        Action::StartMeeting => Some(crate::domain::MeetingStamp::Start),
        Action::EndMeeting => Some(crate::domain::MeetingStamp::End),
        _ => None,
    } {
        let name = state.supplier_name(m.supplier);
        match services.store.stamp_meeting(id, stamp, &state.buyer) {
            Ok(m) => {
                reload_meetings(state, services);
                let text = match stamp {
                    crate::domain::MeetingStamp::Start => (t.meeting_started)(
                        &name,
                        &m.started_at
                            .map(crate::domain::forum::local_hm)
                            .unwrap_or_default(),
                    ),
                    crate::domain::MeetingStamp::End => {
                        (t.meeting_ended)(&name, m.real_minutes().unwrap_or(0))
                    }
                };
                info(state, text);
                if stamp == crate::domain::MeetingStamp::End {
                    if let Some(need) = m.need {
                        bump_triage(state, services, need, m.lot, m.supplier, TriageStatus::Met);
                    }
                }
            }
            Err(e) => error(state, store_error(t, &e)),
        }
        return;
    }
    let status = match action {
        Action::Held => MeetingStatus::Held,
        Action::NoShow => MeetingStatus::NoShow,
        Action::CancelMeeting => MeetingStatus::Cancelled,
        Action::Outcome => {
            if m.status == MeetingStatus::Cancelled {
                return error(state, t.meeting_cancelled_no_outcome.to_string());
            }
            let latest = state.outcomes.get(&id).and_then(|v| v.last());
            let documents = m
                .need
                .and_then(|n| state.need(n))
                .map(|n| n.documents.clone())
                .unwrap_or_default();
            let form = OutcomeForm::new(id, latest, m.status == MeetingStatus::NoShow, &documents);
            state.modal = Some(Modal::Outcome(Box::new(form)));
            return;
        }
        _ => return,
    };
    // Cancelling, or undoing what was recorded (held, no-show), asks first.
    let reverts = matches!(m.status, MeetingStatus::Held | MeetingStatus::NoShow);
    if status == m.status {
        return set_meeting_status(state, services, id, status);
    }
    if status == MeetingStatus::Cancelled || reverts {
        let at = crate::domain::forum::local_hm(m.start);
        let name = crate::domain::text::clean_line(&state.supplier_name(m.supplier));
        let question = if status == MeetingStatus::Cancelled && !reverts {
            (t.confirm_cancel_meeting)(&at, &name)
        } else {
            (t.confirm_meeting_status)(
                &at,
                &name,
                t.meeting_status(m.status),
                t.meeting_status(status),
            )
        };
        state.confirm = Some(Confirm::MeetingStatus {
            id,
            to: status,
            question,
        });
        return;
    }
    set_meeting_status(state, services, id, status);
}

/// Sets a meeting's status (asked first by [`meeting_action`] when it cancels or reverts).
pub fn set_meeting_status(
    state: &mut AppState,
    services: &Services,
    id: MeetingId,
    status: MeetingStatus,
) {
    let t = state.texts;
    let Some(m) = state.meetings.iter().find(|m| m.id == id).cloned() else {
        return;
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
                    bump_triage(state, services, need, m.lot, m.supplier, TriageStatus::Met);
                }
            }
        }
        Err(e) => error(state, store_error(t, &e)),
    }
}

/// After a need was edited: each shortlist entry that came from matching gets the score and
/// parts of the need as it now reads (one ranking per lot); an entry that no longer matches
/// keeps its place with 0 points and says so. Manual additions are left as they are.
/// Returns how many entries changed; a store or ranking error is shown and stops there.
pub fn refresh_shortlist_scores(
    state: &mut AppState,
    services: &Services,
    need_id: NeedId,
) -> usize {
    let t = state.texts;
    let Some(ranking) = services.ranking.as_ref() else {
        return 0;
    };
    let Some(need) = state.need(need_id).cloned() else {
        return 0;
    };
    let entries = match services.store.shortlist(need_id) {
        Ok(all) => all,
        Err(e) => {
            error(state, store_error(t, &e));
            return 0;
        }
    };
    let mut lots: Vec<u32> = entries
        .iter()
        .filter(|e| !e.reasons.is_empty())
        .map(|e| e.lot)
        .collect();
    lots.sort_unstable();
    lots.dedup();
    let mut changed = 0;
    for lot in lots {
        let all = match ranking.rank(&need, lot, &state.themes, ranking.len()) {
            Ok(m) => m,
            Err(e) => {
                error(state, e.render(state.lang));
                return changed;
            }
        };
        for mut entry in entries
            .iter()
            .filter(|e| e.lot == lot && !e.reasons.is_empty())
            .cloned()
        {
            let (score, reasons) = match all.iter().find(|m| m.supplier == entry.supplier) {
                Some(m) => (m.score, i18n::explain::scored(&m.reasons)),
                None => (0.0, Vec::new()),
            };
            if score == entry.score && reasons == entry.reasons {
                continue;
            }
            if reasons.is_empty() {
                entry.explanation = t.no_longer_matches.to_string();
            }
            entry.score = score;
            entry.reasons = reasons;
            if let Err(e) = services.store.save_shortlist_entry(entry, &state.buyer) {
                error(state, store_error(t, &e));
                return changed;
            }
            changed += 1;
        }
    }
    if changed > 0 {
        reload_view_entries(state, services);
    }
    changed
}
