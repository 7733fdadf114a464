//! Reading a registration file line by line into registrations per day, with the report's
//! unmatched and rejected lines and its warnings.

use super::columns::{map_header, Column};
use super::matching::{DirectoryIndex, Match};
use super::report::{RegistrationIssue, RegistrationReport, Unmatched};
use super::{RegistrationError, RegistrationOptions};
use crate::domain::forum::registration::parse_availability;
use crate::domain::forum::Registration;
use crate::domain::text::clean_line;
use crate::i18n::{texts, Lang};
use crate::io::import::date::parse_date;
use crate::io::import::decode::TextEncoding;
use crate::io::import::report::IssueKind;
use crate::io::import::row_fields::siret_issue;
use crate::io::import::siret::{read_siret, Repair, SiretCell};
use crate::io::import::source::{sniff, CsvRows, Format};
use jiff::civil::Date;
use std::collections::HashMap;

/// What the file holds: (day, registration) pairs and the report so far.
pub(super) struct Read {
    pub(super) registrations: Vec<(Date, Registration)>,
    pub(super) report: RegistrationReport,
}

/// Lines above the header searched for it (title lines of an export).
const HEADER_SEARCH: usize = 12;

pub(super) fn read<R: std::io::Read>(
    reader: R,
    file: &str,
    opts: &RegistrationOptions,
    index: &DirectoryIndex,
    days: &[Date],
) -> Result<Read, RegistrationError> {
    let io_err = |source| RegistrationError::Read {
        path: file.to_string(),
        source,
    };
    let sniffed = sniff(reader, file, opts.delimiter).map_err(io_err)?;
    let delimiter = match sniffed.format {
        Format::Csv(d) => d,
        Format::JsonLines => b',',
        Format::Spreadsheet => return Err(RegistrationError::Spreadsheet(file.to_string())),
    };
    let mut rows = CsvRows::new(sniffed.stream, delimiter);
    let mut header = None;
    for _ in 0..HEADER_SEARCH {
        let Some(row) = rows.next_row().map_err(io_err)? else {
            break;
        };
        if let Some(h) = map_header(&row.cells) {
            header = Some(h);
            break;
        }
    }
    let Some(header) = header else {
        return Err(RegistrationError::NoHeader {
            file: file.to_string(),
        });
    };
    let mut state = State {
        lang: opts.lang,
        index,
        days,
        out: Read {
            registrations: Vec::new(),
            report: RegistrationReport::default(),
        },
        seen: HashMap::new(),
        registered: Default::default(),
        windows_1252: false,
    };
    while let Some(row) = rows.next_row().map_err(io_err)? {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if row.encoding == TextEncoding::Windows1252 && !state.windows_1252 {
            state.windows_1252 = true;
            let reason = IssueKind::Windows1252.text(opts.lang);
            state.warn(row.line, "fichier", reason);
        }
        let cell = |c: Column| {
            header
                .iter()
                .find(|(k, _)| *k == c)
                .and_then(|(_, i)| row.cells.get(*i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        state.line(
            row.line,
            Cells {
                siret: cell(Column::Siret),
                name: cell(Column::Name),
                postcode: cell(Column::Postcode),
                days: cell(Column::Days),
                availability: cell(Column::Availability),
                themes: cell(Column::Themes),
            },
        );
    }
    Ok(state.out)
}

struct Cells<'a> {
    siret: &'a str,
    name: &'a str,
    postcode: &'a str,
    days: &'a str,
    availability: &'a str,
    themes: &'a str,
}

struct State<'a> {
    lang: Lang,
    index: &'a DirectoryIndex,
    days: &'a [Date],
    out: Read,
    /// Supplier → the line that registered it first.
    seen: HashMap<crate::domain::SupplierId, u64>,
    /// Suppliers registered (a line seen twice counts once).
    registered: std::collections::HashSet<crate::domain::SupplierId>,
    windows_1252: bool,
}

impl State<'_> {
    fn warn(&mut self, line: u64, field: &str, reason: String) {
        self.out.report.warnings.push(RegistrationIssue {
            line,
            field: field.to_string(),
            reason: crate::domain::text::sanitize(&reason, false),
        });
    }

    fn reject(&mut self, line: u64, field: Column, reason: String) {
        self.out.report.rejected.push(RegistrationIssue {
            line,
            field: field.name().to_string(),
            reason: crate::domain::text::sanitize(&reason, false),
        });
    }

    fn line(&mut self, line: u64, c: Cells<'_>) {
        let t = &texts(self.lang).registrations;
        self.out.report.lines += 1;
        // Identity.
        let (mut siret, mut siren) = (None, None);
        match read_siret(c.siret) {
            Ok(SiretCell::Empty) => {}
            Ok(SiretCell::Siret { siret: s, repair }) => {
                if let Some(repair) = repair {
                    let kind = match repair {
                        Repair::DecimalSuffix => IssueKind::SiretDecimal(s.as_str().to_string()),
                        Repair::Padded { digits } => {
                            IssueKind::SiretPadded(s.as_str().to_string(), digits)
                        }
                    };
                    self.warn(line, Column::Siret.name(), kind.text(self.lang));
                }
                siret = Some(s.as_str().to_string());
            }
            Ok(SiretCell::Siren(s)) => siren = Some(s.as_str().to_string()),
            Err(e) => {
                let why = siret_issue(e).text(self.lang);
                self.warn(line, Column::Siret.name(), (t.siret_unusable)(&why));
            }
        }
        let found = self
            .index
            .find(siret.as_deref(), siren.as_deref(), c.name, c.postcode);
        let Some(supplier) = found.supplier() else {
            let reason = match found {
                Match::Ambiguous(n) => (t.ambiguous)(n),
                Match::NoPostcode => t.no_postcode.to_string(),
                _ if siret.is_some() || siren.is_some() => t.unknown_siret.to_string(),
                _ => t.unknown.to_string(),
            };
            self.out.report.unmatched.push(Unmatched {
                line,
                name: clean_line(c.name),
                postcode: clean_line(c.postcode),
                siret: clean_line(c.siret),
                reason,
            });
            return;
        };
        if matches!(found, Match::NamePostcode(_)) && siret.is_some() {
            let name = clean_line(self.index.name(supplier));
            self.warn(line, Column::Siret.name(), (t.matched_by_name)(&name));
        }
        if let Some(first) = self.seen.get(&supplier).copied() {
            let name = clean_line(self.index.name(supplier));
            self.warn(line, Column::Name.name(), (t.twice)(&name, first));
            self.out
                .registrations
                .retain(|(_, r)| r.supplier != supplier);
            self.registered.remove(&supplier);
        }
        self.seen.insert(supplier, line);
        // Days.
        let (days, unknown) = self.days_of(c.days);
        for u in &unknown {
            let reason = (t.unknown_day)(&clean_line(u));
            if days.is_empty() {
                self.reject(line, Column::Days, reason);
            } else {
                self.warn(line, Column::Days.name(), reason);
            }
        }
        if days.is_empty() {
            if unknown.is_empty() {
                self.reject(line, Column::Days, t.no_day.to_string());
            }
            return;
        }
        // Availability.
        let availability = match parse_availability(c.availability) {
            Ok(a) => a,
            Err(part) => {
                self.reject(
                    line,
                    Column::Availability,
                    (t.bad_availability)(&clean_line(&part)),
                );
                return;
            }
        };
        let themes: Vec<String> = c
            .themes
            .split([',', ';', '|', '\n'])
            .map(clean_line)
            .filter(|s| !s.is_empty())
            .collect();
        self.registered.insert(supplier);
        self.out.report.matched = self.registered.len();
        for d in days {
            self.out.registrations.push((
                d,
                Registration {
                    supplier,
                    availability: availability.clone(),
                    themes: themes.clone(),
                },
            ));
        }
    }

    /// The forum days a cell names, and the parts that name none.
    fn days_of(&self, cell: &str) -> (Vec<Date>, Vec<String>) {
        let lowered = cell.to_lowercase().replace(" et ", ",");
        let mut found = Vec::new();
        let mut unknown = Vec::new();
        let all = crate::domain::text::identity_fold(&lowered);
        if matches!(
            all.as_str(),
            "" | "tous" | "toutes" | "lesdeux" | "touslesjours" | "all" | "both"
        ) {
            return (self.days.to_vec(), unknown);
        }
        for part in lowered.split([',', ';', '+', '\n']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let date = match parse_date(part) {
                Ok(Some(d)) => self.days.iter().copied().find(|x| *x == d),
                // "17/03": the forum day with that day and month, when only one has them.
                _ => day_month(part).and_then(|(d, m)| {
                    let mut hits = self
                        .days
                        .iter()
                        .copied()
                        .filter(|x| x.day() == d && x.month() == m);
                    match (hits.next(), hits.next()) {
                        (Some(x), None) => Some(x),
                        _ => None,
                    }
                }),
            };
            match date {
                Some(d) if !found.contains(&d) => found.push(d),
                Some(_) => {}
                None => unknown.push(part.to_string()),
            }
        }
        (found, unknown)
    }
}

/// "17/03" or "17-03" as (day, month).
fn day_month(s: &str) -> Option<(i8, i8)> {
    let (d, m) = s.split_once(['/', '-', '.'])?;
    let d: i8 = d.trim().parse().ok()?;
    let m: i8 = m.trim().parse().ok()?;
    ((1..=31).contains(&d) && (1..=12).contains(&m)).then_some((d, m))
}
