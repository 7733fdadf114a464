//! Meetings with their supplier, slot (in Europe/Paris), table, buyers, need, status and
//! latest outcome (suite à donner), plus the number of outcome versions logged.

use super::{date, iso_local, local_datetime, text, utc_offset, ExportError, ExportOptions};
use crate::domain::forum::local_hm;
use crate::domain::{ForumDay, MeetingId, MeetingStatus, NextStep, Outcome, SupplierId};
use crate::i18n::{texts, Lang};
use crate::store::Store;
use jiff::Timestamp;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::io::Write;

/// The latest outcome of a meeting, as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeRow {
    /// Version of this outcome (the latest), 1-based.
    pub version: u32,
    /// Next step code (`invite_to_tender`…).
    pub next_step: NextStep,
    /// Fit rating 1–5; null when the meeting did not take place.
    pub rating: Option<u8>,
    /// Notes, multi-line.
    pub notes: String,
    /// Follow-up date, ISO.
    pub follow_up: Option<jiff::civil::Date>,
    /// Second-stage follow-up, when recorded.
    pub follow_up_result: Option<crate::domain::SecondStage>,
    /// Login of the buyer who logged it.
    pub logged_by: String,
    /// When, ISO 8601 in Europe/Paris with its offset ("2026-12-03T10:41:00+01:00").
    #[serde(serialize_with = "ser_local")]
    pub logged_at: Timestamp,
}

/// One meeting, as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingRow {
    /// Meeting id.
    pub id: MeetingId,
    /// Forum day, ISO.
    pub day: jiff::civil::Date,
    /// Slot start, ISO 8601 Europe/Paris with its offset ("2026-10-25T02:30:00+01:00").
    #[serde(serialize_with = "ser_local")]
    pub start: Timestamp,
    /// Slot end, same form (None when the day no longer has that slot).
    #[serde(serialize_with = "ser_local_opt")]
    pub end: Option<Timestamp>,
    /// Table or room, by name ("?" when the day no longer has it).
    pub table: String,
    /// Supplier id.
    pub supplier_id: SupplierId,
    /// Supplier name.
    pub supplier: String,
    /// Supplier SIRET (empty when none).
    pub siret: String,
    /// Buyers' logins.
    pub buyers: Vec<String>,
    /// Need id, when the meeting is about a need.
    pub need_id: Option<u64>,
    /// Need title (and lot title after " — " for a lot).
    pub need: String,
    /// Lot number (0: whole need).
    pub lot: u32,
    /// Status code.
    pub status: MeetingStatus,
    /// Actual start, ISO 8601 Europe/Paris.
    #[serde(serialize_with = "ser_local_opt")]
    pub started_at: Option<Timestamp>,
    /// Actual end, ISO 8601 Europe/Paris.
    #[serde(serialize_with = "ser_local_opt")]
    pub ended_at: Option<Timestamp>,
    /// Number of outcome versions logged (0: none yet).
    pub outcome_versions: usize,
    /// The latest outcome.
    pub outcome: Option<OutcomeRow>,
}

/// Builds the rows, by day, slot, table then id; a lot's need is named in `lang`
/// ("need — lot 1 : title").
pub fn meeting_rows(store: &dyn Store, lang: Lang) -> Result<Vec<MeetingRow>, ExportError> {
    let need_lot = texts(lang).export.need_lot;
    let meetings = store.meetings()?;
    let days: HashMap<jiff::civil::Date, ForumDay> = store
        .forum_days()?
        .into_iter()
        .map(|d| (d.date, d))
        .collect();
    let needs: HashMap<u64, crate::domain::Need> =
        store.needs()?.into_iter().map(|n| (n.id, n)).collect();
    let mut outcomes: HashMap<MeetingId, Vec<Outcome>> = HashMap::new();
    for o in store.all_outcomes()? {
        outcomes.entry(o.meeting).or_default().push(o);
    }
    let mut rows = Vec::with_capacity(meetings.len());
    for m in meetings {
        let supplier = store.supplier(m.supplier)?;
        let day = days.get(&m.day);
        let slot = day.and_then(|d| d.slot_at(m.start));
        let need = m.need.and_then(|id| needs.get(&id));
        let need_title = match need {
            Some(n) => match n.lots.iter().find(|l| l.number == m.lot && m.lot > 0) {
                Some(l) => need_lot(&n.title, l.number, &l.title),
                None => n.title.clone(),
            },
            None => String::new(),
        };
        let versions = outcomes.get(&m.id).map(Vec::len).unwrap_or(0);
        let latest = outcomes
            .get(&m.id)
            .and_then(|v| v.iter().max_by_key(|o| o.version))
            .map(|o| OutcomeRow {
                version: o.version,
                next_step: o.next_step,
                rating: o.rating,
                notes: o.notes.clone(),
                follow_up: o.follow_up,
                follow_up_result: o.follow_up_result,
                logged_by: o.logged_by.clone(),
                logged_at: o.logged_at,
            });
        rows.push(MeetingRow {
            id: m.id,
            day: m.day,
            start: m.start,
            end: slot.map(|s| s.end),
            table: day
                .map(|d| d.table_name(m.table).to_string())
                .unwrap_or_else(|| "?".to_string()),
            supplier_id: m.supplier,
            supplier: supplier
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            siret: supplier
                .as_ref()
                .and_then(|s| s.siret.as_ref())
                .map(|s| s.to_string())
                .unwrap_or_default(),
            buyers: m.buyers.clone(),
            need_id: m.need,
            need: need_title,
            lot: m.lot,
            status: m.status,
            started_at: m.started_at,
            ended_at: m.ended_at,
            outcome_versions: versions,
            outcome: latest,
        });
    }
    rows.sort_by(|a, b| (a.day, a.start, &a.table, a.id).cmp(&(b.day, b.start, &b.table, b.id)));
    Ok(rows)
}

/// Writes every meeting; returns how many.
pub fn export_meetings(
    store: &dyn Store,
    out: &mut dyn Write,
    opts: &ExportOptions,
) -> Result<usize, ExportError> {
    let rows = meeting_rows(store, opts.lang)?;
    super::write_rows(
        &rows,
        (
            &texts(opts.lang).export.meeting_columns,
            &texts(opts.lang).export.meeting_headings,
        ),
        |r, t, excel| {
            let o = r.outcome.as_ref();
            vec![
                r.id.to_string(),
                date(r.day, excel),
                local_hm(r.start),
                r.end.map(local_hm).unwrap_or_default(),
                text(&r.table, excel).into_owned(),
                text(&r.supplier, excel).into_owned(),
                super::ident(&r.siret, excel).into_owned(),
                text(&r.buyers.join(", "), excel).into_owned(),
                text(&r.need, excel).into_owned(),
                if r.lot == 0 {
                    String::new()
                } else {
                    r.lot.to_string()
                },
                t.meeting_status(r.status).to_string(),
                r.started_at
                    .map(|t| local_datetime(t, excel))
                    .unwrap_or_default(),
                r.ended_at
                    .map(|t| local_datetime(t, excel))
                    .unwrap_or_default(),
                o.map(|o| t.next_step(o.next_step).to_string())
                    .unwrap_or_default(),
                o.and_then(|o| o.rating)
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                o.map(|o| text(&o.notes, excel).into_owned())
                    .unwrap_or_default(),
                o.and_then(|o| o.follow_up)
                    .map(|d| date(d, excel))
                    .unwrap_or_default(),
                o.and_then(|o| o.follow_up_result)
                    .map(|f| (t.labels.follow_up)(f.result).to_string())
                    .unwrap_or_default(),
                o.map(|o| text(&o.logged_by, excel).into_owned())
                    .unwrap_or_default(),
                o.map(|o| local_datetime(o.logged_at, excel))
                    .unwrap_or_default(),
                r.outcome_versions.to_string(),
                r.supplier_id.to_string(),
                utc_offset(r.start),
            ]
        },
        out,
        opts,
    )
}

fn ser_local<S: Serializer>(ts: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&iso_local(*ts))
}

fn ser_local_opt<S: Serializer>(ts: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(t) => s.serialize_str(&iso_local(*t)),
        None => s.serialize_none(),
    }
}
