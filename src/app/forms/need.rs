//! The need form: its fields, focus and choices, and the need it describes.

use super::fields::{cycle, next_mode, split_list};
use crate::app::drafts::NeedDraft;
use crate::app::input::TextInput;
use crate::domain::need::{split_lot_description, split_lots};
use crate::domain::{ConstraintMode, CpvCode, Lot, Need, NeedStatus, SizeCategory, ThemeCatalog};
use crate::i18n::Texts;

/// Fields of the need form, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedField {
    /// Title (text).
    Title,
    /// Description (text).
    Description,
    /// Theme (choice among the catalog, or none).
    Theme,
    /// CPV codes (text, separated by spaces, commas or semicolons).
    Cpv,
    /// Lots (text: "1. Isolation : 45321000 ; Chauffage : 45331000").
    Lots,
    /// Documents or information given to the suppliers met (text, ";" between them).
    Documents,
    /// Départements (text, separated by spaces or commas).
    Departments,
    /// Preferred sizes (four toggles).
    Sizes,
    /// ESS preference (none / preferred / required).
    Ess,
    /// SIAE preference (none / preferred / required).
    Siae,
    /// The save button.
    Save,
}

impl NeedField {
    /// Fields in focus order.
    pub const ALL: [NeedField; 11] = [
        Self::Title,
        Self::Description,
        Self::Theme,
        Self::Cpv,
        Self::Lots,
        Self::Documents,
        Self::Departments,
        Self::Sizes,
        Self::Ess,
        Self::Siae,
        Self::Save,
    ];
    /// True for fields that take typed text.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Self::Title
                | Self::Description
                | Self::Cpv
                | Self::Lots
                | Self::Documents
                | Self::Departments
        )
    }
}

/// The need form (création ou modification d'un besoin).
#[derive(Debug, Clone)]
pub struct NeedForm {
    /// The need being edited (None: a new need).
    pub original: Option<Need>,
    /// Title.
    pub title: TextInput,
    /// Description.
    pub description: TextInput,
    /// Index of the theme in the catalog, None for no theme.
    pub theme: Option<usize>,
    /// CPV codes as typed.
    pub cpv: TextInput,
    /// Lots as typed, ";" between lots: "1. Isolation : 45321000 ; Chauffage".
    pub lots: TextInput,
    /// Documents given to suppliers, as typed, ";" between them.
    pub documents: TextInput,
    /// Départements as typed.
    pub departments: TextInput,
    /// Preferred sizes, in [`SizeCategory::ALL`] order.
    pub sizes: [bool; 4],
    /// Size toggle under the cursor (0..4).
    pub size_cursor: usize,
    /// ESS preference.
    pub ess: Option<ConstraintMode>,
    /// SIAE preference.
    pub siae: Option<ConstraintMode>,
    /// Focused field.
    pub focus: NeedField,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// The content as the form opened (before any typing or restored draft): the form has
    /// unsaved changes when its content differs from it.
    pub pristine: NeedDraft,
}

impl NeedForm {
    /// An empty form for a new need.
    pub fn new() -> Self {
        NeedForm {
            original: None,
            title: TextInput::default(),
            description: TextInput::default(),
            theme: None,
            cpv: TextInput::default(),
            lots: TextInput::default(),
            documents: TextInput::default(),
            departments: TextInput::default(),
            sizes: [false; 4],
            size_cursor: 0,
            ess: None,
            siae: None,
            focus: NeedField::Title,
            error: None,
            pristine: NeedDraft::default(),
        }
    }

    /// A form filled from an existing need.
    pub fn edit(need: &Need, themes: &ThemeCatalog) -> Self {
        let mut f = NeedForm::new();
        f.title = TextInput::with_text(&need.title);
        f.description = TextInput::with_text(&need.description);
        f.theme = need
            .theme
            .as_deref()
            .and_then(|s| themes.themes.iter().position(|t| t.slug == s));
        let cpv: Vec<&str> = need.cpv.iter().map(|c| c.as_str()).collect();
        f.cpv = TextInput::with_text(&cpv.join(" "));
        f.lots = TextInput::with_text(&format_lots(&need.lots));
        f.documents = TextInput::with_text(&need.documents.join(" ; "));
        f.departments = TextInput::with_text(&need.constraints.departments.join(" "));
        for (i, s) in SizeCategory::ALL.iter().enumerate() {
            f.sizes[i] = need.constraints.sizes.contains(s);
        }
        f.ess = need.constraints.ess;
        f.siae = need.constraints.siae;
        f.original = Some(need.clone());
        f.pristine = f.to_draft(themes);
        f
    }

    /// The typed content, as a draft (the theme by its slug, so a draft survives a change
    /// of the catalog's order).
    pub fn to_draft(&self, themes: &ThemeCatalog) -> NeedDraft {
        NeedDraft {
            title: self.title.text().to_string(),
            description: self.description.text().to_string(),
            theme: self
                .theme
                .and_then(|i| themes.themes.get(i))
                .map(|t| t.slug.clone()),
            cpv: self.cpv.text().to_string(),
            lots: self.lots.text().to_string(),
            documents: self.documents.text().to_string(),
            departments: self.departments.text().to_string(),
            sizes: self.sizes,
            ess: self.ess,
            siae: self.siae,
        }
    }

    /// Puts a draft's content in the form (the need edited and the pristine content stay).
    pub fn apply_draft(&mut self, d: &NeedDraft, themes: &ThemeCatalog) {
        self.title = TextInput::with_text(&d.title);
        self.description = TextInput::with_text(&d.description);
        self.theme = d
            .theme
            .as_deref()
            .and_then(|s| themes.themes.iter().position(|t| t.slug == s));
        self.cpv = TextInput::with_text(&d.cpv);
        self.lots = TextInput::with_text(&d.lots);
        self.documents = TextInput::with_text(&d.documents);
        self.departments = TextInput::with_text(&d.departments);
        self.sizes = d.sizes;
        self.ess = d.ess;
        self.siae = d.siae;
    }

    /// True when the content differs from what the form opened with.
    pub fn is_dirty(&self, themes: &ThemeCatalog) -> bool {
        self.to_draft(themes) != self.pristine
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_input(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            NeedField::Title => Some(&mut self.title),
            NeedField::Description => Some(&mut self.description),
            NeedField::Cpv => Some(&mut self.cpv),
            NeedField::Lots => Some(&mut self.lots),
            NeedField::Documents => Some(&mut self.documents),
            NeedField::Departments => Some(&mut self.departments),
            _ => None,
        }
    }

    /// Moves the focus to the next (or previous) field.
    pub fn move_focus(&mut self, forward: bool) {
        self.focus = cycle(&NeedField::ALL, self.focus, forward);
    }

    /// Left/right on a choice field: theme, size cursor, ESS/SIAE mode.
    pub fn choose(&mut self, forward: bool, themes: &ThemeCatalog) {
        match self.focus {
            NeedField::Theme => {
                let n = themes.themes.len();
                self.theme = match (self.theme, forward) {
                    (None, true) if n > 0 => Some(0),
                    (None, false) if n > 0 => Some(n - 1),
                    (Some(i), true) if i + 1 < n => Some(i + 1),
                    (Some(i), false) if i > 0 => Some(i - 1),
                    _ => None,
                };
            }
            NeedField::Sizes => {
                self.size_cursor = if forward {
                    (self.size_cursor + 1) % 4
                } else {
                    (self.size_cursor + 3) % 4
                };
            }
            NeedField::Ess => self.ess = next_mode(self.ess),
            NeedField::Siae => self.siae = next_mode(self.siae),
            _ => {}
        }
    }

    /// Space on a choice field.
    pub fn toggle(&mut self, themes: &ThemeCatalog) {
        match self.focus {
            NeedField::Sizes => self.sizes[self.size_cursor] ^= true,
            NeedField::Theme => self.choose(true, themes),
            NeedField::Ess => self.ess = next_mode(self.ess),
            NeedField::Siae => self.siae = next_mode(self.siae),
            _ => {}
        }
    }

    /// The need this form describes, owned by `owner`, or why it cannot be saved.
    pub fn to_need(&self, owner: &str, themes: &ThemeCatalog, t: &Texts) -> Result<Need, String> {
        let title = crate::domain::text::clean_line(self.title.text());
        if title.is_empty() {
            return Err(t.need_title_required.to_string());
        }
        let mut cpv = Vec::new();
        for tok in split_list(self.cpv.text()) {
            match CpvCode::parse(tok) {
                Ok(c) => {
                    if !cpv.contains(&c) {
                        cpv.push(c)
                    }
                }
                Err(_) => return Err((t.need_bad_cpv)(tok)),
            }
        }
        let mut departments = Vec::new();
        for tok in split_list(self.departments.text()) {
            let d = tok.to_uppercase();
            let ok = match d.len() {
                2 => d.bytes().all(|b| b.is_ascii_digit()) || d == "2A" || d == "2B",
                3 => d.bytes().all(|b| b.is_ascii_digit()) && d.starts_with("97"),
                _ => false,
            };
            if !ok {
                return Err((t.need_bad_department)(tok));
            }
            if !departments.contains(&d) {
                departments.push(d);
            }
        }
        let mut need = self.original.clone().unwrap_or_else(|| Need {
            owner: owner.to_string(),
            status: NeedStatus::Open,
            ..Default::default()
        });
        need.title = title;
        need.description = crate::domain::text::clean_line(self.description.text());
        need.theme = self
            .theme
            .and_then(|i| themes.themes.get(i))
            .map(|t| t.slug.clone());
        need.cpv = cpv;
        need.lots =
            parse_lots(self.lots.text(), &need.lots).map_err(|tok| (t.need_bad_cpv)(&tok))?;
        need.documents = self
            .documents
            .text()
            .split(';')
            .map(crate::domain::text::clean_line)
            .filter(|d| !d.is_empty())
            .collect();
        need.constraints.departments = departments;
        need.constraints.sizes = SizeCategory::ALL
            .iter()
            .zip(self.sizes)
            .filter(|(_, on)| *on)
            .map(|(s, _)| *s)
            .collect();
        need.constraints.ess = self.ess;
        need.constraints.siae = self.siae;
        Ok(need)
    }
}

/// The lots as the form shows them: "1. Isolation : 45321000 ; 2. Chauffage".
pub fn format_lots(lots: &[Lot]) -> String {
    lots.iter()
        .map(|l| {
            let codes: Vec<&str> = l.cpv.iter().map(|c| c.as_str()).collect();
            match (codes.is_empty(), l.description.is_empty()) {
                (true, true) => format!("{}. {}", l.number, l.title),
                (false, true) => format!("{}. {} : {}", l.number, l.title, codes.join(" ")),
                (true, false) => format!("{}. {} : ({})", l.number, l.title, l.description),
                (false, false) => format!(
                    "{}. {} : {} ({})",
                    l.number,
                    l.title,
                    codes.join(" "),
                    l.description
                ),
            }
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// The lots typed in the form: ";" between lots, each "[N.] Titre [: CPV CPV… [(description)]]"
/// (see [`split_lot_description`]). A lot
/// keeps its number N when it is given (so its shortlist and meetings stay with it); a
/// lot without one takes its old number when its title is unchanged, else the next free
/// number. A lot left out is removed. Err(the CPV code that does not parse).
pub fn parse_lots(text: &str, before: &[Lot]) -> Result<Vec<Lot>, String> {
    let mut out: Vec<Lot> = Vec::new();
    let mut pending: Vec<(String, Vec<CpvCode>, String)> = Vec::new();
    for part in split_lots(text) {
        let (part, description) = split_lot_description(part);
        let description = crate::domain::text::clean_line(description);
        let (number, rest) = match part.split_once('.') {
            Some((n, rest)) if n.trim().parse::<u32>().is_ok_and(|n| n > 0) => {
                (n.trim().parse::<u32>().ok(), rest.trim())
            }
            _ => (None, part),
        };
        let (title, codes) = match rest.rsplit_once(':') {
            Some((t, codes)) => (t.trim(), codes),
            None => (rest, ""),
        };
        let mut cpv = Vec::new();
        for tok in split_list(codes) {
            cpv.push(CpvCode::parse(tok).map_err(|_| tok.to_string())?);
        }
        let title = crate::domain::text::clean_line(title);
        let known = number
            .filter(|n| !out.iter().any(|l| l.number == *n))
            .or_else(|| {
                before
                    .iter()
                    .find(|l| l.title == title && !out.iter().any(|o| o.number == l.number))
                    .map(|l| l.number)
            });
        match known {
            Some(number) => out.push(Lot {
                number,
                title,
                cpv,
                description,
            }),
            None => pending.push((title, cpv, description)),
        }
    }
    for (title, cpv, description) in pending {
        let next = out
            .iter()
            .chain(before)
            .map(|l| l.number)
            .max()
            .unwrap_or(0)
            + 1;
        out.push(Lot {
            number: next,
            title,
            cpv,
            description,
        });
    }
    out.sort_by_key(|l| l.number);
    Ok(out)
}

impl Default for NeedForm {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::FR;

    #[test]
    fn need_form_validates_cpv_and_departments() {
        let themes = ThemeCatalog::default();
        let mut f = NeedForm::new();
        assert!(f.to_need("a", &themes, &FR).is_err());
        f.title = TextInput::with_text("Isolation des lycées");
        f.cpv = TextInput::with_text("45321000-3, 4532");
        let e = f.to_need("a", &themes, &FR).unwrap_err();
        assert!(e.contains("4532"), "{e}");
        f.cpv = TextInput::with_text("45321000-3; 45261000");
        f.departments = TextInput::with_text("93 2a 971");
        f.sizes[1] = true;
        let n = f.to_need("a", &themes, &FR).unwrap();
        assert_eq!(n.cpv.len(), 2);
        assert_eq!(n.constraints.departments, vec!["93", "2A", "971"]);
        assert_eq!(n.constraints.sizes, vec![SizeCategory::Pme]);
        f.departments = TextInput::with_text("9x");
        assert!(f.to_need("a", &themes, &FR).is_err());
    }

    #[test]
    fn lots_keep_their_numbers_when_edited_and_new_ones_take_the_next() {
        let before =
            parse_lots("Isolation : 45321000 ; Chauffage : 45331000 09331000", &[]).unwrap();
        assert_eq!(before.len(), 2);
        assert_eq!((before[1].number, before[1].cpv.len()), (2, 2));
        let shown = format_lots(&before);
        assert_eq!(
            shown,
            "1. Isolation : 45321000 ; 2. Chauffage : 45331000 09331000"
        );
        // Lot 1 removed, lot 2 renamed (keeps 2 by its number), a new one gets 3, not 1.
        let after = parse_lots("2. Chauffage et ventilation ; Menuiseries", &before).unwrap();
        let got: Vec<(u32, &str)> = after.iter().map(|l| (l.number, l.title.as_str())).collect();
        assert_eq!(got, [(2, "Chauffage et ventilation"), (3, "Menuiseries")]);
        // Same title without its number: keeps it.
        let again = parse_lots("Isolation", &before).unwrap();
        assert_eq!(again[0].number, 1);
        assert_eq!(parse_lots("Isolation : 4532", &[]).unwrap_err(), "4532");
        assert!(parse_lots("  ", &before).unwrap().is_empty());
    }

    #[test]
    fn lot_descriptions_survive_a_round_trip_through_the_form() {
        let lots = parse_lots(
            "Isolation : 45321000 (combles et murs ; lycées du 93) ; Voirie (nord) : (entretien)",
            &[],
        )
        .unwrap();
        assert_eq!(lots[0].description, "combles et murs ; lycées du 93");
        assert_eq!(lots[0].cpv.len(), 1);
        assert_eq!(
            (lots[1].title.as_str(), lots[1].description.as_str()),
            ("Voirie (nord)", "entretien")
        );
        let shown = format_lots(&lots);
        assert_eq!(
            shown,
            "1. Isolation : 45321000 (combles et murs ; lycées du 93) ; 2. Voirie (nord) : (entretien)"
        );
        assert_eq!(parse_lots(&shown, &lots).unwrap(), lots);
    }
}
