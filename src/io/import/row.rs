//! One row (a CSV record or a JSON line) made into a supplier, or rejected with reasons.

use super::clean::{fold as identity_fold, line as clean_line, multiline};
use super::date::{parse_date, DateError};
use super::header::Field;
use super::merge::{FieldSet, Incoming};
use super::number::{parse_amount, parse_band_lower_bound, parse_count, NumberError};
use super::report::{Issue, IssueKind};
use super::siret::{read_siren, read_siret, Repair, SiretCell, SiretError};
use super::values::{
    parse_department, parse_flag, parse_naf, parse_postcode, parse_size, push_unique, split_list,
    Postcode,
};
use crate::domain::supplier::department_from_postcode;
use crate::domain::{ContractReference, CpvCode, SizeCategory, SourceRef, Supplier, ThemeCatalog};
use crate::i18n::Lang;

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
    fn is_blank(&self) -> bool {
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

/// Recognises catalog themes in theme cells: by slug, or by French or English label,
/// ignoring case, accents and punctuation. Built once per import.
#[derive(Debug, Clone, Default)]
pub struct ThemeLookup {
    /// Identity-folded slug or label → slug.
    keys: std::collections::HashMap<String, String>,
}

impl ThemeLookup {
    /// The lookup for a catalog.
    pub fn new(catalog: &ThemeCatalog) -> Self {
        let mut keys = std::collections::HashMap::new();
        for t in &catalog.themes {
            for name in [&t.slug, &t.label_fr, &t.label_en] {
                let k = identity_fold(name);
                if !k.is_empty() {
                    keys.entry(k).or_insert_with(|| t.slug.clone());
                }
            }
        }
        ThemeLookup { keys }
    }

    /// The slug of the catalog theme `label` names, else `label` itself, cleaned.
    pub fn resolve(&self, label: &str) -> String {
        let clean = clean_line(label);
        match self.keys.get(&identity_fold(&clean)) {
            Some(slug) => slug.clone(),
            None => clean,
        }
    }
}

/// Reads "file:line" provenance; free text keeps `line` as the line.
fn read_provenance(text: &str, line: u64) -> SourceRef {
    let t = clean_line(text);
    if let Some((file, n)) = t.rsplit_once(':') {
        if let Ok(n) = n.trim().parse::<u64>() {
            if !file.trim().is_empty() {
                return SourceRef {
                    file: file.trim().to_string(),
                    line: n,
                };
            }
        }
    }
    SourceRef { file: t, line }
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
    let mut b = Builder {
        s: Supplier::default(),
        ref_objects: Vec::new(),
        ref_columns: Vec::new(),
        given: FieldSet::default(),
        rejected: Vec::new(),
        warnings: Vec::new(),
        ctx,
    };
    b.s.source = SourceRef {
        file: ctx.file.to_string(),
        line: ctx.line,
    };
    for f in Field::ALL {
        if let Some(cell) = by_field[f as usize] {
            b.given.insert(f);
            b.read(f, cell);
        } else if f == Field::Siret {
            b.read(f, &Cell::Text(String::new()));
        } else if f == Field::Name {
            b.reject(Field::Name, IssueKind::MissingName);
        }
    }
    b.finish()
}

struct Builder<'a> {
    s: Supplier,
    /// The `references` cell of a CSV row split on `|`, empty values kept, so that the
    /// parallel `references_*` columns can be paired value for value.
    ref_objects: Vec<String>,
    /// The parallel columns as given: (field, values in position).
    ref_columns: Vec<(Field, Vec<String>)>,
    given: FieldSet,
    rejected: Vec<Issue>,
    warnings: Vec<Issue>,
    ctx: &'a RowContext<'a>,
}

impl Builder<'_> {
    fn reject(&mut self, f: Field, k: IssueKind) {
        self.rejected
            .push(Issue::new(self.ctx.line, f, k, self.ctx.lang));
    }
    fn warn(&mut self, f: Field, k: IssueKind) {
        self.warnings
            .push(Issue::new(self.ctx.line, f, k, self.ctx.lang));
    }

    /// The text of a one-value cell; Err for JSON arrays and objects.
    fn text<'c>(&mut self, f: Field, cell: &'c Cell) -> Option<&'c str> {
        match cell {
            Cell::Text(t) => Some(t),
            _ => {
                self.reject(f, IssueKind::JsonType);
                None
            }
        }
    }

    /// The values of a multi-valued cell.
    fn values(&mut self, f: Field, cell: &Cell) -> Vec<String> {
        match cell {
            Cell::Text(t) => split_list(t).into_iter().map(str::to_string).collect(),
            // A value of a JSON array never keeps the bundled format's list separator, so
            // that the CSV export can always be read back value for value.
            Cell::List(v) => v
                .iter()
                .map(|x| x.trim().replace('|', "/"))
                .filter(|x| !x.is_empty())
                .collect(),
            Cell::Refs(_) | Cell::Source(_) => {
                self.reject(f, IssueKind::JsonType);
                Vec::new()
            }
        }
    }

    fn read(&mut self, f: Field, cell: &Cell) {
        match f {
            Field::Siret => self.read_siret(cell),
            Field::Siren => {
                let Some(t) = self.text(f, cell) else { return };
                match read_siren(t) {
                    Ok(Some(siren)) => match &self.s.siret {
                        Some(siret) if siret.siren() != siren => {
                            let k = IssueKind::SirenMismatch(siren.to_string(), siret.to_string());
                            self.warn(f, k);
                        }
                        Some(_) => {}
                        None => self.s.siren = Some(siren),
                    },
                    Ok(None) => {}
                    Err(e) => {
                        let k = siret_issue(e);
                        self.reject(f, k);
                    }
                }
            }
            Field::Name => {
                let Some(t) = self.text(f, cell) else { return };
                let name = clean_line(t);
                if name.is_empty() {
                    self.reject(f, IssueKind::MissingName);
                }
                self.s.name = name;
            }
            Field::Size => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_size(t) {
                    Ok(v) => self.s.size = v,
                    Err(_) => self.reject(f, IssueKind::Size(clean_line(t))),
                }
            }
            Field::Headcount => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_count(t) {
                    Ok(v) => self.s.headcount = v,
                    Err(NumberError::NotANumber(_)) if parse_band_lower_bound(t).is_some() => {
                        // A band ("10 à 19"): no exact headcount, but the size it implies.
                        if let Some(lower) = parse_band_lower_bound(t) {
                            if self.s.size.is_none() {
                                self.s.size = Some(SizeCategory::from_headcount(lower));
                                self.given.insert(Field::Size);
                            }
                        }
                    }
                    Err(e) => {
                        let k = number_issue(e, true);
                        self.reject(f, k);
                    }
                }
            }
            Field::Turnover => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_amount(t) {
                    Ok(v) => self.s.turnover_eur = v,
                    Err(e) => {
                        let k = number_issue(e, false);
                        self.reject(f, k);
                    }
                }
            }
            Field::CreatedOn => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_date(t) {
                    Ok(v) => self.s.created_on = v,
                    Err(DateError::Format(c)) => self.reject(f, IssueKind::DateFormat(c)),
                    Err(DateError::Impossible(c)) => self.reject(f, IssueKind::DateImpossible(c)),
                }
            }
            Field::Postcode => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_postcode(t) {
                    Ok(Postcode::Empty) => {}
                    Ok(Postcode::Ok(p)) => self.s.postcode = p,
                    Ok(Postcode::Padded(p)) => {
                        self.warn(f, IssueKind::PostcodePadded(p.clone()));
                        self.s.postcode = p;
                    }
                    Err(_) => self.reject(f, IssueKind::Postcode(clean_line(t))),
                }
            }
            Field::City => {
                let Some(t) = self.text(f, cell) else { return };
                self.s.city = clean_line(t);
            }
            Field::Department => {
                for v in self.values(f, cell) {
                    match parse_department(&v) {
                        Ok(Some(d)) => push_unique(&mut self.s.departments, d),
                        Ok(None) => {}
                        Err(_) => self.reject(f, IssueKind::Department(clean_line(&v))),
                    }
                }
                self.s.department = self.s.departments.first().cloned().unwrap_or_default();
            }
            Field::ContractCount => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_count(t) {
                    Ok(v) => self.s.contract_count = v,
                    Err(e) => {
                        let k = number_issue(e, true);
                        self.reject(f, k);
                    }
                }
            }
            Field::ReferenceBuyers | Field::ReferenceYears | Field::ReferenceAmounts => {
                let Some(t) = self.text(f, cell) else { return };
                let values = t.split('|').map(|v| v.trim().to_string()).collect();
                self.ref_columns.push((f, values));
            }
            Field::Ess | Field::Siae | Field::Adapted => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_flag(t) {
                    Ok(v) => {
                        let v = v.unwrap_or(false);
                        match f {
                            Field::Ess => self.s.ess = v,
                            Field::Siae => self.s.siae = v,
                            _ => self.s.adapted = v,
                        }
                    }
                    Err(_) => self.reject(f, IssueKind::Flag(clean_line(t))),
                }
            }
            Field::Themes => {
                for v in self.values(f, cell) {
                    let slug = self.ctx.themes.resolve(&v);
                    push_unique(&mut self.s.themes, slug);
                }
            }
            Field::Cpv => {
                for v in self.values(f, cell) {
                    for token in v.split_whitespace() {
                        match CpvCode::parse(token) {
                            Ok(c) => {
                                if !self.s.cpv.contains(&c) {
                                    self.s.cpv.push(c);
                                }
                            }
                            Err(_) => self.reject(f, IssueKind::Cpv(clean_line(token))),
                        }
                    }
                }
            }
            Field::Keywords => {
                for v in self.values(f, cell) {
                    let k = multiline(&v);
                    push_unique(&mut self.s.keywords, k);
                }
            }
            Field::Naf => {
                let Some(t) = self.text(f, cell) else { return };
                match parse_naf(t) {
                    Ok(v) => self.s.naf = v,
                    Err(_) => self.reject(f, IssueKind::Naf(clean_line(t))),
                }
            }
            Field::Description => {
                let Some(t) = self.text(f, cell) else { return };
                self.s.description = multiline(t);
            }
            Field::References => {
                let refs: Vec<ContractReference> = match cell {
                    Cell::Refs(v) => v
                        .iter()
                        .map(|r| ContractReference {
                            buyer: clean_line(&r.buyer.replace('|', "/")),
                            object: clean_line(&r.object.replace('|', "/")),
                            year: r.year,
                            amount_eur: r.amount_eur.filter(|a| a.is_finite() && *a >= 0.0),
                        })
                        .filter(|r| !r.object.is_empty())
                        .collect(),
                    Cell::Text(t) => {
                        self.ref_objects = t.split('|').map(clean_line).collect();
                        // The export ends a single object holding `,` or `;` with `|`.
                        if self.ref_objects.len() > 1
                            && self.ref_objects.last().is_some_and(String::is_empty)
                        {
                            self.ref_objects.pop();
                        }
                        // Paired with the parallel columns in `finish`.
                        return;
                    }
                    other => self
                        .values(f, other)
                        .iter()
                        .map(|o| ContractReference {
                            object: clean_line(o),
                            ..Default::default()
                        })
                        .filter(|r| !r.object.is_empty())
                        .collect(),
                };
                for r in refs {
                    if !self.s.references.contains(&r) {
                        self.s.references.push(r);
                    }
                }
            }
            Field::Website => {
                let Some(t) = self.text(f, cell) else { return };
                self.s.website = clean_line(t);
            }
            Field::Email => {
                let Some(t) = self.text(f, cell) else { return };
                self.s.email = clean_line(t);
            }
            Field::Provenance => match cell {
                Cell::Source(src) => {
                    self.s.source = SourceRef {
                        file: clean_line(&src.file),
                        line: src.line,
                    }
                }
                Cell::Text(t) => self.s.source = read_provenance(t, self.ctx.line),
                _ => self.reject(f, IssueKind::JsonType),
            },
            Field::Ignored => {}
        }
    }

    fn read_siret(&mut self, cell: &Cell) {
        let f = Field::Siret;
        let Some(t) = self.text(f, cell) else { return };
        match read_siret(t) {
            Ok(SiretCell::Empty) => {}
            Ok(SiretCell::Siret { siret, repair }) => {
                match repair {
                    Some(Repair::DecimalSuffix) => {
                        self.warn(f, IssueKind::SiretDecimal(siret.to_string()))
                    }
                    Some(Repair::Padded { digits }) => {
                        self.warn(f, IssueKind::SiretPadded(siret.to_string(), digits))
                    }
                    None => {}
                }
                self.s.siren = Some(siret.siren());
                self.s.siret = Some(siret);
            }
            Ok(SiretCell::Siren(siren)) => {
                self.warn(f, IssueKind::SirenOnly(siren.to_string()));
                self.s.siren = Some(siren);
            }
            Err(e) => {
                let k = siret_issue(e);
                self.reject(f, k);
            }
        }
    }

    /// Pairs the CSV `references` cell with its parallel columns (buyer, year, amount),
    /// value for value. A parallel column with another number of values than the objects is
    /// ignored with a warning; a year or an amount that cannot be read rejects the row.
    fn pair_references(&mut self) {
        let objects = std::mem::take(&mut self.ref_objects);
        let mut refs: Vec<ContractReference> = objects
            .iter()
            .map(|o| ContractReference {
                object: o.replace('|', "/"),
                ..Default::default()
            })
            .collect();
        for (f, values) in std::mem::take(&mut self.ref_columns) {
            if values.iter().all(String::is_empty) {
                continue;
            }
            if values.len() != refs.len() {
                self.warn(f, IssueKind::ReferencesMismatch(values.len(), refs.len()));
                continue;
            }
            for (r, v) in refs.iter_mut().zip(&values) {
                if v.is_empty() {
                    continue;
                }
                match f {
                    Field::ReferenceBuyers => r.buyer = clean_line(v),
                    Field::ReferenceYears => match v.parse::<i16>() {
                        Ok(y) if (1900..=2100).contains(&y) => r.year = Some(y),
                        _ => self.reject(f, IssueKind::ReferenceYear(clean_line(v))),
                    },
                    _ => match parse_amount(v) {
                        Ok(a) => r.amount_eur = a,
                        Err(e) => {
                            let k = number_issue(e, false);
                            self.reject(f, k);
                        }
                    },
                }
            }
        }
        for r in refs.into_iter().filter(|r| !r.object.is_empty()) {
            if !self.s.references.contains(&r) {
                self.s.references.push(r);
            }
        }
    }

    fn finish(mut self) -> RowResult {
        self.pair_references();
        if !self.rejected.is_empty() {
            return RowResult::Rejected(self.rejected);
        }
        if self.s.siret.is_none() && self.s.siren.is_none() {
            self.warn(Field::Siret, IssueKind::SiretMissing);
        }
        if self.s.size.is_none() {
            if let Some(h) = self.s.headcount {
                self.s.size = Some(SizeCategory::from_headcount(h));
                self.given.insert(Field::Size);
            }
        }
        if self.s.department.is_empty() {
            if let Some(d) = department_from_postcode(&self.s.postcode) {
                self.s.departments.insert(0, d.clone());
                self.s.department = d;
                self.given.insert(Field::Department);
            }
        }
        self.s.themes.sort();
        let line = self.ctx.line;
        RowResult::Supplier(
            Box::new(Incoming {
                supplier: self.s,
                given: self.given,
                line,
            }),
            self.warnings,
        )
    }
}

fn siret_issue(e: SiretError) -> IssueKind {
    match e {
        SiretError::Scientific(c) => IssueKind::SiretScientific(c),
        SiretError::NotDigits(c) => IssueKind::SiretNotDigits(c),
        SiretError::Length(d, n) => IssueKind::SiretLength(d, n),
        SiretError::PaddedLuhn(d) => IssueKind::SiretPaddedLuhn(d),
        SiretError::Luhn(d) => IssueKind::SiretLuhn(d),
        SiretError::SirenLuhn(d) => IssueKind::SirenLuhn(d),
        SiretError::SirenPartLuhn(d) => IssueKind::SirenPartLuhn(d),
    }
}

fn number_issue(e: NumberError, count: bool) -> IssueKind {
    match e {
        NumberError::Scientific(c) => IssueKind::NumberScientific(c),
        NumberError::Negative(c) => IssueKind::Negative(c),
        NumberError::NotANumber(c) | NumberError::NotAWholeNumber(c) => {
            if count {
                IssueKind::Count(c)
            } else {
                IssueKind::Amount(c)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Theme;

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
