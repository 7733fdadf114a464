//! Colours and marks: a 16-colour theme (named ANSI colours only, so the user's terminal
//! palette decides the exact shades) and a monochrome theme for `NO_COLOR` /
//! `--color never`, where the selection stays visible by reverse video and a `▶` marker.

use ratatui::style::{Color, Modifier, Style};

/// Styles used by every screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// True for the monochrome theme.
    pub monochrome: bool,
    /// Normal text.
    pub base: Style,
    /// Secondary text (hints, counts).
    pub dim: Style,
    /// Titles and labels.
    pub title: Style,
    /// The active tab.
    pub tab_active: Style,
    /// Other tabs.
    pub tab_inactive: Style,
    /// The selected row of the focused list.
    pub selected: Style,
    /// The selected row of a list without the focus.
    pub selected_unfocused: Style,
    /// Matched letters of a search result.
    pub highlight: Style,
    /// Confirmations.
    pub info: Style,
    /// Errors.
    pub error: Style,
    /// Borders of panes without the focus.
    pub border: Style,
    /// Border of the focused pane.
    pub border_focused: Style,
    /// The focused form field.
    pub field_focused: Style,
    /// A taken cell of the agenda.
    pub taken: Style,
    /// The status bar.
    pub status: Style,
    /// Marker in front of the selected row.
    pub marker: &'static str,
    /// Blank of the marker's width for other rows.
    pub no_marker: &'static str,
}

impl Theme {
    /// The 16-colour theme.
    pub fn color() -> Self {
        Theme {
            monochrome: false,
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            tab_inactive: Style::new().fg(Color::Gray),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().fg(Color::Black).bg(Color::Gray),
            highlight: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            info: Style::new().fg(Color::Green),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            field_focused: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            taken: Style::new().fg(Color::Magenta),
            status: Style::new().fg(Color::White).bg(Color::Blue),
            marker: "▶ ",
            no_marker: "  ",
        }
    }

    /// The monochrome theme: no colour at all; reverse video, bold and underline only.
    pub fn monochrome() -> Self {
        Theme {
            monochrome: true,
            base: Style::new(),
            dim: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tab_inactive: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            highlight: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            info: Style::new(),
            error: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            field_focused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            taken: Style::new().add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            marker: "▶ ",
            no_marker: "  ",
        }
    }

    /// The theme for a colour choice (`color` false: monochrome).
    pub fn for_color(color: bool) -> Self {
        if color {
            Self::color()
        } else {
            Self::monochrome()
        }
    }
}
