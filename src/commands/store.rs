//! `sourcing store check | backup | restore [BACKUP] | compact` (see `docs/store.md`).
//!
//! Reports go to stdout in the interface language; a problem found by `check`, a refused
//! restore or a failed step returns an error (exit code 1) whose message says what to do.

use super::Context;
use crate::cli::{Lang, StoreCommand};
use crate::store::backup::{self, BackupInfo};
use crate::store::compact;

/// Bytes with one decimal, 1 MB = 1,000,000 bytes: "12,3 Mo" (French), "12.3 MB"
/// (English `en`); under 1 MB in kB.
pub fn size(bytes: u64, en: bool) -> String {
    let (v, unit) = if bytes >= 1_000_000 {
        (bytes as f64 / 1e6, if en { "MB" } else { "Mo" })
    } else {
        (bytes as f64 / 1e3, if en { "kB" } else { "ko" })
    };
    let n = format!("{v:.1}");
    if en {
        format!("{n} {unit}")
    } else {
        format!("{} {unit}", n.replace('.', ","))
    }
}

/// Seconds with one decimal, decimal comma in French.
fn seconds(s: f64, en: bool) -> String {
    let t = format!("{s:.1}");
    if en {
        t
    } else {
        t.replace('.', ",")
    }
}

fn describe(b: &BackupInfo, en: bool) -> String {
    let get = |k: &str| b.counts.get(k).copied().unwrap_or(0);
    if en {
        format!(
            "{} ({} suppliers, {} meetings, {} outcomes, {} journal events, {})",
            b.name,
            get("suppliers"),
            get("meetings"),
            get("outcomes"),
            get("journal"),
            size(b.manifest.live_bytes, en)
        )
    } else {
        format!(
            "{} ({} fournisseurs, {} rendez-vous, {} comptes rendus, {} événements du journal, {})",
            b.name,
            get("suppliers"),
            get("meetings"),
            get("outcomes"),
            get("journal"),
            size(b.manifest.live_bytes, en)
        )
    }
}

/// Runs the sub-command.
pub fn run(ctx: &Context, cmd: &StoreCommand) -> anyhow::Result<()> {
    let en = ctx.lang == Lang::En;
    let dir = &ctx.store_dir;
    match cmd {
        StoreCommand::Check => check(ctx, en),
        StoreCommand::Backup => {
            let store = super::open_sled_store(ctx)?;
            let started = std::time::Instant::now();
            let b = store.backup()?;
            let secs = started.elapsed().as_secs_f64();
            store.close()?;
            if en {
                println!(
                    "✔ backup {} written in {} s",
                    describe(&b, en),
                    seconds(secs, en)
                );
                println!("  in {}", b.path.display());
            } else {
                println!(
                    "✔ sauvegarde {} écrite en {} s",
                    describe(&b, en),
                    seconds(secs, en)
                );
                println!("  dans {}", b.path.display());
            }
            Ok(())
        }
        StoreCommand::Restore { backup: which } => {
            let started = std::time::Instant::now();
            let r = compact::restore(dir, which.as_deref())?;
            let secs = started.elapsed().as_secs_f64();
            if en {
                println!(
                    "✔ data folder {} restored from backup {} in {} s",
                    dir.display(),
                    describe(&r.backup, en),
                    seconds(secs, en)
                );
                if let Some(old) = &r.kept_old {
                    println!(
                        "  the replaced state is kept in {}: delete it once you are satisfied, or put it back with `mv`",
                        old.display()
                    );
                }
            } else {
                println!(
                    "✔ dossier de données {} restauré depuis la sauvegarde {} en {} s",
                    dir.display(),
                    describe(&r.backup, en),
                    seconds(secs, en)
                );
                if let Some(old) = &r.kept_old {
                    println!(
                        "  l'état remplacé est gardé dans {} : supprimez-le quand tout va bien, ou remettez-le avec `mv`",
                        old.display()
                    );
                }
            }
            Ok(())
        }
        StoreCommand::Compact => {
            let store = super::open_sled_store(ctx)?;
            let started = std::time::Instant::now();
            let r = store.compact()?;
            let secs = started.elapsed().as_secs_f64();
            let (b, a, l) = (
                size(r.before_bytes, en),
                size(r.after_bytes, en),
                size(r.live_bytes, en),
            );
            if en {
                println!("✔ data folder compacted in {} s: {b} → {a} (live data {l}); backup {} taken first", seconds(secs, en), r.backup.name);
            } else {
                println!("✔ dossier de données compacté en {} s : {b} → {a} (données vivantes {l}) ; sauvegarde {} prise avant", seconds(secs, en), r.backup.name);
            }
            Ok(())
        }
    }
}

fn check(ctx: &Context, en: bool) -> anyhow::Result<()> {
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
    if en {
        println!("  folder {}", size(folder, en));
    } else {
        println!("  dossier {}", size(folder, en));
    }
    match backup::latest(dir) {
        None => {
            problems.push(if en {
                "no backup yet: run `sourcing store backup`".to_string()
            } else {
                "aucune sauvegarde : lancez `sourcing store backup`".to_string()
            });
        }
        Some(b) => match backup::verify(&b) {
            Ok(()) => {
                if en {
                    println!("✔ newest backup {}: SHA-256 checked", describe(&b, en));
                } else {
                    println!(
                        "✔ dernière sauvegarde {} : empreintes SHA-256 vérifiées",
                        describe(&b, en)
                    );
                }
            }
            Err(e) => problems.push(e.to_string()),
        },
    }
    if problems.is_empty() {
        if en {
            println!("✔ every value read and decoded");
        } else {
            println!("✔ toutes les valeurs lues et décodées");
        }
        return Ok(());
    }
    for p in &problems {
        println!("✖ {p}");
    }
    if en {
        anyhow::bail!(
            "{} problem(s) in {}: restore a backup with `sourcing store restore`",
            problems.len(),
            dir.display()
        )
    } else {
        anyhow::bail!(
            "{} problème(s) dans {} : restaurez une sauvegarde avec `sourcing store restore`",
            problems.len(),
            dir.display()
        )
    }
}
