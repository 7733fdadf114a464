//! `sourcing shortlist add NEED SUPPLIER [--lot N] [--status à-rencontrer [--priority P]]`:
//! a supplier on a need's (or lot's) shortlist, by hand, with an optional decision reason
//! or, for a meeting request, its priority 1–3.

use super::acting::{acting, check_lot, need, supplier};
use super::out::print_text;
use super::Context;
use crate::cli::ShortlistCommand;
use crate::domain::text::clean_line;
use crate::domain::{Event, ShortlistEntry, TriageStatus};
use crate::i18n::Render;

/// Runs the command. Errors: unknown need, lot or supplier; the store's (closed need,
/// access refused…).
pub fn run(ctx: &Context, cmd: &ShortlistCommand) -> anyhow::Result<()> {
    match cmd {
        ShortlistCommand::Add {
            need: n,
            supplier: key,
            lot,
            status,
            note,
            reason,
            priority,
            on_behalf,
        } => {
            let t = crate::i18n::texts(ctx.lang);
            if priority.is_some() && *status != TriageStatus::ToMeet {
                anyhow::bail!((t.commands.priority_needs_to_meet)(t.triage(*status)));
            }
            let a = acting(ctx, on_behalf.pour.as_deref())?;
            let need = need(ctx, &*a.store, *n)?;
            check_lot(ctx, &need, *lot)?;
            let s = supplier(ctx, &*a.store, key)?;
            let existing = a
                .store
                .shortlist(need.id)?
                .into_iter()
                .find(|e| e.lot == *lot && e.supplier == s.id);
            let from = existing.as_ref().map(|e| e.status);
            let mut entry = existing.unwrap_or(ShortlistEntry {
                need: need.id,
                lot: *lot,
                supplier: s.id,
                ..Default::default()
            });
            entry.status = *status;
            if !note.is_empty() {
                entry.note = note.clone();
            }
            entry.reason = reason.clone();
            entry.priority = if *status == TriageStatus::ToMeet {
                priority.or(entry.priority)
            } else {
                None
            };
            a.store.save_shortlist_entry(entry, &a.actor)?;
            let ev = Event::ShortlistSaved {
                need: *n,
                lot: *lot,
                supplier: s.id,
                supplier_name: clean_line(&s.name),
                from,
                to: *status,
                reason: clean_line(reason),
            };
            print_text(&format!("✔ {}\n", ev.render(ctx.lang)), ctx.lang)
        }
    }
}
