//! An open need: its summary, the ranked suppliers with the explanation of each rank
//! (matching::rank + explain), and the shortlist with triage statuses.

use super::widgets::{block, clean, row, truncate, window};
use super::Theme;
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::state::{AppState, NeedView, ShortlistPane};
use crate::domain::ConstraintMode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Draws the open need in `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(v) = &state.needs.view else {
        return;
    };
    let t = state.texts;
    let Some(need) = state.need(v.need) else {
        return;
    };
    let [head, body, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    // Summary: title, lot, theme, CPV, constraints.
    let w = head.width as usize;
    let lot = if v.lot == 0 {
        t.sl_lot_all.to_string()
    } else {
        match need.lots.iter().find(|l| l.number == v.lot) {
            Some(l) if !l.description.is_empty() => format!(
                "{} · {}",
                (t.sl_lot)(v.lot, &clean(&l.title)),
                clean(&l.description)
            ),
            Some(l) => (t.sl_lot)(v.lot, &clean(&l.title)),
            None => (t.sl_lot)(v.lot, ""),
        }
    };
    let line1 = Line::from(vec![
        Span::styled(
            truncate(&clean(&need.title), w.saturating_sub(20)),
            theme.title,
        ),
        Span::styled(format!(" — {lot}"), theme.dim),
    ]);
    let mut bits = Vec::new();
    if let Some(th) = &need.theme {
        bits.push(format!(
            "{} {}",
            t.need_theme,
            clean(state.themes.label(th, state.lang))
        ));
    }
    if !need.cpv.is_empty() {
        let codes: Vec<&str> = need.cpv.iter().map(|c| c.as_str()).collect();
        bits.push(format!("{} {}", t.need_cpv, codes.join(" ")));
    }
    let c = &need.constraints;
    if !c.departments.is_empty() {
        bits.push(format!(
            "{} {}",
            t.need_departments,
            c.departments.join(" ")
        ));
    }
    if !c.sizes.is_empty() {
        let s: Vec<&str> = c.sizes.iter().map(|s| t.size(*s)).collect();
        bits.push(format!("{} {}", t.need_sizes, s.join("/")));
    }
    for (flag, mode) in [(t.flag_ess, c.ess), (t.flag_siae, c.siae)] {
        if let Some(m) = mode {
            let how = match m {
                ConstraintMode::Prefer => t.mode_prefer,
                ConstraintMode::Require => t.mode_require,
            };
            bits.push(format!("{flag} {how}"));
        }
    }
    let line2 = Line::from(Span::styled(truncate(&bits.join(" · "), w), theme.dim));
    frame.render_widget(Paragraph::new(vec![line1, line2]), head);
    frame.render_widget(
        Paragraph::new(screen_footer(state, Mode::Shortlist, hint.width as usize)).style(theme.dim),
        hint,
    );
    let (a, b) = if body.width >= 110 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
        (a, b)
    };
    draw_suggestions(frame, a, state, v, theme);
    draw_entries(frame, b, state, v, theme);
}

/// Two lines per item: marker, rank, name, score; then the explanation.
fn two_line_item(
    theme: &Theme,
    selected: bool,
    focused: bool,
    head: String,
    right: String,
    reason: String,
    width: u16,
) -> [Line<'static>; 2] {
    let w = width as usize;
    let rw = right.width();
    let hw = w.saturating_sub(2 + rw + 1);
    let head = truncate(&head, hw);
    let pad = hw.saturating_sub(head.width()) + 1;
    let l1 = row(
        theme,
        selected,
        focused,
        vec![
            Span::styled(head, theme.base),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, theme.dim),
        ],
        width,
    );
    let l2 = Line::from(Span::styled(
        format!("    {}", truncate(&reason, w.saturating_sub(4))),
        theme.dim,
    ));
    [l1, l2]
}

fn draw_suggestions(frame: &mut Frame, area: Rect, state: &AppState, v: &NeedView, theme: &Theme) {
    let t = state.texts;
    let focused = v.pane == ShortlistPane::Suggestions;
    let b = block(
        format!("{} ({})", t.sl_suggestions, v.suggestions.len()),
        focused,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if v.suggestions.is_empty() {
        let msg = if v.ranked {
            t.sl_no_suggestions
        } else {
            t.sl_not_ranked
        };
        frame.render_widget(
            Paragraph::new(truncate(msg, inner.width as usize)).style(theme.dim),
            inner,
        );
        return;
    }
    let per_page = (inner.height as usize / 2).max(1);
    let mut lines = Vec::new();
    for i in window(v.sel_suggestion, v.suggestions.len(), per_page) {
        let s = &v.suggestions[i];
        let listed = v.entries.iter().any(|e| e.supplier == s.supplier);
        let mut right = format!("{:.0}", s.score);
        if listed {
            right = format!("✓ {right}");
        }
        if state.registered(s.supplier) {
            right = format!("{} {right}", t.flag_registered);
        }
        let head = format!("{}. {}", i + 1, clean(&state.supplier_name(s.supplier)));
        lines.extend(two_line_item(
            theme,
            i == v.sel_suggestion,
            focused,
            head,
            right,
            clean(&s.explanation),
            inner.width,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_entries(frame: &mut Frame, area: Rect, state: &AppState, v: &NeedView, theme: &Theme) {
    let t = state.texts;
    let focused = v.pane == ShortlistPane::Entries;
    let b = block(
        format!("{} ({})", t.sl_entries, v.entries.len()),
        focused,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if v.entries.is_empty() {
        frame.render_widget(
            Paragraph::new(truncate(t.sl_no_entries, inner.width as usize)).style(theme.dim),
            inner,
        );
        return;
    }
    let per_page = (inner.height as usize / 2).max(1);
    let mut lines = Vec::new();
    for i in window(v.sel_entry, v.entries.len(), per_page) {
        let e = &v.entries[i];
        let status = match e.request_priority() {
            Some(p) => format!("{} · P{p}", t.triage(e.status)),
            None => t.triage(e.status).to_string(),
        };
        let head = format!("[{status}] {}", clean(&state.supplier_name(e.supplier)));
        lines.extend(two_line_item(
            theme,
            i == v.sel_entry,
            focused,
            head,
            if state.registered(e.supplier) {
                format!("{} {:.0}", t.flag_registered, e.score)
            } else {
                format!("{:.0}", e.score)
            },
            clean(&crate::i18n::explain::entry(e, &state.themes, state.lang)),
            inner.width,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
