//! sled implementation of [`super::Store`].

/// The sled-backed store (one tree per entity; see DESIGN §4).
pub struct SledStore {}
