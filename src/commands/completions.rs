//! `sourcing completions SHELL`: prints a completion script on stdout.

use crate::cli::Cli;
use clap::CommandFactory;

/// Writes the completion script for `shell` to stdout.
pub fn run(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "sourcing", &mut std::io::stdout());
    Ok(())
}
