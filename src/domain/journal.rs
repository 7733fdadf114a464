//! The sourcing journal (trace de sourçage): every write as an append-only event.

use super::meeting::{MeetingId, MeetingStatus};
use super::need::NeedId;
use super::outcome::NextStep;
use super::shortlist::TriageStatus;
use super::supplier::SupplierId;
use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Kind of entity a journal event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// A supplier.
    Supplier,
    /// A need.
    Need,
    /// A shortlist entry.
    Shortlist,
    /// A forum day.
    ForumDay,
    /// A meeting.
    Meeting,
    /// An outcome.
    Outcome,
    /// An import of a file.
    Import,
    /// A login of the access list (`sourcing buyers`).
    Buyer,
}

/// One journal event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEvent {
    /// Sequence number, assigned by the store, increasing.
    pub seq: u64,
    /// When (UTC instant).
    pub at: Timestamp,
    /// Login of the buyer (or "import", "system").
    pub actor: String,
    /// What kind of thing changed.
    pub entity: Entity,
    /// Its id (for shortlist entries: the need id).
    pub id: u64,
    /// Verb, e.g. "created", "updated", "status:held", "removed".
    pub action: String,
    /// The French sentence stored by schema v2 and earlier (empty for typed events):
    /// what an old record shows whatever the reader's language.
    #[serde(default)]
    pub summary: String,
    /// What happened, typed (schema v3 on; `None` in older records, which keep
    /// `summary`). Rendered in the reader's language by `crate::i18n`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

/// Where an import's suppliers came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    /// No file name was recorded.
    Unknown,
    /// One file (its name).
    File(String),
    /// Several files.
    Several,
}

/// A journalled change, typed: kind, ids, names at the time, values before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// One supplier created or changed.
    SupplierSaved {
        /// The supplier.
        supplier: SupplierId,
        /// Its name then.
        name: String,
        /// Created (else updated).
        created: bool,
    },
    /// A batch of suppliers imported.
    Imported {
        /// Suppliers in the batch.
        suppliers: usize,
        /// New ones.
        created: usize,
        /// Changed ones.
        updated: usize,
        /// Already identical.
        unchanged: usize,
        /// Where they came from.
        source: ImportSource,
    },
    /// A need created or changed.
    NeedSaved {
        /// The need.
        need: NeedId,
        /// Its title then.
        title: String,
        /// Created (else updated).
        created: bool,
    },
    /// A supplier shortlisted for a need, or its triage changed.
    ShortlistSaved {
        /// The need.
        need: NeedId,
        /// Lot number (0: the whole need).
        lot: u32,
        /// The supplier.
        supplier: SupplierId,
        /// Its name then.
        supplier_name: String,
        /// Triage before (None: newly shortlisted).
        from: Option<TriageStatus>,
        /// Triage after.
        to: TriageStatus,
        /// The decision's one-line reason, when given.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// A supplier taken off a need's shortlist.
    ShortlistRemoved {
        /// The need.
        need: NeedId,
        /// Lot number (0: the whole need).
        lot: u32,
        /// The supplier.
        supplier: SupplierId,
        /// Its name then (None when it was no longer in the store).
        supplier_name: Option<String>,
    },
    /// A forum day created or changed.
    ForumDaySaved {
        /// The day.
        date: Date,
        /// Opening, local time.
        opens: Time,
        /// Closing, local time.
        closes: Time,
        /// Slot length in minutes.
        slot_minutes: u16,
        /// Number of tables.
        tables: usize,
        /// Created (else updated).
        created: bool,
    },
    /// A meeting booked.
    MeetingPlanned {
        /// The meeting.
        meeting: MeetingId,
        /// The supplier.
        supplier: SupplierId,
        /// Its name then.
        supplier_name: String,
        /// Table's name then.
        table: String,
        /// Slot index (records before schema v4 only; 0 in newer ones).
        #[serde(default)]
        slot: u32,
        /// Slot start (schema v4 on; None in older records).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<Timestamp>,
        /// Day.
        day: Date,
        /// Buyers' logins.
        buyers: Vec<String>,
    },
    /// A meeting moved to another slot or table because its forum day changed.
    MeetingMoved {
        /// The meeting.
        meeting: MeetingId,
        /// The supplier.
        supplier: SupplierId,
        /// Its name then (None when it was no longer in the store).
        supplier_name: Option<String>,
        /// Day.
        day: Date,
        /// Slot start before.
        from_start: Timestamp,
        /// Table's name before.
        from_table: String,
        /// Slot start after.
        to_start: Timestamp,
        /// Table's name after.
        to_table: String,
    },
    /// A meeting's real start or end stamped ("Commencer" / "Terminer").
    MeetingTimed {
        /// The meeting.
        meeting: MeetingId,
        /// The supplier.
        supplier: SupplierId,
        /// Its name then (None when it was no longer in the store).
        supplier_name: Option<String>,
        /// Start or end.
        stamp: crate::domain::meeting::MeetingStamp,
        /// The instant stamped.
        at: Timestamp,
        /// Real length in minutes, on an end.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<i64>,
    },
    /// A forum day's registrations replaced (`sourcing import registrations`).
    RegistrationsSaved {
        /// The day.
        date: Date,
        /// Suppliers registered now.
        registered: usize,
        /// Suppliers registered before.
        before: usize,
    },
    /// A forum day removed; its meetings were cancelled (each journaled on its own).
    ForumDayRemoved {
        /// The day.
        date: Date,
        /// Meetings cancelled with it.
        cancelled: usize,
    },
    /// A meeting's status changed.
    MeetingStatusChanged {
        /// The meeting.
        meeting: MeetingId,
        /// The supplier.
        supplier: SupplierId,
        /// Its name then (None when it was no longer in the store).
        supplier_name: Option<String>,
        /// Status before.
        from: MeetingStatus,
        /// Status after.
        to: MeetingStatus,
    },
    /// An outcome version logged.
    OutcomeLogged {
        /// The meeting.
        meeting: MeetingId,
        /// Version, 1-based.
        version: u32,
        /// What comes next.
        next_step: NextStep,
        /// Rating 1–5; None when the meeting did not take place (journals before it always
        /// held a number).
        #[serde(default)]
        rating: Option<u8>,
    },
    /// A login added to the access list, or its entry changed.
    BuyerSaved {
        /// The login.
        login: String,
        /// Its display name then.
        display_name: String,
        /// Its role then.
        role: crate::domain::Role,
        /// Added (else changed).
        created: bool,
    },
    /// A login taken off the access list.
    BuyerRemoved {
        /// The login.
        login: String,
        /// Its display name then.
        display_name: String,
    },
}

impl Event {
    /// The journal line of a stamp (`Commencer`/`Terminer`, `meeting start|end`) just put
    /// on `m`: its time, and on an end the real length in minutes. `shown` is the number
    /// the line names: the store id in the journal, the short number on the command line.
    pub fn meeting_timed(
        shown: MeetingId,
        m: &crate::domain::Meeting,
        stamp: crate::domain::MeetingStamp,
        supplier_name: Option<String>,
    ) -> Self {
        use crate::domain::MeetingStamp;
        let at = match stamp {
            MeetingStamp::Start => m.started_at,
            MeetingStamp::End => m.ended_at,
        }
        .unwrap_or_default();
        Event::MeetingTimed {
            meeting: shown,
            supplier: m.supplier,
            supplier_name,
            stamp,
            at,
            minutes: (stamp == MeetingStamp::End)
                .then(|| m.real_minutes())
                .flatten(),
        }
    }

    /// The event of `day` saved (`created`: there was no day on its date).
    pub fn forum_day_saved(day: &crate::domain::ForumDay, created: bool) -> Self {
        Event::ForumDaySaved {
            date: day.date,
            opens: day.opens,
            closes: day.closes,
            slot_minutes: day.slot_minutes,
            tables: day.tables.len(),
            created,
        }
    }

    /// The event of `buyer` written to the access list (`created`: it was not on it).
    pub fn buyer_saved(buyer: &crate::domain::Buyer, created: bool) -> Self {
        Event::BuyerSaved {
            login: buyer.login.clone(),
            display_name: buyer.display_name.clone(),
            role: buyer.role,
            created,
        }
    }

    /// The event of `buyer` taken off the access list.
    pub fn buyer_removed(buyer: &crate::domain::Buyer) -> Self {
        Event::BuyerRemoved {
            login: buyer.login.clone(),
            display_name: buyer.display_name.clone(),
        }
    }

    /// The kind of thing the event is about.
    pub fn entity(&self) -> Entity {
        match self {
            Event::SupplierSaved { .. } => Entity::Supplier,
            Event::Imported { .. } => Entity::Import,
            Event::NeedSaved { .. } => Entity::Need,
            Event::ShortlistSaved { .. } | Event::ShortlistRemoved { .. } => Entity::Shortlist,
            Event::ForumDaySaved { .. }
            | Event::ForumDayRemoved { .. }
            | Event::RegistrationsSaved { .. } => Entity::ForumDay,
            Event::MeetingPlanned { .. }
            | Event::MeetingStatusChanged { .. }
            | Event::MeetingMoved { .. }
            | Event::MeetingTimed { .. } => Entity::Meeting,
            Event::OutcomeLogged { .. } => Entity::Outcome,
            Event::BuyerSaved { .. } | Event::BuyerRemoved { .. } => Entity::Buyer,
        }
    }

    /// The id the journal files it under: the supplier, need (for shortlist entries too),
    /// meeting (for outcomes too), a forum day's date as YYYYMMDD, 0 for an import and for
    /// the access list (its events name the login).
    pub fn subject(&self) -> u64 {
        match self {
            Event::SupplierSaved { supplier, .. } => *supplier,
            Event::Imported { .. } => 0,
            Event::NeedSaved { need, .. }
            | Event::ShortlistSaved { need, .. }
            | Event::ShortlistRemoved { need, .. } => *need,
            Event::ForumDaySaved { date, .. }
            | Event::ForumDayRemoved { date, .. }
            | Event::RegistrationsSaved { date, .. } => u64::try_from(
                i64::from(date.year()) * 10_000
                    + i64::from(date.month()) * 100
                    + i64::from(date.day()),
            )
            .unwrap_or(0),
            Event::MeetingPlanned { meeting, .. }
            | Event::MeetingStatusChanged { meeting, .. }
            | Event::MeetingMoved { meeting, .. }
            | Event::MeetingTimed { meeting, .. }
            | Event::OutcomeLogged { meeting, .. } => *meeting,
            Event::BuyerSaved { .. } | Event::BuyerRemoved { .. } => 0,
        }
    }

    /// The journal's verb: "created", "updated", "removed", "import", "version",
    /// "status:held"…
    pub fn action(&self) -> &'static str {
        let saved = |created: bool| if created { "created" } else { "updated" };
        match self {
            Event::SupplierSaved { created, .. }
            | Event::NeedSaved { created, .. }
            | Event::ForumDaySaved { created, .. }
            | Event::BuyerSaved { created, .. } => saved(*created),
            Event::BuyerRemoved { .. } | Event::ForumDayRemoved { .. } => "removed",
            Event::MeetingMoved { .. } => "moved",
            Event::MeetingTimed { stamp, .. } => match stamp {
                crate::domain::meeting::MeetingStamp::Start => "started",
                crate::domain::meeting::MeetingStamp::End => "ended",
            },
            Event::Imported { .. } => "import",
            Event::RegistrationsSaved { .. } => "registrations",
            Event::ShortlistSaved { from, .. } => saved(from.is_none()),
            Event::ShortlistRemoved { .. } => "removed",
            Event::MeetingPlanned { .. } => "created",
            Event::MeetingStatusChanged { to, .. } => match to {
                MeetingStatus::Planned => "status:planned",
                MeetingStatus::Held => "status:held",
                MeetingStatus::NoShow => "status:no_show",
                MeetingStatus::Cancelled => "status:cancelled",
            },
            Event::OutcomeLogged { version, .. } => {
                if *version == 1 {
                    "created"
                } else {
                    "version"
                }
            }
        }
    }
}
