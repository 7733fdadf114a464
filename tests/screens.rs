//! One insta snapshot per screen (suppliers list, supplier card, needs list, need form,
//! shortlist, planning, agenda, day form, outcome form, help) at 80×24 and 120×40, in French and
//! English, each as text and as a colour/style view (`…__style`), reached by keystrokes
//! through the real loop (tests/common's Harness). On the same screens, every footer hint
//! shown is checked against the keymap: its keys act in that screen and do what its word
//! says.
//!
//! Regenerate after a deliberate change of labels or layout (insta 1.49 honours it: the
//! files are rewritten in place and the run passes), then review `git diff tests/snapshots`:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test --test screens
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{seed_store, Harness};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sourcing::app::hints::SEPARATOR;
use sourcing::app::keymap::{self, bindings, key_label, KeySpec, GLOBAL};
use sourcing::app::Action;
use sourcing::cli::Lang;
use sourcing::i18n::{texts, Texts};
use sourcing::store::Store;
use std::sync::Arc;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Walks every screen in `lang` at `w`×`h` (a fresh store with the sample suppliers),
/// calling `visit(name, harness)` on each.
fn walk(lang: Lang, w: u16, h: u16, visit: &mut dyn FnMut(&str, &Harness)) {
    let tmp = tempfile::tempdir().unwrap();
    seed_store(tmp.path());
    let store: Arc<dyn Store> = Arc::new(common::open_store(tmp.path()));
    let mut ui = Harness::with_lang(store, w, h, true, lang);
    ui.keys("j");
    visit("suppliers_list", &ui);
    ui.key(KeyCode::Enter);
    visit("supplier_card", &ui);
    ui.ctrl('g').keys("2c");
    ui.keys("Isolation des gymnases").key(KeyCode::Tab);
    ui.key(KeyCode::Tab).key(KeyCode::Right).key(KeyCode::Tab);
    ui.keys("45321000");
    visit("need_form", &ui);
    ui.ctrl('s');
    ui.keys("a").key(KeyCode::Tab);
    visit("shortlist", &ui);
    ui.keys("i");
    visit("score_detail", &ui);
    ui.key(KeyCode::Esc);
    ui.keys("m");
    visit("plan_form", &ui);
    ui.key(KeyCode::Enter);
    ui.key(KeyCode::Esc);
    visit("needs_list", &ui);
    ui.keys("3");
    visit("agenda", &ui);
    ui.keys("e");
    visit("day_form", &ui);
    ui.ctrl('g').keys("p");
    visit("schedule", &ui);
    ui.key(KeyCode::Esc).keys("o");
    visit("outcome_form", &ui);
    ui.ctrl('g').keys("?");
    visit("help", &ui);
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

#[test]
fn every_screen_in_both_languages_at_two_sizes() {
    for lang in [Lang::Fr, Lang::En] {
        for (w, h) in SIZES {
            let mut seen = Vec::new();
            walk(lang, w, h, &mut |name, ui| {
                let snap = format!("{name}_{}_{w}x{h}", lang_name(lang));
                sourcing::assert_screen!(snap, ui.terminal.backend().buffer());
                seen.push(name.to_string());
            });
            assert_eq!(seen.len(), 12, "{seen:?}");
        }
    }
}

/// What each footer word may do (written here, not read from the keymap, so a hint bound
/// to the wrong action fails).
fn meaning(t: &Texts, word: &str) -> Option<&'static [Action]> {
    use Action::*;
    let table: [(&str, &'static [Action]); 39] = [
        (t.h_search, &[Search]),
        (t.h_card, &[Open]),
        (t.h_shortlist, &[Shortlist]),
        (t.h_meeting, &[Plan]),
        (t.h_help, &[Help]),
        (t.h_quit, &[Quit]),
        (t.h_back, &[Back]),
        (t.h_held, &[Held]),
        (t.h_no_show, &[NoShow]),
        (t.h_outcome, &[Outcome]),
        (t.h_open, &[Open]),
        (t.h_create, &[NewNeed]),
        (t.h_edit, &[EditNeed, EditDay]),
        (t.h_pane, &[NextPane]),
        (t.h_add, &[Shortlist]),
        (t.h_remove, &[Remove]),
        (t.h_status, &[TriageNext]),
        (t.h_retain, &[Retain]),
        (t.h_set_aside, &[SetAside]),
        (t.h_lot, &[NextLot]),
        (t.h_next_field, &[NextPane]),
        (t.h_choose, &[Left, Right, Toggle]),
        (t.h_save, &[Save]),
        (t.h_cancel, &[Back]),
        (t.h_slot, &[Up, Down]),
        (t.h_table, &[Left, Right]),
        (t.h_day, &[NextDay, PrevDay]),
        (t.h_new_day, &[NewDay]),
        (t.h_book, &[Submit]),
        (t.h_apply_schedule, &[Submit]),
        (t.h_cancel_meeting, &[CancelMeeting]),
        (t.h_start, &[StartMeeting]),
        (t.h_end, &[EndMeeting]),
        (t.h_rating, &[Left, Right]),
        (t.h_list, &[NextPane]),
        (t.h_done, &[Submit]),
        (t.h_close, &[Back]),
        (t.h_scroll, &[Up, Down]),
        (t.h_why, &[ScoreDetail]),
    ];
    table.iter().find(|(w, _)| *w == word).map(|(_, a)| *a)
}

/// Every key any binding has, by its label.
fn key_by_label(t: &Texts, label: &str) -> Option<KeySpec> {
    keymap::Mode::ALL
        .iter()
        .flat_map(|m| bindings(*m).iter())
        .chain(GLOBAL)
        .flat_map(|b| b.keys.iter())
        .find(|k| key_label(k, t) == label)
        .copied()
}

/// The hints of one screen row, when the row is a footer: the text after the row's last
/// double space, borders trimmed, split by " · " into two or more "keys word", every word
/// one of the footer words. None for any other row.
fn footer_of_row<'a>(t: &Texts, row: &'a str) -> Option<Vec<(Vec<&'a str>, &'a str)>> {
    let border = |c: char| " │└┘┌┐─║╚╝╔╗═".contains(c);
    let row = row.trim_matches(border);
    let tail = row.rsplit("  ").next().unwrap_or(row).trim_matches(border);
    let mut out = Vec::new();
    for seg in tail.split(SEPARATOR) {
        let (keys, word) = seg.split_once(' ')?;
        meaning(t, word)?;
        let keys: Vec<&str> = if keys == "/" {
            vec!["/"]
        } else {
            keys.split('/').collect()
        };
        out.push((keys, word));
    }
    (out.len() >= 2).then_some(out)
}

/// Checks every footer of the screen: each key shown is a key of the keymap that, pressed
/// now, does what the hint's word says. Returns how many hints were checked.
fn check_footers(name: &str, ui: &Harness, t: &Texts) -> usize {
    let state = &ui.app.state;
    let mut checked = 0;
    for row in ui.screen().lines() {
        let Some(hints) = footer_of_row(t, row) else {
            continue;
        };
        for (keys, word) in hints {
            let allowed = meaning(t, word).unwrap_or(&[]);
            for label in keys {
                let key = key_by_label(t, label)
                    .unwrap_or_else(|| panic!("{name}: {label:?} is no key ({row:?})"));
                let mods = if key.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                let action = keymap::resolve(state, &KeyEvent::new(key.code, mods));
                assert!(
                    action.as_ref().is_some_and(|a| allowed.contains(a)),
                    "{name} ({:?}): \"{label} {word}\" does {action:?}, not {allowed:?}",
                    keymap::mode(state)
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn every_footer_hint_is_a_key_of_its_screen_that_does_what_it_says() {
    for lang in [Lang::Fr, Lang::En] {
        let t = texts(lang);
        for (w, h) in SIZES {
            walk(lang, w, h, &mut |name, ui| {
                let mode = keymap::mode(&ui.app.state);
                let checked = check_footers(name, ui, t);
                // The screen's own footer is drawn (and so was checked), and nothing else.
                let first = &sourcing::app::hints::footer(mode, t)[0];
                ui.assert_shows(&first.text(t));
                assert!(checked >= 2, "{name} at {w}×{h}: {checked} keys checked");
            });
        }
    }
}

#[test]
fn the_parser_refuses_rows_that_are_not_footers() {
    let t = texts(Lang::Fr);
    assert!(footer_of_row(t, " 8 fournisseurs · acheteur mdupuis").is_none());
    assert!(footer_of_row(t, "Raison sociale").is_none());
    // A help row: keys, then a description that ends like a footer word.
    assert!(footer_of_row(t, "│ │  h        rendez-vous tenu      │ │").is_none());
    let row = "└ Échap/Ctrl-G retour · s présélectionner ───┘";
    assert_eq!(
        footer_of_row(t, row),
        Some(vec![
            (vec!["Échap", "Ctrl-G"], "retour"),
            (vec!["s"], "présélectionner")
        ])
    );
    assert_eq!(
        footer_of_row(t, "│/ chercher · Entrée fiche   │"),
        Some(vec![(vec!["/"], "chercher"), (vec!["Entrée"], "fiche")])
    );
}

#[test]
fn every_hint_word_of_the_keymap_is_known_here_and_fits_its_action() {
    // Else a footer with a new word would not be recognised as a footer above, and
    // would go unchecked.
    for lang in [Lang::Fr, Lang::En] {
        let t = texts(lang);
        for b in keymap::Mode::ALL
            .iter()
            .flat_map(|m| bindings(*m).iter())
            .chain(GLOBAL)
        {
            let Some(h) = b.hint else { continue };
            let word = (h.word)(t);
            let allowed = meaning(t, word).unwrap_or_else(|| panic!("unknown word {word:?}"));
            assert!(allowed.contains(&b.action), "{word:?} on {:?}", b.action);
        }
    }
}
