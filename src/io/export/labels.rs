//! Human labels of codes in CSV exports (French, or English when asked). JSON exports keep
//! the stable codes (`invite_to_tender`, `no_show`…).

use crate::domain::{FollowUpResult, MeetingStatus, NextStep, TriageStatus};

/// Label of a next step (suite à donner).
pub fn next_step(s: NextStep, en: bool) -> &'static str {
    match (s, en) {
        (NextStep::InviteToTender, false) => "Inviter à la consultation",
        (NextStep::InviteToTender, true) => "Invite to the consultation",
        (NextStep::RequestQuote, false) => "Demander un devis ou des informations",
        (NextStep::RequestQuote, true) => "Request a quote or information",
        (NextStep::Demonstration, false) => "Démonstration ou essai",
        (NextStep::Demonstration, true) => "Demonstration or trial",
        (NextStep::CallBack, false) => "Rappeler",
        (NextStep::CallBack, true) => "Call back",
        (NextStep::ReferToBuyer, false) => "Orienter vers un autre acheteur",
        (NextStep::ReferToBuyer, true) => "Refer to another buyer",
        (NextStep::NoFit, false) => "Sans adéquation avec le besoin",
        (NextStep::NoFit, true) => "No fit",
        (NextStep::DidNotTakePlace, false) => "N'a pas eu lieu",
        (NextStep::DidNotTakePlace, true) => "Did not take place",
    }
}

/// Label of a meeting status.
pub fn meeting_status(s: MeetingStatus, en: bool) -> &'static str {
    match (s, en) {
        (MeetingStatus::Planned, false) => "prévu",
        (MeetingStatus::Planned, true) => "planned",
        (MeetingStatus::Held, false) => "tenu",
        (MeetingStatus::Held, true) => "held",
        (MeetingStatus::NoShow, false) => "absent",
        (MeetingStatus::NoShow, true) => "no-show",
        (MeetingStatus::Cancelled, false) => "annulé",
        (MeetingStatus::Cancelled, true) => "cancelled",
    }
}

/// Label of a second-stage follow-up.
pub fn follow_up_result(r: FollowUpResult, en: bool) -> &'static str {
    match (r, en) {
        (FollowUpResult::NoFurtherContact, false) => "sans suite",
        (FollowUpResult::NoFurtherContact, true) => "no further contact",
        (FollowUpResult::Consulted, false) => "consulté",
        (FollowUpResult::Consulted, true) => "consulted",
        (FollowUpResult::ContractAwarded, false) => "attributaire d'un marché",
        (FollowUpResult::ContractAwarded, true) => "contract awarded",
    }
}

/// Label of a triage status.
pub fn triage(s: TriageStatus, en: bool) -> &'static str {
    match (s, en) {
        (TriageStatus::Candidate, false) => "candidat",
        (TriageStatus::Candidate, true) => "candidate",
        (TriageStatus::ToMeet, false) => "à rencontrer",
        (TriageStatus::ToMeet, true) => "to meet",
        (TriageStatus::Met, false) => "rencontré",
        (TriageStatus::Met, true) => "met",
        (TriageStatus::Retained, false) => "retenu",
        (TriageStatus::Retained, true) => "retained",
        (TriageStatus::SetAside, false) => "écarté",
        (TriageStatus::SetAside, true) => "set aside",
    }
}
