//! One row (a CSV record or a JSON line) made into a supplier, or rejected with reasons:
//! the cells as a source gives them, what became of the row, and the entry point. Reading
//! each field's cell is in `row_fields`; theme cells are recognised by `themes`.

use super::header::Field;
use super::merge::Incoming;
use super::report::Issue;
use super::row_fields::read_fields;
use crate::domain::{ContractReference, SourceRef};
use crate::i18n::Lang;

pub use super::themes::ThemeLookup;

/// A cell as a source gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, as in a CSV cell (lists still to split).
    Text(String),
    /// Values already split (a JSON array).
    List(Vec<String>),
    /// Contract references (a JSON array of objects).
    Refs(Vec<ContractReference>),
    /// A provenance object (`{"file":…,"line":…}` in JSON).
    Source(SourceRef),
}

impl Cell {
    pub(super) fn is_blank(&self) -> bool {
        match self {
            Cell::Text(t) => t.trim().is_empty(),
            Cell::List(v) => v.iter().all(|x| x.trim().is_empty()),
            Cell::Refs(v) => v.is_empty(),
            Cell::Source(s) => s.file.trim().is_empty(),
        }
    }
}

/// What became of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum RowResult {
    /// Every cell empty (a blank line, Excel's `;;;`): skipped.
    Empty,
    /// A supplier, with warnings about repairs made.
    Supplier(Box<Incoming>, Vec<Issue>),
    /// Refused, with every reason found.
    Rejected(Vec<Issue>),
}

/// What a row needs to know about its context.
pub struct RowContext<'a> {
    /// Physical line of the row's first byte.
    pub line: u64,
    /// File name, for the provenance.
    pub file: &'a str,
    /// Themes of the catalog, to recognise theme cells.
    pub themes: &'a ThemeLookup,
    /// Language of the reasons.
    pub lang: Lang,
}

/// Builds a supplier from the cells of one row. Cells of fields given twice: the first wins.
pub fn build_row(cells: &[(Field, Cell)], ctx: &RowContext<'_>) -> RowResult {
    if cells.iter().all(|(_, c)| c.is_blank()) {
        return RowResult::Empty;
    }
    let mut by_field: [Option<&Cell>; Field::ALL.len() + 1] = [None; Field::ALL.len() + 1];
    for (f, c) in cells {
        let slot = &mut by_field[*f as usize];
        // A JSON record from our export gives both `department` (the main one) and
        // `departments` (the list it heads): the list wins.
        let list_over_text = *f == Field::Department
            && matches!(c, Cell::List(_))
            && matches!(slot, Some(Cell::Text(_)));
        if (slot.is_none() || list_over_text) && !c.is_blank() {
            *slot = Some(c);
        }
    }
    read_fields(&by_field, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{SizeCategory, Supplier, Theme, ThemeCatalog};
    use crate::io::import::report::IssueKind;

    fn catalog() -> ThemeCatalog {
        ThemeCatalog {
            themes: vec![Theme {
                slug: "batiment-energie".into(),
                label_fr: "Bâtiment & Énergie".into(),
                label_en: "Building & Energy".into(),
                description: String::new(),
                cpv_prefixes: vec!["45".into()],
                naf_prefixes: vec!["43.2".into()],
            }],
        }
    }

    fn build(cells: &[(Field, &str)]) -> RowResult {
        let cat = ThemeLookup::new(&catalog());
        let ctx = RowContext {
            line: 4,
            file: "f.csv",
            themes: &cat,
            lang: Lang::Fr,
        };
        let cells: Vec<(Field, Cell)> = cells
            .iter()
            .map(|(f, t)| (*f, Cell::Text(t.to_string())))
            .collect();
        build_row(&cells, &ctx)
    }

    fn ok(cells: &[(Field, &str)]) -> (Supplier, Vec<Issue>) {
        match build(cells) {
            RowResult::Supplier(s, w) => (s.supplier, w),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn full_row() {
        let (s, w) = ok(&[
            (Field::Siret, "012 345 674 00019"),
            (Field::Name, "  Société\u{1b}[31m d’Électricité  "),
            (Field::Themes, "Électricité, bâtiment & energie"),
            (Field::Keywords, "Maintenance CVC\r\nAstreinte 24h/24"),
            (Field::Turnover, "1\u{a0}234\u{a0}567,89"),
            (Field::Headcount, "42"),
            (Field::CreatedOn, "15/03/2009"),
            (Field::Postcode, "45000"),
            (Field::Ess, "oui"),
            (Field::Cpv, "45210000-2|09310000"),
        ]);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.name, "Société d’Électricité");
        assert_eq!(s.siret.as_ref().unwrap().as_str(), "01234567400019");
        assert_eq!(s.siren.as_ref().unwrap().as_str(), "012345674");
        assert_eq!(s.themes, vec!["batiment-energie", "Électricité"]);
        assert_eq!(s.keywords, vec!["Maintenance CVC\nAstreinte 24h/24"]);
        assert_eq!(s.turnover_eur, Some(1234567.89));
        assert_eq!(s.size, Some(SizeCategory::Pme));
        assert_eq!(s.department, "45");
        assert!(s.ess && !s.siae);
        assert_eq!(s.cpv.len(), 2);
        assert_eq!(
            s.source,
            SourceRef {
                file: "f.csv".into(),
                line: 4
            }
        );
    }

    #[test]
    fn departments_contract_count_and_parallel_references() {
        let (s, w) = ok(&[
            (Field::Siret, "01234567400019"),
            (Field::Name, "Dupont"),
            (Field::Department, "93|75|92|75"),
            (Field::ContractCount, "12"),
            (
                Field::References,
                "Nettoyage des écoles, lot 2|Vitrerie|Espaces verts",
            ),
            (
                Field::ReferenceBuyers,
                "Ville de Montreuil||Région Île-de-France",
            ),
            (Field::ReferenceYears, "2019|2018|"),
            (Field::ReferenceAmounts, "12 500,50||80000"),
        ]);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(s.department, "93");
        assert_eq!(
            s.departments,
            vec!["93", "75", "92"],
            "main first, no duplicates"
        );
        assert_eq!(s.contract_count, Some(12));
        assert_eq!(s.references.len(), 3);
        assert_eq!(s.references[0].buyer, "Ville de Montreuil");
        assert_eq!(s.references[0].year, Some(2019));
        assert_eq!(s.references[0].amount_eur, Some(12500.5));
        assert_eq!(s.references[1].buyer, "");
        assert_eq!(
            (s.references[1].year, s.references[1].amount_eur),
            (Some(2018), None)
        );
        assert_eq!(s.references[2].buyer, "Région Île-de-France");
        assert_eq!(s.references[2].amount_eur, Some(80000.0));
    }

    #[test]
    fn one_departement_column_and_mismatched_reference_columns() {
        let (s, w) = ok(&[
            (Field::Siret, "01234567400019"),
            (Field::Name, "Dupont"),
            (Field::Department, "93, 75"),
            (Field::References, "Vitrerie|Espaces verts"),
            (Field::ReferenceBuyers, "Ville de Montreuil"),
        ]);
        assert_eq!((s.department.as_str(), s.departments.len()), ("93", 2));
        assert_eq!(s.references.len(), 2);
        assert!(s.references.iter().all(|r| r.buyer.is_empty()));
        assert!(
            matches!(w.as_slice(), [i] if i.kind == IssueKind::ReferencesMismatch(1, 2)),
            "{w:?}"
        );
        let (s, _) = ok(&[(Field::Name, "Durand"), (Field::Postcode, "93100")]);
        assert_eq!(
            (s.department.as_str(), s.departments.clone()),
            ("93", vec!["93".to_string()])
        );
        let RowResult::Rejected(r) = build(&[
            (Field::Name, "X"),
            (Field::References, "Vitrerie"),
            (Field::ReferenceYears, "vingt"),
        ]) else {
            panic!("a year that cannot be read rejects the row")
        };
        assert_eq!(r[0].kind, IssueKind::ReferenceYear("vingt".into()));
    }

    #[test]
    fn every_bad_value_is_a_rejection() {
        let RowResult::Rejected(r) = build(&[
            (Field::Siret, "1,23457E+13"),
            (Field::Name, "X"),
            (Field::CreatedOn, "30/02/2021"),
            (Field::Turnover, "beaucoup"),
        ]) else {
            panic!()
        };
        let fields: Vec<&str> = r.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["siret", "chiffre_affaires_eur", "date_creation"]
        );
        assert!(r.iter().all(|i| i.line == 4));
        assert!(matches!(r[2].kind, IssueKind::DateImpossible(_)));
    }

    #[test]
    fn missing_name_and_empty_rows() {
        assert!(matches!(
            build(&[(Field::Siret, "01234567400019")]),
            RowResult::Rejected(r) if r[0].kind == IssueKind::MissingName
        ));
        assert_eq!(
            build(&[(Field::Siret, " "), (Field::Name, "")]),
            RowResult::Empty
        );
    }

    #[test]
    fn warnings_for_repairs_and_missing_siret() {
        let (s, w) = ok(&[(Field::Siret, "987654100013"), (Field::Name, "A")]);
        assert_eq!(s.siret.unwrap().as_str(), "00987654100013");
        assert!(matches!(w[0].kind, IssueKind::SiretPadded(_, 12)));
        let (s, w) = ok(&[(Field::Name, "Sans SIRET")]);
        assert!(s.siret.is_none() && s.siren.is_none());
        assert_eq!(w[0].kind, IssueKind::SiretMissing);
        let (s, w) = ok(&[(Field::Siret, "000567891"), (Field::Name, "B")]);
        assert_eq!(s.siren.unwrap().as_str(), "000567891");
        assert!(matches!(w[0].kind, IssueKind::SirenOnly(_)));
    }

    #[test]
    fn provenance() {
        let (s, _) = ok(&[(Field::Name, "A"), (Field::Provenance, "suppliers.csv:12")]);
        assert_eq!(
            s.source,
            SourceRef {
                file: "suppliers.csv".into(),
                line: 12
            }
        );
        let (s, _) = ok(&[(Field::Name, "A"), (Field::Provenance, "DECP 2019")]);
        assert_eq!(
            s.source,
            SourceRef {
                file: "DECP 2019".into(),
                line: 4
            }
        );
    }

    #[test]
    fn theme_resolution() {
        let c = ThemeLookup::new(&catalog());
        assert_eq!(c.resolve("Bâtiment & Énergie"), "batiment-energie");
        assert_eq!(c.resolve("BUILDING & ENERGY"), "batiment-energie");
        assert_eq!(c.resolve("batiment-energie"), "batiment-energie");
        assert_eq!(c.resolve(" Électricité "), "Électricité");
    }
}
