//! `sourcing import registrations FILE [--dry-run] [--replace] [--json] [--delimiter SEP]`
//! (`-` as FILE reads standard input): the forum's registration list into its days.
//!
//! Prints the report (French by default, English with `--lang en`) on stdout, or with
//! `--json` the [`RegistrationReport`] as one object. Exit code 0 when the import ran (even
//! with unmatched or rejected lines, listed in the report); 1 when it could not run (no
//! forum day, no header, unreadable file, not an organiser).

use super::out::{print_data, print_text};
use super::Context;
use crate::cli::RegistrationArgs;
use crate::domain::buyer::current_login;
use crate::domain::text::clean_line;
use crate::i18n::Render;
use crate::io::registrations::{
    import_registrations, RegistrationError, RegistrationOptions, RegistrationReport,
};

/// Runs the command.
pub fn run(ctx: &Context, args: &RegistrationArgs) -> anyhow::Result<()> {
    let store = super::open_store(ctx)?;
    let opts = RegistrationOptions {
        dry_run: args.dry_run,
        replace: args.replace,
        delimiter: args.delimiter,
        lang: ctx.lang,
    };
    let shown = clean_line(&args.file.display().to_string());
    let actor = current_login();
    let result = if args.file.as_os_str() == "-" {
        import_registrations(&*store, std::io::stdin().lock(), "stdin", &opts, &actor)
    } else {
        match std::fs::File::open(&args.file) {
            Ok(f) => {
                import_registrations(&*store, std::io::BufReader::new(f), &shown, &opts, &actor)
            }
            Err(e) => Err(RegistrationError::Read {
                path: shown.clone(),
                source: e,
            }),
        }
    };
    let report: RegistrationReport = match result {
        Ok(r) => r,
        // The store's errors keep their type (exit status, holder's pid…).
        Err(RegistrationError::Store(e)) => return Err(e.into()),
        Err(e) => anyhow::bail!(e.render(ctx.lang)),
    };
    if args.json {
        print_data(&(serde_json::to_string(&report)? + "\n"), ctx.lang)
    } else {
        print_text(&report.render(ctx.lang), ctx.lang)
    }
}
