//! Matching quality on the real directory: leave-one-out recall@10 and mean reciprocal rank
//! (DESIGN §6), and the time to rank one need on the whole directory.
//!
//! `cargo run --release --example matching_eval [-- --sample N] [--tune]`
//!
//! Directory: `fixtures/suppliers.csv` (about 14,600 real suppliers, 7,200 of them with
//! contract objects); CPV labels and themes: the embedded catalogs. `--tune` also runs each
//! weight variant of `variants()` (`--only TEXT` keeps those whose name holds TEXT) and
//! prints its figures. Run from the repository's root.

#[path = "../tests/matching_support/mod.rs"]
mod matching_support;

use matching_support::{evaluate, load_suppliers_csv, sample, Figures};
use sourcing::matching::{Matcher, Weights};
use std::error::Error;
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n = args
        .iter()
        .position(|a| a == "--sample")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let tune = args.iter().any(|a| a == "--tune");
    let cpv = sourcing::io::embedded::cpv_catalog();
    let themes = sourcing::io::embedded::theme_catalog();
    let from = "fixtures/suppliers.csv";
    let suppliers = load_suppliers_csv(Path::new(from))?;
    let with_refs = suppliers
        .iter()
        .filter(|s| !s.references.is_empty())
        .count();
    println!(
        "directory: {} suppliers ({with_refs} with references) from {from}; {} CPV labels",
        suppliers.len(),
        cpv.len()
    );

    let t = Instant::now();
    let m = Matcher::new(&suppliers, cpv);
    println!(
        "prepare Matcher: {:.0} ms for {} suppliers",
        t.elapsed().as_secs_f64() * 1e3,
        m.len()
    );
    drop(m);

    let picked = sample(&suppliers, n);
    let w = Weights::default();
    report(
        "default weights, need = object alone",
        &evaluate(&suppliers, &picked, cpv, themes, &w, false),
    );
    report(
        "default weights, need = object + first CPV",
        &evaluate(&suppliers, &picked, cpv, themes, &w, true),
    );

    if tune {
        let only: Option<&String> = args
            .iter()
            .position(|a| a == "--only")
            .and_then(|i| args.get(i + 1));
        for (name, v) in variants() {
            if only.is_some_and(|o| !name.contains(o.as_str())) {
                continue;
            }
            let a = evaluate(&suppliers, &picked, cpv, themes, &v, false);
            let b = evaluate(&suppliers, &picked, cpv, themes, &v, true);
            println!(
                "{name:<36} text: R@10 {:.3} MRR {:.3} (refs left R@10 {:.3}) | +CPV: R@10 {:.3} MRR {:.3} (refs left R@10 {:.3})",
                a.recall_at_10, a.mrr, a.recall_at_10_refs_left, b.recall_at_10, b.mrr, b.recall_at_10_refs_left
            );
        }
    }
    Ok(())
}

fn report(what: &str, f: &Figures) {
    println!(
        "{what}: {} needs ({} with no reference left), recall@10 {:.3} (refs left {:.3}), recall@1 {:.3}, MRR {:.3}; rank time mean {:.2} ms, max {:.2} ms ({:?})",
        f.needs,
        f.no_reference_left,
        f.recall_at_10,
        f.recall_at_10_refs_left,
        f.recall_at_1,
        f.mrr,
        f.mean_rank_time.as_secs_f64() * 1e3,
        f.max_rank_time.as_secs_f64() * 1e3,
        f.slowest
    );
}

/// Weight variants tried by `--tune`, each a change from the defaults.
fn variants() -> Vec<(String, Weights)> {
    let d = Weights::default;
    let mut v: Vec<(String, Weights)> = vec![("defaults".into(), d())];
    let mut add = |name: &str, f: &dyn Fn(&mut Weights)| {
        let mut w = d();
        f(&mut w);
        v.push((name.to_string(), w));
    };
    add("first version (no CPV deduction)", &|w| {
        w.inferred_codes = 0
    });
    let cand = |w: &mut Weights| {
        w.field_description = 0.25;
        w.field_cpv_labels = 1.0;
        w.cpv.iter_mut().for_each(|p| *p *= 3.0);
        w.inferred_codes = 5;
    };
    add("cand: desc.25 labels1 cpv x3 deduce5", &cand);
    add("cand + b 1.0", &|w| {
        cand(w);
        w.b = 1.0
    });
    add("cand + b 0.5", &|w| {
        cand(w);
        w.b = 0.5
    });
    add("cand + desc 0", &|w| {
        cand(w);
        w.field_description = 0.0
    });
    add("cand + k1 2", &|w| {
        cand(w);
        w.k1 = 2.0
    });
    v
}
