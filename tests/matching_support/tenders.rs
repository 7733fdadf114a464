//! Matching measured on tenders it has never seen (issue 14, item 4; DESIGN §6).
//!
//! Data: `fixtures/decp_training.csv`, the DECP 2018–2019 training contracts (80 % of the
//! tenders; the other 20 % are kept back outside the repository for an independent check).
//! They are split again **by tender** — same buyer SIRET and same object once lot mentions
//! are removed ([`tender_key`]) — with a fixed hash: one tender in five is held out. The
//! directory is built only from the other side's contracts (each holder SIRET becomes a
//! supplier with its name, CPV codes, départements of execution, number of contracts and its
//! references), as a buyer's directory only knows past contracts. Each held-out contract
//! whose winner is in that directory becomes a need: its object as title, its CPV code, its
//! département as a preference; the best rank of its winners is noted.

use super::MAX_RANK;
use sourcing::domain::{
    ConstraintMode, ContractReference, CpvCatalog, CpvCode, Need, Siret, Supplier, ThemeCatalog,
};
use sourcing::matching::{Matcher, Weights};
use std::collections::HashMap;
use std::path::Path;

/// One training contract.
#[derive(Debug, Clone)]
pub struct Contract {
    /// Buyer's SIRET, as published.
    pub buyer_siret: String,
    /// Buyer's name.
    pub buyer: String,
    /// Object of the contract.
    pub object: String,
    /// CPV code, when valid.
    pub cpv: Option<CpvCode>,
    /// Year of notification.
    pub year: Option<i16>,
    /// Amount in euros excluding VAT, when plausible.
    pub amount_eur: Option<f64>,
    /// Département of execution, empty when unknown.
    pub department: String,
    /// Executed in Île-de-France.
    pub idf: bool,
    /// Holders: (SIRET, name).
    pub holders: Vec<(String, String)>,
}

/// Reads `fixtures/decp_training.csv`.
pub fn load_contracts(path: &Path) -> Result<Vec<Contract>, Box<dyn std::error::Error>> {
    let mut r = csv::Reader::from_path(path)?;
    let h = r.headers()?.clone();
    let col = |name: &str| h.iter().position(|x| x == name).ok_or(format!("no {name}"));
    let c = [
        col("acheteur_siret")?,
        col("acheteur_nom")?,
        col("objet")?,
        col("code_cpv8")?,
        col("date_notification")?,
        col("montant_eur")?,
        col("departement")?,
        col("ile_de_france")?,
        col("titulaires_sirets")?,
        col("titulaires_noms")?,
    ];
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec?;
        let get = |i: usize| rec.get(c[i]).unwrap_or("").trim();
        let sirets = get(8).split('|');
        let names = get(9).split('|');
        out.push(Contract {
            buyer_siret: get(0).to_string(),
            buyer: get(1).to_string(),
            object: get(2).to_string(),
            cpv: CpvCode::parse(get(3)).ok(),
            year: get(4).get(..4).and_then(|y| y.parse().ok()),
            amount_eur: get(5).parse::<f64>().ok().filter(|a| *a > 0.0 && *a < 1e9),
            department: get(6).to_string(),
            idf: get(7) == "oui",
            holders: sirets
                .zip(names)
                .filter(|(s, _)| !s.is_empty())
                .map(|(s, n)| (s.to_string(), n.to_string()))
                .collect(),
        });
    }
    Ok(out)
}

/// The tender a contract belongs to: buyer SIRET and object folded to letters and digits,
/// with lot mentions ("lot 3", "lot n°2", "LOT03", "lots 1 et 2") removed.
pub fn tender_key(c: &Contract) -> String {
    let folded: String = sourcing::search::fold::fold_str(&c.object)
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { ' ' })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    let is_lot_id = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || w.len() == 1
            || matches!(
                w,
                "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix" | "x" | "et" | "no"
            )
    };
    while i < words.len() {
        let w = words[i];
        if w == "lot" || w == "lots" {
            i += 1;
            while i < words.len() && (is_lot_id(words[i]) || words[i] == "n") {
                i += 1;
            }
            continue;
        }
        if w.starts_with("lot") && w[3..].chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        kept.push(w);
        i += 1;
    }
    format!("{}|{}", c.buyer_siret, kept.join(" "))
}

/// FNV-1a, for a split that does not depend on Rust's hasher.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// True for the held-out side (one tender in five).
pub fn held_out(c: &Contract) -> bool {
    fnv(&tender_key(c)).is_multiple_of(5)
}

/// The directory built from `contracts` (the directory side): one supplier per holder SIRET,
/// ids 1, 2, … in order of first appearance.
pub fn directory(contracts: &[&Contract]) -> Vec<Supplier> {
    let mut by_siret: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<Supplier> = Vec::new();
    let mut names: Vec<HashMap<&str, usize>> = Vec::new();
    let mut cpv_counts: Vec<HashMap<String, usize>> = Vec::new();
    let mut dept_counts: Vec<HashMap<&str, usize>> = Vec::new();
    for c in contracts {
        for (siret, name) in &c.holders {
            let i = *by_siret.entry(siret.as_str()).or_insert_with(|| {
                out.push(Supplier {
                    id: out.len() as u64 + 1,
                    siret: Siret::parse(siret).ok(),
                    ..Default::default()
                });
                names.push(HashMap::new());
                cpv_counts.push(HashMap::new());
                dept_counts.push(HashMap::new());
                out.len() - 1
            });
            *names[i].entry(name.as_str()).or_default() += 1;
            if let Some(code) = &c.cpv {
                *cpv_counts[i].entry(code.as_str().to_string()).or_default() += 1;
            }
            if !c.department.is_empty() {
                *dept_counts[i].entry(c.department.as_str()).or_default() += 1;
            }
            let s = &mut out[i];
            s.contract_count = Some(s.contract_count.unwrap_or(0) + 1);
            let r = ContractReference {
                buyer: c.buyer.clone(),
                object: c.object.clone(),
                year: c.year,
                amount_eur: c.amount_eur,
            };
            if !s
                .references
                .iter()
                .any(|x| x.object == r.object && x.buyer == r.buyer)
            {
                s.references.push(r);
            }
        }
    }
    let by_count = |m: &HashMap<&str, usize>| -> Vec<String> {
        let mut v: Vec<(&str, usize)> = m.iter().map(|(k, v)| (*k, *v)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.into_iter().map(|(k, _)| k.to_string()).collect()
    };
    for (i, s) in out.iter_mut().enumerate() {
        s.name = by_count(&names[i]).into_iter().next().unwrap_or_default();
        let cpv: HashMap<&str, usize> = cpv_counts[i]
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        s.cpv = by_count(&cpv)
            .iter()
            .take(5)
            .filter_map(|c| CpvCode::parse(c).ok())
            .collect();
        s.departments = by_count(&dept_counts[i]);
        s.department = s.departments.first().cloned().unwrap_or_default();
        // As the embedded directory does: the 20 newest references.
        s.references.sort_by_key(|r| std::cmp::Reverse(r.year));
        s.references.truncate(20);
    }
    out
}

/// Figures of one held-out run.
#[derive(Debug, Clone, Default)]
pub struct TenderFigures {
    /// Needs ranked (held-out contracts whose winner is in the directory).
    pub needs: usize,
    /// Share of needs whose winner ranks first.
    pub recall_at_1: f64,
    /// … in the top 10.
    pub recall_at_10: f64,
    /// … in the top 50.
    pub recall_at_50: f64,
    /// Mean reciprocal rank (ranks beyond [`MAX_RANK`] count 0).
    pub mrr: f64,
}

impl TenderFigures {
    fn add(&mut self, rank: Option<usize>) {
        self.needs += 1;
        if let Some(r) = rank {
            self.mrr += 1.0 / r as f64;
            self.recall_at_1 += (r == 1) as u8 as f64;
            self.recall_at_10 += (r <= 10) as u8 as f64;
            self.recall_at_50 += (r <= 50) as u8 as f64;
        }
    }
    fn finish(&mut self) {
        if self.needs > 0 {
            let n = self.needs as f64;
            self.mrr /= n;
            self.recall_at_1 /= n;
            self.recall_at_10 /= n;
            self.recall_at_50 /= n;
        }
    }
}

/// The split, its directory and its needs, ready to rank.
pub struct Split {
    /// The directory (directory side only).
    pub suppliers: Vec<Supplier>,
    /// (need, winners' ids, executed in Île-de-France).
    pub needs: Vec<(Need, Vec<u64>, bool)>,
}

/// Splits `contracts` by tender and builds the directory and the needs; `every` keeps one
/// need in `every` (1 keeps all), evenly spread.
pub fn split(contracts: &[Contract], every: usize) -> Split {
    let (test, train): (Vec<&Contract>, Vec<&Contract>) =
        contracts.iter().partition(|c| held_out(c));
    let suppliers = directory(&train);
    let ids: HashMap<String, u64> = suppliers
        .iter()
        .filter_map(|s| s.siret.as_ref().map(|x| (x.to_string(), s.id)))
        .collect();
    let mut needs = Vec::new();
    for (k, c) in test.iter().enumerate() {
        let winners: Vec<u64> = c
            .holders
            .iter()
            .filter_map(|(s, _)| ids.get(s).copied())
            .collect();
        if winners.is_empty() || k % every.max(1) != 0 {
            continue;
        }
        let mut need = Need {
            title: c.object.clone(),
            cpv: c.cpv.iter().cloned().collect(),
            ..Default::default()
        };
        if !c.department.is_empty() {
            need.constraints.departments = vec![c.department.clone()];
            need.constraints.departments_mode = ConstraintMode::Prefer;
        }
        needs.push((need, winners, c.idf));
    }
    Split { suppliers, needs }
}

/// Ranks every need of `split` with `weights`: (all needs, Île-de-France needs).
pub fn evaluate_split(
    split: &Split,
    cpv: &CpvCatalog,
    themes: &ThemeCatalog,
    weights: &Weights,
) -> (TenderFigures, TenderFigures) {
    let m = Matcher::with_weights(&split.suppliers, cpv, weights.clone());
    let (mut all, mut idf) = (TenderFigures::default(), TenderFigures::default());
    for (need, winners, in_idf) in &split.needs {
        let ranked = m.rank(need, 0, themes, MAX_RANK);
        let rank = ranked
            .iter()
            .position(|x| winners.contains(&x.supplier))
            .map(|p| p + 1);
        all.add(rank);
        if *in_idf {
            idf.add(rank);
        }
        if std::env::var_os("MATCHING_EVAL_DEBUG").is_some() && all.needs <= 30 {
            eprintln!("NEED {:?} {:?} -> rank {rank:?}", need.title, need.cpv);
            for x in ranked.iter().take(3) {
                let who = &split.suppliers[x.supplier as usize - 1].name;
                eprintln!(
                    "   {:.1} {who}: {}",
                    x.score,
                    sourcing::matching::explain(x, themes, sourcing::i18n::Lang::Fr)
                );
            }
            if let Some(p) = rank {
                let x = &ranked[p - 1];
                let who = &split.suppliers[x.supplier as usize - 1].name;
                eprintln!(
                    "   winner {:.1} {who}: {}",
                    x.score,
                    sourcing::matching::explain(x, themes, sourcing::i18n::Lang::Fr)
                );
            }
        }
    }
    all.finish();
    idf.finish();
    (all, idf)
}
