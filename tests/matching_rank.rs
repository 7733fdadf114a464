//! Ranking behaviour of `matching` on small hand-made directories.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::domain::{
    ConstraintMode, Constraints, ContractReference, CpvCatalog, CpvCode, Lot, Need, SizeCategory,
    Supplier,
};
use sourcing::matching::{explain, rank, Match, Matcher, Reason};
use sourcing::testing::themes;

fn code(s: &str) -> CpvCode {
    CpvCode::parse(s).unwrap()
}

fn supplier(id: u64, name: &str, cpv: &[&str]) -> Supplier {
    Supplier {
        id,
        name: name.into(),
        cpv: cpv.iter().map(|c| code(c)).collect(),
        ..Default::default()
    }
}

fn catalog() -> CpvCatalog {
    let mut c = CpvCatalog::default();
    c.insert(
        &code("45321000"),
        "Travaux d'isolation thermique".into(),
        "Thermal insulation work".into(),
    );
    c.insert(
        &code("09310000"),
        "Électricité".into(),
        "Electricity".into(),
    );
    c
}

fn ids(ms: &[Match]) -> Vec<u64> {
    ms.iter().map(|m| m.supplier).collect()
}

fn need_with_cpv(c: &str) -> Need {
    Need {
        title: String::new(),
        cpv: vec![code(c)],
        ..Default::default()
    }
}

#[test]
fn cpv_levels_rank_exact_then_category_class_group_division() {
    let dir = vec![
        supplier(1, "Division", &["45000000"]),
        supplier(2, "Groupe", &["45200000"]),
        supplier(3, "Classe", &["45260000"]),
        supplier(4, "Catégorie", &["45261000"]),
        supplier(5, "Exact", &["45261210"]),
        supplier(6, "Autre division", &["72000000"]),
    ];
    let got = rank(
        &need_with_cpv("45261210"),
        0,
        &dir,
        &themes(),
        &catalog(),
        10,
    );
    assert_eq!(
        ids(&got),
        [5, 4, 3, 2, 1],
        "72 shares no division: left out"
    );
    let scores: Vec<f64> = got.iter().map(|m| m.score).collect();
    assert!(scores.windows(2).all(|w| w[0] > w[1]), "{scores:?}");
    match &got[1].reasons[0].0 {
        Reason::Cpv {
            need_code,
            supplier_code,
            common_digits,
            relation,
        } => {
            assert_eq!(need_code, "45261210");
            assert_eq!(supplier_code, "45261000");
            assert_eq!(*common_digits, 5);
            // The supplier's category 45261 is broader than the need's finer code.
            assert_eq!(*relation, sourcing::matching::CpvRelation::SupplierBroader);
        }
        r => panic!("expected a CPV reason, got {r:?}"),
    }
}

#[test]
fn theme_counts_by_slug_or_by_label() {
    let mut a = supplier(1, "Alpha", &[]);
    a.themes = vec!["batiment-energie".into()];
    let mut b = supplier(2, "Beta", &[]);
    b.themes = vec!["Bâtiment & énergie".into()];
    let c = supplier(3, "Gamma", &[]);
    let need = Need {
        theme: Some("batiment-energie".into()),
        ..Default::default()
    };
    let got = rank(&need, 0, &[a, b, c], &themes(), &catalog(), 10);
    assert_eq!(ids(&got), [1, 2]);
    assert_eq!(
        got[0].reasons,
        vec![(Reason::Theme("batiment-energie".into()), got[0].score)]
    );
}

#[test]
fn accents_and_case_do_not_matter_and_stop_words_are_ignored() {
    let mut a = supplier(1, "Société Alpha", &[]);
    a.description = "Audit ÉNERGÉTIQUE et maîtrise de l'Énergie".into();
    let mut b = supplier(2, "Beta de la Ville", &[]);
    b.description = "Nettoyage des locaux pour les écoles".into();
    let need = Need {
        title: "energie pour la ville".into(),
        ..Default::default()
    };
    let dir = vec![a, b];
    let mut got = rank(&need, 0, &dir, &themes(), &catalog(), 10);
    got.sort_by_key(|m| m.supplier);
    assert_eq!(ids(&got), [1, 2]);
    let words: Vec<&Reason> = got[0].reasons.iter().map(|r| &r.0).collect();
    assert_eq!(
        words,
        [&Reason::Word {
            word: "energie".into(),
            count: 2
        }],
        "« énergétique » and « Énergie » both count"
    );
    // "pour" and "la" are stop words: Beta is there for "ville" only.
    assert_eq!(
        got[1].reasons,
        vec![(
            Reason::Word {
                word: "ville".into(),
                count: 1
            },
            got[1].score
        )]
    );
    let only_stop_words = Need {
        title: "pour la de des".into(),
        ..Default::default()
    };
    assert!(rank(&only_stop_words, 0, &dir, &themes(), &catalog(), 10).is_empty());
}

#[test]
fn words_are_found_in_cpv_labels_and_references_and_rare_words_weigh_more() {
    let mut a = supplier(1, "Alpha", &["45321000"]);
    a.references = vec![ContractReference {
        object: "Fourniture de matériel".into(),
        ..Default::default()
    }];
    let mut b = supplier(2, "Beta", &[]);
    b.references = vec![ContractReference {
        object: "Fourniture de fournitures".into(),
        ..Default::default()
    }];
    let mut dir = vec![a, b];
    for i in 3..20 {
        let mut s = supplier(i, &format!("Fournisseur {i}"), &[]);
        s.description = "fourniture".into();
        dir.push(s);
    }
    let need = Need {
        title: "Isolation thermique : fourniture".into(),
        ..Default::default()
    };
    let got = rank(&need, 0, &dir, &themes(), &catalog(), 3);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].supplier, 1,
        "the CPV label holds « isolation thermique »"
    );
    let top = got[0]
        .reasons
        .iter()
        .find(|r| matches!(r.0, Reason::Word { .. }))
        .unwrap();
    assert!(
        matches!(&top.0, Reason::Word { word, .. } if word == "isolation" || word == "thermique")
    );
    let fourniture = got[0]
        .reasons
        .iter()
        .find(|r| matches!(&r.0, Reason::Word { word, .. } if word == "fourniture"))
        .unwrap();
    assert!(
        fourniture.1 < top.1,
        "a common word weighs less than a rare one"
    );
}

#[test]
fn require_filters_while_prefer_boosts() {
    let mut a = supplier(1, "Alpha", &["45261000"]);
    a.department = "75".into();
    a.size = Some(SizeCategory::Ge);
    let mut b = supplier(2, "Beta", &["45262000"]);
    b.department = "93".into();
    b.size = Some(SizeCategory::Pme);
    b.ess = true;
    let mut c = supplier(3, "Gamma", &["45262000"]);
    c.siae = true;
    let dir = vec![a, b, c];
    let mut need = need_with_cpv("45261000");
    let plain = rank(&need, 0, &dir, &themes(), &catalog(), 10);
    assert_eq!(ids(&plain), [1, 2, 3]);

    need.constraints = Constraints {
        departments: vec!["93".into()],
        sizes: vec![SizeCategory::Tpe, SizeCategory::Pme],
        ess: Some(ConstraintMode::Prefer),
        ..Default::default()
    };
    let preferred = rank(&need, 0, &dir, &themes(), &catalog(), 10);
    assert_eq!(ids(&preferred), [2, 1, 3], "boosted above the closer CPV");
    let boosts: Vec<&Reason> = preferred[0].reasons.iter().skip(1).map(|r| &r.0).collect();
    assert!(boosts.contains(&&Reason::Department("93".into())));
    assert!(boosts.contains(&&Reason::Size(SizeCategory::Pme)));
    assert!(boosts.contains(&&Reason::Ess));

    need.constraints.departments_mode = ConstraintMode::Require;
    assert_eq!(ids(&rank(&need, 0, &dir, &themes(), &catalog(), 10)), [2]);

    need.constraints = Constraints {
        siae: Some(ConstraintMode::Require),
        ..Default::default()
    };
    assert_eq!(ids(&rank(&need, 0, &dir, &themes(), &catalog(), 10)), [3]);

    // A need that states only constraints lists the suppliers meeting them.
    let only = Need {
        constraints: Constraints {
            ess: Some(ConstraintMode::Prefer),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(ids(&rank(&only, 0, &dir, &themes(), &catalog(), 10)), [2]);
}

#[test]
fn ties_break_by_name_then_id_and_limit_keeps_the_best() {
    let dir = vec![
        supplier(9, "Zeta", &["45261000"]),
        supplier(4, "alpha", &["45261000"]),
        supplier(3, "Beta", &["45261000"]),
        supplier(2, "Beta", &["45261000"]),
        supplier(1, "Omega", &["45261210"]),
    ];
    let need = need_with_cpv("45261000");
    let got = rank(&need, 0, &dir, &themes(), &catalog(), 10);
    // Omega's 45261210 lies inside the need's 45261000: as good an answer as the code
    // itself, so it ties with the others and takes its place by name.
    assert_eq!(ids(&got), [4, 2, 3, 1, 9]);
    let mut reversed = dir.clone();
    reversed.reverse();
    assert_eq!(
        ids(&rank(&need, 0, &reversed, &themes(), &catalog(), 10)),
        ids(&got)
    );
    assert_eq!(ids(&rank(&need, 0, &dir, &themes(), &catalog(), 2)), [4, 2]);
    assert!(rank(&need, 0, &dir, &themes(), &catalog(), 0).is_empty());
}

#[test]
fn lots_use_their_own_title_and_codes() {
    let mut a = supplier(1, "Menuiserie Alpha", &["45421000"]);
    a.description = "menuiseries bois".into();
    let mut b = supplier(2, "Peinture Beta", &["45442100"]);
    b.description = "peinture".into();
    let dir = vec![a, b];
    let need = Need {
        title: "Réhabilitation du gymnase".into(),
        cpv: vec![code("45000000")],
        lots: vec![
            Lot {
                number: 1,
                title: "Menuiseries".into(),
                cpv: vec![code("45421000")],
                description: String::new(),
            },
            Lot {
                number: 2,
                title: "Peinture".into(),
                cpv: vec![],
                description: String::new(),
            },
        ],
        ..Default::default()
    };
    assert_eq!(ids(&rank(&need, 1, &dir, &themes(), &catalog(), 10))[0], 1);
    let lot2 = rank(&need, 2, &dir, &themes(), &catalog(), 10);
    assert_eq!(
        lot2[0].supplier, 2,
        "lot 2 has no codes: the need's 45 applies, then its words"
    );
    assert!(rank(&need, 3, &dir, &themes(), &catalog(), 10).is_empty());
}

#[test]
fn matcher_keeps_current_on_upsert_and_remove() {
    let mut m = Matcher::new(&[supplier(1, "Alpha", &["45261000"])], &catalog());
    let need = need_with_cpv("45261000");
    assert_eq!(ids(&m.rank(&need, 0, &themes(), 10)), [1]);
    m.upsert(&supplier(2, "Beta", &["45261000"]), &catalog());
    m.upsert(&supplier(1, "Alpha", &["72000000"]), &catalog());
    assert_eq!(m.len(), 2);
    assert_eq!(ids(&m.rank(&need, 0, &themes(), 10)), [2]);
    assert!(m.remove(2));
    assert!(!m.remove(2));
    assert!(m.rank(&need, 0, &themes(), 10).is_empty());
}

#[test]
fn explanation_of_a_real_ranking() {
    let mut a = supplier(1, "Isol'Est", &["45321000"]);
    a.themes = vec!["batiment-energie".into()];
    a.size = Some(SizeCategory::Pme);
    a.department = "93".into();
    a.references = vec![ContractReference {
        object: "Isolation des combles de l'école".into(),
        ..Default::default()
    }];
    let need = Need {
        title: "Isolation".into(),
        theme: Some("batiment-energie".into()),
        cpv: vec![code("45321000")],
        constraints: Constraints {
            departments: vec!["93".into()],
            sizes: vec![SizeCategory::Pme],
            ..Default::default()
        },
        ..Default::default()
    };
    let got = rank(&need, 0, &[a], &themes(), &catalog(), 10);
    let fr = explain(&got[0], &themes(), sourcing::i18n::Lang::Fr);
    let en = explain(&got[0], &themes(), sourcing::i18n::Lang::En);
    assert!(fr.starts_with("CPV 45321000 exact; "), "{fr}");
    // "Isol'Est", the CPV label and the reference: three words of the family.
    assert!(fr.contains("« isolation » ×3"), "{fr}");
    assert!(
        fr.contains("thème Bâtiment & Énergie") && fr.contains("dépt 93") && fr.contains("PME"),
        "{fr}"
    );
    assert!(en.starts_with("CPV 45321000 exact; "), "{en}");
    assert!(
        en.contains("theme Building & Energy") && en.contains("dept 93") && en.contains("SME"),
        "{en}"
    );
    let total: f64 = got[0].reasons.iter().map(|r| r.1).sum();
    assert!(
        (total - got[0].score).abs() < 1e-9,
        "score is the sum of its parts"
    );
}

#[test]
fn a_need_without_codes_gets_codes_deduced_from_its_words() {
    // 45320000 has no label in this catalog: only the deduced code 45321000 (« Travaux
    // d'isolation thermique ») can bring Alpha, through the CPV hierarchy (class 4532).
    let a = supplier(1, "Alpha", &["45320000"]);
    let b = supplier(2, "Beta", &["72000000"]);
    let need = Need {
        title: "Isolation thermique".into(),
        ..Default::default()
    };
    let got = rank(&need, 0, &[a, b], &themes(), &catalog(), 10);
    assert_eq!(ids(&got), [1]);
    assert_eq!(
        got[0].reasons[0].0,
        Reason::CpvFromWords {
            code: "45321000".into(),
            supplier_code: "45320000".into(),
            common_digits: 4
        }
    );
    assert_eq!(
        explain(&got[0], &themes(), sourcing::i18n::Lang::Fr),
        "CPV 4532 classe (d'après les mots)"
    );
    assert_eq!(
        explain(&got[0], &themes(), sourcing::i18n::Lang::En),
        "CPV 4532 class (from the words)"
    );
    // A stated code turns deduction off.
    let stated = Need {
        title: "Isolation thermique".into(),
        cpv: vec![code("72000000")],
        ..Default::default()
    };
    let got = rank(
        &stated,
        0,
        &[supplier(1, "Alpha", &["45320000"])],
        &themes(),
        &catalog(),
        10,
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn candidates_follow_updates_and_removals() {
    // A matcher kept current by upsert and remove ranks exactly as one built afresh: its
    // postings (CPV branches, words, themes) follow every change, swap_remove included.
    let mut dir: Vec<Supplier> = (1..=12)
        .map(|i| {
            let code = ["45261000", "45000000", "45321000", "72000000"][i as usize % 4];
            let mut s = supplier(i, &format!("Entreprise {i}"), &[code]);
            s.keywords = vec![["isolation", "charpente", "logiciel"][i as usize % 3].into()];
            s.themes = vec!["batiment-energie".into()];
            s
        })
        .collect();
    let mut m = Matcher::new(&dir, &catalog());
    assert!(m.remove(3));
    assert!(m.remove(12));
    dir.retain(|s| s.id != 3 && s.id != 12);
    let mut changed = dir[0].clone();
    changed.cpv = vec![CpvCode::parse("72212000").unwrap()];
    changed.keywords = vec!["logiciel de gestion".into()];
    m.upsert(&changed, &catalog());
    dir[0] = changed;
    let fresh = Matcher::new(&dir, &catalog());
    let mut needs = vec![
        need_with_cpv("45261000"),
        need_with_cpv("45000000"),
        need_with_cpv("72212000"),
    ];
    needs.push(Need {
        title: "Isolation et charpente".into(),
        ..Default::default()
    });
    needs.push(Need {
        title: "logiciel".into(),
        theme: Some("batiment-energie".into()),
        ..Default::default()
    });
    for need in &needs {
        let a = m.rank(need, 0, &themes(), 50);
        let b = fresh.rank(need, 0, &themes(), 50);
        assert!(!a.is_empty(), "{need:?}");
        assert_eq!(ids(&a), ids(&b), "{need:?}");
    }
}
