//! `sourcing schedule DAY [--apply] [--replan] [--json]`: the organiser's schedule for a
//! forum day, built from every open need's meeting requests (shortlist entries "à
//! rencontrer" and their priority). Without `--apply` it is a preview and writes nothing;
//! with it, each proposed meeting is booked (journaled, marked as placed by the schedule).

use super::acting::numbered_needs;
use super::out::{print_data, print_text};
use super::table::cut;
use super::Context;
use crate::cli::ScheduleArgs;
use crate::domain::buyer::current_login;
use crate::domain::forum::local_hm;
use crate::domain::text::clean_line;
use crate::domain::{MeetingError, MeetingStatus, Role};
use crate::i18n::texts;
use crate::schedule::forum::{day_plan, DayPlan};
use crate::schedule::{stats, upper_bound, Schedule, Unmet};
use crate::store::Store;
use std::collections::HashMap;

/// Runs the command. Errors: no such day; `--apply` by someone who is not an organiser;
/// the store's.
pub fn run(ctx: &Context, args: &ScheduleArgs) -> anyhow::Result<()> {
    let store = super::open_store(ctx)?;
    let c = &texts(ctx.lang).commands;
    let days = store.forum_days()?;
    let Some(day) = days.iter().find(|d| d.date == args.day).cloned() else {
        return Err(MeetingError::NoSuchDay { day: args.day }.into());
    };
    if args.apply {
        let me = current_login();
        let list = store.buyers()?;
        let organiser = list.is_empty()
            || list
                .iter()
                .any(|b| b.login == me && b.role == Role::Organiser);
        if !organiser {
            anyhow::bail!((c.schedule_organiser_only)(&me));
        }
    }
    let needs = store.needs()?;
    let mut shortlists = HashMap::new();
    for n in &needs {
        shortlists.insert(n.id, store.shortlist(n.id)?);
    }
    let dp = day_plan(
        &day,
        &days,
        &needs,
        &shortlists,
        &store.meetings()?,
        args.replan,
    );
    let schedule = dp.plan();
    let mut applied = 0usize;
    let mut refused = Vec::new();
    if args.apply {
        let actor = current_login();
        for id in &dp.released {
            store.set_meeting_status(*id, MeetingStatus::Cancelled, &actor)?;
        }
        for p in &schedule.placed {
            let Some(m) = dp.meeting(p) else { continue };
            match store.plan_meeting(m, &actor) {
                Ok(_) => applied += 1,
                // Someone booked the slot meanwhile: say so, keep the rest.
                Err(e) => refused.push((p.request, crate::i18n::Render::render(&e, ctx.lang))),
            }
        }
    }
    let numbers = numbered_needs(&*store)?;
    let names = supplier_names(&*store, &dp)?;
    if args.json {
        let v = json(&dp, &schedule, &names, &numbers, args.apply, applied);
        return print_data(
            &format!("{}\n", serde_json::to_string_pretty(&v)?),
            ctx.lang,
        );
    }
    print_text(
        &text(
            ctx, &dp, &schedule, &names, &numbers, args.apply, applied, &refused,
        ),
        ctx.lang,
    )
}

/// Names (cleaned) and SIRETs of the plan's suppliers, by instance index.
fn supplier_names(store: &dyn Store, dp: &DayPlan) -> anyhow::Result<Vec<(String, String)>> {
    let found = store.suppliers_by_id(&dp.suppliers)?;
    Ok(found
        .into_iter()
        .map(|s| match s {
            Some(s) => (
                clean_line(&s.name),
                s.siret.map(|x| x.as_str().to_string()).unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        })
        .collect())
}

/// The need's short number (as `need list` shows it) and cleaned title.
fn need_label(
    numbers: &[(u64, crate::domain::Need)],
    need: crate::domain::NeedId,
) -> (u64, String) {
    numbers
        .iter()
        .find(|(_, n)| n.id == need)
        .map(|(k, n)| (*k, clean_line(&n.title)))
        .unwrap_or_default()
}

fn unmet_key(u: Unmet) -> &'static str {
    match u {
        Unmet::SupplierNeverAvailable => "supplier_never_available",
        Unmet::SupplierQuota => "supplier_quota",
        Unmet::BuyerQuota => "buyer_quota",
        Unmet::NoCommonFreeSlot => "no_common_free_slot",
        Unmet::NoTable => "no_table",
        Unmet::InvalidInstance => "invalid_instance",
        Unmet::LaterDay => "later_day",
    }
}

fn json(
    dp: &DayPlan,
    s: &Schedule,
    names: &[(String, String)],
    numbers: &[(u64, crate::domain::Need)],
    apply: bool,
    applied: usize,
) -> serde_json::Value {
    let st = stats(&dp.instance, s);
    let placed: Vec<serde_json::Value> = s
        .placed
        .iter()
        .filter_map(|p| {
            let r = dp.requests.get(p.request)?;
            let si = dp.instance.requests.get(p.request)?.supplier;
            let (name, siret) = names.get(si).cloned().unwrap_or_default();
            let (number, title) = need_label(numbers, r.need);
            Some(serde_json::json!({
                "start": local_hm(dp.slots.get(p.slot)?.start),
                "table": clean_line(&dp.day.tables.get(p.table)?.name),
                "supplier": name,
                "siret": siret,
                "need": number,
                "need_title": title,
                "lot": r.lot,
                "buyers": r.buyers,
                "priority": r.priority,
            }))
        })
        .collect();
    let unmet: Vec<serde_json::Value> = s
        .unmet
        .iter()
        .filter_map(|(i, why)| {
            let r = dp.requests.get(*i)?;
            let si = dp.instance.requests.get(*i)?.supplier;
            let (name, siret) = names.get(si).cloned().unwrap_or_default();
            Some(serde_json::json!({
                "supplier": name,
                "siret": siret,
                "need": need_label(numbers, r.need).0,
                "priority": r.priority,
                "reason": unmet_key(*why),
            }))
        })
        .collect();
    serde_json::json!({
        "day": dp.day.date.to_string(),
        "requests": dp.requests.len(),
        "already_met": dp.instance.fixed.iter().filter(|f| f.request.is_some()).count(),
        "met_elsewhere": dp.met_elsewhere,
        "upper_bound": upper_bound(&dp.instance),
        "satisfied": st.satisfied(),
        "satisfied_by_priority": st.satisfied_by_priority,
        "requested_never_met": st.requested_never_met,
        "mean_buyer_idle_slots": st.mean_buyer_idle,
        "placed": placed,
        "unmet": unmet,
        "released": dp.released.len(),
        "applied": if apply { Some(applied) } else { None },
    })
}

#[allow(clippy::too_many_arguments)]
fn text(
    ctx: &Context,
    dp: &DayPlan,
    s: &Schedule,
    names: &[(String, String)],
    numbers: &[(u64, crate::domain::Need)],
    apply: bool,
    applied: usize,
    refused: &[(usize, String)],
) -> String {
    let c = &texts(ctx.lang).commands;
    let st = stats(&dp.instance, s);
    let date = dp.day.date.strftime("%d/%m/%Y").to_string();
    let mut out = (c.schedule_head)(
        &date,
        dp.requests.len(),
        s.placed.len(),
        st.satisfied(),
        upper_bound(&dp.instance),
    );
    out.push('\n');
    let mut rows: Vec<_> = s.placed.iter().collect();
    rows.sort_by_key(|p| (p.slot, p.table));
    for p in rows {
        let (Some(r), Some(slot), Some(table), Some(req)) = (
            dp.requests.get(p.request),
            dp.slots.get(p.slot),
            dp.day.tables.get(p.table),
            dp.instance.requests.get(p.request),
        ) else {
            continue;
        };
        let name = names.get(req.supplier).map(|n| n.0.as_str()).unwrap_or("");
        let (number, title) = need_label(numbers, r.need);
        out.push_str(&format!(
            "  {}  {:<12}  {:<32}  {} {number} {}  ({})  P{}\n",
            local_hm(slot.start),
            cut(&clean_line(&table.name), 12),
            cut(name, 32),
            c.schedule_need,
            cut(&title, 30),
            r.buyers.join(", "),
            r.priority
        ));
    }
    if !s.unmet.is_empty() {
        out.push_str(&format!("{}\n", c.schedule_unmet_head));
        for (i, why) in &s.unmet {
            let (Some(r), Some(req)) = (dp.requests.get(*i), dp.instance.requests.get(*i)) else {
                continue;
            };
            let name = names.get(req.supplier).map(|n| n.0.as_str()).unwrap_or("");
            let (number, _) = need_label(numbers, r.need);
            out.push_str(&format!(
                "  {} — {} {number}, P{}{}{}\n",
                cut(name, 40),
                c.schedule_need,
                r.priority,
                texts(ctx.lang).colon,
                (c.schedule_unmet)(*why)
            ));
        }
    }
    out.push_str(&(c.schedule_stats)(
        st.requested_never_met,
        st.mean_buyer_idle,
    ));
    out.push('\n');
    for (_, e) in refused {
        out.push_str(&format!("{e}\n"));
    }
    if apply {
        out.push_str(&(c.schedule_applied)(applied, dp.released.len()));
    } else {
        out.push_str(c.schedule_preview);
    }
    out.push('\n');
    out
}
