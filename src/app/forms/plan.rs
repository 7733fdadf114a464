//! The meeting planning popup.

use crate::domain::{NeedId, SupplierId};

/// The meeting planning popup: a supplier, and a cell (day, slot, table) to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    /// The supplier to meet.
    pub supplier: SupplierId,
    /// The need discussed, when there is a current need.
    pub need: Option<NeedId>,
    /// Lot of that need (0: whole need).
    pub lot: u32,
    /// Index of the day in [`crate::app::state::AppState::days`].
    pub day: usize,
    /// Position of the slot in the day's slot list.
    pub slot: usize,
    /// Index of the table in the day's tables.
    pub table: usize,
    /// Why the last booking was refused (e.g. slot taken), with what to do.
    pub error: Option<String>,
}
