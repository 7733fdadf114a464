//! The store's texts in English.

use crate::i18n::store::StoreTexts;

/// The store's texts in English.
pub static STORE: StoreTexts = StoreTexts {
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
    need_no_such_lot: |need, lot| format!("the need “{need}” has no lot {lot}"),
    day_hours: |d, o, c| format!("forum day {d}: opening ({o}) must come before closing ({c})"),
    day_slot_too_short: |d| format!("forum day {d}: a slot lasts at least 5 minutes"),
    day_no_table: |d| format!("forum day {d}: give at least one table"),
    meeting_already_planned:
        "this meeting already exists: change its status instead of planning it again",
    meeting_no_buyer: "meeting without a buyer: give at least one buyer",
    meeting_no_table: "meeting without a table: choose a table",
    meeting_no_such_slot: |s, d| {
        format!("slot {s} does not exist on {d} (break or outside opening hours)")
    },
    meeting_no_such_table: |t, d, all| format!("table “{t}” does not exist on {d}: tables {all}"),
    outcome_rating: |r| format!("rating {r} is invalid: give a rating from 1 to 5"),
};
