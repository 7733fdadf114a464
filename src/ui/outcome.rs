//! The outcome form (compte rendu): next step, rating, multi-line notes, follow-up date,
//! documents given (when the meeting's need lists some).
//! Saving appends a version; the title says which.

use super::widgets::{centered, clean, popup_frame, wrap};
use super::Theme;
use crate::app::forms::{OutcomeField, OutcomeForm};
use crate::app::hints::screen_footer;
use crate::app::keymap::outcome_mode;
use crate::app::state::AppState;
use crate::domain::NextStep;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// Draws the outcome form over `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, f: &OutcomeForm, theme: &Theme) {
    let t = state.texts;
    let popup = centered(area, 90, 20);
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    frame.render_widget(Clear, popup);
    let (name, when) = match state.meetings.iter().find(|m| m.id == f.meeting) {
        Some(m) => {
            let hm = crate::domain::forum::local_hm(m.start);
            (
                clean(&state.supplier_name(m.supplier)),
                format!("{} {hm}", m.day.strftime("%d/%m/%Y")),
            )
        }
        None => (String::new(), String::new()),
    };
    let Some(inner) = popup_frame(
        frame,
        popup,
        &(t.outcome_title)(&name, &when, f.version),
        theme,
    ) else {
        return;
    };
    let w = inner.width as usize;
    let err_lines: Vec<String> = f
        .error
        .as_deref()
        .map(|e| wrap(&clean(e), w).into_iter().take(2).collect())
        .unwrap_or_default();
    let docs_h = u16::from(!f.documents.is_empty());
    let [step, rating, notes_label, notes, date, docs, save, err, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(docs_h),
        Constraint::Length(1),
        Constraint::Length(err_lines.len() as u16),
        Constraint::Length(1),
    ])
    .areas(inner);
    let label = |field: OutcomeField, text: &str| {
        let focused = f.focus == field;
        let marker = if focused {
            theme.marker
        } else {
            theme.no_marker
        };
        Span::styled(
            format!("{marker}{text}{}", t.colon),
            if focused {
                theme.field_focused
            } else {
                theme.title
            },
        )
    };
    let step_label = t.next_step(NextStep::ALL.get(f.next_step).copied().unwrap_or_default());
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            label(OutcomeField::NextStep, t.o_next_step),
            Span::raw(format!(
                "◀ {step_label} ▶ ({}/{})",
                f.next_step + 1,
                NextStep::ALL.len()
            )),
        ])),
        step,
    );
    let stars: String = (1..=5)
        .map(|i| if Some(i) <= f.rating { '★' } else { '☆' })
        .collect();
    let shown = match f.rating {
        Some(r) => format!("{stars} {r}/5"),
        None => format!("{stars} {}", t.o_no_rating),
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            label(OutcomeField::Rating, t.o_rating),
            Span::raw(shown),
        ])),
        rating,
    );
    // The previous version's notes, selected: typing replaces them, a move keeps them.
    let mut notes_head = vec![label(OutcomeField::Notes, t.o_notes)];
    if f.notes.is_selecting() {
        notes_head.push(Span::styled(format!(" {}", t.o_notes_selected), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(notes_head)), notes_label);
    // Notes editor, indented under its label.
    let notes_area = Rect {
        x: notes.x + 2.min(notes.width),
        width: notes.width.saturating_sub(2),
        ..notes
    };
    if notes_area.width > 0 && notes_area.height > 0 {
        // tui-textarea draws its own cursor cell; the terminal cursor stays hidden.
        frame.render_widget(&f.notes, notes_area);
    }
    let date_label = label(OutcomeField::FollowUp, t.o_follow_up);
    let date_label_w = unicode_width::UnicodeWidthStr::width(date_label.content.as_ref());
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            date_label,
            Span::raw(clean(f.follow_up.text())),
        ])),
        date,
    );
    if f.focus == OutcomeField::FollowUp {
        let x = date.x as usize + date_label_w + f.follow_up.cursor_width();
        if x < (date.x + date.width) as usize && date.height > 0 {
            frame.set_cursor_position(Position::new(x as u16, date.y));
        }
    }
    if docs_h > 0 {
        let focused = f.focus == OutcomeField::Documents;
        let mut spans = vec![label(OutcomeField::Documents, t.o_documents)];
        for (i, (d, on)) in f.documents.iter().zip(&f.given).enumerate() {
            let mark = if *on { "[x]" } else { "[ ]" };
            let style = if focused && i == f.document_cursor {
                theme.selected
            } else {
                theme.base
            };
            spans.push(Span::styled(format!("{mark} {} ", clean(d)), style));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), docs);
    }
    let save_focused = f.focus == OutcomeField::Save;
    // A still planned meeting is marked held (or no-show) when the outcome is saved: said
    // beside the button.
    let planned = state
        .meetings
        .iter()
        .any(|m| m.id == f.meeting && m.status == crate::domain::MeetingStatus::Planned);
    let mut spans = vec![Span::styled(
        format!(
            "{}[ {} ]",
            if save_focused {
                theme.marker
            } else {
                theme.no_marker
            },
            t.f_save
        ),
        if save_focused {
            theme.selected
        } else {
            theme.title
        },
    )];
    if planned {
        let did_not = NextStep::ALL.get(f.next_step) == Some(&NextStep::DidNotTakePlace);
        let note = if did_not {
            t.o_will_be_no_show
        } else {
            t.o_will_be_held
        };
        spans.push(Span::styled(format!("  {note}"), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), save);
    if !err_lines.is_empty() {
        let lines: Vec<Line> = err_lines.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.error), err);
    }
    let footer = screen_footer(state, outcome_mode(f), w);
    frame.render_widget(Paragraph::new(footer).style(theme.dim), hint);
}
