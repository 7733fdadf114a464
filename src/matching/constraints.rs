//! Constraints of a need (département, size, ESS, SIAE): `Require` leaves out the suppliers
//! that do not meet them, `Prefer` adds points to those that do.
//!
//! A supplier whose size or département is unknown does not meet a constraint on it.

use super::{Reason, Weights};
use crate::domain::{ConstraintMode, Constraints, SizeCategory};

/// The supplier facts constraints look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Main département code, empty when unknown.
    pub department: String,
    /// Other départements where it worked (the main one excluded).
    pub other_departments: Vec<String>,
    /// Size category, when known.
    pub size: Option<SizeCategory>,
    /// ESS firm.
    pub ess: bool,
    /// SIAE.
    pub siae: bool,
}

/// Checks `facts` against `c`: None when a required constraint fails, else the reasons met
/// with their points (required ones are shown with their points too, so the buyer sees
/// why the supplier is there).
pub fn check(c: &Constraints, facts: &Facts, w: &Weights) -> Option<Vec<(Reason, f64)>> {
    let mut out = Vec::new();
    if !c.departments.is_empty() {
        let met = !facts.department.is_empty() && c.departments.contains(&facts.department);
        let worked = facts
            .other_departments
            .iter()
            .find(|d| c.departments.contains(d));
        if met {
            out.push((Reason::Department(facts.department.clone()), w.department));
        } else if let Some(d) = worked.filter(|_| w.department_other > 0.0) {
            // A place of past work meets a required département too: the supplier works there.
            out.push((
                Reason::DepartmentWorked(d.clone()),
                w.department * w.department_other,
            ));
        } else if c.departments_mode == ConstraintMode::Require {
            return None;
        }
    }
    if !c.sizes.is_empty() {
        match facts.size {
            Some(s) if c.sizes.contains(&s) => out.push((Reason::Size(s), w.size)),
            _ if c.sizes_mode == ConstraintMode::Require => return None,
            _ => {}
        }
    }
    if let Some(mode) = c.ess {
        if facts.ess {
            out.push((Reason::Ess, w.ess));
        } else if mode == ConstraintMode::Require {
            return None;
        }
    }
    if let Some(mode) = c.siae {
        if facts.siae {
            out.push((Reason::Siae, w.siae));
        } else if mode == ConstraintMode::Require {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            department: "93".into(),
            other_departments: vec!["13".into()],
            size: Some(SizeCategory::Pme),
            ess: true,
            siae: false,
        }
    }

    #[test]
    fn require_filters_and_prefer_boosts() {
        let w = Weights::default();
        let mut c = Constraints {
            departments: vec!["75".into()],
            ..Default::default()
        };
        assert_eq!(check(&c, &facts(), &w), Some(vec![]));
        c.departments_mode = ConstraintMode::Require;
        assert_eq!(check(&c, &facts(), &w), None);
        c.departments.push("93".into());
        assert_eq!(
            check(&c, &facts(), &w),
            Some(vec![(Reason::Department("93".into()), w.department)])
        );
        // A département where it worked meets the constraint too, for a share of the points.
        c.departments = vec!["13".into()];
        assert_eq!(
            check(&c, &facts(), &w),
            Some(vec![(
                Reason::DepartmentWorked("13".into()),
                w.department * w.department_other
            )])
        );
        let c = Constraints {
            sizes: vec![SizeCategory::Tpe, SizeCategory::Pme],
            ess: Some(ConstraintMode::Prefer),
            siae: Some(ConstraintMode::Require),
            ..Default::default()
        };
        assert_eq!(check(&c, &facts(), &w), None);
        let mut f = facts();
        f.siae = true;
        let got = check(&c, &f, &w).unwrap();
        assert_eq!(
            got,
            vec![
                (Reason::Size(SizeCategory::Pme), w.size),
                (Reason::Ess, w.ess),
                (Reason::Siae, w.siae)
            ]
        );
    }

    #[test]
    fn unknown_facts_fail_required_constraints() {
        let w = Weights::default();
        let c = Constraints {
            sizes: vec![SizeCategory::Pme],
            sizes_mode: ConstraintMode::Require,
            ..Default::default()
        };
        assert_eq!(check(&c, &Facts::default(), &w), None);
    }
}
