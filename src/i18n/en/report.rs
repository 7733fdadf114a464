//! English texts of the forum's figures.

use crate::i18n::report::ReportTexts;

/// English.
pub const REPORT: ReportTexts = ReportTexts {
    title: "Sourcing forum report",
    colon: ":",
    meetings: "Meetings",
    next_steps: "Next steps (latest outcome of each meeting)",
    average_rating: "Average fit rating",
    suppliers_met: "Suppliers met",
    tpe_pme_known: |n, of, pct, unknown| {
        let head = format!("{n} of {of} of known size ({pct})");
        match unknown {
            0 => head,
            u => format!("{head}; {u} of unknown size"),
        }
    },
    needs: "Needs",
    journal_events: "Journal events (sourcing trace)",
    second_stage: |n, none, cons, award, eur| {
        format!("Second stages: {n} (no further contact {none}, consulted {cons}, contracts awarded {award} for €{eur} excl. VAT)")
    },
    equal_time: |timed, flagged| {
        format!(
            "Equal time: {timed} meeting(s) timed, {flagged} more than 25 % off the slot's length"
        )
    },
    equal_time_line: |d, hm, s, m, slot| format!("  ⚑ {d} {hm} {s}: {m} min for a {slot}-min slot"),
    documents: |needs, flagged| {
        format!("Documents given: {needs} need(s) list some, {flagged} supplier(s) met got fewer than the others")
    },
    documents_line: |need, s, missing, others| {
        format!("  ⚑ \"{need}\": {s} did not get {missing} (given to others among the {others} other suppliers met)")
    },
    number: |x, decimals| format!("{x:.decimals$}"),
    share: |count, of, pct| format!("{count} of {of} ({pct})"),
    percent: |p| format!("{p}%"),
};
