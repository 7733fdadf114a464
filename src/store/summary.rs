//! The typed journal events of supplier writes (rendered by `crate::i18n::store`); each
//! event also gives its entity, id and action code (`Event::entity`, `subject`, `action`).

use crate::domain::text::clean_line;
use crate::domain::{Event, ImportSource, Supplier, SupplierId};
use crate::store::UpsertCounts;

/// One supplier created or changed.
pub(crate) fn supplier_saved(id: SupplierId, name: &str, created: bool) -> Event {
    Event::SupplierSaved {
        supplier: id,
        name: clean_line(name),
        created,
    }
}

/// A batch imported: counts, and the file when every supplier names the same one.
pub(crate) fn imported(batch: &[Supplier], counts: UpsertCounts) -> Event {
    let first = batch.first().map_or("", |s| s.source.file.as_str());
    let source = if first.is_empty() {
        ImportSource::Unknown
    } else if batch.iter().all(|s| s.source.file == first) {
        ImportSource::File(clean_line(first))
    } else {
        ImportSource::Several
    };
    Event::Imported {
        suppliers: batch.len(),
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        source,
    }
}
