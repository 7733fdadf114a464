//! The product's own supplier CSV format (`fixtures/suppliers.csv`, `sourcing export suppliers`).
//!
//! UTF-8, comma-separated, one header line ([`SUPPLIER_COLUMNS`]); TPE/PME/ETI/GE sizes;
//! `oui`/`non` flags; multi-valued cells separated by [`LIST_SEPARATOR`]; ISO dates;
//! `departements` lists every département where the supplier works, main one first;
//! `references` holds contract objects (`Supplier.references[].object`) and the three
//! `references_*` columns their buyers, years and amounts in euros excluding VAT, value for
//! value (an empty value where one is unknown).

/// The columns of the bundled format, in order.
pub const SUPPLIER_COLUMNS: [&str; 26] = [
    "siret",
    "siren",
    "raison_sociale",
    "taille",
    "effectif",
    "chiffre_affaires_eur",
    "date_creation",
    "code_postal",
    "commune",
    "departements",
    "nb_marches",
    "ess",
    "siae",
    "ea_esat",
    "thematiques",
    "cpv",
    "mots_cles",
    "naf",
    "description",
    "references",
    "references_acheteurs",
    "references_annees",
    "references_montants_eur",
    "site_web",
    "courriel",
    "provenance",
];

/// Separator of values inside a multi-valued cell of the bundled format.
pub const LIST_SEPARATOR: char = '|';
