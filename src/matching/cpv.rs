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

pub use crate::domain::reason::CpvRelation as Relation;

/// Where two codes meet: the relation and its level, in significant digits (2 division,
/// 3 group, 4 class, 5 category, 6–8 finer): for `Same` and `SupplierWithin` the need code's
/// own depth, for `SupplierBroader` the supplier code's, for `Siblings` their common digits.
/// None when they do not share a division.
pub fn relation(need: &CpvCode, supplier: &CpvCode) -> Option<(Relation, usize)> {
    let (n, s) = (need.significant(), supplier.significant());
    if need == supplier {
        Some((Relation::Same, n.len()))
    } else if s.starts_with(n) {
        Some((Relation::SupplierWithin, n.len()))
    } else if n.starts_with(s) {
        Some((Relation::SupplierBroader, s.len()))
    } else {
        let d = common_digits(need, supplier);
        (d >= 2).then_some((Relation::Siblings, d))
    }
}

/// Points of a relation: the specificity table for a code that answers the need (same or
/// inside), scaled by `broader` for a broader supplier code, the sibling table otherwise.
pub fn relation_points(rel: Relation, level: usize, w: &super::Weights) -> f64 {
    let level = level.min(8);
    match rel {
        Relation::Same | Relation::SupplierWithin => w.cpv_specific[level],
        Relation::SupplierBroader => w.cpv_specific[level] * w.cpv_broader,
        Relation::Siblings => w.cpv[level],
    }
}

/// Best pair of codes between `need` and `supplier` by [`relation_points`]: (need code,
/// supplier code, relation, level, points), the first pair in order when points tie; None
/// when no pair scores.
pub fn best_relation<'a>(
    need: &'a [CpvCode],
    supplier: &'a [CpvCode],
    w: &super::Weights,
) -> Option<(&'a CpvCode, &'a CpvCode, Relation, usize, f64)> {
    let mut best: Option<(&CpvCode, &CpvCode, Relation, usize, f64)> = None;
    for n in need {
        for s in supplier {
            if let Some((rel, level)) = relation(n, s) {
                let p = relation_points(rel, level, w);
                if p > 0.0 && best.is_none_or(|b| p > b.4) {
                    best = Some((n, s, rel, level, p));
                }
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
    fn relations_know_the_tree_both_ways() {
        use Relation::*;
        assert_eq!(relation(&c("45321000"), &c("45321000")), Some((Same, 5)));
        assert_eq!(relation(&c("45000000"), &c("45000000")), Some((Same, 2)));
        assert_eq!(
            relation(&c("45320000"), &c("45321000")),
            Some((SupplierWithin, 4))
        );
        assert_eq!(
            relation(&c("45000000"), &c("45321000")),
            Some((SupplierWithin, 2))
        );
        assert_eq!(
            relation(&c("45321000"), &c("45320000")),
            Some((SupplierBroader, 4))
        );
        assert_eq!(
            relation(&c("45321000"), &c("45331000")),
            Some((Siblings, 3))
        );
        assert_eq!(relation(&c("45321000"), &c("72000000")), None);
        // An exact match on a generic code scores less than a specific one inside the need.
        let w = super::super::Weights::default();
        let generic = relation_points(Same, 2, &w);
        let specific = relation_points(SupplierWithin, 4, &w);
        assert!(generic < specific, "{generic} < {specific}");
    }

    #[test]
    fn best_pair_takes_the_closest_codes() {
        let need = [c("72000000"), c("45261000")];
        let sup = [c("45262000"), c("45261100")];
        let w = super::super::Weights::default();
        let (n, s, rel, level, _) = best_relation(&need, &sup, &w).unwrap();
        assert_eq!((n.as_str(), s.as_str()), ("45261000", "45261100"));
        assert_eq!((rel, level), (Relation::SupplierWithin, 5));
        assert!(best_relation(&[c("72000000")], &[c("45000000")], &w).is_none());
    }
}
