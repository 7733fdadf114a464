//! The help overlay, generated from the keymap (the keys of the screen under it first).

use super::widgets::{block, centered, fit, truncate, with_footer};
use super::Theme;
use crate::app::hints::screen_footer;
use crate::app::keymap::{help_sections, mode_under_help, Mode};
use crate::app::state::AppState;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Draws the help over `area`, scrolled by `scroll` lines.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, scroll: u16, theme: &Theme) {
    let t = state.texts;
    let popup = centered(
        area,
        area.width.saturating_sub(4).max(area.width.min(10)),
        area.height.saturating_sub(2).max(area.height.min(5)),
    );
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    frame.render_widget(Clear, popup);
    let footer = screen_footer(state, Mode::Help, popup.width.saturating_sub(4) as usize);
    let b = with_footer(block(t.help_title.to_string(), true, theme), footer, theme);
    let inner = b.inner(popup);
    frame.render_widget(b, popup);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let sections = help_sections(mode_under_help(state), t);
    let key_w = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0)
        .min(22)
        .min(inner.width as usize / 2);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for s in sections {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(truncate(s.title, w), theme.title)));
        for (keys, desc) in s.rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", fit(&keys, key_w)), theme.field_focused),
                Span::raw(format!("  {}", truncate(desc, w.saturating_sub(key_w + 4)))),
            ]));
        }
    }
    let max = lines.len().saturating_sub(inner.height as usize);
    let skip = (scroll as usize).min(max);
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
