//! The binary's edge: one module per sub-command, errors as `anyhow`.

pub mod completions;
pub mod export;
pub mod import;
pub mod out;
pub mod rank;
pub mod report;
pub mod search;
pub mod store;
pub mod table;
pub mod tui;

use crate::cli::{Cli, ColorChoice, Command, Lang};
use std::path::PathBuf;

/// What every command needs from the global options.
#[derive(Debug, Clone)]
pub struct Context {
    /// Store directory: `--store`, `$SOURCING_STORE`, else the XDG data dir
    /// (`~/.local/share/sourcing` on Linux).
    pub store_dir: PathBuf,
    /// Interface language: `--lang`, else `LANG`/`LC_ALL` starting with "en" gives English,
    /// else French.
    pub lang: Lang,
    /// Colours on (false: monochrome theme). `--color never` or `NO_COLOR` turn them off.
    pub color: bool,
}

impl Context {
    /// Resolves the global options against the environment.
    pub fn from_cli(cli: &Cli) -> anyhow::Result<Self> {
        let store_dir = match &cli.store {
            Some(d) => d.clone(),
            None => default_store_dir(lang_of(cli))?,
        };
        let lang = lang_of(cli);
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color,
        };
        Ok(Context {
            store_dir,
            lang,
            color,
        })
    }
}

/// Opens the user's store; prints one line on stderr when its folder has grown well past
/// its live data (naming `sourcing store compact`; opening never compacts).
pub fn open_store(ctx: &Context) -> anyhow::Result<crate::store::SledStore> {
    open_store_at(&ctx.store_dir, ctx.lang)
}

/// [`open_store`] on a given directory.
pub fn open_store_at(dir: &std::path::Path, lang: Lang) -> anyhow::Result<crate::store::SledStore> {
    let store = crate::store::SledStore::open_checked(dir)?;
    print_growth(&store, dir, lang);
    Ok(store)
}

/// Prints, on stderr, the one line naming `sourcing store compact` when the store's
/// folder has grown well past its live data.
pub fn print_growth(store: &crate::store::SledStore, dir: &std::path::Path, lang: Lang) {
    if let Some((folder, live)) = store.growth() {
        eprintln!(
            "{}",
            (crate::i18n::texts(lang).store_grown)(
                &dir.display().to_string(),
                &store::size(folder, lang),
                &store::size(live, lang)
            )
        );
    }
}

/// The XDG data directory for the store, e.g. `~/.local/share/sourcing`.
///
/// Errors: no home folder (the message, in `lang`, says to give `--store`).
pub fn default_store_dir(lang: Lang) -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("fr", "sourcing", "sourcing")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| anyhow::anyhow!("{}", crate::i18n::texts(lang).commands.no_home))
}

/// The language the command line asks for (`--lang`, else the environment), also for what
/// is printed once the command has ended (its error).
pub fn lang_of(cli: &Cli) -> Lang {
    cli.lang.unwrap_or_else(lang_from_env)
}

fn lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if v.is_empty() {
                continue;
            }
            return if v.to_lowercase().starts_with("en") {
                Lang::En
            } else {
                Lang::Fr
            };
        }
    }
    Lang::Fr
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    // sled's panics (damaged store) are recorded, never printed as a backtrace.
    crate::store::guard::install_panic_hook();
    let ctx = Context::from_cli(&cli)?;
    match cli.command {
        None => tui::run(&ctx, false),
        Some(Command::Demo) => tui::run(&ctx, true),
        Some(Command::Import(a)) => import::run(&ctx, &a),
        Some(Command::Search(a)) => search::run(&ctx, &a),
        Some(Command::Match(a)) => rank::run(&ctx, &a),
        Some(Command::Export(a)) => export::run(&ctx, &a),
        Some(Command::Report(a)) => report::run(&ctx, &a),
        Some(Command::Store(c)) => store::run(&ctx, &c),
        Some(Command::Completions { shell }) => completions::run(shell, ctx.lang),
    }
}
