//! `sourcing match`: the directory ranked against one need given by options, or against
//! every need of a JSON lines file (one need per line, one JSON line of results per need).
//!
//! ```text
//! sourcing match --title "Nettoyage des écoles" [--description "…"] [--cpv 90919200]… [--dept 93]… [--limit 10] [--json]
//! sourcing match --needs besoins.jsonl [--limit 10]
//! ```
//!
//! A need line: `{"id": "b1", "title": "…", "description": "…", "cpv": ["79100000"],
//! "departements": ["75"]}`; every field but `title` is optional, `id` (any JSON value) is
//! echoed back, départements (also `departments`) are a preference, not a filter. Output line:
//! `{"id": "b1", "results": [{"rank": 1, "supplier_id": 42, "siret": "…", "name": "…",
//! "score": 61.5, "reasons": ["CPV 79100000 exact : +30", …]}]}`. A bad line is reported on
//! stderr with its line number and skipped; the command fails (exit 1) only when no need at
//! all could be read.
//!
//! The directory is prepared once ([`Matcher`]) and every need ranked against it.

use super::table::{cut, render};
use super::{out, Context};
use crate::cli::{Lang, MatchArgs};
use crate::domain::text::clean_line;
use crate::domain::{ConstraintMode, CpvCode, Need, Supplier, SupplierId, ThemeCatalog};
use crate::i18n::{texts, Texts};
use crate::matching::{self, Match, Matcher};
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};

/// One need line of a `--needs` file.
#[derive(Debug, Deserialize)]
struct NeedLine {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    cpv: Vec<String>,
    #[serde(default, alias = "departments")]
    departements: Vec<String>,
}

/// One ranked supplier, as written in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedRow {
    /// 1-based rank.
    pub rank: usize,
    /// Store id of the supplier.
    pub supplier_id: SupplierId,
    /// SIRET (14 digits), null when unknown.
    pub siret: Option<String>,
    /// Raison sociale, cleaned for a terminal.
    pub name: String,
    /// Score, sum of the parts' points, rounded to one decimal.
    pub score: f64,
    /// Each part in words with its points, largest first.
    pub reasons: Vec<String>,
    /// The three largest parts in words, without points (the table's "why" column).
    #[serde(skip)]
    pub summary: String,
}

/// The results of one need, as one JSON line.
#[derive(Debug, Serialize)]
struct NeedResults<'a> {
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    id: &'a serde_json::Value,
    results: &'a [RankedRow],
}

/// A need from its title, description, CPV codes (8 digits) and preferred départements.
pub fn need_from_parts(
    title: &str,
    description: &str,
    cpv: &[String],
    departments: &[String],
    t: &Texts,
) -> Result<Need, String> {
    let title = clean_line(title);
    if title.is_empty() {
        return Err(t.m_missing_title.to_string());
    }
    let mut need = Need {
        title,
        description: crate::domain::text::sanitize(description, true),
        ..Default::default()
    };
    for c in cpv {
        let code = CpvCode::parse(c.trim()).map_err(|_| (t.m_bad_cpv)(&clean_line(c)))?;
        if !need.cpv.contains(&code) {
            need.cpv.push(code);
        }
    }
    for d in departments {
        match crate::io::import::values::parse_department(d) {
            Ok(Some(d)) if !need.constraints.departments.contains(&d) => {
                need.constraints.departments.push(d)
            }
            Ok(_) => {}
            Err(_) => return Err((t.m_bad_dept)(&clean_line(d))),
        }
    }
    need.constraints.departments_mode = ConstraintMode::Prefer;
    Ok(need)
}

/// The ranked rows of `need`, at most `limit`.
pub fn ranked_rows(
    matcher: &Matcher,
    by_id: &HashMap<SupplierId, &Supplier>,
    need: &Need,
    themes: &ThemeCatalog,
    limit: usize,
    lang: Lang,
) -> Vec<RankedRow> {
    matcher
        .rank(need, 0, themes, limit)
        .iter()
        .enumerate()
        .filter_map(|(i, m): (usize, &Match)| {
            let s = by_id.get(&m.supplier)?;
            Some(RankedRow {
                rank: i + 1,
                supplier_id: s.id,
                siret: s.siret.as_ref().map(|x| x.to_string()),
                name: clean_line(&s.name),
                score: (m.score * 10.0).round() / 10.0,
                reasons: matching::reasons_with_points(m, themes, lang)
                    .iter()
                    .map(|r| clean_line(r))
                    .collect(),
                summary: clean_line(
                    &matching::reason_texts(m, themes, lang)
                        .into_iter()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" ; "),
                ),
            })
        })
        .collect()
}

/// The rows as a table (rank, name, SIRET, score, reasons), names and reasons cut to fit.
pub fn to_table(rows: &[RankedRow], t: &Texts) -> String {
    if rows.is_empty() {
        return format!("{}\n", t.m_none);
    }
    let mut lines: Vec<[String; 5]> = vec![t.m_head.map(String::from)];
    for r in rows {
        lines.push([
            r.rank.to_string(),
            cut(&r.name, 40),
            r.siret.clone().unwrap_or_else(|| "—".into()),
            format!("{:.1}", r.score),
            cut(&r.summary, 60),
        ]);
    }
    render(&lines, &[0, 3])
}

/// Runs the command on the store of `--store DIR`.
///
/// Errors: no store there, a store held by another process or unreadable, an unreadable
/// `--needs` file, or a file where no line is a need (each message says what to do).
pub fn run(ctx: &Context, args: &MatchArgs) -> anyhow::Result<()> {
    let t = texts(ctx.lang);
    let dir = &ctx.store_dir;
    if !dir.exists() {
        anyhow::bail!("{}", (t.commands.no_store)(&dir.display().to_string()));
    }
    let store = super::open_store_quiet(ctx)?;
    let suppliers = super::read_directory(&*store)?;
    drop(store);
    let themes = crate::io::embedded::theme_catalog();
    let cpv = crate::io::embedded::cpv_catalog();
    let matcher = Matcher::new(&suppliers, cpv);
    let by_id: HashMap<SupplierId, &Supplier> = suppliers.iter().map(|s| (s.id, s)).collect();

    let Some(path) = &args.needs else {
        let need = need_from_parts(
            args.title.as_deref().unwrap_or_default(),
            args.description.as_deref().unwrap_or_default(),
            &args.cpv,
            &args.dept,
            t,
        )
        .map_err(anyhow::Error::msg)?;
        let rows = ranked_rows(&matcher, &by_id, &need, themes, args.limit, ctx.lang);
        return if args.json {
            let null = serde_json::Value::Null;
            let mut j = serde_json::to_string_pretty(&NeedResults {
                id: &null,
                results: &rows,
            })?;
            j.push('\n');
            out::print_data(&j, ctx.lang)
        } else {
            out::print_text(&to_table(&rows, t), ctx.lang)
        };
    };

    let shown = clean_line(&path.display().to_string());
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let f =
            std::fs::File::open(path).with_context(|| (t.commands.needs_cannot_open)(&shown))?;
        Box::new(std::io::BufReader::new(f))
    };
    // JSON lines stream out as they are ranked, through the terminal filter.
    let mut stdout = std::io::BufWriter::new(out::TerminalSafe::new(std::io::stdout().lock()));
    let (mut answered, mut skipped) = (0usize, 0usize);
    for (i, line) in reader.split(b'\n').enumerate() {
        let n = i as u64 + 1;
        let bytes = line.with_context(|| (t.commands.needs_read_failed)(&shown))?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let need = serde_json::from_str::<NeedLine>(text)
            .map_err(|e| clean_line(&e.to_string()))
            .and_then(|l| {
                need_from_parts(&l.title, &l.description, &l.cpv, &l.departements, t)
                    .map(|need| (l.id, need))
            });
        let (id, need) = match need {
            Ok(x) => x,
            Err(why) => {
                skipped += 1;
                out::eprint_line(&format!("{shown} : {}", (t.m_bad_line)(n, &why)));
                continue;
            }
        };
        let rows = ranked_rows(&matcher, &by_id, &need, themes, args.limit, ctx.lang);
        let mut j = serde_json::to_string(&NeedResults {
            id: &id,
            results: &rows,
        })?;
        j.push('\n');
        stdout
            .write_all(j.as_bytes())
            .map_err(|e| out::stdout_error(e, ctx.lang))?;
        answered += 1;
    }
    stdout.flush().map_err(|e| out::stdout_error(e, ctx.lang))?;
    if answered == 0 {
        anyhow::bail!((t.m_no_need)(&shown));
    }
    out::eprint_line(&(t.m_summary)(answered, skipped));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Siret;

    fn directory() -> Vec<Supplier> {
        let cpv = |c: &str| CpvCode::parse(c).unwrap();
        vec![
            Supplier {
                id: 1,
                name: "Propreté des Écoles".into(),
                siret: Some(Siret::parse("73282932000074").unwrap()),
                department: "93".into(),
                departments: vec!["93".into()],
                cpv: vec![cpv("90919200")],
                keywords: vec!["nettoyage de locaux scolaires".into()],
                ..Default::default()
            },
            Supplier {
                id: 2,
                name: "Boulangerie du Centre".into(),
                cpv: vec![cpv("15810000")],
                ..Default::default()
            },
        ]
    }

    #[test]
    fn a_need_from_parts_checks_codes_and_departements() {
        let t = texts(Lang::Fr);
        let n =
            need_from_parts("Nettoyage", "", &["90919200-4".into()], &["93".into()], t).unwrap();
        assert_eq!(n.cpv[0].as_str(), "90919200");
        assert_eq!(n.constraints.departments, vec!["93"]);
        assert_eq!(n.constraints.departments_mode, ConstraintMode::Prefer);
        assert!(need_from_parts(" ", "", &[], &[], t)
            .unwrap_err()
            .contains("title"));
        assert!(need_from_parts("x", "", &["4521".into()], &[], t)
            .unwrap_err()
            .contains("4521"));
        assert!(need_from_parts("x", "", &[], &["9Z".into()], t)
            .unwrap_err()
            .contains("9Z"));
    }

    #[test]
    fn rows_rank_and_explain_in_both_languages() {
        let dir = directory();
        let cpv = crate::io::embedded::cpv_catalog();
        let themes = crate::io::embedded::theme_catalog();
        let m = Matcher::new(&dir, cpv);
        let by_id: HashMap<SupplierId, &Supplier> = dir.iter().map(|s| (s.id, s)).collect();
        let need = need_from_parts(
            "Nettoyage des écoles",
            "",
            &["90919200".into()],
            &["93".into()],
            texts(Lang::Fr),
        )
        .unwrap();
        let fr = ranked_rows(&m, &by_id, &need, themes, 10, Lang::Fr);
        assert_eq!(fr.len(), 1, "the bakery shares nothing with the need");
        assert_eq!((fr[0].rank, fr[0].supplier_id), (1, 1));
        assert_eq!(fr[0].siret.as_deref(), Some("73282932000074"));
        assert!(
            fr[0].reasons[0].starts_with("CPV 90919200 exact : +"),
            "{:?}",
            fr[0].reasons
        );
        assert!(fr[0].reasons.iter().any(|r| r.starts_with("dépt 93 : +")));
        let en = ranked_rows(&m, &by_id, &need, themes, 10, Lang::En);
        assert!(en[0].reasons.iter().any(|r| r.starts_with("dept 93: +")));
        let table = to_table(&fr, texts(Lang::Fr));
        assert!(table.starts_with("Rang"), "{table}");
        assert!(table.contains("Propreté des Écoles"), "{table}");
        assert_eq!(
            to_table(&[], texts(Lang::En)),
            "No supplier matches this need.\n"
        );
    }
}
