//! Agenda tab: the forum day's slots × tables (times in Europe/Paris, as stored in the
//! day's local times), and "my meetings" across days with their status and outcome version.

use super::widgets::{block, clean, fit, row, truncate, window};
use super::Theme;
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::state::{AgendaPane, AppState};
use crate::domain::{ForumDay, Meeting, MeetingStatus};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Symbol of a meeting status in a cell: ⏱ while it runs (started, not ended), ⚑ when
/// held and timed outside the equal-time tolerance of its `slot_minutes`.
pub fn status_mark(m: &Meeting, slot_minutes: u32) -> &'static str {
    if m.started_at.is_some() && m.ended_at.is_none() && m.status == MeetingStatus::Planned {
        return "⏱";
    }
    if m.time_flag(slot_minutes).is_some() {
        return "⚑";
    }
    match m.status {
        MeetingStatus::Planned => "•",
        MeetingStatus::Held => "✔",
        MeetingStatus::NoShow => "✖",
        MeetingStatus::Cancelled => "−",
    }
}

/// The keymap mode whose keys the agenda's footer shows: the focused pane's.
fn agenda_mode(state: &AppState) -> Mode {
    match state.agenda.pane {
        AgendaPane::Grid => Mode::AgendaGrid,
        AgendaPane::Mine => Mode::AgendaMine,
    }
}

/// Draws the agenda tab in `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let t = state.texts;
    let [body, hint] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(screen_footer(
            state,
            agenda_mode(state),
            hint.width as usize,
        ))
        .style(theme.dim),
        hint,
    );
    let (grid, mine) = if body.width >= 110 {
        let [g, m] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(body);
        (g, m)
    } else {
        let [g, m] = Layout::vertical([Constraint::Min(0), Constraint::Length(7)]).areas(body);
        (g, m)
    };
    let focused = state.agenda.pane == AgendaPane::Grid;
    match state.agenda_day() {
        Some(day) => {
            let title = (t.agenda_day)(
                &day.date.strftime("%d/%m/%Y").to_string(),
                state.agenda.day + 1,
                state.days.len(),
            );
            let b = block(title, focused, theme);
            let inner = b.inner(grid);
            frame.render_widget(b, grid);
            draw_grid(
                frame,
                inner,
                state,
                day,
                (state.agenda.slot, state.agenda.table),
                focused,
                theme,
                None,
            );
        }
        None => {
            let b = block(t.tab_agenda.to_string(), focused, theme);
            let inner = b.inner(grid);
            frame.render_widget(b, grid);
            let lines: Vec<Line> = super::widgets::wrap(t.agenda_no_day, inner.width as usize)
                .into_iter()
                .map(Line::from)
                .collect();
            frame.render_widget(Paragraph::new(lines).style(theme.dim), inner);
        }
    }
    draw_mine(frame, mine, state, theme);
}

/// Draws the slots × tables grid of `day` in `area`, with the cell `sel` (slot position,
/// table index) selected, and the breaks between the slots they separate. `busy` tells,
/// per slot start, that the supplier or the buyer is already booked then (the planning
/// popup marks those free cells with `⊘`).
#[allow(clippy::too_many_arguments)]
pub fn draw_grid(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    day: &ForumDay,
    sel: (usize, usize),
    focused: bool,
    theme: &Theme,
    busy: Option<&dyn Fn(jiff::Timestamp) -> bool>,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = state.texts;
    let slots = day.slots();
    let w = area.width as usize;
    let time_w = 8; // "▶ 09:20 "
    let n_tables = day.tables.len().max(1);
    let col_w_min = 12;
    let visible = ((w.saturating_sub(time_w)) / col_w_min).clamp(1, n_tables);
    let col_w = (w.saturating_sub(time_w) / visible).max(1);
    let first_table = sel.1.saturating_sub(visible - 1).min(n_tables - visible);
    let mut lines = Vec::new();
    // Header.
    let mut head = vec![Span::styled(fit(t.agenda_time, time_w), theme.title)];
    for ti in first_table..(first_table + visible).min(day.tables.len()) {
        head.push(Span::styled(
            fit(&clean(&day.tables[ti].name), col_w),
            theme.title,
        ));
    }
    lines.push(Line::from(head));
    let breaks = day.break_spans();
    let rows = window(
        sel.0,
        slots.len(),
        (area.height as usize)
            .saturating_sub(1 + breaks.len())
            .max(1),
    );
    for si in rows {
        let slot = slots[si];
        // A break is drawn where it falls: before the first slot after it.
        for (bs, be, label) in &breaks {
            let before = si.checked_sub(1).map(|p| slots[p].end);
            if *bs < slot.start && before.is_none_or(|e| e <= *bs) {
                let text = format!(
                    "── {} {}–{} ──",
                    if label.is_empty() {
                        t.agenda_break
                    } else {
                        label
                    },
                    crate::domain::forum::local_hm(*bs),
                    crate::domain::forum::local_hm(*be)
                );
                lines.push(Line::from(Span::styled(fit(&clean(&text), w), theme.dim)));
            }
        }
        let is_sel_row = si == sel.0;
        let marker = if is_sel_row && focused {
            theme.marker
        } else {
            theme.no_marker
        };
        let mut spans = vec![Span::styled(
            fit(&format!("{marker}{}", slot.start_hm()), time_w),
            if is_sel_row { theme.title } else { theme.base },
        )];
        let blocked = busy.is_some_and(|f| f(slot.start));
        for ti in first_table..(first_table + visible).min(day.tables.len()) {
            let table = &day.tables[ti];
            let cell = match state.meeting_at(day, slot.start, table.id) {
                Some(m) => format!(
                    "{} {}",
                    status_mark(m, u32::from(day.slot_minutes)),
                    clean(&state.supplier_name(m.supplier))
                ),
                None if blocked => "⊘".to_string(),
                None => "·".to_string(),
            };
            let taken = state.meeting_at(day, slot.start, table.id).is_some();
            let is_sel_cell = is_sel_row && ti == sel.1;
            let style: Style = if is_sel_cell {
                if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                }
            } else if taken {
                theme.taken
            } else {
                theme.dim
            };
            spans.push(Span::styled(fit(&cell, col_w.saturating_sub(1)), style));
            // The selected cell carries a mark of its own (in the gap after it), so it shows
            // without colour and leaves the supplier's name its width.
            spans.push(Span::raw(if is_sel_cell && focused { "◂" } else { " " }));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_mine(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let t = state.texts;
    let focused = state.agenda.pane == AgendaPane::Mine;
    let mine = state.my_meetings();
    let b = block(
        format!("{} ({})", t.agenda_mine, mine.len()),
        focused,
        theme,
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if mine.is_empty() {
        frame.render_widget(
            Paragraph::new(truncate(t.agenda_mine_empty, inner.width as usize)).style(theme.dim),
            inner,
        );
        return;
    }
    let sel = state.agenda.mine_selected.min(mine.len() - 1);
    let mut lines = Vec::new();
    for i in window(sel, mine.len(), inner.height as usize) {
        let m = mine[i];
        let hm = crate::domain::forum::local_hm(m.start);
        let table = state.table_name(m);
        let slot = state
            .days
            .iter()
            .find(|d| d.date == m.day)
            .map(|d| u32::from(d.slot_minutes));
        // The timer or the equal-time flag comes first: it is what the buyer watches.
        let timing = if let (Some(a), None) = (m.started_at, m.ended_at) {
            let now = state.now.unwrap_or(a);
            let so_far = (now.as_second() - a.as_second()).div_euclid(60).max(0);
            format!("{} · ", (t.meeting_running)(so_far))
        } else if let Some(flag) = slot.and_then(|s| m.time_flag(s)) {
            let (real, slot) = match flag {
                crate::domain::TimeFlag::Short { minutes, slot }
                | crate::domain::TimeFlag::Long { minutes, slot } => (minutes, slot),
            };
            format!("{} · ", (t.meeting_time_flag)(real, slot))
        } else {
            String::new()
        };
        let mut text = format!(
            "{} {hm} {} · {timing}{} · {}",
            m.day.strftime("%d/%m"),
            clean(&table),
            clean(&state.supplier_name(m.supplier)),
            t.meeting_status(m.status)
        );
        if let Some(o) = state.outcomes.get(&m.id).and_then(|v| v.last()) {
            text.push_str(&format!(" · {}", (t.d_version)(o.version)));
        }
        let text = truncate(&text, (inner.width as usize).saturating_sub(2));
        lines.push(row(
            theme,
            i == sel,
            focused,
            vec![Span::raw(text)],
            inner.width,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
