//! The organiser's schedule on screen (`p` in the agenda): what [`crate::schedule::plan`]
//! would add to the day the agenda shows, what stays unmet and why, applied only once the
//! organiser confirms. The preview holds the very meetings that applying books.

use crate::domain::forum::local_hm;
use crate::domain::text::clean_line;
use crate::domain::{ForumDay, Meeting, MeetingId, NeedId};
use crate::i18n::Texts;
use crate::schedule::forum::day_plan;
use crate::schedule::{stats, upper_bound};
use crate::store::{Store, StoreResult};
use std::collections::HashMap;

/// A computed schedule for one day, as shown and as applied.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulePreview {
    /// The day.
    pub date: jiff::civil::Date,
    /// First line: requests, meetings proposed, satisfied, upper bound.
    pub head: String,
    /// One line per proposed meeting, in slot then table order.
    pub rows: Vec<String>,
    /// One line per request left unmet, with why.
    pub unmet: Vec<String>,
    /// Fairness and waiting figures.
    pub stats: String,
    /// The meetings applying books, in `rows` order.
    pub meetings: Vec<Meeting>,
    /// Meetings an earlier run placed that applying cancels (empty: no replanning here).
    pub released: Vec<MeetingId>,
    /// First line shown (scrolling).
    pub scroll: usize,
}

/// Computes the schedule of `day` from the store's needs, shortlists and meetings.
/// Errors: the store's.
pub fn build(store: &dyn Store, day: &ForumDay, t: &Texts) -> StoreResult<SchedulePreview> {
    let needs = store.needs()?;
    let mut shortlists = HashMap::new();
    for n in &needs {
        shortlists.insert(n.id, store.shortlist(n.id)?);
    }
    let days = store.forum_days()?;
    let dp = day_plan(day, &days, &needs, &shortlists, &store.meetings()?, false);
    let schedule = dp.plan();
    let names: Vec<String> = store
        .suppliers_by_id(&dp.suppliers)?
        .into_iter()
        .map(|s| s.map(|s| clean_line(&s.name)).unwrap_or_default())
        .collect();
    let mut by_id: Vec<(NeedId, u64, String)> = Vec::new();
    let mut sorted = needs.clone();
    sorted.sort_by_key(|n| n.id);
    for (i, n) in sorted.iter().enumerate() {
        by_id.push((n.id, i as u64 + 1, clean_line(&n.title)));
    }
    let need = |id: NeedId| {
        by_id
            .iter()
            .find(|(k, _, _)| *k == id)
            .map(|(_, n, title)| (*n, title.clone()))
            .unwrap_or_default()
    };
    let c = &t.commands;
    let st = stats(&dp.instance, &schedule);
    let date = day.date.strftime("%d/%m/%Y").to_string();
    let head = (c.schedule_head)(
        &date,
        dp.requests.len(),
        schedule.placed.len(),
        st.satisfied(),
        upper_bound(&dp.instance),
    );
    let mut placed: Vec<_> = schedule.placed.iter().collect();
    placed.sort_by_key(|p| (p.slot, p.table));
    let mut rows = Vec::new();
    let mut meetings = Vec::new();
    for p in placed {
        let (Some(m), Some(r), Some(req)) = (
            dp.meeting(p),
            dp.requests.get(p.request),
            dp.instance.requests.get(p.request),
        ) else {
            continue;
        };
        let table = day
            .tables
            .get(p.table)
            .map(|t| clean_line(&t.name))
            .unwrap_or_default();
        let (number, title) = need(r.need);
        rows.push(format!(
            "{}  {table}  {} — {} {number} {title} ({})  P{}",
            local_hm(m.start),
            names.get(req.supplier).map(String::as_str).unwrap_or(""),
            c.schedule_need,
            r.buyers.join(", "),
            r.priority
        ));
        meetings.push(m);
    }
    let unmet = schedule
        .unmet
        .iter()
        .filter_map(|(i, why)| {
            let r = dp.requests.get(*i)?;
            let req = dp.instance.requests.get(*i)?;
            Some(format!(
                "{} — {} {}, P{}{}{}",
                names.get(req.supplier).map(String::as_str).unwrap_or(""),
                c.schedule_need,
                need(r.need).0,
                r.priority,
                t.colon,
                (c.schedule_unmet)(*why)
            ))
        })
        .collect();
    Ok(SchedulePreview {
        date: day.date,
        head,
        rows,
        unmet,
        stats: (c.schedule_stats)(st.requested_never_met, st.mean_buyer_idle),
        meetings,
        released: dp.released,
        scroll: 0,
    })
}
