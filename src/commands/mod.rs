//! The binary's edge: one module per sub-command, errors as `anyhow`.

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let _ = &cli;
    match cli.command {
        None | Some(Command::Demo) => todo!("tui helper"),
        Some(Command::Import(_)) => todo!("io helper"),
        Some(Command::Search(_)) => todo!("search helper"),
        Some(Command::Export(_)) => todo!("io helper"),
        Some(Command::Report(_)) => todo!("store helper"),
        Some(Command::Completions { .. }) => todo!(),
    }
}
