//! The store's texts in English.

use crate::domain::Role;
use crate::domain::{Event, ImportSource, SupplierId};
use crate::i18n::store::{in_sentence, StoreTexts};
use crate::i18n::Lang;
use crate::store::backup::BackupError;
use crate::store::Action;

/// The store's texts in English.
pub static STORE: StoreTexts = StoreTexts {
    backup: |e| {
        match e {
        BackupError::Io { path, source } => format!(
            "{}: {source}. Check the free disk space and the permissions.",
            path.display()
        ),
        BackupError::Store(e) => e.to_string(),
        BackupError::NoBackup(dir) => format!(
            "no backup in {}: run `sourcing store backup` on a readable data folder",
            dir.display()
        ),
        BackupError::NotFound { name, dir } => format!(
            "backup “{name}” not found in {}: `sourcing store check` lists the backups",
            dir.display()
        ),
        BackupError::Damaged { path, what } => format!(
            "backup {} is damaged: {what}. Choose another one: `sourcing store restore NAME`",
            path.display()
        ),
        BackupError::Locked { path, holder } => format!(
            "the data folder {} is open in another process{}. Close it (quit sourcing), then run the command again.",
            path.display(),
            holder.map(|p| format!(" (pid {p})")).unwrap_or_default()
        ),
    }
    },
    locked: |p| {
        format!("the data folder {p} is already open in another sourcing process.\n  Close the other session, or choose another folder with --store DIR.")
    },
    too_new: |p, found, supported| {
        format!("the data folder {p} has schema v{found}, newer than this program's (v{supported}): update sourcing.")
    },
    slot_taken: |what| format!("slot already taken: {what} already has a meeting in this slot"),
    conflict_table: |name| format!("table {name}"),
    conflict_buyer: |login| format!("buyer {login}"),
    conflict_supplier: |name| format!("supplier {name}"),
    duplicate_siret: |siret| format!("SIRET {siret} already belongs to another supplier"),
    not_found: |what| format!("{what} not found"),
    missing_supplier: "supplier",
    missing_need: "need",
    missing_meeting: "meeting",
    io: |d| {
        format!("cannot access the data folder: {d}. Check the disk space and the permissions.")
    },
    corrupt: |d| format!("unreadable data in the data folder ({d})"),
    need_no_title: "the need has no title: give it one",
    need_lot_numbers: "invalid lot numbers: each lot has a unique number from 1",
    need_closed: |need| format!("the need “{need}” is closed: it is read-only; reopen it (sourcing need status N open) to change it"),
    need_lot_in_use: |need, lot, title, entries, meetings| format!("lot {lot} \"{title}\" of need \"{need}\" is still in use (shortlisted: {entries}, meetings: {meetings}): remove them from the shortlist and cancel those meetings first, or keep the lot"),
    need_no_such_lot: |need, lot| format!("the need “{need}” has no lot {lot}"),
    day_hours: |d, o, c| format!("forum day {d}: opening ({o}) must come before closing ({c})"),
    day_slot_too_short: |d| format!("forum day {d}: a slot lasts at least 5 minutes"),
    day_no_table: |d| format!("forum day {d}: give at least one table"),
    meeting_already_planned:
        "this meeting already exists: change its status instead of planning it again",
    meeting_no_buyer: "meeting without a buyer: give at least one buyer",
    meeting_no_table: "meeting without a table: choose a table",
    meeting_no_such_slot: |s, d| {
        format!("no slot starts at {s} on {d} (break, outside opening hours or off the slot grid)")
    },
    meeting_no_such_table: |d, all| format!("this table does not exist on {d}: tables {all}"),
    meeting_not_timeable: |s| format!("this meeting is {s}: only a planned or held meeting can be started or ended"),
    meeting_not_started: "this meeting was never started: start it first (Commencer)",
    meeting_already_ended: "this meeting has already ended: its times stay as recorded",
    meeting_no_such_day: |d| format!("no forum day on {d}: create it first (sourcing day add {d})"),
    day_duplicate_table: |d, n| format!("forum day {d}: two tables are named “{n}”; give them distinct names"),
    day_bad_break: |d, s, e| {
        format!("forum day {d}: the break {s}–{e} must end after it starts and fit within opening hours")
    },
    day_no_slot: |d| format!("forum day {d}: no slot fits between opening, closing and the breaks"),
    day_zero_quota: |d| format!("forum day {d}: a quota is at least 1 meeting (for no quota, leave it out)"),
    quota_reached: |who, max, d| {
        format!("quota reached: {who} already has {max} meetings on {d}, the day's maximum")
    },
    day_misfits: |d, lines, movable| {
        if movable {
            format!("forum day {d}: this change would leave these meetings outside the slots or tables:\n{lines}\nConfirm to move them as shown (--move), or change the day.")
        } else {
            format!("forum day {d}: this change would leave these meetings outside the slots or tables, and some have no free place left:\n{lines}\nCancel them or keep enough slots and tables.")
        }
    },
    misfit_line: |from, supplier, buyers, to| match to {
        Some(to) => format!("  – {from}: {supplier} ({buyers}) → {to}"),
        None => format!("  – {from}: {supplier} ({buyers}) → no free place"),
    },
    day_held: |d, n| {
        format!("forum day {d}: {n} meetings were already held; it is part of the forum's record and cannot be removed")
    },
    no_such_day: |d| format!("no forum day on {d} (see: sourcing day list)"),
    outcome_rating: |r| format!("rating {r} is invalid: give a rating from 1 to 5"),
    event,
    denied: |login, role, action| match role {
        Some(r) => format!("refused: {login} ({r}) may not {action}. An organiser can change its role (sourcing buyers add {login} --role …)."),
        None => format!("refused: the account {login} is not on this forum's list of buyers. Ask an organiser to add it: sourcing buyers add {login} --name \"First Last\" --role buyer"),
    },
    action: |a| match a {
        Action::ChangeSuppliers => "change the supplier directory",
        Action::ChangeNeed => "change this need (another buyer owns it)",
        Action::ChangeShortlist => "change this need's shortlist (another buyer owns it)",
        Action::ChangeForumDay => "organise the forum days",
        Action::ChangeMeeting => "change this meeting (you do not take part in it)",
        Action::LogOutcome => "log this meeting's outcome (you do not take part in it)",
        Action::ChangeBuyers => "change the list of buyers",
        Action::MaintainStore => "back up, check or restore the data folder",
        Action::ActForBuyer => "act for another buyer (--pour)",
        Action::Read => "read this forum",
    },
    role: |r| match r {
        Role::Organiser => "organiser",
        Role::Buyer => "buyer",
        Role::Observer => "observer",
    },
    disconnected: "link to the server lost before it answered: nothing is confirmed. Reconnecting; check, then try again.",
};

/// "no. 12 (ACME SAS)", or "no. 12" when the name is unknown.
fn supplier_ref(id: SupplierId, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => format!("no. {id} ({n})"),
        _ => format!("no. {id}"),
    }
}

/// ", lot 2", or nothing for the whole need.
fn lot(n: u32) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(", lot {n}")
    }
}

fn done(created: bool) -> &'static str {
    if created {
        "created"
    } else {
        "updated"
    }
}

/// A journal event in English.
fn event(e: &Event) -> String {
    match e {
        Event::SupplierSaved {
            supplier,
            name,
            created,
        } => format!(
            "supplier {} {}",
            supplier_ref(*supplier, Some(name)),
            done(*created)
        ),
        Event::Imported {
            suppliers,
            created,
            updated,
            unchanged,
            source,
        } => {
            let from = match source {
                ImportSource::Unknown => String::new(),
                ImportSource::File(f) => format!(" from file {f}"),
                ImportSource::Several => " from several files".to_string(),
            };
            format!("import of {suppliers} suppliers{from}: {created} created, {updated} updated, {unchanged} unchanged")
        }
        Event::NeedSaved {
            need,
            title,
            created,
        } => format!("need no. {need} “{title}” {}", done(*created)),
        Event::ShortlistSaved {
            need,
            lot: l,
            supplier,
            supplier_name,
            to,
            reason,
            ..
        } => format!(
            "shortlist of need no. {need}{}: supplier {} — {}",
            lot(*l),
            supplier_ref(*supplier, Some(supplier_name)),
            in_sentence::triage(Lang::En, *to)
        ) + &if reason.is_empty() {
            String::new()
        } else {
            format!(" (reason: {reason})")
        },
        Event::ShortlistRemoved {
            need,
            lot: l,
            supplier,
            supplier_name,
        } => format!(
            "shortlist of need no. {need}{}: supplier {} removed",
            lot(*l),
            supplier_ref(*supplier, supplier_name.as_deref())
        ),
        Event::ForumDaySaved {
            date,
            opens,
            closes,
            slot_minutes,
            tables,
            ..
        } => format!(
            "forum day {date}: {}–{}, {slot_minutes}-minute slots, {tables} tables",
            opens.strftime("%H:%M"),
            closes.strftime("%H:%M")
        ),
        Event::MeetingPlanned {
            meeting,
            supplier,
            supplier_name,
            table,
            slot,
            start,
            day,
            buyers,
        } => format!(
            "meeting no. {meeting} planned: supplier {}, {table}, {} on {day}, buyer(s) {}",
            supplier_ref(*supplier, Some(supplier_name)),
            match start {
                Some(ts) => crate::domain::forum::local_hm(*ts),
                None => format!("slot {slot}"),
            },
            buyers.join(", ")
        ),
        Event::MeetingMoved {
            supplier,
            supplier_name,
            day,
            from_start,
            from_table,
            to_start,
            to_table,
            ..
        } => format!(
            "meeting with supplier {} moved on {day}: {} {from_table} → {} {to_table} (forum day changed)",
            supplier_ref(*supplier, supplier_name.as_deref()),
            crate::domain::forum::local_hm(*from_start),
            crate::domain::forum::local_hm(*to_start),
        ),
        Event::RegistrationsSaved {
            date,
            registered,
            before,
        } => format!("registrations for forum day {date}: {registered} suppliers (before: {before})"),
        Event::ForumDayRemoved { date, cancelled } => format!(
            "forum day {date} removed: {cancelled} planned meetings cancelled"
        ),
        Event::MeetingTimed {
            meeting,
            supplier,
            supplier_name,
            stamp,
            at,
            minutes,
        } => format!(
            "meeting no. {meeting} with supplier {}: {} at {}{}",
            supplier_ref(*supplier, supplier_name.as_deref()),
            match stamp {
                crate::domain::MeetingStamp::Start => "started",
                crate::domain::MeetingStamp::End => "ended",
            },
            crate::domain::forum::local_hm(*at),
            minutes.map(|m| format!(" ({m} min)")).unwrap_or_default()
        ),
        Event::MeetingStatusChanged {
            meeting,
            supplier,
            supplier_name,
            to,
            ..
        } => format!(
            "meeting no. {meeting} with supplier {}: {}",
            supplier_ref(*supplier, supplier_name.as_deref()),
            in_sentence::meeting_status(Lang::En, *to)
        ),
        Event::OutcomeLogged {
            meeting,
            version,
            next_step: n,
            rating,
        } => format!(
            "outcome v{version} of meeting no. {meeting}: {}, {}",
            in_sentence::next_step(Lang::En, *n),
            rating.map_or("no rating".to_string(), |r| format!("rating {r}/5"))
        ),
        Event::BuyerSaved {
            login,
            display_name,
            role,
            created,
        } => format!(
            "{} {display_name} ({login}) as {}",
            if *created {
                "access given to"
            } else {
                "access changed for"
            },
            match role {
                Role::Organiser => "an organiser",
                Role::Buyer => "a buyer",
                Role::Observer => "an observer",
            }
        ),
        Event::BuyerRemoved {
            login,
            display_name,
        } => format!("access removed from {display_name} ({login})"),
    }
}
