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

/// Opens the store as the local user, or for `pour`. Errors: the store's; with `pour`, a
/// forum server holding the store (`pour_remote`) or a local user who is not an organiser
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
    if super::connect(ctx)?.is_some() {
        anyhow::bail!(c.pour_remote);
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

/// The need numbered `n` (its number in `need list`). Errors: `need_unknown`, the store's.
pub fn need(ctx: &Context, store: &dyn Store, n: u64) -> anyhow::Result<Need> {
    store
        .needs()?
        .into_iter()
        .find(|x| x.id == n)
        .ok_or_else(|| anyhow::anyhow!((texts(ctx.lang).commands.need_unknown)(n)))
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
