//! Matching a registration line to a directory supplier: by SIRET, else by SIREN when it
//! names one supplier, else by exact folded name and postcode. Nothing else is tried: an
//! unmatched line is reported, never guessed.

use crate::domain::{Supplier, SupplierId};
use crate::io::import::clean::fold;
use std::collections::HashMap;

/// The directory, indexed the three ways a registration line is matched.
#[derive(Debug, Default)]
pub struct DirectoryIndex {
    by_siret: HashMap<String, SupplierId>,
    by_siren: HashMap<String, Vec<SupplierId>>,
    by_name_postcode: HashMap<(String, String), Vec<SupplierId>>,
    names: HashMap<SupplierId, String>,
}

/// How a line was matched, or why it was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// By its SIRET.
    Siret(SupplierId),
    /// By its SIREN, the only supplier of that company in the directory.
    Siren(SupplierId),
    /// By its name and postcode (no SIRET given, or one the directory does not hold).
    NamePostcode(SupplierId),
    /// Several suppliers share that SIREN, or that name and postcode: which one is meant
    /// cannot be told (their count).
    Ambiguous(usize),
    /// A name but no postcode, and no SIRET that matched: a name alone is not enough.
    NoPostcode,
    /// Nothing in the directory has that SIRET, or that name and postcode.
    Unknown,
}

impl Match {
    /// The supplier matched, if any.
    pub fn supplier(&self) -> Option<SupplierId> {
        match self {
            Match::Siret(id) | Match::Siren(id) | Match::NamePostcode(id) => Some(*id),
            _ => None,
        }
    }
}

/// A postcode as written in a spreadsheet, normalised to 5 digits: spaces removed, a
/// leading zero Excel dropped put back ("1000" → "01000"); empty when it is not one.
pub fn postcode(cell: &str) -> String {
    let digits: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = digits.strip_suffix(".0").unwrap_or(&digits);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return String::new();
    }
    match digits.len() {
        5 => digits.to_string(),
        4 => format!("0{digits}"),
        _ => String::new(),
    }
}

impl DirectoryIndex {
    /// Adds a supplier.
    pub fn add(&mut self, s: &Supplier) {
        if let Some(siret) = &s.siret {
            self.by_siret.insert(siret.as_str().to_string(), s.id);
        }
        let siren = s
            .siren
            .as_ref()
            .map(|x| x.as_str().to_string())
            .or_else(|| s.siret.as_ref().map(|x| x.as_str()[..9].to_string()));
        if let Some(siren) = siren {
            self.by_siren.entry(siren).or_default().push(s.id);
        }
        let pc = postcode(&s.postcode);
        let name = fold(&s.name);
        if !pc.is_empty() && !name.is_empty() {
            self.by_name_postcode
                .entry((name, pc))
                .or_default()
                .push(s.id);
        }
        self.names.insert(s.id, s.name.clone());
    }

    /// The name of a supplier of the index.
    pub fn name(&self, id: SupplierId) -> &str {
        self.names.get(&id).map(String::as_str).unwrap_or("")
    }

    /// Matches a line from its SIRET (14 digits), SIREN (9), name and postcode (any may be
    /// None or empty).
    pub fn find(
        &self,
        siret: Option<&str>,
        siren: Option<&str>,
        name: &str,
        postcode_cell: &str,
    ) -> Match {
        if let Some(id) = siret.and_then(|s| self.by_siret.get(s)) {
            return Match::Siret(*id);
        }
        let siren = siren.or_else(|| siret.map(|s| &s[..9.min(s.len())]));
        let mut ambiguous = 0;
        if let Some(ids) = siren.and_then(|s| self.by_siren.get(s)) {
            // A SIRET of another establishment of a company the directory knows once is
            // still that company; a SIREN with several establishments is not one of them.
            if ids.len() == 1 && siret.is_none() {
                return Match::Siren(ids[0]);
            }
            ambiguous = ids.len();
        }
        let name = fold(name);
        if name.is_empty() {
            return if ambiguous > 1 {
                Match::Ambiguous(ambiguous)
            } else {
                Match::Unknown
            };
        }
        let pc = postcode(postcode_cell);
        if pc.is_empty() {
            return Match::NoPostcode;
        }
        match self.by_name_postcode.get(&(name, pc)).map(Vec::as_slice) {
            Some([one]) => Match::NamePostcode(*one),
            Some(many) if many.len() > 1 => Match::Ambiguous(many.len()),
            _ => Match::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::domain::siret::Siret;

    fn supplier(id: SupplierId, name: &str, siret: Option<&str>, pc: &str) -> Supplier {
        Supplier {
            id,
            name: name.to_string(),
            siret: siret.map(|x| Siret::parse(x).unwrap()),
            postcode: pc.to_string(),
            ..Supplier::default()
        }
    }

    #[test]
    fn siret_then_name_and_postcode_never_a_guess() {
        let mut ix = DirectoryIndex::default();
        ix.add(&supplier(1, "SCIC L'Éole", Some("73282932000074"), "75011"));
        ix.add(&supplier(2, "Menuiserie Dupré", None, "01000"));
        ix.add(&supplier(3, "Net Services", None, "93200"));
        ix.add(&supplier(4, "NET SERVICES", None, "93200"));
        assert_eq!(
            ix.find(Some("73282932000074"), None, "", ""),
            Match::Siret(1)
        );
        assert_eq!(ix.find(None, Some("732829320"), "", ""), Match::Siren(1));
        assert_eq!(
            ix.find(None, None, "menuiserie dupre", "1000"),
            Match::NamePostcode(2)
        );
        assert_eq!(
            ix.find(None, None, "Net services", "93200"),
            Match::Ambiguous(2)
        );
        assert_eq!(
            ix.find(None, None, "Menuiserie Dupré", ""),
            Match::NoPostcode
        );
        assert_eq!(
            ix.find(None, None, "Menuiserie Dupré", "75011"),
            Match::Unknown
        );
        assert_eq!(ix.find(None, None, "Menuiserie", "01000"), Match::Unknown);
    }

    #[test]
    fn postcodes_as_spreadsheets_leave_them() {
        assert_eq!(postcode("75 011"), "75011");
        assert_eq!(postcode("1000"), "01000");
        assert_eq!(postcode("93200.0"), "93200");
        assert_eq!(postcode("Paris"), "");
    }
}
