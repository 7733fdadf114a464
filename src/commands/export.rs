//! `sourcing export {suppliers,shortlist,meetings,journal} [--format csv|json|jsonl] [--excel]
//! [-o FILE]`.
//!
//! Writes to stdout, or with `-o FILE` to a temporary file in the same directory renamed over
//! FILE at the end (a failed export never leaves half a file). A closed pipe on stdout
//! (`| head`) ends the export quietly.

use super::{out, Context};
use crate::cli::{ExportArgs, ExportFormat as CliFormat, ExportWhat as CliWhat};
use crate::i18n::texts;
use crate::io::export::{export, ExportError, ExportFormat, ExportOptions, ExportWhat};
use anyhow::Context as _;
use std::io::{BufWriter, Write};

/// Runs the command.
pub fn run(ctx: &Context, args: &ExportArgs) -> anyhow::Result<()> {
    if args.what == CliWhat::Agenda {
        return agenda(ctx, args);
    }
    let format = match args.format {
        CliFormat::Csv => ExportFormat::Csv,
        CliFormat::Json => ExportFormat::Json,
        CliFormat::Jsonl => ExportFormat::Jsonl,
        // Refused by `Cli::validate` (agenda formats on another export).
        CliFormat::Ics | CliFormat::Html => ExportFormat::Csv,
    };
    // `--excel` with another format is refused by clap (`Cli::validate`, exit 2).
    let what = match args.what {
        CliWhat::Suppliers => ExportWhat::Suppliers,
        CliWhat::Shortlist => ExportWhat::Shortlist,
        CliWhat::Meetings => ExportWhat::Meetings,
        CliWhat::Journal => ExportWhat::Journal,
        CliWhat::Agenda => ExportWhat::Meetings,
    };
    let opts = ExportOptions {
        format,
        excel: args.excel,
        lang: ctx.lang,
    };
    let store = super::open_store(ctx)?;
    write_out(ctx, args, |w| export(&*store, what, w, &opts))
}

/// `sourcing export agenda`: whose (one buyer, supplier or table, or all) in ics, html
/// or csv. iCalendar UIDs are `<meeting id>@<store id>`, the store id being stable for
/// the store's folder, so a re-export updates the events a calendar already holds.
fn agenda(ctx: &Context, args: &ExportArgs) -> anyhow::Result<()> {
    use crate::io::export::agenda::{export_agenda, AgendaFor, AgendaFormat};
    let store = super::open_store(ctx)?;
    let who = if let Some(b) = &args.buyer {
        AgendaFor::Buyer(b.clone())
    } else if let Some(s) = &args.supplier {
        AgendaFor::Supplier(super::acting::supplier(ctx, &*store, s)?.id)
    } else if let Some(t) = &args.table {
        AgendaFor::Table(t.clone())
    } else {
        AgendaFor::All
    };
    let format = match args.format {
        CliFormat::Ics => AgendaFormat::Ics,
        CliFormat::Html => AgendaFormat::Html,
        _ => AgendaFormat::Csv,
    };
    let store_id = crate::app::drafts::store_id(&ctx.store_dir);
    write_out(ctx, args, |w| {
        export_agenda(&*store, w, &who, format, &store_id, ctx.lang, args.excel)
    })
}

/// Runs `write` on standard output (terminal-safe), or on a temporary file renamed over
/// `--output` once complete (a failed export never leaves half a file).
fn write_out(
    ctx: &Context,
    args: &ExportArgs,
    write: impl Fn(&mut dyn Write) -> Result<usize, ExportError>,
) -> anyhow::Result<()> {
    match &args.output {
        None => {
            // Stored text is sanitized at import; the stream is filtered once more on its
            // way to what may be a terminal (see `out::TerminalSafe`).
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(out::TerminalSafe::new(stdout.lock()));
            match write(&mut w).and_then(|n| {
                w.flush()?;
                Ok(n)
            }) {
                Ok(_) => Ok(()),
                Err(ExportError::Io(e)) => Err(out::stdout_error(e, ctx.lang)),
                Err(e) => Err(e.into()),
            }
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => std::path::PathBuf::from("."),
            };
            let c = &texts(ctx.lang).commands;
            let tmp = tempfile::NamedTempFile::new_in(&dir)
                .with_context(|| (c.export_cannot_write_in)(&dir.display().to_string()))?;
            let mut out = BufWriter::new(tmp);
            let n = write(&mut out)?;
            let tmp = out.into_inner().map_err(|e| {
                anyhow::anyhow!(
                    "{}",
                    (c.export_write_failed)(&path.display().to_string(), &e.error().to_string())
                )
            })?;
            tmp.as_file().sync_all()?;
            tmp.persist(path)
                .with_context(|| (c.export_cannot_create)(&path.display().to_string()))?;
            out::eprint_line(&(c.exported)(n, &path.display().to_string()));
            Ok(())
        }
    }
}
