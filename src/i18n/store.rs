//! Texts of the store's typed values: [`StoreError`], [`Damage`], the domain rules a write
//! breaks ([`Invalid`] and its parts), in French ([`super::fr::store`]) and English
//! ([`super::en::store`]).

use crate::domain::text::clean_line;
use crate::domain::Role;
use crate::domain::{Event, ForumDayError, Invalid, JournalEvent, MeetingError, NeedError};
pub use crate::i18n::Lang;
use crate::store::backup::BackupError;
use crate::store::{Action, Damage, Missing, SlotConflict, StoreError};

pub use super::Render;

/// Every text of the store, one instance per language.
pub struct StoreTexts {
    /// A backup, restore or compaction failed.
    pub backup: fn(&BackupError) -> String,
    /// Another process holds the store (path).
    pub locked: fn(&str) -> String,
    /// Written by a newer version (path, found, supported).
    pub too_new: fn(&str, u32, u32) -> String,
    /// A slot already taken (what holds it).
    pub slot_taken: fn(&str) -> String,
    /// "la table {name}".
    pub conflict_table: fn(&str) -> String,
    /// "l'acheteur {login}".
    pub conflict_buyer: fn(&str) -> String,
    /// "le fournisseur {name}".
    pub conflict_supplier: fn(&str) -> String,
    /// A SIRET already belongs to another supplier (SIRET).
    pub duplicate_siret: fn(&str) -> String,
    /// Something not found (its kind's name).
    pub not_found: fn(&str) -> String,
    /// Names of the kinds of things not found.
    pub missing_supplier: &'static str,
    /// A need.
    pub missing_need: &'static str,
    /// A meeting.
    pub missing_meeting: &'static str,
    /// Disk or database failure (detail).
    pub io: fn(&str) -> String,
    /// Undecodable stored value (detail).
    pub corrupt: fn(&str) -> String,
    /// A need without a title.
    pub need_no_title: &'static str,
    /// Lots not numbered uniquely from 1.
    pub need_lot_numbers: &'static str,
    /// A need without that lot (need title, lot).
    pub need_no_such_lot: fn(&str, u32) -> String,
    /// A change to a closed need (its title).
    pub need_closed: fn(&str) -> String,
    /// A lot removed while in use: (need, lot number, lot title, shortlist entries,
    /// meetings).
    pub need_lot_in_use: fn(&str, u32, &str, usize, usize) -> String,
    /// Opening not before closing (date, opens, closes).
    pub day_hours: fn(&str, &str, &str) -> String,
    /// Slot under 5 minutes (date).
    pub day_slot_too_short: fn(&str) -> String,
    /// A day without tables (date).
    pub day_no_table: fn(&str) -> String,
    /// A meeting planned twice.
    pub meeting_already_planned: &'static str,
    /// A meeting without a buyer.
    pub meeting_no_buyer: &'static str,
    /// A meeting without a table.
    pub meeting_no_table: &'static str,
    /// No such slot (time "HH:MM", date).
    pub meeting_no_such_slot: fn(&str, &str) -> String,
    /// No such table (date, the day's tables).
    pub meeting_no_such_table: fn(&str, &str) -> String,
    /// The meeting's day is not set up (date).
    pub meeting_no_such_day: fn(&str) -> String,
    /// A cancelled or no-show meeting cannot be timed: (status word).
    pub meeting_not_timeable: fn(&str) -> String,
    /// "Terminer" before "Commencer".
    pub meeting_not_started: &'static str,
    /// "Commencer" after "Terminer".
    pub meeting_already_ended: &'static str,
    /// Two tables with one name (date, name).
    pub day_duplicate_table: fn(&str, &str) -> String,
    /// A break out of order or outside hours (date, start, end).
    pub day_bad_break: fn(&str, &str, &str) -> String,
    /// No slot fits (date).
    pub day_no_slot: fn(&str) -> String,
    /// A quota of 0 (date).
    pub day_zero_quota: fn(&str) -> String,
    /// A quota reached (who: "le fournisseur X" / "l'acheteur y", max, date).
    pub quota_reached: fn(&str, u32, &str) -> String,
    /// A day edit leaving meetings out (date, the meetings one per line, true when every
    /// one has a free slot to go to: the organiser may confirm).
    pub day_misfits: fn(&str, &str, bool) -> String,
    /// One displaced meeting (its time and table, supplier, buyers, where it would go).
    pub misfit_line: fn(&str, &str, &str, Option<&str>) -> String,
    /// A day with held meetings cannot be removed (date, count).
    pub day_held: fn(&str, usize) -> String,
    /// No forum day on that date (date).
    pub no_such_day: fn(&str) -> String,
    /// Rating outside 1..=5 (rating).
    pub outcome_rating: fn(u8) -> String,
    /// A typed journal event, as one line.
    pub event: fn(&Event) -> String,
    /// A login refused by the access list (login, its role's name or None when not on the
    /// list, what it tried).
    pub denied: fn(&str, Option<&str>, &str) -> String,
    /// What a login tried, by [`Action`].
    pub action: fn(Action) -> &'static str,
    /// A role's name.
    pub role: fn(Role) -> &'static str,
    /// The forum server's link was lost before it answered.
    pub disconnected: &'static str,
}

/// The store texts in `lang`.
pub fn store_texts(lang: Lang) -> &'static StoreTexts {
    match lang {
        Lang::Fr => &super::fr::store::STORE,
        Lang::En => &super::en::store::STORE,
    }
}

/// A date as the reader writes it: 03/12/2026 in French, 2026-12-03 in English.
fn date(d: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::Fr => d.strftime("%d/%m/%Y").to_string(),
        Lang::En => d.to_string(),
    }
}

/// Labels of domain values inside a journal sentence: the catalogue's one label
/// ([`super::labels`]), first letter in lower case ("Pas d'adéquation" → "pas d'adéquation").
pub(crate) mod in_sentence {
    use crate::domain::{MeetingStatus, NextStep, TriageStatus};
    use crate::i18n::{texts, Lang};

    fn lower_first(label: &str) -> String {
        let mut c = label.chars();
        match c.next() {
            Some(f) => f.to_lowercase().chain(c).collect(),
            None => String::new(),
        }
    }

    /// A meeting status.
    pub fn meeting_status(lang: Lang, s: MeetingStatus) -> String {
        lower_first((texts(lang).labels.meeting_status)(s))
    }

    /// A triage status.
    pub fn triage(lang: Lang, s: TriageStatus) -> String {
        lower_first((texts(lang).labels.triage)(s))
    }

    /// A next step.
    pub fn next_step(lang: Lang, s: NextStep) -> String {
        lower_first((texts(lang).labels.next_step)(s))
    }
}

impl Render for NeedError {
    fn render(&self, lang: Lang) -> String {
        let t = store_texts(lang);
        match self {
            NeedError::NoTitle => t.need_no_title.to_string(),
            NeedError::LotNumbers => t.need_lot_numbers.to_string(),
            NeedError::NoSuchLot { need, lot } => (t.need_no_such_lot)(need, *lot),
            NeedError::Closed { need } => (t.need_closed)(&clean_line(need)),
            NeedError::LotInUse {
                need,
                lot,
                title,
                entries,
                meetings,
            } => (t.need_lot_in_use)(
                &clean_line(need),
                *lot,
                &clean_line(title),
                *entries,
                *meetings,
            ),
        }
    }
}

impl Render for ForumDayError {
    fn render(&self, lang: Lang) -> String {
        let t = store_texts(lang);
        match self {
            ForumDayError::Hours {
                date: d,
                opens,
                closes,
            } => (t.day_hours)(
                &date(*d, lang),
                &opens.strftime("%H:%M").to_string(),
                &closes.strftime("%H:%M").to_string(),
            ),
            ForumDayError::SlotTooShort { date: d } => (t.day_slot_too_short)(&date(*d, lang)),
            ForumDayError::NoTable { date: d } => (t.day_no_table)(&date(*d, lang)),
            ForumDayError::DuplicateTable { date: d, name } => {
                (t.day_duplicate_table)(&date(*d, lang), &clean_line(name))
            }
            ForumDayError::BadBreak {
                date: d,
                start,
                end,
            } => (t.day_bad_break)(
                &date(*d, lang),
                &start.strftime("%H:%M").to_string(),
                &end.strftime("%H:%M").to_string(),
            ),
            ForumDayError::NoSlot { date: d } => (t.day_no_slot)(&date(*d, lang)),
            ForumDayError::ZeroQuota { date: d } => (t.day_zero_quota)(&date(*d, lang)),
        }
    }
}

impl Render for MeetingError {
    fn render(&self, lang: Lang) -> String {
        let t = store_texts(lang);
        match self {
            MeetingError::AlreadyPlanned => t.meeting_already_planned.to_string(),
            MeetingError::NoBuyer => t.meeting_no_buyer.to_string(),
            MeetingError::NoTable => t.meeting_no_table.to_string(),
            MeetingError::NoSuchSlot { day, start } => {
                (t.meeting_no_such_slot)(&crate::domain::forum::local_hm(*start), &date(*day, lang))
            }
            MeetingError::NoSuchTable { day, tables } => {
                (t.meeting_no_such_table)(&date(*day, lang), &clean_line(&tables.join(", ")))
            }
            MeetingError::NoSuchDay { day } => (t.meeting_no_such_day)(&date(*day, lang)),
            MeetingError::NotTimeable { status } => {
                (t.meeting_not_timeable)(&in_sentence::meeting_status(lang, *status))
            }
            MeetingError::NotStarted => t.meeting_not_started.to_string(),
            MeetingError::AlreadyEnded => t.meeting_already_ended.to_string(),
        }
    }
}

impl Render for Invalid {
    fn render(&self, lang: Lang) -> String {
        match self {
            Invalid::Need(e) => e.render(lang),
            Invalid::ForumDay(e) => e.render(lang),
            Invalid::Meeting(e) => e.render(lang),
            Invalid::Outcome(e) => e.render(lang),
        }
    }
}

impl Render for SlotConflict {
    fn render(&self, lang: Lang) -> String {
        let t = store_texts(lang);
        match self {
            SlotConflict::Table(name) => (t.conflict_table)(name),
            SlotConflict::Buyer(login) => (t.conflict_buyer)(login),
            SlotConflict::Supplier { name, .. } => (t.conflict_supplier)(name),
        }
    }
}

impl Render for Damage {
    fn render(&self, lang: Lang) -> String {
        let t = super::texts(lang);
        match self {
            Damage::Panic(_) => t.damage_panic.to_string(),
            Damage::Hang(s) => (t.damage_hang)(*s),
            Damage::Missing => t.damage_missing.to_string(),
            Damage::Emptied => t.damage_emptied.to_string(),
            Damage::LostWrites { found, expected } => (t.damage_lost_writes)(*found, *expected),
            Damage::Corrupt(e) => (t.damage_corrupt)(e),
        }
    }
}

impl Render for StoreError {
    fn render(&self, lang: Lang) -> String {
        let t = store_texts(lang);
        let path = |p: &std::path::Path| p.display().to_string();
        match self {
            StoreError::Locked { path: p } => (t.locked)(&path(p)),
            StoreError::TooNew {
                path: p,
                found,
                supported,
            } => (t.too_new)(&path(p), *found, *supported),
            StoreError::SlotTaken { conflict, .. } => (t.slot_taken)(&conflict.render(lang)),
            StoreError::DuplicateSiret { siret, .. } => (t.duplicate_siret)(siret),
            StoreError::QuotaReached { day, holder, max } => (t.quota_reached)(
                &match holder {
                    crate::store::QuotaWho::Supplier(name) => {
                        (t.conflict_supplier)(&clean_line(name))
                    }
                    crate::store::QuotaWho::Buyer(login) => (t.conflict_buyer)(&clean_line(login)),
                },
                *max,
                &date(*day, lang),
            ),
            StoreError::DayMisfits { day, meetings } => {
                let when = |ts: jiff::Timestamp| crate::domain::forum::local_hm(ts);
                let lines: Vec<String> = meetings
                    .iter()
                    .map(|m| {
                        let to =
                            m.to.as_ref()
                                .map(|(ts, table)| format!("{} {}", when(*ts), clean_line(table)));
                        (t.misfit_line)(
                            &format!("{} {}", when(m.from_start), clean_line(&m.from_table)),
                            &clean_line(&m.supplier),
                            &clean_line(&m.buyers.join(", ")),
                            to.as_deref(),
                        )
                    })
                    .collect();
                let movable = meetings.iter().all(|m| m.to.is_some());
                (t.day_misfits)(&date(*day, lang), &lines.join("\n"), movable)
            }
            StoreError::DayHeld { day, held } => (t.day_held)(&date(*day, lang), *held),
            StoreError::NoSuchDay { day } => (t.no_such_day)(&date(*day, lang)),
            StoreError::NotFound { what, .. } => (t.not_found)(match what {
                Missing::Supplier => t.missing_supplier,
                Missing::Need => t.missing_need,
                Missing::Meeting => t.missing_meeting,
            }),
            StoreError::Invalid(e) => e.render(lang),
            StoreError::Io(detail) => (t.io)(detail),
            StoreError::Corrupt(detail) => (t.corrupt)(detail),
            StoreError::Damaged {
                path: p,
                damage,
                backup,
            } => {
                let tx = super::texts(lang);
                let p = path(p);
                let todo = match backup {
                    Some(b) => (tx.store_do_restore)(&p, b),
                    None => (tx.store_do_reimport)(&p),
                };
                (tx.store_damaged)(&p, &damage.render(lang), &todo)
            }
            StoreError::DiskFull { path: p } => (super::texts(lang).store_disk_full)(&path(p)),
            StoreError::Denied {
                login,
                role,
                action,
            } => (t.denied)(
                &clean_line(login),
                role.map(|r| (t.role)(r)),
                (t.action)(*action),
            ),
            StoreError::Disconnected => t.disconnected.to_string(),
        }
    }
}

impl Render for Event {
    fn render(&self, lang: Lang) -> String {
        clean_line(&(store_texts(lang).event)(self))
    }
}

/// A journal line in the reader's language: its typed event, or, for a record written
/// before schema v3, the French sentence it stored, unchanged.
impl Render for JournalEvent {
    fn render(&self, lang: Lang) -> String {
        match &self.event {
            Some(e) => e.render(lang),
            None => self.summary.clone(),
        }
    }
}

impl Render for BackupError {
    fn render(&self, lang: Lang) -> String {
        match self {
            BackupError::Store(e) => render_for(e, lang),
            other => (store_texts(lang).backup)(other),
        }
    }
}

/// A [`StoreError`] for a reader of `lang`; a damaged store or a full disk, which a user
/// may meet before choosing a language, in `lang` then in the other language.
pub fn render_for(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Damaged { .. } | StoreError::DiskFull { .. } => {
            let other = match lang {
                Lang::Fr => Lang::En,
                Lang::En => Lang::Fr,
            };
            format!("{}\n{}", e.render(lang), e.render(other))
        }
        other => other.render(lang),
    }
}

/// How a [`StoreError`] prints (`Display`, logs, the command line): French, and for a
/// damaged store or a full disk — which a user meets before choosing a language — French
/// then English.
pub fn display(e: &StoreError) -> String {
    match e {
        StoreError::Damaged { .. } | StoreError::DiskFull { .. } => {
            format!("{}\n{}", e.render(Lang::Fr), e.render(Lang::En))
        }
        other => other.render(Lang::Fr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};
    use std::path::PathBuf;

    /// One value of every variant, errors of the domain included.
    fn every_error() -> Vec<StoreError> {
        let d = date(2026, 12, 3);
        let p = PathBuf::from("/data/forum");
        vec![
            StoreError::Locked { path: p.clone() },
            StoreError::TooNew {
                path: p.clone(),
                found: 9,
                supported: 3,
            },
            StoreError::SlotTaken {
                conflict: SlotConflict::Table("Table 2".into()),
                meeting: 4242,
            },
            StoreError::SlotTaken {
                conflict: SlotConflict::Buyer("mdupuis".into()),
                meeting: 4242,
            },
            StoreError::SlotTaken {
                conflict: SlotConflict::Supplier {
                    id: 4242,
                    name: "ACME SAS".into(),
                },
                meeting: 4243,
            },
            StoreError::DuplicateSiret {
                siret: "73282932000074".into(),
                existing: 4242,
            },
            StoreError::NotFound {
                what: Missing::Supplier,
                id: 4242,
            },
            StoreError::NotFound {
                what: Missing::Need,
                id: 4242,
            },
            StoreError::NotFound {
                what: Missing::Meeting,
                id: 4242,
            },
            NeedError::NoTitle.into(),
            NeedError::LotNumbers.into(),
            NeedError::NoSuchLot {
                need: "Lycées".into(),
                lot: 3,
            }
            .into(),
            ForumDayError::Hours {
                date: d,
                opens: time(17, 0, 0, 0),
                closes: time(9, 0, 0, 0),
            }
            .into(),
            ForumDayError::SlotTooShort { date: d }.into(),
            ForumDayError::NoTable { date: d }.into(),
            MeetingError::AlreadyPlanned.into(),
            MeetingError::NoBuyer.into(),
            MeetingError::NoTable.into(),
            MeetingError::NoSuchSlot {
                day: d,
                start: crate::domain::forum::typical_start(d, 7),
            }
            .into(),
            MeetingError::NoSuchTable {
                day: d,
                tables: vec!["Table 1".into()],
            }
            .into(),
            crate::domain::OutcomeError::Rating(7).into(),
            StoreError::Io("permission denied".into()),
            StoreError::Corrupt("journal n° 3 : EOF".into()),
            StoreError::Damaged {
                path: p.clone(),
                damage: Damage::LostWrites {
                    found: 3,
                    expected: 9,
                },
                backup: Some("2026-12-03T10-00-00".into()),
            },
            StoreError::Damaged {
                path: p.clone(),
                damage: Damage::Missing,
                backup: None,
            },
            StoreError::DiskFull { path: p },
            StoreError::Denied {
                login: "nobody".into(),
                role: None,
                action: Action::Read,
            },
            StoreError::Denied {
                login: "daemon".into(),
                role: Some(Role::Observer),
                action: Action::ChangeMeeting,
            },
            StoreError::Disconnected,
        ]
    }

    #[test]
    fn every_error_renders_in_both_languages_without_internal_ids() {
        for e in every_error() {
            let fr = e.render(Lang::Fr);
            let en = e.render(Lang::En);
            assert!(!fr.is_empty() && !en.is_empty(), "{e:?}");
            assert_ne!(fr, en, "{e:?} is not translated");
            for text in [&fr, &en] {
                assert!(!text.contains("4242"), "{e:?} shows an internal id: {text}");
                assert!(!text.contains("sourcing serve"), "{text}");
            }
            // Display is the French text (with the English one after it for damage).
            assert!(e.to_string().starts_with(&fr), "{e:?}");
        }
    }

    #[test]
    fn messages_name_the_table_the_buyer_and_the_supplier() {
        let errs = every_error();
        assert!(errs[2].render(Lang::Fr).contains("la table Table 2"));
        assert!(errs[3].render(Lang::En).contains("buyer mdupuis"));
        assert!(errs[4].render(Lang::Fr).contains("le fournisseur ACME SAS"));
        assert!(errs[4].render(Lang::En).contains("supplier ACME SAS"));
    }

    #[test]
    fn errors_travel_as_json() {
        for e in every_error() {
            let json = serde_json::to_string(&e).unwrap();
            let back: StoreError = serde_json::from_str(&json).unwrap();
            assert_eq!(back, e);
        }
    }
}
