//! French texts of the forum's figures.

use crate::i18n::report::ReportTexts;

/// French.
pub const REPORT: ReportTexts = ReportTexts {
    title: "Bilan du forum de sourçage",
    colon: " :",
    meetings: "Rendez-vous",
    next_steps: "Suites à donner (dernier compte rendu de chaque rendez-vous)",
    average_rating: "Note moyenne d'adéquation",
    suppliers_met: "Fournisseurs rencontrés",
    tpe_pme_known: |n, of, pct, unknown| {
        let head = format!("{n} sur {of} de taille connue ({pct})");
        match unknown {
            0 => head,
            1 => format!("{head} ; 1 de taille inconnue"),
            u => format!("{head} ; {u} de taille inconnue"),
        }
    },
    needs: "Besoins",
    journal_events: "Événements au journal (trace de sourçage)",
    second_stage: |n, none, cons, award, eur| {
        format!("Suites ultérieures : {n} (sans suite {none}, consultés {cons}, marchés attribués {award} pour {eur} € HT)")
    },
    equal_time: |timed, flagged| {
        format!("Égalité de temps : {timed} rendez-vous chronométré(s), {flagged} à plus de 25 % de la durée du créneau")
    },
    equal_time_line: |d, hm, s, m, slot| {
        format!("  ⚑ {d} {hm} {s} : {m} min pour un créneau de {slot}")
    },
    documents: |needs, flagged| {
        format!("Documents remis : {needs} besoin(s) en listent, {flagged} fournisseur(s) rencontré(s) en ont reçu moins que les autres")
    },
    documents_line: |need, s, missing, others| {
        format!("  ⚑ « {need} » : {s} n'a pas reçu {missing} (remis à d'autres parmi les {others} autres fournisseurs rencontrés)")
    },
    number: |x, decimals| format!("{x:.decimals$}").replace('.', ","),
    share: |count, of, pct| format!("{count} sur {of} ({pct})"),
    percent: |p| format!("{p} %"),
};
