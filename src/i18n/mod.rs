//! All user-facing text, in French (default) and English: one [`Texts`] per language.
//!
//! - the flat fields of [`Texts`] are the screens' texts (`t.tab_suppliers`…), values in
//!   `fr/ui.rs` and `en/ui.rs`;
//! - the area sub-structs hold the rest, each defined in `i18n/<area>.rs` with its values in
//!   `fr/<area>.rs` and `en/<area>.rs`: [`labels`] (one label per domain value, by
//!   exhaustive `match`), [`import`] (the import report), [`export`] (CSV exports), [`agenda`] (agenda exports),
//!   [`report`] (the forum's figures), [`explain`] (the parts of a match score),
//!   [`errors`] (library errors, rendered through [`Render`]);
//! - typed values (errors, reasons) are rendered at the edge with [`Render::render`]; their
//!   `Display` is the French rendering.
//!
//! The choice of language is made once ([`crate::commands::Context::lang`]).

pub mod agenda;
pub mod cli;
pub mod commands;
pub mod errors;
pub mod explain;
pub mod export;
pub mod import;
pub mod labels;
pub mod registrations;
pub mod report;
pub mod score_detail;
pub mod serve;
pub mod store;

/// French values of every area.
pub mod fr {
    pub mod agenda;
    pub mod cli;
    pub mod commands;
    pub mod errors;
    pub mod explain;
    pub mod export;
    pub mod import;
    pub mod labels;
    pub mod registrations;
    pub mod report;
    pub mod score_detail;
    pub mod serve;
    pub mod store;
    pub mod ui;
}

/// English values of every area.
pub mod en {
    pub mod agenda;
    pub mod cli;
    pub mod commands;
    pub mod errors;
    pub mod explain;
    pub mod export;
    pub mod import;
    pub mod labels;
    pub mod registrations;
    pub mod report;
    pub mod score_detail;
    pub mod serve;
    pub mod store;
    pub mod ui;
}

pub use en::ui::EN;
pub use fr::ui::FR;

use crate::domain::{MeetingStatus, NeedStatus, NextStep, SizeCategory, TriageStatus};
use serde::{Deserialize, Serialize};

/// Interface language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Français.
    #[default]
    Fr,
    /// English.
    En,
}

/// A typed value (error, reason…) rendered as text in a language by the catalogue.
pub trait Render {
    /// The value in words, in `lang`, on one or more lines (no trailing newline).
    fn render(&self, lang: Lang) -> String;
}

/// Groups digits by thousands with a space: 14213 → "14 213".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Every text of the interface in one language.
#[allow(missing_docs)] // one field per message; names say what they are.
#[derive(Debug)]
pub struct Texts {
    /// The language these texts are in.
    pub lang: Lang,
    // Tabs, status line, layout.
    pub tab_suppliers: &'static str,
    pub tab_needs: &'static str,
    pub tab_agenda: &'static str,
    pub too_small: fn(u16, u16, u16, u16) -> String,
    pub supplier_count: fn(usize) -> String,
    pub buyer_label: &'static str,
    pub colon: &'static str,
    pub quoted: fn(&str) -> String,
    pub supplier_no: fn(u64) -> String,
    pub current_need_label: &'static str,
    pub searching: &'static str,
    pub loading: &'static str,
    // Loading.
    pub load_importing: fn(u64) -> String,
    pub load_writing: fn(usize) -> String,
    pub load_reading: &'static str,
    pub load_indexing: &'static str,
    pub load_failed: fn(&str) -> String,
    // Store backups and `sourcing store` (store-backup).
    /// An automatic backup failed (the error); the write itself was kept.
    pub backup_failed: fn(&str) -> String,
    /// The store's folder (size) is many times its live data (size): run the compaction.
    pub store_grown: fn(&str, &str, &str) -> String,
    pub loader_stopped: &'static str,
    // Terminal link.
    pub locale_banner: fn(&str) -> String,
    pub locale_banner_short: &'static str,
    // Suppliers tab.
    pub search_title: &'static str,
    pub search_placeholder: &'static str,
    pub results_count: fn(usize, usize) -> String,
    pub no_results: &'static str,
    pub detail_title: &'static str,
    pub detail_none: &'static str,
    pub d_no_siret: &'static str,
    pub d_themes: &'static str,
    pub d_cpv: &'static str,
    pub d_keywords: &'static str,
    pub d_description: &'static str,
    pub d_references: &'static str,
    pub d_website: &'static str,
    pub d_email: &'static str,
    pub d_source: &'static str,
    pub d_line: &'static str,
    pub d_history: &'static str,
    pub d_no_meetings: &'static str,
    pub d_need: &'static str,
    pub d_follow_up: &'static str,
    pub d_headcount: fn(u32) -> String,
    pub d_version: fn(u32) -> String,
    /// An outcome without rating in the card's history.
    pub d_no_rating: &'static str,
    pub flag_ess: &'static str,
    pub flag_siae: &'static str,
    /// Status line when neither the system nor the options name the buyer.
    pub buyer_unnamed: &'static str,
    /// q in the demo: quitting removes its temporary folder (a yes/no question).
    pub demo_quit_warning: &'static str,
    /// What is wrong with a search filter, with the valid values ("thème inconnu « xyz » :
    /// batiment-energie, edtech, …").
    pub filter_problem: fn(&crate::search::FilterProblem) -> String,
    /// A supplier registered for a forum day (search rows, shortlists).
    pub flag_registered: &'static str,
    pub flag_adapted: &'static str,
    pub excl_vat: &'static str,
    // Supplier facts (départements, past contracts).
    pub d_departments: &'static str,
    pub d_main_department: &'static str,
    pub d_contracts: fn(u32) -> String,
    pub d_no_reference_details: &'static str,
    // `sourcing match`.
    pub m_head: [&'static str; 5],
    pub m_none: &'static str,
    pub m_bad_line: fn(u64, &str) -> String,
    pub m_no_need: fn(&str) -> String,
    pub m_missing_title: &'static str,
    pub m_bad_cpv: fn(&str) -> String,
    pub m_bad_dept: fn(&str) -> String,
    pub m_summary: fn(usize, usize) -> String,
    // Needs tab and shortlist.
    pub needs_title: &'static str,
    pub needs_empty: &'static str,
    pub need_entries: fn(usize) -> String,
    pub sl_suggestions: &'static str,
    pub sl_entries: &'static str,
    pub sl_not_ranked: &'static str,
    pub sl_no_suggestions: &'static str,
    pub sl_no_entries: &'static str,
    pub sl_lot_all: &'static str,
    pub sl_lot: fn(u32, &str) -> String,
    pub sl_in_shortlist: &'static str,
    pub need_theme: &'static str,
    pub need_cpv: &'static str,
    pub need_departments: &'static str,
    pub need_sizes: &'static str,
    pub no_theme: &'static str,
    // Need form.
    pub form_need_new: &'static str,
    pub form_need_edit: &'static str,
    pub f_title: &'static str,
    pub f_description: &'static str,
    pub f_theme: &'static str,
    pub f_cpv: &'static str,
    pub f_cpv_hint: &'static str,
    /// Label of the lots field.
    pub f_lots: &'static str,
    /// Placeholder of the lots field.
    pub f_lots_hint: &'static str,
    pub f_departments: &'static str,
    pub f_departments_hint: &'static str,
    pub f_sizes: &'static str,
    pub f_ess: &'static str,
    pub f_siae: &'static str,
    pub mode_none: &'static str,
    pub mode_prefer: &'static str,
    pub mode_require: &'static str,
    pub f_save: &'static str,
    pub need_title_required: &'static str,
    pub need_bad_cpv: fn(&str) -> String,
    pub need_bad_department: fn(&str) -> String,
    // Agenda.
    pub agenda_no_day: &'static str,
    pub agenda_day: fn(&str, usize, usize) -> String,
    pub agenda_time: &'static str,
    /// An unnamed break in the agenda grid.
    pub agenda_break: &'static str,
    pub agenda_mine: &'static str,
    pub agenda_mine_empty: &'static str,
    /// A day was created: (date, slots, tables).
    pub day_created: fn(&str, usize, usize) -> String,
    // Forum day form (organisers).
    pub form_day_new: &'static str,
    pub form_day_edit: fn(&str) -> String,
    pub f_day_date: &'static str,
    pub f_day_title: &'static str,
    pub f_day_place: &'static str,
    pub f_day_opens: &'static str,
    pub f_day_closes: &'static str,
    pub f_day_slot: &'static str,
    pub f_day_breaks: &'static str,
    pub f_day_tables: &'static str,
    pub f_day_max_supplier: &'static str,
    pub f_day_max_buyer: &'static str,
    pub f_day_date_hint: &'static str,
    pub f_day_breaks_hint: &'static str,
    pub f_day_tables_hint: &'static str,
    pub f_day_quota_hint: &'static str,
    /// The slots the typed hours give: (count, first start, last end).
    pub f_day_slots_preview: fn(usize, &str, &str) -> String,
    pub day_date_required: &'static str,
    /// (field label, what was typed).
    pub day_bad_time: fn(&str, &str) -> String,
    pub day_bad_slot: fn(&str) -> String,
    pub day_bad_break: fn(&str) -> String,
    /// (field label, what was typed).
    pub day_bad_quota: fn(&str, &str) -> String,
    pub day_exists_ui: fn(&str) -> String,
    /// A day was changed: (date, slots, tables, meetings moved).
    pub day_saved: fn(&str, usize, usize, usize) -> String,
    /// A day was removed: (date, planned meetings cancelled).
    pub day_removed: fn(&str, usize) -> String,
    pub day_misfits_movable: &'static str,
    pub day_misfits_stuck: &'static str,
    /// Move the meetings listed? (count).
    pub confirm_move_meetings: fn(usize) -> String,
    /// Apply the schedule on screen? (meetings it books)
    pub confirm_apply_schedule: fn(usize) -> String,
    /// Planning a supplier set aside for the need: (supplier).
    pub confirm_plan_set_aside: fn(&str) -> String,
    /// Planning a supplier already met for the need: (supplier, "DD/MM HH:MM" of that
    /// meeting).
    pub confirm_plan_met: fn(&str, &str) -> String,
    /// Cancelling a meeting: (time "HH:MM", supplier).
    pub confirm_cancel_meeting: fn(&str, &str) -> String,
    /// Turning a held or no-show meeting into another status: (time, supplier, its status,
    /// the new one).
    pub confirm_meeting_status: fn(&str, &str, &str, &str) -> String,
    /// Removing a supplier from the shortlist: (supplier).
    pub confirm_remove_entry: fn(&str) -> String,
    /// Planning by hand outside a supplier's registration: (supplier, "HH:MM", its windows
    /// "09:00–12:30, 14:00–17:00", or empty when it is not registered for the day).
    pub confirm_outside_availability: fn(&str, &str, &str) -> String,
    /// Title of the schedule preview (the day, dd/mm/yyyy).
    pub schedule_title: fn(&str) -> String,
    /// The schedule proposes nothing new.
    pub schedule_nothing: &'static str,
    /// Only organisers compute and apply the schedule (the login).
    pub schedule_organiser_only: fn(&str) -> String,
    /// Remove the day? (date, planned meetings it cancels).
    pub confirm_remove_day: fn(&str, usize) -> String,
    pub mode_day_form: &'static str,
    pub mode_schedule: &'static str,
    pub mode_score_detail: &'static str,
    pub k_edit_day: &'static str,
    pub k_remove_day: &'static str,
    // Planning popup.
    pub plan_title: fn(&str) -> String,
    pub plan_need: fn(&str) -> String,
    pub plan_no_need: &'static str,
    pub plan_free: &'static str,
    pub plan_supplier_busy: &'static str,
    pub plan_buyer_busy: &'static str,
    // Outcome form.
    pub outcome_title: fn(&str, &str, u32) -> String,
    pub o_next_step: &'static str,
    pub o_rating: &'static str,
    /// A rating not chosen yet (outcome form), or none given (meeting that did not take
    /// place).
    pub o_no_rating: &'static str,
    /// Beside the notes label while the previous version's notes are selected.
    pub o_notes_selected: &'static str,
    /// Beside Save, for a meeting still planned: it becomes held.
    pub o_will_be_held: &'static str,
    /// Beside Save, for a meeting still planned whose outcome says it did not take place.
    pub o_will_be_no_show: &'static str,
    pub o_notes: &'static str,
    pub o_follow_up: &'static str,
    pub date_bad_format: fn(&str) -> String,
    pub date_impossible: fn(&str) -> String,
    // Help.
    pub help_title: &'static str,
    // Drafts, discard question, tiny window (drafts).
    pub draft_restored: fn(&str) -> String,
    pub draft_write_failed: fn(&str) -> String,
    pub draft_unreadable: fn(&str) -> String,
    pub confirm_discard: &'static str,
    pub mode_confirm: &'static str,
    pub k_answer_yes: &'static str,
    pub k_answer_no: &'static str,
    // Confirmations and errors.
    pub slot_taken: fn(&str, Option<&str>) -> String,
    pub store_failed: fn(&str) -> String,
    // Store damage and full disk (store-damage).
    /// Damaged store: (path, what is damaged, what to do).
    pub store_damaged: fn(&str, &str, &str) -> String,
    /// What to do when a backup exists: (store path, backup name).
    pub store_do_restore: fn(&str, &str) -> String,
    /// What to do when no backup exists: (store path).
    pub store_do_reimport: fn(&str) -> String,
    /// Damage: sled panicked while opening or reading.
    pub damage_panic: &'static str,
    /// Damage: opening and the first full read took longer than this many seconds.
    pub damage_hang: fn(u64) -> String,
    /// Damage: sled's folder or file is missing or empty although the store held data.
    pub damage_missing: &'static str,
    /// Damage: the store opens empty although it held data.
    pub damage_emptied: &'static str,
    /// Damage: the journal stops at (found) although it went up to (expected).
    pub damage_lost_writes: fn(u64, u64) -> String,
    /// Damage: sled reports corrupted data (sled's words).
    pub damage_corrupt: fn(&str) -> String,
    /// Full disk: (path of the store).
    pub store_disk_full: fn(&str) -> String,
    pub no_meeting_for_supplier: &'static str,
    pub no_meeting_here: &'static str,
    pub meeting_cancelled_no_outcome: &'static str,
    pub need_saved: fn(&str) -> String,
    pub no_current_need: &'static str,
    /// A shortlist entry whose need, once edited, no longer matches the supplier.
    pub no_longer_matches: &'static str,
    /// A need saved, and how many shortlist entries got new scores.
    pub need_saved_refreshed: fn(&str, usize) -> String,
    pub already_shortlisted: fn(&str, &str) -> String,
    pub already_in_shortlist_pane: &'static str,
    pub not_in_shortlist: &'static str,
    pub manual_addition: &'static str,
    pub shortlisted: fn(&str, &str) -> String,
    pub removed_from_shortlist: fn(&str) -> String,
    pub triage_changed: fn(&str, &str) -> String,
    /// A meeting request set on a supplier (name, priority 1–3).
    pub request_set: fn(&str, u8) -> String,
    pub no_lots: &'static str,
    pub meeting_planned: fn(&str, &str, &str) -> String,
    pub meeting_status_changed: fn(&str, &str) -> String,
    /// A meeting started: (supplier, time).
    pub meeting_started: fn(&str, &str) -> String,
    /// A meeting ended: (supplier, real minutes).
    pub meeting_ended: fn(&str, i64) -> String,
    /// A running meeting in "my meetings": (minutes so far).
    pub meeting_running: fn(i64) -> String,
    /// An equal-time flag in "my meetings": (real minutes, slot minutes).
    pub meeting_time_flag: fn(i64, u32) -> String,
    pub outcome_saved: fn(u32, &str) -> String,
    // Command-line output (stdout).
    /// Writing to standard output failed for another reason than a closed pipe (full disk
    /// when redirected to a file); the system's reason follows.
    pub stdout_write_failed: &'static str,
    // Areas.
    /// Labels of domain values (statuses, next steps, sizes…).
    pub labels: labels::Labels,
    /// The import report.
    pub import: import::ImportTexts,
    /// CSV exports.
    pub export: export::ExportTexts,
    /// Agenda exports (iCalendar, HTML, CSV).
    pub agenda: agenda::AgendaTexts,
    /// The forum's figures (`sourcing report`).
    pub report: report::ReportTexts,
    /// The registration import's report (`sourcing import registrations`).
    pub registrations: registrations::RegistrationTexts,
    /// The parts of a match score.
    pub explain: explain::ExplainTexts,
    /// The detail of a match score (`i` on a proposed or shortlisted supplier).
    pub score_detail: score_detail::DetailTexts,
    /// Library errors.
    pub errors: errors::ErrorTexts,
    /// Command-line output of the commands (`sourcing store`, `import`).
    pub commands: commands::CommandTexts,
    /// The forum server and its clients.
    pub serve: serve::ServeTexts,
    // Key names.
    pub key_space: &'static str,
    pub key_enter: &'static str,
    pub key_esc: &'static str,
    pub key_backtab: &'static str,
    pub key_page_up: &'static str,
    pub key_page_down: &'static str,
    pub key_home: &'static str,
    pub key_end: &'static str,
    pub key_delete: &'static str,
    pub key_backspace: &'static str,
    pub key_letters: &'static str,
    // Help sections (modes).
    pub mode_global: &'static str,
    pub mode_help: &'static str,
    pub mode_need_form_text: &'static str,
    pub mode_need_form_choice: &'static str,
    pub mode_plan: &'static str,
    pub mode_outcome_choice: &'static str,
    pub mode_outcome_rating: &'static str,
    pub mode_outcome_notes: &'static str,
    pub mode_outcome_date: &'static str,
    pub mode_outcome_documents: &'static str,
    /// The outcome form's documents label.
    pub o_documents: &'static str,
    /// The need form's documents label, and its hint.
    pub f_documents: &'static str,
    pub f_documents_hint: &'static str,
    pub mode_search: &'static str,
    pub mode_suppliers: &'static str,
    pub mode_detail: &'static str,
    pub mode_needs: &'static str,
    pub mode_shortlist: &'static str,
    pub mode_agenda: &'static str,
    pub mode_mine: &'static str,
    // Help descriptions of keys.
    pub k_tab_suppliers: &'static str,
    pub k_tab_needs: &'static str,
    pub k_tab_agenda: &'static str,
    pub k_help: &'static str,
    pub k_quit: &'static str,
    pub k_search: &'static str,
    pub k_down: &'static str,
    pub k_up: &'static str,
    pub k_page_down: &'static str,
    pub k_page_up: &'static str,
    pub k_top: &'static str,
    pub k_bottom: &'static str,
    pub k_open_supplier: &'static str,
    pub k_next_pane: &'static str,
    pub k_shortlist: &'static str,
    pub k_plan: &'static str,
    pub k_search_done: &'static str,
    pub k_search_to_list: &'static str,
    /// Tab in the search field: completes a filter, or goes to the list.
    pub k_search_tab: &'static str,
    pub k_search_leave: &'static str,
    pub k_scroll_down: &'static str,
    pub k_scroll_up: &'static str,
    pub k_back: &'static str,
    pub k_outcome_latest: &'static str,
    pub k_held_latest: &'static str,
    pub k_no_show_latest: &'static str,
    pub k_open_need: &'static str,
    pub k_new_need: &'static str,
    pub k_edit_need: &'static str,
    pub k_shortlist_pane: &'static str,
    pub k_add_suggestion: &'static str,
    pub k_remove_entry: &'static str,
    pub k_triage_next: &'static str,
    pub k_retain: &'static str,
    pub k_set_aside: &'static str,
    pub k_request_priority: &'static str,
    pub k_next_lot: &'static str,
    pub k_back_needs: &'static str,
    pub k_next_slot: &'static str,
    pub k_prev_slot: &'static str,
    pub k_next_table: &'static str,
    pub k_prev_table: &'static str,
    pub k_next_day: &'static str,
    pub k_prev_day: &'static str,
    pub k_new_day: &'static str,
    pub k_schedule: &'static str,
    pub k_score_detail: &'static str,
    pub k_close_detail: &'static str,
    pub k_apply_schedule: &'static str,
    pub k_agenda_pane: &'static str,
    pub k_open_meeting_supplier: &'static str,
    pub k_held: &'static str,
    pub k_no_show: &'static str,
    pub k_outcome: &'static str,
    pub k_cancel_meeting: &'static str,
    /// Key: stamp the meeting's real start.
    pub k_start_meeting: &'static str,
    /// Key: stamp the meeting's real end.
    pub k_end_meeting: &'static str,
    pub k_next_field: &'static str,
    pub k_prev_field: &'static str,
    pub k_submit_field: &'static str,
    pub k_save: &'static str,
    pub k_cancel_form: &'static str,
    pub k_choice_next: &'static str,
    pub k_choice_prev: &'static str,
    pub k_toggle: &'static str,
    pub k_book: &'static str,
    pub k_rating_up: &'static str,
    pub k_rating_down: &'static str,
    pub k_rating_digit: &'static str,
    pub k_typing: &'static str,
    pub k_close_help: &'static str,
    // Footer hints: one word per binding, after its keys (app/hints.rs builds the line).
    pub h_search: &'static str,
    pub h_card: &'static str,
    pub h_shortlist: &'static str,
    pub h_meeting: &'static str,
    pub h_help: &'static str,
    pub h_quit: &'static str,
    pub h_back: &'static str,
    pub h_held: &'static str,
    pub h_no_show: &'static str,
    pub h_outcome: &'static str,
    pub h_open: &'static str,
    pub h_create: &'static str,
    pub h_edit: &'static str,
    pub h_pane: &'static str,
    pub h_add: &'static str,
    pub h_remove: &'static str,
    pub h_status: &'static str,
    pub h_retain: &'static str,
    pub h_set_aside: &'static str,
    pub h_lot: &'static str,
    pub h_next_field: &'static str,
    pub h_choose: &'static str,
    pub h_save: &'static str,
    pub h_cancel: &'static str,
    pub h_slot: &'static str,
    pub h_table: &'static str,
    pub h_day: &'static str,
    pub h_new_day: &'static str,
    pub h_book: &'static str,
    pub h_apply_schedule: &'static str,
    pub h_cancel_meeting: &'static str,
    /// Hint: start the meeting.
    pub h_start: &'static str,
    /// Hint: end the meeting.
    pub h_end: &'static str,
    pub h_rating: &'static str,
    pub h_list: &'static str,
    pub h_done: &'static str,
    pub h_close: &'static str,
    pub h_why: &'static str,
    pub h_scroll: &'static str,
}

impl Texts {
    /// Label of a next step (suite à donner).
    pub fn next_step(&self, s: NextStep) -> &'static str {
        (self.labels.next_step)(s)
    }
    /// Label of a triage status.
    pub fn triage(&self, s: TriageStatus) -> &'static str {
        (self.labels.triage)(s)
    }
    /// Label of a meeting status.
    pub fn meeting_status(&self, s: MeetingStatus) -> &'static str {
        (self.labels.meeting_status)(s)
    }
    /// Label of a need status.
    pub fn need_status(&self, s: NeedStatus) -> &'static str {
        (self.labels.need_status)(s)
    }
    /// Label of a size category.
    pub fn size(&self, s: SizeCategory) -> &'static str {
        (self.labels.size)(s)
    }
}

/// The texts of a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(14213), "14 213");
        assert_eq!(thousands(1234567), "1 234 567");
        assert_eq!((FR.supplier_count)(14213), "14 213 fournisseurs");
        assert_eq!((EN.supplier_count)(14213), "14,213 suppliers");
    }

    #[test]
    fn labels_follow_domain_order() {
        assert_eq!(FR.next_step(NextStep::NoFit), "Pas d'adéquation");
        assert_eq!(EN.triage(TriageStatus::SetAside), "set aside");
        assert_eq!(FR.meeting_status(MeetingStatus::NoShow), "absent");
    }
}
