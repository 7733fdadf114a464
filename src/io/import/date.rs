//! Dates as spreadsheets write them: `DD/MM/YYYY` (also `-` or `.`), ISO `YYYY-MM-DD`
//! (optionally followed by a time, ignored). An impossible date (30/02/2021) is refused.

use jiff::civil::Date;

/// Why a date is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Shape not recognised (two-digit year, words…).
    Format(String),
    /// Well formed but does not exist in the calendar (30/02, 31/04, 29/02 of a common year).
    Impossible(String),
}

/// Reads a date cell. Ok(None) when empty.
pub fn parse_date(cell: &str) -> Result<Option<Date>, DateError> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // ISO, possibly with a time part: "2009-03-15" or "2009-03-15T00:00:00" / "2009-03-15 00:00".
    let date_part = t.split(['T', ' ']).next().unwrap_or(t);
    let parts: Vec<&str> = date_part.split(['/', '-', '.']).collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if parts.len() != 3 || !all_digits {
        return Err(DateError::Format(t.to_string()));
    }
    let (y, m, d) = if parts[0].len() == 4 && date_part.contains('-') {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return Err(DateError::Format(t.to_string()));
    };
    if m.len() > 2 || d.len() > 2 {
        return Err(DateError::Format(t.to_string()));
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err(DateError::Format(t.to_string()));
    };
    if y < 1000 {
        return Err(DateError::Format(t.to_string()));
    }
    Date::new(y, m, d)
        .map(Some)
        .map_err(|_| DateError::Impossible(t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn french_and_iso() {
        assert_eq!(parse_date("15/03/2009"), Ok(Some(date(2009, 3, 15))));
        assert_eq!(parse_date("29/02/2024"), Ok(Some(date(2024, 2, 29))));
        assert_eq!(parse_date("1/2/2015"), Ok(Some(date(2015, 2, 1))));
        assert_eq!(parse_date("01.02.2015"), Ok(Some(date(2015, 2, 1))));
        assert_eq!(parse_date("2009-03-15"), Ok(Some(date(2009, 3, 15))));
        assert_eq!(
            parse_date("2009-03-15T00:00:00"),
            Ok(Some(date(2009, 3, 15)))
        );
        assert_eq!(parse_date("15/03/2009 00:00"), Ok(Some(date(2009, 3, 15))));
        assert_eq!(parse_date(" "), Ok(None));
    }

    #[test]
    fn impossible_and_malformed() {
        assert_eq!(
            parse_date("30/02/2021"),
            Err(DateError::Impossible("30/02/2021".into()))
        );
        assert!(matches!(
            parse_date("29/02/2023"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            parse_date("2021-13-01"),
            Err(DateError::Impossible(_))
        ));
        for s in [
            "15/03/09",
            "mars 2009",
            "2009/03/15",
            "15/03",
            "123/4/2009",
            "1/2/-2009",
        ] {
            assert!(matches!(parse_date(s), Err(DateError::Format(_))), "{s}");
        }
    }
}
