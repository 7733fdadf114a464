//! `sourcing import FILE`: suppliers from the files buyers really have.
//!
//! Accepted: CSV with `,`, `;` or tab (sniffed from the header line, or forced), UTF-8 with or
//! without BOM or Windows-1252 ([`decode`]), CRLF/LF/CR line ends, quoted cells holding line
//! breaks, delimiters and doubled quotes; JSON lines (one object per line, the keys named like
//! CSV headers, e.g. the output of `sourcing export suppliers --format jsonl`). Headers are
//! matched in French or English ([`header`]).
//!
//! The file is read record by record ([`source`]); each row becomes a supplier or a rejection
//! ([`row`]); rows of the same supplier (same [`Supplier::identity_key`]) merge ([`merge`]).
//! The merged suppliers then go to the store in ONE [`Store::upsert_suppliers`] call — the
//! store's atomic batch — so an import is all or nothing: a crash, a kill or a full disk
//! half-way leaves the store as it was. Only that batch (the distinct suppliers) lives in
//! memory until the write; the file itself is never held whole.

pub mod clean;
pub mod date;
pub mod decode;
pub mod header;
pub mod merge;
pub mod number;
pub mod report;
pub mod row;
pub(crate) mod row_fields;
pub mod siret;
pub mod source;
mod themes;
pub mod values;

pub use report::{ImportReport, Issue, IssueKind};

use crate::domain::{Supplier, SupplierId, ThemeCatalog};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use decode::TextEncoding;
use header::{Columns, Field, MapError};
use merge::{apply_update, merge_row, Incoming};
use row::{build_row, Cell, RowContext, RowResult};
use source::{CsvRows, Format, JsonLines};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Read and report, write nothing (`--dry-run`).
    pub dry_run: bool,
    /// Refuse the whole file when any line is rejected (`--strict`).
    pub strict: bool,
    /// Force the CSV delimiter (`b','`, `b';'`, `b'\t'`); None: sniffed from the header.
    pub delimiter: Option<u8>,
    /// `--map COLUMN=field` pairs (column header as in the file, field name as in the bundled
    /// format or any header alias, or "ignore").
    pub map: Vec<(String, String)>,
    /// Language of the reasons.
    pub lang: Lang,
    /// Themes to recognise in theme cells and to classify suppliers that give none (from
    /// their CPV codes, else their NAF code). None: the forum's themes embedded in the binary
    /// ([`crate::io::embedded::theme_catalog`]).
    pub themes: Option<ThemeCatalog>,
}

/// Why an import did not run or was refused. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be opened.
    Open {
        /// The path given.
        path: String,
        /// The system's reason.
        source: std::io::Error,
    },
    /// Reading failed in the middle (disk, network share).
    Read {
        /// The file.
        file: String,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A `--map` option is wrong.
    Map(#[from] MapError),
    /// The file is empty.
    Empty(String),
    /// A workbook (.xlsx, .xls, .ods) rather than a CSV.
    Spreadsheet(String),
    /// No column gives the supplier's name.
    NoNameColumn {
        /// The file.
        file: String,
        /// Its headers, quoted, comma-separated.
        headers: String,
    },
    /// `--strict` and at least one line rejected: the whole file refused.
    Refused(Box<ImportReport>),
    /// The store refused or failed the write: nothing was written.
    Store(#[from] StoreError),
}

/// Where an import is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Bytes of the file read so far.
    Reading {
        /// Bytes read.
        bytes: u64,
    },
    /// The batch is being written (one atomic write).
    Writing {
        /// Suppliers in the batch.
        suppliers: usize,
    },
}

/// Imports the file at `path` (see the module documentation). `actor` is the login recorded
/// in the journal.
pub fn import_path(
    store: &dyn Store,
    path: &Path,
    opts: &ImportOptions,
    actor: &str,
) -> Result<ImportReport, ImportError> {
    import_path_with_progress(store, path, opts, actor, &mut |_| {})
}

/// [`import_path`] reporting its progress to `progress`.
pub fn import_path_with_progress(
    store: &dyn Store,
    path: &Path,
    opts: &ImportOptions,
    actor: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Open {
        path: path.display().to_string(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    import_reader_with_progress(store, file, &name, opts, actor, progress)
}

/// Imports from any reader; `file_name` names it in the report and the provenance
/// (`sourcing demo` passes the embedded `suppliers.csv`).
pub fn import_reader(
    store: &dyn Store,
    reader: impl Read,
    file_name: &str,
    opts: &ImportOptions,
    actor: &str,
) -> Result<ImportReport, ImportError> {
    import_reader_with_progress(store, reader, file_name, opts, actor, &mut |_| {})
}

/// [`import_reader`] reporting its progress to `progress`.
pub fn import_reader_with_progress(
    store: &dyn Store,
    reader: impl Read,
    file_name: &str,
    opts: &ImportOptions,
    actor: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let parsed = read_file(reader, file_name, opts, progress)?;
    let Parsed { mut report, batch } = parsed;
    if opts.strict && !report.rejected.is_empty() {
        return Err(ImportError::Refused(Box::new(report)));
    }
    // Compare with what is stored: the file's values replace the stored ones field by field.
    // Suppliers already identical are not sent to the store (nothing to write for them).
    // The store is streamed and only the suppliers the file names are kept.
    let mut by_key: HashMap<String, Supplier> = HashMap::new();
    if store.supplier_count()? > 0 {
        let wanted: std::collections::HashSet<String> = batch
            .iter()
            .map(|inc| inc.supplier.identity_key())
            .collect();
        store.for_each_supplier(&mut |s| {
            let key = s.identity_key();
            if wanted.contains(&key) {
                by_key.insert(key, s);
            }
            std::ops::ControlFlow::Continue(())
        })?;
    }
    let mut out: Vec<Supplier> = Vec::with_capacity(batch.len());
    // For each supplier of the file, in order: Some(id) when unchanged, None when written.
    let mut known_ids: Vec<Option<SupplierId>> = Vec::with_capacity(batch.len());
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    for inc in batch {
        match by_key.get(&inc.supplier.identity_key()) {
            Some(old) => {
                let new = apply_update(old, &inc);
                if new == *old {
                    unchanged += 1;
                    known_ids.push(Some(old.id));
                } else {
                    updated += 1;
                    known_ids.push(None);
                    out.push(Supplier { id: 0, ..new });
                }
            }
            None => {
                created += 1;
                known_ids.push(None);
                out.push(inc.supplier);
            }
        }
    }
    drop(by_key);
    report.dry_run = opts.dry_run;
    report.created = created;
    report.updated = updated;
    report.unchanged = unchanged;
    if opts.dry_run {
        return Ok(report);
    }
    if !out.is_empty() {
        progress(Progress::Writing {
            suppliers: out.len(),
        });
        let (counts, ids) = store.upsert_suppliers(out, actor)?;
        report.created = counts.created;
        report.updated = counts.updated;
        report.unchanged = unchanged + counts.unchanged;
        report.stored = true;
        let mut written = ids.into_iter();
        report.ids = known_ids
            .into_iter()
            .map(|k| k.or_else(|| written.next()).unwrap_or(0))
            .collect();
    } else {
        report.ids = known_ids.into_iter().map(|k| k.unwrap_or(0)).collect();
    }
    Ok(report)
}

/// A file read and merged, before any comparison with the store.
#[derive(Debug, Clone)]
pub struct ReadFile {
    /// The report so far: `skipped`, `rejected` and `warnings` filled, no counts.
    pub report: ImportReport,
    /// The merged suppliers (id 0), in the order of their first line.
    pub suppliers: Vec<Supplier>,
}

/// Reads and merges a file without touching any store (a preview, and what the fuzz tests
/// drive). Errors as [`import_reader`], except `Refused` and `Store`, which need the store.
pub fn read_suppliers(
    reader: impl Read,
    file_name: &str,
    opts: &ImportOptions,
) -> Result<ReadFile, ImportError> {
    let Parsed { report, batch } = read_file(reader, file_name, opts, &mut |_| {})?;
    Ok(ReadFile {
        report,
        suppliers: batch.into_iter().map(|i| i.supplier).collect(),
    })
}

/// The file read: the report so far and the merged suppliers, in order of first line.
struct Parsed {
    report: ImportReport,
    batch: Vec<Incoming>,
}

/// Collects rows into merged suppliers and the report.
struct Collector<'a> {
    report: ImportReport,
    batch: Vec<Incoming>,
    index: HashMap<String, usize>,
    themes: &'a ThemeCatalog,
    lookup: row::ThemeLookup,
    file: &'a str,
    lang: Lang,
    warned_1252: bool,
}

impl Collector<'_> {
    fn encoding(&mut self, line: u64, e: TextEncoding) {
        if e == TextEncoding::Windows1252 && !self.warned_1252 {
            self.warned_1252 = true;
            self.report.warnings.push(Issue::about(
                line,
                "encodage",
                IssueKind::Windows1252,
                self.lang,
            ));
        }
    }

    fn row(&mut self, line: u64, cells: &[(Field, Cell)]) {
        self.report.records += 1;
        let ctx = RowContext {
            line,
            file: self.file,
            themes: &self.lookup,
            lang: self.lang,
        };
        match build_row(cells, &ctx) {
            RowResult::Empty => self.report.skipped += 1,
            RowResult::Rejected(issues) => self.report.rejected.extend(issues),
            RowResult::Supplier(inc, warnings) => {
                self.report.warnings.extend(warnings);
                let key = inc.supplier.identity_key();
                match self.index.get(&key) {
                    Some(&i) => {
                        let first = &mut self.batch[i];
                        let shown = key.split_once(':').map(|(_, v)| v).unwrap_or(&key);
                        let shown = if key.starts_with("name:") {
                            first.supplier.name.clone()
                        } else {
                            shown.to_string()
                        };
                        self.report.warnings.push(Issue::new(
                            line,
                            if key.starts_with("name:") {
                                Field::Name
                            } else {
                                Field::Siret
                            },
                            IssueKind::Merged(first.line, shown),
                            self.lang,
                        ));
                        merge_row(first, &inc);
                    }
                    None => {
                        self.index.insert(key, self.batch.len());
                        self.batch.push(*inc);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Parsed {
        for inc in &mut self.batch {
            let s = &mut inc.supplier;
            if s.themes.is_empty() {
                s.themes = self
                    .themes
                    .classify(s.cpv.iter().map(|c| c.as_str()), s.naf.as_deref());
                if !s.themes.is_empty() {
                    inc.given.insert(Field::Themes);
                }
            }
            s.themes.sort();
        }
        Parsed {
            report: self.report,
            batch: self.batch,
        }
    }
}

/// How often (in records) progress is reported.
const PROGRESS_EVERY: usize = 512;

fn read_file(
    reader: impl Read,
    file_name: &str,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Parsed, ImportError> {
    let maps = header::parse_maps(&opts.map)?;
    let read_err = |source| ImportError::Read {
        file: file_name.to_string(),
        source,
    };
    let sniffed = source::sniff(reader, file_name, opts.delimiter).map_err(read_err)?;
    let themes = opts
        .themes
        .as_ref()
        .unwrap_or_else(|| crate::io::embedded::theme_catalog());
    let mut c = Collector {
        report: ImportReport {
            file: file_name.to_string(),
            ..Default::default()
        },
        batch: Vec::new(),
        index: HashMap::new(),
        themes,
        lookup: row::ThemeLookup::new(themes),
        file: file_name,
        lang: opts.lang,
        warned_1252: false,
    };
    match sniffed.format {
        Format::Csv(delimiter) => {
            let mut rows = CsvRows::new(sniffed.stream, delimiter);
            let Some(first) = rows.next_row().map_err(read_err)? else {
                return Err(ImportError::Empty(file_name.to_string()));
            };
            // The header is the first row naming a name column among the first few: title
            // lines above it (an export's caption) are left out, with a warning.
            let mut head = first.clone();
            let mut columns = Columns::resolve(&head.cells, &maps);
            let mut above = 0usize;
            let mut blank = first.blank_before;
            while columns.index_of(Field::Name).is_none() && above < HEADER_SEARCH_ROWS {
                let Some(next) = rows.next_row().map_err(read_err)? else {
                    break;
                };
                above += 1;
                blank += next.blank_before;
                head = next;
                columns = Columns::resolve(&head.cells, &maps);
            }
            if columns.index_of(Field::Name).is_none() {
                let headers = Columns::resolve(&first.cells, &maps)
                    .headers
                    .iter()
                    .map(|h| format!("« {h} »"))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(ImportError::NoNameColumn {
                    file: file_name.to_string(),
                    headers,
                });
            }
            c.report.skipped += blank as usize;
            if head.line != first.line {
                c.report.warnings.push(Issue::about(
                    head.line,
                    "fichier",
                    IssueKind::HeaderBelow(head.line - first.line),
                    c.lang,
                ));
            }
            c.encoding(head.line, head.encoding);
            if !columns.unknown.is_empty() {
                c.report.warnings.push(Issue::about(
                    head.line,
                    "fichier",
                    IssueKind::UnknownColumns(columns.unknown.clone()),
                    c.lang,
                ));
            }
            for (h, f) in &columns.duplicates {
                c.report.warnings.push(Issue::new(
                    head.line,
                    *f,
                    IssueKind::DuplicateColumn(h.clone()),
                    c.lang,
                ));
            }
            let width = columns.fields.len();
            let mut cells: Vec<(Field, Cell)> = Vec::with_capacity(width);
            let mut n = 0usize;
            while let Some(row) = rows.next_row().map_err(read_err)? {
                n += 1;
                if n.is_multiple_of(PROGRESS_EVERY) {
                    progress(Progress::Reading {
                        bytes: rows.bytes_read(),
                    });
                }
                c.report.skipped += row.blank_before as usize;
                c.encoding(row.line, row.encoding);
                if row.span > LONG_RECORD_LINES {
                    c.report.warnings.push(Issue::about(
                        row.line,
                        "fichier",
                        IssueKind::LongRecord(row.span),
                        c.lang,
                    ));
                }
                let extra = row
                    .cells
                    .iter()
                    .skip(width)
                    .filter(|x| !x.trim().is_empty())
                    .count();
                if extra > 0 {
                    c.report.records += 1;
                    c.report.rejected.push(Issue::about(
                        row.line,
                        "fichier",
                        IssueKind::TooManyCells(width + extra, width),
                        c.lang,
                    ));
                    continue;
                }
                cells.clear();
                for (i, text) in row.cells.into_iter().enumerate().take(width) {
                    if let Some(f) = columns.fields[i] {
                        cells.push((f, Cell::Text(values::unguard_formula(text))));
                    }
                }
                c.row(row.line, &cells);
            }
            c.report.skipped += rows.trailing_blank_lines() as usize;
            progress(Progress::Reading {
                bytes: rows.bytes_read(),
            });
        }
        Format::Spreadsheet => return Err(ImportError::Spreadsheet(file_name.to_string())),
        Format::JsonLines => {
            let mut lines = JsonLines::new(sniffed.stream);
            let mut keys: HashMap<String, Option<Field>> = HashMap::new();
            let mut unknown: Vec<String> = Vec::new();
            let mut first_unknown_line = 0;
            let mut n = 0usize;
            while let Some(l) = lines.next_line().map_err(read_err)? {
                n += 1;
                if n.is_multiple_of(PROGRESS_EVERY) {
                    progress(Progress::Reading {
                        bytes: lines.bytes_read(),
                    });
                }
                if l.text.trim().is_empty() {
                    c.report.skipped += 1;
                    continue;
                }
                c.encoding(l.line, l.encoding);
                match json_cells(&l.text, &maps, &mut keys, &mut unknown) {
                    Ok(cells) => {
                        if !unknown.is_empty() && first_unknown_line == 0 {
                            first_unknown_line = l.line;
                        }
                        c.row(l.line, &cells)
                    }
                    Err(kind) => {
                        c.report.records += 1;
                        c.report
                            .rejected
                            .push(Issue::about(l.line, "json", kind, c.lang));
                    }
                }
            }
            if !unknown.is_empty() {
                c.report.warnings.push(Issue::about(
                    first_unknown_line,
                    "fichier",
                    IssueKind::UnknownColumns(unknown),
                    c.lang,
                ));
            }
            progress(Progress::Reading {
                bytes: lines.bytes_read(),
            });
        }
    }
    Ok(c.finish())
}

/// Rows looked at, after the first, to find the header under title lines.
const HEADER_SEARCH_ROWS: usize = 10;

/// A record spanning more physical lines than this is flagged (unclosed quote?).
const LONG_RECORD_LINES: u64 = 50;

/// The cells of one JSON line. Keys are matched like CSV headers (cached in `keys`); unknown
/// keys are added once to `unknown`.
fn json_cells(
    text: &str,
    maps: &[header::ColumnMap],
    keys: &mut HashMap<String, Option<Field>>,
    unknown: &mut Vec<String>,
) -> Result<Vec<(Field, Cell)>, IssueKind> {
    use serde_json::Value;
    let value: Value =
        serde_json::from_str(text).map_err(|e| IssueKind::JsonSyntax(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(IssueKind::JsonNotObject);
    };
    let mut cells = Vec::with_capacity(map.len());
    for (k, v) in map {
        let field = *keys.entry(k.clone()).or_insert_with(|| {
            let n = header::normalize(&k);
            let f = maps
                .iter()
                .find(|m| m.column == n)
                .map(|m| m.field)
                .or_else(|| Field::from_header(&k));
            if f.is_none() {
                unknown.push(crate::domain::text::clean_line(&k));
            }
            f
        });
        let Some(field) = field else { continue };
        if field == Field::Ignored {
            continue;
        }
        let cell = match (field, v) {
            (_, Value::Null) => Cell::Text(String::new()),
            (_, Value::String(s)) => Cell::Text(s),
            (_, Value::Bool(b)) => Cell::Text(if b { "oui" } else { "non" }.to_string()),
            (_, Value::Number(n)) => Cell::Text(n.to_string()),
            (Field::References, Value::Array(items)) => {
                let mut refs = Vec::with_capacity(items.len());
                for it in items {
                    match it {
                        Value::String(s) => refs.push(crate::domain::ContractReference {
                            object: s,
                            ..Default::default()
                        }),
                        Value::Object(o) => refs.push(json_reference(&o)?),
                        _ => return Err(IssueKind::JsonType),
                    }
                }
                Cell::Refs(refs)
            }
            (_, Value::Array(items)) => {
                let mut list = Vec::with_capacity(items.len());
                for it in items {
                    match it {
                        Value::String(s) => list.push(s),
                        Value::Number(n) => list.push(n.to_string()),
                        _ => return Err(IssueKind::JsonType),
                    }
                }
                Cell::List(list)
            }
            (Field::Provenance, Value::Object(o)) => Cell::Source(crate::domain::SourceRef {
                file: o
                    .get("file")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                line: o.get("line").and_then(Value::as_u64).unwrap_or(0),
            }),
            (_, Value::Object(_)) => return Err(IssueKind::JsonType),
        };
        cells.push((field, cell));
    }
    Ok(cells)
}

/// A contract reference from a JSON object: `object`/`objet`, `buyer`/`acheteur`,
/// `year`/`annee`, `amount_eur`/`montant_eur`/`montant` (all but the object optional).
fn json_reference(
    o: &serde_json::Map<String, serde_json::Value>,
) -> Result<crate::domain::ContractReference, IssueKind> {
    use serde_json::Value;
    let get = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| o.get(*n))
            .filter(|v| !v.is_null())
    };
    let text = |v: Option<&Value>| -> Result<String, IssueKind> {
        match v {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(IssueKind::JsonType),
        }
    };
    let year = match get(&["year", "annee"]) {
        None => None,
        Some(v) => Some(
            v.as_i64()
                .and_then(|y| i16::try_from(y).ok())
                .ok_or(IssueKind::JsonType)?,
        ),
    };
    let amount_eur = match get(&["amount_eur", "montant_eur", "montant", "amount"]) {
        None => None,
        Some(v) => Some(v.as_f64().ok_or(IssueKind::JsonType)?),
    };
    Ok(crate::domain::ContractReference {
        buyer: text(get(&["buyer", "acheteur"]))?,
        object: text(get(&["object", "objet"]))?,
        year,
        amount_eur,
    })
}

#[cfg(test)]
mod tests;
