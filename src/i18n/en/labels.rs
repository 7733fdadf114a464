//! English labels of domain values.

use crate::domain::{
    Entity, FollowUpResult, MeetingStatus, NeedStatus, NextStep, SizeCategory, TriageStatus,
};
use crate::i18n::labels::Labels;

/// English labels.
pub const LABELS: Labels = Labels {
    next_step,
    triage,
    meeting_status,
    need_status,
    follow_up,
    size,
    entity,
};

fn next_step(s: NextStep) -> &'static str {
    match s {
        NextStep::InviteToTender => "Invite to the consultation",
        NextStep::RequestQuote => "Request a quote / information",
        NextStep::Demonstration => "Demonstration or trial",
        NextStep::CallBack => "Call back",
        NextStep::ReferToBuyer => "Refer to another buyer",
        NextStep::NoFit => "No fit",
        NextStep::DidNotTakePlace => "Did not take place",
    }
}

fn triage(s: TriageStatus) -> &'static str {
    match s {
        TriageStatus::Candidate => "candidate",
        TriageStatus::ToMeet => "to meet",
        TriageStatus::Met => "met",
        TriageStatus::Retained => "retained",
        TriageStatus::SetAside => "set aside",
    }
}

fn meeting_status(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Planned => "planned",
        MeetingStatus::Held => "held",
        MeetingStatus::NoShow => "no-show",
        MeetingStatus::Cancelled => "cancelled",
    }
}

fn need_status(s: NeedStatus) -> &'static str {
    match s {
        NeedStatus::Draft => "draft",
        NeedStatus::Open => "open",
        NeedStatus::Closed => "closed",
    }
}

fn follow_up(r: FollowUpResult) -> &'static str {
    match r {
        FollowUpResult::NoFurtherContact => "no further contact",
        FollowUpResult::Consulted => "consulted",
        FollowUpResult::ContractAwarded => "contract awarded",
    }
}

fn size(s: SizeCategory) -> &'static str {
    match s {
        SizeCategory::Tpe => "micro",
        SizeCategory::Pme => "SME",
        SizeCategory::Eti => "mid-cap",
        SizeCategory::Ge => "large",
    }
}

fn entity(e: Entity) -> &'static str {
    match e {
        Entity::Supplier => "supplier",
        Entity::Need => "need",
        Entity::Shortlist => "shortlist",
        Entity::ForumDay => "forum day",
        Entity::Meeting => "meeting",
        Entity::Outcome => "outcome",
        Entity::Import => "import",
        Entity::Buyer => "buyer",
    }
}
