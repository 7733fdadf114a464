//! CPV codes (Common Procurement Vocabulary, CPV 2008, Regulation (EC) 213/2008).
//!
//! A code is 8 digits plus a check digit ("45210000-2"). Its significant
//! prefix gives its level: division (2 digits) > group (3) > class (4) >
//! category (5) > sub-category (6 to 8).

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// A CPV code stored as its 8 digits (the check digit comes from the official list).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CpvCode(String);

/// Why a string is not a CPV code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub struct InvalidCpv(pub String);

/// Level of a CPV code in the hierarchy, from its number of significant digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CpvLevel {
    /// 2 significant digits, e.g. 45000000 (Travaux de construction).
    Division,
    /// 3 significant digits.
    Group,
    /// 4 significant digits.
    Class,
    /// 5 significant digits.
    Category,
    /// 6 to 8 significant digits.
    SubCategory,
}

impl CpvCode {
    /// Parses "45210000", "45210000-2" or "4521000" (7 digits, a leading zero lost by a
    /// spreadsheet). A check digit, when given, must be one digit; it is checked against the
    /// official list by [`CpvCatalog::check_digit`], not here. Err(InvalidCpv) otherwise.
    pub fn parse(s: &str) -> Result<Self, InvalidCpv> {
        let t = s.trim();
        let (digits, check) = match t.split_once('-') {
            Some((d, c)) => (d, Some(c)),
            None => (t, None),
        };
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || digits.len() > 8
            || digits.len() < 7
        {
            return Err(InvalidCpv(s.to_string()));
        }
        let code = format!("{digits:0>8}");
        if let Some(c) = check {
            if c.len() != 1 || !c.as_bytes()[0].is_ascii_digit() {
                return Err(InvalidCpv(s.to_string()));
            }
        }
        Ok(CpvCode(code))
    }
    /// The 8 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The significant prefix: trailing zeros removed, never shorter than 2 digits.
    pub fn significant(&self) -> &str {
        let t = self.0.trim_end_matches('0');
        if t.len() < 2 {
            &self.0[..2]
        } else {
            t
        }
    }
    /// Level from the significant prefix length.
    pub fn level(&self) -> CpvLevel {
        match self.significant().len() {
            0..=2 => CpvLevel::Division,
            3 => CpvLevel::Group,
            4 => CpvLevel::Class,
            5 => CpvLevel::Category,
            _ => CpvLevel::SubCategory,
        }
    }
    /// Length of the common prefix of two codes, in digits (0 to 8).
    pub fn common_prefix(&self, other: &CpvCode) -> usize {
        self.0
            .bytes()
            .zip(other.0.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    }
    /// Division, the first 2 digits ("45").
    pub fn division(&self) -> &str {
        &self.0[..2]
    }
    /// True when this code is `other` or below it in the hierarchy.
    pub fn is_within(&self, other: &CpvCode) -> bool {
        self.0.starts_with(other.significant())
    }
}

impl TryFrom<String> for CpvCode {
    type Error = InvalidCpv;
    fn try_from(s: String) -> Result<Self, InvalidCpv> {
        CpvCode::parse(&s)
    }
}
impl From<CpvCode> for String {
    fn from(c: CpvCode) -> String {
        c.0
    }
}
impl fmt::Display for CpvCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The official CPV 2008 labels, French and English, keyed by the 8 digits.
#[derive(Debug, Clone, Default)]
pub struct CpvCatalog {
    labels: HashMap<String, (String, String)>,
    checks: HashMap<String, u8>,
}

impl CpvCatalog {
    /// Adds or replaces one code's French and English labels.
    pub fn insert(&mut self, code: &CpvCode, fr: String, en: String) {
        self.labels.insert(code.0.clone(), (fr, en));
    }
    /// Records the official check digit of a code (the digit after '-' in the list).
    pub fn insert_check_digit(&mut self, code: &CpvCode, digit: u8) {
        self.checks.insert(code.0.clone(), digit);
    }
    /// The official check digit, for codes of the list.
    pub fn check_digit(&self, code: &CpvCode) -> Option<u8> {
        self.checks.get(&code.0).copied()
    }
    /// The code as the official list writes it, "45210000-2"; the 8 digits alone when unknown.
    pub fn display_code(&self, code: &CpvCode) -> String {
        match self.check_digit(code) {
            Some(d) => format!("{}-{d}", code.0),
            None => code.0.clone(),
        }
    }
    /// Number of codes known.
    pub fn len(&self) -> usize {
        self.labels.len()
    }
    /// True when no code is known.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
    /// Label in `lang`, or None for an unknown code.
    pub fn label(&self, code: &CpvCode, lang: Lang) -> Option<&str> {
        self.labels.get(&code.0).map(|(fr, en)| match lang {
            Lang::Fr => fr.as_str(),
            Lang::En => en.as_str(),
        })
    }
    /// All codes with their labels, unordered.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.labels
            .iter()
            .map(|(k, (fr, en))| (k.as_str(), fr.as_str(), en.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks() {
        let c = CpvCode::parse("45210000-2").unwrap();
        assert_eq!(c.as_str(), "45210000");
        assert!(CpvCode::parse("45210000-x").is_err());
        assert_eq!(CpvCode::parse("3000000").unwrap().as_str(), "03000000");
        assert!(CpvCode::parse("4521").is_err());
        assert!(CpvCode::parse("4521000x").is_err());
    }

    #[test]
    fn hierarchy_levels() {
        let lv = |s: &str| CpvCode::parse(s).unwrap().level();
        assert_eq!(lv("45000000"), CpvLevel::Division);
        assert_eq!(lv("45200000"), CpvLevel::Group);
        assert_eq!(lv("45210000"), CpvLevel::Class);
        assert_eq!(lv("45261000"), CpvLevel::Category);
        assert_eq!(lv("45261210"), CpvLevel::SubCategory);
        let a = CpvCode::parse("45261210").unwrap();
        let b = CpvCode::parse("45261000").unwrap();
        assert!(a.is_within(&b));
        assert!(!b.is_within(&a));
        assert_eq!(a.common_prefix(&b), 5);
        assert_eq!(a.division(), "45");
    }
}
