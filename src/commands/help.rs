//! The command line in the reader's language, chosen before parsing (`--lang`, else
//! `LC_ALL`/`LC_MESSAGES`/`LANG`): `--help` (headings, the help and version flags, the
//! English help of options and sub-commands from [`crate::i18n::cli`]) and usage errors,
//! rendered here from clap's error kind and context (exit status 2 as clap's).

use crate::cli::{Cli, Lang};
use crate::i18n::cli::{cli_texts, CliTexts};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use std::ffi::OsString;

/// The language asked for by `args` (`--lang en`, `--lang=en`, before a `--`), else the
/// environment's.
pub fn lang_before_parsing(args: &[OsString]) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref() {
            Some("en") => return Lang::En,
            Some("fr") => return Lang::Fr,
            _ => {}
        }
    }
    super::lang_from_env()
}

/// The clap command of [`Cli`] with every help text, heading and flag in `lang`.
pub fn command(lang: Lang) -> Command {
    let t = cli_texts(lang);
    let cmd = Cli::command()
        .about(t.about)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t.version_flag),
        );
    localize(cmd, "", t)
}

/// `cmd` (at `path`, "" for the root) and its sub-commands with their help in `t`'s
/// language and their own `-h/--help`.
fn localize(cmd: Command, path: &str, t: &'static CliTexts) -> Command {
    let english = |key: &str| t.help.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let arg_prefix = if path.is_empty() {
        "--".to_string()
    } else {
        format!("{path} --")
    };
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t.usage
    );
    let mut cmd = cmd
        .disable_help_flag(true)
        .help_template(template)
        .subcommand_help_heading(t.commands)
        .subcommand_value_name(t.command_value)
        // The possible values' own help is the enums' doc comments, in one language: the
        // option's help names the values instead.
        .mut_args(|a| {
            let takes = a.get_action().takes_values();
            let a = if takes {
                a.hide_possible_values(true)
            } else {
                a
            };
            match english(&format!("{arg_prefix}{}", a.get_id())) {
                Some(help) => a.help(help).long_help(None::<&str>),
                None => a,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t.help_flag),
        );
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| {
            let s = match english(&sub_path) {
                Some(about) => s.about(about).long_about(None::<&str>),
                None => s,
            };
            localize(s, &sub_path, t)
        });
    }
    cmd
}

fn context(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// A usage error in `lang`: what is wrong, a suggestion when clap has one, the usage line
/// and where to read more. Help and version requests are not errors (clap prints them).
pub fn usage_error_text(e: &clap::Error, lang: Lang) -> String {
    let t = cli_texts(lang);
    let one = |k| context(e, k).into_iter().next().unwrap_or_default();
    let arg = one(ContextKind::InvalidArg);
    let value = one(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => (t.unknown_argument)(&arg),
        ErrorKind::InvalidSubcommand => (t.unknown_command)(&one(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue if value.is_empty() => (t.needs_value)(&arg),
        ErrorKind::InvalidValue => {
            (t.invalid_value)(&value, &arg, &context(e, ContextKind::ValidValue))
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            (t.bad_value)(&value, &arg, &why)
        }
        ErrorKind::MissingRequiredArgument => (t.missing)(&context(e, ContextKind::InvalidArg)),
        ErrorKind::ArgumentConflict if !arg.is_empty() => {
            (t.conflict)(&arg, &context(e, ContextKind::PriorArg))
        }
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::ArgumentConflict
            if !arg.is_empty() =>
        {
            (t.unexpected_value)(&arg)
        }
        ErrorKind::MissingSubcommand => {
            (t.needs_command)(&context(e, ContextKind::ValidSubcommand))
        }
        _ => {
            // A message of ours (Cli::validate), or a kind without context: clap's first
            // paragraph without its "error:" prefix.
            let text = e.to_string();
            let first = text.split("\n\n").next().unwrap_or("").trim();
            let first = first.strip_prefix("error:").unwrap_or(first).trim();
            if first.is_empty() {
                (t.other)(&e.kind().to_string())
            } else {
                first.to_string()
            }
        }
    };
    let mut out = format!("{} {what}", t.error);
    let suggested: Vec<String> = context(e, ContextKind::SuggestedArg)
        .into_iter()
        .chain(context(e, ContextKind::SuggestedSubcommand))
        .chain(context(e, ContextKind::SuggestedValue))
        .collect();
    if !suggested.is_empty() {
        out.push('\n');
        out.push_str(&(t.did_you_mean)(&suggested));
    }
    let usage = one(ContextKind::Usage);
    let usage = usage.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    let usage = usage.strip_prefix(t.usage).unwrap_or(usage).trim();
    if !usage.is_empty() {
        let path: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| {
                w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !w.starts_with('-')
            })
            .collect();
        out.push_str(&format!(
            "\n\n{} {usage}\n\n{}",
            t.usage,
            (t.more)(&path.join(" "))
        ));
    }
    out
}
