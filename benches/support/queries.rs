//! The ten queries of the search bench, also typed letter by letter by the serve bench's
//! clients (one list, so both benches measure the same searches).

/// Queries as a buyer types them: words, prefixes and filters.
pub const QUERIES: [&str; 10] = [
    "renovation energetique",
    "isolation therm",
    "teleassistance",
    "logiciel scolaire",
    "cvc dept:93",
    "theme:sante domicile",
    "nettoyage ess",
    "securite incendie",
    "mobilier urbain",
    "photovoltaique",
];
