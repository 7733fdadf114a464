//! Tests of the whole index: building, searching, filters, ranking and highlights.

use super::*;
use crate::domain::{CpvCode, SizeCategory, Theme};
use crate::search::dict::Q_INITIAL;
use std::collections::HashMap;

fn themes() -> ThemeCatalog {
    ThemeCatalog {
        themes: vec![
            Theme {
                slug: "batiment-energie".into(),
                label_fr: "Bâtiment & Énergie".into(),
                label_en: "Building & Energy".into(),
                description: String::new(),
                cpv_prefixes: vec!["45".into()],
                naf_prefixes: vec![],
            },
            Theme {
                slug: "sante-domicile".into(),
                label_fr: "Santé & maintien à domicile".into(),
                label_en: "Health & home care".into(),
                description: String::new(),
                cpv_prefixes: vec!["85".into()],
                naf_prefixes: vec![],
            },
        ],
    }
}

fn cpv() -> CpvCatalog {
    let mut c = CpvCatalog::default();
    let code = CpvCode::parse("45321000").unwrap();
    c.insert(
        &code,
        "Travaux d'isolation thermique".into(),
        "Thermal insulation work".into(),
    );
    let code = CpvCode::parse("85323000").unwrap();
    c.insert(
        &code,
        "Services de santé communautaires".into(),
        "Community health services".into(),
    );
    c
}

fn sup(id: u64, name: &str) -> Supplier {
    Supplier {
        id,
        name: name.into(),
        ..Default::default()
    }
}

fn directory() -> Vec<Supplier> {
    let mut a = sup(1, "Société Énergie Verte");
    a.department = "93".into();
    a.city = "Saint-Denis".into();
    a.size = Some(SizeCategory::Pme);
    a.themes = vec!["batiment-energie".into()];
    a.cpv = vec![CpvCode::parse("45321000").unwrap()];
    a.description = "Rénovation énergétique des bâtiments publics".into();
    let mut b = sup(2, "SÉCURITÉ ÉLECTRONIQUE DU NORD");
    b.department = "59".into();
    b.city = "Lille".into();
    b.size = Some(SizeCategory::Tpe);
    b.themes = vec!["Électricité".into()];
    b.keywords = vec!["vidéoprotection".into(), "contrôle d'accès".into()];
    let mut c = sup(3, "Cœur de Santé");
    c.department = "93".into();
    c.city = "Montreuil".into();
    c.ess = true;
    c.themes = vec!["sante-domicile".into()];
    c.cpv = vec![CpvCode::parse("85323000").unwrap()];
    c.description = "Téléassistance et sécurité des personnes âgées".into();
    let mut d = sup(4, "Nettoyage Insertion Services");
    d.siae = true;
    d.department = "75".into();
    d.city = "Paris".into();
    d.description = "Nettoyage de locaux".into();
    vec![a, b, c, d]
}

fn ids(idx: &SearchIndex, q: &str) -> Vec<u64> {
    idx.search(&Query::parse(q), 50)
        .iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn accents_and_case_are_equivalent() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    let e = ids(&idx, "energie");
    assert!(e.contains(&1));
    assert_eq!(e, ids(&idx, "ENERGIE"));
    assert_eq!(e, ids(&idx, "énergie"));
    assert_eq!(e, ids(&idx, "Énergie"));
    let s = ids(&idx, "securite");
    assert!(s.contains(&2) && s.contains(&3));
    assert_eq!(s, ids(&idx, "SÉCURITÉ"));
}

#[test]
fn words_match_within_one_field_not_scattered() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    // "securite electro": only the supplier with both words.
    assert_eq!(ids(&idx, "securite electro"), vec![2]);
    // Letters of "nrs" are scattered in many names but form no word.
    assert!(ids(&idx, "nrsv").is_empty());
}

#[test]
fn name_weighs_more_than_description() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    // "securite" is in 2's name and in 3's description.
    assert_eq!(ids(&idx, "securite"), vec![2, 3]);
    let hits = idx.search(&Query::parse("securite"), 10);
    assert_eq!(hits[0].fields, vec![Field::Name]);
    assert_eq!(hits[1].fields, vec![Field::Description]);
}

#[test]
fn typo_still_finds_the_name() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    assert_eq!(ids(&idx, "netoyage")[0], 4);
    assert_eq!(ids(&idx, "teleasistance"), vec![3]);
    assert_eq!(ids(&idx, "securtie")[0], 2);
}

#[test]
fn cpv_labels_theme_labels_and_city_are_searchable() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    assert_eq!(ids(&idx, "isolation thermique"), vec![1]);
    assert_eq!(ids(&idx, "maintien domicile"), vec![3]);
    assert_eq!(ids(&idx, "electricite"), vec![2]);
    assert_eq!(ids(&idx, "montreuil"), vec![3]);
}

#[test]
fn filters() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    assert_eq!(ids(&idx, "dept:93"), vec![3, 1]); // by name: "Cœur…" < "Société…"
    assert_eq!(ids(&idx, "securite dept:93"), vec![3]);
    assert_eq!(ids(&idx, "theme:sante"), vec![3]);
    assert_eq!(ids(&idx, "theme:energie"), vec![1]);
    assert_eq!(ids(&idx, "theme:electricite"), vec![2]);
    assert_eq!(ids(&idx, "cpv:45"), vec![1]);
    assert_eq!(ids(&idx, "cpv:4532"), vec![1]);
    assert!(ids(&idx, "cpv:46").is_empty());
    assert_eq!(ids(&idx, "size:tpe"), vec![2]);
    assert_eq!(ids(&idx, "ess"), vec![3]);
    assert_eq!(ids(&idx, "siae"), vec![4]);
    assert_eq!(ids(&idx, "city:saint"), vec![1]);
    assert_eq!(ids(&idx, "dept:93,59"), vec![3, 2, 1]);
}

#[test]
fn exclusions() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    assert_eq!(ids(&idx, "securite -teleassistance"), vec![2]);
    assert_eq!(ids(&idx, "dept:93 -coeur"), vec![1]);
}

#[test]
fn empty_query_lists_by_name() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    assert_eq!(ids(&idx, ""), vec![3, 4, 2, 1]);
    let page = idx.search_page(&Query::parse(""), 2);
    assert_eq!(page.total, 4);
    assert_eq!(page.hits.len(), 2);
}

#[test]
fn highlights_land_on_original_letters() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    let h = &idx.search(&Query::parse("energie"), 1)[0];
    let name: Vec<char> = "Société Énergie Verte".chars().collect();
    let shown: String = h.name_highlights.iter().map(|&i| name[i]).collect();
    assert_eq!(shown, "Énergie");
    let h = &idx.search(&Query::parse("coeur"), 1)[0];
    assert_eq!(h.id, 3);
    // "coeur" → "Cœur": C, œ (once), u, r.
    assert_eq!(h.name_highlights, vec![0, 1, 2, 3]);
    // Prefix typed: only the typed letters.
    let h = &idx.search(&Query::parse("secu"), 1)[0];
    assert_eq!(h.name_highlights, vec![0, 1, 2, 3]);
}

#[test]
fn upsert_keeps_the_index_current() {
    let mut idx = SearchIndex::build(&directory(), &themes(), &cpv());
    assert!(ids(&idx, "photovoltaique").is_empty());
    let mut s = sup(5, "Photovoltaïque Solaire SAS");
    s.department = "93".into();
    idx.upsert(&s);
    assert_eq!(idx.len(), 5);
    assert_eq!(ids(&idx, "photovoltaique"), vec![5]);
    assert_eq!(ids(&idx, "dept:93"), vec![3, 5, 1]);
    // Rename supplier 1 and move it: old words and filters are forgotten.
    let mut a = directory().remove(0);
    a.name = "Alpha Isolation".into();
    a.department = "94".into();
    idx.upsert(&a);
    assert_eq!(idx.len(), 5);
    assert!(ids(&idx, "verte").is_empty());
    assert_eq!(ids(&idx, "alpha"), vec![1]);
    assert_eq!(ids(&idx, "dept:93"), vec![3, 5]);
    assert_eq!(ids(&idx, ""), vec![1, 3, 4, 5, 2]);
}

#[test]
fn narrowing_gives_the_same_result_as_a_fresh_search() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    let typed = "securite electronique dept:59";
    let mut acc = String::new();
    for c in typed.chars() {
        acc.push(c);
        let incremental = idx.search(&Query::parse(&acc), 10);
        let fresh =
            SearchIndex::build(&directory(), &themes(), &cpv()).search(&Query::parse(&acc), 10);
        assert_eq!(incremental, fresh, "after typing {acc:?}");
    }
}

#[test]
fn every_plan_start_gives_the_result_of_a_fresh_search() {
    // Typed, corrected and pasted: each step reaches one of the planner's starts (same
    // words with a new filter or exclusion, last word, one more word, rescore, fresh).
    let steps = [
        "secu",
        "secu dept:93",
        "secu dept:93 -tele",
        "securite dept:93 -tele",
        "securite dept:93,59 -tele",
        "securite dept:93,59",
        "sec ele",
        "secu elec",
        "secu elec ess",
        "s",
        "se",
        "s",
        "theme:sante",
        "theme:sante t",
        "",
        "nettoyage siae",
    ];
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    for q in steps {
        let fresh = SearchIndex::build(&directory(), &themes(), &cpv());
        assert_eq!(
            idx.search_page(&Query::parse(q), 10),
            fresh.search_page(&Query::parse(q), 10),
            "after {q:?}"
        );
    }
}

#[test]
fn one_letter_words_score_as_their_words_would() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    for letter in ["s", "e", "n", "t", "3"] {
        // Expected: best field weight among the doc's words starting with the letter.
        let mut expected: Vec<(u64, i64)> = Vec::new();
        for (doc, &(a, b)) in idx.fwd_range.iter().enumerate() {
            let best = idx.fwd[a as usize..b as usize]
                .iter()
                .filter(|&&e| idx.dict.word(e >> 3).starts_with(letter))
                .map(|&e| i64::from(Q_INITIAL) * i64::from(WEIGHT[(e & 7) as usize]))
                .max();
            if let Some(s) = best {
                expected.push((idx.ids[doc], s));
            }
        }
        expected.sort();
        let mut got: Vec<(u64, i64)> = idx
            .search(&Query::parse(letter), 100)
            .iter()
            .map(|h| (h.id, h.score))
            .collect();
        got.sort();
        assert_eq!(got, expected, "first word {letter:?}");
        // As a later word, narrowing "securite": the same scores added.
        let base: HashMap<u64, i64> = idx
            .search(&Query::parse("securite"), 100)
            .iter()
            .map(|h| (h.id, h.score))
            .collect();
        let mut got: Vec<(u64, i64)> = idx
            .search(&Query::parse(&format!("securite {letter}")), 100)
            .iter()
            .map(|h| (h.id, h.score - base[&h.id]))
            .collect();
        got.sort();
        let want: Vec<(u64, i64)> = expected
            .iter()
            .filter(|(id, _)| base.contains_key(id))
            .copied()
            .collect();
        assert_eq!(got, want, "second word {letter:?}");
    }
}

#[test]
fn sessions_typing_in_turn_each_get_the_result_of_a_fresh_search() {
    // Two buyers type different queries letter by letter, their keystrokes interleaved on
    // one index and one thread: each narrows its own previous query, never the other's.
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    let fresh = SearchIndex::build(&directory(), &themes(), &cpv());
    let (a, b) = ("securite dept:93", "theme:sante tele");
    let (mut sa, mut sb) = (SearchSession::default(), SearchSession::default());
    for i in 1..=a.len().max(b.len()) {
        for (typed, session) in [(a, &mut sa), (b, &mut sb)] {
            let Some(q) = typed.get(..i.min(typed.len())) else {
                continue;
            };
            let got = idx.search_page_in(&Query::parse(q), 10, session);
            assert_eq!(got, fresh.search_page(&Query::parse(q), 10), "{q:?}");
        }
    }
    assert!(!sa.last.docs.is_empty(), "the session keeps its candidates");
}

#[test]
fn a_session_starts_afresh_after_the_index_changes() {
    let mut idx = SearchIndex::build(&directory(), &themes(), &cpv());
    let mut session = SearchSession::default();
    let q = Query::parse("photo");
    assert_eq!(idx.search_page_in(&q, 10, &mut session).total, 0);
    idx.upsert(&sup(5, "Photovoltaïque Solaire SAS"));
    // Same query again: a stale session would return its old, empty candidates.
    let page = idx.search_page_in(&Query::parse("photov"), 10, &mut session);
    assert_eq!(page.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![5]);
}

#[test]
fn sessions_search_side_by_side_on_threads() {
    let idx = SearchIndex::build(&directory(), &themes(), &cpv());
    let expected = idx.search_page(&Query::parse("securite"), 10);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let mut session = SearchSession::default();
                for q in ["s", "se", "sec", "secu", "securite"] {
                    let _ = idx.search_page_in(&Query::parse(q), 10, &mut session);
                }
                assert_eq!(
                    idx.search_page_in(&Query::parse("securite"), 10, &mut session),
                    expected
                );
            });
        }
    });
}
