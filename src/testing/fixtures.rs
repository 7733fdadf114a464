//! Shared sample data: a handful of made-up suppliers with realistic fields (no real
//! person), and a two-theme catalogue.

use crate::domain::{CpvCode, Siret, SizeCategory, Supplier, Theme, ThemeCatalog};

/// A valid SIRET from a 13-digit prefix: the 9th digit is replaced by the SIREN's check
/// digit and the 14th is the SIRET's (both Luhn-checked).
///
/// Panics when `prefix13` is shorter than 13 ASCII digits.
pub fn siret(prefix13: &str) -> Siret {
    let luhn_digit = |head: &str| {
        (0..10)
            .map(|d| format!("{head}{d}"))
            .find(|s| crate::domain::siret::luhn_valid(s))
            .unwrap_or_else(|| panic!("no Luhn digit for {head}"))
    };
    let siren = luhn_digit(&prefix13[..8]);
    let full = luhn_digit(&format!("{siren}{}", &prefix13[9..13]));
    Siret::parse(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The themes tests classify and explain with: "batiment-energie" (CPV 45…, NAF 43.2…)
/// and "sante-domicile" (CPV 85…), labelled in French and English.
pub fn themes() -> ThemeCatalog {
    let theme = |slug: &str, fr: &str, en: &str, cpv: &[&str], naf: &[&str]| Theme {
        slug: slug.into(),
        label_fr: fr.into(),
        label_en: en.into(),
        description: String::new(),
        cpv_prefixes: cpv.iter().map(|s| s.to_string()).collect(),
        naf_prefixes: naf.iter().map(|s| s.to_string()).collect(),
    };
    ThemeCatalog {
        themes: vec![
            theme(
                "batiment-energie",
                "Bâtiment & Énergie",
                "Building & Energy",
                &["45"],
                &["43.2"],
            ),
            theme(
                "sante-domicile",
                "Santé & maintien à domicile",
                "Health & home care",
                &["85"],
                &[],
            ),
        ],
    }
}

#[allow(clippy::too_many_arguments)]
fn sup(
    name: &str,
    siret_prefix: &str,
    dept: &str,
    city: &str,
    size: Option<SizeCategory>,
    cpv: &[&str],
    themes: &[&str],
    keywords: &[&str],
) -> Supplier {
    Supplier {
        name: name.to_string(),
        siret: Some(siret(siret_prefix)),
        size,
        department: dept.to_string(),
        postcode: format!("{dept}100"),
        city: city.to_string(),
        cpv: cpv
            .iter()
            .map(|c| CpvCode::parse(c).unwrap_or_else(|e| panic!("{c}: {e}")))
            .collect(),
        themes: themes.iter().map(|s| s.to_string()).collect(),
        keywords: keywords.iter().map(|s| s.to_string()).collect(),
        description: format!("{name} : entreprise de test."),
        ..Default::default()
    }
}

/// A small directory of eight made-up firms (ids unset: the store gives them), with the
/// themes of the embedded catalogue; the 2nd and 7th are ESS, the 3rd is an SIAE.
pub fn sample_suppliers() -> Vec<Supplier> {
    use SizeCategory::*;
    let mut v = vec![
        sup(
            "Isolations Thermiques de Seine-Saint-Denis",
            "1000000000001",
            "93",
            "Saint-Denis",
            Some(Pme),
            &["45321000"],
            &["batiment-energie"],
            &["isolation thermique", "rénovation énergétique"],
        ),
        sup(
            "Énergie Solaire Coopérative",
            "1000000000002",
            "75",
            "Paris",
            Some(Tpe),
            &["09331000", "45261215"],
            &["batiment-energie"],
            &["panneaux solaires", "énergie renouvelable"],
        ),
        sup(
            "Menuiseries et Isolation du Val",
            "1000000000003",
            "94",
            "Créteil",
            Some(Tpe),
            &["45421000", "45320000"],
            &["batiment-energie"],
            &["menuiserie", "isolation"],
        ),
        sup(
            "Sécurité Mobilité Services",
            "1000000000004",
            "92",
            "Nanterre",
            Some(Eti),
            &["79710000"],
            &["securite-mobilite"],
            &["gardiennage", "vidéoprotection"],
        ),
        sup(
            "École Numérique Ouverte",
            "1000000000005",
            "69",
            "Lyon",
            Some(Pme),
            &["48190000"],
            &["edtech"],
            &["logiciel pédagogique"],
        ),
        sup(
            "Chauffage Ventilation Francilienne",
            "1000000000006",
            "93",
            "Montreuil",
            Some(Pme),
            &["45331000"],
            &["batiment-energie"],
            &["chauffage", "ventilation", "efficacité énergétique"],
        ),
        sup(
            "Aide et Soins à Domicile Solidaires",
            "1000000000007",
            "95",
            "Cergy",
            Some(Pme),
            &["85312000"],
            &["sante-domicile"],
            &["aide à domicile"],
        ),
        sup(
            "Cœur de Forêt Élagage",
            "1000000000008",
            "77",
            "Melun",
            Some(Tpe),
            &["77211400"],
            &["proprete-environnement"],
            &["élagage", "espaces verts"],
        ),
    ];
    v[1].ess = true;
    v[6].ess = true;
    v[2].siae = true;
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_sirets_are_valid_and_distinct() {
        let all = sample_suppliers();
        let mut sirets: Vec<String> = all
            .iter()
            .filter_map(|s| s.siret.as_ref().map(|x| x.to_string()))
            .collect();
        assert_eq!(sirets.len(), 8);
        sirets.sort();
        sirets.dedup();
        assert_eq!(sirets.len(), 8);
        assert_eq!(
            themes().label("sante-domicile", crate::i18n::Lang::En),
            "Health & home care"
        );
    }
}
