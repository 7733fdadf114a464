//! `sourcing` binary: parse the command line, run, map errors to exit codes
//! (0 ok, 1 error, 2 usage — clap exits with 2 itself).
//!
//! Every message shown here may quote what was given (a file name, a `--map` value, a cell),
//! so it is sanitized before it reaches the terminal; a closed standard output
//! ([`StdoutClosed`]) ends quietly with status 0.

use clap::Parser;
use sourcing::cli::Cli;
use sourcing::commands::out::{self, StdoutClosed};

fn main() {
    let cli = match Cli::try_parse().and_then(|cli| cli.validate().map(|()| cli)) {
        Ok(cli) => cli,
        Err(e) => usage_error(e),
    };
    let lang = sourcing::commands::lang_of(&cli);
    if let Err(e) = sourcing::commands::run(cli) {
        if e.downcast_ref::<StdoutClosed>().is_some() {
            std::process::exit(0);
        }
        // Library errors in the reader's language (their Display is French).
        let text = sourcing::i18n::errors::chain_text(&e, lang);
        out::eprint_line(&format!("sourcing : {text}"));
        std::process::exit(1);
    }
}

/// Clap's own message and exit status. Clap quotes the arguments it refuses; when one of
/// them holds a character unfit for a terminal, the message is printed plain and sanitized
/// (else clap prints it, with its colours).
fn usage_error(e: clap::Error) -> ! {
    let tainted =
        std::env::args_os().any(|a| a.to_string_lossy().chars().any(out::terminal_unsafe));
    if !tainted {
        e.exit();
    }
    let text = e.to_string();
    if e.use_stderr() {
        out::eprint_line(text.trim_end());
    } else {
        let _ = out::print_text(&text, sourcing::i18n::Lang::Fr);
    }
    std::process::exit(e.exit_code());
}
