//! Small value readers: yes/no flags, sizes, postcodes, départements, NAF codes, lists,
//! and the choice of the best of several spellings of a name.

use super::clean::fold as identity_fold;
use crate::domain::SizeCategory;

/// A cell that does not hold a value of the expected kind (the caller knows which and says
/// it in the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Removes the apostrophe that `sourcing export` (and careful spreadsheet users) put before
/// a cell starting with `=`, `+`, `-`, `@` or `'` so that Excel never runs it as a formula:
/// `'=SOMME(A1)` → `=SOMME(A1)`, `''x` → `'x`; other cells are returned unchanged.
pub fn unguard_formula(cell: String) -> String {
    let mut chars = cell.chars();
    if chars.next() == Some('\'') && matches!(chars.next(), Some('=' | '+' | '-' | '@' | '\'')) {
        cell[1..].to_string()
    } else {
        cell
    }
}

/// Reads a yes/no flag: `oui`/`non`, `o`/`n`, `yes`/`no`, `true`/`false`, `vrai`/`faux`,
/// `1`/`0`, `x` (a ticked cell). Ok(None) when empty; Err(Unreadable) for anything else.
pub fn parse_flag(cell: &str) -> Result<Option<bool>, Unreadable> {
    let f = identity_fold(cell);
    match f.as_str() {
        "" => Ok(None),
        "oui" | "o" | "yes" | "y" | "true" | "vrai" | "1" | "x" => Ok(Some(true)),
        "non" | "n" | "no" | "false" | "faux" | "0" => Ok(Some(false)),
        _ => Err(Unreadable),
    }
}

/// Reads a size category: TPE/PME/ETI/GE in any case, or their long French and English
/// names ("Petite et moyenne entreprise", "micro-entreprise", "large company").
/// Ok(None) when empty; Err(Unreadable) otherwise.
pub fn parse_size(cell: &str) -> Result<Option<SizeCategory>, Unreadable> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    if let Some(s) = SizeCategory::parse(cell) {
        return Ok(Some(s));
    }
    let f = identity_fold(cell);
    let s = match f.as_str() {
        "tpe" | "microentreprise" | "micro" | "trespetiteentreprise" | "microenterprise" => {
            SizeCategory::Tpe
        }
        "pme" | "petiteetmoyenneentreprise" | "petiteoumoyenneentreprise" | "sme" => {
            SizeCategory::Pme
        }
        "eti" | "entreprisedetailleintermediaire" | "midcap" | "midsizecompany" => {
            SizeCategory::Eti
        }
        "ge" | "grandeentreprise" | "largecompany" | "largeenterprise" | "large" => {
            SizeCategory::Ge
        }
        _ => return Err(Unreadable),
    };
    Ok(Some(s))
}

/// A postcode once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Postcode {
    /// Empty cell.
    Empty,
    /// Five digits as written.
    Ok(String),
    /// Four digits: the leading zero a spreadsheet removed, restored ("1500" → "01500").
    Padded(String),
}

/// Reads a French postcode: 5 digits (spaces removed), or 4 digits padded with a zero.
/// Err(Unreadable) for anything else.
pub fn parse_postcode(cell: &str) -> Result<Postcode, Unreadable> {
    let s = super::siret::strip_spaces(super::siret::strip_excel_text_guard(cell));
    let s = match s.split_once(['.', ',']) {
        Some((d, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => d.to_string(),
        _ => s,
    };
    if s.is_empty() {
        return Ok(Postcode::Empty);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Unreadable);
    }
    match s.len() {
        5 => Ok(Postcode::Ok(s)),
        4 => Ok(Postcode::Padded(format!("0{s}"))),
        _ => Err(Unreadable),
    }
}

/// Reads a département code: "1" → "01", "93", "2a" → "2A", "971". Ok(None) when empty.
/// Err(Unreadable) for anything else.
pub fn parse_department(cell: &str) -> Result<Option<String>, Unreadable> {
    let s = super::siret::strip_excel_text_guard(cell)
        .trim()
        .to_ascii_uppercase();
    if s.is_empty() {
        return Ok(None);
    }
    let digits = s.bytes().all(|b| b.is_ascii_digit());
    let valid = match s.len() {
        1 => digits && s != "0",
        2 => (digits && s != "00") || s == "2A" || s == "2B",
        3 => digits && (s.starts_with("97") || s.starts_with("98")),
        _ => false,
    };
    if !valid {
        return Err(Unreadable);
    }
    Ok(Some(if s.len() == 1 { format!("0{s}") } else { s }))
}

/// Reads a NAF rév. 2 code: "62.01Z", "6201Z", "62 01 Z" → "62.01Z". Ok(None) when empty;
/// Err(Unreadable) when not 4 digits and a letter.
pub fn parse_naf(cell: &str) -> Result<Option<String>, Unreadable> {
    let s: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect::<String>()
        .to_ascii_uppercase();
    if s.is_empty() {
        return Ok(None);
    }
    let b = s.as_bytes();
    if b.len() == 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4].is_ascii_uppercase() {
        Ok(Some(format!("{}.{}", &s[..2], &s[2..])))
    } else {
        Err(Unreadable)
    }
}

/// Splits a multi-valued cell: on `|` when the cell has one (the bundled format, whose
/// values may hold commas), else on `;` and `,`. Values are trimmed; empty ones dropped.
pub fn split_list(cell: &str) -> Vec<&str> {
    let parts: Vec<&str> = if cell.contains('|') {
        cell.split('|').collect()
    } else {
        cell.split([';', ',']).collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// How good a spelling of a name is, to keep the best one when rows merge: a name in mixed
/// case beats one in capitals only; then the one that kept its accents (more non-ASCII
/// letters: "Cœur de Forêt" beats "Coeur de Foret"); then the longest, in characters.
pub fn name_quality(name: &str) -> (bool, usize, usize) {
    let has_lower = name.chars().any(char::is_lowercase);
    let has_upper = name.chars().any(char::is_uppercase);
    let accents = name
        .chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic())
        .count();
    (has_lower && has_upper, accents, name.chars().count())
}

/// Adds `value` to `list` unless an identity-folded equal is there; when one is, keeps the
/// better spelling of the two ([`name_quality`]): "Électricité" wins over "Electricite".
pub fn push_unique(list: &mut Vec<String>, value: String) {
    if list.contains(&value) {
        return;
    }
    let key = identity_fold(&value);
    if key.is_empty() {
        return;
    }
    match list.iter_mut().find(|v| identity_fold(v) == key) {
        Some(existing) => {
            if name_quality(&value) > name_quality(existing) {
                *existing = value;
            }
        }
        None => list.push(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_guards_removed() {
        assert_eq!(unguard_formula("'=SOMME(A1)".into()), "=SOMME(A1)");
        assert_eq!(unguard_formula("'+Simple".into()), "+Simple");
        assert_eq!(unguard_formula("''x".into()), "'x");
        assert_eq!(unguard_formula("'abc".into()), "'abc");
        assert_eq!(unguard_formula("'".into()), "'");
        assert_eq!(unguard_formula("L'Atelier".into()), "L'Atelier");
    }

    #[test]
    fn flags() {
        assert_eq!(parse_flag("oui"), Ok(Some(true)));
        assert_eq!(parse_flag("OUI"), Ok(Some(true)));
        assert_eq!(parse_flag("Non"), Ok(Some(false)));
        assert_eq!(parse_flag("x"), Ok(Some(true)));
        assert_eq!(parse_flag("true"), Ok(Some(true)));
        assert_eq!(parse_flag(""), Ok(None));
        assert_eq!(parse_flag("peut-être"), Err(Unreadable));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("PME"), Ok(Some(SizeCategory::Pme)));
        assert_eq!(parse_size("tpe"), Ok(Some(SizeCategory::Tpe)));
        assert_eq!(
            parse_size("Petite et moyenne entreprise"),
            Ok(Some(SizeCategory::Pme))
        );
        assert_eq!(parse_size("Micro-entreprise"), Ok(Some(SizeCategory::Tpe)));
        assert_eq!(parse_size(""), Ok(None));
        assert_eq!(parse_size("moyenne"), Err(Unreadable));
    }

    #[test]
    fn postcodes_and_departments() {
        assert_eq!(parse_postcode("93100"), Ok(Postcode::Ok("93100".into())));
        assert_eq!(parse_postcode("1500"), Ok(Postcode::Padded("01500".into())));
        assert_eq!(parse_postcode("01500.0"), Ok(Postcode::Ok("01500".into())));
        assert_eq!(parse_postcode(""), Ok(Postcode::Empty));
        assert_eq!(parse_postcode("B-1000"), Err(Unreadable));
        assert_eq!(parse_postcode("123"), Err(Unreadable));
        assert_eq!(parse_department("1"), Ok(Some("01".into())));
        assert_eq!(parse_department("2a"), Ok(Some("2A".into())));
        assert_eq!(parse_department("971"), Ok(Some("971".into())));
        assert_eq!(parse_department("93"), Ok(Some("93".into())));
        assert_eq!(parse_department(""), Ok(None));
        assert_eq!(parse_department("Paris"), Err(Unreadable));
        assert_eq!(parse_department("9A1"), Err(Unreadable));
        assert_eq!(parse_department("00"), Err(Unreadable));
    }

    #[test]
    fn naf_codes() {
        assert_eq!(parse_naf("62.01Z"), Ok(Some("62.01Z".into())));
        assert_eq!(parse_naf("6201z"), Ok(Some("62.01Z".into())));
        assert_eq!(parse_naf(""), Ok(None));
        assert_eq!(parse_naf("62"), Err(Unreadable));
    }

    #[test]
    fn lists() {
        assert_eq!(split_list("Électricité, CVC"), vec!["Électricité", "CVC"]);
        assert_eq!(split_list("a; b ;;c"), vec!["a", "b", "c"]);
        assert_eq!(
            split_list("Élagage, débroussaillage|Tonte"),
            vec!["Élagage, débroussaillage", "Tonte"]
        );
        assert_eq!(split_list(" "), Vec::<&str>::new());
    }

    #[test]
    fn best_spelling_kept() {
        let mut v = vec!["Electricite".to_string()];
        push_unique(&mut v, "Électricité".into());
        push_unique(&mut v, "ELECTRICITE".into());
        push_unique(&mut v, "CVC".into());
        assert_eq!(v, vec!["Électricité".to_string(), "CVC".to_string()]);
        assert!(name_quality("Cœur de Forêt") > name_quality("Coeur de Foret"));
        assert!(name_quality("Dupont SAS") > name_quality("DUPONT S.A.S."));
        assert!(name_quality("Dupont SAS (agence)") > name_quality("Dupont SAS"));
    }
}
