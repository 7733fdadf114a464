//! Text rendering of the forum's figures, in French or English.

use super::{Report, Share};
use crate::cli::Lang;
use crate::domain::NextStep;
use std::fmt::Write;

/// Label of a next step (suite à donner) in the interface language.
pub fn next_step_label(step: NextStep, lang: Lang) -> &'static str {
    match (lang, step) {
        (Lang::Fr, NextStep::InviteToTender) => "Inviter à la consultation",
        (Lang::Fr, NextStep::RequestQuote) => "Demander un devis / des informations",
        (Lang::Fr, NextStep::Demonstration) => "Démonstration ou essai",
        (Lang::Fr, NextStep::CallBack) => "Rappeler",
        (Lang::Fr, NextStep::ReferToBuyer) => "Orienter vers un autre acheteur",
        (Lang::Fr, NextStep::NoFit) => "Pas d'adéquation",
        (Lang::Fr, NextStep::DidNotTakePlace) => "N'a pas eu lieu",
        (Lang::En, NextStep::InviteToTender) => "Invite to the consultation",
        (Lang::En, NextStep::RequestQuote) => "Request a quote / information",
        (Lang::En, NextStep::Demonstration) => "Demonstration or trial",
        (Lang::En, NextStep::CallBack) => "Call back",
        (Lang::En, NextStep::ReferToBuyer) => "Refer to another buyer",
        (Lang::En, NextStep::NoFit) => "No fit",
        (Lang::En, NextStep::DidNotTakePlace) => "Did not take place",
    }
}

/// A decimal number the way the language writes it: "4,5" in French, "4.5" in English.
fn num(x: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{x:.decimals$}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

fn share(s: &Share, lang: Lang) -> String {
    let pct = match s.percent {
        Some(p) => match lang {
            Lang::Fr => format!("{} %", num(p, 1, lang)),
            Lang::En => format!("{}%", num(p, 1, lang)),
        },
        None => "—".to_string(),
    };
    match lang {
        Lang::Fr => format!("{} sur {} ({pct})", s.count, s.of),
        Lang::En => format!("{} of {} ({pct})", s.count, s.of),
    }
}

/// Renders the figures as plain text lines (no colours, no terminal codes).
pub fn render_text(r: &Report, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let t = |f: &'static str, e: &'static str| if fr { f } else { e };
    // French puts a space before the colon, English does not.
    let colon = if fr { " :" } else { ":" };
    let mut o = String::new();
    let m = &r.meetings;
    let _ = writeln!(
        o,
        "{}",
        t("Bilan du forum de sourçage", "Sourcing forum report")
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "{}{colon} {}", t("Rendez-vous", "Meetings"), m.total);
    for (label, n) in [
        (t("planifiés", "planned"), m.planned),
        (t("tenus", "held"), m.held),
        (t("absences (no-show)", "no-shows"), m.no_show),
        (t("annulés", "cancelled"), m.cancelled),
    ] {
        let _ = writeln!(o, "  {label:<22} {n:>6}");
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}{colon} {}",
        t(
            "Suites à donner (dernier compte rendu de chaque rendez-vous)",
            "Next steps (latest outcome of each meeting)"
        ),
        r.meetings_with_outcome
    );
    for c in &r.outcomes_by_next_step {
        let _ = writeln!(
            o,
            "  {:<38} {:>6}",
            next_step_label(c.next_step, lang),
            c.meetings
        );
    }
    let avg = match r.average_rating {
        Some(a) => format!("{}/5", num(a, 2, lang)),
        None => "—".to_string(),
    };
    let _ = writeln!(
        o,
        "  {:<38} {avg:>6}",
        t("Note moyenne d'adéquation", "Average fit rating")
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}{colon} {}",
        t("Fournisseurs rencontrés", "Suppliers met"),
        r.suppliers_met
    );
    let _ = writeln!(o, "  {:<22} {}", "TPE/PME", share(&r.tpe_pme, lang));
    let _ = writeln!(
        o,
        "  {:<22} {} ; {}",
        t("  taille inconnue", "  size unknown"),
        r.size_unknown,
        if fr {
            format!(
                "TPE/PME parmi les tailles connues : {}",
                share(&r.tpe_pme_of_known_size, lang)
            )
        } else {
            format!(
                "TPE/SME among known sizes: {}",
                share(&r.tpe_pme_of_known_size, lang)
            )
        }
    );
    let _ = writeln!(
        o,
        "  {:<22} {}",
        "Île-de-France",
        share(&r.ile_de_france, lang)
    );
    let _ = writeln!(o, "  {:<22} {}", "ESS", share(&r.ess, lang));
    let _ = writeln!(o, "  {:<22} {}", "SIAE", share(&r.siae, lang));
    let _ = writeln!(o);
    let _ = writeln!(o, "{}{colon} {}", t("Besoins", "Needs"), r.needs);
    let _ = writeln!(
        o,
        "{}{colon} {}",
        t(
            "Événements au journal (trace de sourçage)",
            "Journal events (sourcing trace)"
        ),
        r.journal_events
    );
    o
}
