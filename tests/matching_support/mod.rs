//! Shared by `tests/matching_quality.rs` and `examples/matching_eval.rs`: loading a directory
//! for evaluation and the leave-one-out check of DESIGN §6.
//!
//! Leave-one-out: for a deterministic sample of suppliers with references (past contracts),
//! one reference's object is hidden from the supplier and becomes a need's title (with the
//! supplier's first CPV code, or none to measure text alone); the whole directory is ranked
//! and the supplier's rank noted. Figures: recall@10 (share of needs whose supplier is in
//! the top 10) and mean reciprocal rank (ranks beyond `MAX_RANK` count 0).

#![allow(dead_code)]

pub mod tenders;

use sourcing::domain::{
    ContractReference, CpvCatalog, CpvCode, Need, SizeCategory, Supplier, ThemeCatalog,
};
use sourcing::matching::{Matcher, Weights};
use std::path::Path;
use std::time::{Duration, Instant};

/// Ranks beyond this one count as a miss (reciprocal rank 0).
pub const MAX_RANK: usize = 1000;

/// Figures of one leave-one-out run.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Needs ranked.
    pub needs: usize,
    /// Share of needs whose supplier ranks in the top 10.
    pub recall_at_10: f64,
    /// Share in the top 1.
    pub recall_at_1: f64,
    /// Mean reciprocal rank.
    pub mrr: f64,
    /// Mean time to rank one need on the whole directory.
    pub mean_rank_time: Duration,
    /// Median time to rank one need.
    pub median_rank_time: Duration,
    /// 95th percentile of the time to rank one need.
    pub p95_rank_time: Duration,
    /// Slowest ranking.
    pub max_rank_time: Duration,
    /// Mean on-CPU time of this thread per ranking (Linux `/proc/thread-self/schedstat`),
    /// unaffected by waiting for a core on a loaded machine; None where unavailable.
    pub mean_cpu_time: Option<Duration>,
    /// Title of the slowest need.
    pub slowest: String,
    /// Needs whose supplier had no reference left once the object was hidden.
    pub no_reference_left: usize,
    /// Recall@10 over the needs whose supplier kept at least one reference (their text is
    /// less shortened by hiding the object, so length normalisation favours them less).
    pub recall_at_10_refs_left: f64,
}

/// Text compared for "same object": letters and digits only, lower case.
pub fn same_text(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits a multi-valued cell on `|`, trimmed, empty items dropped.
pub fn multi(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn header_index(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == name)
}

/// The directory in the product's import format (fixtures/suppliers.csv), with the fields
/// matching uses; ids are 1, 2, … in file order.
pub fn load_suppliers_csv(path: &Path) -> Result<Vec<Supplier>, Box<dyn std::error::Error>> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let h = r.headers()?.clone();
    let col = |name: &str| header_index(&h, name);
    let (name, dept, ess, siae, themes, cpv, kw, desc, refs, size) = (
        col("raison_sociale").ok_or("no raison_sociale column")?,
        col("departements").or(col("departement")),
        col("ess"),
        col("siae"),
        col("thematiques"),
        col("cpv"),
        col("mots_cles"),
        col("description"),
        col("references"),
        col("taille"),
    );
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec?;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        out.push(Supplier {
            id: i as u64 + 1,
            name: get(Some(name)).to_string(),
            department: get(dept).split('|').next().unwrap_or("").to_string(),
            departments: multi(get(dept)),
            ess: get(ess) == "oui",
            siae: get(siae) == "oui",
            size: SizeCategory::parse(get(size)),
            themes: multi(get(themes)),
            cpv: multi(get(cpv))
                .iter()
                .filter_map(|c| CpvCode::parse(c.split_whitespace().next().unwrap_or("")).ok())
                .collect(),
            keywords: multi(get(kw)),
            description: get(desc).to_string(),
            references: multi(get(refs))
                .into_iter()
                .map(|object| ContractReference {
                    object,
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        });
    }
    Ok(out)
}

/// Indices of a deterministic sample of at most `n` suppliers with at least one reference:
/// evenly spread over the directory in file order.
pub fn sample(suppliers: &[Supplier], n: usize) -> Vec<usize> {
    let with_refs: Vec<usize> = suppliers
        .iter()
        .enumerate()
        .filter(|(_, s)| s.references.iter().any(|r| !r.object.trim().is_empty()))
        .map(|(i, _)| i)
        .collect();
    if with_refs.len() <= n {
        return with_refs;
    }
    (0..n).map(|k| with_refs[k * with_refs.len() / n]).collect()
}

/// Leave-one-out over `picked` (indices into `suppliers`, whose ids must be unique and
/// non-zero): the reference hidden is number `k % len` for the k-th pick.
pub fn leave_one_out(
    matcher: &mut Matcher,
    suppliers: &[Supplier],
    picked: &[usize],
    cpv: &CpvCatalog,
    themes: &ThemeCatalog,
    with_cpv: bool,
) -> Figures {
    let mut f = Figures::default();
    let mut total = Duration::ZERO;
    let mut times: Vec<Duration> = Vec::with_capacity(picked.len());
    let mut cpu = Some(Duration::ZERO);
    for (k, &i) in picked.iter().enumerate() {
        let s = &suppliers[i];
        let refs: Vec<usize> = (0..s.references.len())
            .filter(|&j| !s.references[j].object.trim().is_empty())
            .collect();
        let j = refs[k % refs.len()];
        // Hide the object and every copy of it (DECP repeats one object for several lots).
        let object = s.references[j].object.clone();
        let key = same_text(&object);
        let mut hidden = s.clone();
        hidden.references.retain(|r| same_text(&r.object) != key);
        matcher.upsert(&hidden, cpv);
        let need = Need {
            title: object,
            cpv: if with_cpv {
                s.cpv.iter().take(1).cloned().collect()
            } else {
                Vec::new()
            },
            ..Default::default()
        };
        if hidden.references.is_empty() {
            f.no_reference_left += 1;
        }
        let c0 = thread_cpu_time();
        let t = Instant::now();
        let ranked = matcher.rank(&need, 0, themes, MAX_RANK);
        let dt = t.elapsed();
        cpu = match (cpu, c0, thread_cpu_time()) {
            (Some(acc), Some(a), Some(b)) => Some(acc + b.saturating_sub(a)),
            _ => None,
        };
        total += dt;
        times.push(dt);
        if dt > f.max_rank_time {
            f.max_rank_time = dt;
            f.slowest = need.title.clone();
        }
        if std::env::var_os("MATCHING_EVAL_DEBUG").is_some() && k < 40 {
            let pos = ranked.iter().position(|m| m.supplier == s.id);
            eprintln!(
                "NEED {:?} cpv={with_cpv} -> {} rank {:?}",
                need.title,
                s.name,
                pos.map(|p| p + 1)
            );
            eprintln!(
                "   target refs {:?} cpv {:?}",
                hidden
                    .references
                    .iter()
                    .map(|r| r.object.as_str())
                    .collect::<Vec<_>>(),
                s.cpv.iter().map(|c| c.as_str()).collect::<Vec<_>>()
            );
            for m in ranked.iter().take(3) {
                let who = suppliers
                    .iter()
                    .find(|x| x.id == m.supplier)
                    .map(|x| x.name.as_str())
                    .unwrap_or("?");
                eprintln!(
                    "   {:.2} {who}: {}",
                    m.score,
                    sourcing::matching::explain(m, themes, sourcing::i18n::Lang::Fr)
                );
            }
            if let Some(p) = pos {
                eprintln!(
                    "   target {:.2}: {}",
                    ranked[p].score,
                    sourcing::matching::explain(&ranked[p], themes, sourcing::i18n::Lang::Fr)
                );
            }
        }
        if let Some(pos) = ranked.iter().position(|m| m.supplier == s.id) {
            let rank = pos + 1;
            f.mrr += 1.0 / rank as f64;
            if rank <= 10 {
                f.recall_at_10 += 1.0;
                if !hidden.references.is_empty() {
                    f.recall_at_10_refs_left += 1.0;
                }
            }
            if rank == 1 {
                f.recall_at_1 += 1.0;
            }
        }
        matcher.upsert(s, cpv);
        f.needs += 1;
    }
    if f.needs > 0 {
        let n = f.needs as f64;
        f.mrr /= n;
        f.recall_at_10 /= n;
        f.recall_at_1 /= n;
        let kept = (f.needs - f.no_reference_left) as f64;
        if kept > 0.0 {
            f.recall_at_10_refs_left /= kept;
        }
        f.mean_rank_time = total / f.needs as u32;
        f.mean_cpu_time = cpu.map(|c| c / f.needs as u32);
        times.sort();
        f.median_rank_time = times[times.len() / 2];
        f.p95_rank_time = times[(times.len() * 95 / 100).min(times.len() - 1)];
    }
    f
}

/// Builds the matcher and runs the leave-one-out check.
pub fn evaluate(
    suppliers: &[Supplier],
    picked: &[usize],
    cpv: &CpvCatalog,
    themes: &ThemeCatalog,
    weights: &Weights,
    with_cpv: bool,
) -> Figures {
    let mut m = Matcher::with_weights(suppliers, cpv, weights.clone());
    leave_one_out(&mut m, suppliers, picked, cpv, themes, with_cpv)
}

/// This thread's time on CPU so far (first field of `/proc/thread-self/schedstat`, ns).
pub fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}
