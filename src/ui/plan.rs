//! The planning popup: pick a slot and a table of a forum day for a supplier. Taken cells
//! show who holds them; booking one anyway is refused by the store and the reason appears.

use super::agenda::draw_grid;
use super::widgets::{centered, clean, popup_frame, truncate, wrap};
use super::Theme;
use crate::app::forms::PlanForm;
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::state::AppState;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// Draws the planning popup over `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, f: &PlanForm, theme: &Theme) {
    let t = state.texts;
    let popup = centered(area, 100, 22);
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    frame.render_widget(Clear, popup);
    let name = clean(&state.supplier_name(f.supplier));
    let Some(inner) = popup_frame(frame, popup, &(t.plan_title)(&name), theme) else {
        return;
    };
    let w = inner.width as usize;
    let err_lines: Vec<String> = f
        .error
        .as_deref()
        .map(|e| wrap(&clean(e), w).into_iter().take(3).collect())
        .unwrap_or_default();
    let [head, grid, note, err, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(err_lines.len() as u16),
        Constraint::Length(1),
    ])
    .areas(inner);
    let need = match f.need.and_then(|id| state.need(id)) {
        Some(n) => (t.plan_need)(&clean(&n.title)),
        None => t.plan_no_need.to_string(),
    };
    frame.render_widget(Paragraph::new(truncate(&need, w)).style(theme.dim), head);
    let Some(day) = state.days.get(f.day) else {
        return;
    };
    let buyer = state.buyer.clone();
    let supplier = f.supplier;
    let busy_supplier = |start: jiff::Timestamp| {
        state.meetings.iter().any(|m| {
            m.day == day.date && m.start == start && m.occupies_slot() && m.supplier == supplier
        })
    };
    let busy_buyer = |start: jiff::Timestamp| {
        state.meetings.iter().any(|m| {
            m.day == day.date && m.start == start && m.occupies_slot() && m.buyers.contains(&buyer)
        })
    };
    let busy = |start: jiff::Timestamp| busy_supplier(start) || busy_buyer(start);
    draw_grid(
        frame,
        grid,
        state,
        day,
        (f.slot, f.table),
        true,
        theme,
        Some(&busy),
    );
    if let Some(slot) = day.slots().get(f.slot) {
        let mut bits = vec![format!(
            "{} {} · {}",
            day.date.strftime("%d/%m/%Y"),
            slot.start_hm(),
            day.tables
                .get(f.table)
                .map(|s| clean(&s.name))
                .unwrap_or_default()
        )];
        if busy_supplier(slot.start) {
            bits.push(format!("⊘ {}", t.plan_supplier_busy));
        }
        if busy_buyer(slot.start) {
            bits.push(format!("⊘ {}", t.plan_buyer_busy));
        }
        frame.render_widget(
            Paragraph::new(truncate(&bits.join(" · "), w)).style(theme.title),
            note,
        );
    }
    if !err_lines.is_empty() {
        let lines: Vec<Line> = err_lines.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.error), err);
    }
    frame.render_widget(
        Paragraph::new(screen_footer(state, Mode::PlanForm, w)).style(theme.dim),
        hint,
    );
}
