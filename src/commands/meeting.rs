//! `sourcing meeting add | list | cancel | start | end`: meetings in a day's slots, and
//! their real start and end (equal time for every supplier).

use super::acting::{acting, check_lot, meeting as numbered_meeting, need, number_of, supplier};
use super::out::{print_data, print_text};
use super::table::{cut, render};
use super::Context;
use crate::cli::MeetingCommand;
use crate::domain::forum::local_hm;
use crate::domain::text::clean_line;
use crate::domain::{Event, ForumDay, Meeting, MeetingStamp, MeetingStatus, TimeFlag};
use crate::i18n::{texts, Lang, Render};

/// Runs the command. Errors: unknown day, table, need, lot, supplier or meeting; the
/// store's (slot taken, quota reached, access refused…).
pub fn run(ctx: &Context, cmd: &MeetingCommand) -> anyhow::Result<()> {
    let c = &texts(ctx.lang).commands;
    match cmd {
        MeetingCommand::Add {
            supplier: key,
            day,
            at,
            table,
            need: need_no,
            lot,
            buyers,
            force,
            on_behalf,
            json,
        } => {
            let a = acting(ctx, on_behalf.pour.as_deref())?;
            let s = supplier(ctx, &*a.store, key)?;
            let Some(forum_day) = a.store.forum_days()?.into_iter().find(|d| d.date == *day) else {
                return Err(crate::domain::MeetingError::NoSuchDay { day: *day }.into());
            };
            let Some(t) = forum_day.table_by_name(table) else {
                let all: Vec<String> = forum_day
                    .tables
                    .iter()
                    .map(|t| clean_line(&t.name))
                    .collect();
                return Err(crate::domain::MeetingError::NoSuchTable {
                    day: *day,
                    tables: all,
                }
                .into());
            };
            let Some(start) = forum_day.instant(*at) else {
                return Err(crate::domain::MeetingError::NoSuchDay { day: *day }.into());
            };
            if !force
                && forum_day.presence_at(s.id, start) != crate::domain::forum::Presence::Available
            {
                let c = &texts(ctx.lang).commands;
                anyhow::bail!((c.meeting_outside_availability)(
                    &clean_line(&s.name),
                    &day.strftime("%d/%m/%Y").to_string(),
                    &at.strftime("%H:%M").to_string(),
                    &forum_day.windows_hm(s.id).join(", "),
                ));
            }
            let mut who: Vec<String> = if buyers.is_empty() {
                vec![a.login.clone()]
            } else {
                buyers.clone()
            };
            let mut need_id = None;
            if let Some(n) = need_no {
                let need = need(ctx, &*a.store, *n)?;
                need_id = Some(need.id);
                check_lot(ctx, &need, *lot)?;
                for b in need.co_buyers.iter().chain(std::iter::once(&need.owner)) {
                    if !who.contains(b) && !b.is_empty() {
                        who.push(b.clone());
                    }
                }
            }
            let m = a.store.plan_meeting(
                Meeting {
                    supplier: s.id,
                    buyers: who,
                    need: need_id,
                    lot: *lot,
                    day: *day,
                    start,
                    table: t.id,
                    ..Default::default()
                },
                &a.actor,
            )?;
            if *json {
                return print_data(
                    &format!("{}\n", serde_json::to_string_pretty(&m)?),
                    ctx.lang,
                );
            }
            let ids: Vec<u64> = a.store.meetings()?.iter().map(|m| m.id).collect();
            let ev = Event::MeetingPlanned {
                meeting: number_of(&ids, m.id),
                supplier: s.id,
                supplier_name: clean_line(&s.name),
                table: clean_line(&t.name),
                slot: 0,
                start: Some(m.start),
                day: m.day,
                buyers: m.buyers.clone(),
            };
            print_text(&format!("✔ {}\n", ev.render(ctx.lang)), ctx.lang)
        }
        MeetingCommand::List { day, buyer, json } => {
            let store = super::open_store(ctx)?;
            let days = store.forum_days()?;
            let all = store.meetings()?;
            let ids: Vec<u64> = all.iter().map(|m| m.id).collect();
            let mut ms: Vec<Meeting> = all
                .into_iter()
                .filter(|m| day.is_none_or(|d| m.day == d))
                .filter(|m| buyer.as_ref().is_none_or(|b| m.buyers.contains(b)))
                .collect();
            ms.sort_by_key(|m| (m.start, m.table, m.id));
            if *json {
                let rows: Vec<serde_json::Value> = ms
                    .iter()
                    .map(|m| {
                        let flag = slot_minutes(&days, m).and_then(|s| m.time_flag(s));
                        serde_json::json!({
                            "number": number_of(&ids, m.id),
                            "meeting": m,
                            "real_minutes": m.real_minutes(),
                            "time_flag": flag,
                        })
                    })
                    .collect();
                return print_data(
                    &format!("{}\n", serde_json::to_string_pretty(&rows)?),
                    ctx.lang,
                );
            }
            if ms.is_empty() {
                return print_text(&format!("{}\n", c.meeting_list_empty), ctx.lang);
            }
            let now = store.clock().now();
            let mut rows: Vec<[String; 8]> = vec![c.meeting_head.map(String::from)];
            for m in &ms {
                let name = store
                    .supplier(m.supplier)?
                    .map(|s| s.name)
                    .unwrap_or_default();
                let d = days.iter().find(|d| d.date == m.day);
                rows.push([
                    number_of(&ids, m.id).to_string(),
                    m.day.strftime("%d/%m/%Y").to_string(),
                    local_hm(m.start),
                    cut(d.map_or("?", |d| d.table_name(m.table)), 16),
                    cut(&name, 36),
                    cut(&m.buyers.join(", "), 24),
                    texts(ctx.lang).meeting_status(m.status).to_string(),
                    length(ctx.lang, d, m, now),
                ]);
            }
            print_text(&render(&rows, &[0]), ctx.lang)
        }
        MeetingCommand::Cancel { meeting, on_behalf } => {
            let a = acting(ctx, on_behalf.pour.as_deref())?;
            let m = numbered_meeting(ctx, &*a.store, *meeting)?;
            let from = m.status;
            let m = a
                .store
                .set_meeting_status(m.id, MeetingStatus::Cancelled, &a.actor)?;
            let ev = Event::MeetingStatusChanged {
                meeting: *meeting,
                supplier: m.supplier,
                supplier_name: a.store.supplier(m.supplier)?.map(|s| clean_line(&s.name)),
                from,
                to: m.status,
            };
            print_text(&format!("✔ {}\n", ev.render(ctx.lang)), ctx.lang)
        }
        MeetingCommand::Outcome {
            meeting,
            next_step,
            rating,
            notes,
            follow_up,
            documents,
            on_behalf,
        } => log_outcome(
            ctx,
            *meeting,
            OutcomeArgs {
                next_step: *next_step,
                rating: *rating,
                notes: notes.as_deref(),
                follow_up: *follow_up,
                documents,
            },
            on_behalf.pour.as_deref(),
        ),
        MeetingCommand::FollowUp {
            meeting,
            result,
            date,
            amount,
            on_behalf,
        } => follow_up(
            ctx,
            *meeting,
            crate::domain::SecondStage {
                result: *result,
                on: *date,
                amount_eur: *amount,
            },
            on_behalf.pour.as_deref(),
        ),
        MeetingCommand::Start { meeting, on_behalf }
        | MeetingCommand::End { meeting, on_behalf } => {
            let stamp = if matches!(cmd, MeetingCommand::Start { .. }) {
                MeetingStamp::Start
            } else {
                MeetingStamp::End
            };
            let a = acting(ctx, on_behalf.pour.as_deref())?;
            let m = numbered_meeting(ctx, &*a.store, *meeting)?;
            let m = a.store.stamp_meeting(m.id, stamp, &a.actor)?;
            let name = a.store.supplier(m.supplier)?.map(|s| clean_line(&s.name));
            let ev = Event::meeting_timed(*meeting, &m, stamp, name);
            let mut out = format!("✔ {}\n", ev.render(ctx.lang));
            let days = a.store.forum_days()?;
            if let Some(flag) = slot_minutes(&days, &m).and_then(|s| m.time_flag(s)) {
                out.push_str(&format!("{}\n", flag_text(ctx.lang, flag)));
            }
            print_text(&out, ctx.lang)
        }
    }
}

/// `meeting follow-up`: a new outcome version, the latest one's content plus the second
/// stage. Errors: unknown meeting, no outcome yet, the store's.
fn follow_up(
    ctx: &Context,
    n: u64,
    stage: crate::domain::SecondStage,
    pour: Option<&str>,
) -> anyhow::Result<()> {
    let c = &texts(ctx.lang).commands;
    let a = acting(ctx, pour)?;
    let m = numbered_meeting(ctx, &*a.store, n)?;
    let Some(mut o) = a
        .store
        .outcomes(m.id)?
        .into_iter()
        .max_by_key(|o| o.version)
    else {
        anyhow::bail!((c.follow_up_needs_outcome)(n));
    };
    o.follow_up_result = Some(stage);
    o.version = 0;
    let saved = a.store.log_outcome(o, &a.actor)?;
    let name = a
        .store
        .supplier(m.supplier)?
        .map(|s| clean_line(&s.name))
        .unwrap_or_default();
    let result = (texts(ctx.lang).labels.follow_up)(stage.result);
    print_text(
        &format!("{}\n", (c.follow_up_saved)(n, &name, result, saved.version)),
        ctx.lang,
    )
}

/// What `meeting outcome` was given; what is absent is taken from the latest version.
struct OutcomeArgs<'a> {
    next_step: Option<crate::domain::NextStep>,
    rating: Option<u8>,
    notes: Option<&'a str>,
    follow_up: Option<jiff::civil::Date>,
    documents: &'a [String],
}

/// Appends an outcome version to meeting `n`: the latest version (if any) with what was
/// given replacing its fields. A first outcome needs its next step and rating. A document
/// must be one of the need's. Errors: the store's (cancelled meeting, access).
fn log_outcome(ctx: &Context, n: u64, args: OutcomeArgs, pour: Option<&str>) -> anyhow::Result<()> {
    let c = &texts(ctx.lang).commands;
    let a = acting(ctx, pour)?;
    let m = numbered_meeting(ctx, &*a.store, n)?;
    let latest = a
        .store
        .outcomes(m.id)?
        .into_iter()
        .max_by_key(|o| o.version);
    let mut o = match (latest, args.next_step, args.rating) {
        (Some(o), _, _) => o,
        // A first outcome names its next step, and its rating unless it did not take place.
        (None, Some(next_step), rating)
            if rating.is_some() || next_step == crate::domain::NextStep::DidNotTakePlace =>
        {
            crate::domain::Outcome {
                meeting: m.id,
                version: 0,
                next_step,
                rating,
                notes: String::new(),
                follow_up: None,
                follow_up_result: None,
                documents_given: Vec::new(),
                logged_by: String::new(),
                logged_at: jiff::Timestamp::UNIX_EPOCH,
            }
        }
        (None, _, _) => anyhow::bail!((c.outcome_needs_step_and_rating)(n)),
    };
    if let Some(s) = args.next_step {
        o.next_step = s;
    }
    if let Some(r) = args.rating {
        o.rating = Some(r);
    }
    if let Some(notes) = args.notes {
        o.notes = notes.replace("\\n", "\n");
    }
    if args.follow_up.is_some() {
        o.follow_up = args.follow_up;
    }
    if !args.documents.is_empty() {
        let listed = match m.need {
            Some(id) => a
                .store
                .needs()?
                .into_iter()
                .find(|n| n.id == id)
                .map(|n| n.documents)
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let mut given = Vec::new();
        for d in args.documents {
            let f = crate::domain::text::identity_fold(d);
            match listed
                .iter()
                .find(|l| crate::domain::text::identity_fold(l) == f)
            {
                Some(l) => given.push(l.clone()),
                None => anyhow::bail!((c.outcome_unknown_document)(
                    &clean_line(d),
                    &listed.join(" ; ")
                )),
            }
        }
        o.documents_given = given;
    }
    o.version = 0;
    o.logged_at = a.store.clock().now();
    // An outcome is of a meeting that happened or did not: a still planned one becomes
    // held (no-show when it did not take place) first, as the TUI's form says.
    if m.status == MeetingStatus::Planned {
        o.validate()?;
        let to = if o.next_step == crate::domain::NextStep::DidNotTakePlace {
            MeetingStatus::NoShow
        } else {
            MeetingStatus::Held
        };
        a.store.set_meeting_status(m.id, to, &a.actor)?;
    }
    let saved = a.store.log_outcome(o, &a.actor)?;
    let name = a
        .store
        .supplier(m.supplier)?
        .map(|s| clean_line(&s.name))
        .unwrap_or_default();
    let step = texts(ctx.lang).next_step(saved.next_step);
    print_text(
        &format!(
            "{}\n",
            (c.outcome_logged)(n, &name, step, saved.rating, saved.version)
        ),
        ctx.lang,
    )
}

fn slot_minutes(days: &[ForumDay], m: &Meeting) -> Option<u32> {
    days.iter()
        .find(|d| d.date == m.day)
        .map(|d| u32::from(d.slot_minutes))
}

/// The equal-time flag in words: "⚑ 31 min pour un créneau de 20 (trop long)".
pub fn flag_text(lang: Lang, flag: TimeFlag) -> String {
    let c = &texts(lang).commands;
    match flag {
        TimeFlag::Short { minutes, slot } => (c.time_flag)(minutes, slot, false),
        TimeFlag::Long { minutes, slot } => (c.time_flag)(minutes, slot, true),
    }
}

/// The length column: the real length with its flag, the running timer, or empty.
fn length(lang: Lang, day: Option<&ForumDay>, m: &Meeting, now: jiff::Timestamp) -> String {
    if let Some(real) = m.real_minutes() {
        let flag = day
            .and_then(|d| m.time_flag(u32::from(d.slot_minutes)))
            .map(|f| format!(" {}", flag_text(lang, f)))
            .unwrap_or_default();
        return format!("{real} min{flag}");
    }
    match (m.started_at, m.status) {
        (Some(a), MeetingStatus::Planned) => {
            (texts(lang).commands.running)((now.as_second() - a.as_second()).div_euclid(60))
        }
        _ => String::new(),
    }
}
