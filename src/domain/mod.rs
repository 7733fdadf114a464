//! Domain types and rules (SIRET, CPV, sizes, needs, meetings, outcomes). Pure: no I/O.

pub mod buyer;
pub mod cpv;
pub mod forum;
pub mod invalid;
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

pub use buyer::{Buyer, Role};
pub use cpv::{CpvCatalog, CpvCode, CpvLevel};
pub use forum::{Break, ForumDay, ForumDayError, Slot, Table, TableId};
pub use invalid::Invalid;
pub use journal::{Entity, Event, ImportSource, JournalEvent};
pub use meeting::{Meeting, MeetingError, MeetingId, MeetingStamp, MeetingStatus, TimeFlag};
pub use need::{ConstraintMode, Constraints, Lot, Need, NeedError, NeedId, NeedStatus};
pub use outcome::{FollowUpResult, NextStep, Outcome, OutcomeError, SecondStage};
pub use reason::{CpvRelation, Reason, ScoredReason};
pub use shortlist::{ShortlistEntry, TriageStatus};
pub use siret::{Siren, Siret};
pub use size::SizeCategory;
pub use supplier::{ContractReference, SourceRef, Supplier, SupplierId};
pub use theme::{Theme, ThemeCatalog};
