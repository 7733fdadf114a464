//! The shortlists of every need (and lot): supplier, score and its explanation, triage
//! status, the buyer's note and manual rank.

use super::{decimal, ident, text, ExportError, ExportOptions};
use crate::domain::{NeedId, SupplierId, TriageStatus};
use crate::i18n::{explain, texts, Lang};
use crate::store::Store;
use serde::Serialize;
use std::io::Write;

/// One shortlist entry, as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShortlistRow {
    /// Need id.
    pub need_id: NeedId,
    /// Need title.
    pub need: String,
    /// Lot number (0: whole need).
    pub lot: u32,
    /// Lot title (empty for the whole need).
    pub lot_title: String,
    /// Supplier id.
    pub supplier_id: SupplierId,
    /// Supplier name.
    pub supplier: String,
    /// Supplier SIRET (empty when none).
    pub siret: String,
    /// Match score when the entry was made.
    pub score: f64,
    /// Explanation of the score.
    pub explanation: String,
    /// Triage status code.
    pub status: TriageStatus,
    /// Buyer's note.
    pub note: String,
    /// Manual rank, when set.
    pub manual_rank: Option<u32>,
}

/// Rows by need, lot, then manual rank (set ones first), score (highest first), name. The
/// explanation is in `lang`, from the entry's typed parts (theme names from the forum's
/// embedded themes), or the sentence stored by an older version.
pub fn shortlist_rows(store: &dyn Store, lang: Lang) -> Result<Vec<ShortlistRow>, ExportError> {
    let themes = crate::io::embedded::theme_catalog();
    let mut rows = Vec::new();
    for need in store.needs()? {
        let mut entries = store.shortlist(need.id)?;
        entries.sort_by(|a, b| {
            (a.lot, a.manual_rank.is_none(), a.manual_rank)
                .cmp(&(b.lot, b.manual_rank.is_none(), b.manual_rank))
                .then(b.score.total_cmp(&a.score))
        });
        for e in entries {
            let supplier = store.supplier(e.supplier)?;
            rows.push(ShortlistRow {
                need_id: need.id,
                need: need.title.clone(),
                lot: e.lot,
                lot_title: need
                    .lots
                    .iter()
                    .find(|l| l.number == e.lot)
                    .map(|l| l.title.clone())
                    .unwrap_or_default(),
                supplier_id: e.supplier,
                supplier: supplier
                    .as_ref()
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                siret: supplier
                    .as_ref()
                    .and_then(|s| s.siret.as_ref())
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                score: e.score,
                explanation: explain::entry(&e, themes, lang),
                status: e.status,
                note: e.note,
                manual_rank: e.manual_rank,
            });
        }
    }
    Ok(rows)
}

/// Writes every shortlist entry; returns how many.
pub fn export_shortlist(
    store: &dyn Store,
    out: &mut dyn Write,
    opts: &ExportOptions,
) -> Result<usize, ExportError> {
    let rows = shortlist_rows(store, opts.lang)?;
    super::write_rows(
        &rows,
        (
            &texts(opts.lang).export.shortlist_columns,
            &texts(opts.lang).export.shortlist_headings,
        ),
        |r, t, excel| {
            vec![
                r.need_id.to_string(),
                text(&r.need, excel).into_owned(),
                r.lot.to_string(),
                text(&r.lot_title, excel).into_owned(),
                r.supplier_id.to_string(),
                text(&r.supplier, excel).into_owned(),
                ident(&r.siret, excel).into_owned(),
                // One decimal is what a person reads (JSON keeps the full value).
                decimal((r.score * 10.0).round() / 10.0, excel),
                text(&r.explanation, excel).into_owned(),
                t.triage(r.status).to_string(),
                text(&r.note, excel).into_owned(),
                r.manual_rank.map(|x| x.to_string()).unwrap_or_default(),
            ]
        },
        out,
        opts,
    )
}
