//! Small drawing helpers shared by the screens: sanitizing, width-aware truncation, the
//! selectable row with its marker, list windows and popup placement.

use super::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text from the store or a file, made safe to draw on one line (defence in depth: the
/// importer already sanitizes).
pub fn clean(s: &str) -> String {
    crate::domain::text::sanitize(s, false)
}

/// Cuts `s` to at most `width` terminal columns, ending with "…" when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// The rows of a list of `len` to show in `height` lines so that `selected` is visible.
pub fn window(selected: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    if height == 0 || len == 0 {
        return 0..0;
    }
    let start = selected
        .saturating_sub(height - 1)
        .min(len.saturating_sub(height));
    start..(start + height).min(len)
}

/// A rectangle of at most `w`×`h` centred in `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A bordered block with a title, its border showing whether it has the focus.
///
/// The focused pane is told apart without colour (so under `NO_COLOR` too): double-line
/// borders and its title in reverse video after a `■`; other panes have plain borders and
/// a plain title.
pub fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let b = Block::default().borders(Borders::ALL);
    if focused {
        b.border_type(BorderType::Double)
            .border_style(theme.border_focused)
            .title(Span::styled(
                format!("■ {title} "),
                theme.title.add_modifier(Modifier::REVERSED),
            ))
    } else {
        b.border_style(theme.border)
            .title(Span::styled(title, theme.title))
    }
}

/// `b` with `footer` (key hints) on its bottom border, dimmed; unchanged when the footer
/// is empty.
pub fn with_footer<'a>(b: Block<'a>, footer: String, theme: &Theme) -> Block<'a> {
    if footer.is_empty() {
        return b;
    }
    b.title_bottom(Line::from(Span::styled(format!(" {footer} "), theme.dim)))
}

/// Draws a focused popup frame on `popup` with `title` cut to fit its top border; returns
/// the inner area, or None when nothing fits inside (tiny terminals).
pub fn popup_frame(frame: &mut Frame, popup: Rect, title: &str, theme: &Theme) -> Option<Rect> {
    let b = block(
        truncate(title, popup.width.saturating_sub(4) as usize),
        true,
        theme,
    );
    let inner = b.inner(popup);
    frame.render_widget(b, popup);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

/// [`body_and_footer`] for a scrolled popup: `lines` from line `scroll`, clamped so the last
/// page stays full.
pub fn scrolled_body_and_footer(
    frame: &mut Frame,
    inner: Rect,
    lines: Vec<Line<'_>>,
    scroll: usize,
    footer: String,
    theme: &Theme,
) {
    let body_h = inner.height.saturating_sub(1) as usize;
    let top = scroll.min(lines.len().saturating_sub(body_h));
    body_and_footer(
        frame,
        inner,
        lines.into_iter().skip(top).collect(),
        footer,
        theme,
    );
}

/// Draws a popup's `lines` above its last row, and `footer` (the key hints) on that row
/// when the popup has more than one; `lines` are clipped to the rows above.
pub fn body_and_footer(
    frame: &mut Frame,
    inner: Rect,
    lines: Vec<Line<'_>>,
    footer: String,
    theme: &Theme,
) {
    let body_h = inner.height.saturating_sub(1);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(lines),
        Rect {
            height: body_h,
            ..inner
        },
    );
    if inner.height > 1 {
        frame.render_widget(
            ratatui::widgets::Paragraph::new(footer).style(theme.dim),
            Rect {
                y: inner.y + body_h,
                height: 1,
                ..inner
            },
        );
    }
}

/// A list row: the marker (`▶` when selected), the spans, padded to `width` so the
/// selection style (reverse video in monochrome) covers the whole row.
pub fn row(
    theme: &Theme,
    selected: bool,
    focused: bool,
    spans: Vec<Span<'static>>,
    width: u16,
) -> Line<'static> {
    // One cursor on screen: only the focused list shows the marker.
    let marker = if selected && focused {
        theme.marker
    } else {
        theme.no_marker
    };
    let mut all = vec![Span::raw(marker)];
    all.extend(spans);
    let used: usize = all.iter().map(|s| s.content.width()).sum();
    let pad = (width as usize).saturating_sub(used);
    if pad > 0 {
        all.push(Span::raw(" ".repeat(pad)));
    }
    if !selected {
        return Line::from(all);
    }
    let sel = if focused {
        theme.selected
    } else {
        theme.selected_unfocused
    };
    Line::from(
        all.into_iter()
            .map(|s| {
                let st = s.style.patch(sel);
                s.style(st)
            })
            .collect::<Vec<_>>(),
    )
    .style(sel)
}

/// Spans of a name with the characters at `highlights` (char indices into `name`) styled,
/// cut to `width` columns. Highlights are ignored when sanitizing changed the name.
pub fn highlighted(
    name: &str,
    highlights: &[usize],
    base: Style,
    hl: Style,
    width: usize,
) -> Vec<Span<'static>> {
    let safe = clean(name);
    let cut = truncate(&safe, width);
    if safe != name || highlights.is_empty() {
        return vec![Span::styled(cut, base)];
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_hl = false;
    for (i, c) in cut.chars().enumerate() {
        let h = highlights.contains(&i) && c != '…';
        if h != cur_hl && !cur.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut cur),
                if cur_hl { hl } else { base },
            ));
        }
        cur_hl = h;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, if cur_hl { hl } else { base }));
    }
    spans
}

/// Word-wraps `s` into lines of at most `width` columns at ASCII spaces (a no-break space
/// keeps "relance 15/01/2027" together; words longer than a line are cut).
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let need = if line.is_empty() {
                word.width()
            } else {
                line.width() + 1 + word.width()
            };
            if need > width && !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            while line.width() > width {
                let mut w = 0;
                let cut = line
                    .char_indices()
                    .find(|(_, c)| {
                        w += c.width().unwrap_or(0);
                        w > width
                    })
                    .map(|(i, _)| i)
                    .unwrap_or(line.len());
                if cut == 0 {
                    break;
                }
                let rest = line[cut..].to_string();
                line.truncate(cut);
                out.push(std::mem::replace(&mut line, rest));
            }
        }
        out.push(line);
    }
    out
}

/// A one-line text field's value in `width` columns: the dimmed `hint` when it is empty,
/// else its text cleaned of control characters; when the text is wider than the field,
/// the focused field scrolls so its cursor stays in view, the others show their start.
pub fn field_value(
    input: &crate::app::input::TextInput,
    hint: &str,
    width: usize,
    focused: bool,
    theme: &Theme,
) -> Span<'static> {
    if input.text().is_empty() && !hint.is_empty() {
        return Span::styled(truncate(hint, width), theme.dim);
    }
    let text = clean(input.text());
    if !focused {
        return Span::raw(truncate(&text, width));
    }
    let skip = input.cursor_width().saturating_sub(width.saturating_sub(1));
    let mut acc = 0;
    let shown: String = text
        .chars()
        .skip_while(|c| {
            let s = acc < skip;
            acc += c.width().unwrap_or(0);
            s
        })
        .collect();
    Span::raw(truncate(&shown, width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("Énergie solaire", 7), "Énergi…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
    }

    #[test]
    fn windows_keep_selection_visible() {
        assert_eq!(window(0, 100, 10), 0..10);
        assert_eq!(window(15, 100, 10), 6..16);
        assert_eq!(window(99, 100, 10), 90..100);
        assert_eq!(window(3, 5, 10), 0..5);
        assert_eq!(window(3, 5, 0), 0..0);
    }

    #[test]
    fn highlights_follow_chars_not_bytes() {
        let s = highlighted(
            "Énergie",
            &[0, 1],
            Style::new(),
            Style::new().add_modifier(Modifier::BOLD),
            20,
        );
        assert_eq!(s[0].content, "Én");
        assert_eq!(s[1].content, "ergie");
    }

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("un deux trois", 7), vec!["un deux", "trois"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }
}
