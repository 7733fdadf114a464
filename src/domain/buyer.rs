//! Buyers (acheteurs) using the tool.

use serde::{Deserialize, Serialize};

/// A buyer: identified by the login of the account they use on the server. The store's
/// access list (`sourcing buyers add|list|remove`) holds one per login.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buyer {
    /// Login name (Unix account), e.g. "mdupuis".
    pub login: String,
    /// Display name, e.g. "Marie Dupuis".
    pub display_name: String,
    /// Service (direction), e.g. "Direction des lycées".
    pub service: String,
    /// What this login may do (absent in values written before the access list: buyer).
    #[serde(default)]
    pub role: Role,
}

impl Buyer {
    /// The name to show for this buyer: the display name, or the login when it has none
    /// (blank).
    pub fn shown_name(&self) -> &str {
        if self.display_name.trim().is_empty() {
            &self.login
        } else {
            &self.display_name
        }
    }
}

/// What a login may do with a store (DESIGN §4, like tmux 3.3's `server-access`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
pub enum Role {
    /// Manages forum days, the schedule, any meeting and the access list.
    #[value(alias = "organisateur")]
    Organiser,
    /// Changes only its own needs, shortlists and outcomes, and the meetings it takes part in.
    #[default]
    #[value(alias = "acheteur")]
    Buyer,
    /// Reads everything, writes nothing.
    #[value(alias = "observateur")]
    Observer,
}

/// The current user's login: `$USER`, then `$LOGNAME`, else "acheteur".
pub fn current_login() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| FALLBACK_LOGIN.to_string())
}

/// The login used when the system gives none (`$USER` and `$LOGNAME` unset).
pub const FALLBACK_LOGIN: &str = "acheteur";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buyer_is_shown_by_display_name_else_by_login() {
        let mut b = Buyer {
            login: "mdupuis".into(),
            display_name: "Marie Dupuis".into(),
            ..Buyer::default()
        };
        assert_eq!(b.shown_name(), "Marie Dupuis");
        b.display_name = "  ".into();
        assert_eq!(b.shown_name(), "mdupuis");
    }
}
