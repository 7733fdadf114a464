//! Text folding for accent- and case-insensitive search.
//!
//! Folding is done char by char on the original text, so every folded char knows the
//! original char it came from: a decomposed "e" + U+0301 and a precomposed "é" both fold to
//! "e", and highlights computed on the folded text land on the original accented letters.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folded text with a map back to the original characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text: NFC, lower case, diacritics removed, œ→oe, æ→ae, ß→ss.
    pub text: String,
    /// For each char of `text` (by char index), the char index in the original string it
    /// came from.
    pub origin: Vec<usize>,
}

impl Folded {
    /// Original char indices of the folded chars at `folded_chars` (char indices into
    /// `text`), sorted and without duplicates ("œ" highlighted twice is one original char).
    /// Indices beyond `text` are ignored.
    pub fn original_indices(&self, folded_chars: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut out: Vec<usize> = folded_chars
            .into_iter()
            .filter_map(|i| self.origin.get(i).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Pushes the folded form of one original char to `out`, calling `mark` once per pushed char.
#[inline]
fn fold_char(c: char, out: &mut String, mut mark: impl FnMut()) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        mark();
        return;
    }
    // Compatibility decomposition: "é" → "e" + U+0301, "ﬁ" → "fi", "²" → "2".
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            if is_combining_mark(l) {
                continue;
            }
            match l {
                'œ' => {
                    out.push_str("oe");
                    mark();
                    mark();
                }
                'æ' => {
                    out.push_str("ae");
                    mark();
                    mark();
                }
                'ß' => {
                    out.push_str("ss");
                    mark();
                    mark();
                }
                // Typographic apostrophes and dashes behave like their ASCII forms.
                '\u{2019}' | '\u{2018}' | '\u{02bc}' => {
                    out.push('\'');
                    mark();
                }
                '\u{2010}'..='\u{2015}' => {
                    out.push('-');
                    mark();
                }
                l => {
                    out.push(l);
                    mark();
                }
            }
        }
    });
}

/// Folds `s`. `fold("Énergie").text == "energie"`, `fold("Cœur").text == "coeur"` with
/// origin `[0, 1, 1, 2, 3]`.
///
/// The result is the same for any Unicode normalisation form of `s` (NFC, NFD): each char
/// is decomposed (compatibility decomposition), combining marks are dropped, the rest is
/// lower-cased; œ, æ and ß become two letters. Typographic apostrophes (’) fold to `'` and
/// Unicode dashes to `-`.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut origin = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        fold_char(c, &mut text, || origin.push(i));
    }
    Folded { text, origin }
}

/// `fold(s).text`, for callers that need no highlight map.
pub fn fold_str(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    fold_into(s, &mut text);
    text
}

/// Appends the folded form of `s` to `out` (no highlight map, no allocation of its own).
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        fold_char(c, out, || {});
    }
}

/// Splits folded text into words: maximal runs of alphanumeric chars. Returns each word with
/// the char index (in `folded`) of its first char.
pub fn words_with_offsets(folded: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (char index, byte index)
    for (ci, (bi, c)) in folded.char_indices().enumerate() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some((ci, bi));
            }
        } else if let Some((sc, sb)) = start.take() {
            out.push((sc, &folded[sb..bi]));
        }
    }
    if let Some((sc, sb)) = start {
        out.push((sc, &folded[sb..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold_equal() {
        let forms = ["energie", "ENERGIE", "énergie", "Énergie", "E\u{301}nergie"];
        for f in forms {
            assert_eq!(fold_str(f), "energie", "{f:?}");
        }
        assert_eq!(fold_str("securite"), fold_str("Sécurité"));
        assert_eq!(fold_str("SÉCURITÉ ÉLECTRIQUE"), "securite electrique");
    }

    #[test]
    fn ligatures_and_origin_map() {
        let f = fold("Cœur");
        assert_eq!(f.text, "coeur");
        assert_eq!(f.origin, vec![0, 1, 1, 2, 3]);
        let f = fold("Æther Straße");
        assert_eq!(f.text, "aether strasse");
        assert_eq!(f.origin.len(), f.text.chars().count());
        // "ss" both come from the ß at char 10.
        assert_eq!(f.origin[11..13], [10, 10]);
        assert_eq!(fold_str("ﬁbre"), "fibre");
    }

    #[test]
    fn decomposed_input_maps_to_its_base_letter() {
        // "Se\u{301}curite\u{301}": the combining accents (chars 2 and 9) vanish.
        let f = fold("Se\u{301}curite\u{301}");
        assert_eq!(f.text, "securite");
        assert_eq!(f.origin, vec![0, 1, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn highlight_on_original_letters() {
        // "énergie" found at folded chars 0..7 of "Société Énergie" lands on the original É.
        let f = fold("Société Énergie");
        let start = f.text.find("energie").unwrap();
        let hl = f.original_indices(start..start + 7);
        let orig: Vec<char> = "Société Énergie".chars().collect();
        let shown: String = hl.iter().map(|&i| orig[i]).collect();
        assert_eq!(shown, "Énergie");
    }

    #[test]
    fn typographic_punctuation() {
        assert_eq!(fold_str("d’œuvre"), "d'oeuvre");
        assert_eq!(fold_str("télé‐assistance"), "tele-assistance");
    }

    #[test]
    fn words_split_on_non_alphanumerics() {
        let f = fold_str("Maîtrise d'œuvre, lot n°3");
        let w: Vec<_> = words_with_offsets(&f);
        assert_eq!(
            w,
            vec![
                (0, "maitrise"),
                (9, "d"),
                (11, "oeuvre"),
                (19, "lot"),
                (23, "n"),
                (25, "3")
            ]
        );
    }
}
