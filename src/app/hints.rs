//! Text generated from the keymap: the screens' footer hints and the help overlay. Both
//! read the same [`Binding`] tables the keys are resolved with, so neither can disagree
//! with the keys; the words come from the catalogue ([`Texts`]).

use super::action::Action;
use super::keymap::{bindings, mode, Binding, KeySpec, Mode, GLOBAL};
use super::state::AppState;
use crate::i18n::Texts;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

/// Between two hints of a footer.
pub const SEPARATOR: &str = " · ";

/// One hint of a footer: keys, then a word ("Échap/Ctrl-G retour"). Bindings of a mode with
/// the same word (↓ and ↑ "créneau") make one hint with their keys in keymap order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterHint {
    /// The keys shown, each one triggering a binding of the mode with this word.
    pub keys: Vec<KeySpec>,
    /// The word, in the user's language.
    pub word: &'static str,
}

impl FooterHint {
    /// As shown: key labels joined by "/", a space, the word.
    pub fn text(&self, t: &Texts) -> String {
        let keys: Vec<String> = self.keys.iter().map(|k| key_label(k, t)).collect();
        format!("{} {}", keys.join("/"), self.word)
    }
}

fn hints_of(table: &[Binding], t: &Texts) -> Vec<FooterHint> {
    let mut out: Vec<FooterHint> = Vec::new();
    // The way out, then the way to finish (book, save), so a narrow footer never drops
    // them; then keymap order.
    let rank = |b: &&Binding| match b.action {
        Action::Back => 0,
        Action::Submit | Action::Save => 1,
        _ => 2,
    };
    let mut ordered: Vec<&Binding> = table.iter().collect();
    ordered.sort_by_key(rank);
    for b in ordered {
        let Some(h) = b.hint else { continue };
        let word = (h.word)(t);
        match out.iter_mut().find(|f| f.word == word) {
            Some(f) => f.keys.extend_from_slice(b.hint_keys()),
            None => out.push(FooterHint {
                keys: b.hint_keys().to_vec(),
                word,
            }),
        }
    }
    out
}

/// The footer hints of a mode, from its bindings (not the global keys): the way out (Esc),
/// then the way to finish (Enter or Ctrl-S), then keymap order.
pub fn footer(mode: Mode, t: &Texts) -> Vec<FooterHint> {
    hints_of(bindings(mode), t)
}

/// The hints of the global keys (help, quit), shown on the tab bar.
pub fn global(t: &Texts) -> Vec<FooterHint> {
    hints_of(GLOBAL, t)
}

/// The hints as one line at most `width` columns wide: whole hints only, in order, as many
/// as fit (a hint is never cut, so what is shown is always a key and what it does).
pub fn line(hints: &[FooterHint], t: &Texts, width: usize) -> String {
    let mut out = String::new();
    for h in hints {
        let text = h.text(t);
        let sep = if out.is_empty() { "" } else { SEPARATOR };
        if out.width() + sep.width() + text.width() > width {
            break;
        }
        out.push_str(sep);
        out.push_str(&text);
    }
    out
}

/// The footer of a mode as one line at most `width` columns wide (see [`line()`]).
pub fn footer_line(mode: Mode, t: &Texts, width: usize) -> String {
    line(&footer(mode, t), t, width)
}

/// What a screen or popup drawn for `mode` shows as its footer: the mode's hints when the
/// keys act in that mode now, else nothing (a list behind a popup, or behind the help,
/// shows no keys that would not act).
pub fn screen_footer(state: &AppState, mode: Mode, width: usize) -> String {
    if self::mode(state) == mode {
        footer_line(mode, state.texts, width)
    } else {
        String::new()
    }
}

/// How a key is written in the help ("Ctrl-G", "Échap", "↓").
pub fn key_label(k: &KeySpec, t: &Texts) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => t.key_space.to_string(),
        KeyCode::Char(c) if k.ctrl => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => t.key_enter.to_string(),
        KeyCode::Esc => t.key_esc.to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => t.key_backtab.to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageUp => t.key_page_up.to_string(),
        KeyCode::PageDown => t.key_page_down.to_string(),
        KeyCode::Home => t.key_home.to_string(),
        KeyCode::End => t.key_end.to_string(),
        KeyCode::Delete => t.key_delete.to_string(),
        KeyCode::Backspace => t.key_backspace.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if k.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// One section of the help: a title and (keys, description) rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    /// Section title.
    pub title: &'static str,
    /// Rows: keys joined by " / ", and the description.
    pub rows: Vec<(String, &'static str)>,
}

fn section(title: &'static str, table: &[Binding], t: &Texts) -> HelpSection {
    HelpSection {
        title,
        rows: table
            .iter()
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| key_label(k, t)).collect();
                (keys.join(" / "), (b.help)(t))
            })
            .collect(),
    }
}

/// The help, generated from the keymap: the mode the help was opened from first, then the
/// global keys, then every other mode.
pub fn help_sections(from: Mode, t: &Texts) -> Vec<HelpSection> {
    let mut out = Vec::new();
    let mut first = section(from.title(t), bindings(from), t);
    if from.is_text() {
        first.rows.push((t.key_letters.to_string(), t.k_typing));
    }
    if from == Mode::OutcomeRating {
        first.rows.push(("1–5".to_string(), t.k_rating_digit));
    }
    out.push(first);
    out.push(section(t.mode_global, GLOBAL, t));
    for m in Mode::ALL {
        if m != from && m != Mode::Help {
            let mut s = section(m.title(t), bindings(m), t);
            if m.is_text() {
                s.rows.push((t.key_letters.to_string(), t.k_typing));
            }
            if m == Mode::OutcomeRating {
                s.rows.push(("1–5".to_string(), t.k_rating_digit));
            }
            out.push(s);
        }
    }
    out
}

/// The mode the help describes first: the mode under the overlay.
pub fn mode_under_help(state: &AppState) -> Mode {
    if state.help.is_none() {
        return mode(state);
    }
    let mut s = state.clone();
    s.help = None;
    mode(&s)
}

impl Mode {
    /// Title of the help section for this mode.
    pub fn title(self, t: &Texts) -> &'static str {
        match self {
            Mode::Confirm => t.mode_confirm,
            Mode::Help => t.mode_help,
            Mode::NeedFormText => t.mode_need_form_text,
            Mode::NeedFormChoice => t.mode_need_form_choice,
            Mode::DayForm => t.mode_day_form,
            Mode::SchedulePreview => t.mode_schedule,
            Mode::ScoreDetail => t.mode_score_detail,
            Mode::PlanForm => t.mode_plan,
            Mode::OutcomeChoice => t.mode_outcome_choice,
            Mode::OutcomeRating => t.mode_outcome_rating,
            Mode::OutcomeNotes => t.mode_outcome_notes,
            Mode::OutcomeDate => t.mode_outcome_date,
            Mode::OutcomeDocuments => t.mode_outcome_documents,
            Mode::SearchField => t.mode_search,
            Mode::SuppliersList => t.mode_suppliers,
            Mode::SupplierDetail => t.mode_detail,
            Mode::NeedsList => t.mode_needs,
            Mode::Shortlist => t.mode_shortlist,
            Mode::AgendaGrid => t.mode_agenda,
            Mode::AgendaMine => t.mode_mine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, FR};

    #[test]
    fn every_hint_shows_keys_of_its_binding() {
        for m in Mode::ALL {
            for b in bindings(m).iter().chain(GLOBAL) {
                if b.hint.is_some() {
                    assert!(!b.hint_keys().is_empty(), "{m:?} {:?}: no key", b.action);
                    assert!(b.hint_keys().iter().all(|k| b.keys.contains(k)));
                }
            }
        }
    }

    #[test]
    fn same_word_bindings_share_one_hint_and_lines_keep_whole_hints() {
        let plan = footer(Mode::PlanForm, &FR);
        let slot = plan
            .iter()
            .find(|h| h.word == FR.h_slot)
            .map(|h| h.text(&FR));
        assert_eq!(slot.as_deref(), Some("↓/↑ créneau"));
        let full = line(&plan, &FR, 500);
        assert_eq!(
            full,
            "Échap/Ctrl-G annuler · Entrée réserver · ↓/↑ créneau · →/Tab/← table · ]/[ journée"
        );
        assert_eq!(
            line(&plan, &FR, 40),
            "Échap/Ctrl-G annuler · Entrée réserver"
        );
        assert_eq!(line(&global(&EN), &EN, 80), "? help · q quit");
        assert_eq!(line(&global(&FR), &FR, 17), "? aide");
        assert_eq!(line(&global(&FR), &FR, 18), "? aide · q quitter");
    }
}
