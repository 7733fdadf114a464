//! Reading the cells of one row, field by field, into a supplier: values checked and
//! cleaned, repairs kept as warnings, values that cannot be read kept as rejections.

use super::clean::{line as clean_line, multiline};
use super::date::{parse_date, DateError};
use super::header::Field;
use super::merge::{FieldSet, Incoming};
use super::number::{parse_amount, parse_band_lower_bound, parse_count, NumberError};
use super::report::{Issue, IssueKind};
use super::row::{Cell, RowContext, RowResult};
use super::siret::{read_siren, read_siret, Repair, SiretCell, SiretError};
use super::values::{
    parse_department, parse_flag, parse_naf, parse_postcode, parse_size, push_unique, split_list,
    Postcode,
};
use crate::domain::supplier::department_from_postcode;
use crate::domain::{ContractReference, CpvCode, SizeCategory, SourceRef, Supplier};

/// Reads the cells of one row, one per field (`by_field[field as usize]`, the cell chosen
/// by [`super::row::build_row`]), into a supplier or a rejection.
pub(super) fn read_fields(
    by_field: &[Option<&Cell>; Field::ALL.len() + 1],
    ctx: &RowContext<'_>,
) -> RowResult {
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

pub(crate) fn siret_issue(e: SiretError) -> IssueKind {
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
