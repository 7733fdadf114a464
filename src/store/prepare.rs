//! What every [`super::Store`] implementation does to a value before storing it: clean
//! its text (one line, or sanitized multi-line) and check the domain's `validate()`.
//! Shared by the sled and in-memory stores so both keep the same rules.

use super::StoreResult;
use crate::domain::text::{clean_line, sanitize};
use crate::domain::{ForumDay, Meeting, MeetingStatus, Need, Outcome, ShortlistEntry};

/// The actor's login on one clean line, or "system" when empty.
pub(crate) fn actor_or_system(actor: &str) -> String {
    let a = clean_line(actor);
    if a.is_empty() {
        "system".to_string()
    } else {
        a
    }
}

/// Cleans a need's title, description and lot titles, then checks it.
/// Errors: [`crate::domain::NeedError`] as [`super::StoreError::Invalid`].
pub(crate) fn need(need: &mut Need) -> StoreResult<()> {
    need.title = clean_line(&need.title);
    need.description = sanitize(&need.description, true);
    need.validate()?;
    for lot in &mut need.lots {
        lot.title = clean_line(&lot.title);
        lot.description = clean_line(&lot.description);
    }
    need.documents = distinct_lines(&need.documents);
    Ok(())
}

/// Each text cleaned to one line, empty ones and repeats (ignoring case and accents)
/// left out, in their order.
fn distinct_lines(texts: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        let t = clean_line(t);
        let f = crate::domain::text::identity_fold(&t);
        if !t.is_empty()
            && !out
                .iter()
                .any(|o| crate::domain::text::identity_fold(o) == f)
        {
            out.push(t);
        }
    }
    out
}

/// Cleans a shortlist entry's note and explanation.
pub(crate) fn shortlist_entry(entry: &mut ShortlistEntry) {
    entry.note = sanitize(&entry.note, true);
    entry.explanation = clean_line(&entry.explanation);
}

/// Cleans a forum day's texts (title, place, break labels, table names and rooms),
/// drops tables without a name, numbers tables given without an id (0) after the
/// largest id, then checks it.
/// Errors: [`crate::domain::ForumDayError`] as [`super::StoreError::Invalid`].
pub(crate) fn forum_day(day: &mut ForumDay) -> StoreResult<()> {
    day.title = clean_line(&day.title);
    day.place = clean_line(&day.place);
    for b in &mut day.breaks {
        b.label = clean_line(&b.label);
    }
    day.breaks.sort_by_key(|b| b.start);
    for t in &mut day.tables {
        t.name = clean_line(&t.name);
        t.room = clean_line(&t.room);
    }
    day.tables.retain(|t| !t.name.is_empty());
    let mut next = day.next_table_id();
    for t in &mut day.tables {
        if t.id == 0 {
            t.id = next;
            next += 1;
        }
    }
    day.validate()?;
    Ok(())
}

/// Cleans a meeting to plan (buyers deduplicated), checks it and resets its status
/// to planned. Errors: [`crate::domain::MeetingError`] as [`super::StoreError::Invalid`].
pub(crate) fn meeting_to_plan(meeting: &mut Meeting) -> StoreResult<()> {
    let mut buyers: Vec<String> = Vec::new();
    for b in &meeting.buyers {
        let b = clean_line(b);
        if !b.is_empty() && !buyers.contains(&b) {
            buyers.push(b);
        }
    }
    meeting.buyers = buyers;
    meeting.validate()?;
    meeting.status = MeetingStatus::Planned;
    meeting.started_at = None;
    meeting.ended_at = None;
    Ok(())
}

/// Checks an outcome, cleans its notes and sets who logged it.
/// Errors: [`crate::domain::OutcomeError`] as [`super::StoreError::Invalid`].
pub(crate) fn outcome(outcome: &mut Outcome, actor: &str) -> StoreResult<()> {
    outcome.validate()?;
    outcome.notes = sanitize(&outcome.notes, true);
    outcome.documents_given = distinct_lines(&outcome.documents_given);
    outcome.logged_by = actor_or_system(actor);
    Ok(())
}
