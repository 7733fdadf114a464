//! The hits shown: for each, the field every query word matched best in, and the letters
//! of the original name to highlight (only the hits of the page asked are given them).

use super::plan::Term;
use super::WEIGHT;
use super::{Field, Hit, SearchIndex, F_CITY, F_CPV, F_KEYWORDS, F_NAME, F_NAME_FIRST, F_THEME};
use crate::search::dict::{kind_of, match_positions};
use crate::search::fold::{fold, words_with_offsets};

/// The public field of an internal field code.
fn field_of(code: u32) -> Field {
    match code {
        F_NAME_FIRST | F_NAME => Field::Name,
        F_KEYWORDS => Field::Keywords,
        F_CPV => Field::Cpv,
        F_THEME => Field::Theme,
        F_CITY => Field::City,
        _ => Field::Description,
    }
}

impl SearchIndex {
    /// The hit for `doc` scored `score`: the best field of each of the query's `words`,
    /// and the chars of the original name to highlight.
    pub(super) fn hit(&self, doc: u32, score: u32, words: &[Term]) -> Hit {
        let (a, b) = self.fwd_range[doc as usize];
        let entries = &self.fwd[a as usize..b as usize];
        let fields = words
            .iter()
            .map(|t| {
                let m = &t.matches;
                let mut best = (0u32, Field::Name);
                for &e in entries {
                    if let Ok(i) = m.words.binary_search_by_key(&(e >> 3), |x| x.0) {
                        let s = u32::from(m.words[i].1) * WEIGHT[(e & 7) as usize];
                        if s > best.0 {
                            best = (s, field_of(e & 7));
                        }
                    }
                }
                best.1
            })
            .collect();
        let name = &self.names[doc as usize];
        let folded = fold(name);
        let mut hl: Vec<usize> = Vec::new();
        for (off, w) in words_with_offsets(&folded.text) {
            let Some(id) = self.dict.get(w) else { continue };
            for t in words {
                let m = &t.matches;
                if let Ok(i) = m.words.binary_search_by_key(&id, |x| x.0) {
                    let kind = kind_of(m.words[i].1);
                    hl.extend(
                        match_positions(&t.word, w, kind)
                            .into_iter()
                            .map(|p| off + p),
                    );
                }
            }
        }
        Hit {
            id: self.ids[doc as usize],
            score: i64::from(score),
            name_highlights: folded.original_indices(hl),
            fields,
        }
    }
}
