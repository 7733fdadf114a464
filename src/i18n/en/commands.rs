//! English texts of the commands' output.

use crate::i18n::commands::CommandTexts;
use crate::i18n::thousands;

/// English.
pub const COMMANDS: CommandTexts = CommandTexts {
    size: |bytes| {
        if bytes >= 1_000_000 {
            format!("{:.1} MB", bytes as f64 / 1e6)
        } else {
            format!("{:.1} kB", bytes as f64 / 1e3)
        }
    },
    seconds: |s| format!("{s:.1}"),
    backup: |name, c, size| {
        format!(
            "{name} ({} suppliers, {} meetings, {} outcomes, {} journal events, {size})",
            c.suppliers, c.meetings, c.outcomes, c.journal
        )
    },
    backup_written: |b, s| format!("✔ backup {b} written in {s} s"),
    backup_in: |p| format!("  in {p}"),
    restored: |dir, b, s| format!("✔ data folder {dir} restored from backup {b} in {s} s"),
    restore_kept: |p| {
        format!("  the replaced state is kept in {p}: delete it once you are satisfied, or put it back with `mv`")
    },
    compacted: |s, b, a, l, name| {
        format!("✔ data folder compacted in {s} s: {b} → {a} (live data {l}); backup {name} taken first")
    },
    check_folder: |s| format!("  folder {s}"),
    check_no_backup: "no backup yet: run `sourcing store backup`",
    check_backup_ok: |b| format!("✔ newest backup {b}: SHA-256 checked"),
    check_all_read: "✔ every value read and decoded",
    check_problems: |n, dir| {
        format!("{n} problem(s) in {dir}: restore a backup with `sourcing store restore`")
    },
    import_bar: "{spinner} reading [{bar:30}] {bytes}/{total_bytes} {msg}",
    import_writing: |n| format!("writing {n} suppliers…"),
    export_cannot_write_in: |dir| {
        format!("cannot write in {dir}: check the folder and its permissions")
    },
    export_write_failed: |file, why| format!("writing {file}: {why}"),
    export_cannot_create: |file| format!("cannot create {file}"),
    exported: |n, file| format!("{n} records exported to {file}"),
    needs_cannot_open: |file| format!("cannot open {file} (--needs)"),
    needs_read_failed: |file| format!("reading {file}"),
    no_store: |dir| {
        format!("no data folder in {dir}: first import suppliers with `sourcing --store {dir} import FILE`, or try `sourcing demo`.")
    },
    search_none: "No supplier matches the search.\n",
    search_head: ["Legal name", "SIRET", "Dept", "Themes", "Score"],
    search_count: |shown, total| {
        let n = |x: usize| thousands(x).replace(' ', ",");
        let noun = if total == 1 { "supplier" } else { "suppliers" };
        if shown < total {
            format!("{} of {} {noun}\n", n(shown), n(total))
        } else {
            format!("{} {noun}\n", n(total))
        }
    },
    report_compute: "computing the report",
    tui_signals: "installing the signal handlers",
    tui_terminal: "cannot prepare the terminal",
    tui_input: "cannot read the terminal",
    report_json: "report as JSON",
    no_home: "cannot find the home folder: give --store DIR",
    bad_login: "identifiant de compte invalide : 1 à 32 caractères parmi a-z, A-Z, 0-9, . _ -, sans - au début (invalid login: 1–32 of a-z A-Z 0-9 . _ -, not starting with -)",
    buyers_empty: "the access list is empty: every account that opens this data folder is its organiser. Add an account with sourcing buyers add LOGIN --name \"First Last\" --role buyer",
    buyers_not_listed: |login| format!("{login} is not on the access list: nothing to remove."),
    buyers_head: ["Account", "Name", "Service", "Role"],
    day_no_table: |old, all| format!("✖ the day has no table named « {old} »: its tables are {all}"),
    pour_not_organiser: |me, login| format!("✖ only an organiser may act for another buyer (--pour {login}): {me} is not an organiser; ask one (sourcing buyers list)"),
    need_unknown: |n| format!("✖ no need no. {n}: see the numbers with sourcing need list --all"),
    lot_unknown: |need, lot, all| format!("✖ need “{need}” has no lot {lot}: its lots are {all}"),
    supplier_unknown: |s| format!("✖ no supplier with SIRET or number “{s}” in the directory: look it up with sourcing search"),
    priority_needs_to_meet: |status| format!("✖ --priority belongs to a meeting request: give --status à-rencontrer too (status given: {status})"),
    request_priority: |p| format!("to meet, priority {p}"),
    schedule_head: |date, requests, proposed, satisfied, bound| {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        format!("Schedule for {date}: {requests} meeting request{}, {proposed} meeting{} proposed; {satisfied} request{} satisfied with those already placed that day (at most {bound} possible)", s(requests), s(proposed), s(satisfied))
    },
    schedule_need: "need",
    schedule_unmet_head: "Left unmet:",
    schedule_unmet: |u| {
        use crate::schedule::Unmet as U;
        match u {
            U::SupplierNeverAvailable => "the supplier is not registered for this day, or its availability covers no slot (see sourcing import registrations)",
            U::SupplierQuota => "the supplier has reached its most meetings",
            U::BuyerQuota => "a buyer of the need has reached their most meetings",
            U::NoCommonFreeSlot => "no slot where the supplier and every buyer are free",
            U::NoTable => "every table is taken in the possible slots",
            U::InvalidInstance => "inconsistent scheduling data (please report it)",
            U::LaterDay => "kept for a later forum day, where the plan of the days together places it (run schedule for that day)",
        }
        .to_string()
    },
    meeting_outside_availability: |who, day, at, windows| {
        if windows.is_empty() {
            format!("{who} is not registered for forum day {day}: nothing booked at {at}. Pick a registered supplier, or add --force to book it anyway.")
        } else {
            format!("{who} is available on {day} only {windows}: nothing booked at {at}. Pick another slot, or add --force to book it anyway.")
        }
    },
    schedule_stats: |never, idle| format!("Requested suppliers never met: {never}; buyers' mean wait between meetings: {idle:.1} slot(s)"),
    schedule_preview: "Preview: nothing written. Run again with --apply to book these meetings.",
    schedule_applied: |n, released| {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        if released == 0 {
            format!("✔ {n} meeting{} booked.", s(n))
        } else {
            format!("✔ {n} meeting{} booked; {released} placed by an earlier schedule cancelled (--replan).", s(n))
        }
    },
    schedule_organiser_only: |me| format!("✖ only an organiser applies the schedule (--apply): {me} is not an organiser; the preview, without --apply, still works"),
    bad_lot_cpv: |lot, code| format!("✖ lot “{lot}”: invalid CPV code “{code}” (8 digits, e.g. 45321000)"),
    bad_cpv: |code| format!("✖ invalid CPV code “{code}” (8 digits, e.g. 45321000)"),
    need_list_empty: "No need: create one with sourcing need add \"Title\".",
    need_head: ["No.", "Title", "Buyer", "Co-buyers", "Status", "Lots", "Shortlist"],
    need_labels: ["Description", "CPV", "Lots", "Co-buyers", "Status", "Buyer", "Shortlist", "Documents given"],
    need_status_set: |n, title, s| format!("✔ need no. {n} “{title}”: {s}"),
    meeting_list_empty: "No meeting: plan some with sourcing meeting add.",
    meeting_head: ["No.", "Day", "Time", "Table", "Supplier", "Buyers", "Status", "Length"],
    meeting_unknown: |n| format!("✖ no meeting no. {n}: see the numbers with sourcing meeting list"),
    time_flag: |m, slot, long| format!("⚑ {m} min for a {slot}-min slot ({})", if long { "too long" } else { "too short" }),
    follow_up_needs_outcome: |n| format!("✖ meeting no. {n} has no outcome yet: log it first (key o in the agenda)"),
    outcome_needs_step_and_rating: |n| format!("✖ meeting no. {n} has no outcome yet: give at least --next-step and --rating"),
    outcome_unknown_document: |d, listed| {
        if listed.is_empty() {
            format!("✖ unknown document \"{d}\": the meeting's need lists none (sourcing need add … --document)")
        } else {
            format!("✖ unknown document \"{d}\"; the need lists: {listed}")
        }
    },
    outcome_logged: |n, s, step, r, v| match r {
        Some(r) => format!("✔ meeting no. {n} with {s}: outcome v{v} saved (next step: {step}, rating {r}/5)"),
        None => format!("✔ meeting no. {n} with {s}: outcome v{v} saved (next step: {step}, no rating)"),
    },
    follow_up_saved: |n, s, r, v| format!("✔ meeting no. {n} with {s}: second stage “{r}” (outcome v{v})"),
    running: |m| format!("⏱ running for {m} min"),
    day_exists: |d| format!("✖ a forum day already exists on {d}: change it with sourcing day edit {d}"),
    day_list_empty: "no forum day: create one with sourcing day add 2026-12-03 (9:00–17:00, 20-minute slots, lunch 12:30–13:30, 6 tables by default)",
    day_head: ["Date", "Title", "Hours", "Slots", "Breaks", "Tables", "Quotas"],
    day_no_quota: "no limit",
    day_quotas: |s, b| format!("{s} / supplier, {b} / buyer"),
    day_moved: |line| format!("✔ moved{line}"),
    day_remove_confirm: |d, lines| {
        format!("✖ the forum day {d} has planned meetings; removing it cancels them (they stay in the journal, nothing is erased):\n{lines}\nRun again with --yes to confirm.")
    },
    day_meeting_line: |when, supplier, buyers| format!("  – {when}: {supplier} ({buyers})"),
};
