//! A drawn screen as text, and as a colour/style view, for insta snapshots (as skim's
//! harness does: one view for what is written, one for how each run of cells is styled).

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;

/// The screen as text: one line per row, trailing spaces kept (a moved column shows),
/// no-break spaces shown as spaces.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(&buf[(x, y)].symbol().replace('\u{a0}', " "));
        }
        out.push('\n');
    }
    out
}

/// The style view: for each row, every run of consecutive cells with the same foreground,
/// background and modifiers that is not plain (default colours, no modifier), as
/// `row:col-col fg=… bg=… +MODS "text"` (columns 0-based, end inclusive). Rows without a
/// styled run are left out; an unstyled screen gives an empty view.
pub fn styles(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let first = &buf[(x, y)];
            let key = (first.fg, first.bg, first.modifier);
            let start = x;
            let mut run = String::new();
            while x < buf.area.width {
                let c = &buf[(x, y)];
                if (c.fg, c.bg, c.modifier) != key {
                    break;
                }
                run.push_str(&c.symbol().replace('\u{a0}', " "));
                x += 1;
            }
            let (fg, bg, mods) = key;
            if fg == Color::Reset && bg == Color::Reset && mods.is_empty() {
                continue;
            }
            let _ = write!(out, "{y:>2}:{start}-{}", x - 1);
            if fg != Color::Reset {
                let _ = write!(out, " fg={fg}");
            }
            if bg != Color::Reset {
                let _ = write!(out, " bg={bg}");
            }
            if !mods.is_empty() {
                let names: Vec<String> = mods.iter().map(modifier_name).collect();
                let _ = write!(out, " +{}", names.join("+"));
            }
            let _ = writeln!(out, " {run:?}");
        }
    }
    out
}

fn modifier_name(m: Modifier) -> String {
    format!("{m:?}")
        .trim_start_matches("Modifier(")
        .trim_end_matches(')')
        .to_string()
}

/// Snapshots a screen with insta twice: its text under `name`, its style view (see
/// [`styles`]) under `name` + `__style`. The caller's crate must depend on insta (a
/// dev-dependency here). Regenerate with `INSTA_UPDATE=always cargo test --test …`.
#[macro_export]
macro_rules! assert_screen {
    ($name:expr, $buf:expr) => {{
        let buf: &::ratatui::buffer::Buffer = $buf;
        let name: &str = &$name;
        let text = $crate::testing::screen::text(buf);
        let styles = $crate::testing::screen::styles(buf);
        ::insta::with_settings!({ omit_expression => true }, {
            ::insta::assert_snapshot!(name.to_string(), text);
            ::insta::assert_snapshot!(format!("{name}__style"), styles);
        });
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Style, Stylize};

    #[test]
    fn runs_are_split_by_style_and_plain_cells_are_left_out() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        buf.set_string(0, 0, "ab", Style::new().fg(Color::Cyan).bold());
        buf.set_string(2, 0, "cd", Style::new().fg(Color::Cyan));
        buf.set_string(0, 1, "plain", Style::new());
        buf.set_string(6, 1, "x", Style::new().on_red().reversed());
        assert_eq!(text(&buf), "abcd      \nplain x   \n");
        assert_eq!(
            styles(&buf),
            " 0:0-1 fg=Cyan +BOLD \"ab\"\n 0:2-3 fg=Cyan \"cd\"\n 1:6-6 bg=Red +REVERSED \"x\"\n"
        );
    }
}
