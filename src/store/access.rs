//! Rules of the access list (`sourcing buyers`), shared by every store: who may change it,
//! and what a change writes. The list's roles themselves are enforced on every other write
//! by the forum server and, when the list is not empty, in process.

use super::{Action, StoreError, StoreResult};
use crate::domain::text::clean_line;
use crate::domain::{Buyer, Role};

/// Ok when `actor` may change the list: the list is empty (the local user of a store
/// without a list is its organiser) or `actor` is an organiser on it. Else
/// [`StoreError::Denied`] naming the actor and its role.
pub(crate) fn may_change(list: &[Buyer], actor: &str) -> StoreResult<()> {
    if list.is_empty() {
        return Ok(());
    }
    match list.iter().find(|b| b.login == actor) {
        Some(b) if b.role == Role::Organiser => Ok(()),
        found => Err(StoreError::Denied {
            login: actor.to_string(),
            role: found.map(|b| b.role),
            action: Action::ChangeBuyers,
        }),
    }
}

/// The entries to write when `actor` saves `buyer` (after [`may_change`]): the entry
/// itself, its texts cleaned of control characters; on an empty list, also `actor` as an
/// organiser unless it is the login being saved, so the first entry never locks its author
/// out.
pub(crate) fn entries_to_save(list: &[Buyer], buyer: Buyer, actor: &str) -> Vec<Buyer> {
    let buyer = Buyer {
        login: clean_line(&buyer.login),
        display_name: clean_line(&buyer.display_name),
        service: clean_line(&buyer.service),
        role: buyer.role,
    };
    let mut out = Vec::with_capacity(2);
    if list.is_empty() && !actor.is_empty() && actor != buyer.login {
        out.push(Buyer {
            login: actor.to_string(),
            display_name: actor.to_string(),
            service: String::new(),
            role: Role::Organiser,
        });
    }
    out.push(buyer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(login: &str, role: Role) -> Buyer {
        Buyer {
            login: login.into(),
            display_name: login.into(),
            service: String::new(),
            role,
        }
    }

    #[test]
    fn only_organisers_change_a_non_empty_list() {
        assert!(may_change(&[], "anyone").is_ok());
        let list = [b("orga", Role::Organiser), b("marie", Role::Buyer)];
        assert!(may_change(&list, "orga").is_ok());
        assert_eq!(
            may_change(&list, "marie"),
            Err(StoreError::Denied {
                login: "marie".into(),
                role: Some(Role::Buyer),
                action: Action::ChangeBuyers
            })
        );
        assert!(matches!(
            may_change(&list, "nobody"),
            Err(StoreError::Denied { role: None, .. })
        ));
    }

    #[test]
    fn the_first_entry_adds_its_author_as_organiser() {
        let first = entries_to_save(&[], b("marie", Role::Buyer), "orga");
        assert_eq!(first.len(), 2);
        assert_eq!(
            (first[0].login.as_str(), first[0].role),
            ("orga", Role::Organiser)
        );
        assert_eq!(
            entries_to_save(&[], b("orga", Role::Organiser), "orga").len(),
            1
        );
        let later = entries_to_save(
            &[b("orga", Role::Organiser)],
            b("x\u{1b}[2J", Role::Buyer),
            "orga",
        );
        assert_eq!(later.len(), 1);
        assert!(!later[0].login.contains('\u{1b}'));
    }
}
