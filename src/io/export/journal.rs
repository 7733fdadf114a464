//! The journal (trace de sourçage): every write, oldest first.

use super::{
    csv_writer, iso_local, local_datetime, text, ExportError, ExportFormat, ExportOptions, JsonOut,
};
use crate::domain::Entity;
use crate::i18n::texts;
use crate::store::Store;
use serde::Serialize;
use std::io::Write;

/// One journal event, as exported in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalRow {
    /// Sequence number.
    pub seq: u64,
    /// When, ISO 8601 in Europe/Paris with its offset.
    pub at: String,
    /// Who.
    pub actor: String,
    /// Entity kind code.
    pub entity: Entity,
    /// Its id.
    pub id: u64,
    /// Verb.
    pub action: String,
    /// One line for humans, in the export's language (an event written before schema v3:
    /// the French sentence it stored).
    pub summary: String,
    /// What happened, typed (absent for events written before schema v3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<crate::domain::Event>,
}

/// Writes the whole journal; returns the number of events.
pub fn export_journal(
    store: &dyn Store,
    out: &mut dyn Write,
    opts: &ExportOptions,
) -> Result<usize, ExportError> {
    let events = store.journal()?;
    let lang = opts.lang;
    let line = |e: &crate::domain::JournalEvent| crate::i18n::store::Render::render(e, lang);
    match opts.format {
        ExportFormat::Json | ExportFormat::Jsonl => {
            let mut j = JsonOut::new(out, opts.format == ExportFormat::Jsonl);
            for e in &events {
                j.item(&JournalRow {
                    seq: e.seq,
                    at: iso_local(e.at),
                    actor: e.actor.clone(),
                    entity: e.entity,
                    id: e.id,
                    action: e.action.clone(),
                    summary: line(e),
                    event: e.event.clone(),
                })?;
            }
            j.finish()
        }
        ExportFormat::Csv => {
            let (t, excel) = (texts(opts.lang), opts.excel);
            let mut w = csv_writer(out, excel)?;
            w.write_record(if excel {
                t.export.journal_headings
            } else {
                t.export.journal_columns
            })?;
            for e in &events {
                w.write_record([
                    e.seq.to_string(),
                    local_datetime(e.at, excel),
                    text(&e.actor, excel).into_owned(),
                    (t.labels.entity)(e.entity).to_string(),
                    e.id.to_string(),
                    text(&e.action, excel).into_owned(),
                    text(&line(e), excel).into_owned(),
                ])?;
            }
            w.flush()?;
            Ok(events.len())
        }
    }
}
