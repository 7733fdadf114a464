//! `sourcing buyers add | list | remove`: the store's access list (DESIGN §4). The actor
//! is the local account's login; once the list holds entries only its organisers change
//! it (the store refuses others with a message naming the login and its role).

use super::out::{print_data, print_text};
use super::table::{cut, render};
use super::Context;
use crate::cli::BuyersCommand;
use crate::domain::buyer::current_login;
use crate::domain::{Buyer, Event};
use crate::i18n::{texts, Render};

/// Runs the command. Errors: the store's (locked, damaged, [`crate::store::StoreError::Denied`]).
pub fn run(ctx: &Context, cmd: &BuyersCommand) -> anyhow::Result<()> {
    let store = super::open_store(ctx)?;
    let actor = current_login();
    let c = &texts(ctx.lang).commands;
    match cmd {
        BuyersCommand::Add {
            login,
            name,
            service,
            role,
        } => {
            let buyer = Buyer {
                login: login.clone(),
                display_name: name.clone().unwrap_or_else(|| login.clone()),
                service: service.clone(),
                role: *role,
            };
            let before = store.buyers()?;
            store.save_buyer(buyer, &actor)?;
            let after = store.buyers()?;
            for b in after.iter().filter(|b| !before.contains(b)) {
                let ev = Event::buyer_saved(b, !before.iter().any(|o| o.login == b.login));
                print_text(&format!("✔ {}\n", ev.render(ctx.lang)), ctx.lang)?;
            }
            Ok(())
        }
        BuyersCommand::Remove { login } => {
            let before = store.buyers()?;
            let Some(gone) = before.into_iter().find(|b| &b.login == login) else {
                print_text(&format!("{}\n", (c.buyers_not_listed)(login)), ctx.lang)?;
                return Ok(());
            };
            store.remove_buyer(login, &actor)?;
            let ev = Event::buyer_removed(&gone);
            print_text(&format!("✔ {}\n", ev.render(ctx.lang)), ctx.lang)
        }
        BuyersCommand::List { json } => {
            let list = store.buyers()?;
            if *json {
                return print_data(
                    &format!("{}\n", serde_json::to_string_pretty(&list)?),
                    ctx.lang,
                );
            }
            if list.is_empty() {
                return print_text(&format!("{}\n", c.buyers_empty), ctx.lang);
            }
            let role = crate::i18n::store::store_texts(ctx.lang).role;
            let mut rows: Vec<[String; 4]> = vec![c.buyers_head.map(String::from)];
            for b in &list {
                rows.push([
                    b.login.clone(),
                    cut(&b.display_name, 30),
                    cut(&b.service, 30),
                    role(b.role).to_string(),
                ]);
            }
            print_text(&render(&rows, &[]), ctx.lang)
        }
    }
}
