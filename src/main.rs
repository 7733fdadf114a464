//! `sourcing` binary: parse the command line, run, map errors to exit codes
//! (0 ok, 1 error, 2 usage — clap exits with 2 itself).

use clap::Parser;
use sourcing::cli::Cli;

fn main() {
    let cli = Cli::parse();
    if let Err(e) = sourcing::commands::run(cli) {
        eprintln!("sourcing : {e:#}");
        std::process::exit(1);
    }
}
