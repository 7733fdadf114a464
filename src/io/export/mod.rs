//! `sourcing export …`: suppliers (the bundled CSV format, JSON, JSON lines), shortlists,
//! meetings with their latest outcome, and the journal — all read through the [`Store`]
//! trait and written to any [`Write`].
//!
//! CSV is UTF-8, `,`, LF. With `excel` it is French Excel's: `;`, UTF-8 with BOM, CRLF,
//! decimal comma, dates DD/MM/YYYY; identifiers with leading zeros (SIRET, SIREN, postcode,
//! département) are written as `="01234567400019"` so that Excel keeps them as text. In both
//! modes a text cell starting with `=`, `+`, `-` or `@` gets a leading `'` so that a
//! spreadsheet never runs it as a formula (CSV injection). `sourcing import` reads both
//! guards back.

pub mod agenda;
pub mod journal;
pub mod meetings;
pub mod shortlist;
pub mod suppliers;

use crate::domain::forum::forum_tz;
use crate::i18n::{texts, Lang, Texts};
use crate::store::{Store, StoreError};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

pub use journal::export_journal;
pub use meetings::export_meetings;
pub use shortlist::export_shortlist;
pub use suppliers::export_suppliers;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// CSV (see the module documentation for `excel`).
    #[default]
    Csv,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// How to export.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions {
    /// Format.
    pub format: ExportFormat,
    /// CSV for French Excel (ignored for JSON).
    pub excel: bool,
    /// Language of the CSV's column names and labels (JSON keeps the stable codes).
    pub lang: Lang,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The store could not be read.
    Store(#[from] StoreError),
    /// Writing failed (full disk, closed pipe).
    Io(#[from] io::Error),
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => ExportError::Io(e),
            other => ExportError::Io(io::Error::other(format!("{other:?}"))),
        }
    }
}

/// What to export, for [`export`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportWhat {
    /// The supplier directory.
    Suppliers,
    /// The shortlists of every need.
    Shortlist,
    /// Meetings with their latest outcome.
    Meetings,
    /// The journal.
    Journal,
}

/// Exports `what` to `out`; returns the number of records written.
pub fn export(
    store: &dyn Store,
    what: ExportWhat,
    out: &mut dyn Write,
    opts: &ExportOptions,
) -> Result<usize, ExportError> {
    match what {
        ExportWhat::Suppliers => export_suppliers(store, out, opts),
        ExportWhat::Shortlist => export_shortlist(store, out, opts),
        ExportWhat::Meetings => export_meetings(store, out, opts),
        ExportWhat::Journal => export_journal(store, out, opts),
    }
}

/// A CSV writer configured for `excel` or not (BOM written first in Excel mode).
pub(crate) fn csv_writer<W: Write>(mut out: W, excel: bool) -> io::Result<csv::Writer<W>> {
    let mut b = csv::WriterBuilder::new();
    if excel {
        out.write_all(b"\xEF\xBB\xBF")?;
        b.delimiter(b';').terminator(csv::Terminator::CRLF);
    } else {
        b.delimiter(b',').terminator(csv::Terminator::Any(b'\n'));
    }
    Ok(b.from_writer(out))
}

/// A text cell, guarded against formula execution when a spreadsheet opens the CSV: a cell
/// starting with `=`, `+`, `-` or `@` (or `'` followed by one of them, or by `'`) gets a
/// leading `'`. Done in both CSV modes so that the importer, which removes exactly that
/// guard ([`crate::io::import::values::unguard_formula`]), reads every value back as it was.
pub(crate) fn text(s: &str, _excel: bool) -> Cow<'_, str> {
    let mut chars = s.chars();
    let guard = match chars.next() {
        Some('=' | '+' | '-' | '@') => true,
        Some('\'') => matches!(chars.next(), Some('=' | '+' | '-' | '@' | '\'')),
        _ => false,
    };
    if guard {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// An identifier with significant leading zeros: `="…"` in Excel mode so Excel keeps it text.
pub(crate) fn ident(s: &str, excel: bool) -> Cow<'_, str> {
    if excel && !s.is_empty() {
        Cow::Owned(format!("=\"{s}\""))
    } else {
        Cow::Borrowed(s)
    }
}

/// A decimal number: shortest exact form, with a decimal comma in Excel mode.
pub(crate) fn decimal(v: f64, excel: bool) -> String {
    let s = format!("{v}");
    if excel {
        s.replace('.', ",")
    } else {
        s
    }
}

/// A date: ISO, or DD/MM/YYYY in Excel mode.
pub(crate) fn date(d: Date, excel: bool) -> String {
    if excel {
        d.strftime("%d/%m/%Y").to_string()
    } else {
        d.to_string()
    }
}

/// An instant in the forum's zone (Europe/Paris): "YYYY-MM-DD HH:MM +01:00" with its UTC
/// offset, which tells apart the two 02:30 of the day the clocks go back; in Excel mode
/// "DD/MM/YYYY HH:MM", which Excel-FR reads as a date (it cannot read an offset), the
/// meetings export carrying the offset in a column of its own ([`utc_offset`]).
pub(crate) fn local_datetime(ts: Timestamp, excel: bool) -> String {
    let z = ts.to_zoned(forum_tz());
    if excel {
        z.strftime("%d/%m/%Y %H:%M").to_string()
    } else {
        z.strftime("%Y-%m-%d %H:%M %:z").to_string()
    }
}

/// The forum zone's UTC offset at an instant: "+01:00" in winter, "+02:00" in summer.
pub(crate) fn utc_offset(ts: Timestamp) -> String {
    ts.to_zoned(forum_tz()).strftime("%:z").to_string()
}

/// An instant in the forum's zone as ISO 8601 with its offset, for JSON:
/// "2026-12-03T09:00:00+01:00".
pub(crate) fn iso_local(ts: Timestamp) -> String {
    ts.to_zoned(forum_tz())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Writes `rows` in the format asked: the rows themselves as a JSON array or JSON lines, or a
/// CSV whose header is `columns` (from [`crate::i18n::export`], in `opts.lang`) and whose
/// records are `cells(row, texts, excel)`. Returns the number of rows.
pub(crate) fn write_rows<T: Serialize>(
    rows: &[T],
    (columns, headings): (&[&str], &[&str]),
    cells: impl Fn(&T, &Texts, bool) -> Vec<String>,
    out: &mut dyn Write,
    opts: &ExportOptions,
) -> Result<usize, ExportError> {
    match opts.format {
        ExportFormat::Json | ExportFormat::Jsonl => {
            let mut j = JsonOut::new(out, opts.format == ExportFormat::Jsonl);
            for r in rows {
                j.item(r)?;
            }
            j.finish()
        }
        ExportFormat::Csv => {
            let (t, excel) = (texts(opts.lang), opts.excel);
            let mut w = csv_writer(out, excel)?;
            // Column codes for scripts; words for people under --excel.
            w.write_record(if excel { headings } else { columns })?;
            for r in rows {
                w.write_record(cells(r, t, excel))?;
            }
            w.flush()?;
            Ok(rows.len())
        }
    }
}

/// Streams JSON items as one array or as lines.
pub(crate) struct JsonOut<'a> {
    out: &'a mut dyn Write,
    lines: bool,
    count: usize,
}

impl<'a> JsonOut<'a> {
    pub(crate) fn new(out: &'a mut dyn Write, lines: bool) -> Self {
        JsonOut {
            out,
            lines,
            count: 0,
        }
    }
    pub(crate) fn item<T: Serialize>(&mut self, v: &T) -> Result<(), ExportError> {
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        }
        serde_json::to_writer(&mut *self.out, v).map_err(io::Error::from)?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }
    pub(crate) fn finish(self) -> Result<usize, ExportError> {
        if !self.lines {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_guards() {
        assert_eq!(text("=HYPERLINK(\"x\")", true), "'=HYPERLINK(\"x\")");
        assert_eq!(text("=x", false), "'=x");
        assert_eq!(text("'=x", false), "''=x");
        assert_eq!(text("'x", false), "'x");
        assert_eq!(text("Dupont", true), "Dupont");
        assert_eq!(ident("01234567400019", true), "=\"01234567400019\"");
        assert_eq!(ident("", true), "");
        assert_eq!(decimal(1234567.89, true), "1234567,89");
        assert_eq!(decimal(2500000.0, false), "2500000");
        assert_eq!(date(jiff::civil::date(2009, 3, 15), true), "15/03/2009");
        assert_eq!(date(jiff::civil::date(2009, 3, 15), false), "2009-03-15");
    }

    #[test]
    fn paris_times() {
        let ts: Timestamp = "2026-12-03T08:00:00Z".parse().unwrap();
        assert_eq!(local_datetime(ts, false), "2026-12-03 09:00 +01:00");
        assert_eq!(local_datetime(ts, true), "03/12/2026 09:00");
        assert_eq!(iso_local(ts), "2026-12-03T09:00:00+01:00");
    }

    #[test]
    fn json_array_and_lines() {
        let mut buf = Vec::new();
        let mut j = JsonOut::new(&mut buf, false);
        j.item(&1).unwrap();
        j.item(&2).unwrap();
        assert_eq!(j.finish().unwrap(), 2);
        assert_eq!(String::from_utf8(buf).unwrap(), "[\n1,\n2\n]\n");
        let mut buf = Vec::new();
        assert_eq!(JsonOut::new(&mut buf, false).finish().unwrap(), 0);
        assert_eq!(buf, b"[]\n");
        let mut buf = Vec::new();
        let mut j = JsonOut::new(&mut buf, true);
        j.item(&"a").unwrap();
        j.finish().unwrap();
        assert_eq!(buf, b"\"a\"\n");
    }
}
