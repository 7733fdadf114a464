//! CPV proximity between a need's codes and a supplier's codes.
//!
//! Two codes meet at the number of significant digits they share: identical codes meet at 8
//! (exact); otherwise their common prefix, capped at the shorter significant prefix (trailing
//! zeros are not digits in common): 5 = same category, 4 = class, 3 = group, 2 = division,
//! fewer = no proximity.

use crate::domain::CpvCode;

/// Common significant digits of two codes: 8 when identical, else
/// `min(common_prefix, significant length of either)`; 0 to 7.
pub fn common_digits(a: &CpvCode, b: &CpvCode) -> usize {
    if a == b {
        return 8;
    }
    let cap = a.significant().len().min(b.significant().len());
    a.common_prefix(b).min(cap)
}

/// Best pair of codes between `need` and `supplier`: (need code, supplier code, common
/// digits), the first pair in order with the most common digits; None when no pair shares
/// at least a division (2 digits).
pub fn best_pair<'a>(
    need: &'a [CpvCode],
    supplier: &'a [CpvCode],
) -> Option<(&'a CpvCode, &'a CpvCode, usize)> {
    let mut best: Option<(&CpvCode, &CpvCode, usize)> = None;
    for n in need {
        for s in supplier {
            let d = common_digits(n, s);
            if d >= 2 && best.is_none_or(|(_, _, b)| d > b) {
                best = Some((n, s, d));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> CpvCode {
        CpvCode::parse(s).unwrap()
    }

    #[test]
    fn levels_from_common_significant_digits() {
        assert_eq!(common_digits(&c("45261210"), &c("45261210")), 8);
        assert_eq!(common_digits(&c("45000000"), &c("45000000")), 8);
        assert_eq!(common_digits(&c("45261210"), &c("45261000")), 5);
        assert_eq!(common_digits(&c("45261000"), &c("45262000")), 4);
        assert_eq!(common_digits(&c("45261000"), &c("45310000")), 2);
        // trailing zeros of a group code are not shared digits
        assert_eq!(common_digits(&c("45200000"), &c("45201000")), 3);
        assert_eq!(common_digits(&c("45261000"), &c("72000000")), 0);
    }

    #[test]
    fn best_pair_takes_the_closest_codes() {
        let need = [c("72000000"), c("45261000")];
        let sup = [c("45262000"), c("45261100")];
        let (n, s, d) = best_pair(&need, &sup).unwrap();
        assert_eq!((n.as_str(), s.as_str(), d), ("45261000", "45261100", 5));
        assert!(best_pair(&[c("72000000")], &[c("45000000")]).is_none());
    }
}
