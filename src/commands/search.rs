//! `sourcing search` (placeholder until its helper lands).

use super::Context;

/// Runs the command.
pub fn run(ctx: &Context, args: &crate::cli::SearchArgs) -> anyhow::Result<()> {
    let _ = (ctx, args);
    anyhow::bail!("pas encore disponible")
}
