//! The score detail popup: why a supplier is proposed for the open need, part by part.

use super::widgets::{centered, popup_frame, scrolled_body_and_footer, wrap};
use super::Theme;
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::score_detail::ScoreDetail;
use crate::app::state::AppState;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

/// Draws the detail over `area`: headings in the title style, parts wrapped to the width.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, d: &ScoreDetail, theme: &Theme) {
    let popup = centered(area, area.width.min(100), area.height);
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    frame.render_widget(Clear, popup);
    let Some(inner) = popup_frame(frame, popup, &d.title, theme) else {
        return;
    };
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, l) in d.lines.iter().enumerate() {
        let heading = i == 0 || (!l.starts_with(' ') && l.ends_with(':'));
        let style = if heading { theme.title } else { theme.base };
        if l.is_empty() {
            lines.push(Line::from(""));
            continue;
        }
        // Parts are indented by two spaces; their continuation lines by four.
        let indent = l.len() - l.trim_start().len();
        let body = wrap(l.trim_start(), w.saturating_sub(indent + 2).max(1));
        for (j, piece) in body.into_iter().enumerate() {
            let pad = if j == 0 { indent } else { indent + 2 };
            lines.push(Line::from(Span::styled(
                format!("{}{piece}", " ".repeat(pad)),
                style,
            )));
        }
    }
    scrolled_body_and_footer(
        frame,
        inner,
        lines,
        d.scroll,
        screen_footer(state, Mode::ScoreDetail, w),
        theme,
    );
}
