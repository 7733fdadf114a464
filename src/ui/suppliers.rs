//! Suppliers tab: the search field, the ranked results with highlighted names, and the
//! opened supplier's detail (beside the list when the terminal is wide, else instead of it).

use super::widgets::{block, clean, fit, highlighted, row, truncate, window, with_footer};
use super::{detail, Theme};
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::state::{AppState, LoadPhase, SupplierPane};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use ratatui::Frame;

/// Width from which list and detail are side by side.
pub const WIDE: u16 = 110;

/// Draws the suppliers tab in `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let [search, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    draw_search(frame, search, state, theme);
    let s = &state.suppliers;
    let show_detail = s.pane == SupplierPane::Detail && s.detail.is_some();
    if body.width >= WIDE {
        let [list, det] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(body);
        draw_list(frame, list, state, theme);
        detail::draw(frame, det, state, theme, show_detail);
    } else if show_detail {
        detail::draw(frame, body, state, theme, true);
    } else {
        draw_list(frame, body, state, theme);
    }
}

fn draw_search(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let t = state.texts;
    let s = &state.suppliers;
    let mut b = block(t.search_title.to_string(), s.editing, theme);
    if let Some(q) = &s.shown_query {
        b = b.title_top(
            Line::from(Span::styled(
                format!(" {} ", (t.results_count)(s.hits.len(), s.total)),
                theme.dim,
            ))
            .right_aligned(),
        );
        // A filter that cannot be read, or a theme that names nothing, is said under the
        // field until the query changes (never ignored silently).
        let wrong =
            crate::search::problems(&crate::search::Query::parse(q), &state.themes, s.total == 0);
        if let Some(p) = wrong.first() {
            let text = format!(
                " ✖ {} ",
                crate::domain::text::clean_line(&(t.filter_problem)(p))
            );
            b = b.title_bottom(Line::from(Span::styled(
                truncate(&text, area.width.saturating_sub(2) as usize),
                theme.error,
            )));
        }
    }
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    let text = s.query.text();
    let line = if text.is_empty() && !s.editing {
        Line::from(Span::styled(truncate(t.search_placeholder, w), theme.dim))
    } else {
        // Keep the cursor visible: show the tail when the query is wider than the field.
        let cw = s.query.cursor_width();
        let skip = cw.saturating_sub(w.saturating_sub(1));
        let shown: String = skip_columns(text, skip);
        // Right after `/`, the old query is selected: typing replaces it.
        let style = if s.replace_on_type {
            theme.selected
        } else {
            Style::default()
        };
        Line::from(Span::styled(truncate(&shown, w), style))
    };
    frame.render_widget(Paragraph::new(line), inner);
    if s.editing && inner.width > 0 && inner.height > 0 {
        let cw = s
            .query
            .cursor_width()
            .min(inner.width.saturating_sub(1) as usize) as u16;
        frame.set_cursor_position(Position::new(inner.x + cw, inner.y));
    }
}

fn skip_columns(s: &str, cols: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut w = 0;
    s.chars()
        .skip_while(|c| {
            let skip = w < cols;
            w += c.width().unwrap_or(0);
            skip
        })
        .collect()
}

fn draw_list(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let t = state.texts;
    let s = &state.suppliers;
    let focused = !s.editing && s.pane == SupplierPane::List;
    // While typing in the search field, the field's keys (the list's would type text).
    let mode = if s.editing {
        Mode::SearchField
    } else {
        Mode::SuppliersList
    };
    let footer = screen_footer(state, mode, area.width.saturating_sub(4) as usize);
    let b = with_footer(
        block(t.tab_suppliers.to_string(), focused, theme),
        footer,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if s.hits.is_empty() {
        let msg = match &state.load {
            LoadPhase::Importing { done, total } => {
                let ratio = if *total == 0 {
                    0.0
                } else {
                    (*done as f64 / *total as f64).clamp(0.0, 1.0)
                };
                let pct = (ratio * 100.0) as u64;
                let [label, gauge] =
                    Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
                frame.render_widget(Paragraph::new((t.load_importing)(pct)), label);
                frame.render_widget(
                    Gauge::default()
                        .ratio(ratio)
                        .gauge_style(theme.selected)
                        .label(""),
                    gauge,
                );
                return;
            }
            LoadPhase::Writing { suppliers } => (t.load_writing)(*suppliers),
            LoadPhase::Reading => t.load_reading.to_string(),
            LoadPhase::Indexing { .. } => t.load_indexing.to_string(),
            LoadPhase::Failed(e) => (t.load_failed)(e),
            LoadPhase::Ready if s.shown_query.is_some() => t.no_results.to_string(),
            LoadPhase::Ready => t.load_indexing.to_string(),
        };
        frame.render_widget(
            Paragraph::new(truncate(&clean(&msg), inner.width as usize)).style(theme.dim),
            inner,
        );
        return;
    }
    let w = inner.width as usize;
    let marker = 2;
    let right_w = if w >= 100 { 26 } else { 18 }.min(w.saturating_sub(marker + 8));
    let name_w = w.saturating_sub(marker + right_w + 1);
    let rows = window(s.selected, s.hits.len(), inner.height as usize);
    let mut lines = Vec::with_capacity(rows.len());
    for i in rows {
        let h = &s.hits[i];
        let selected = i == s.selected;
        let mut spans;
        let mut right = String::new();
        match state.directory.get(h.id) {
            Some(sup) => {
                spans = highlighted(
                    &sup.name,
                    &h.name_highlights,
                    theme.base,
                    theme.highlight,
                    name_w,
                );
                let mut bits: Vec<String> = Vec::new();
                if !sup.department.is_empty() {
                    bits.push(clean(&sup.department));
                }
                if let Some(sz) = sup.size {
                    bits.push(t.size(sz).to_string());
                }
                if state.registered(h.id) {
                    bits.push(t.flag_registered.to_string());
                }
                if sup.ess {
                    bits.push(t.flag_ess.to_string());
                }
                if sup.siae {
                    bits.push(t.flag_siae.to_string());
                }
                right = bits.join(" ");
            }
            None => spans = vec![Span::raw((t.supplier_no)(h.id))],
        }
        let used: usize = spans
            .iter()
            .map(|s| unicode_width::UnicodeWidthStr::width(s.content.as_ref()))
            .sum();
        spans.push(Span::raw(" ".repeat(name_w.saturating_sub(used) + 1)));
        spans.push(Span::styled(fit(&right, right_w), theme.dim));
        lines.push(row(theme, selected, focused, spans, inner.width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
