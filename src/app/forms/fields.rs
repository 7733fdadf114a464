//! Field helpers shared by the forms: focus cycling, constraint modes, typed lists and
//! typed dates.

use crate::domain::ConstraintMode;
use crate::i18n::Texts;

/// Moves a focus through `all`, wrapping.
pub(super) fn cycle<T: Copy + PartialEq>(all: &[T], cur: T, forward: bool) -> T {
    let i = all.iter().position(|f| *f == cur).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// Cycles an optional constraint: none → preferred → required → none.
pub fn next_mode(m: Option<ConstraintMode>) -> Option<ConstraintMode> {
    match m {
        None => Some(ConstraintMode::Prefer),
        Some(ConstraintMode::Prefer) => Some(ConstraintMode::Require),
        Some(ConstraintMode::Require) => None,
    }
}

/// Splits a typed list on spaces, commas and semicolons.
pub(super) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|t| !t.is_empty())
}

/// Parses a follow-up date typed as DD/MM/YYYY (also D/M/YYYY); empty gives None. An
/// impossible date (31/02/2027) or another shape is refused with a message.
pub fn parse_date(s: &str, t: &Texts) -> Result<Option<jiff::civil::Date>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('/').collect();
    let nums: Option<Vec<i32>> =
        if parts.len() == 3 && parts[0].len() <= 2 && parts[1].len() <= 2 && parts[2].len() == 4 {
            parts.iter().map(|p| p.parse::<i32>().ok()).collect()
        } else {
            None
        };
    let Some(n) = nums else {
        return Err((t.date_bad_format)(s));
    };
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(n[2]), i8::try_from(n[1]), i8::try_from(n[0]))
    else {
        return Err((t.date_impossible)(s));
    };
    jiff::civil::Date::new(y, m, d)
        .map(Some)
        .map_err(|_| (t.date_impossible)(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::FR;

    #[test]
    fn dates_parse_or_explain() {
        assert_eq!(
            parse_date("15/01/2027", &FR).unwrap(),
            Some(jiff::civil::date(2027, 1, 15))
        );
        assert_eq!(parse_date("  ", &FR).unwrap(), None);
        let e = parse_date("31/02/2027", &FR).unwrap_err();
        assert!(e.contains("31/02/2027"), "{e}");
        assert!(parse_date("2027-01-15", &FR).is_err());
        assert!(parse_date("15/13/2027", &FR).is_err());
    }
}
