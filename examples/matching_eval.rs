//! Matching quality on the real directory: leave-one-out recall@10 and mean reciprocal rank
//! (DESIGN §6), and the time to rank one need on the whole directory.
//!
//! `cargo run --release --example matching_eval [-- --sample N] [--tune [--only TEXT]]`
//!
//! Directory: `fixtures/suppliers.csv` (14,618 real suppliers, 7,202 of them with contract
//! objects); CPV labels and themes: the embedded catalogs. Run from the repository's root.
//! For each sampled supplier one contract object (and its copies) is hidden and becomes the
//! need's title, alone ("text") or with the supplier's first CPV code ("+CPV"); the whole
//! directory is ranked. `--tune` also runs each weight variant of `variants()` (`--only TEXT`
//! keeps those whose name holds TEXT). `MATCHING_EVAL_DEBUG=1` prints the first 40 needs
//! with the top 3 suppliers and the hidden one's rank and explanation.
//!
//! Figures (2026-11, all 7,202 suppliers with references; "refs left": the 1,306 whose
//! supplier keeps another reference once the object is hidden — hiding it shortens the
//! supplier's text, so length normalisation favours the other 5,896 artificially):
//!
//! | weights                      | text R@10 | text MRR | +CPV R@10 | +CPV MRR | refs left R@10 text / +CPV |
//! |------------------------------|-----------|----------|-----------|----------|----------------------------|
//! | first version (61b9226)      | 0.093     | 0.053    | 0.277     | 0.138    | 0.300 / 0.538              |
//! | defaults (measured)          | 0.133     | 0.069    | 0.469     | 0.228    | 0.325 / 0.655              |
//!
//! What moved them (1,000-need sample): CPV points ×3 (+CPV R@10 0.27 → 0.47); CPV codes
//! deduced from the words of a need without codes (text 0.114 → 0.129); CPV labels weight 1.0
//! and description 0.25 (the fixture's DECP descriptions are boilerplate). Tried and left:
//! BM25 b = 1.0 (better overall, worse on the refs-left subset: it rewards the shortened
//! text), ancestor CPV labels in the supplier's text (no gain), prefix matching variants and
//! k1 (within noise, about ±0.01). Sample noise at 500 needs is about ±0.03 on recall@10.
//!
//! Time (release, one thread's on-CPU time, 2-core machine shared with other builds):
//! preparing the Matcher for 14,618 suppliers 225 ms; ranking one need 3.5–4.3 ms (mean).

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

    let (t, c) = (Instant::now(), matching_support::thread_cpu_time());
    let m = Matcher::new(&suppliers, cpv);
    let cpu = c
        .zip(matching_support::thread_cpu_time())
        .map(|(a, b)| b - a);
    println!(
        "prepare Matcher: {:.0} ms wall, {} on CPU, for {} suppliers",
        t.elapsed().as_secs_f64() * 1e3,
        cpu.map(|c| format!("{:.0} ms", c.as_secs_f64() * 1e3))
            .unwrap_or("n/a".into()),
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
        "{what}: {} needs ({} with no reference left), recall@10 {:.3} (refs left {:.3}), recall@1 {:.3}, MRR {:.3}; rank time on CPU {}, wall median {:.2} ms, mean {:.2} ms, p95 {:.2} ms, max {:.2} ms ({:?})",
        f.needs,
        f.no_reference_left,
        f.recall_at_10,
        f.recall_at_10_refs_left,
        f.recall_at_1,
        f.mrr,
        f.mean_cpu_time
            .map(|c| format!("{:.2} ms", c.as_secs_f64() * 1e3))
            .unwrap_or("n/a".into()),
        f.median_rank_time.as_secs_f64() * 1e3,
        f.mean_rank_time.as_secs_f64() * 1e3,
        f.p95_rank_time.as_secs_f64() * 1e3,
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
    // The first version's weights (commit 61b9226, before any measurement).
    add("first version", &|w| {
        w.cpv = [0.0, 0.0, 2.0, 4.0, 6.0, 8.0, 9.0, 9.5, 10.0];
        w.inferred_codes = 0;
        w.field_cpv_labels = 0.7;
        w.field_description = 0.5;
        w.department = 3.0;
        w.size = 2.0;
        w.ess = 2.0;
        w.siae = 2.0;
    });
    add("no CPV deduction", &|w| w.inferred_codes = 0);
    add("deduce 3 codes", &|w| w.inferred_codes = 3);
    add("deduce factor 0.25", &|w| w.inferred_factor = 0.25);
    add("deduce factor 1.0", &|w| w.inferred_factor = 1.0);
    add("no prefix matching", &|w| w.prefix_factor = 0.0);
    add("prefix factor 1.0", &|w| w.prefix_factor = 1.0);
    add("min prefix 4", &|w| w.min_prefix = 4);
    add("k1 2.0", &|w| w.k1 = 2.0);
    add("b 0.5", &|w| w.b = 0.5);
    add("b 1.0", &|w| w.b = 1.0);
    add("description 0", &|w| w.field_description = 0.0);
    add("description 0.5", &|w| w.field_description = 0.5);
    add("cpv labels 0.7", &|w| w.field_cpv_labels = 0.7);
    add("cpv labels 1.5", &|w| w.field_cpv_labels = 1.5);
    add("name 0.5", &|w| w.field_name = 0.5);
    add("references 2.0", &|w| w.field_references = 2.0);
    add("cpv points x2/3", &|w| {
        w.cpv.iter_mut().for_each(|p| *p *= 2.0 / 3.0)
    });
    add("cpv points x4/3", &|w| {
        w.cpv.iter_mut().for_each(|p| *p *= 4.0 / 3.0)
    });
    v
}
