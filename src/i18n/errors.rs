//! Library errors in words. Each error enum outside the store holds typed fields only; its
//! words are here, one function per enum in each language, and [`Render`] gives them in the
//! reader's language. `Display` is the French rendering (what logs and `anyhow` chains show).

use super::{texts, Lang, Render};
use crate::app::drafts::DraftError;
use crate::domain::cpv::InvalidCpv;
use crate::domain::outcome::OutcomeError;
use crate::domain::siret::IdError;
use crate::io::export::ExportError;
use crate::io::import::header::MapError;
use crate::io::import::ImportError;
use crate::search::synthetic::VocabError;
use crate::search::SnapshotError;
use std::fmt;

/// The words of every library error outside the store, in one language.
#[derive(Debug)]
pub struct ErrorTexts {
    /// A draft file could not be read or written.
    pub draft: fn(&DraftError) -> String,
    /// The search index snapshot cannot be read.
    pub snapshot: fn(&SnapshotError) -> String,
    /// The synthetic directory's vocabulary cannot be read.
    pub vocab: fn(&VocabError) -> String,
    /// An export failed (a store error is rendered by the store's catalogue).
    pub export: fn(&ExportError) -> String,
    /// An import did not run or was refused.
    pub import: fn(&ImportError) -> String,
    /// A `--map` option is refused.
    pub map: fn(&MapError) -> String,
    /// A string is not a CPV code.
    pub invalid_cpv: fn(&InvalidCpv) -> String,
    /// An outcome is refused.
    pub outcome: fn(&OutcomeError) -> String,
    /// A string is not a SIRET or SIREN.
    pub id: fn(&IdError) -> String,
}

macro_rules! render_and_display {
    ($($ty:ty => $field:ident),* $(,)?) => {$(
        impl Render for $ty {
            fn render(&self, lang: Lang) -> String {
                (texts(lang).errors.$field)(self)
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.render(Lang::Fr))
            }
        }
    )*};
}

render_and_display!(
    DraftError => draft,
    SnapshotError => snapshot,
    VocabError => vocab,
    ExportError => export,
    ImportError => import,
    MapError => map,
    InvalidCpv => invalid_cpv,
    OutcomeError => outcome,
    IdError => id,
);
