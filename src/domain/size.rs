//! Company size categories (décret n° 2008-1354, art. 51 de la loi LME).

use serde::{Deserialize, Serialize};

/// Size category of a company, as INSEE defines them.
///
/// TPE (microentreprise): < 10 employees and ≤ €2 M turnover or balance sheet;
/// PME: < 250 employees and ≤ €50 M turnover or ≤ €43 M balance sheet;
/// ETI: < 5,000 employees; GE: the rest. The Région's "TPE/PME" figure counts TPE and PME.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SizeCategory {
    /// Très petite entreprise (microentreprise).
    Tpe,
    /// Petite ou moyenne entreprise (excluding TPE).
    Pme,
    /// Entreprise de taille intermédiaire.
    Eti,
    /// Grande entreprise.
    Ge,
}

impl SizeCategory {
    /// All categories, smallest first.
    pub const ALL: [SizeCategory; 4] = [Self::Tpe, Self::Pme, Self::Eti, Self::Ge];

    /// Parses "tpe", "PME", "eti", "ge" (also "micro", "grande entreprise"); None otherwise.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "tpe" | "micro" | "microentreprise" | "mic" => Some(Self::Tpe),
            "pme" | "sme" => Some(Self::Pme),
            "eti" | "mid-cap" | "midcap" => Some(Self::Eti),
            "ge" | "grande entreprise" | "large" => Some(Self::Ge),
            _ => None,
        }
    }

    /// Short code as written in the interface and exports: "TPE", "PME", "ETI", "GE".
    pub fn code(self) -> &'static str {
        match self {
            Self::Tpe => "TPE",
            Self::Pme => "PME",
            Self::Eti => "ETI",
            Self::Ge => "GE",
        }
    }

    /// Category from a headcount alone (employees), the only figure most lists give.
    pub fn from_headcount(employees: u32) -> Self {
        match employees {
            0..=9 => Self::Tpe,
            10..=249 => Self::Pme,
            250..=4999 => Self::Eti,
            _ => Self::Ge,
        }
    }

    /// Category from an INSEE SIRENE headcount band code ("NN", "00", "01" … "53");
    /// None for an unknown code. "NN" (non-employer) and "00" count as TPE.
    pub fn from_insee_band(code: &str) -> Option<Self> {
        Some(match code.trim() {
            "NN" | "00" | "01" | "02" | "03" => Self::Tpe,
            "11" | "12" | "21" | "22" | "31" => Self::Pme,
            "32" | "41" | "42" | "51" => Self::Eti,
            "52" | "53" => Self::Ge,
            _ => return None,
        })
    }

    /// True for TPE and PME, the Région's "TPE/PME" share.
    pub fn is_sme(self) -> bool {
        matches!(self, Self::Tpe | Self::Pme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headcount_thresholds() {
        assert_eq!(SizeCategory::from_headcount(0), SizeCategory::Tpe);
        assert_eq!(SizeCategory::from_headcount(9), SizeCategory::Tpe);
        assert_eq!(SizeCategory::from_headcount(10), SizeCategory::Pme);
        assert_eq!(SizeCategory::from_headcount(249), SizeCategory::Pme);
        assert_eq!(SizeCategory::from_headcount(250), SizeCategory::Eti);
        assert_eq!(SizeCategory::from_headcount(5000), SizeCategory::Ge);
    }

    #[test]
    fn parse_and_bands() {
        assert_eq!(SizeCategory::parse(" PME "), Some(SizeCategory::Pme));
        assert_eq!(SizeCategory::parse("xyz"), None);
        assert_eq!(SizeCategory::from_insee_band("12"), Some(SizeCategory::Pme));
        assert_eq!(SizeCategory::from_insee_band("32"), Some(SizeCategory::Eti));
        assert_eq!(SizeCategory::from_insee_band("??"), None);
        assert!(SizeCategory::Tpe.is_sme() && !SizeCategory::Eti.is_sme());
    }
}
