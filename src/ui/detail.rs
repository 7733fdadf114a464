//! The supplier detail: identity, flags, themes, then the history of meetings with every
//! outcome version (append-only, oldest first), then CPV codes, keywords, description and
//! references.

use super::widgets::{block, clean, truncate, with_footer, wrap};
use super::Theme;
use crate::app::hints::screen_footer;
use crate::app::keymap::Mode;
use crate::app::state::AppState;
use crate::domain::forum::local_datetime;
use crate::domain::Supplier;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the opened supplier (or a hint when none is open) in `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, focused: bool) {
    let t = state.texts;
    let sup = state
        .suppliers
        .detail
        .and_then(|id| state.directory.get(id));
    let title = match sup {
        Some(s) => clean(&s.name),
        None => t.detail_title.to_string(),
    };
    let mut b = block(
        truncate(&title, area.width.saturating_sub(4) as usize),
        focused,
        theme,
    );
    let footer = screen_footer(
        state,
        Mode::SupplierDetail,
        area.width.saturating_sub(4) as usize,
    );
    b = with_footer(b, footer, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let Some(sup) = sup else {
        frame.render_widget(
            Paragraph::new(truncate(t.detail_none, inner.width as usize)).style(theme.dim),
            inner,
        );
        return;
    };
    let lines = lines(state, sup, inner.width as usize, theme);
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    let scroll = (state.suppliers.detail_scroll as usize).min(max_scroll);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

fn push_wrapped(out: &mut Vec<Line<'static>>, text: &str, width: usize, indent: usize) {
    let pad = " ".repeat(indent);
    for l in wrap(text, width.saturating_sub(indent).max(1)) {
        out.push(Line::from(format!("{pad}{l}")));
    }
}

/// The detail's lines, wrapped to `width` columns.
pub fn lines(state: &AppState, s: &Supplier, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let t = state.texts;
    let lang = state.lang;
    let mut out: Vec<Line<'static>> = Vec::new();
    // Identity.
    let mut id_bits: Vec<String> = Vec::new();
    match (&s.siret, &s.siren) {
        (Some(siret), _) => id_bits.push(format!("SIRET {siret}")),
        (None, Some(siren)) => id_bits.push(format!("SIREN {siren}")),
        _ => id_bits.push(t.d_no_siret.to_string()),
    }
    if let Some(sz) = s.size {
        id_bits.push(t.size(sz).to_string());
    }
    if let Some(h) = s.headcount {
        id_bits.push((t.d_headcount)(h));
    }
    let place = [clean(&s.postcode), clean(&s.city)]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !place.is_empty() {
        id_bits.push(place);
    }
    let mut flags = Vec::new();
    if s.ess {
        flags.push(t.flag_ess);
    }
    if s.siae {
        flags.push(t.flag_siae);
    }
    if s.adapted {
        flags.push(t.flag_adapted);
    }
    if !flags.is_empty() {
        id_bits.push(flags.join(" "));
    }
    push_wrapped(&mut out, &id_bits.join(" · "), width, 0);
    // Where it works: the main département, then every other one where it won contracts.
    let departments: Vec<String> = s
        .all_departments()
        .enumerate()
        .map(|(i, d)| {
            if i == 0 {
                format!("{} ({})", clean(d), t.d_main_department)
            } else {
                clean(d)
            }
        })
        .collect();
    if !departments.is_empty() {
        push_wrapped(
            &mut out,
            &format!("{}{}{}", t.d_departments, t.colon, departments.join(", ")),
            width,
            0,
        );
    }
    if !s.themes.is_empty() {
        let labels: Vec<String> = s
            .themes
            .iter()
            .map(|th| clean(state.themes.label(th, lang)))
            .collect();
        push_wrapped(
            &mut out,
            &format!("{}{}{}", t.d_themes, t.colon, labels.join(", ")),
            width,
            0,
        );
    }
    // History: meetings and every outcome version.
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        t.d_history.to_string(),
        theme.title,
    )));
    let meetings = state.supplier_meetings(s.id);
    if meetings.is_empty() {
        out.push(Line::from(Span::styled(
            t.d_no_meetings.to_string(),
            theme.dim,
        )));
    }
    for m in meetings {
        let hm = crate::domain::forum::local_hm(m.start);
        let mut head = format!(
            "{} {hm} · {} · {}",
            m.day.strftime("%d/%m/%Y"),
            clean(&state.table_name(m)),
            t.meeting_status(m.status)
        );
        if let Some(n) = m.need.and_then(|id| state.need(id)) {
            head.push_str(&format!(" · {} {}", t.d_need, (t.quoted)(&clean(&n.title))));
        }
        push_wrapped(&mut out, &head, width, 0);
        for o in state
            .outcomes
            .get(&m.id)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
        {
            let mut l = format!(
                "{} · {} · {}",
                (t.d_version)(o.version),
                t.next_step(o.next_step),
                o.rating
                    .map_or(t.d_no_rating.to_string(), |r| format!("{r}/5"))
            );
            if let Some(d) = o.follow_up {
                l.push_str(&format!(
                    " · {}\u{a0}{}",
                    t.d_follow_up,
                    d.strftime("%d/%m/%Y")
                ));
            }
            push_wrapped(&mut out, &l, width, 2);
            for w in wrap(
                &format!("{} · {}", clean(&o.logged_by), local_datetime(o.logged_at)),
                width.saturating_sub(4).max(1),
            ) {
                out.push(Line::from(Span::styled(format!("    {w}"), theme.dim)));
            }
            let notes = crate::domain::text::sanitize(&o.notes, true);
            for nl in notes.lines() {
                push_wrapped(&mut out, nl, width, 4);
            }
        }
    }
    // Capabilities.
    if !s.cpv.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(t.d_cpv.to_string(), theme.title)));
        for c in &s.cpv {
            let label = state.cpv.label(c, lang).map(clean).unwrap_or_default();
            push_wrapped(
                &mut out,
                &format!("{} {label}", state.cpv.display_code(c)),
                width,
                2,
            );
        }
    }
    if !s.keywords.is_empty() {
        let kw: Vec<String> = s.keywords.iter().map(|k| clean(k)).collect();
        push_wrapped(
            &mut out,
            &format!("{}{}{}", t.d_keywords, t.colon, kw.join(", ")),
            width,
            0,
        );
    }
    if !s.description.trim().is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            t.d_description.to_string(),
            theme.title,
        )));
        push_wrapped(&mut out, &clean(&s.description), width, 0);
    }
    if !s.references.is_empty() || s.contract_count.is_some_and(|n| n > 0) {
        out.push(Line::from(""));
        let heading = match s.contract_count {
            Some(n) if n > 0 => format!("{} · {}", t.d_references, (t.d_contracts)(n)),
            _ => t.d_references.to_string(),
        };
        out.push(Line::from(Span::styled(heading, theme.title)));
        if s.references.is_empty() {
            out.push(Line::from(Span::styled(
                t.d_no_reference_details.to_string(),
                theme.dim,
            )));
        }
        for r in &s.references {
            let mut bits = Vec::new();
            if let Some(y) = r.year {
                bits.push(y.to_string());
            }
            if !r.buyer.is_empty() {
                bits.push(clean(&r.buyer));
            }
            bits.push(clean(&r.object));
            if let Some(a) = r.amount_eur {
                bits.push(format!(
                    "{} {}",
                    crate::i18n::thousands(a.round().max(0.0) as usize),
                    t.excl_vat
                ));
            }
            push_wrapped(&mut out, &format!("- {}", bits.join(" · ")), width, 0);
        }
    }
    let mut contact = Vec::new();
    if !s.website.is_empty() {
        contact.push(format!("{}{}{}", t.d_website, t.colon, clean(&s.website)));
    }
    if !s.email.is_empty() {
        contact.push(format!("{}{}{}", t.d_email, t.colon, clean(&s.email)));
    }
    if !contact.is_empty() {
        out.push(Line::from(""));
        push_wrapped(&mut out, &contact.join(" · "), width, 0);
    }
    if !s.source.file.is_empty() {
        push_wrapped(
            &mut out,
            &format!(
                "{}{}{}, {} {}",
                t.d_source,
                t.colon,
                clean(&s.source.file),
                t.d_line,
                s.source.line
            ),
            width,
            0,
        );
    }
    out
}
