//! `sourcing tui` (placeholder until its helper lands).

use super::Context;

/// Runs the command.
pub fn run(ctx: &Context, demo: bool) -> anyhow::Result<()> {
    let _ = (ctx, demo);
    anyhow::bail!("pas encore disponible")
}
