//! The supplier directory, in the bundled CSV format ([`crate::io::format`]) or as JSON.
//!
//! CSV round trip: `sourcing import` of this output gives back the same suppliers, field by
//! field (provenance included, written as "file:line"). A multi-valued cell holding a single
//! value that contains `,` or `;` ends with `|`, so the importer splits it on `|` only.

use super::{
    csv_writer, date, decimal, ident, text, ExportError, ExportFormat, ExportOptions, JsonOut,
};
use crate::domain::Supplier;
use crate::io::format::{LIST_SEPARATOR, SUPPLIER_COLUMNS};
use crate::store::Store;
use std::io::Write;
use std::ops::ControlFlow;

/// Writes every supplier of the store, streamed in id order (the directory is never held
/// whole); returns how many. Errors: the store's, or the output's (a closed pipe included).
pub fn export_suppliers(
    store: &dyn Store,
    out: &mut dyn Write,
    opts: &ExportOptions,
) -> Result<usize, ExportError> {
    let mut failed: Option<ExportError> = None;
    let mut stop = |e: ExportError| {
        failed = Some(e);
        ControlFlow::Break(())
    };
    let n = match opts.format {
        ExportFormat::Csv => {
            let mut w = csv_writer(out, opts.excel)?;
            w.write_record(SUPPLIER_COLUMNS)?;
            let mut n = 0;
            store.for_each_supplier(&mut |s| match w
                .write_record(row(&s, opts.excel).iter().map(|c| c.as_bytes()))
            {
                Ok(()) => {
                    n += 1;
                    ControlFlow::Continue(())
                }
                Err(e) => stop(e.into()),
            })?;
            if failed.is_none() {
                w.flush()?;
            }
            n
        }
        ExportFormat::Json | ExportFormat::Jsonl => {
            let mut j = JsonOut::new(out, opts.format == ExportFormat::Jsonl);
            store.for_each_supplier(&mut |s| match j.item(&s) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => stop(e),
            })?;
            if failed.is_none() {
                j.finish()?
            } else {
                0
            }
        }
    };
    match failed {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// A multi-valued cell: values joined with `|`; a single value holding `,` or `;` gets a
/// trailing `|` so that the importer does not split it.
pub fn list_cell<S: AsRef<str>>(values: &[S]) -> String {
    let sep = LIST_SEPARATOR.to_string();
    let joined = values
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(&sep);
    if values.len() == 1 && joined.contains([',', ';']) {
        joined + &sep
    } else {
        joined
    }
}

fn flag(b: bool) -> String {
    if b { "oui" } else { "non" }.to_string()
}

/// The cells of one supplier, in [`SUPPLIER_COLUMNS`] order.
fn row(s: &Supplier, excel: bool) -> Vec<String> {
    let siret = s.siret.as_ref().map(|x| x.to_string()).unwrap_or_default();
    let siren = s.siren.as_ref().map(|x| x.to_string()).unwrap_or_default();
    let cpv: Vec<&str> = s.cpv.iter().map(|c| c.as_str()).collect();
    let refs: Vec<&str> = s.references.iter().map(|r| r.object.as_str()).collect();
    // The parallel reference columns: one value per reference, empty where unknown, and an
    // empty cell when no reference has one.
    let parallel = |f: &dyn Fn(&crate::domain::ContractReference) -> String| {
        let values: Vec<String> = s.references.iter().map(f).collect();
        if values.iter().all(String::is_empty) {
            String::new()
        } else {
            values.join(&LIST_SEPARATOR.to_string())
        }
    };
    let buyers = parallel(&|r| r.buyer.replace(LIST_SEPARATOR, "/"));
    let years = parallel(&|r| r.year.map(|y| y.to_string()).unwrap_or_default());
    let amounts = parallel(&|r| r.amount_eur.map(|a| decimal(a, excel)).unwrap_or_default());
    let departments: Vec<&str> = s.all_departments().collect();
    let provenance = if s.source.line > 0 {
        format!("{}:{}", s.source.file, s.source.line)
    } else {
        s.source.file.clone()
    };
    vec![
        ident(&siret, excel).into_owned(),
        ident(&siren, excel).into_owned(),
        text(&s.name, excel).into_owned(),
        s.size.map(|z| z.code().to_string()).unwrap_or_default(),
        s.headcount.map(|h| h.to_string()).unwrap_or_default(),
        s.turnover_eur
            .map(|t| decimal(t, excel))
            .unwrap_or_default(),
        s.created_on.map(|d| date(d, excel)).unwrap_or_default(),
        ident(&s.postcode, excel).into_owned(),
        text(&s.city, excel).into_owned(),
        // One code is written as an identifier (Excel keeps "01"); a list holds `|`, which
        // Excel keeps as text anyway.
        if departments.len() > 1 {
            text(&list_cell(&departments), excel).into_owned()
        } else {
            ident(&list_cell(&departments), excel).into_owned()
        },
        s.contract_count.map(|n| n.to_string()).unwrap_or_default(),
        flag(s.ess),
        flag(s.siae),
        flag(s.adapted),
        text(&list_cell(&s.themes), excel).into_owned(),
        list_cell(&cpv),
        text(&list_cell(&s.keywords), excel).into_owned(),
        s.naf.clone().unwrap_or_default(),
        text(&s.description, excel).into_owned(),
        text(&list_cell(&refs), excel).into_owned(),
        text(&buyers, excel).into_owned(),
        years,
        amounts,
        text(&s.website, excel).into_owned(),
        text(&s.email, excel).into_owned(),
        text(&provenance, excel).into_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells() {
        assert_eq!(list_cell(&["a", "b"]), "a|b");
        assert_eq!(
            list_cell(&["Élagage, débroussaillage"]),
            "Élagage, débroussaillage|"
        );
        assert_eq!(list_cell::<&str>(&[]), "");
    }

    #[test]
    fn excel_csv_has_bom_semicolons_crlf_and_decimal_comma() {
        let s = Supplier {
            name: "Dupont; Fils".into(),
            siret: Some(crate::domain::Siret::parse("01234567400019").unwrap()),
            turnover_eur: Some(1234.5),
            postcode: "01500".into(),
            ..Default::default()
        };
        let store = crate::store::MemoryStore::default();
        crate::store::Store::upsert_suppliers(&store, vec![s], "test").unwrap();
        let opts = ExportOptions {
            format: ExportFormat::Csv,
            excel: true,
            ..Default::default()
        };
        let mut buf = Vec::new();
        assert_eq!(export_suppliers(&store, &mut buf, &opts).unwrap(), 1);
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("\u{feff}siret;siren;raison_sociale;"));
        let line = text.split("\r\n").nth(1).unwrap();
        assert!(
            line.starts_with(
                "\"=\"\"01234567400019\"\"\";;\"Dupont; Fils\";;;1234,5;;\"=\"\"01500\"\"\";"
            ),
            "{line}"
        );
    }
}
