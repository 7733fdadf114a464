//! Writes a deterministic synthetic supplier directory in the bundled CSV format.
//!
//! `cargo run --release --example gen_directory -- N [FILE]` writes N suppliers (default
//! 10,000) to FILE, or to standard output without it. The suppliers recombine real
//! vocabulary from `fixtures/vocab/` (names, CPV and NAF labels, communes, contract
//! objects); the same N always gives the same file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::search::synthetic::{Generator, Vocabulary};
use std::io::Write;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: u64 = match args.next() {
        Some(a) => a
            .replace('_', "")
            .parse()
            .map_err(|_| anyhow::anyhow!("nombre de fournisseurs invalide : {a:?}"))?,
        None => 10_000,
    };
    let generator = Generator::new(Vocabulary::bundled()?);
    match args.next() {
        Some(path) => {
            let file = std::fs::File::create(&path)
                .map_err(|e| anyhow::anyhow!("impossible d'écrire {path} : {e}"))?;
            let mut out = std::io::BufWriter::new(file);
            generator.write_csv(n, &mut out)?;
            out.flush()?;
            eprintln!("{n} fournisseurs écrits dans {path}");
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            generator.write_csv(n, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
