//! `sourcing` binary: parse the command line, run, map errors to exit codes
//! (0 ok, 1 error, 2 usage — clap exits with 2 itself).
//!
//! Every message shown here may quote what was given (a file name, a `--map` value, a cell),
//! so it is sanitized before it reaches the terminal; a closed standard output
//! ([`StdoutClosed`]) ends quietly with status 0.

use clap::FromArgMatches;
use sourcing::cli::Cli;
use sourcing::commands::help;
use sourcing::commands::out::{self, StdoutClosed};

fn main() {
    // The language is known before parsing, so that --help and usage errors speak it.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = help::lang_before_parsing(&args);
    let parsed = help::command(asked)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .and_then(|cli| cli.validate().map(|()| cli));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => usage_error(e, asked),
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

/// A usage error in `lang` on stderr (sanitized: it quotes what was given), exit status 2;
/// help and version are clap's, printed plain and sanitized when an argument holds a
/// character unfit for a terminal (else clap prints them, with its colours).
fn usage_error(e: clap::Error, lang: sourcing::i18n::Lang) -> ! {
    if e.use_stderr() {
        out::eprint_line(help::usage_error_text(&e, lang).trim_end());
        std::process::exit(e.exit_code());
    }
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
