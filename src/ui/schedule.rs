//! The organiser's schedule preview: what it would book (slot, table, supplier, need,
//! buyers, priority), what stays unmet and why, and the fairness and waiting figures.
//! Nothing is written until Enter and a yes.

use super::widgets::{centered, clean, popup_frame, scrolled_body_and_footer, truncate, wrap};
use super::Theme;
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::schedule_preview::SchedulePreview;
use crate::app::state::AppState;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

/// Draws the preview over `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, p: &SchedulePreview, theme: &Theme) {
    let t = state.texts;
    let title = (t.schedule_title)(&p.date.strftime("%d/%m/%Y").to_string());
    let popup = centered(area, area.width.min(110), area.height);
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    frame.render_widget(Clear, popup);
    let Some(inner) = popup_frame(frame, popup, &title, theme) else {
        return;
    };
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for l in wrap(&clean(&p.head), w) {
        lines.push(Line::from(Span::styled(l, theme.title)));
    }
    if p.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(t.schedule_nothing, w),
            theme.dim,
        )));
    }
    for r in &p.rows {
        lines.push(Line::from(truncate(&clean(r), w)));
    }
    if !p.unmet.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(t.commands.schedule_unmet_head, w),
            theme.title,
        )));
        for u in &p.unmet {
            lines.push(Line::from(Span::styled(truncate(&clean(u), w), theme.dim)));
        }
    }
    for l in wrap(&clean(&p.stats), w) {
        lines.push(Line::from(Span::styled(l, theme.dim)));
    }
    scrolled_body_and_footer(
        frame,
        inner,
        lines,
        p.scroll,
        screen_footer(state, Mode::SchedulePreview, w),
        theme,
    );
}
