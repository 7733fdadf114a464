//! What the open form holds, seen as a draft: its file name, its content, whether it
//! changed since it opened, and putting a draft's content back in it.

use super::format::FormDraft;
use crate::app::forms::{DayForm, NeedForm, OutcomeForm};
use crate::app::state::{AppState, Modal};

/// The file name of the open form's draft, or None when no form with typed text is open:
/// `need-new`, `need-<need id>`, `outcome-<meeting id>`, `day-new`, `day-<YYYY-MM-DD>`.
pub fn form_key(modal: Option<&Modal>) -> Option<String> {
    match modal? {
        Modal::NeedForm(f) => Some(match &f.original {
            Some(n) => format!("need-{}", n.id),
            None => "need-new".to_string(),
        }),
        Modal::Outcome(f) => Some(format!("outcome-{}", f.meeting)),
        Modal::DayForm(f) => Some(match &f.original {
            Some(d) => format!("day-{}", d.date),
            None => "day-new".to_string(),
        }),
        Modal::Plan(_) | Modal::Schedule(_) | Modal::ScoreDetail(_) => None,
    }
}

/// The open form's content, when it has typed text.
pub fn form_content(state: &AppState) -> Option<FormDraft> {
    match state.modal.as_ref()? {
        Modal::NeedForm(f) => Some(FormDraft::Need(f.to_draft(&state.themes))),
        Modal::Outcome(f) => Some(FormDraft::Outcome(f.to_draft())),
        Modal::DayForm(f) => Some(FormDraft::Day(f.to_draft())),
        Modal::Plan(_) | Modal::Schedule(_) | Modal::ScoreDetail(_) => None,
    }
}

/// True when the open form has unsaved changes (its content differs from what it opened
/// with). A form without typed text (the planning popup) never has.
pub fn form_is_dirty(state: &AppState) -> bool {
    match state.modal.as_ref() {
        Some(Modal::NeedForm(f)) => f.is_dirty(&state.themes),
        Some(Modal::Outcome(f)) => f.is_dirty(),
        Some(Modal::DayForm(f)) => f.is_dirty(),
        _ => false,
    }
}

pub(super) fn pristine(modal: &Modal) -> Option<FormDraft> {
    match modal {
        Modal::NeedForm(f) => Some(FormDraft::Need(f.pristine.clone())),
        Modal::Outcome(f) => Some(FormDraft::Outcome(f.pristine.clone())),
        Modal::DayForm(f) => Some(FormDraft::Day(f.pristine.clone())),
        Modal::Plan(_) | Modal::Schedule(_) | Modal::ScoreDetail(_) => None,
    }
}

pub(super) fn apply(
    modal: &mut Modal,
    draft: &FormDraft,
    themes: &crate::domain::ThemeCatalog,
) -> bool {
    match (modal, draft) {
        (Modal::NeedForm(f), FormDraft::Need(d)) => {
            NeedForm::apply_draft(f, d, themes);
            true
        }
        (Modal::Outcome(f), FormDraft::Outcome(d)) => {
            OutcomeForm::apply_draft(f, d);
            true
        }
        (Modal::DayForm(f), FormDraft::Day(d)) => {
            DayForm::apply_draft(f, d);
            true
        }
        _ => false,
    }
}
