//! Merging records of the same supplier: rows of one file, then the file's record with the
//! one already stored.
//!
//! Within a file, the first row that gives a value wins, except the name, where the best
//! spelling wins ([`name_quality`]: mixed case, then accents kept, then the longest); themes,
//! CPV codes, keywords and references are united. Against the store, the file's values
//! replace the stored ones field by field — but only fields the file gives (an import that
//! has no "Effectif" column does not erase headcounts) — lists are united, the stored
//! provenance is kept, and the stored name is kept when the file only spells it worse.

use super::clean::fold as identity_fold;
use super::header::Field;
use super::values::{name_quality, push_unique};
use crate::domain::Supplier;

/// A set of fields, to remember which ones a row actually gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldSet(u32);

impl FieldSet {
    fn bit(f: Field) -> u32 {
        1u32 << (f as u32)
    }
    /// Adds a field.
    pub fn insert(&mut self, f: Field) {
        self.0 |= Self::bit(f);
    }
    /// True when the field is in the set.
    pub fn contains(self, f: Field) -> bool {
        self.0 & Self::bit(f) != 0
    }
}

/// A supplier read from the file, with the fields its rows gave and its first line.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The record (id 0).
    pub supplier: Supplier,
    /// Fields given by at least one row.
    pub given: FieldSet,
    /// Physical line of its first row.
    pub line: u64,
}

/// Copies the scalar fields `src` gives and `dst` lacks (`only_missing`) or all the scalar
/// fields `src` gives (`!only_missing`).
fn copy_scalars(
    dst: &mut Supplier,
    dst_given: &mut FieldSet,
    src: &Supplier,
    src_given: FieldSet,
    only_missing: bool,
) {
    macro_rules! take {
        ($field:expr, $($name:ident),+) => {
            if src_given.contains($field) && (!only_missing || !dst_given.contains($field)) {
                $(dst.$name = src.$name.clone();)+
                dst_given.insert($field);
            }
        };
    }
    take!(Field::Size, size);
    take!(Field::Headcount, headcount);
    take!(Field::Turnover, turnover_eur);
    take!(Field::CreatedOn, created_on);
    take!(Field::Postcode, postcode);
    take!(Field::City, city);
    // The main département and the list it heads go together (a file that names
    // départements replaces the list: its order says which is main).
    take!(Field::Department, department, departments);
    take!(Field::ContractCount, contract_count);
    take!(Field::Ess, ess);
    take!(Field::Siae, siae);
    take!(Field::Adapted, adapted);
    take!(Field::Naf, naf);
    take!(Field::Description, description);
    take!(Field::Website, website);
    take!(Field::Email, email);
}

/// Unites the lists of `src` into `dst`.
fn unite_lists(dst: &mut Supplier, src: &Supplier) {
    for t in &src.themes {
        push_unique(&mut dst.themes, t.clone());
    }
    for c in &src.cpv {
        if !dst.cpv.contains(c) {
            dst.cpv.push(c.clone());
        }
    }
    for k in &src.keywords {
        push_unique(&mut dst.keywords, k.clone());
    }
    for r in &src.references {
        if !dst.references.contains(r) {
            dst.references.push(r.clone());
        }
    }
}

/// Merges a later row of the same file into the supplier built so far. Both have the same
/// identity key, hence the same SIRET and SIREN.
pub fn merge_row(into: &mut Incoming, row: &Incoming) {
    if name_quality(&row.supplier.name) > name_quality(&into.supplier.name) {
        into.supplier.name = row.supplier.name.clone();
    }
    let mut given = into.given;
    copy_scalars(
        &mut into.supplier,
        &mut given,
        &row.supplier,
        row.given,
        true,
    );
    into.given = given;
    unite_lists(&mut into.supplier, &row.supplier);
}

/// The record to store when `incoming` updates `stored`: see the module documentation.
/// The result keeps `stored`'s id and provenance; themes come out sorted.
pub fn apply_update(stored: &Supplier, incoming: &Incoming) -> Supplier {
    let mut out = stored.clone();
    let new = &incoming.supplier;
    let same_name = identity_fold(&new.name) == identity_fold(&stored.name);
    if !same_name || name_quality(&new.name) > name_quality(&stored.name) {
        out.name = new.name.clone();
    }
    let mut all = FieldSet::default();
    for f in Field::ALL {
        all.insert(f);
    }
    copy_scalars(&mut out, &mut all, new, incoming.given, false);
    unite_lists(&mut out, new);
    out.themes.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CpvCode, Siret};

    fn incoming(name: &str, fields: &[Field]) -> Incoming {
        let mut given = FieldSet::default();
        for f in fields {
            given.insert(*f);
        }
        Incoming {
            supplier: Supplier {
                name: name.into(),
                siret: Some(Siret::parse("01234567400019").unwrap()),
                ..Default::default()
            },
            given,
            line: 2,
        }
    }

    #[test]
    fn rows_merge_first_value_wins_lists_unite_best_name() {
        let mut a = incoming("DUPONT S.A.S.", &[Field::Email, Field::Themes]);
        a.supplier.email = "contact@exemple.fr".into();
        a.supplier.themes = vec!["Électricité".into()];
        let mut b = incoming("Dupont SAS", &[Field::Email, Field::Themes, Field::City]);
        b.supplier.email = "Contact@Exemple.fr".into();
        b.supplier.city = "Orléans".into();
        b.supplier.themes = vec!["Electricite".into(), "CVC".into()];
        merge_row(&mut a, &b);
        assert_eq!(a.supplier.name, "Dupont SAS");
        assert_eq!(a.supplier.email, "contact@exemple.fr");
        assert_eq!(a.supplier.city, "Orléans");
        assert_eq!(a.supplier.themes, vec!["Électricité", "CVC"]);
        assert!(a.given.contains(Field::City));
    }

    #[test]
    fn update_overwrites_only_given_fields_and_keeps_provenance() {
        let stored = Supplier {
            id: 7,
            name: "Cœur de Forêt".into(),
            headcount: Some(7),
            city: "Besançon".into(),
            cpv: vec![CpvCode::parse("77211400").unwrap()],
            source: crate::domain::SourceRef {
                file: "a.csv".into(),
                line: 3,
            },
            ..Default::default()
        };
        let mut inc = incoming("Coeur de Foret", &[Field::City, Field::Cpv]);
        inc.supplier.city = "Besançon-Centre".into();
        inc.supplier.cpv = vec![CpvCode::parse("45000000").unwrap()];
        inc.supplier.source.file = "b.csv".into();
        let out = apply_update(&stored, &inc);
        assert_eq!(out.id, 7);
        assert_eq!(
            out.name, "Cœur de Forêt",
            "a worse spelling does not replace"
        );
        assert_eq!(out.headcount, Some(7), "not given: kept");
        assert_eq!(out.city, "Besançon-Centre");
        assert_eq!(out.cpv.len(), 2);
        assert_eq!(out.source.file, "a.csv");
        let renamed = apply_update(&stored, &incoming("Forêt & Fils", &[]));
        assert_eq!(renamed.name, "Forêt & Fils");
    }

    #[test]
    fn identical_update_is_identical() {
        let mut inc = incoming("Dupont SAS", &[Field::Email]);
        inc.supplier.email = "x@y.fr".into();
        let stored = Supplier {
            id: 3,
            ..inc.supplier.clone()
        };
        assert_eq!(apply_update(&stored, &inc), stored);
    }
}
