//! `sourcing store check | backup | restore [BACKUP] | compact` (see `docs/store.md`).
//!
//! Reports go to stdout in the interface language; a problem found by `check`, a refused
//! restore or a failed step returns an error (exit code 1) whose message says what to do.

use super::Context;
use crate::cli::StoreCommand;
use crate::i18n::commands::BackupCounts;
use crate::i18n::{texts, Lang, Texts};
use crate::store::backup::{self, BackupInfo};
use crate::store::compact;

/// Bytes with one decimal, 1 MB = 1,000,000 bytes: "12,3 Mo" (French), "12.3 MB"
/// (English); under 1 MB in kB.
pub fn size(bytes: u64, lang: Lang) -> String {
    (texts(lang).commands.size)(bytes)
}

fn describe(b: &BackupInfo, t: &Texts) -> String {
    let get = |k: &str| b.counts.get(k).copied().unwrap_or(0);
    let counts = BackupCounts {
        suppliers: get("suppliers"),
        meetings: get("meetings"),
        outcomes: get("outcomes"),
        journal: get("journal"),
    };
    (t.commands.backup)(&b.name, &counts, &(t.commands.size)(b.manifest.live_bytes))
}

/// Runs the sub-command.
pub fn run(ctx: &Context, cmd: &StoreCommand) -> anyhow::Result<()> {
    let t = texts(ctx.lang);
    let c = &t.commands;
    let dir = &ctx.store_dir;
    if let Some(conn) = super::connect(ctx)? {
        return served(ctx, t, cmd, &conn);
    }
    match cmd {
        StoreCommand::Check => check(ctx, t),
        StoreCommand::Backup => {
            let store = super::open_sled_store(ctx)?;
            let started = std::time::Instant::now();
            let b = store.backup()?;
            let secs = started.elapsed().as_secs_f64();
            store.close()?;
            println!(
                "{}",
                (c.backup_written)(&describe(&b, t), &(c.seconds)(secs))
            );
            println!("{}", (c.backup_in)(&b.path.display().to_string()));
            Ok(())
        }
        StoreCommand::Restore { backup: which } => {
            let started = std::time::Instant::now();
            let r = compact::restore(dir, which.as_deref())?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{}",
                (c.restored)(
                    &dir.display().to_string(),
                    &describe(&r.backup, t),
                    &(c.seconds)(secs)
                )
            );
            if let Some(old) = &r.kept_old {
                println!("{}", (c.restore_kept)(&old.display().to_string()));
            }
            Ok(())
        }
        StoreCommand::Compact => {
            let store = super::open_sled_store(ctx)?;
            let started = std::time::Instant::now();
            let r = store.compact()?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{}",
                (c.compacted)(
                    &(c.seconds)(secs),
                    &(c.size)(r.before_bytes),
                    &(c.size)(r.after_bytes),
                    &(c.size)(r.live_bytes),
                    &r.backup.name
                )
            );
            Ok(())
        }
    }
}

/// The sub-command while a forum server holds the store: `check` and `backup` run in the
/// server (organisers only); `restore` and `compact` need the store to themselves and
/// are refused, naming the server.
fn served(
    ctx: &Context,
    t: &Texts,
    cmd: &StoreCommand,
    conn: &crate::client::Connection,
) -> anyhow::Result<()> {
    use crate::protocol::{RemoteError, Reply, Request};
    let dir = ctx.store_dir.display().to_string();
    let remote = |e: RemoteError| -> anyhow::Error {
        match e {
            RemoteError::Store(e) => e.into(),
            other => anyhow::anyhow!("{other}"),
        }
    };
    match cmd {
        StoreCommand::Check => match conn.call(Request::Check).map_err(remote)? {
            Reply::Checked { counts, problems } => {
                println!("{dir}");
                for (tree, n) in &counts {
                    println!("  {tree:<11} {n:>9}");
                }
                if problems.is_empty() {
                    println!("{}", t.commands.check_all_read);
                    return Ok(());
                }
                for p in &problems {
                    println!("✖ {p}");
                }
                anyhow::bail!("{}", (t.commands.check_problems)(problems.len(), &dir))
            }
            other => anyhow::bail!("{other:?}"),
        },
        StoreCommand::Backup => match conn.call(Request::Backup).map_err(remote)? {
            Reply::BackedUp(path) => {
                println!("{}", (t.commands.backup_in)(&path.display().to_string()));
                Ok(())
            }
            other => anyhow::bail!("{other:?}"),
        },
        StoreCommand::Restore { .. } | StoreCommand::Compact => {
            let name = match cmd {
                StoreCommand::Compact => "sourcing store compact",
                _ => "sourcing store restore",
            };
            anyhow::bail!(
                "{}",
                (t.serve.served_elsewhere)(name, &dir, conn.server_pid())
            )
        }
    }
}

fn check(ctx: &Context, t: &Texts) -> anyhow::Result<()> {
    let c = &t.commands;
    let dir = &ctx.store_dir;
    let store = super::open_sled_store(ctx)?;
    let report = store.check()?;
    let (folder, _) = store.sizes();
    drop(store);
    let mut problems = report.problems.clone();
    println!("{}", dir.display());
    for (tree, n) in &report.counts {
        println!("  {tree:<11} {n:>9}");
    }
    println!("{}", (c.check_folder)(&(c.size)(folder)));
    match backup::latest(dir) {
        None => problems.push(c.check_no_backup.to_string()),
        Some(b) => match backup::verify(&b) {
            Ok(()) => println!("{}", (c.check_backup_ok)(&describe(&b, t))),
            Err(e) => problems.push(e.to_string()),
        },
    }
    if problems.is_empty() {
        println!("{}", c.check_all_read);
        return Ok(());
    }
    for p in &problems {
        println!("✖ {p}");
    }
    anyhow::bail!(
        "{}",
        (c.check_problems)(problems.len(), &dir.display().to_string())
    )
}
