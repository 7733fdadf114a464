//! Words for matching: accent folding, tokenising, French stop words and a light French
//! stemmer, so that "Isolation", "isoler" and "ISOLANTS" meet, and "de", "la", "pour" do not.
//!
//! This is a private, word-level fold (no highlight map, unlike `search::fold`): NFD,
//! combining marks removed, œ→oe, æ→ae, ß→ss, lower case; a word is a maximal run of letters
//! and digits, so apostrophes and hyphens split ("d'isolation" → "d", "isolation").

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// French function words (folded) and a few procurement boilerplate words that carry no
/// meaning for matching ("lot", "marché", "accord-cadre", "objet").
const STOP_WORDS: &[&str] = &[
    // articles, prepositions, conjunctions, pronouns
    "a",
    "afin",
    "ainsi",
    "apres",
    "au",
    "aupres",
    "aussi",
    "autre",
    "autres",
    "aux",
    "avant",
    "avec",
    "c",
    "car",
    "ce",
    "celle",
    "celles",
    "celui",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chez",
    "comme",
    "contre",
    "d",
    "dans",
    "de",
    "depuis",
    "des",
    "dont",
    "du",
    "elle",
    "elles",
    "en",
    "entre",
    "est",
    "et",
    "etc",
    "etre",
    "eux",
    "hors",
    "il",
    "ils",
    "j",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "lui",
    "m",
    "ma",
    "mais",
    "me",
    "meme",
    "memes",
    "mes",
    "moi",
    "moins",
    "mon",
    "n",
    "ne",
    "ni",
    "non",
    "nos",
    "notre",
    "nous",
    "on",
    "ou",
    "par",
    "pas",
    "pendant",
    "plus",
    "pour",
    "qu",
    "que",
    "quel",
    "quelle",
    "qui",
    "s",
    "sa",
    "sans",
    "se",
    "selon",
    "ses",
    "son",
    "sont",
    "sous",
    "sur",
    "t",
    "ta",
    "te",
    "tes",
    "toi",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "tres",
    "tu",
    "un",
    "une",
    "vers",
    "via",
    "vos",
    "votre",
    "vous",
    "y",
    // procurement boilerplate
    "lot",
    "lots",
    "marche",
    "marches",
    "accord",
    "cadre",
    "objet",
    "relatif",
    "relative",
    "relatifs",
    "relatives",
    "concernant",
];

/// True for a folded stop word.
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.contains(&folded)
}

/// Folds one piece of text to lower case without diacritics (œ→oe, æ→ae, ß→ss); every
/// character that is not a letter or digit becomes a space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            });
            continue;
        }
        for d in std::iter::once(c).nfd() {
            match d {
                d if is_combining_mark(d) => {}
                'œ' | 'Œ' => out.push_str("oe"),
                'æ' | 'Æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                d if d.is_alphanumeric() => out.extend(d.to_lowercase()),
                _ => out.push(' '),
            }
        }
    }
    out
}

/// The meaningful words of `text`, folded, in order: stop words, one-letter words and
/// numbers (years, lot numbers) left out.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split_whitespace()
        .filter(|w| keep(w))
        .map(str::to_string)
        .collect()
}

fn keep(w: &str) -> bool {
    w.chars().count() >= 2 && !w.bytes().all(|b| b.is_ascii_digit()) && !is_stop_word(w)
}

/// Suffixes removed by [`stem`], longest first within each family; a suffix is removed only
/// when at least [`MIN_STEM`] characters remain.
const SUFFIXES: &[&str] = &[
    "issement", "isation", "ication", "atrice", "ateur", "ation", "ement", "ment", "ique", "isme",
    "iste", "able", "ible", "aire", "euse", "iere", "ance", "ence", "ante", "ant", "ite", "ive",
    "eur", "ier", "age", "ure", "ion", "ien", "elle", "ee", "er", "ir", "ie", "if", "e",
];

/// Shortest stem [`stem`] leaves.
const MIN_STEM: usize = 4;

/// Light French stemmer on a folded word: plural removed ("eaux"→"eau", "aux"→"al", final
/// "s"/"x"), then one derivational or inflectional suffix. "isolation", "isoler",
/// "isolant" → "isol"; "energie" → "energ", "energetique" → "energet" (they meet by prefix,
/// see `text`); "menuiseries" → "menuiser". Words of 4 characters or fewer are kept whole.
pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    if w.len() <= MIN_STEM {
        return word.to_string();
    }
    // Plural.
    if ends_with(&w, "eaux") {
        w.pop();
    } else if ends_with(&w, "aux") && w.len() > 5 {
        w.truncate(w.len() - 3);
        w.extend("al".chars());
    } else if (ends_with(&w, "s") && !ends_with(&w, "ss")) || ends_with(&w, "x") {
        w.pop();
    }
    for suffix in SUFFIXES {
        let n = suffix.chars().count();
        if ends_with(&w, suffix) && w.len() >= n + MIN_STEM {
            w.truncate(w.len() - n);
            break;
        }
    }
    w.into_iter().collect()
}

fn ends_with(w: &[char], suffix: &str) -> bool {
    let s: Vec<char> = suffix.chars().collect();
    w.len() >= s.len() && w[w.len() - s.len()..] == s[..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(fold("Énergie"), "energie");
        assert_eq!(fold("CŒUR d'Île"), "coeur d ile");
        // A combining accent typed apart (NFD input) folds the same as the precomposed one.
        assert_eq!(fold("E\u{301}nergie"), "energie");
        assert_eq!(fold("Straße n°3"), "strasse n 3");
        assert_eq!(
            words("Rénovation énergétique des lycées"),
            ["renovation", "energetique", "lycees"]
        );
    }

    #[test]
    fn stop_words_numbers_and_boilerplate_are_dropped() {
        assert_eq!(
            words("Lot 3 : fourniture de l'électricité à la Ville, 2019"),
            ["fourniture", "electricite", "ville"]
        );
        assert!(
            words("le la les des de du pour et en un une à au aux sur avec dans par").is_empty()
        );
    }

    #[test]
    fn stems_bring_word_families_together() {
        assert_eq!(stem("isolation"), "isol");
        assert_eq!(stem("isoler"), "isol");
        assert_eq!(stem("isolants"), "isol");
        assert_eq!(stem("energie"), "energ");
        assert!(stem("energetique").starts_with(&stem("energie")));
        assert_eq!(stem("menuiseries"), stem("menuiserie"));
        assert_eq!(stem("reseaux"), "reseau");
        assert_eq!(stem("hopitaux"), stem("hopital"));
        assert_eq!(stem("nettoyage"), stem("nettoyer"));
        assert_eq!(stem("restauration"), stem("restaurant"));
        assert_eq!(stem("bois"), "bois");
    }
}
