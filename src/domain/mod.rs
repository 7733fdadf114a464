//! Domain types and rules (SIRET, CPV, sizes, needs, meetings, outcomes). Pure: no I/O.

pub mod buyer;
pub mod cpv;
pub mod forum;
pub mod journal;
pub mod meeting;
pub mod need;
pub mod outcome;
pub mod reason;
pub mod shortlist;
pub mod siret;
pub mod size;
pub mod supplier;
pub mod text;
pub mod theme;

pub use cpv::{CpvCatalog, CpvCode, CpvLevel};
pub use forum::{ForumDay, Slot};
pub use journal::{Entity, JournalEvent};
pub use meeting::{Meeting, MeetingId, MeetingStatus};
pub use need::{ConstraintMode, Constraints, Lot, Need, NeedId, NeedStatus};
pub use outcome::{FollowUpResult, NextStep, Outcome};
pub use reason::{CpvRelation, Reason, ScoredReason};
pub use shortlist::{ShortlistEntry, TriageStatus};
pub use siret::{Siren, Siret};
pub use size::SizeCategory;
pub use supplier::{ContractReference, SourceRef, Supplier, SupplierId};
pub use theme::{Theme, ThemeCatalog};
