//! `sourcing store check`: reads every tree of an open store and decodes every value.

use super::codec::decode;
use super::keys::key_id;
use super::sled::SledStore;
use super::sled_error::sled_err;
use super::StoreResult;
use crate::domain::{ForumDay, JournalEvent, Meeting, Need, Outcome, ShortlistEntry, Supplier};
use serde::de::DeserializeOwned;

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Entries per tree, in the store's order.
    pub counts: Vec<(&'static str, usize)>,
    /// Problems found, one line each (French, with the tree and key).
    pub problems: Vec<String>,
}

fn check_json<T: DeserializeOwned>(
    tree: &sled::Tree,
    name: &'static str,
    key_len: Option<usize>,
    out: &mut CheckReport,
) -> StoreResult<()> {
    let mut n = 0;
    for kv in tree.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        n += 1;
        if key_len.is_some_and(|l| l != k.len()) {
            out.problems
                .push(format!("{name} : clé de {} octets ({k:?})", k.len()));
        }
        if let Err(e) = decode::<T>(&v, &|| format!("{name} (clé {k:?})")) {
            out.problems.push(e.to_string());
        }
    }
    out.counts.push((name, n));
    Ok(())
}

fn check_ids(tree: &sled::Tree, name: &'static str, out: &mut CheckReport) -> StoreResult<()> {
    let mut n = 0;
    for kv in tree.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        n += 1;
        if key_id(&v).is_none() {
            out.problems.push(format!(
                "{name} : valeur de {} octets sous {:?} (un identifiant attendu)",
                v.len(),
                String::from_utf8_lossy(&k)
            ));
        }
    }
    out.counts.push((name, n));
    Ok(())
}

/// The `slots` tree: a meeting id under each slot key, a 4-byte count under each quota
/// counter (`<day>/quota/…`, see `keys::quota_keys`).
fn check_slots(tree: &sled::Tree, out: &mut CheckReport) -> StoreResult<()> {
    let mut n = 0;
    for kv in tree.iter() {
        let (k, v) = kv.map_err(sled_err)?;
        n += 1;
        let counter = k.windows(7).any(|w| w == b"/quota/");
        let fine = if counter {
            v.len() == 4
        } else {
            key_id(&v).is_some()
        };
        if !fine {
            out.problems.push(format!(
                "slots : valeur de {} octets sous {:?} ({})",
                v.len(),
                String::from_utf8_lossy(&k),
                if counter {
                    "un compteur de 4 octets attendu"
                } else {
                    "un identifiant attendu"
                }
            ));
        }
    }
    out.counts.push(("slots", n));
    Ok(())
}

impl SledStore {
    /// Reads every tree and decodes every value. Errors: a sled read failure
    /// ([`super::StoreError::Io`] / [`super::StoreError::Corrupt`]); undecodable values
    /// are listed in [`CheckReport::problems`].
    pub fn check(&self) -> StoreResult<CheckReport> {
        let t = &self.trees;
        let mut r = CheckReport::default();
        check_json::<Supplier>(&t.suppliers, "suppliers", Some(8), &mut r)?;
        check_json::<Need>(&t.needs, "needs", Some(8), &mut r)?;
        check_json::<ShortlistEntry>(&t.shortlist, "shortlist", Some(20), &mut r)?;
        check_json::<ForumDay>(&t.forum_days, "forum_days", None, &mut r)?;
        check_json::<Meeting>(&t.meetings, "meetings", Some(8), &mut r)?;
        check_json::<Outcome>(&t.outcomes, "outcomes", Some(12), &mut r)?;
        check_json::<JournalEvent>(&t.journal, "journal", Some(8), &mut r)?;
        check_json::<crate::domain::Buyer>(&t.buyers, "buyers", None, &mut r)?;
        check_ids(&t.identity, "identity", &mut r)?;
        check_slots(&t.slots, &mut r)?;
        let mut n = 0;
        for kv in t.meta.iter() {
            kv.map_err(sled_err)?;
            n += 1;
        }
        r.counts.push(("meta", n));
        let counter = super::ids::counter(t)?;
        let max = super::ids::max_id_in_trees(t)?;
        if counter < max {
            r.problems.push(format!(
                "compteur d'identifiants {counter} inférieur au plus grand identifiant {max}"
            ));
        }
        Ok(r)
    }
}
