//! Figures for the forum's evaluation (bilan du forum), computed from a [`Store`]:
//! meetings by status, outcomes by next step, average fit rating, suppliers met and the
//! shares among them of TPE/PME, Île-de-France, ESS and SIAE firms.
//!
//! Rules: an outcome counts by its latest version per meeting (earlier versions are history,
//! see DESIGN §2); a supplier is "met" when at least one of its meetings is held; shares are
//! over the distinct suppliers met.

pub mod text;

use crate::domain::{MeetingStatus, NextStep, SizeCategory, SupplierId};
use crate::store::{Store, StoreResult};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use text::render_text;

/// Meetings by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MeetingCounts {
    /// All meetings ever booked, whatever their status.
    pub total: usize,
    /// Still planned (not yet held, missed or cancelled).
    pub planned: usize,
    /// Held.
    pub held: usize,
    /// The supplier did not come.
    pub no_show: usize,
    /// Cancelled.
    pub cancelled: usize,
}

/// A part of a whole: `count` of `of`, with the percentage (None when `of` is 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Share {
    /// How many have the property.
    pub count: usize,
    /// Out of how many.
    pub of: usize,
    /// 100 × count / of, rounded to one decimal; None when `of` is 0.
    pub percent: Option<f64>,
}

impl Share {
    /// Builds a share and its percentage.
    pub fn new(count: usize, of: usize) -> Self {
        let percent = (of > 0).then(|| (1000.0 * count as f64 / of as f64).round() / 10.0);
        Share { count, of, percent }
    }
}

/// Number of meetings whose latest outcome has this next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextStepCount {
    /// The next step (suite à donner).
    pub next_step: NextStep,
    /// Meetings whose latest outcome says so.
    pub meetings: usize,
}

/// A held meeting whose real length strayed more than 25 % from its slot's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedMeeting {
    /// Forum day.
    pub day: jiff::civil::Date,
    /// Slot start, "HH:MM" Europe/Paris.
    pub start: String,
    /// Supplier's name.
    pub supplier: String,
    /// Real length, minutes.
    pub minutes: i64,
    /// Slot length, minutes.
    pub slot_minutes: u32,
}

/// Equal time for the suppliers met (égalité de traitement): how many held meetings were
/// timed ("Commencer" / "Terminer") and which strayed from their slot's length.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EqualTime {
    /// Held meetings with a real start and end.
    pub timed: usize,
    /// Those more than 25 % off their slot's length, by day and time.
    pub flagged: Vec<FlaggedMeeting>,
}

/// A supplier met for a need who received fewer of its documents than the others met for
/// it (égalité de traitement): by its meetings' latest outcomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentGap {
    /// The need's title.
    pub need: String,
    /// The supplier's name.
    pub supplier: String,
    /// Documents given to at least one other supplier met for the need, not to this one.
    pub missing: Vec<String>,
    /// How many other suppliers were met for the need.
    pub others: usize,
}

/// Documents given per need: how many needs list documents, and who got less.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Documents {
    /// Needs that list documents to give.
    pub needs: usize,
    /// Suppliers met who got fewer than the others, by need then supplier name.
    pub gaps: Vec<DocumentGap>,
}

/// Second-stage follow-ups (suites ultérieures) of the latest outcome of each meeting.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SecondStages {
    /// Meetings whose latest outcome has a second stage.
    pub recorded: usize,
    /// Of them: no further contact.
    pub no_further_contact: usize,
    /// Of them: the supplier was consulted.
    pub consulted: usize,
    /// Of them: a contract was awarded.
    pub awarded: usize,
    /// Sum of the awarded amounts given, euros excluding VAT (€ HT).
    pub awarded_eur: f64,
}

/// The forum's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Meetings by status.
    pub meetings: MeetingCounts,
    /// Meetings with at least one outcome logged.
    pub meetings_with_outcome: usize,
    /// Latest outcome per meeting, by next step, in the order of [`NextStep::ALL`] (zeros kept).
    pub outcomes_by_next_step: Vec<NextStepCount>,
    /// Mean fit rating (1–5) of the latest outcome of each meeting, two decimals; None
    /// without outcomes.
    pub average_rating: Option<f64>,
    /// Distinct suppliers with at least one held meeting.
    pub suppliers_met: usize,
    /// Suppliers met that are TPE or PME, out of all suppliers met.
    pub tpe_pme: Share,
    /// Suppliers met whose size is unknown (neither TPE/PME nor ETI/GE known).
    pub size_unknown: usize,
    /// Suppliers met that are TPE or PME, out of the suppliers met of known size.
    pub tpe_pme_of_known_size: Share,
    /// Suppliers met located in Île-de-France (départements 75, 77, 78, 91, 92, 93, 94, 95).
    pub ile_de_france: Share,
    /// Suppliers met that belong to the ESS (économie sociale et solidaire).
    pub ess: Share,
    /// Suppliers met that are SIAE (insertion par l'activité économique) or GEIQ.
    pub siae: Share,
    /// Needs recorded.
    pub needs: usize,
    /// Events in the journal (trace de sourçage).
    pub journal_events: usize,
    /// Timed meetings and the equal-time flags.
    pub equal_time: EqualTime,
    /// Second-stage follow-ups.
    pub second_stage: SecondStages,
    /// Documents given, and the suppliers who got less than the others for a need.
    pub documents: Documents,
}

/// Computes the figures from the store. Errors: those of the store (disk, corrupt value).
pub fn compute(store: &dyn Store) -> StoreResult<Report> {
    let meetings = store.meetings()?;
    let mut counts = MeetingCounts {
        total: meetings.len(),
        ..Default::default()
    };
    let mut met: BTreeSet<SupplierId> = BTreeSet::new();
    for m in &meetings {
        match m.status {
            MeetingStatus::Planned => counts.planned += 1,
            MeetingStatus::Held => {
                counts.held += 1;
                met.insert(m.supplier);
            }
            MeetingStatus::NoShow => counts.no_show += 1,
            MeetingStatus::Cancelled => counts.cancelled += 1,
        }
    }

    // Latest version per meeting.
    let outcomes = store.all_outcomes()?;
    let mut latest: BTreeMap<u64, (u32, NextStep, Option<u8>)> = BTreeMap::new();
    let mut stages: BTreeMap<u64, (u32, Option<crate::domain::SecondStage>)> = BTreeMap::new();
    for o in &outcomes {
        let e = latest
            .entry(o.meeting)
            .or_insert((0, o.next_step, o.rating));
        if o.version >= e.0 {
            *e = (o.version, o.next_step, o.rating);
        }
        let s = stages.entry(o.meeting).or_insert((0, None));
        if o.version >= s.0 {
            *s = (o.version, o.follow_up_result);
        }
    }
    let documents = documents(store, &meetings, &outcomes)?;
    let mut second_stage = SecondStages::default();
    for stage in stages.values().filter_map(|(_, s)| *s) {
        second_stage.recorded += 1;
        match stage.result {
            crate::domain::FollowUpResult::NoFurtherContact => second_stage.no_further_contact += 1,
            crate::domain::FollowUpResult::Consulted => second_stage.consulted += 1,
            crate::domain::FollowUpResult::ContractAwarded => {
                second_stage.awarded += 1;
                second_stage.awarded_eur += stage.amount_eur.unwrap_or(0.0);
            }
        }
    }
    let outcomes_by_next_step = NextStep::ALL
        .iter()
        .map(|&step| NextStepCount {
            next_step: step,
            meetings: latest.values().filter(|(_, s, _)| *s == step).count(),
        })
        .collect();
    // Over the outcomes with a rating: a meeting that did not take place has none.
    let rated: Vec<f64> = latest
        .values()
        .filter_map(|(_, _, r)| r.map(f64::from))
        .collect();
    let average_rating = (!rated.is_empty()).then(|| {
        let sum: f64 = rated.iter().sum();
        (100.0 * sum / rated.len() as f64).round() / 100.0
    });

    let (mut sme, mut unknown, mut idf, mut ess, mut siae) = (0, 0, 0, 0, 0);
    for &id in &met {
        // A supplier missing from the directory counts as met, of unknown attributes.
        let Some(s) = store.supplier(id)? else {
            unknown += 1;
            continue;
        };
        match s.size {
            Some(size) if size.is_sme() => sme += 1,
            Some(SizeCategory::Eti | SizeCategory::Ge) => {}
            _ => unknown += 1,
        }
        idf += usize::from(s.in_ile_de_france());
        ess += usize::from(s.ess);
        siae += usize::from(s.siae);
    }
    let days = store.forum_days()?;
    let mut equal_time = EqualTime::default();
    let mut held: Vec<_> = meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held && m.real_minutes().is_some())
        .collect();
    held.sort_by_key(|m| (m.start, m.table));
    for m in held {
        equal_time.timed += 1;
        let slot = days
            .iter()
            .find(|d| d.date == m.day)
            .map_or(20, |d| u32::from(d.slot_minutes));
        if m.time_flag(slot).is_some() {
            equal_time.flagged.push(FlaggedMeeting {
                day: m.day,
                start: crate::domain::forum::local_hm(m.start),
                supplier: store
                    .supplier(m.supplier)?
                    .map(|s| crate::domain::text::clean_line(&s.name))
                    .unwrap_or_default(),
                minutes: m.real_minutes().unwrap_or(0),
                slot_minutes: slot,
            });
        }
    }
    let n = met.len();
    Ok(Report {
        documents,
        equal_time,
        second_stage,
        meetings: counts,
        meetings_with_outcome: latest.len(),
        outcomes_by_next_step,
        average_rating,
        suppliers_met: n,
        tpe_pme: Share::new(sme, n),
        size_unknown: unknown,
        tpe_pme_of_known_size: Share::new(sme, n - unknown),
        ile_de_france: Share::new(idf, n),
        ess: Share::new(ess, n),
        siae: Share::new(siae, n),
        needs: store.needs()?.len(),
        journal_events: store.journal()?.len(),
    })
}

/// For each need listing documents, the suppliers met for it (held meetings) and what
/// each received by the latest outcome of its meetings; a supplier missing a document
/// that another supplier met for the need received is a gap. A meeting without an
/// outcome records nothing given.
fn documents(
    store: &dyn Store,
    meetings: &[crate::domain::Meeting],
    outcomes: &[crate::domain::Outcome],
) -> StoreResult<Documents> {
    let mut latest: BTreeMap<u64, &crate::domain::Outcome> = BTreeMap::new();
    for o in outcomes {
        if latest
            .get(&o.meeting)
            .is_none_or(|l| o.version >= l.version)
        {
            latest.insert(o.meeting, o);
        }
    }
    let mut out = Documents::default();
    let mut needs = store.needs()?;
    needs.sort_by_key(|n| n.id);
    for need in needs.iter().filter(|n| !n.documents.is_empty()) {
        out.needs += 1;
        let mut got: BTreeMap<SupplierId, BTreeSet<&str>> = BTreeMap::new();
        for m in meetings
            .iter()
            .filter(|m| m.need == Some(need.id) && m.status == MeetingStatus::Held)
        {
            let given = got.entry(m.supplier).or_default();
            if let Some(o) = latest.get(&m.id) {
                given.extend(o.documents_given.iter().map(String::as_str));
            }
        }
        let mut gaps = Vec::new();
        for (supplier, own) in &got {
            let missing: Vec<String> = need
                .documents
                .iter()
                .filter(|d| {
                    !own.contains(d.as_str())
                        && got
                            .iter()
                            .any(|(s, g)| s != supplier && g.contains(d.as_str()))
                })
                .cloned()
                .collect();
            if !missing.is_empty() {
                let name = store
                    .supplier(*supplier)?
                    .map(|s| crate::domain::text::clean_line(&s.name))
                    .unwrap_or_default();
                gaps.push(DocumentGap {
                    need: crate::domain::text::clean_line(&need.title),
                    supplier: name,
                    missing,
                    others: got.len() - 1,
                });
            }
        }
        gaps.sort_by(|a, b| a.supplier.cmp(&b.supplier));
        out.gaps.extend(gaps);
    }
    Ok(out)
}
