//! Relevance of the search on the real directory (fixtures/suppliers.csv, ~14,600 French
//! suppliers), loaded the way the product loads it: imported into a store, read back, then
//! indexed with the embedded CPV labels and themes.
//!
//! Each test states what must, and must not, come first for a query a buyer would type.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use sourcing::domain::Supplier;
use sourcing::io::embedded::{cpv_catalog, theme_catalog};
use sourcing::io::import::{import_path, ImportOptions};
use sourcing::search::fold::{fold_str, words_with_offsets};
use sourcing::search::{Field, Hit, Query, SearchIndex};
use sourcing::store::SledStore;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

struct Directory {
    suppliers: HashMap<u64, Supplier>,
    index: SearchIndex,
}

fn directory() -> &'static Directory {
    static DIR: OnceLock<Directory> = OnceLock::new();
    DIR.get_or_init(|| {
        let store = SledStore::open_temporary().expect("temporary store");
        let opts = ImportOptions {
            themes: Some(theme_catalog().clone()),
            ..Default::default()
        };
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
        import_path(&store, &path, &opts, "test").expect("import of the real directory");
        let all = sourcing::commands::read_directory(&store).expect("suppliers");
        assert!(
            all.len() > 14_000,
            "real directory: {} suppliers",
            all.len()
        );
        let index = SearchIndex::build(&all, theme_catalog(), cpv_catalog());
        Directory {
            suppliers: all.into_iter().map(|s| (s.id, s)).collect(),
            index,
        }
    })
}

fn search(q: &str, limit: usize) -> Vec<Hit> {
    directory().index.search(&Query::parse(q), limit)
}

fn name(h: &Hit) -> String {
    directory().suppliers[&h.id].name.clone()
}

/// Folded words of everything searchable about a supplier.
fn words_of(s: &Supplier) -> Vec<String> {
    let mut text = vec![s.name.clone(), s.city.clone(), s.description.clone()];
    text.extend(s.keywords.iter().cloned());
    text.extend(s.references.iter().map(|r| r.object.clone()));
    for c in &s.cpv {
        text.extend(
            cpv_catalog()
                .label(c, sourcing::i18n::Lang::Fr)
                .map(String::from),
        );
    }
    for t in &s.themes {
        text.push(t.clone());
        text.push(
            theme_catalog()
                .label(t, sourcing::i18n::Lang::Fr)
                .to_string(),
        );
    }
    text.iter()
        .flat_map(|t| {
            let f = fold_str(t);
            words_with_offsets(&f)
                .into_iter()
                .map(|(_, w)| w.to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn ids(hits: &[Hit]) -> Vec<u64> {
    hits.iter().map(|h| h.id).collect()
}

#[test]
fn a_typo_in_a_name_still_finds_the_firm_first() {
    for (typed, firm) in [
        ("eifage", "eiffage"),    // a letter missing
        ("veolai", "veolia"),     // two letters swapped
        ("bouygeus", "bouygues"), // two letters swapped
        ("smcal", "smacl"),       // a short name, swapped
        ("ssecuritas", "securitas"),
    ] {
        let hits = search(typed, 5);
        assert!(!hits.is_empty(), "{typed:?} found nothing");
        let first = fold_str(&name(&hits[0]));
        assert!(
            first.contains(firm),
            "{typed:?}: first is {first:?}, expected a name with {firm:?}"
        );
        assert_eq!(hits[0].fields, vec![Field::Name], "{typed:?}");
    }
}

#[test]
fn a_name_typed_exactly_comes_first() {
    let hits = search("la poste", 3);
    assert_eq!(fold_str(&name(&hits[0])), "la poste");
    let hits = search("teleassistance", 3);
    assert!(fold_str(&name(&hits[0])).contains("teleassistance"));
}

#[test]
fn words_match_within_a_word_not_scattered_letters() {
    let dir = directory();
    let total = dir
        .index
        .search_page(&Query::parse("securite electro"), 1000)
        .total;
    // Not every supplier: only those with both words (far under 1 % of the directory).
    assert!(
        total > 0 && total * 100 < dir.suppliers.len(),
        "total {total}"
    );
    for h in search("securite electro", 1000) {
        let words = words_of(&dir.suppliers[&h.id]);
        assert!(
            words.iter().any(|w| w.starts_with("securit")),
            "{} has no word like securite",
            name(&h)
        );
        assert!(
            words.iter().any(|w| w.starts_with("electro")),
            "{} has no word like electro",
            name(&h)
        );
    }
    // Scattered letters of no word find nothing.
    assert!(search("xqzw", 10).is_empty());
}

#[test]
fn a_word_in_the_name_ranks_before_a_word_in_the_description() {
    let hits = search("nettoyage", 10);
    assert_eq!(hits.len(), 10);
    for h in &hits {
        assert!(
            fold_str(&name(h)).contains("nettoyage"),
            "{} ranks in the top 10 of 'nettoyage' without it in its name",
            name(h)
        );
    }
    // Suppliers whose only 'nettoyage' is in their contracts still come, after.
    let page = directory()
        .index
        .search_page(&Query::parse("nettoyage"), 10_000);
    assert!(page
        .hits
        .iter()
        .any(|h| h.fields == vec![Field::Description]));
}

#[test]
fn accents_and_case_do_not_matter() {
    let all = |q: &str| ids(&search(q, 100_000));
    let energie = all("energie");
    assert!(energie.len() > 100);
    assert_eq!(energie, all("ENERGIE"));
    assert_eq!(energie, all("énergie"));
    assert_eq!(energie, all("Énergie"));
    let securite = all("securite");
    assert_eq!(securite, all("SÉCURITÉ"));
    assert_eq!(securite, all("sécurité"));
    // "securite" finds the firms written "Sécurité".
    let dir = directory();
    let accented: Vec<u64> = dir
        .suppliers
        .values()
        .filter(|s| s.name.contains("Sécurité"))
        .map(|s| s.id)
        .collect();
    assert!(!accented.is_empty());
    for id in accented {
        assert!(
            securite.contains(&id),
            "{} not found",
            dir.suppliers[&id].name
        );
    }
}

#[test]
fn highlights_fall_on_the_original_accented_letters() {
    let dir = directory();
    for q in ["energie", "securite"] {
        let hits = search(q, 200);
        let mut accented_seen = false;
        // Names holding the word itself (a fuzzy "Energia" highlights only what matched).
        let exact = |h: &&Hit| {
            let f = fold_str(&dir.suppliers[&h.id].name);
            words_with_offsets(&f).iter().any(|(_, w)| *w == q)
        };
        for h in hits.iter().filter(exact) {
            let chars: Vec<char> = dir.suppliers[&h.id].name.chars().collect();
            let shown: String = h.name_highlights.iter().map(|&i| chars[i]).collect();
            assert_eq!(fold_str(&shown), q, "highlight of {:?}", name(h));
            accented_seen |= !shown.is_ascii();
        }
        assert!(accented_seen, "no accented name highlighted for {q:?}");
    }
}

#[test]
fn filters_hold_for_every_result() {
    let dir = directory();
    let check = |q: &str, ok: &dyn Fn(&Supplier) -> bool| {
        let hits = search(q, 100_000);
        assert!(!hits.is_empty(), "{q:?} found nothing");
        for h in &hits {
            assert!(ok(&dir.suppliers[&h.id]), "{q:?} returned {}", name(h));
        }
        hits.len()
    };
    // `dept:` finds the suppliers based in the département and those that worked there.
    let n93 = check("dept:93", &|s| s.works_in("93"));
    let expected93 = dir.suppliers.values().filter(|s| s.works_in("93")).count();
    assert_eq!(n93, expected93);
    let based93 = dir
        .suppliers
        .values()
        .filter(|s| s.department == "93")
        .count();
    assert!(
        n93 > based93,
        "suppliers that only worked in 93 are found too ({n93} vs {based93})"
    );
    check("theme:sante", &|s| {
        s.themes.iter().any(|t| t == "sante-domicile")
    });
    check("cpv:45", &|s| {
        s.cpv.iter().any(|c| c.as_str().starts_with("45"))
    });
    check("ess", &|s| s.ess);
    check("siae", &|s| s.siae);
    check("nettoyage siae", &|s| s.siae);
    check("securite dept:75", &|s| s.department == "75");
    check("dept:93,94", &|s| s.works_in("93") || s.works_in("94"));
    check("nettoyage -vitres", &|s| {
        !words_of(s).iter().any(|w| w.starts_with("vitres"))
    });
}

#[test]
fn typing_letter_by_letter_gives_the_same_results_as_a_fresh_search() {
    let dir = directory();
    let all: Vec<Supplier> = dir.suppliers.values().cloned().collect();
    let fresh_index = SearchIndex::build(&all, theme_catalog(), cpv_catalog());
    for typed in [
        "securite incendie",
        "nettoyage ess dept:59",
        "renovation energetique",
    ] {
        let mut acc = String::new();
        for c in typed.chars() {
            acc.push(c);
            // A fresh index for each keystroke would be slow: a query that does not extend
            // the previous one (its first letter alone) resets the other index's cache.
            fresh_index.search(&Query::parse("zz"), 1);
            let fresh = fresh_index.search(&Query::parse(&acc), 30);
            let incremental = dir.index.search(&Query::parse(&acc), 30);
            assert_eq!(incremental, fresh, "after typing {acc:?}");
        }
    }
}

#[test]
fn ranking_is_deterministic_ties_by_name() {
    let a = search("isolation", 200);
    let b = search("isolation", 200);
    assert_eq!(a, b);
    for w in a.windows(2) {
        if w[0].score == w[1].score {
            assert!(
                fold_str(&name(&w[0])) <= fold_str(&name(&w[1])),
                "{} before {}",
                name(&w[0]),
                name(&w[1])
            );
        } else {
            assert!(w[0].score > w[1].score);
        }
    }
}
