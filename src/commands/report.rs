//! `sourcing report` (placeholder until its helper lands).

use super::Context;

/// Runs the command.
pub fn run(ctx: &Context, args: &crate::cli::ReportArgs) -> anyhow::Result<()> {
    let _ = (ctx, args);
    anyhow::bail!("pas encore disponible")
}
