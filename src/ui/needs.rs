//! Needs tab, list of needs: title, theme, status; Enter opens the ranked shortlist.

use super::widgets::{block, clean, row, truncate, window, with_footer};
use super::Theme;
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::state::AppState;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the list of needs in `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let t = state.texts;
    let n = &state.needs;
    let footer = screen_footer(
        state,
        Mode::NeedsList,
        area.width.saturating_sub(4) as usize,
    );
    let b = block(format!("{} ({})", t.needs_title, n.list.len()), true, theme);
    let b = with_footer(b, footer, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if n.list.is_empty() {
        frame.render_widget(
            Paragraph::new(truncate(t.needs_empty, inner.width as usize)).style(theme.dim),
            inner,
        );
        return;
    }
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for i in window(n.selected, n.list.len(), inner.height as usize) {
        let need = &n.list[i];
        let theme_label = need
            .theme
            .as_deref()
            .map(|s| clean(state.themes.label(s, state.lang)))
            .unwrap_or_default();
        let mut right = t.need_status(need.status).to_string();
        if !theme_label.is_empty() {
            right = format!("{theme_label} · {right}");
        }
        if state.current_need == Some(need.id) {
            right.push_str(" ◆");
        }
        let right = truncate(&right, w / 2);
        let rw = unicode_width::UnicodeWidthStr::width(right.as_str());
        let title_w = w.saturating_sub(2 + rw + 1);
        let title = truncate(&clean(&need.title), title_w);
        let tw = unicode_width::UnicodeWidthStr::width(title.as_str());
        let spans = vec![
            Span::styled(title, theme.base),
            Span::raw(" ".repeat(title_w.saturating_sub(tw) + 1)),
            Span::styled(right, theme.dim),
        ];
        lines.push(row(theme, i == n.selected, true, spans, inner.width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
