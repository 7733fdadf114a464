//! `sourcing completions SHELL`: prints a completion script on stdout.

use crate::cli::Cli;
use clap::CommandFactory;

/// Writes the completion script for `shell` to stdout. The script is built in memory
/// first: `clap_complete` panics when its writer fails, and a closed pipe
/// (`sourcing completions bash | head -1`) must end quietly instead.
pub fn run(shell: clap_complete::Shell, lang: crate::cli::Lang) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "sourcing", &mut script);
    super::out::print_data(&String::from_utf8_lossy(&script), lang)
}
