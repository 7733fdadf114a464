//! Text folding for accent- and case-insensitive search.

/// Folded text with a map back to the original characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text: NFC, lower case, diacritics removed, œ→oe, æ→ae, ß→ss.
    pub text: String,
    /// For each char of `text` (by char index), the char index in the original string it
    /// came from.
    pub origin: Vec<usize>,
}

/// Folds `s`. `fold("Énergie").text == "energie"`, `fold("Cœur").text == "coeur"` with
/// origin `[0, 1, 1, 2, 3]`.
pub fn fold(s: &str) -> Folded {
    let _ = s;
    todo!("search helper")
}

/// `fold(s).text`, for callers that need no highlight map.
pub fn fold_str(s: &str) -> String {
    fold(s).text
}
