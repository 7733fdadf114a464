//! The columns of a registration list, found by their header as registration forms and
//! spreadsheets name them ("N° SIRET", "Raison sociale", "Code postal", "Jours de présence",
//! "Disponibilité", "Thématiques"…), case- and accent-insensitively.

use crate::io::import::clean::fold;

/// A column the import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// SIRET (14 digits) or SIREN (9).
    Siret,
    /// The company's name (raison sociale).
    Name,
    /// Postcode of the establishment.
    Postcode,
    /// Attending days: dates, "tous" or empty (every forum day).
    Days,
    /// When it can meet: "matin", "après-midi", windows, or empty (all day).
    Availability,
    /// Themes it registered under.
    Themes,
}

impl Column {
    /// The field name used in the report ("siret", "raison_sociale"…).
    pub fn name(self) -> &'static str {
        match self {
            Column::Siret => "siret",
            Column::Name => "raison_sociale",
            Column::Postcode => "code_postal",
            Column::Days => "jours",
            Column::Availability => "disponibilite",
            Column::Themes => "thematiques",
        }
    }
}

/// Exact folded headers, then folded fragments, for each column (in that order of trust).
const EXACT: &[(&str, Column)] = &[
    ("siret", Column::Siret),
    ("nsiret", Column::Siret),
    ("numerosiret", Column::Siret),
    ("siren", Column::Siret),
    ("siretsiren", Column::Siret),
    ("raisonsociale", Column::Name),
    ("nom", Column::Name),
    ("nomdelentreprise", Column::Name),
    ("entreprise", Column::Name),
    ("structure", Column::Name),
    ("societe", Column::Name),
    ("denomination", Column::Name),
    ("name", Column::Name),
    ("company", Column::Name),
    ("codepostal", Column::Postcode),
    ("cp", Column::Postcode),
    ("postcode", Column::Postcode),
    ("postalcode", Column::Postcode),
    ("zipcode", Column::Postcode),
    ("jours", Column::Days),
    ("jour", Column::Days),
    ("journees", Column::Days),
    ("journee", Column::Days),
    ("dates", Column::Days),
    ("date", Column::Days),
    ("days", Column::Days),
    ("disponibilite", Column::Availability),
    ("disponibilites", Column::Availability),
    ("creneaux", Column::Availability),
    ("horaires", Column::Availability),
    ("availability", Column::Availability),
    ("themes", Column::Themes),
    ("theme", Column::Themes),
    ("thematiques", Column::Themes),
    ("thematique", Column::Themes),
];

const FRAGMENTS: &[(&str, Column)] = &[
    ("siret", Column::Siret),
    ("siren", Column::Siret),
    ("postal", Column::Postcode),
    ("dispo", Column::Availability),
    ("creneau", Column::Availability),
    ("thema", Column::Themes),
    ("theme", Column::Themes),
    ("raison", Column::Name),
    ("entreprise", Column::Name),
    ("societe", Column::Name),
    ("jour", Column::Days),
    ("date", Column::Days),
    ("nom", Column::Name),
];

/// Headers about the person filling the form (contact name, e-mail…), never a column
/// the import reads: "Nom du contact" is not the company's name.
const PERSONAL: &[&str] = &[
    "contact",
    "prenom",
    "responsable",
    "mail",
    "tel",
    "fonction",
];

/// The column a header names exactly (after folding), if any.
fn exact_column(f: &str) -> Option<Column> {
    EXACT.iter().find(|(h, _)| *h == f).map(|(_, c)| *c)
}

/// The column a header's words suggest, if any (personal headers excluded).
fn fragment_column(f: &str) -> Option<Column> {
    if PERSONAL.iter().any(|p| f.contains(p)) {
        return None;
    }
    FRAGMENTS
        .iter()
        .find(|(h, _)| f.contains(h))
        .map(|(_, c)| *c)
}

/// The column a header names, if any.
pub fn column_of(header: &str) -> Option<Column> {
    let f = fold(header);
    if f.is_empty() {
        return None;
    }
    exact_column(&f).or_else(|| fragment_column(&f))
}

/// Position of each column in a header row: exact headers first, then headers whose words
/// suggest a column not found yet; for each column the leftmost cell wins.
/// None unless it names at least a SIRET or a name column and one other.
pub fn map_header(cells: &[String]) -> Option<Vec<(Column, usize)>> {
    let folded: Vec<String> = cells.iter().map(|c| fold(c)).collect();
    let mut found: Vec<(Column, usize)> = Vec::new();
    for pass in [exact_column as fn(&str) -> Option<Column>, fragment_column] {
        for (i, f) in folded.iter().enumerate() {
            if found.iter().any(|(_, j)| *j == i) {
                continue;
            }
            if let Some(c) = pass(f) {
                if !found.iter().any(|(k, _)| *k == c) {
                    found.push((c, i));
                }
            }
        }
    }
    found.sort_by_key(|(_, i)| *i);
    let identifies = found
        .iter()
        .any(|(c, _)| matches!(c, Column::Siret | Column::Name));
    (identifies && found.len() >= 2).then_some(found)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn headers_as_forms_name_them() {
        for (h, c) in [
            ("N° SIRET", Column::Siret),
            ("Raison sociale", Column::Name),
            ("Nom de l'entreprise", Column::Name),
            ("Code postal", Column::Postcode),
            ("CP", Column::Postcode),
            ("Jours de présence", Column::Days),
            ("Date(s)", Column::Days),
            ("Disponibilités", Column::Availability),
            ("Créneaux souhaités", Column::Availability),
            ("Thématiques", Column::Themes),
        ] {
            assert_eq!(column_of(h), Some(c), "{h}");
        }
        assert_eq!(column_of("Commentaire"), None);
        assert_eq!(column_of("Nom du contact"), None);
    }

    #[test]
    fn a_header_row_needs_an_identity_column() {
        let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(map_header(&row(&["Forum du 17 mars 2027"])).is_none());
        assert!(map_header(&row(&["Jours", "Disponibilité"])).is_none());
        let m = map_header(&row(&["Raison sociale", "SIRET", "Jours"])).unwrap();
        assert_eq!(
            m,
            vec![(Column::Name, 0), (Column::Siret, 1), (Column::Days, 2)]
        );
        // The company's exact header wins over a word found elsewhere.
        let m = map_header(&row(&[
            "Nom du contact",
            "Nom de la structure",
            "Structure",
            "CP",
        ]))
        .unwrap();
        assert_eq!(m, vec![(Column::Name, 2), (Column::Postcode, 3)]);
    }
}
