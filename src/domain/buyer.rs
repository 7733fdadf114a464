//! Buyers (acheteurs) using the tool.

use serde::{Deserialize, Serialize};

/// A buyer: identified by the login of the account they use on the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buyer {
    /// Login name (Unix account), e.g. "mdupuis".
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Service (direction), e.g. "Direction des lycées".
    pub service: String,
}

/// The current user's login: `$USER`, then `$LOGNAME`, else "acheteur".
pub fn current_login() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "acheteur".to_string())
}
