//! Reading a SIRET cell as spreadsheets leave it.
//!
//! Rules (issue 3, item 2): the SIRET stays a string; ordinary, no-break (U+00A0), narrow
//! no-break (U+202F) and thin spaces are removed; a trailing `.0` is removed with a warning;
//! 12 or 13 digits are padded with leading zeros only when the padded number passes the check,
//! with a warning; Excel's scientific notation is refused (digits are lost); 9 digits are a
//! SIREN; a failed Luhn check is refused (La Poste's establishments follow their own rule,
//! see [`Siret::parse`]); an empty cell is accepted and flagged.

use crate::domain::siret::{luhn_valid, Siren, Siret};

/// What a SIRET cell holds once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiretCell {
    /// Nothing: the supplier has no SIRET (flagged as a warning).
    Empty,
    /// A valid SIRET, possibly repaired (then `repair` says how).
    Siret {
        /// The 14 digits.
        siret: Siret,
        /// How the cell was repaired, when it was.
        repair: Option<Repair>,
    },
    /// 9 digits: a SIREN, accepted as such.
    Siren(Siren),
}

/// A repair applied to a SIRET cell, reported as a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// A trailing ".0" (a number cell read back as a float) was removed.
    DecimalSuffix,
    /// Leading zeros lost by a spreadsheet were restored (the padded number passes the check).
    Padded {
        /// Number of digits in the cell.
        digits: usize,
    },
}

/// Why a SIRET cell is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiretError {
    /// Excel's scientific notation: digits are lost, nothing can be stored.
    Scientific(String),
    /// Characters other than digits and spaces.
    NotDigits(String),
    /// A number of digits that is neither 14 (SIRET) nor 9 (SIREN), nor a repairable 12 or 13.
    Length(String, usize),
    /// 12 or 13 digits that do not pass the check once padded.
    PaddedLuhn(String),
    /// 14 digits failing the Luhn check.
    Luhn(String),
    /// 9 digits failing the Luhn check.
    SirenLuhn(String),
    /// 14 digits passing the Luhn check while their first 9 (the SIREN) fail it: no real
    /// SIRET is like that (and the SIREN could not be stored).
    SirenPartLuhn(String),
}

/// A SIRET from 14 cleaned digits: the whole passes the Luhn check (La Poste: its own rule)
/// and so does its SIREN.
/// (`Siret::parse` checks both; this tells the user which one failed.)
fn checked_siret(digits: &str) -> Result<Siret, SiretError> {
    Siret::parse(digits).map_err(|_| {
        if crate::domain::siret::luhn_valid(digits) {
            SiretError::SirenPartLuhn(digits.to_string())
        } else {
            SiretError::Luhn(digits.to_string())
        }
    })
}

/// Removes the spaces a spreadsheet or a human puts in a number: ordinary, tab, no-break
/// (U+00A0), narrow no-break (U+202F), thin (U+2009), figure (U+2007) and the apostrophe
/// some locales group digits with.
pub fn strip_spaces(s: &str) -> String {
    const SPACES: [char; 7] = [
        ' ', '\t', '\u{a0}', '\u{202f}', '\u{2009}', '\u{2007}', '\u{2008}',
    ];
    if !s.contains(SPACES) {
        return s.to_string();
    }
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\u{2008}'
            )
        })
        .collect()
}

/// Removes Excel's text guards: a leading apostrophe (`'0123`) or a formula `="0123"`.
pub fn strip_excel_text_guard(s: &str) -> &str {
    let t = s.trim();
    if let Some(inner) = t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return inner;
    }
    t.strip_prefix('\'').unwrap_or(t)
}

/// True for Excel's scientific notation of a number: `1,23457E+13`, `5.55123E+13`, `1E13`.
pub fn is_scientific(s: &str) -> bool {
    let Some((mantissa, exp)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let mantissa_ok = {
        let (int, frac) = mantissa.split_once([',', '.']).unwrap_or((mantissa, ""));
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
    };
    mantissa_ok && !exp.is_empty() && exp.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a SIRET cell. See the module documentation for the rules.
pub fn read_siret(cell: &str) -> Result<SiretCell, SiretError> {
    let raw = strip_spaces(strip_excel_text_guard(cell));
    if raw.is_empty() {
        return Ok(SiretCell::Empty);
    }
    if is_scientific(&raw) {
        return Err(SiretError::Scientific(cell.trim().to_string()));
    }
    let (digits, decimal) = match raw.split_once(['.', ',']) {
        Some((d, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => (d, true),
        _ => (raw.as_str(), false),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SiretError::NotDigits(cell.trim().to_string()));
    }
    let mut repair = decimal.then_some(Repair::DecimalSuffix);
    match digits.len() {
        14 => checked_siret(digits).map(|siret| SiretCell::Siret { siret, repair }),
        12 | 13 => {
            let padded = format!("{digits:0>14}");
            match checked_siret(&padded) {
                Ok(siret) => {
                    // The padding is the repair the user must hear about; a ".0" removed too
                    // is implied by it.
                    repair = Some(Repair::Padded {
                        digits: digits.len(),
                    });
                    Ok(SiretCell::Siret { siret, repair })
                }
                Err(_) => Err(SiretError::PaddedLuhn(digits.to_string())),
            }
        }
        9 => {
            if luhn_valid(digits) {
                Siren::parse(digits)
                    .map(SiretCell::Siren)
                    .map_err(|_| SiretError::SirenLuhn(digits.to_string()))
            } else {
                Err(SiretError::SirenLuhn(digits.to_string()))
            }
        }
        n => Err(SiretError::Length(digits.to_string(), n)),
    }
}

/// Reads a SIREN cell (9 digits, spaces allowed, Luhn-checked). Ok(None) when empty.
pub fn read_siren(cell: &str) -> Result<Option<Siren>, SiretError> {
    let raw = strip_spaces(strip_excel_text_guard(cell));
    if raw.is_empty() {
        return Ok(None);
    }
    if is_scientific(&raw) {
        return Err(SiretError::Scientific(cell.trim().to_string()));
    }
    let digits = match raw.split_once(['.', ',']) {
        Some((d, frac)) if frac.bytes().all(|b| b == b'0') => d,
        _ => raw.as_str(),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SiretError::NotDigits(cell.trim().to_string()));
    }
    // A SIREN with its leading zeros lost (7 or 8 digits) is restored only if it passes.
    let padded = if (7..9).contains(&digits.len()) {
        format!("{digits:0>9}")
    } else {
        digits.to_string()
    };
    if padded.len() != 9 {
        return Err(SiretError::Length(digits.to_string(), digits.len()));
    }
    Siren::parse(&padded)
        .map(Some)
        .map_err(|_| SiretError::SirenLuhn(digits.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn siret(cell: &str) -> (String, Option<Repair>) {
        match read_siret(cell) {
            Ok(SiretCell::Siret { siret, repair }) => (siret.to_string(), repair),
            other => panic!("{cell:?} gave {other:?}"),
        }
    }

    #[test]
    fn canonical_and_spaced() {
        assert_eq!(siret("01234567400019"), ("01234567400019".into(), None));
        assert_eq!(siret("012 345 674 00027"), ("01234567400027".into(), None));
        assert_eq!(
            siret("098\u{a0}765\u{a0}431\u{a0}00014"),
            ("09876543100014".into(), None)
        );
        assert_eq!(
            siret("098\u{202f}765\u{202f}431\u{202f}00014"),
            ("09876543100014".into(), None)
        );
        assert_eq!(siret(" '01234567400019 "), ("01234567400019".into(), None));
        assert_eq!(
            siret("=\"01234567400019\""),
            ("01234567400019".into(), None)
        );
    }

    #[test]
    fn lost_zeros_restored_only_when_the_check_passes() {
        assert_eq!(
            siret("987654100013"),
            ("00987654100013".into(), Some(Repair::Padded { digits: 12 }))
        );
        assert_eq!(
            siret("1234567400019"),
            ("01234567400019".into(), Some(Repair::Padded { digits: 13 }))
        );
        assert_eq!(
            read_siret("987654100014"),
            Err(SiretError::PaddedLuhn("987654100014".into()))
        );
    }

    #[test]
    fn decimal_suffix_removed() {
        assert_eq!(
            siret("12345678200010.0"),
            ("12345678200010".into(), Some(Repair::DecimalSuffix))
        );
        assert_eq!(
            siret("12345678200010,00"),
            ("12345678200010".into(), Some(Repair::DecimalSuffix))
        );
        assert!(matches!(
            read_siret("12345678200010.5"),
            Err(SiretError::NotDigits(_))
        ));
    }

    #[test]
    fn scientific_notation_refused() {
        for c in ["1,23457E+13", "5.55123E+13", "1E13", "1.2e-3"] {
            assert!(
                matches!(read_siret(c), Err(SiretError::Scientific(_))),
                "{c}"
            );
        }
        assert!(!is_scientific("E13"));
        assert!(!is_scientific("12E"));
    }

    #[test]
    fn siren_luhn_and_empty() {
        assert_eq!(
            read_siret("000567891"),
            Ok(SiretCell::Siren(Siren::parse("000567891").unwrap()))
        );
        assert_eq!(
            read_siret("12345678200011"),
            Err(SiretError::Luhn("12345678200011".into()))
        );
        assert_eq!(read_siret("  "), Ok(SiretCell::Empty));
        assert_eq!(read_siret(""), Ok(SiretCell::Empty));
        assert!(matches!(read_siret("123"), Err(SiretError::Length(_, 3))));
        assert!(matches!(read_siret("ABC"), Err(SiretError::NotDigits(_))));
        assert!(matches!(
            read_siret("000567892"),
            Err(SiretError::SirenLuhn(_))
        ));
    }

    #[test]
    fn siren_part_must_pass_too() {
        // Passes the 14-digit check, but its SIREN 000834187 does not (seen in DECP data).
        assert!(crate::domain::siret::luhn_valid("00083418700999"));
        assert_eq!(
            read_siret("00083418700999"),
            Err(SiretError::SirenPartLuhn("00083418700999".into()))
        );
    }

    #[test]
    fn la_poste_accepted() {
        assert!(matches!(
            read_siret("356 000 000 00010"),
            Ok(SiretCell::Siret { repair: None, .. })
        ));
    }

    #[test]
    fn siren_cells() {
        assert_eq!(
            read_siren("301 309 605").unwrap().map(|s| s.to_string()),
            Some("301309605".into())
        );
        assert_eq!(
            read_siren("567891").map(|s| s.map(|x| x.to_string())),
            Err(SiretError::Length("567891".into(), 6))
        );
        assert_eq!(
            read_siren("567891.0").map(|s| s.map(|x| x.to_string())),
            Err(SiretError::Length("567891".into(), 6))
        );
        assert_eq!(read_siren("").unwrap(), None);
    }
}
