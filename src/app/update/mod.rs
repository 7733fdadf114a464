//! `update(state, action, services)`: the only place the state changes. Store writes go
//! through [`Services::store`]; a confirmation is shown only after the store returned Ok
//! (the store flushes before returning).

mod agenda;
mod data;
mod days;
mod forms;
mod needs;
mod schedule;
mod suppliers;
mod workflow;

pub use data::initial_load;

use super::action::Action;
use super::services::{ImportProgress, LoadEvent, Services};
use super::state::{AppState, Confirm, LoadPhase, Message, MessageKind, Tab};
use std::sync::mpsc::TryRecvError;

/// Most results asked from the search worker per query.
pub const SEARCH_LIMIT: usize = 300;

/// Rows moved by PageUp / PageDown.
pub const PAGE: usize = 10;

/// Applies one action. Returns true when the screen may have changed.
pub fn update(state: &mut AppState, action: Action, services: &mut Services) -> bool {
    if action == Action::Tick {
        return tick(state, services);
    }
    state.now = Some(services.store.clock().now());
    if !matches!(action, Action::Help) {
        state.message = None;
    }
    if let Some(question) = state.confirm.clone() {
        // Only the answer acts (and quitting from a too small window, draft kept).
        match action {
            Action::Answer(yes) => answer(state, question, yes, services),
            Action::Quit => state.quit = true,
            _ => {}
        }
        return true;
    }
    match action {
        Action::Quit if state.demo && !state.too_small() => {
            // The demo's folder is temporary: quitting asks, saying what it loses.
            state.help = None;
            state.confirm = Some(Confirm::QuitDemo);
        }
        Action::Quit => {
            if !state.too_small() && crate::app::drafts::form_is_dirty(state) {
                // Asked on the message line; the help, if open, would hide it.
                state.help = None;
                state.confirm = Some(Confirm::DiscardAndQuit);
            } else {
                // A form left open keeps its draft (written on the way out).
                state.quit = true;
            }
        }
        Action::Help => {
            state.help = match state.help {
                Some(_) => None,
                None => Some(0),
            }
        }
        a if state.help.is_some() => help_action(state, a),
        a if state.modal.is_some() => forms::modal_action(state, a, services),
        Action::Tab(t) => {
            state.tab = t;
            if t != Tab::Suppliers {
                state.suppliers.editing = false;
            }
        }
        a => match state.tab {
            Tab::Suppliers => suppliers::action(state, a, services),
            Tab::Needs => needs::action(state, a, services),
            Tab::Agenda => agenda::action(state, a, services),
        },
    }
    true
}

/// The buyer answered the question. For a form: yes drops it (its draft is removed once
/// the app sees it closed) and, for Ctrl-C, quits; no keeps the form and its text. For a
/// day edit that moves meetings, or a day's removal: yes does it, no leaves all as it was.
fn answer(state: &mut AppState, question: Confirm, yes: bool, services: &mut Services) {
    state.confirm = None;
    if !yes {
        return;
    }
    match question {
        Confirm::DiscardForm => state.modal = None,
        Confirm::QuitDemo => state.quit = true,
        Confirm::DiscardAndQuit => {
            state.modal = None;
            state.quit = true;
        }
        Confirm::MoveMeetings { day, .. } => days::save_day(state, services, *day, true),
        Confirm::RemoveDay { date, .. } => days::remove_day(state, services, date),
        Confirm::ApplySchedule { .. } => schedule::apply(state, services),
        Confirm::PlanOutsideAvailability { .. } | Confirm::PlanDespite { .. } => {
            forms::plan_submit(state, services, true)
        }
        Confirm::MeetingStatus { id, to, .. } => {
            workflow::set_meeting_status(state, services, id, to)
        }
        Confirm::RemoveEntry {
            need,
            lot,
            supplier,
            name,
        } => needs::remove_entry(state, services, need, lot, supplier, &name),
    }
}

/// Lines PgUp/PgDn scroll the help by.
const HELP_PAGE: u16 = 10;

fn help_action(state: &mut AppState, action: Action) {
    let scroll = state.help.unwrap_or(0);
    state.help = match action {
        Action::Back => None,
        Action::Down => Some(scroll.saturating_add(1)),
        Action::Up => Some(scroll.saturating_sub(1)),
        Action::PageDown => Some(scroll.saturating_add(HELP_PAGE)),
        Action::PageUp => Some(scroll.saturating_sub(HELP_PAGE)),
        _ => Some(scroll),
    };
}

/// Collects background results: loader progress, directory, search worker and its results.
/// Returns true when something visible changed.
pub fn tick(state: &mut AppState, services: &mut Services) -> bool {
    // A running meeting's timer shows whole minutes: redraw when the minute turns.
    let now = services.store.clock().now();
    let minute = |t: jiff::Timestamp| t.as_second().div_euclid(60);
    let mut changed = state.now.map(minute) != Some(minute(now))
        && state
            .meetings
            .iter()
            .any(|m| m.started_at.is_some() && m.ended_at.is_none());
    state.now = Some(now);
    let mut events = Vec::new();
    let mut finished = false;
    if let Some(rx) = &services.loader {
        loop {
            match rx.try_recv() {
                Ok(ev) => events.push(ev),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    finished = true;
                    break;
                }
            }
        }
    }
    for ev in events {
        changed = true;
        match ev {
            LoadEvent::Progress(ImportProgress::Reading { done, total }) => {
                state.load = LoadPhase::Importing { done, total }
            }
            LoadEvent::Progress(ImportProgress::Writing { suppliers }) => {
                state.load = LoadPhase::Writing { suppliers }
            }
            LoadEvent::Reading => state.load = LoadPhase::Reading,
            LoadEvent::Count(n) => {
                state.supplier_count = n;
                state.directory.set_loaded();
                services.timing.loaded = Some(services.timing.started.elapsed());
            }
            LoadEvent::Catalogs(themes, cpv) => {
                state.themes = themes;
                state.cpv = cpv;
            }
            LoadEvent::Indexing { done, total } => state.load = LoadPhase::Indexing { done, total },
            LoadEvent::Searchable {
                service,
                from_snapshot,
            } => {
                services.search = Some(service);
                let t = &mut services.timing;
                t.searchable = Some(t.started.elapsed());
                t.from_snapshot = Some(from_snapshot);
                state.load = LoadPhase::Ready;
                suppliers::send_query(state, services);
            }
            LoadEvent::Ranking(r) => {
                services.ranking = Some(r);
                services.timing.ranking = Some(services.timing.started.elapsed());
                workflow::rerank_open_view(state, services);
            }
            LoadEvent::Rebuilt(d) => services.timing.rebuilt = Some(d),
            LoadEvent::Failed(e) => {
                state.load = LoadPhase::Failed(e.clone());
                state.message = Some(Message {
                    kind: MessageKind::Error,
                    text: (state.texts.load_failed)(&e),
                });
            }
        }
    }
    if finished {
        services.loader = None;
        if !matches!(state.load, LoadPhase::Ready | LoadPhase::Failed(_)) {
            let e = state.texts.loader_stopped.to_string();
            state.message = Some(Message {
                kind: MessageKind::Error,
                text: (state.texts.load_failed)(&e),
            });
            state.load = LoadPhase::Failed(e);
        }
        changed = true;
    }
    changed |= follow_news(state, services);
    if let Some(w) = &services.search {
        while let Some(r) = w.try_recv() {
            let s = &mut state.suppliers;
            if r.seq < s.received_seq {
                continue;
            }
            if s.shown_query.as_deref() != Some(r.query.as_str()) {
                s.selected = 0;
            }
            s.received_seq = r.seq;
            s.total = r.total;
            s.hits = r.hits;
            s.shown_query = Some(r.query);
            s.selected = s.selected.min(s.hits.len().saturating_sub(1));
            changed = true;
        }
        let searching = w.busy() || state.suppliers.requested_seq > state.suppliers.received_seq;
        if searching != state.searching {
            state.searching = searching;
            changed = true;
        }
    }
    changed
}

/// Applies the store's news (a forum server's client): others' changes reload the views
/// they touch, a resync reloads them all, and the link's loss and return show in a banner.
/// Returns true when something visible changed.
fn follow_news(state: &mut AppState, services: &mut Services) -> bool {
    use crate::domain::Entity;
    use crate::store::StoreNews;
    let Some(rx) = &services.news else {
        return false;
    };
    let news: Vec<StoreNews> = rx.try_iter().collect();
    if news.is_empty() {
        return false;
    }
    let (mut needs, mut days, mut meetings, mut entries, mut suppliers) =
        (false, false, false, false, false);
    for n in news {
        match n {
            StoreNews::Changed { entity, .. } => match entity {
                Entity::Need => needs = true,
                Entity::Shortlist => entries = true,
                Entity::ForumDay => days = true,
                Entity::Meeting | Entity::Outcome => meetings = true,
                Entity::Supplier | Entity::Import => suppliers = true,
                Entity::Buyer => {}
            },
            StoreNews::Resync => {
                (needs, days, meetings, entries, suppliers) = (true, true, true, true, true)
            }
            StoreNews::Lost => state.link_lost = true,
            StoreNews::Restored => {
                state.link_lost = false;
                state.message = Some(Message {
                    kind: MessageKind::Info,
                    text: crate::i18n::texts(state.lang).serve.link_back.to_string(),
                });
            }
        }
    }
    if needs {
        data::reload_needs(state, services);
    }
    if days {
        data::reload_days(state, services);
    }
    if meetings {
        data::reload_meetings(state, services);
    }
    if entries || needs || meetings {
        data::reload_view_entries(state, services);
    }
    if suppliers {
        suppliers::send_query(state, services);
    }
    true
}

/// Moves a selection index by an action within `len` rows.
pub(crate) fn move_sel(sel: usize, len: usize, action: &Action) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Down => (sel + 1).min(last),
        Action::Up => sel.saturating_sub(1),
        Action::PageDown => (sel + PAGE).min(last),
        Action::PageUp => sel.saturating_sub(PAGE),
        Action::Top => 0,
        Action::Bottom => last,
        _ => sel.min(last),
    }
}

pub(crate) fn info(state: &mut AppState, text: String) {
    state.message = Some(Message {
        kind: MessageKind::Info,
        text,
    });
}

pub(crate) fn error(state: &mut AppState, text: String) {
    state.message = Some(Message {
        kind: MessageKind::Error,
        text,
    });
}

#[cfg(test)]
mod tests {
    /// The modules of `update` with their source; the tabs and forms may reach `workflow`,
    /// `data` and this module's helpers, never each other; `workflow` reaches only `data`.
    const MODULES: [(&str, &str); 6] = [
        ("suppliers", include_str!("suppliers.rs")),
        ("needs", include_str!("needs.rs")),
        ("agenda", include_str!("agenda.rs")),
        ("forms", include_str!("forms.rs")),
        ("data", include_str!("data.rs")),
        ("workflow", include_str!("workflow.rs")),
    ];

    /// Every sibling module named after `super::` in `src`: `super::x::…` and the items
    /// of `use super::{…}` groups (nested groups flattened).
    fn siblings_named(src: &str) -> Vec<String> {
        let names: Vec<&str> = MODULES.iter().map(|(n, _)| *n).collect();
        let mut out = Vec::new();
        for (i, _) in src.match_indices("super::") {
            let rest = &src[i + "super::".len()..];
            let named = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].to_string()
            } else {
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            };
            for word in named.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if names.contains(&word) && !out.iter().any(|o| o == word) {
                    out.push(word.to_string());
                }
            }
        }
        out
    }

    #[test]
    fn tab_modules_do_not_call_each_other() {
        for (name, src) in MODULES {
            let allowed: &[&str] = match name {
                "data" => &[],
                "workflow" => &["data"],
                _ => &["data", "workflow"],
            };
            for sibling in siblings_named(src) {
                assert!(
                    allowed.contains(&sibling.as_str()),
                    "update/{name}.rs uses super::{sibling}: cross-tab operations belong in \
                     update/workflow.rs"
                );
            }
        }
    }

    #[test]
    fn the_scan_sees_both_path_and_group_uses() {
        let src = "use super::{error, needs};\nfn f() { super::agenda::open(); }";
        assert_eq!(siblings_named(src), ["needs", "agenda"]);
        assert!(siblings_named("use super::{error, info};").is_empty());
    }
}
