//! The binary's edge: one module per sub-command, errors as `anyhow`.

pub mod acting;
pub mod buyers;
pub mod completions;
pub mod day;
pub mod export;
pub mod help;
pub mod import;
pub mod meeting;
pub mod need;
pub mod out;
pub mod rank;
pub mod registrations;
pub mod report;
pub mod schedule;
pub mod search;
pub mod serve;
pub mod shortlist;
pub mod store;
pub mod table;
pub mod tui;

use crate::cli::{Cli, ColorChoice, Command, Lang};
use crate::client::{ConnectError, Connection, RemoteStore};
use crate::domain::Supplier;
use crate::i18n::Render;
use crate::store::{AccessControlled, GuardedStore, SledStore, Store};
use std::path::PathBuf;
use std::sync::Arc;

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
    /// The forum server's socket: `--socket`, `$SOURCING_SOCKET`, else
    /// `<store_dir>/sourcing.sock`.
    pub socket: PathBuf,
    /// The buyer's display name given by `--buyer-name` or `$SOURCING_BUYER_NAME`
    /// (cleaned, None when empty); the access list's name comes first when there is one.
    pub buyer_name: Option<String>,
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
        let socket = cli
            .socket
            .clone()
            .unwrap_or_else(|| store_dir.join("sourcing.sock"));
        let buyer_name = cli
            .buyer_name
            .as_deref()
            .map(crate::domain::text::clean_line)
            .filter(|n| !n.is_empty());
        Ok(Context {
            store_dir,
            lang,
            color,
            socket,
            buyer_name,
        })
    }
}

/// Opens the user's store for a command, behind the [`Store`] trait (the one opener every
/// command uses, so a shared-mode client can take its place); prints one line on stderr
/// when its folder has grown well past its live data (naming `sourcing store compact`;
/// opening never compacts).
///
/// Errors: the store's ([`crate::store::StoreError`]: locked, too new, damaged, I/O).
pub fn open_store(ctx: &Context) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(conn) = connect(ctx)? {
        return Ok(Arc::new(RemoteStore::new(conn)));
    }
    Ok(as_local_user(Arc::new(open_sled_store(ctx)?)))
}

/// [`open_store`] without the growth line (`sourcing match`, whose stderr is only its own).
pub fn open_store_quiet(ctx: &Context) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(conn) = connect(ctx)? {
        return Ok(Arc::new(RemoteStore::new(conn)));
    }
    Ok(as_local_user(Arc::new(SledStore::open_checked(
        &ctx.store_dir,
    )?)))
}

/// `store` as this process's user sees it in process: the access list's roles apply when
/// the list is not empty (everyone is an organiser while it is).
pub fn as_local_user(store: Arc<dyn Store>) -> Arc<dyn Store> {
    Arc::new(AccessControlled::new(
        store,
        &crate::domain::buyer::current_login(),
        None,
    ))
}

/// The forum server on the context's socket, when one answers: None when there is no
/// socket or nothing answers on it (work in process). Errors: the socket path is too long
/// (when given), or the server refused this account (its reason, in the user's language).
pub fn connect(ctx: &Context) -> anyhow::Result<Option<Connection>> {
    if crate::serve::socket::check_path(&ctx.socket).is_err() || !ctx.socket.exists() {
        return Ok(None);
    }
    match Connection::connect(&ctx.socket) {
        Ok(c) => Ok(Some(c)),
        Err(ConnectError::Unreachable(_)) => Ok(None),
        Err(ConnectError::Refused(r)) => anyhow::bail!("{}", r.render(ctx.lang)),
        Err(ConnectError::Protocol(m)) => anyhow::bail!(
            "{}",
            (crate::i18n::texts(ctx.lang).serve.unreachable)(&ctx.socket.display().to_string(), &m)
        ),
    }
}

/// The typed opener, for what needs the sled store itself (`sourcing store`: backups,
/// checks, compaction). Same as [`open_store`] otherwise.
pub fn open_sled_store(ctx: &Context) -> anyhow::Result<SledStore> {
    open_store_at(&ctx.store_dir, ctx.lang)
}

/// The interface's store: opened with its full first read in the background (`on_damage`
/// is called from another thread if it fails), wrapped so that a disk error reopens it;
/// prints the growth line. Errors: the store's.
pub fn open_tui_store(
    ctx: &Context,
    on_damage: impl FnOnce(crate::store::StoreError) + Send + 'static,
) -> anyhow::Result<Arc<GuardedStore>> {
    let store = SledStore::open_checked_in_background(&ctx.store_dir, on_damage)?;
    print_growth(&store, &ctx.store_dir, ctx.lang);
    Ok(Arc::new(GuardedStore::new(store)))
}

/// The demo's store: a fresh temporary one, removed when dropped. Errors: the store's.
pub fn open_demo_store() -> anyhow::Result<Arc<SledStore>> {
    Ok(Arc::new(SledStore::open_temporary()?))
}

/// Every supplier of `store`, read one at a time (for the commands that index the whole
/// directory). Errors: the store's.
pub fn read_directory(store: &dyn Store) -> anyhow::Result<Vec<Supplier>> {
    let mut all = Vec::with_capacity(store.supplier_count()?);
    store.for_each_supplier(&mut |s| {
        all.push(s);
        std::ops::ControlFlow::Continue(())
    })?;
    Ok(all)
}

/// [`open_store`] on a given directory.
pub fn open_store_at(dir: &std::path::Path, lang: Lang) -> anyhow::Result<SledStore> {
    let store = SledStore::open_checked(dir)?;
    print_growth(&store, dir, lang);
    Ok(store)
}

/// Prints, on stderr, the one line naming `sourcing store compact` when the store's
/// folder has grown well past its live data.
pub fn print_growth(store: &SledStore, dir: &std::path::Path, lang: Lang) {
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

/// The language of the environment: `LC_ALL`, `LC_MESSAGES`, `LANG` (the first set)
/// starting with "en" gives English, anything else French.
pub fn lang_from_env() -> Lang {
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
        Some(Command::Buyers(c)) => buyers::run(&ctx, &c),
        Some(Command::Day(c)) => day::run(&ctx, &c),
        Some(Command::Need(c)) => need::run(&ctx, &c),
        Some(Command::Shortlist(c)) => shortlist::run(&ctx, &c),
        Some(Command::Meeting(c)) => meeting::run(&ctx, &c),
        Some(Command::Schedule(a)) => schedule::run(&ctx, &a),
        Some(Command::Serve) => serve::run(&ctx),
        Some(Command::Completions { shell }) => completions::run(shell, ctx.lang),
    }
}
