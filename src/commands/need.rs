//! `sourcing need add | list | show | status`: needs (besoins) with their lots and
//! co-buyers, as a buyer states them on screen, from a script.

use super::acting::{acting, need, number_of, numbered_needs};
use super::out::{print_data, print_text};
use super::table::{cut, render};
use super::Context;
use crate::cli::NeedCommand;
use crate::domain::need::split_lot_description;
use crate::domain::text::clean_line;
use crate::domain::{CpvCode, Event, Lot, Need, NeedStatus};
use crate::i18n::{texts, Render};

/// Runs the command. Errors: the store's (a need breaking its rules, access refused…), a
/// bad CPV code, an unknown need number.
pub fn run(ctx: &Context, cmd: &NeedCommand) -> anyhow::Result<()> {
    let c = &texts(ctx.lang).commands;
    match cmd {
        NeedCommand::Add {
            title,
            description,
            cpv,
            lots,
            co_buyers,
            documents,
            status,
            on_behalf,
            json,
        } => {
            let mut codes = Vec::new();
            for code in cpv {
                codes.push(
                    CpvCode::parse(code)
                        .map_err(|_| anyhow::anyhow!((c.bad_cpv)(&clean_line(code))))?,
                );
            }
            let mut parsed = Vec::new();
            for (i, spec) in lots.iter().enumerate() {
                parsed.push(lot_spec(ctx, spec, i)?);
            }
            let a = acting(ctx, on_behalf.pour.as_deref())?;
            let saved = a.store.save_need(
                Need {
                    title: title.clone(),
                    description: description.clone(),
                    cpv: codes,
                    lots: parsed,
                    owner: a.login.clone(),
                    co_buyers: co_buyers
                        .iter()
                        .filter(|b| **b != a.login)
                        .cloned()
                        .collect(),
                    documents: documents.clone(),
                    status: *status,
                    ..Default::default()
                },
                &a.actor,
            )?;
            if *json {
                return print_data(
                    &format!("{}\n", serde_json::to_string_pretty(&saved)?),
                    ctx.lang,
                );
            }
            let ids: Vec<u64> = a.store.needs()?.iter().map(|n| n.id).collect();
            let ev = Event::NeedSaved {
                need: number_of(&ids, saved.id),
                title: clean_line(&saved.title),
                created: true,
            };
            print_text(&format!("✔ {}\n", ev.render(ctx.lang)), ctx.lang)
        }
        NeedCommand::List { all, json } => {
            let store = super::open_store(ctx)?;
            let needs: Vec<(u64, Need)> = numbered_needs(&*store)?
                .into_iter()
                .filter(|(_, n)| *all || n.status != NeedStatus::Closed)
                .collect();
            if *json {
                let rows: Vec<serde_json::Value> = needs
                    .iter()
                    .map(|(k, n)| numbered(*k, n))
                    .collect::<Result<_, _>>()?;
                return print_data(
                    &format!("{}\n", serde_json::to_string_pretty(&rows)?),
                    ctx.lang,
                );
            }
            if needs.is_empty() {
                return print_text(&format!("{}\n", c.need_list_empty), ctx.lang);
            }
            let mut rows: Vec<[String; 7]> = vec![c.need_head.map(String::from)];
            for (k, n) in &needs {
                let shortlisted = store.shortlist(n.id)?.len();
                rows.push([
                    k.to_string(),
                    cut(&n.title, 40),
                    cut(&n.owner, 16),
                    cut(&n.co_buyers.join(", "), 24),
                    texts(ctx.lang).need_status(n.status).to_string(),
                    n.lots.len().to_string(),
                    shortlisted.to_string(),
                ]);
            }
            print_text(&render(&rows, &[0, 5, 6]), ctx.lang)
        }
        NeedCommand::Show { need: n, json } => {
            let store = super::open_store(ctx)?;
            let need = need(ctx, &*store, *n)?;
            let shortlist = store.shortlist(need.id)?;
            if *json {
                let v = serde_json::json!({ "need": numbered(*n, &need)?, "shortlist": shortlist });
                return print_data(
                    &format!("{}\n", serde_json::to_string_pretty(&v)?),
                    ctx.lang,
                );
            }
            let l = c.need_labels;
            let t = texts(ctx.lang);
            let mut out = format!("{n} — {}\n", need.title);
            let cpv = |codes: &[CpvCode]| {
                codes
                    .iter()
                    .map(|c| c.as_str().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push_str(&format!("  {} : {}\n", l[5], need.owner));
            out.push_str(&format!("  {} : {}\n", l[4], t.need_status(need.status)));
            if !need.co_buyers.is_empty() {
                out.push_str(&format!("  {} : {}\n", l[3], need.co_buyers.join(", ")));
            }
            if !need.cpv.is_empty() {
                out.push_str(&format!("  {} : {}\n", l[1], cpv(&need.cpv)));
            }
            if !need.description.is_empty() {
                out.push_str(&format!("  {} : {}\n", l[0], need.description));
            }
            if !need.documents.is_empty() {
                out.push_str(&format!("  {} : {}\n", l[7], need.documents.join(" ; ")));
            }
            if !need.lots.is_empty() {
                out.push_str(&format!("  {} :\n", l[2]));
                for lot in &need.lots {
                    let codes = cpv(&lot.cpv);
                    out.push_str(&format!(
                        "    {}. {}{}\n",
                        lot.number,
                        lot.title,
                        if codes.is_empty() {
                            String::new()
                        } else {
                            format!(" ({codes})")
                        }
                    ));
                    if !lot.description.is_empty() {
                        out.push_str(&format!("       {}\n", lot.description));
                    }
                }
            }
            out.push_str(&format!("  {} : {}\n", l[6], shortlist.len()));
            for e in &shortlist {
                let name = store
                    .supplier(e.supplier)?
                    .map(|s| s.name)
                    .unwrap_or_default();
                let lot = if e.lot == 0 {
                    String::new()
                } else {
                    format!(" [lot {}]", e.lot)
                };
                let status = match e.request_priority() {
                    Some(p) => (texts(ctx.lang).commands.request_priority)(p),
                    None => t.triage(e.status).to_string(),
                };
                out.push_str(&format!("    {}{lot} — {status}\n", cut(&name, 50)));
            }
            print_text(&out, ctx.lang)
        }
        NeedCommand::Status { need: n, status } => {
            let a = acting(ctx, None)?;
            let mut need = need(ctx, &*a.store, *n)?;
            need.status = *status;
            let saved = a.store.save_need(need, &a.actor)?;
            print_text(
                &format!(
                    "{}\n",
                    (c.need_status_set)(
                        *n,
                        &clean_line(&saved.title),
                        texts(ctx.lang).need_status(saved.status)
                    )
                ),
                ctx.lang,
            )
        }
    }
}

/// A need as JSON with its short number (`"number"`) beside its fields.
fn numbered(number: u64, need: &Need) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(need)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("number".into(), number.into());
    }
    Ok(v)
}

/// A `--lot` value, "Title" or "Title : 45321000, 09331000" (what follows the last colon
/// is read as CPV codes when each has 7 digits or more, so "Phase 2 : 2027" stays a
/// title), optionally ending with a description in parentheses after the colon,
/// "Voirie : 45233141 (entretien des voies)" (see `split_lot_description`), numbered `index + 1`.
/// Errors: a CPV code that does not parse (`bad_lot_cpv`).
fn lot_spec(ctx: &Context, spec: &str, index: usize) -> anyhow::Result<Lot> {
    let (rest, description) = split_lot_description(spec);
    let (title, codes) = match rest.rsplit_once(':') {
        Some((t, codes))
            if codes.split(',').all(|c| {
                let c = c.trim();
                c.chars().filter(char::is_ascii_digit).count() >= 7
                    && c.chars().all(|ch| ch.is_ascii_digit() || ch == '-')
            }) =>
        {
            (t.trim(), codes)
        }
        Some((t, codes)) if codes.trim().is_empty() && !description.is_empty() => (t.trim(), ""),
        _ => (rest.trim(), ""),
    };
    let mut cpv = Vec::new();
    for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        cpv.push(CpvCode::parse(code).map_err(|_| {
            anyhow::anyhow!((texts(ctx.lang).commands.bad_lot_cpv)(
                &clean_line(spec),
                &clean_line(code)
            ))
        })?);
    }
    Ok(Lot {
        number: u32::try_from(index + 1).unwrap_or(u32::MAX),
        title: title.to_string(),
        cpv,
        description: description.to_string(),
    })
}
