//! The query planner: a pure function from a parsed [`Query`], the dictionary and what the
//! previous search left to a [`Plan`] saying which dictionary words each query word stands
//! for (exact, prefix or fuzzy), which exclusions and filters still have to be applied, and
//! where the candidates start from (the whole directory or the previous candidates).
//!
//! Every free word is searched in every field of a supplier (it must match inside one word
//! of one field; the field only weighs the score, see `score.rs`), so a plan names no
//! field. Exclusions match exactly or as a prefix, never fuzzily: `-netoyage` must not drop
//! the suppliers of "nettoyage".

#[cfg(test)]
use super::super::dict::{kind_of, MatchKind};
use super::super::dict::{Dictionary, WordMatches};
use super::super::filter_set::FilterSet;
use super::super::query::Query;

/// Looks a folded query word up in the dictionary.
pub(crate) trait WordLookup {
    /// Dictionary words matching `word`: exact and prefix, and fuzzy too when `fuzzy`. A
    /// one-letter word also names its bucket of the index's initials lists.
    fn word_matches(&self, word: &str, fuzzy: bool) -> WordMatches;
}

impl WordLookup for Dictionary {
    fn word_matches(&self, word: &str, fuzzy: bool) -> WordMatches {
        let mut m = self.match_word(word, fuzzy);
        if word.len() == 1 {
            m.initial = Dictionary::initial_bucket(word.as_bytes()[0]);
        }
        m
    }
}

/// One query word and the dictionary words it stands for.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// The folded query word.
    pub word: String,
    /// Its dictionary matches, with their quality.
    pub matches: WordMatches,
}

#[cfg(test)]
impl Term {
    /// Ids of the dictionary words this term matched with `kind`, ascending.
    pub fn words_of_kind(&self, kind: MatchKind) -> Vec<u32> {
        self.matches
            .words
            .iter()
            .filter(|&&(_, q)| kind_of(q) == kind)
            .map(|&(id, _)| id)
            .collect()
    }
}

/// Where a search takes its candidates from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// The same words as the previous query: its candidates and scores are reused.
    Same,
    /// Only the last word changed (and matches a subset of what it matched), or one word
    /// was added: the previous candidates are kept and only the last word is scored.
    /// `base_is_old_scores`: a word was added, so the previous total scores become the
    /// base; otherwise the previous base is kept and the last word rescored.
    LastWord {
        /// True when the last word is new (the previous query had one word fewer).
        base_is_old_scores: bool,
    },
    /// Every word matches a subset of what it matched before: the previous candidates are
    /// rescored word by word.
    Rescore,
    /// From the whole directory (or from the filters' docs).
    Fresh,
}

/// What a search has to do (see the module documentation).
#[derive(Debug, Clone)]
pub(crate) struct Plan<'q> {
    /// The free words, in query order.
    pub words: Vec<Term>,
    /// The exclusions still to apply: all of them from [`Start::Fresh`], else those the
    /// previous query did not have.
    pub exclusions: Vec<Term>,
    /// The filters to intersect with; None when there are none, or when the starting
    /// candidates already passed the same ones.
    pub filters: Option<&'q FilterSet>,
    /// Where candidates start from.
    pub start: Start,
}

/// What the previous search leaves to plan the next one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Previous<'a> {
    /// The previous query.
    pub query: &'a Query,
    /// Its words' terms, in query order.
    pub words: &'a [Term],
}

/// Plans `q`: looks its words up with `dict` and compares it with `prev` (None: no previous
/// search, or one that cannot be reused) to choose where candidates start.
pub(crate) fn plan<'q>(
    q: &'q Query,
    dict: &impl WordLookup,
    prev: Option<Previous<'_>>,
) -> Plan<'q> {
    let words: Vec<Term> = q
        .words
        .iter()
        .map(|w| Term {
            word: w.clone(),
            matches: dict.word_matches(w, true),
        })
        .collect();
    let start = prev.map_or(Start::Fresh, |p| start_from(q, &words, p));
    let same_filters = prev.is_some_and(|p| p.query.filters == q.filters);
    let filters =
        (!q.filters.is_empty() && (start == Start::Fresh || !same_filters)).then_some(&q.filters);
    let exclusions = q
        .excluded
        .iter()
        .filter(|e| start == Start::Fresh || prev.is_none_or(|p| !p.query.excluded.contains(e)))
        .map(|e| Term {
            word: e.clone(),
            matches: dict.word_matches(e, false),
        })
        .collect();
    Plan {
        words,
        exclusions,
        filters,
        start,
    }
}

/// Where the candidates of `q` (whose words matched `words`) can start, given `prev`.
fn start_from(q: &Query, words: &[Term], prev: Previous<'_>) -> Start {
    let old = prev.query;
    let (k, ok) = (q.words.len(), old.words.len());
    // An empty previous query listed everyone: nothing to gain from it.
    let usable = (ok > 0 || old.has_filters()) && q.filters_narrow(old) && prev.words.len() == ok;
    let subset = |i: usize| words[i].matches.is_subset_of(&prev.words[i].matches);
    let prefix_same = |upto: usize| q.words[..upto] == old.words[..upto];
    if !usable {
        Start::Fresh
    } else if q.words == old.words {
        Start::Same
    } else if k == ok && k >= 1 && prefix_same(k - 1) && subset(k - 1) {
        Start::LastWord {
            base_is_old_scores: false,
        }
    } else if k == ok + 1 && prefix_same(ok) {
        Start::LastWord {
            base_is_old_scores: true,
        }
    } else if ok <= k && (0..ok).all(subset) {
        Start::Rescore
    } else {
        Start::Fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::filter_set::Filter;

    /// A dictionary of `words`, each with one posting per doc number given.
    fn dict(words: &[(&str, &[u32])]) -> Dictionary {
        let mut d = Dictionary::default();
        for (w, docs) in words {
            let id = d.intern(w, false);
            d.postings[id as usize] = docs.iter().map(|&doc| doc << 3).collect();
        }
        d
    }

    fn sample() -> Dictionary {
        dict(&[
            ("nettoyage", &[0, 1]),
            ("nettoyeur", &[2]),
            ("securite", &[1, 3]),
            ("secours", &[4]),
            ("electronique", &[3]),
            ("electricite", &[0]),
            ("vitres", &[1]),
        ])
    }

    fn text<'a>(d: &'a Dictionary, ids: &[u32]) -> Vec<&'a str> {
        ids.iter().map(|&id| d.word(id)).collect()
    }

    /// Plans `b` after `a` was searched (`a` planned fresh).
    fn after(d: &Dictionary, a: &Query, b: &Query) -> Start {
        let pa = plan(a, d, None);
        let prev = Previous {
            query: a,
            words: &pa.words,
        };
        plan(b, d, Some(prev)).start
    }

    #[test]
    fn words_are_matched_exactly_by_prefix_or_fuzzily() {
        let d = sample();
        let q = Query::parse("nettoyage secu netoyage");
        let p = plan(&q, &d, None);
        let words: Vec<&str> = p.words.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["nettoyage", "secu", "netoyage"]);
        let [exact, prefix, typo] = &p.words[..] else {
            panic!("three terms expected")
        };
        assert_eq!(
            text(&d, &exact.words_of_kind(MatchKind::Exact)),
            ["nettoyage"]
        );
        assert!(exact.words_of_kind(MatchKind::Prefix).is_empty());
        assert_eq!(
            text(&d, &prefix.words_of_kind(MatchKind::Prefix)),
            ["securite"]
        );
        assert!(prefix.words_of_kind(MatchKind::Fuzzy).is_empty());
        let fuzzy = text(&d, &typo.words_of_kind(MatchKind::Fuzzy));
        assert!(fuzzy.contains(&"nettoyage"), "{fuzzy:?}");
        assert!(typo.words_of_kind(MatchKind::Exact).is_empty());
        // From 5 letters a word also matches fuzzily: "nettoyeur" for "nettoyage".
        assert_eq!(
            text(&d, &exact.words_of_kind(MatchKind::Fuzzy)),
            ["nettoyeur"]
        );
        // Cost: the postings a term would walk (2 for "nettoyage", 1 for "nettoyeur").
        assert_eq!(exact.matches.cost, 3);
        assert_eq!(p.start, Start::Fresh);
        assert!(p.filters.is_none() && p.exclusions.is_empty());
    }

    #[test]
    fn a_one_letter_word_reads_the_initials() {
        let d = sample();
        let q = Query::parse("s");
        let p = plan(&q, &d, None);
        assert_eq!(p.words[0].matches.initial, Dictionary::initial_bucket(b's'));
        assert_eq!(
            text(&d, &p.words[0].words_of_kind(MatchKind::Prefix)),
            ["securite", "secours"]
        );
        assert_eq!(
            plan(&Query::parse("se"), &d, None).words[0].matches.initial,
            None
        );
    }

    #[test]
    fn exclusions_are_never_fuzzy() {
        let d = sample();
        let q = Query::parse("securite -vitr -netoyage");
        let p = plan(&q, &d, None);
        let ex: Vec<(&str, Vec<&str>)> = p
            .exclusions
            .iter()
            .map(|t| {
                let ids: Vec<u32> = t.matches.words.iter().map(|w| w.0).collect();
                (t.word.as_str(), text(&d, &ids))
            })
            .collect();
        assert_eq!(ex, [("vitr", vec!["vitres"]), ("netoyage", vec![])]);
    }

    #[test]
    fn filters_are_applied_fresh_or_when_they_change() {
        let d = sample();
        let q = Query::parse("securite dept:93 ess");
        let p = plan(&q, &d, None);
        let f: Vec<&Filter> = p.filters.into_iter().flat_map(|f| f.iter()).collect();
        assert_eq!(f, [&Filter::Dept("93".into()), &Filter::Ess]);
        // Same filters, one more letter: the previous candidates already pass them.
        let a = Query::parse("ele dept:93 ess");
        let b = Query::parse("elec dept:93 ess");
        let pa = plan(&a, &d, None);
        let prev = Previous {
            query: &a,
            words: &pa.words,
        };
        assert!(plan(&b, &d, Some(prev)).filters.is_none());
        // A filter more: applied over the previous candidates.
        let c = Query::parse("ele dept:93 ess siae");
        let pc = plan(&c, &d, Some(prev));
        assert_eq!(pc.start, Start::Same);
        assert_eq!(pc.filters, Some(&c.filters));
    }

    #[test]
    fn typing_on_reuses_the_previous_candidates() {
        let d = sample();
        let q = Query::parse;
        // One more letter of the last word.
        assert_eq!(
            after(&d, &q("securite elec"), &q("securite elect")),
            Start::LastWord {
                base_is_old_scores: false
            }
        );
        // One more word.
        assert_eq!(
            after(&d, &q("securite "), &q("securite elec")),
            Start::LastWord {
                base_is_old_scores: true
            }
        );
        // Same words, a narrower filter or a new exclusion.
        assert_eq!(after(&d, &q("securite"), &q("securite ess")), Start::Same);
        assert_eq!(after(&d, &q("secu"), &q("secu -vitres")), Start::Same);
        // Both words narrower at once (pasted text).
        assert_eq!(after(&d, &q("sec ele"), &q("secu elec")), Start::Rescore);
    }

    #[test]
    fn widening_starts_afresh() {
        let d = sample();
        let q = Query::parse;
        // A letter deleted: the word matches more.
        assert_eq!(after(&d, &q("securi"), &q("sec")), Start::Fresh);
        // (A deletion that matches the same dictionary words reuses them.)
        assert_eq!(
            after(&d, &q("securi"), &q("secu")),
            Start::LastWord {
                base_is_old_scores: false
            }
        );
        // Another alternative in a filter, a filter removed, an exclusion removed.
        assert_eq!(
            after(&d, &q("secu dept:93"), &q("secu dept:93,94")),
            Start::Fresh
        );
        assert_eq!(after(&d, &q("secu ess"), &q("secu")), Start::Fresh);
        assert_eq!(after(&d, &q("secu -vitres"), &q("secu")), Start::Fresh);
        // Another word altogether.
        assert_eq!(after(&d, &q("securite"), &q("nettoyage")), Start::Fresh);
        // Nothing to gain from an empty previous query.
        assert_eq!(after(&d, &q(""), &q("s")), Start::Fresh);
    }

    #[test]
    fn only_new_exclusions_are_applied_when_reusing() {
        let d = sample();
        let a = Query::parse("secu -vitres");
        let b = Query::parse("secu -vitres -secours");
        let pa = plan(&a, &d, None);
        assert_eq!(pa.exclusions.len(), 1);
        let prev = Previous {
            query: &a,
            words: &pa.words,
        };
        let pb = plan(&b, &d, Some(prev));
        assert_eq!(pb.start, Start::Same);
        let ex: Vec<&str> = pb.exclusions.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(ex, ["secours"]);
    }
}
