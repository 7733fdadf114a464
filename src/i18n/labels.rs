//! Labels of domain values: one label per value, written once per language by an exhaustive
//! `match` (a new variant does not compile until it has its label), and used alike by the
//! screens, the exports, the report, the import report and the explanations.

use crate::domain::{
    Entity, FollowUpResult, MeetingStatus, NeedStatus, NextStep, SizeCategory, TriageStatus,
};

/// One function per kind of domain value, each giving the value's label.
#[derive(Debug)]
pub struct Labels {
    /// Next step of an outcome (suite à donner), e.g. "Pas d'adéquation".
    pub next_step: fn(NextStep) -> &'static str,
    /// Triage status of a shortlist entry, e.g. "à rencontrer".
    pub triage: fn(TriageStatus) -> &'static str,
    /// Status of a meeting, e.g. "planifié".
    pub meeting_status: fn(MeetingStatus) -> &'static str,
    /// Status of a need, e.g. "ouvert".
    pub need_status: fn(NeedStatus) -> &'static str,
    /// Second-stage follow-up of an outcome, e.g. "consulté".
    pub follow_up: fn(FollowUpResult) -> &'static str,
    /// Size category, e.g. "PME" (French) or "SME" (English).
    pub size: fn(SizeCategory) -> &'static str,
    /// Kind of journal entity, e.g. "rendez-vous".
    pub entity: fn(Entity) -> &'static str,
}
