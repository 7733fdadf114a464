//! French one-line summaries written into the journal (trace de sourçage).

use crate::domain::{MeetingStatus, NextStep, TriageStatus};

/// French label of a meeting status, as the journal writes it.
pub(crate) fn meeting_status_fr(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Planned => "planifié",
        MeetingStatus::Held => "tenu",
        MeetingStatus::NoShow => "absent (no-show)",
        MeetingStatus::Cancelled => "annulé",
    }
}

/// Verb of a meeting status change, as the journal's `action` ("status:held").
pub(crate) fn meeting_status_action(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Planned => "status:planned",
        MeetingStatus::Held => "status:held",
        MeetingStatus::NoShow => "status:no_show",
        MeetingStatus::Cancelled => "status:cancelled",
    }
}

/// French label of a triage status.
pub(crate) fn triage_fr(s: TriageStatus) -> &'static str {
    match s {
        TriageStatus::Candidate => "candidat",
        TriageStatus::ToMeet => "à rencontrer",
        TriageStatus::Met => "rencontré",
        TriageStatus::Retained => "retenu",
        TriageStatus::SetAside => "écarté",
    }
}

/// French label of a next step (suite à donner).
pub(crate) fn next_step_fr(s: NextStep) -> &'static str {
    match s {
        NextStep::InviteToTender => "inviter à la consultation",
        NextStep::RequestQuote => "demander un devis / des informations",
        NextStep::Demonstration => "démonstration ou essai",
        NextStep::CallBack => "rappeler",
        NextStep::ReferToBuyer => "orienter vers un autre acheteur",
        NextStep::NoFit => "pas d'adéquation",
        NextStep::DidNotTakePlace => "n'a pas eu lieu",
    }
}

/// "n° 12 (ACME SAS)" or "n° 12" when the name is unknown, on one clean line.
pub(crate) fn supplier_ref(id: u64, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => {
            format!("n° {id} ({})", crate::domain::text::clean_line(n))
        }
        _ => format!("n° {id}"),
    }
}
