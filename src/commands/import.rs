//! `sourcing import FILE [--dry-run] [--strict] [--json] [--delimiter SEP] [--map COL=champ]…`
//! (`-` as FILE reads standard input).
//!
//! Prints the report (French by default, English with `--lang en`) on stdout, or with
//! `--json` one object `{"created","updated","unchanged","skipped","rejected","warnings"}`.
//! A progress bar is drawn on stderr only when stderr is a terminal. Exit code 0 when the
//! import ran (even with rejected lines, listed in the report); 1 when it was refused
//! (`--strict` with rejections: the report is still printed) or could not run.

use super::{out, Context};
use crate::cli::ImportArgs;
use crate::domain::buyer::current_login;
use crate::i18n::{texts, Lang};
use crate::io::import::{
    import_path_with_progress, import_reader_with_progress, ImportError, ImportOptions,
    ImportReport, Progress,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Runs the command.
pub fn run(ctx: &Context, args: &ImportArgs) -> anyhow::Result<()> {
    if let Some(crate::cli::ImportWhat::Registrations(r)) = &args.what {
        return super::registrations::run(ctx, r);
    }
    let Some(file) = &args.file else {
        anyhow::bail!("sourcing import FICHIER");
    };
    let delimiter = args.delimiter;
    let map = args.map.clone();
    let lang = ctx.lang;
    let opts = ImportOptions {
        dry_run: args.dry_run,
        strict: args.strict,
        delimiter,
        map,
        lang,
        themes: None,
    };
    let store = super::open_store(ctx)?;
    let bar = progress_bar(file, lang);
    let mut on_progress = |p: Progress| match p {
        Progress::Reading { bytes } => bar.set_position(bytes),
        Progress::Writing { suppliers } => {
            bar.set_message((texts(lang).commands.import_writing)(suppliers));
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    };
    let result = if file.as_os_str() == "-" {
        let stdin = std::io::stdin();
        import_reader_with_progress(
            &*store,
            stdin.lock(),
            "stdin",
            &opts,
            &current_login(),
            &mut on_progress,
        )
    } else {
        import_path_with_progress(&*store, file, &opts, &current_login(), &mut on_progress)
    };
    bar.finish_and_clear();
    if result.is_ok() && !args.dry_run {
        // The interface's next start reads these instead of indexing every supplier. A
        // cache: failing to write it only costs that start its speed.
        let _ = crate::app::snapshots::write_from_store(
            &*store,
            &ctx.store_dir,
            crate::io::embedded::theme_catalog(),
            crate::io::embedded::cpv_catalog(),
        );
    }
    match result {
        Ok(report) => {
            print_report(&report, args.json, lang)?;
            Ok(())
        }
        Err(ImportError::Refused(report)) => {
            // Refused stays refused (status 1) even when nobody reads the report.
            if let Err(e) = print_report(&report, args.json, lang) {
                if e.downcast_ref::<out::StdoutClosed>().is_none() {
                    return Err(e);
                }
            }
            Err(ImportError::Refused(report).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// The report on stdout (reasons are sanitized when built, the text once more on output).
fn print_report(report: &ImportReport, json: bool, lang: Lang) -> anyhow::Result<()> {
    if json {
        out::print_data(&(serde_json::to_string(report)? + "\n"), lang)
    } else {
        out::print_text(&report.render(lang), lang)
    }
}

/// A byte-based bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(path: &std::path::Path, lang: Lang) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let template = texts(lang).commands.import_bar;
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
