//! Key encodings of the sled trees: big-endian integers so that byte order is numeric
//! order and range scans sort (DESIGN §4).

use super::SlotConflict;
use crate::domain::{Meeting, MeetingId, NeedId, SupplierId};
use jiff::civil::Date;

/// Key of an entity by id (suppliers, needs, meetings) or of a journal event by seq:
/// 8 bytes, big-endian.
pub(crate) fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// Decodes an 8-byte big-endian key; None when the key has another length.
pub(crate) fn key_id(key: &[u8]) -> Option<u64> {
    let b: [u8; 8] = key.get(..8)?.try_into().ok()?;
    (key.len() == 8).then(|| u64::from_be_bytes(b))
}

/// Shortlist key: need (8 bytes) + lot (4 bytes) + supplier (8 bytes), big-endian, so the
/// entries of one need are one prefix range.
pub(crate) fn shortlist_key(need: NeedId, lot: u32, supplier: SupplierId) -> [u8; 20] {
    let mut k = [0u8; 20];
    k[..8].copy_from_slice(&need.to_be_bytes());
    k[8..12].copy_from_slice(&lot.to_be_bytes());
    k[12..].copy_from_slice(&supplier.to_be_bytes());
    k
}

/// Outcome key: meeting (8 bytes) + version (4 bytes), big-endian: the versions of one
/// meeting are one prefix range, oldest first.
pub(crate) fn outcome_key(meeting: MeetingId, version: u32) -> [u8; 12] {
    let mut k = [0u8; 12];
    k[..8].copy_from_slice(&meeting.to_be_bytes());
    k[8..].copy_from_slice(&version.to_be_bytes());
    k
}

/// Version part of an outcome key.
pub(crate) fn outcome_key_version(key: &[u8]) -> Option<u32> {
    let b: [u8; 4] = key.get(8..12)?.try_into().ok()?;
    Some(u32::from_be_bytes(b))
}

/// Forum day key: the ISO date "2026-12-03" (sorts by date for years 0–9999).
pub(crate) fn day_key(date: Date) -> Vec<u8> {
    date.to_string().into_bytes()
}

/// The keys a meeting holds in the `slots` tree, each with what it books (the table
/// named `table_name`, a buyer, the supplier named `supplier_name`):
/// `"<day>/<slot start, Unix seconds, 12 digits>/table:<table id>"`, `…/buyer:<login>`,
/// `…/supplier:<id>`. Buyers are deduplicated. (Schema v3 and earlier keyed slots by
/// index and tables by name; the v4 migration rebuilds the tree.)
pub(crate) fn slot_keys(
    m: &Meeting,
    table_name: &str,
    supplier_name: &str,
) -> Vec<(Vec<u8>, SlotConflict)> {
    let base = format!("{}/{:012}/", m.day, m.start.as_second());
    let mut out = vec![(
        format!("{base}table:{}", m.table).into_bytes(),
        SlotConflict::Table(table_name.to_string()),
    )];
    for b in unique_buyers(m) {
        out.push((
            format!("{base}buyer:{b}").into_bytes(),
            SlotConflict::Buyer(b.to_string()),
        ));
    }
    out.push((
        format!("{base}supplier:{}", m.supplier).into_bytes(),
        SlotConflict::Supplier {
            id: m.supplier,
            name: supplier_name.to_string(),
        },
    ));
    out
}

/// The meeting's buyers, each once, in order.
fn unique_buyers(m: &Meeting) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for b in &m.buyers {
        if !seen.contains(&b.as_str()) {
            seen.push(b);
        }
    }
    seen
}

/// Who a day's meeting quota counts ([`super::StoreError::QuotaReached`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QuotaHolder {
    /// The meeting's supplier.
    Supplier,
    /// One of its buyers (login).
    Buyer(String),
}

/// The counters a meeting adds to in the `slots` tree while it holds its slot, one per
/// holder: `"<day>/quota/supplier:<id>"`, `"<day>/quota/buyer:<login>"`, each a
/// big-endian u32 count of the day's meetings holding a slot. ('q' sorts after the digits
/// of slot keys, so counters never fall inside a slot's range.)
pub(crate) fn quota_keys(m: &Meeting) -> Vec<(Vec<u8>, QuotaHolder)> {
    let mut out = vec![(
        format!("{}/quota/supplier:{}", m.day, m.supplier).into_bytes(),
        QuotaHolder::Supplier,
    )];
    for b in unique_buyers(m) {
        out.push((
            format!("{}/quota/buyer:{b}", m.day).into_bytes(),
            QuotaHolder::Buyer(b.to_string()),
        ));
    }
    out
}

/// Reads a quota counter (absent: 0).
pub(crate) fn count_of(v: Option<&[u8]>) -> u32 {
    v.and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn big_endian_keys_sort_numerically() {
        assert!(id_key(255) < id_key(256));
        assert!(shortlist_key(1, 9, 9) < shortlist_key(2, 0, 0));
        assert!(outcome_key(3, 9) < outcome_key(3, 10));
        assert_eq!(key_id(&id_key(42)), Some(42));
        assert_eq!(key_id(b"abc"), None);
        assert_eq!(outcome_key_version(&outcome_key(7, 12)), Some(12));
    }

    #[test]
    fn slot_keys_name_what_they_book() {
        let m = Meeting {
            supplier: 12,
            buyers: vec!["mdupuis".into(), "mdupuis".into(), "alee".into()],
            day: jiff::civil::date(2026, 12, 3),
            start: "2026-12-03T08:00:00Z".parse().unwrap(),
            table: 2,
            ..Default::default()
        };
        let k = slot_keys(&m, "Table 2", "ACME");
        assert_eq!(k.len(), 4);
        assert_eq!(k[0].0, b"2026-12-03/001796284800/table:2".to_vec());
        assert_eq!(k[0].1, SlotConflict::Table("Table 2".into()));
        assert_eq!(k[1].1, SlotConflict::Buyer("mdupuis".into()));
        assert_eq!(k[2].1, SlotConflict::Buyer("alee".into()));
        assert_eq!(
            k[3].1,
            SlotConflict::Supplier {
                id: 12,
                name: "ACME".into()
            }
        );
        let q = quota_keys(&m);
        assert_eq!(q.len(), 3);
        assert_eq!(q[0].0, b"2026-12-03/quota/supplier:12".to_vec());
        assert_eq!(q[2].1, QuotaHolder::Buyer("alee".into()));
        assert_eq!(count_of(None), 0);
        assert_eq!(count_of(Some(&7u32.to_be_bytes())), 7);
    }
}
