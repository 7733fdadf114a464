//! French labels of domain values.

use crate::domain::{
    Entity, FollowUpResult, MeetingStatus, NeedStatus, NextStep, SizeCategory, TriageStatus,
};
use crate::i18n::labels::Labels;

/// French labels.
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
        NextStep::InviteToTender => "Inviter à la consultation",
        NextStep::RequestQuote => "Demander un devis / des informations",
        NextStep::Demonstration => "Démonstration ou essai",
        NextStep::CallBack => "Rappeler",
        NextStep::ReferToBuyer => "Orienter vers un autre acheteur",
        NextStep::NoFit => "Pas d'adéquation",
        NextStep::DidNotTakePlace => "N'a pas eu lieu",
    }
}

fn triage(s: TriageStatus) -> &'static str {
    match s {
        TriageStatus::Candidate => "candidat",
        TriageStatus::ToMeet => "à rencontrer",
        TriageStatus::Met => "rencontré",
        TriageStatus::Retained => "retenu",
        TriageStatus::SetAside => "écarté",
    }
}

fn meeting_status(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Planned => "planifié",
        MeetingStatus::Held => "tenu",
        MeetingStatus::NoShow => "absent",
        MeetingStatus::Cancelled => "annulé",
    }
}

fn need_status(s: NeedStatus) -> &'static str {
    match s {
        NeedStatus::Draft => "brouillon",
        NeedStatus::Open => "ouvert",
        NeedStatus::Closed => "clos",
    }
}

fn follow_up(r: FollowUpResult) -> &'static str {
    match r {
        FollowUpResult::NoFurtherContact => "sans suite",
        FollowUpResult::Consulted => "consulté",
        FollowUpResult::ContractAwarded => "attributaire d'un marché",
    }
}

fn size(s: SizeCategory) -> &'static str {
    match s {
        SizeCategory::Tpe => "TPE",
        SizeCategory::Pme => "PME",
        SizeCategory::Eti => "ETI",
        SizeCategory::Ge => "GE",
    }
}

fn entity(e: Entity) -> &'static str {
    match e {
        Entity::Supplier => "fournisseur",
        Entity::Need => "besoin",
        Entity::Shortlist => "présélection",
        Entity::ForumDay => "journée",
        Entity::Meeting => "rendez-vous",
        Entity::Outcome => "compte rendu",
        Entity::Import => "import",
        Entity::Buyer => "acheteur",
    }
}
