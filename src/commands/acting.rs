//! Who a command acts as, and the names people type for things: `--pour LOGIN` (an
//! organiser acting for a buyer, journaled "X pour Y"), a supplier by its SIRET or its
//! directory number, a need by its number.

use super::Context;
use crate::domain::buyer::current_login;
use crate::domain::{Need, Role, Supplier};
use crate::i18n::texts;
use crate::store::{AccessControlled, Store};
use std::ops::ControlFlow;
use std::sync::Arc;

/// The store a command writes to, the actor the journal names, and the buyer the data is
/// for (owner of a need, buyer of a meeting).
pub struct Acting {
    /// The store (access-controlled as the local user, or, with `--pour`, the store itself
    /// once the local user is known to be an organiser).
    pub store: Arc<dyn Store>,
    /// The journal's actor: the local login, or "LOCAL pour LOGIN".
    pub actor: String,
    /// The buyer acted for: the local login, or LOGIN.
    pub login: String,
}

/// Opens the store as the local user, or for `pour`: through the forum server when one
/// holds the store (it checks the role and journals "LOCAL pour LOGIN"), else in process.
/// Errors: the store's; with `pour`, a local user who is not an organiser
/// (`pour_not_organiser`).
pub fn acting(ctx: &Context, pour: Option<&str>) -> anyhow::Result<Acting> {
    let me = current_login();
    let Some(login) = pour.filter(|l| *l != me) else {
        return Ok(Acting {
            store: super::open_store(ctx)?,
            actor: me.clone(),
            login: me,
        });
    };
    let c = &texts(ctx.lang).commands;
    if let Some(conn) = super::connect(ctx)? {
        // The server checks the role and journals "LOCAL pour LOGIN" itself; who "LOCAL"
        // is, the server says (the connecting account), not the environment.
        let me = conn.you().login;
        let remote = crate::client::RemoteStore::new(conn);
        if let Err(e) = remote.act_for(login) {
            return Err(match e {
                crate::store::StoreError::Denied { .. } => {
                    anyhow::anyhow!((c.pour_not_organiser)(&me, login))
                }
                e => e.into(),
            });
        }
        return Ok(Acting {
            store: Arc::new(remote),
            actor: format!("{me} pour {login}"),
            login: login.to_string(),
        });
    }
    let raw: Arc<dyn Store> = Arc::new(super::open_sled_store(ctx)?);
    let role = AccessControlled::new(raw.clone(), &me, None).role()?;
    if role != Some(Role::Organiser) {
        anyhow::bail!((c.pour_not_organiser)(&me, login));
    }
    Ok(Acting {
        store: raw,
        actor: format!("{me} pour {login}"),
        login: login.to_string(),
    })
}

/// The supplier named `key`: a SIRET (spaces allowed) or, for a supplier without one, its
/// directory number. Errors: none matches (`supplier_unknown`), the store's.
pub fn supplier(ctx: &Context, store: &dyn Store, key: &str) -> anyhow::Result<Supplier> {
    let digits: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 14 {
        let mut found = None;
        store.for_each_supplier(&mut |s| {
            if s.siret.as_ref().is_some_and(|x| x.as_str() == digits) {
                found = Some(s);
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        if let Some(s) = found {
            return Ok(s);
        }
    } else if let Ok(id) = digits.parse::<u64>() {
        if let Some(s) = store.supplier(id)? {
            return Ok(s);
        }
    }
    anyhow::bail!((texts(ctx.lang).commands.supplier_unknown)(
        &crate::domain::text::clean_line(key)
    ))
}

/// The short number people use for a need or a meeting: its rank, from 1, in creation
/// order among all of its kind. Needs and meetings are never deleted (a meeting is
/// cancelled, a need closed), so a number never changes; unlike the store's ids, which
/// one counter shares with the thousands of suppliers, it stays short.
pub fn number_of(ids: &[u64], id: u64) -> u64 {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted
        .iter()
        .position(|x| *x == id)
        .map_or(0, |i| i as u64 + 1)
}

/// The store id behind short number `n` (see [`number_of`]), if any.
fn id_of(ids: &[u64], n: u64) -> Option<u64> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| sorted.get(i).copied())
}

/// Every need, in creation order, with its short number.
pub fn numbered_needs(store: &dyn Store) -> anyhow::Result<Vec<(u64, Need)>> {
    let mut all = store.needs()?;
    all.sort_by_key(|n| n.id);
    Ok(all
        .into_iter()
        .enumerate()
        .map(|(i, n)| (i as u64 + 1, n))
        .collect())
}

/// The need numbered `n` (its number in `need list`). Errors: `need_unknown`, the store's.
pub fn need(ctx: &Context, store: &dyn Store, n: u64) -> anyhow::Result<Need> {
    let all = store.needs()?;
    let ids: Vec<u64> = all.iter().map(|x| x.id).collect();
    id_of(&ids, n)
        .and_then(|id| all.into_iter().find(|x| x.id == id))
        .ok_or_else(|| anyhow::anyhow!((texts(ctx.lang).commands.need_unknown)(n)))
}

/// The meeting numbered `n` (its number in `meeting list`). Errors: `meeting_unknown`.
pub fn meeting(ctx: &Context, store: &dyn Store, n: u64) -> anyhow::Result<crate::domain::Meeting> {
    let all = store.meetings()?;
    let ids: Vec<u64> = all.iter().map(|x| x.id).collect();
    id_of(&ids, n)
        .and_then(|id| all.into_iter().find(|x| x.id == id))
        .ok_or_else(|| anyhow::anyhow!((texts(ctx.lang).commands.meeting_unknown)(n)))
}

/// Checks that `lot` (0: the whole need) is one of the need's. Errors: `lot_unknown`.
pub fn check_lot(ctx: &Context, need: &Need, lot: u32) -> anyhow::Result<()> {
    if lot == 0 || need.lots.iter().any(|l| l.number == lot) {
        return Ok(());
    }
    let all: Vec<String> = need.lots.iter().map(|l| l.number.to_string()).collect();
    anyhow::bail!((texts(ctx.lang).commands.lot_unknown)(
        &crate::domain::text::clean_line(&need.title),
        lot,
        &all.join(", ")
    ))
}
