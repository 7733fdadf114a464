//! The forum day form: date, title, place, hours, slot length (with the slots it gives),
//! breaks, tables and quotas; below them, why the last save was refused, such as the
//! meetings an edit would displace and where each would go.

use super::widgets::{
    body_and_footer, centered, clean, field_value, fit, popup_frame, truncate, wrap,
};
use super::Theme;
use crate::app::forms::{DayField, DayForm};
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::state::AppState;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Draws the day form over `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, f: &DayForm, theme: &Theme) {
    let t = state.texts;
    let title = match &f.original {
        Some(d) => (t.form_day_edit)(&d.date.strftime("%d/%m/%Y").to_string()),
        None => t.form_day_new.to_string(),
    };
    let width = area.width.min(96);
    let inner_w = width.saturating_sub(2) as usize;
    let errors: Vec<String> = f
        .error
        .as_deref()
        .map(|e| {
            e.lines()
                .flat_map(|l| wrap(&clean(l), inner_w))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    // Fields, the slots line, a blank line, the save button, errors, the footer, borders.
    let wanted = DayField::ALL.len() as u16 + 4 + errors.len() as u16 + 2;
    let popup = centered(area, width, wanted);
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    frame.render_widget(Clear, popup);
    let Some(inner) = popup_frame(frame, popup, &title, theme) else {
        return;
    };
    let w = inner.width as usize;
    let label = |field: DayField| match field {
        DayField::Date => t.f_day_date,
        DayField::Title => t.f_day_title,
        DayField::Place => t.f_day_place,
        DayField::Opens => t.f_day_opens,
        DayField::Closes => t.f_day_closes,
        DayField::SlotMinutes => t.f_day_slot,
        DayField::Breaks => t.f_day_breaks,
        DayField::Tables => t.f_day_tables,
        DayField::MaxPerSupplier => t.f_day_max_supplier,
        DayField::MaxPerBuyer => t.f_day_max_buyer,
        DayField::Save => t.f_save,
    };
    let hint = |field: DayField| match field {
        DayField::Date => t.f_day_date_hint,
        DayField::Breaks => t.f_day_breaks_hint,
        DayField::Tables => t.f_day_tables_hint,
        DayField::MaxPerSupplier | DayField::MaxPerBuyer => t.f_day_quota_hint,
        _ => "",
    };
    let label_w = DayField::ALL[..10]
        .iter()
        .map(|f| label(*f).width())
        .max()
        .unwrap_or(0)
        + 2;
    let value_w = w.saturating_sub(2 + label_w);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(u16, u16)> = None;
    for field in DayField::ALL {
        let focused = f.focus == field;
        let marker = if focused {
            theme.marker
        } else {
            theme.no_marker
        };
        if field == DayField::Save {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                format!("{marker}[ {} ]", t.f_save),
                if focused { theme.selected } else { theme.title },
            )));
            continue;
        }
        let head = Span::styled(
            format!("{marker}{}", fit(label(field), label_w)),
            if focused {
                theme.field_focused
            } else {
                theme.title
            },
        );
        let Some(input) = f.input(field) else {
            continue;
        };
        // An edited day's date is fixed: shown dimmed.
        let fixed = field == DayField::Date && f.original.is_some();
        let value = if fixed {
            Span::styled(truncate(&clean(input.text()), value_w), theme.dim)
        } else {
            field_value(input, hint(field), value_w, focused, theme)
        };
        if focused && !fixed {
            let cw = input.cursor_width().min(value_w.saturating_sub(1));
            cursor = Some(((2 + label_w + cw) as u16, lines.len() as u16));
        }
        lines.push(Line::from(vec![head, value]));
        if field == DayField::SlotMinutes {
            lines.push(Line::from(Span::styled(
                format!("{}{}", " ".repeat(2 + label_w), slots_preview(f, state)),
                theme.dim,
            )));
        }
    }
    for e in errors {
        lines.push(Line::from(Span::styled(e, theme.error)));
    }
    body_and_footer(
        frame,
        inner,
        lines,
        screen_footer(state, Mode::DayForm, w),
        theme,
    );
    if let Some((x, y)) = cursor {
        if x < inner.width && y < inner.height.saturating_sub(1) {
            frame.set_cursor_position(Position::new(inner.x + x, inner.y + y));
        }
    }
}

/// "24 créneaux, de 09:00 à 16:40" for the day as typed, or nothing while a field does
/// not read (the error says which on save).
fn slots_preview(f: &DayForm, state: &AppState) -> String {
    let Ok(day) = f.to_day(state.texts) else {
        return String::new();
    };
    let slots = day.slots();
    match (slots.first(), slots.last()) {
        (Some(a), Some(b)) => {
            (state.texts.f_day_slots_preview)(slots.len(), &a.start_hm(), &b.end_hm())
        }
        _ => (state.texts.f_day_slots_preview)(0, "–", "–"),
    }
}
