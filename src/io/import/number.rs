//! Amounts and counts as French spreadsheets write them.
//!
//! `1 234 567,89` (spaces, no-break U+00A0 or narrow no-break U+202F as thousands separators,
//! decimal comma) is 1234567.89; `1234567.89`, `1,234,567.89` and `1.234.567,89` are read too;
//! a currency sign or `EUR`/`€ HT` suffix is ignored.

use super::siret::{is_scientific, strip_spaces};

/// Why an amount or a count is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number.
    NotANumber(String),
    /// Scientific notation: digits were lost by the spreadsheet.
    Scientific(String),
    /// Below zero where only positive values make sense.
    Negative(String),
    /// A count that is not a whole number, or too large.
    NotAWholeNumber(String),
}

/// Reads an amount in euros. Ok(None) for an empty cell. Negative amounts are refused.
pub fn parse_amount(cell: &str) -> Result<Option<f64>, NumberError> {
    let original = cell.trim();
    let mut s = strip_spaces(original);
    for suffix in ["€HT", "EURHT", "HT", "€", "EUR", "euros", "eur"] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r.to_string();
            break;
        }
    }
    if let Some(r) = s.strip_prefix('€') {
        s = r.to_string();
    }
    if s.is_empty() {
        return if original.is_empty() {
            Ok(None)
        } else {
            Err(NumberError::NotANumber(original.to_string()))
        };
    }
    if is_scientific(&s) {
        return Err(NumberError::Scientific(original.to_string()));
    }
    if s.starts_with('-') {
        return Err(NumberError::Negative(original.to_string()));
    }
    let s = s.strip_prefix('+').unwrap_or(&s).to_string();
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let normalized = match (commas, dots) {
        (0, 0) => s.clone(),
        // "1234,5": decimal comma. "1,234,567": thousands.
        (1, 0) => s.replace(',', "."),
        (_, 0) => s.replace(',', ""),
        // "1234.5": decimal point. "1.234.567": thousands.
        (0, 1) => s.clone(),
        (0, _) => s.replace('.', ""),
        // Both: the last one is the decimal separator.
        _ => {
            let last_comma = s.rfind(',').unwrap_or(0);
            let last_dot = s.rfind('.').unwrap_or(0);
            if last_comma > last_dot {
                if dots > 0 && s[last_comma..].contains('.') || commas > 1 {
                    return Err(NumberError::NotANumber(original.to_string()));
                }
                s.replace('.', "").replace(',', ".")
            } else {
                if dots > 1 {
                    return Err(NumberError::NotANumber(original.to_string()));
                }
                s.replace(',', "")
            }
        }
    };
    let valid_shape = {
        let (int, frac) = normalized
            .split_once('.')
            .unwrap_or((normalized.as_str(), ""));
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(normalized.contains('.') && frac.is_empty())
    };
    if !valid_shape {
        return Err(NumberError::NotANumber(original.to_string()));
    }
    normalized
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| NumberError::NotANumber(original.to_string()))
}

/// Reads a whole count (headcount): `1 250`, `42`, `42.0`. Ok(None) for an empty cell.
pub fn parse_count(cell: &str) -> Result<Option<u32>, NumberError> {
    let original = cell.trim();
    let s = strip_spaces(original);
    if s.is_empty() {
        return Ok(None);
    }
    if is_scientific(&s) {
        return Err(NumberError::Scientific(original.to_string()));
    }
    if s.starts_with('-') {
        return Err(NumberError::Negative(original.to_string()));
    }
    let digits = match s.split_once(['.', ',']) {
        Some((d, frac)) if frac.bytes().all(|b| b == b'0') && !frac.is_empty() => d,
        Some(_) => return Err(NumberError::NotAWholeNumber(original.to_string())),
        None => s.as_str(),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber(original.to_string()));
    }
    digits
        .parse::<u32>()
        .map(Some)
        .map_err(|_| NumberError::NotAWholeNumber(original.to_string()))
}

/// Reads a headcount band as INSEE and directories write them: "10 à 19", "10-19",
/// "10 à 19 salariés", "250 et plus". Returns the lower bound. None when not a band.
pub fn parse_band_lower_bound(cell: &str) -> Option<u32> {
    let t = cell.trim().to_lowercase();
    let first: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if first.is_empty() {
        return None;
    }
    let rest = t[first.len()..].trim_start();
    let is_band = rest.starts_with('à')
        || rest.starts_with('-')
        || rest.starts_with("to ")
        || rest.starts_with("et plus")
        || rest.starts_with("and more")
        || rest.starts_with('+');
    if is_band {
        first.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(s: &str) -> f64 {
        parse_amount(s).unwrap().unwrap()
    }

    #[test]
    fn french_amounts() {
        assert_eq!(amount("1 234 567,89"), 1234567.89);
        assert_eq!(amount("1\u{a0}234\u{a0}567,89"), 1234567.89);
        assert_eq!(amount("1\u{202f}234\u{202f}567,89"), 1234567.89);
        assert_eq!(amount("98\u{a0}765,50"), 98765.5);
        assert_eq!(amount("2 500 000"), 2500000.0);
        assert_eq!(amount("450 000,00"), 450000.0);
        assert_eq!(amount("12 345,6"), 12345.6);
        assert_eq!(amount("12 345,6 €"), 12345.6);
        assert_eq!(amount("1.234.567,89"), 1234567.89);
        assert_eq!(amount("1,234,567.89"), 1234567.89);
        assert_eq!(amount("1234567.89"), 1234567.89);
        assert_eq!(amount("0"), 0.0);
        assert_eq!(parse_amount("  "), Ok(None));
    }

    #[test]
    fn refused_amounts() {
        for s in ["abc", "1,2,3.4.5", "12,", "€", "1.2.3,4,5", "1 2a"] {
            assert!(
                matches!(parse_amount(s), Err(NumberError::NotANumber(_))),
                "{s}"
            );
        }
        assert!(matches!(
            parse_amount("1,5E+06"),
            Err(NumberError::Scientific(_))
        ));
        assert!(matches!(parse_amount("-12"), Err(NumberError::Negative(_))));
    }

    #[test]
    fn counts_and_bands() {
        assert_eq!(parse_count("42"), Ok(Some(42)));
        assert_eq!(parse_count("1 250"), Ok(Some(1250)));
        assert_eq!(parse_count("42.0"), Ok(Some(42)));
        assert_eq!(parse_count(""), Ok(None));
        assert!(parse_count("4.5").is_err());
        assert!(parse_count("99999999999").is_err());
        assert!(parse_count("10 à 19").is_err());
        assert_eq!(parse_band_lower_bound("10 à 19 salariés"), Some(10));
        assert_eq!(parse_band_lower_bound("250-499"), Some(250));
        assert_eq!(parse_band_lower_bound("5000 et plus"), Some(5000));
        assert_eq!(parse_band_lower_bound("42"), None);
        assert_eq!(parse_band_lower_bound("beaucoup"), None);
    }
}
