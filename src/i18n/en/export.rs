//! English column names of the CSV exports.

use crate::i18n::export::ExportTexts;

/// English.
pub const EXPORT: ExportTexts = ExportTexts {
    journal_columns: ["seq", "at", "actor", "entity", "id", "action", "summary"],
    meeting_columns: [
        "meeting",
        "day",
        "start",
        "end",
        "table",
        "supplier",
        "siret",
        "buyers",
        "need",
        "status",
        "started_at",
        "ended_at",
        "next_step",
        "rating",
        "notes",
        "follow_up",
        "follow_up_result",
        "logged_by",
        "logged_at",
        "outcome_versions",
        "supplier_id",
        "utc_offset",
    ],
    need_lot: |need, n, lot| format!("{need} — lot {n}: {lot}"),
    shortlist_columns: [
        "need_id",
        "need",
        "lot",
        "lot_title",
        "supplier_id",
        "supplier",
        "siret",
        "score",
        "explanation",
        "status",
        "note",
        "manual_rank",
    ],
};
