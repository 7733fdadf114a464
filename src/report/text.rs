//! Text layout of the forum's figures; the words come from [`crate::i18n::report`].

use super::{Report, Share};
use crate::domain::MeetingStatus;
use crate::i18n::{texts, Lang, Texts};
use std::fmt::Write;

fn share(s: &Share, t: &Texts) -> String {
    let r = &t.report;
    let pct = match s.percent {
        Some(p) => (r.percent)(&(r.number)(p, 1)),
        None => "—".to_string(),
    };
    (r.share)(s.count, s.of, &pct)
}

/// Renders the figures as plain text lines (no colours, no terminal codes).
pub fn render_text(r: &Report, lang: Lang) -> String {
    let t = texts(lang);
    let w = &t.report;
    let colon = w.colon;
    let mut o = String::new();
    let m = &r.meetings;
    let _ = writeln!(o, "{}", w.title);
    let _ = writeln!(o);
    let _ = writeln!(o, "{}{colon} {}", w.meetings, m.total);
    for (status, n) in [
        (MeetingStatus::Planned, m.planned),
        (MeetingStatus::Held, m.held),
        (MeetingStatus::NoShow, m.no_show),
        (MeetingStatus::Cancelled, m.cancelled),
    ] {
        let _ = writeln!(o, "  {:<22} {n:>6}", t.meeting_status(status));
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{}{colon} {}", w.next_steps, r.meetings_with_outcome);
    for c in &r.outcomes_by_next_step {
        let _ = writeln!(o, "  {:<38} {:>6}", t.next_step(c.next_step), c.meetings);
    }
    let avg = match r.average_rating {
        Some(a) => format!("{}/5", (w.number)(a, 2)),
        None => "—".to_string(),
    };
    let _ = writeln!(o, "  {:<38} {avg:>6}", w.average_rating);
    let _ = writeln!(o);
    let _ = writeln!(o, "{}{colon} {}", w.suppliers_met, r.suppliers_met);
    // Among suppliers of known size: "0 of 2" when both sizes are unknown would read as
    // "no SME met". Those of unknown size are counted apart.
    let known = &r.tpe_pme_of_known_size;
    let pct = match known.percent {
        Some(p) => (w.percent)(&(w.number)(p, 1)),
        None => "—".to_string(),
    };
    let _ = writeln!(
        o,
        "  {:<22} {}",
        "TPE/PME",
        (w.tpe_pme_known)(known.count, known.of, &pct, r.size_unknown)
    );
    let _ = writeln!(
        o,
        "  {:<22} {}",
        "Île-de-France",
        share(&r.ile_de_france, t)
    );
    let _ = writeln!(o, "  {:<22} {}", "ESS", share(&r.ess, t));
    let _ = writeln!(o, "  {:<22} {}", "SIAE", share(&r.siae, t));
    let _ = writeln!(o);
    let _ = writeln!(o, "{}{colon} {}", w.needs, r.needs);
    let _ = writeln!(o, "{}{colon} {}", w.journal_events, r.journal_events);
    let s = &r.second_stage;
    let _ = writeln!(
        o,
        "{}",
        (w.second_stage)(
            s.recorded,
            s.no_further_contact,
            s.consulted,
            s.awarded,
            &(w.number)(s.awarded_eur, 0)
        )
    );
    let d = &r.documents;
    if d.needs > 0 {
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", (w.documents)(d.needs, d.gaps.len()));
        for g in &d.gaps {
            let _ = writeln!(
                o,
                "{}",
                (w.documents_line)(&g.need, &g.supplier, &g.missing.join(", "), g.others)
            );
        }
    }
    let e = &r.equal_time;
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", (w.equal_time)(e.timed, e.flagged.len()));
    for f in &e.flagged {
        let _ = writeln!(
            o,
            "{}",
            (w.equal_time_line)(
                &f.day.strftime("%d/%m").to_string(),
                &f.start,
                &f.supplier,
                f.minutes,
                f.slot_minutes
            )
        );
    }
    o
}
