//! `sourcing report [--json]`: the forum's figures from the store at `--store`.

use super::{out, Context};
use crate::report;
use anyhow::Context as _;

/// Opens the store, computes the figures and prints them as text (in the interface
/// language) or, with `--json`, as one JSON object (see [`report::Report`]).
pub fn run(ctx: &Context, args: &crate::cli::ReportArgs) -> anyhow::Result<()> {
    let store = super::open_store(ctx)?;
    let c = &crate::i18n::texts(ctx.lang).commands;
    let figures = report::compute(&*store).context(c.report_compute)?;
    if args.json {
        let json = serde_json::to_string_pretty(&figures).context(c.report_json)?;
        out::print_data(&(json + "\n"), ctx.lang)
    } else {
        out::print_text(&report::render_text(&figures, ctx.lang), ctx.lang)
    }
}
