//! `sourcing search QUERY… [--json] [--limit N]`: ranked suppliers of the store.
//!
//! The query words are joined with spaces and read by [`crate::search::Query::parse`]
//! (free words, `-word`, `theme:`, `cpv:`, `dept:`, `size:`, `city:`, `ess`, `siae`).
//! Output: a French table (raison sociale, SIRET, département, thématiques, score), or with
//! `--json` an array of objects `{"id", "name", "siret", "score", "themes"}` (`siret` is
//! null when unknown; `themes` are the stored slugs or free labels).

use super::table::{cut, render};
use super::Context;
use crate::domain::text::clean_line;
use crate::domain::{CpvCatalog, Supplier, SupplierId, ThemeCatalog};
use crate::i18n::{texts, Lang};
use crate::search::{Query, SearchIndex};
use serde::Serialize;
use std::collections::HashMap;

/// One result row, as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchRow {
    /// Store id of the supplier.
    pub id: SupplierId,
    /// Raison sociale.
    pub name: String,
    /// SIRET (14 digits), null when unknown.
    pub siret: Option<String>,
    /// Relevance score, higher first (0 for a query made of filters only).
    pub score: i64,
    /// Themes as stored: catalog slugs or free labels.
    pub themes: Vec<String>,
    /// Département code, empty when unknown (table only).
    #[serde(skip)]
    pub department: String,
}

/// The printed row of supplier `s` found with `score` (its texts cleaned for a terminal).
fn row(s: &Supplier, score: i64) -> SearchRow {
    SearchRow {
        id: s.id,
        name: clean_line(&s.name),
        siret: s.siret.as_ref().map(|x| x.to_string()),
        score,
        themes: s.themes.iter().map(|t| clean_line(t)).collect(),
        department: clean_line(&s.department),
    }
}

/// Ranked rows of `suppliers` for the query `words` (joined with spaces), at most `limit`.
pub fn rows(
    suppliers: &[Supplier],
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
    words: &[String],
    limit: usize,
) -> Vec<SearchRow> {
    rows_and_total(suppliers, themes, cpv, words, limit).0
}

/// [`rows`] and the number of suppliers matching (may exceed the rows' count).
pub fn rows_and_total(
    suppliers: &[Supplier],
    themes: &ThemeCatalog,
    cpv: &CpvCatalog,
    words: &[String],
    limit: usize,
) -> (Vec<SearchRow>, usize) {
    let index = SearchIndex::build(suppliers, themes, cpv);
    let by_id: HashMap<SupplierId, &Supplier> = suppliers.iter().map(|s| (s.id, s)).collect();
    let query = Query::parse(&words.join(" "));
    let page = index.search_page(&query, limit);
    let found: Vec<SearchRow> = page
        .hits
        .into_iter()
        .filter_map(|h| Some(row(by_id.get(&h.id)?, h.score)))
        .collect();
    let total = page.total.max(found.len());
    (found, total)
}

/// Ranked rows for the query and the number matching, answered by the forum server on
/// `conn`. Errors: the link's or the store's.
fn served_rows(
    conn: &crate::client::Connection,
    words: &[String],
    limit: usize,
) -> anyhow::Result<(Vec<SearchRow>, usize)> {
    use crate::app::SearchService;
    use crate::store::Store;
    let search = crate::client::RemoteSearch::new(conn.clone());
    search
        .request(&words.join(" "), limit)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let results = search
        .recv_timeout(crate::client::connection::REPLY_WAIT)
        .ok_or(crate::store::StoreError::Disconnected)?;
    let store = crate::client::RemoteStore::new(conn.clone());
    let ids: Vec<SupplierId> = results.hits.iter().map(|h| h.id).collect();
    let found = store.suppliers_by_id(&ids)?;
    let rows: Vec<SearchRow> = results
        .hits
        .iter()
        .zip(found)
        .filter_map(|(h, s)| Some(row(&s?, h.score)))
        .collect();
    let total = results.total.max(rows.len());
    Ok((rows, total))
}

/// The rows as pretty JSON (an array, `[]` when nothing matches).
pub fn to_json(rows: &[SearchRow]) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(rows)?)
}

/// The rows as a table in `lang`, names and themes cut to fit; theme slugs shown by their
/// label in `lang`; the last line says how many of the `total` matching are listed.
pub fn to_table(rows: &[SearchRow], total: usize, themes: &ThemeCatalog, lang: Lang) -> String {
    let c = &texts(lang).commands;
    if rows.is_empty() {
        return c.search_none.to_string();
    }
    let mut lines: Vec<[String; 5]> = vec![c.search_head.map(String::from)];
    for r in rows {
        let th: Vec<&str> = r.themes.iter().map(|t| themes.label(t, lang)).collect();
        lines.push([
            cut(&r.name, 40),
            r.siret.clone().unwrap_or_else(|| "—".into()),
            if r.department.is_empty() {
                "—".into()
            } else {
                r.department.clone()
            },
            cut(&th.join(", "), 40),
            r.score.to_string(),
        ]);
    }
    let mut out = render(&lines, &[4]);
    out.push_str(&(c.search_count)(rows.len(), total.max(rows.len())));
    out
}

/// Runs the command: opens the store of `--store DIR` (or the default one), indexes its
/// suppliers with the embedded CPV labels and themes, prints the ranked suppliers.
///
/// Errors: no store in that directory (nothing imported yet), a store held by another
/// process, or an unreadable store; each message says what to do.
pub fn run(ctx: &Context, args: &crate::cli::SearchArgs) -> anyhow::Result<()> {
    let dir = &ctx.store_dir;
    if !dir.exists() {
        anyhow::bail!(
            "{}",
            (texts(ctx.lang).commands.no_store)(&dir.display().to_string())
        );
    }
    let themes = crate::io::embedded::theme_catalog();
    let cpv = crate::io::embedded::cpv_catalog();
    let (found, total) = match super::connect(ctx)? {
        // Served: the server's index answers, only the hits' suppliers come here.
        Some(conn) => served_rows(&conn, &args.query, args.limit)?,
        None => {
            let store = super::open_store(ctx)?;
            let suppliers = super::read_directory(&*store)?;
            rows_and_total(&suppliers, themes, cpv, &args.query, args.limit)
        }
    };
    // A filter that cannot be read, or a theme that names nothing, is said, never ignored.
    let query = Query::parse(&args.query.join(" "));
    let wrong = crate::search::problems(&query, themes, found.is_empty());
    if !wrong.is_empty() {
        let t = texts(ctx.lang);
        let lines: Vec<String> = wrong.iter().map(|p| (t.filter_problem)(p)).collect();
        anyhow::bail!("{}", clean_line(&lines.join(" ; ")));
    }
    // A closed pipe (`| head`) ends quietly: see `out`.
    if args.json {
        super::out::print_data(&(to_json(&found)? + "\n"), ctx.lang)
    } else {
        super::out::print_text(&to_table(&found, total, themes, ctx.lang), ctx.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Siret;

    fn dir() -> Vec<Supplier> {
        vec![
            Supplier {
                id: 7,
                name: "Société Énergie Verte".into(),
                siret: Some(Siret::parse("73282932000074").unwrap()),
                department: "93".into(),
                themes: vec!["batiment-energie".into()],
                ..Default::default()
            },
            Supplier {
                id: 8,
                name: "Boulangerie du Centre".into(),
                ..Default::default()
            },
        ]
    }

    #[test]
    fn json_has_the_documented_fields() {
        let r = rows(
            &dir(),
            &ThemeCatalog::default(),
            &CpvCatalog::default(),
            &["ÉNERGIE".into()],
            20,
        );
        let v: serde_json::Value = serde_json::from_str(&to_json(&r).unwrap()).unwrap();
        let a = v.as_array().unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0]["id"], 7);
        assert_eq!(a[0]["name"], "Société Énergie Verte");
        assert_eq!(a[0]["siret"], "73282932000074");
        assert!(a[0]["score"].as_i64().unwrap() > 0);
        assert_eq!(a[0]["themes"][0], "batiment-energie");
        assert!(a[0].get("department").is_none());
    }

    #[test]
    fn table_in_french() {
        let r = rows(
            &dir(),
            &ThemeCatalog::default(),
            &CpvCatalog::default(),
            &["energie".into(), "dept:93".into()],
            20,
        );
        let t = to_table(&r, 1, &ThemeCatalog::default(), Lang::Fr);
        assert!(t.starts_with("Raison sociale"));
        assert!(t.contains("Société Énergie Verte  73282932000074  93"));
        assert!(t.ends_with("1 fournisseur\n"), "{t}");
        let fr = &texts(Lang::Fr).commands;
        let en = &texts(Lang::En).commands;
        assert_eq!((fr.search_count)(5, 4086), "5 sur 4 086 fournisseurs\n");
        assert_eq!((en.search_count)(5, 4086), "5 of 4,086 suppliers\n");
        assert_eq!((fr.search_count)(3, 3), "3 fournisseurs\n");
        let en = to_table(&r, 1, &ThemeCatalog::default(), Lang::En);
        assert!(en.starts_with("Legal name"), "{en}");
        assert!(en.ends_with("1 supplier\n"), "{en}");
        let none = rows(
            &dir(),
            &ThemeCatalog::default(),
            &CpvCatalog::default(),
            &["zzzz".into()],
            20,
        );
        assert_eq!(
            to_table(&none, 0, &ThemeCatalog::default(), Lang::Fr),
            "Aucun fournisseur ne correspond à la recherche.\n"
        );
    }
}
