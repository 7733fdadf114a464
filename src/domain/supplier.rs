//! Suppliers (fournisseurs, opérateurs économiques) of the directory.

use super::cpv::CpvCode;
use super::siret::{Siren, Siret};
use super::size::SizeCategory;
use serde::{Deserialize, Serialize};

/// Store-assigned identifier of a supplier (never 0 once stored).
pub type SupplierId = u64;

/// Where a record came from: file name and physical line (1-based) of its first row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// File name as given to the import (or the embedded fixture's name).
    pub file: String,
    /// Physical line, 1-based; 0 when unknown.
    pub line: u64,
}

/// A past public contract won by the supplier (référence).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractReference {
    /// Buyer's name (acheteur), may be empty when the source does not give it.
    pub buyer: String,
    /// Object of the contract (objet du marché), one line.
    pub object: String,
    /// Year of notification, when known.
    pub year: Option<i16>,
    /// Amount in euros excluding VAT (€ HT), when known.
    pub amount_eur: Option<f64>,
}

/// One supplier of the directory.
///
/// Text fields are NFC, trimmed, free of control characters and escape sequences
/// (see [`crate::domain::text::sanitize`]); the importer guarantees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Supplier {
    /// Store id; 0 before the first write.
    pub id: SupplierId,
    /// Legal name (raison sociale / dénomination), NFC.
    pub name: String,
    /// SIRET of the establishment; None for a firm not yet registered or known by SIREN only.
    pub siret: Option<Siret>,
    /// SIREN when only the legal unit is known (equal to `siret.siren()` when a SIRET is set).
    pub siren: Option<Siren>,
    /// Size category, when known.
    pub size: Option<SizeCategory>,
    /// Headcount (effectif), when the source gives a number.
    pub headcount: Option<u32>,
    /// Annual turnover in euros (chiffre d'affaires), when known.
    pub turnover_eur: Option<f64>,
    /// Creation date (date de création), when known.
    pub created_on: Option<jiff::civil::Date>,
    /// Postal code, 5 characters, empty when unknown.
    pub postcode: String,
    /// Commune name.
    pub city: String,
    /// Main département code ("75", "2A", "971"), empty when unknown: the head office's when
    /// the source gives one, else the most frequent place of execution of its contracts.
    /// Always the first of [`Supplier::departments`] when that is not empty.
    pub department: String,
    /// Every département where the supplier is based or has worked, main one first, then by
    /// number of contracts executed there (DECP places of execution); no duplicates.
    #[serde(default)]
    pub departments: Vec<String>,
    /// Number of public contracts it has won (DECP 2018–2019 in the embedded directory),
    /// when the source counts them; may exceed `references.len()`, which keeps a few.
    #[serde(default)]
    pub contract_count: Option<u32>,
    /// Entreprise de l'économie sociale et solidaire (loi n° 2014-856).
    pub ess: bool,
    /// Structure d'insertion par l'activité économique (EI, ACI, AI, ETTI) or GEIQ.
    pub siae: bool,
    /// Entreprise adaptée or ESAT (disability employment).
    pub adapted: bool,
    /// Themes, sorted, no duplicates: slugs of the catalog ([`crate::domain::theme::Theme`])
    /// when a theme is recognised, else the free label an import file gave ("Électricité").
    pub themes: Vec<String>,
    /// CPV codes of what the supplier sells or has won.
    pub cpv: Vec<CpvCode>,
    /// Free capability keywords and phrases, as written by the source.
    pub keywords: Vec<String>,
    /// NAF rév. 2 activity code ("62.01Z"), when known.
    pub naf: Option<String>,
    /// Free description.
    pub description: String,
    /// Past public contracts.
    pub references: Vec<ContractReference>,
    /// Web site, as given.
    pub website: String,
    /// Contact e-mail of the firm, as given (no natural persons' data in fixtures).
    pub email: String,
    /// Provenance of the record.
    pub source: SourceRef,
}

impl Supplier {
    /// Identity used to merge records of the same firm: `"siret:<14 digits>"`, else
    /// `"siren:<9 digits>"`, else `"name:<identity-folded name>|<postcode>"` (see
    /// [`crate::domain::text::identity_fold`]: "DUPONT S.A.S." and "Dupont SAS" agree).
    pub fn identity_key(&self) -> String {
        if let Some(s) = &self.siret {
            format!("siret:{s}")
        } else if let Some(s) = &self.siren {
            format!("siren:{s}")
        } else {
            format!(
                "name:{}|{}",
                crate::domain::text::identity_fold(&self.name),
                self.postcode.trim()
            )
        }
    }

    /// True when the firm is in Île-de-France (départements 75, 77, 78, 91, 92, 93, 94, 95).
    pub fn in_ile_de_france(&self) -> bool {
        is_ile_de_france(&self.department)
    }

    /// Every département where it is based or has worked, main first: [`Supplier::departments`],
    /// or the main [`Supplier::department`] alone for records written before that list existed.
    pub fn all_departments(&self) -> impl Iterator<Item = &str> {
        let legacy = (self.departments.is_empty() && !self.department.is_empty())
            .then_some(self.department.as_str());
        legacy
            .into_iter()
            .chain(self.departments.iter().map(String::as_str))
    }

    /// True when `department` is one of [`Supplier::all_departments`].
    pub fn works_in(&self, department: &str) -> bool {
        self.all_departments().any(|d| d == department)
    }
}

/// True for the 8 départements of Île-de-France.
pub fn is_ile_de_france(department: &str) -> bool {
    matches!(
        department,
        "75" | "77" | "78" | "91" | "92" | "93" | "94" | "95"
    )
}

/// Département code from a French postal code: "93100" → "93", "20000" → "2A",
/// "20200" → "2B", "97100" → "971". None when the postcode is not 5 digits.
pub fn department_from_postcode(postcode: &str) -> Option<String> {
    let p = postcode.trim();
    if p.len() != 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match &p[..2] {
        "20" => {
            if p < "20200" {
                "2A".to_string()
            } else {
                "2B".to_string()
            }
        }
        "97" | "98" => p[..3].to_string(),
        d => d.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_key_prefers_siret_then_siren_then_name() {
        let mut s = Supplier {
            name: "DUPONT S.A.S.".into(),
            postcode: "45000".into(),
            ..Default::default()
        };
        let by_name = s.identity_key();
        assert_eq!(by_name, "name:dupontsas|45000");
        s.name = "Dupont SAS ".into();
        assert_eq!(s.identity_key(), by_name);
        s.siren = Some(Siren::parse("012345674").unwrap());
        assert_eq!(s.identity_key(), "siren:012345674");
        s.siret = Some(Siret::parse("01234567400019").unwrap());
        assert_eq!(s.identity_key(), "siret:01234567400019");
    }

    #[test]
    fn departments() {
        assert_eq!(department_from_postcode("93100").as_deref(), Some("93"));
        assert_eq!(department_from_postcode("01500").as_deref(), Some("01"));
        assert_eq!(department_from_postcode("20000").as_deref(), Some("2A"));
        assert_eq!(department_from_postcode("20200").as_deref(), Some("2B"));
        assert_eq!(department_from_postcode("97110").as_deref(), Some("971"));
        assert_eq!(department_from_postcode("9310"), None);
        assert!(is_ile_de_france("93") && !is_ile_de_france("60"));
    }
}
