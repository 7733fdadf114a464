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
    let format = match args.format {
        CliFormat::Csv => ExportFormat::Csv,
        CliFormat::Json => ExportFormat::Json,
        CliFormat::Jsonl => ExportFormat::Jsonl,
    };
    // `--excel` with another format is refused by clap (`Cli::validate`, exit 2).
    let what = match args.what {
        CliWhat::Suppliers => ExportWhat::Suppliers,
        CliWhat::Shortlist => ExportWhat::Shortlist,
        CliWhat::Meetings => ExportWhat::Meetings,
        CliWhat::Journal => ExportWhat::Journal,
    };
    let opts = ExportOptions {
        format,
        excel: args.excel,
        lang: ctx.lang,
    };
    let store = super::open_store(ctx)?;
    match &args.output {
        None => {
            // Stored text is sanitized at import; the stream is filtered once more on its
            // way to what may be a terminal (see `out::TerminalSafe`).
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(out::TerminalSafe::new(stdout.lock()));
            match export(&*store, what, &mut w, &opts).and_then(|n| {
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
            let n = export(&*store, what, &mut out, &opts)?;
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
