//! Words of the command line itself: `--help` headings, the help and version flags, usage
//! errors, and the English help of the options and sub-commands (their French help is the
//! doc comments of `src/cli.rs`).

use super::Lang;

/// The command line's own words in one language.
#[derive(Debug)]
pub struct CliTexts {
    /// What `sourcing` is, first line of `--help`.
    pub about: &'static str,
    /// Help of `-h/--help`.
    pub help_flag: &'static str,
    /// Help of `-V/--version`.
    pub version_flag: &'static str,
    /// "Usage:" heading, with its colon.
    pub usage: &'static str,
    /// Heading of the sub-commands list.
    pub commands: &'static str,
    /// Heading of the options list.
    pub options: &'static str,
    /// Heading of the positional arguments.
    pub arguments: &'static str,
    /// Placeholder of a sub-command in the usage line.
    pub command_value: &'static str,
    /// Prefix of a usage error, with its colon.
    pub error: &'static str,
    /// Last line of a usage error: where to read more (the command path, e.g. "sourcing import").
    pub more: fn(&str) -> String,
    /// An option or argument this command does not know (the argument).
    pub unknown_argument: fn(&str) -> String,
    /// A sub-command that does not exist (the name).
    pub unknown_command: fn(&str) -> String,
    /// A value refused (value, argument), with the valid values when known.
    pub invalid_value: fn(&str, &str, &[String]) -> String,
    /// A value refused by its parser: (value, argument, the parser's reason).
    pub bad_value: fn(&str, &str, &str) -> String,
    /// Required arguments missing (their usage, one per line).
    pub missing: fn(&[String]) -> String,
    /// Two arguments that cannot go together (argument, the other ones).
    pub conflict: fn(&str, &[String]) -> String,
    /// An argument given a value although it takes none, or given too many.
    pub unexpected_value: fn(&str) -> String,
    /// An option needs a value (the option).
    pub needs_value: fn(&str) -> String,
    /// A sub-command is needed (the available ones).
    pub needs_command: fn(&[String]) -> String,
    /// "did you mean" (the suggestions, best last).
    pub did_you_mean: fn(&[String]) -> String,
    /// Any other usage error: clap's kind (its English words, kept as a last resort).
    pub other: fn(&str) -> String,
    /// English help by sub-command path ("import", "import registrations") or argument,
    /// its command path then `--` and its id ("--lang", "import --dry_run"); empty in French
    /// (the doc comments are the French help).
    pub help: &'static [(&'static str, &'static str)],
}

/// The command line's words in `lang`.
pub fn cli_texts(lang: Lang) -> &'static CliTexts {
    match lang {
        Lang::Fr => &super::fr::cli::CLI,
        Lang::En => &super::en::cli::CLI,
    }
}
