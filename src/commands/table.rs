//! Plain-text tables of the command line (`search`, `match`): columns padded to their
//! widest cell in terminal columns (Unicode width), two spaces apart, a rule of `-` under
//! the header, trailing spaces trimmed.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` cut to fit `max` terminal columns, ending with "…" when cut.
pub fn cut(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + c.width().unwrap_or(0) >= max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The table of `rows` (the first one is the header) with the columns of `right` (indices)
/// aligned right, one line per row, each ending in "\n".
pub fn render<const N: usize>(rows: &[[String; N]], right: &[usize]) -> String {
    let widths: Vec<usize> = (0..N)
        .map(|c| rows.iter().map(|l| l[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, l) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in l.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.width());
            if right.contains(&c) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i == 0 {
            let total = widths.iter().sum::<usize>() + 2 * N.saturating_sub(1);
            out.push_str(&"-".repeat(total));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_by_display_width() {
        let rows = [
            ["Nom".to_string(), "N".to_string()],
            ["Éléphant".to_string(), "12".to_string()],
        ];
        assert_eq!(
            render(&rows, &[1]),
            "Nom        N\n------------\nÉléphant  12\n"
        );
        assert_eq!(cut("Établissement", 6), "Établ…");
        assert_eq!(cut("court", 6), "court");
    }
}
