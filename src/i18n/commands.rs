//! Texts the commands print on stdout and stderr (`sourcing store …`, the import's progress
//! bar), laid out by `crate::commands`.

/// Counts of a backup, as its manifest gives them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackupCounts {
    /// Suppliers.
    pub suppliers: u64,
    /// Meetings.
    pub meetings: u64,
    /// Outcomes.
    pub outcomes: u64,
    /// Journal events.
    pub journal: u64,
}

/// The commands' words in one language.
#[derive(Debug)]
pub struct CommandTexts {
    /// Bytes with one decimal, 1 MB = 1,000,000 bytes ("12,3 Mo", "12.3 MB"); under 1 MB
    /// in kB.
    pub size: fn(u64) -> String,
    /// Seconds with one decimal ("1,5", "1.5").
    pub seconds: fn(f64) -> String,
    /// A backup: (name, counts, size already rendered).
    pub backup: fn(&str, &BackupCounts, &str) -> String,
    /// A backup was written: (backup described, seconds rendered).
    pub backup_written: fn(&str, &str) -> String,
    /// Where the backup was written (the path).
    pub backup_in: fn(&str) -> String,
    /// The store was restored: (folder, backup described, seconds rendered).
    pub restored: fn(&str, &str, &str) -> String,
    /// Where the replaced state is kept (the path).
    pub restore_kept: fn(&str) -> String,
    /// The store was compacted: (seconds, before, after, live, backup name).
    pub compacted: fn(&str, &str, &str, &str, &str) -> String,
    /// Size of the store's folder (the size rendered).
    pub check_folder: fn(&str) -> String,
    /// `check` found no backup.
    pub check_no_backup: &'static str,
    /// `check` verified the newest backup (described).
    pub check_backup_ok: fn(&str) -> String,
    /// `check` found nothing wrong.
    pub check_all_read: &'static str,
    /// `check` found problems: (how many, folder).
    pub check_problems: fn(usize, &str) -> String,
    /// Template of the import's progress bar (indicatif's syntax).
    pub import_bar: &'static str,
    /// The import is writing this many suppliers.
    pub import_writing: fn(usize) -> String,
    /// `export --output`: no temporary file can be made in the folder (the folder).
    pub export_cannot_write_in: fn(&str) -> String,
    /// `export --output`: writing the file failed (the file, the system's reason).
    pub export_write_failed: fn(&str, &str) -> String,
    /// `export --output`: the file cannot be put in place (the file).
    pub export_cannot_create: fn(&str) -> String,
    /// `export --output`: this many records went to the file (count, file).
    pub exported: fn(usize, &str) -> String,
    /// `match --needs`: the file cannot be opened (the file).
    pub needs_cannot_open: fn(&str) -> String,
    /// `match --needs`: reading the file failed (the file).
    pub needs_read_failed: fn(&str) -> String,
    /// `search`, `match`: no store in the folder yet (the folder).
    pub no_store: fn(&str) -> String,
    /// `search`: nothing matches (ends with a newline).
    pub search_none: &'static str,
    /// `search`: the table's columns (name, SIRET, département, themes, score).
    pub search_head: [&'static str; 5],
    /// `search`: the suppliers listed out of those matching, (shown, total) (ends with a
    /// newline): "5 sur 4 086 fournisseurs".
    pub search_count: fn(usize, usize) -> String,
    /// `report`: computing the figures failed (context line).
    pub report_compute: &'static str,
    /// The interface could not install its signal handlers (context line).
    pub tui_signals: &'static str,
    /// The interface could not prepare the terminal (context line).
    pub tui_terminal: &'static str,
    /// The interface could not read the terminal (context line).
    pub tui_input: &'static str,
    /// `report --json`: encoding the figures failed (context line).
    pub report_json: &'static str,
    /// No home folder to put the store in.
    pub no_home: &'static str,
    /// A login that `useradd` would refuse (bilingual: clap prints it before a language).
    pub bad_login: &'static str,
    /// `buyers list` on an empty list.
    pub buyers_empty: &'static str,
    /// `buyers remove` of a login not on the list (login).
    pub buyers_not_listed: fn(&str) -> String,
    /// Column heads of `buyers list`: login, name, service, role.
    pub buyers_head: [&'static str; 4],
    /// `day add` on a date that has a day (date).
    pub day_exists: fn(&str) -> String,
    /// `day edit --rename-table OLD=NEW` names no table of the day: (old name, the day's tables).
    pub day_no_table: fn(&str, &str) -> String,
    /// `--pour LOGIN` by someone who is not an organiser: (own login, the login asked for).
    pub pour_not_organiser: fn(&str, &str) -> String,
    /// No need with that number (number).
    pub need_unknown: fn(u64) -> String,
    /// No lot with that number in the need: (need title, lot, the lot numbers).
    pub lot_unknown: fn(&str, u32, &str) -> String,
    /// No supplier with that SIRET or directory number (what was given).
    pub supplier_unknown: fn(&str) -> String,
    /// A `--lot` whose CPV code does not parse: (the lot spec, the code).
    pub bad_lot_cpv: fn(&str, &str) -> String,
    /// `schedule`'s first line (date, requests, meetings proposed, requests satisfied
    /// counting those already met that day, upper bound).
    pub schedule_head: fn(&str, usize, usize, usize, usize) -> String,
    /// "besoin" before a need's number in `schedule` lines.
    pub schedule_need: &'static str,
    /// `meeting add` outside the supplier's registration: (supplier, day, "HH:MM", its
    /// windows that day, empty when not registered).
    pub meeting_outside_availability: fn(&str, &str, &str, &str) -> String,
    /// Heading of the requests left unmet.
    pub schedule_unmet_head: &'static str,
    /// Why a request is left unmet.
    pub schedule_unmet: fn(crate::schedule::Unmet) -> String,
    /// Requested suppliers never met (count), buyers' mean idle slots.
    pub schedule_stats: fn(usize, f64) -> String,
    /// A preview wrote nothing: how to apply it.
    pub schedule_preview: &'static str,
    /// Meetings booked (count), earlier scheduled meetings cancelled by --replan (count).
    pub schedule_applied: fn(usize, usize) -> String,
    /// `--apply` by someone who is not an organiser (login).
    pub schedule_organiser_only: fn(&str) -> String,
    /// `--priority` given with a status other than "à rencontrer" (the status given).
    pub priority_needs_to_meet: fn(&str) -> String,
    /// A shortlist line's request priority (1–3).
    pub request_priority: fn(u8) -> String,
    /// A `--cpv` that does not parse (the code).
    pub bad_cpv: fn(&str) -> String,
    /// `need list` with no need.
    pub need_list_empty: &'static str,
    /// `need list` columns: number, title, owner, co-buyers, status, lots, shortlist.
    pub need_head: [&'static str; 7],
    /// `need show` labels: description, CPV, lots, co-buyers, status, owner, shortlist.
    pub need_labels: [&'static str; 8],
    /// A need's new status: (number, title, status word).
    pub need_status_set: fn(u64, &str, &str) -> String,
    /// `meeting list` with no meeting.
    pub meeting_list_empty: &'static str,
    /// `meeting list` columns: number, day, time, table, supplier, buyers, status, length.
    pub meeting_head: [&'static str; 8],
    /// No meeting with that number (number).
    pub meeting_unknown: fn(u64) -> String,
    /// Equal-time flag: (real minutes, slot minutes, longer?).
    pub time_flag: fn(i64, u32, bool) -> String,
    /// `meeting follow-up` on a meeting with no outcome yet (its number).
    pub follow_up_needs_outcome: fn(u64) -> String,
    /// A first outcome without next step or rating: (meeting number).
    pub outcome_needs_step_and_rating: fn(u64) -> String,
    /// A document the need does not list: (typed, the need's documents).
    pub outcome_unknown_document: fn(&str, &str) -> String,
    /// An outcome logged: (meeting number, supplier, next step, rating, version).
    pub outcome_logged: fn(u64, &str, &str, Option<u8>, u32) -> String,
    /// A second stage recorded: (meeting number, supplier, result, outcome version).
    pub follow_up_saved: fn(u64, &str, &str, u32) -> String,
    /// A running meeting's timer: (minutes so far).
    pub running: fn(i64) -> String,
    /// `day list` with no day.
    pub day_list_empty: &'static str,
    /// `day list` columns.
    pub day_head: [&'static str; 7],
    /// "no limit" in the quota column.
    pub day_no_quota: &'static str,
    /// Quotas cell (per supplier, per buyer).
    pub day_quotas: fn(&str, &str) -> String,
    /// A meeting moved by `day edit --move` (the line as in the refusal).
    pub day_moved: fn(&str) -> String,
    /// `day remove` without --yes on a day with planned meetings (date, list).
    pub day_remove_confirm: fn(&str, &str) -> String,
    /// One planned meeting in that list (time and table, supplier, buyers).
    pub day_meeting_line: fn(&str, &str, &str) -> String,
}

/// `v` with one decimal and `,` as the decimal mark.
pub(crate) fn comma(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}
