//! English words of the command line, and the English help of its options and sub-commands.

use crate::i18n::cli::CliTexts;

/// English.
pub const CLI: CliTexts = CliTexts {
    about: "sourcing — sourcing and innovative public procurement forums, from the keyboard.",
    help_flag: "Print help",
    version_flag: "Print version",
    usage: "Usage:",
    commands: "Commands",
    options: "Options",
    arguments: "Arguments",
    command_value: "COMMAND",
    error: "error:",
    more: |path| format!("For more information, try: {path} --help"),
    unknown_argument: |a| format!("unexpected argument '{a}'"),
    unknown_command: |c| format!("unknown subcommand '{c}'"),
    invalid_value: |v, a, valid| {
        if valid.is_empty() {
            format!("invalid value '{v}' for '{a}'")
        } else {
            format!("invalid value '{v}' for '{a}' (possible values: {})", valid.join(", "))
        }
    },
    bad_value: |v, a, why| format!("invalid value '{v}' for '{a}': {why}"),
    missing: |args| format!("required arguments missing:\n  {}", args.join("\n  ")),
    conflict: |a, others| {
        format!("'{a}' cannot be used with {}", others.iter().map(|o| format!("'{o}'")).collect::<Vec<_>>().join(", "))
    },
    unexpected_value: |a| format!("unexpected value for '{a}'"),
    needs_value: |a| format!("'{a}' needs a value"),
    needs_command: |cmds| format!("a subcommand is needed: {}", cmds.join(", ")),
    did_you_mean: |s| {
        let q: Vec<String> = s.iter().rev().map(|x| format!("'{x}'")).collect();
        format!("  did you mean {}?", q.join(" or "))
    },
    other: |kind| format!("command line refused ({kind})"),
    help: &[
        ("--store", "Data folder (default: the XDG data folder, ~/.local/share/sourcing)."),
        ("--lang", "Interface language: fr (default) or en. Without the option: LANG."),
        ("--color", "Colours: auto (default, honours NO_COLOR), always, never."),
        ("--socket", "Forum server socket (default: DIR/sourcing.sock); every command connects to it when a `sourcing serve` answers there."),
        ("--buyer_name", "Your name shown in the interface, e.g. \"Marie Dupuis\" (default: the forum's access list's, else your login)."),
        ("demo", "Opens the interface on a temporary folder loaded with the embedded real directory."),
        ("import", "Imports suppliers (CSV `,` `;` tab; UTF-8, BOM or Windows-1252; JSON lines)."),
        ("search", "Searches suppliers (same query language as the interface)."),
        ("match", "Ranks the directory's suppliers for a need (or a file of needs)."),
        ("export", "Exports data."),
        ("report", "Forum figures and sourcing report."),
        ("store", "Data folder: check, back up, restore, compact."),
        ("buyers", "Forum access list: who may read, write, organise."),
        ("day", "Forum days: add, edit, list, remove."),
        ("need", "Needs: add, list, show, change status."),
        ("shortlist", "A need's shortlist: add a supplier."),
        ("meeting", "Meetings: plan, list, cancel, start, end."),
        ("schedule", "The organiser's schedule for a day, from the \"to meet\" requests of every open need: preview, or --apply to book it."),
        ("serve", "Forum server: keeps the data folder and serves every buyer live on a Unix socket."),
        ("completions", "Generates shell completions."),
        ("man", "Writes the man page."),
        ("search --query", "Query: words, -word, theme:, cpv:, dept:, size:, city:, ess, siae."),
        ("search --json", "JSON output: array of objects {id, name, siret, score, themes}."),
        ("search --limit", "Maximum number of results."),
        ("import --file", "File to import (CSV or JSON lines); a file named \"registrations\" is written ./registrations."),
        ("import --dry_run", "Writes nothing: only shows what the import would do."),
        ("import --strict", "Refuses the whole file if one line is rejected."),
        ("import --json", "Report as JSON on standard output."),
        ("import --delimiter", "Forces the separator: ',', ';', 'tab'."),
        ("import --map", "Maps a column to a field: --map \"N° SIRET=siret\" (repeatable)."),
        ("import registrations", "Imports the forum's registration list and registers them for the days; lines not recognised are listed, never guessed."),
        ("completions --shell", "Shell: bash, zsh, fish, powershell, elvish."),
    ],
};
