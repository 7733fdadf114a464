//! Pure drawing from `&AppState` (DESIGN §3): one file per screen and popup, a colour and
//! a monochrome [`theme::Theme`]. Nothing here changes the state or touches the terminal.
//!
//! Every text that comes from the store is drawn after [`crate::domain::text::sanitize`]
//! and measured with unicode-width. Below [`MIN_WIDTH`]×[`MIN_HEIGHT`] one sentence (wrapped
//! to the width) says how large the window must be and how large it is; no size makes
//! drawing panic.

pub mod agenda;
pub mod day_form;
pub mod detail;
pub mod help;
pub mod need_form;
pub mod needs;
pub mod outcome;
pub mod plan;
pub mod schedule;
pub mod score_detail;
pub mod shortlist;
pub mod suppliers;
pub mod theme;
pub mod widgets;

pub use theme::Theme;

use crate::app::state::{AppState, Confirm, LoadPhase, MessageKind, Modal, Tab};
use crate::i18n::thousands;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;
use widgets::{clean, truncate};

pub use crate::app::state::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = state.texts;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        // One sentence, wrapped to the width; "≥ 60×15" only when even that does not fit.
        let long = (t.too_small)(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
        let lines = widgets::wrap(&long, area.width as usize);
        let lines = if lines.len() <= area.height as usize
            && lines.iter().all(|l| l.width() <= area.width as usize)
        {
            lines
        } else {
            vec![truncate(
                &format!("≥ {MIN_WIDTH}×{MIN_HEIGHT}"),
                area.width as usize,
            )]
        };
        let height = (lines.len() as u16).min(area.height);
        let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
        frame.render_widget(
            Paragraph::new(lines).style(theme.error),
            Rect { height, ..area },
        );
        return;
    }
    let banner_rows = u16::from(state.locale_warning.is_some() || state.link_lost);
    let [banner, tabs, body, message, status] = Layout::vertical([
        Constraint::Length(banner_rows),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if state.link_lost {
        // The link matters more than the locale: nothing typed is lost meanwhile.
        frame.render_widget(
            Paragraph::new(crate::i18n::texts(state.lang).serve.link_lost).style(theme.error),
            banner,
        );
    } else if let Some(setting) = &state.locale_warning {
        draw_locale_banner(frame, banner, state, setting, theme);
    }
    draw_tabs(frame, tabs, state, theme);
    match state.tab {
        Tab::Suppliers => suppliers::draw(frame, body, state, theme),
        Tab::Needs => {
            if state.needs.view.is_some() {
                shortlist::draw(frame, body, state, theme)
            } else {
                needs::draw(frame, body, state, theme)
            }
        }
        Tab::Agenda => agenda::draw(frame, body, state, theme),
    }
    draw_message(frame, message, state, theme);
    draw_status(frame, status, state, theme);
    match &state.modal {
        Some(Modal::NeedForm(f)) => need_form::draw(frame, body, state, f, theme),
        Some(Modal::Plan(f)) => plan::draw(frame, body, state, f, theme),
        Some(Modal::Outcome(f)) => outcome::draw(frame, body, state, f, theme),
        Some(Modal::DayForm(f)) => day_form::draw(frame, body, state, f, theme),
        Some(Modal::Schedule(p)) => schedule::draw(frame, body, state, p, theme),
        Some(Modal::ScoreDetail(d)) => score_detail::draw(frame, body, state, d, theme),
        None => {}
    }
    if let Some(scroll) = state.help {
        help::draw(frame, area, state, scroll, theme);
    }
}

/// The non-UTF-8 locale banner: plain ASCII (the terminal may show nothing else right),
/// the long form when it fits, else the short one, cut to the width
/// (no ellipsis: it is not ASCII).
fn draw_locale_banner(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    setting: &str,
    theme: &Theme,
) {
    let t = state.texts;
    let long = (t.locale_banner)(setting);
    let text = if long.width() <= area.width as usize {
        long
    } else {
        t.locale_banner_short.to_string()
    };
    // Cut by characters, with no ellipsis: every one is ASCII, one column wide.
    let text: String = text.chars().take(area.width as usize).collect();
    frame.render_widget(Paragraph::new(text).style(theme.error), area);
}

fn draw_tabs(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let t = state.texts;
    let mut spans = Vec::new();
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = match tab {
            Tab::Suppliers => t.tab_suppliers,
            Tab::Needs => t.tab_needs,
            Tab::Agenda => t.tab_agenda,
        };
        let style = if *tab == state.tab {
            theme.tab_active
        } else {
            theme.tab_inactive
        };
        spans.push(Span::styled(format!(" {} {label} ", i + 1), style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(used);
    // The global keys' hints, right-aligned, with at least one space before them; only
    // where those keys act (not in a form, where they are text, nor under the help).
    let hint = if crate::app::keymap::mode(state).uses_global() {
        crate::app::hints::line(&crate::app::hints::global(t), t, room.saturating_sub(1))
    } else {
        String::new()
    };
    if !hint.is_empty() {
        spans.push(Span::raw(" ".repeat(room - hint.width())));
        spans.push(Span::styled(hint, theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_message(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if let Some(question) = &state.confirm {
        // The question waits for its answer: no ✔ or ✖, shown in reverse video.
        let t = state.texts;
        let asked = match question {
            Confirm::DiscardForm | Confirm::DiscardAndQuit => t.confirm_discard.to_string(),
            Confirm::QuitDemo => t.demo_quit_warning.to_string(),
            Confirm::MoveMeetings { count, .. } => (t.confirm_move_meetings)(*count),
            Confirm::ApplySchedule { count } => (t.confirm_apply_schedule)(*count),
            Confirm::MeetingStatus { question, .. } | Confirm::PlanDespite { question } => {
                question.clone()
            }
            Confirm::RemoveEntry { name, .. } => (t.confirm_remove_entry)(name),
            Confirm::PlanOutsideAvailability {
                supplier,
                at,
                windows,
            } => (t.confirm_outside_availability)(supplier, at, windows),
            Confirm::RemoveDay { date, planned } => {
                (t.confirm_remove_day)(&date.strftime("%d/%m/%Y").to_string(), *planned)
            }
        };
        // A long question is cut before its "(o/n)", which always shows.
        let width = area.width as usize;
        let text = match asked.rfind(" (") {
            Some(i) if unicode_width::UnicodeWidthStr::width(asked.as_str()) > width => {
                let (head, answer) = asked.split_at(i);
                let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(answer));
                format!("{}{answer}", truncate(head, room))
            }
            _ => truncate(&asked, width),
        };
        frame.render_widget(Paragraph::new(text).style(theme.selected), area);
        return;
    }
    let Some(m) = &state.message else {
        return;
    };
    let (mark, style) = match m.kind {
        MessageKind::Info => ("✔ ", theme.info),
        MessageKind::Error => ("✖ ", theme.error),
    };
    let text = truncate(&format!("{mark}{}", clean(&m.text)), area.width as usize);
    frame.render_widget(Paragraph::new(text).style(style), area);
}

fn draw_status(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let t = state.texts;
    let count = match state.load {
        LoadPhase::Importing { .. } | LoadPhase::Writing { .. } => t.loading.to_string(),
        LoadPhase::Reading if !state.directory.is_loaded() && state.supplier_count == 0 => {
            t.loading.to_string()
        }
        _ => (t.supplier_count)(state.supplier_count),
    };
    // "Marie Dupuis (mdupuis)", or the login alone; never "acheteur acheteur".
    let who = match (state.buyer_name.trim(), state.buyer.as_str()) {
        ("", login) if login == crate::domain::buyer::FALLBACK_LOGIN => t.buyer_unnamed.to_string(),
        ("", login) => format!("{} {}", t.buyer_label, clean(login)),
        (name, login) => format!("{} ({})", clean(name), clean(login)),
    };
    let mut left = format!(" {count} · {who}");
    if let Some(n) = state.current_need.and_then(|id| state.need(id)) {
        left.push_str(&format!(
            " · {} {}",
            t.current_need_label,
            (t.quoted)(&clean(&n.title))
        ));
    }
    let right = match &state.load {
        LoadPhase::Importing { done, total } => {
            let pct = if *total == 0 { 0 } else { done * 100 / total };
            format!("{} ", (t.load_importing)(pct))
        }
        LoadPhase::Writing { suppliers } => format!("{} ", (t.load_writing)(*suppliers)),
        LoadPhase::Reading => format!("{} ", t.load_reading),
        LoadPhase::Indexing { .. } => format!("{} ", t.load_indexing),
        _ if state.searching => format!("{} ", t.searching),
        _ => String::new(),
    };
    let w = area.width as usize;
    let left = truncate(&left, w.saturating_sub(right.width()));
    let pad = w.saturating_sub(left.width() + right.width());
    let line = format!("{left}{}{right}", " ".repeat(pad));
    frame.render_widget(Paragraph::new(truncate(&line, w)).style(theme.status), area);
}

/// "1 234" style count, re-exported for screens.
pub fn count(n: usize) -> String {
    thousands(n)
}
