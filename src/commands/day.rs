//! `sourcing day add | edit | list | remove`: the forum's days as an organiser sets them
//! up. Meetings are never dropped silently: an edit that would leave some outside the new
//! slots or tables is refused with their list unless `--move` is given; a removal with
//! planned meetings asks for `--yes` and cancels them (journaled).

use super::out::{print_data, print_text};
use super::table::{cut, render};
use super::Context;
use crate::cli::{DayCommand, DaySettings};
use crate::domain::buyer::current_login;
use crate::domain::forum::{local_hm, numbered_tables, parse::table_spec, Table};
use crate::domain::text::clean_line;
use crate::domain::{Event, ForumDay, MeetingStatus};
use crate::i18n::{texts, Render};
use crate::store::{DayEdit, Store};

/// Runs the command. Errors: the store's ([`crate::store::StoreError`]: a day breaking
/// its rules, meetings that would not fit, access refused…).
pub fn run(ctx: &Context, cmd: &DayCommand) -> anyhow::Result<()> {
    let store = super::open_store(ctx)?;
    let actor = current_login();
    let c = &texts(ctx.lang).commands;
    let date_shown = |d: jiff::civil::Date| d.strftime("%d/%m/%Y").to_string();
    match cmd {
        DayCommand::Add {
            date,
            settings,
            json,
        } => {
            if store.forum_days()?.iter().any(|d| d.date == *date) {
                anyhow::bail!((c.day_exists)(&date.to_string()));
            }
            let mut day = ForumDay::typical(*date);
            // No renaming on a new day, so nothing to refuse.
            let _ = apply(&mut day, settings, &[]);
            // A half day set by its hours keeps no default lunch outside them.
            if settings.breaks.is_empty() {
                let (opens, closes) = (day.opens, day.closes);
                day.breaks.retain(|b| b.start >= opens && b.end <= closes);
            }
            store.edit_forum_day(day, DayEdit::Refuse, &actor)?;
            report(ctx, &*store, *date, &[], *json, true)
        }
        DayCommand::Edit {
            date,
            settings,
            rename_table,
            no_breaks,
            move_meetings,
            json,
        } => {
            let Some(mut day) = store.forum_days()?.into_iter().find(|d| d.date == *date) else {
                return Err(crate::store::StoreError::NoSuchDay { day: *date }.into());
            };
            if *no_breaks {
                day.breaks.clear();
            }
            apply(&mut day, settings, rename_table).map_err(|old| {
                let all: Vec<String> = day.tables.iter().map(|t| clean_line(&t.name)).collect();
                anyhow::anyhow!((c.day_no_table)(&clean_line(&old), &all.join(", ")))
            })?;
            let on_misfit = if *move_meetings {
                DayEdit::Move
            } else {
                DayEdit::Refuse
            };
            let moved = store.edit_forum_day(day, on_misfit, &actor)?;
            let st = crate::i18n::store::store_texts(ctx.lang);
            let lines: Vec<String> = moved
                .iter()
                .map(|m| {
                    let to =
                        m.to.as_ref()
                            .map(|(ts, t)| format!("{} {}", local_hm(*ts), clean_line(t)));
                    (c.day_moved)(&(st.misfit_line)(
                        &format!("{} {}", local_hm(m.from_start), clean_line(&m.from_table)),
                        &clean_line(&m.supplier),
                        &clean_line(&m.buyers.join(", ")),
                        to.as_deref(),
                    ))
                })
                .collect();
            report(ctx, &*store, *date, &lines, *json, false)
        }
        DayCommand::List { json } => {
            let days = store.forum_days()?;
            if *json {
                return print_data(
                    &format!("{}\n", serde_json::to_string_pretty(&days)?),
                    ctx.lang,
                );
            }
            if days.is_empty() {
                return print_text(&format!("{}\n", c.day_list_empty), ctx.lang);
            }
            let mut rows: Vec<[String; 7]> = vec![c.day_head.map(String::from)];
            for d in &days {
                rows.push(row(ctx, d));
            }
            print_text(&render(&rows, &[]), ctx.lang)
        }
        DayCommand::Remove { date, yes } => {
            let Some(day) = store.forum_days()?.into_iter().find(|d| d.date == *date) else {
                return Err(crate::store::StoreError::NoSuchDay { day: *date }.into());
            };
            let planned: Vec<_> = store
                .meetings()?
                .into_iter()
                .filter(|m| m.day == *date && m.status == MeetingStatus::Planned)
                .collect();
            if !planned.is_empty() && !yes {
                let mut lines = Vec::new();
                for m in &planned {
                    let name = store
                        .supplier(m.supplier)?
                        .map(|s| clean_line(&s.name))
                        .unwrap_or_default();
                    lines.push((c.day_meeting_line)(
                        &format!(
                            "{} {}",
                            local_hm(m.start),
                            clean_line(day.table_name(m.table))
                        ),
                        &name,
                        &clean_line(&m.buyers.join(", ")),
                    ));
                }
                anyhow::bail!((c.day_remove_confirm)(
                    &date_shown(*date),
                    &lines.join("\n")
                ));
            }
            let cancelled = store.remove_forum_day(*date, &actor)?;
            let ev = Event::ForumDayRemoved {
                date: *date,
                cancelled,
            };
            print_text(&format!("✔ {}\n", ev.render(ctx.lang)), ctx.lang)
        }
    }
}

/// Prints what was saved: the day's line (or JSON: the day and the moves' lines).
fn report(
    ctx: &Context,
    store: &dyn Store,
    date: jiff::civil::Date,
    moved: &[String],
    json: bool,
    created: bool,
) -> anyhow::Result<()> {
    let Some(day) = store.forum_days()?.into_iter().find(|d| d.date == date) else {
        return Err(crate::store::StoreError::NoSuchDay { day: date }.into());
    };
    if json {
        let v = serde_json::json!({ "day": day, "moved": moved });
        return print_data(
            &format!("{}\n", serde_json::to_string_pretty(&v)?),
            ctx.lang,
        );
    }
    let ev = Event::forum_day_saved(&day, created);
    let mut out = format!("✔ {}\n", ev.render(ctx.lang));
    let c = &texts(ctx.lang).commands;
    let mut rows: Vec<[String; 7]> = vec![c.day_head.map(String::from)];
    rows.push(row(ctx, &day));
    out.push_str(&render(&rows, &[]));
    for l in moved {
        out.push_str(l);
        out.push('\n');
    }
    print_text(&out, ctx.lang)
}

/// One line of `day list`.
fn row(ctx: &Context, d: &ForumDay) -> [String; 7] {
    let c = &texts(ctx.lang).commands;
    let breaks: Vec<String> = d
        .breaks
        .iter()
        .map(|b| {
            let hm = format!("{}–{}", b.start.strftime("%H:%M"), b.end.strftime("%H:%M"));
            if b.label.is_empty() {
                hm
            } else {
                format!("{} {hm}", b.label)
            }
        })
        .collect();
    let tables: Vec<String> = d
        .tables
        .iter()
        .map(|t| {
            if t.room.is_empty() {
                t.name.clone()
            } else {
                format!("{} @ {}", t.name, t.room)
            }
        })
        .collect();
    let quota = |q: Option<u32>| q.map_or_else(|| c.day_no_quota.to_string(), |n| n.to_string());
    let slots = d.slots();
    [
        d.date.to_string(),
        cut(&d.title, 30),
        format!(
            "{}–{}",
            d.opens.strftime("%H:%M"),
            d.closes.strftime("%H:%M")
        ),
        format!("{} × {} min", slots.len(), d.slot_minutes),
        cut(&breaks.join(", "), 30),
        format!("{} : {}", tables.len(), cut(&tables.join(", "), 40)),
        if d.max_per_supplier.is_none() && d.max_per_buyer.is_none() {
            c.day_no_quota.to_string()
        } else {
            (c.day_quotas)(&quota(d.max_per_supplier), &quota(d.max_per_buyer))
        },
    ]
}

/// Applies the options given to `day`: texts, hours, slot length, breaks (replacing the
/// day's when any is given), tables (a table keeps its id, hence its meetings, when its
/// name stays; renamings keep the id too), quotas (0: no limit). Err(old name) when a
/// renaming names no table of the day.
fn apply(day: &mut ForumDay, s: &DaySettings, renames: &[(String, String)]) -> Result<(), String> {
    if let Some(t) = &s.title {
        day.title = t.clone();
    }
    if let Some(p) = &s.place {
        day.place = p.clone();
    }
    if let Some(t) = s.opens {
        day.opens = t;
    }
    if let Some(t) = s.closes {
        day.closes = t;
    }
    if let Some(m) = s.slot_minutes {
        day.slot_minutes = m;
    }
    if !s.breaks.is_empty() {
        day.breaks = s.breaks.clone();
    }
    for (old, new) in renames {
        let id = day.table_by_name(old).map(|t| t.id);
        match id.and_then(|id| day.tables.iter_mut().find(|t| t.id == id)) {
            Some(t) => t.name = new.clone(),
            None => return Err(old.clone()),
        }
    }
    let wanted: Option<Vec<(String, String)>> = if let Some(n) = s.table_count {
        Some(
            numbered_tables(n)
                .into_iter()
                .map(|t| (t.name, String::new()))
                .collect(),
        )
    } else if !s.tables.is_empty() {
        Some(s.tables.iter().map(|t| table_spec(t)).collect())
    } else {
        None
    };
    if let Some(wanted) = wanted {
        day.tables = wanted
            .into_iter()
            .map(|(name, room)| Table {
                id: day.table_by_name(&name).map(|t| t.id).unwrap_or(0),
                name,
                room,
            })
            .collect();
    }
    if let Some(n) = s.max_per_supplier {
        day.max_per_supplier = (n > 0).then_some(n);
    }
    if let Some(n) = s.max_per_buyer {
        day.max_per_buyer = (n > 0).then_some(n);
    }
    Ok(())
}
