//! SIRET and SIREN identifiers (INSEE, répertoire SIRENE).
//!
//! SIRET: 14 digits = SIREN (9) + NIC (5), checked with the Luhn algorithm.
//! SIREN: 9 digits, Luhn-checked. Establishments of La Poste (SIREN 356000000)
//! follow another rule: the sum of their SIRET digits is a multiple of 5.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a string is not a valid SIRET or SIREN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum IdError {
    /// Not made of the right number of ASCII digits.
    Length(String, usize),
    /// Holds something other than digits.
    NotDigits(String),
    /// Fails the Luhn checksum.
    Luhn(String),
}

/// Luhn checksum over ASCII digits: true when valid. Non-digits make it false.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

/// SIREN of La Poste, whose establishments use a different SIRET check.
pub const LA_POSTE_SIREN: &str = "356000000";

fn check_digits(s: &str, len: usize) -> Result<(), IdError> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::NotDigits(s.to_string()));
    }
    if s.len() != len {
        return Err(IdError::Length(s.to_string(), len));
    }
    Ok(())
}

/// A SIRET: exactly 14 ASCII digits, Luhn-valid with a Luhn-valid SIREN (or La Poste's rule).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siret(String);

impl Siret {
    /// Parses an already cleaned string of 14 digits.
    /// Err(Length|NotDigits) on shape, Err(Luhn) when the check fails.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        check_digits(s, 14)?;
        // A SIRET's first 9 digits are a SIREN, itself Luhn-checked: both must hold, or a
        // stored SIRET could yield a SIREN that does not decode.
        let ok = if s.starts_with(LA_POSTE_SIREN) {
            s.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0 || luhn_valid(s)
        } else {
            luhn_valid(s) && luhn_valid(&s[..9])
        };
        if ok {
            Ok(Siret(s.to_string()))
        } else {
            Err(IdError::Luhn(s.to_string()))
        }
    }
    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The SIREN: the first 9 digits (the legal unit).
    pub fn siren(&self) -> Siren {
        Siren(self.0[..9].to_string())
    }
}

impl TryFrom<String> for Siret {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Siret::parse(&s)
    }
}
impl From<Siret> for String {
    fn from(s: Siret) -> String {
        s.0
    }
}
impl fmt::Display for Siret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A SIREN: exactly 9 ASCII digits, Luhn-valid (La Poste's 356000000 included).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siren(String);

impl Siren {
    /// Parses 9 digits; Err(Length|NotDigits|Luhn) otherwise.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        check_digits(s, 9)?;
        if luhn_valid(s) {
            Ok(Siren(s.to_string()))
        } else {
            Err(IdError::Luhn(s.to_string()))
        }
    }
    /// The 9 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for Siren {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Siren::parse(&s)
    }
}
impl From<Siren> for String {
    fn from(s: Siren) -> String {
        s.0
    }
}
impl fmt::Display for Siren {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_known_sirets() {
        // SMACL and TOTAL MARKETING FRANCE, from the DECP 2019 awards.
        assert!(Siret::parse("30130960500410").is_ok());
        assert!(Siret::parse("53168044500024").is_ok());
        assert!(Siret::parse("01234567400019").is_ok());
    }

    #[test]
    fn luhn_refuses_altered_digit() {
        assert_eq!(
            Siret::parse("12345678200011"),
            Err(IdError::Luhn("12345678200011".into()))
        );
        assert!(Siret::parse("12345678200010").is_ok());
    }

    #[test]
    fn siret_needs_a_valid_siren_too() {
        // Luhn-valid over 14 digits, but its SIREN 123456780 fails the check.
        let s = "12345678000006";
        assert!(luhn_valid(s) && !luhn_valid(&s[..9]));
        assert!(matches!(Siret::parse(s), Err(IdError::Luhn(_))));
    }

    #[test]
    fn shape_errors() {
        assert!(matches!(Siret::parse("1234"), Err(IdError::Length(_, 14))));
        assert!(matches!(
            Siret::parse("1234567890123a"),
            Err(IdError::NotDigits(_))
        ));
        assert!(matches!(
            Siren::parse("12345678"),
            Err(IdError::Length(_, 9))
        ));
    }

    #[test]
    fn siren_is_first_nine_digits() {
        let s = Siret::parse("30130960500410").unwrap();
        assert_eq!(s.siren().as_str(), "301309605");
        assert!(Siren::parse("301309605").is_ok());
        assert!(Siren::parse("000567891").is_ok());
    }

    #[test]
    fn la_poste_rule() {
        // 356000000 + NIC whose digit sum makes the total a multiple of 5, not Luhn-valid.
        let s = "35600000000010";
        assert!(!luhn_valid(s));
        assert!(Siret::parse(s).is_ok());
        assert!(Siret::parse("35600000000002").is_err());
    }

    #[test]
    fn serde_round_trip_validates() {
        let s: Siret = serde_json::from_str("\"01234567400019\"").unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"01234567400019\"");
        assert!(serde_json::from_str::<Siret>("\"01234567400018\"").is_err());
    }
}
