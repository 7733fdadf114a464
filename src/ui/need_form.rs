//! The need form: title, description, theme, CPV codes, départements, preferred sizes,
//! ESS and SIAE preferences.

use super::widgets::{block, centered, clean, field_value, truncate, wrap};
use super::Theme;
use crate::app::forms::{NeedField, NeedForm};
use crate::app::hints::screen_footer;
use crate::app::input::TextInput;
use crate::app::keymap::need_form_mode;
use crate::app::state::AppState;
use crate::domain::{ConstraintMode, SizeCategory};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Draws the need form over `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, f: &NeedForm, theme: &Theme) {
    let t = state.texts;
    let popup = centered(area, 90, 18);
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    frame.render_widget(Clear, popup);
    let title = if f.original.is_some() {
        t.form_need_edit
    } else {
        t.form_need_new
    };
    let b = block(title.to_string(), true, theme);
    let inner = b.inner(popup);
    frame.render_widget(b, popup);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let label_w = [
        t.f_title,
        t.f_description,
        t.f_theme,
        t.f_cpv,
        t.f_documents,
        t.f_departments,
        t.f_sizes,
        t.f_ess,
        t.f_siae,
    ]
    .iter()
    .map(|s| s.width())
    .max()
    .unwrap_or(0)
        + 2;
    let mode_label = |m: Option<ConstraintMode>| match m {
        None => t.mode_none,
        Some(ConstraintMode::Prefer) => t.mode_prefer,
        Some(ConstraintMode::Require) => t.mode_require,
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(u16, u16)> = None;
    for field in NeedField::ALL {
        let focused = f.focus == field;
        let marker = if focused {
            theme.marker
        } else {
            theme.no_marker
        };
        let lstyle = if focused {
            theme.field_focused
        } else {
            theme.title
        };
        if field == NeedField::Save {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                format!("{marker}[ {} ]", t.f_save),
                if focused { theme.selected } else { theme.title },
            )));
            continue;
        }
        let name = match field {
            NeedField::Title => t.f_title,
            NeedField::Description => t.f_description,
            NeedField::Theme => t.f_theme,
            NeedField::Cpv => t.f_cpv,
            NeedField::Lots => t.f_lots,
            NeedField::Documents => t.f_documents,
            NeedField::Departments => t.f_departments,
            NeedField::Sizes => t.f_sizes,
            NeedField::Ess => t.f_ess,
            NeedField::Siae => t.f_siae,
            NeedField::Save => "",
        };
        let head = Span::styled(
            format!("{marker}{}", super::widgets::fit(name, label_w)),
            lstyle,
        );
        let value_w = w.saturating_sub(2 + label_w);
        let text_value = |input: &TextInput, hint: &str| -> Vec<Span<'static>> {
            vec![field_value(input, hint, value_w, focused, theme)]
        };
        let value: Vec<Span<'static>> = match field {
            NeedField::Title => text_value(&f.title, ""),
            NeedField::Description => text_value(&f.description, ""),
            NeedField::Cpv => text_value(&f.cpv, t.f_cpv_hint),
            NeedField::Lots => text_value(&f.lots, t.f_lots_hint),
            NeedField::Documents => text_value(&f.documents, t.f_documents_hint),
            NeedField::Departments => text_value(&f.departments, t.f_departments_hint),
            NeedField::Theme => {
                let label = f
                    .theme
                    .and_then(|i| state.themes.themes.get(i))
                    .map(|th| clean(state.themes.label(&th.slug, state.lang)))
                    .unwrap_or_else(|| t.no_theme.to_string());
                vec![Span::raw(truncate(&format!("◀ {label} ▶"), value_w))]
            }
            NeedField::Sizes => SizeCategory::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let mark = if f.sizes[i] { "[x]" } else { "[ ]" };
                    let st = if focused && i == f.size_cursor {
                        theme.selected
                    } else {
                        theme.base
                    };
                    Span::styled(format!("{mark} {} ", t.size(*s)), st)
                })
                .collect(),
            NeedField::Ess => vec![Span::raw(format!("◀ {} ▶", mode_label(f.ess)))],
            NeedField::Siae => vec![Span::raw(format!("◀ {} ▶", mode_label(f.siae)))],
            NeedField::Save => vec![],
        };
        if focused && field.is_text() {
            let input = match field {
                NeedField::Title => &f.title,
                NeedField::Description => &f.description,
                NeedField::Cpv => &f.cpv,
                NeedField::Lots => &f.lots,
                NeedField::Documents => &f.documents,
                _ => &f.departments,
            };
            let cw = input.cursor_width().min(value_w.saturating_sub(1));
            cursor = Some(((2 + label_w + cw) as u16, lines.len() as u16));
        }
        let mut spans = vec![head];
        spans.extend(value);
        lines.push(Line::from(spans));
    }
    if let Some(e) = &f.error {
        for l in wrap(&clean(e), w).into_iter().take(2) {
            lines.push(Line::from(Span::styled(l, theme.error)));
        }
    }
    let hint_row = inner.height.saturating_sub(1);
    frame.render_widget(Paragraph::new(lines), inner);
    if inner.height > 1 {
        frame.render_widget(
            Paragraph::new(screen_footer(state, need_form_mode(f), w)).style(theme.dim),
            Rect {
                y: inner.y + hint_row,
                height: 1,
                ..inner
            },
        );
    }
    if let Some((x, y)) = cursor {
        if x < inner.width && y < inner.height.saturating_sub(1) {
            frame.set_cursor_position(Position::new(inner.x + x, inner.y + y));
        }
    }
}
