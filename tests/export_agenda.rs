//! `sourcing export agenda` on the library side (`sourcing::io::export::agenda`): the
//! iCalendar file parses with an RFC 5545 parser (the `icalendar` crate) and carries one
//! event per meeting with stable UIDs, Paris local times across both DST changes, a
//! cancelled meeting's status and higher SEQUENCE, escaped and cleaned text, CRLF and
//! 75-octet lines; the HTML has one printable section per person with escaped text and
//! no script; the CSV has its headers in both languages; the buyer, supplier and table
//! filters keep only their meetings.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

use icalendar::{Component, EventLike};
use jiff::civil::{date, time, Date};
use jiff::Timestamp;
use sourcing::domain::forum::{typical_start, Table};
use sourcing::domain::{
    Buyer, ForumDay, Meeting, MeetingStamp, MeetingStatus, Need, Role, Siret, Supplier,
};
use sourcing::i18n::Lang;
use sourcing::io::export::agenda::{export_agenda, AgendaFor, AgendaFormat};
use sourcing::store::{FixedClock, SledStore, Store};
use std::sync::Arc;

const STORE_ID: &str = "forum-test";
const ESCAPED_NAME: &str = "\u{1b}[31mRouge, Vert; Bleu\\Noir";
const HTML_NAME: &str = "<b>Gras</b> & Cie";

fn forum() -> Date {
    date(2026, 12, 3)
}
fn dst_end() -> Date {
    date(2026, 10, 25)
}
fn dst_start() -> Date {
    date(2026, 3, 29)
}

fn clock_at() -> Timestamp {
    "2026-12-01T10:00:00Z".parse().unwrap()
}

/// What the seeded store holds.
struct Seeded {
    store: SledStore,
    alpha: u64,
    rouge: u64,
    gras: u64,
    /// Alpha, mdupuis + paul, 3 Dec 09:00, Table 1 (room "2e étage"), the need.
    m_alpha: Meeting,
    /// Rouge, mdupuis, 3 Dec 09:20, Salle Seine; timed 32 min (flagged).
    m_rouge: Meeting,
    /// Gras, paul, 3 Dec 09:40, Table 3: cancelled.
    m_cancelled: Meeting,
    /// Alpha, mdupuis, 25 Oct 09:00 (CET, the day the clocks go back).
    m_oct: Meeting,
    /// Rouge, paul, 25 Oct 16:30.
    m_oct_late: Meeting,
    /// Gras, mdupuis, 29 Mar 09:00 (CEST, the day the clocks go forward).
    m_mar: Meeting,
}

fn plan(
    store: &dyn Store,
    supplier: u64,
    buyers: &[&str],
    day: Date,
    slot: usize,
    table: u32,
    need: Option<u64>,
) -> Meeting {
    store
        .plan_meeting(
            Meeting {
                supplier,
                buyers: buyers.iter().map(|b| b.to_string()).collect(),
                need,
                day,
                start: typical_start(day, slot),
                table,
                ..Default::default()
            },
            buyers[0],
        )
        .unwrap()
}

fn seed() -> Seeded {
    let clock = Arc::new(FixedClock::new(clock_at()));
    let store = SledStore::open_temporary_with(clock.clone()).unwrap();
    let (_, ids) = store
        .upsert_suppliers(
            vec![
                Supplier {
                    name: "Alpha Énergie".into(),
                    siret: Some(Siret::parse("73282932000074").unwrap()),
                    ..Default::default()
                },
                Supplier {
                    name: ESCAPED_NAME.into(),
                    ..Default::default()
                },
                Supplier {
                    name: HTML_NAME.into(),
                    ..Default::default()
                },
            ],
            "import",
        )
        .unwrap();
    let (alpha, rouge, gras) = (ids[0], ids[1], ids[2]);
    store
        .save_buyer(
            Buyer {
                login: "mdupuis".into(),
                display_name: "Marie Dupuis".into(),
                service: "Direction des lycées".into(),
                role: Role::Organiser,
            },
            "mdupuis",
        )
        .unwrap();
    let mut day = ForumDay::typical(forum());
    day.title = "Forum de l'achat innovant — Bâtiment & Énergie".into();
    day.place = "Saint-Ouen, siège de la Région".into();
    day.tables[0].room = "2e étage".into();
    day.tables[1] = Table {
        id: day.tables[1].id,
        name: "Salle Seine".into(),
        room: String::new(),
    };
    store.save_forum_day(day, "mdupuis").unwrap();
    store
        .save_forum_day(ForumDay::typical(dst_end()), "mdupuis")
        .unwrap();
    store
        .save_forum_day(ForumDay::typical(dst_start()), "mdupuis")
        .unwrap();
    let need = store
        .save_need(
            Need {
                title: "Nettoyage des écoles".into(),
                owner: "mdupuis".into(),
                ..Default::default()
            },
            "mdupuis",
        )
        .unwrap();

    let m_alpha = plan(
        &store,
        alpha,
        &["mdupuis", "paul"],
        forum(),
        0,
        1,
        Some(need.id),
    );
    let m_rouge = plan(&store, rouge, &["mdupuis"], forum(), 1, 2, None);
    let m_cancelled = plan(&store, gras, &["paul"], forum(), 2, 3, None);
    let m_oct = plan(&store, alpha, &["mdupuis"], dst_end(), 0, 1, None);
    let m_oct_late = plan(&store, rouge, &["paul"], dst_end(), 19, 2, None);
    let m_mar = plan(&store, gras, &["mdupuis"], dst_start(), 0, 1, None);
    store
        .set_meeting_status(m_cancelled.id, MeetingStatus::Cancelled, "paul")
        .unwrap();
    // Rouge's meeting: started at 09:20, ended at 09:52 — 32 min for a 20-minute slot.
    clock.set(m_rouge.start);
    store
        .stamp_meeting(m_rouge.id, MeetingStamp::Start, "mdupuis")
        .unwrap();
    clock.set(m_rouge.start + jiff::SignedDuration::from_mins(32));
    store
        .stamp_meeting(m_rouge.id, MeetingStamp::End, "mdupuis")
        .unwrap();
    clock.set(clock_at());
    Seeded {
        store,
        alpha,
        rouge,
        gras,
        m_alpha,
        m_rouge,
        m_cancelled,
        m_oct,
        m_oct_late,
        m_mar,
    }
}

fn export(
    store: &dyn Store,
    who: &AgendaFor,
    format: AgendaFormat,
    lang: Lang,
    excel: bool,
) -> (usize, String) {
    let mut out = Vec::new();
    let n = export_agenda(store, &mut out, who, format, STORE_ID, lang, excel).unwrap();
    (n, String::from_utf8(out).unwrap())
}

/// The VEVENTs of a calendar, parsed by the `icalendar` crate.
fn events(ics: &str) -> Vec<icalendar::Event> {
    let cal: icalendar::Calendar = ics.parse().expect("the file parses as iCalendar");
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn event(events: &[icalendar::Event], id: u64) -> &icalendar::Event {
    let uid = format!("{id}@{STORE_ID}");
    events
        .iter()
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .unwrap_or_else(|| panic!("no event {uid}"))
}

/// "TZID value" of DTSTART/DTEND, or "UTC value".
fn when(e: &icalendar::Event, start: bool) -> (String, String) {
    let v = if start { e.get_start() } else { e.get_end() };
    match v.expect("a start and an end") {
        icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
            date_time,
            tzid,
        }) => (tzid, date_time.format("%Y%m%dT%H%M%S").to_string()),
        icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t)) => {
            ("UTC".into(), t.format("%Y%m%dT%H%M%SZ").to_string())
        }
        other => panic!("unexpected date form {other:?}"),
    }
}

/// The instant a DTSTART/DTEND designates, read back through jiff's Europe/Paris.
fn instant(e: &icalendar::Event, start: bool) -> Timestamp {
    let (tz, v) = when(e, start);
    if tz == "UTC" {
        jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", &v)
            .unwrap()
            .to_datetime()
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp()
    } else {
        assert_eq!(tz, "Europe/Paris");
        jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", &v)
            .unwrap()
            .in_tz("Europe/Paris")
            .unwrap()
            .timestamp()
    }
}

fn assert_wire_format(ics: &str) {
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(!ics.replace("\r\n", "").contains('\r'), "bare CR");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(
        !ics.contains('\u{1b}'),
        "an escape character reached the file"
    );
    assert!(
        ics.chars()
            .all(|c| !c.is_control() || c == '\r' || c == '\n'),
        "a control character reached the file"
    );
}

#[test]
fn all_meetings_make_one_calendar_that_an_rfc_5545_parser_reads() {
    let s = seed();
    let (n, ics) = export(
        &s.store,
        &AgendaFor::All,
        AgendaFormat::Ics,
        Lang::Fr,
        false,
    );
    assert_eq!(n, 6, "cancelled meeting included");
    assert_wire_format(&ics);

    // Structure, through the parser's raw component tree.
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    let prop = |name: &str| {
        cal.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
    };
    assert_eq!(prop("VERSION").as_deref(), Some("2.0"));
    assert_eq!(prop("CALSCALE").as_deref(), Some("GREGORIAN"));
    assert_eq!(prop("METHOD").as_deref(), Some("PUBLISH"));
    assert!(prop("PRODID").unwrap().contains("sourcing"));
    let tz = cal
        .components
        .iter()
        .find(|c| c.name == "VTIMEZONE")
        .expect("a VTIMEZONE");
    assert_eq!(tz.find_prop("TZID").unwrap().val.as_str(), "Europe/Paris");
    let rules: Vec<(String, String, String)> = tz
        .components
        .iter()
        .map(|c| {
            (
                c.name.to_string(),
                c.find_prop("TZOFFSETTO").unwrap().val.to_string(),
                c.find_prop("RRULE").unwrap().val.to_string(),
            )
        })
        .collect();
    assert!(rules.contains(&(
        "STANDARD".into(),
        "+0100".into(),
        "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into()
    )));
    assert!(rules.contains(&(
        "DAYLIGHT".into(),
        "+0200".into(),
        "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into()
    )));
    let vevents = cal.components.iter().filter(|c| c.name == "VEVENT").count();
    assert_eq!(vevents, 6);
    for c in cal.components.iter().filter(|c| c.name == "VEVENT") {
        let start = c.find_prop("DTSTART").unwrap();
        assert!(
            start
                .params
                .iter()
                .any(|p| p.key == "TZID"
                    && p.val.as_ref().map(|v| v.as_str()) == Some("Europe/Paris")),
            "{start:?}"
        );
        assert_eq!(
            c.find_prop("DTSTAMP").unwrap().val.as_str(),
            "20261201T100000Z",
            "DTSTAMP in UTC, from the store's clock"
        );
    }

    // Typed events.
    let evs = events(&ics);
    assert_eq!(evs.len(), 6);
    let mut uids: Vec<&str> = evs.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), 6, "UIDs are unique");
    for m in [
        &s.m_alpha,
        &s.m_rouge,
        &s.m_cancelled,
        &s.m_oct,
        &s.m_oct_late,
        &s.m_mar,
    ] {
        let e = event(&evs, m.id);
        assert_eq!(instant(e, true), m.start, "meeting {}", m.id);
        assert_eq!(
            instant(e, false),
            m.start + jiff::SignedDuration::from_mins(20),
            "slot end = start + 20 min"
        );
    }

    let alpha = event(&evs, s.m_alpha.id);
    assert_eq!(
        when(alpha, true),
        ("Europe/Paris".into(), "20261203T090000".into())
    );
    assert_eq!(
        when(alpha, false),
        ("Europe/Paris".into(), "20261203T092000".into())
    );
    assert_eq!(
        alpha.get_summary(),
        Some("Rendez-vous : Alpha Énergie — Nettoyage des écoles")
    );
    assert_eq!(
        alpha.get_location(),
        Some("Table 1, 2e étage, Saint-Ouen, siège de la Région")
    );
    let desc = alpha.get_description().unwrap();
    assert!(
        desc.contains("Acheteurs : Marie Dupuis (mdupuis), paul"),
        "{desc}"
    );
    assert!(desc.contains("Besoin : Nettoyage des écoles"), "{desc}");
    assert!(desc.contains("SIRET 73282932000074"), "{desc}");
    assert!(desc.contains('\n'), "multi-line description: {desc}");
    assert_eq!(alpha.get_status(), Some(icalendar::EventStatus::Confirmed));

    // The day the clocks go back: 09:00 is CET, 08:00 UTC; 16:30 is 15:30 UTC.
    let oct = event(&evs, s.m_oct.id);
    assert_eq!(
        when(oct, true),
        ("Europe/Paris".into(), "20261025T090000".into())
    );
    assert_eq!(
        s.m_oct.start,
        "2026-10-25T08:00:00Z".parse::<Timestamp>().unwrap()
    );
    let late = event(&evs, s.m_oct_late.id);
    assert_eq!(
        when(late, true),
        ("Europe/Paris".into(), "20261025T163000".into())
    );
    assert_eq!(
        instant(late, true),
        "2026-10-25T15:30:00Z".parse::<Timestamp>().unwrap()
    );
    // The day the clocks go forward: 09:00 is CEST, 07:00 UTC.
    let mar = event(&evs, s.m_mar.id);
    assert_eq!(
        when(mar, true),
        ("Europe/Paris".into(), "20260329T090000".into())
    );
    assert_eq!(
        instant(mar, true),
        "2026-03-29T07:00:00Z".parse::<Timestamp>().unwrap()
    );
    assert_ne!(instant(oct, true), instant(mar, true));

    // Cancelled: kept, with its status and a higher SEQUENCE than an untouched meeting.
    let cancelled = event(&evs, s.m_cancelled.id);
    assert_eq!(
        cancelled.get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    let untouched = event(&evs, s.m_oct.id);
    assert_eq!(untouched.get_sequence(), Some(0));
    assert_eq!(cancelled.get_sequence(), Some(1));
    assert!(cancelled.get_sequence() > untouched.get_sequence());

    // The trapped name: escape sequence stripped, comma, semicolon and backslash escaped
    // on the wire and read back as they were.
    let rouge = event(&evs, s.m_rouge.id);
    assert_eq!(
        rouge.get_summary(),
        Some("Rendez-vous : Rouge, Vert; Bleu\\Noir")
    );
    assert!(
        ics.contains("SUMMARY:Rendez-vous : Rouge\\, Vert\\; Bleu\\\\Noir"),
        "{ics}"
    );
    assert!(!ics.contains("[31m"));
    // Equal time: the real length is in its description.
    let desc = rouge.get_description().unwrap();
    assert!(
        desc.contains("Durée réelle : 32 min au lieu de 20"),
        "{desc}"
    );
    // SEQUENCE: the meeting's journal events (planned, started, ended, held…) minus one.
    let about = |id: u64| {
        s.store
            .journal()
            .unwrap()
            .iter()
            .filter(|e| e.entity == sourcing::domain::Entity::Meeting && e.id == id)
            .count()
    };
    assert!(about(s.m_rouge.id) >= 3, "planned, started, ended");
    assert_eq!(
        rouge.get_sequence(),
        Some(u32::try_from(about(s.m_rouge.id) - 1).unwrap())
    );
}

#[test]
fn the_second_occurrence_of_a_doubled_local_time_is_a_distinct_utc_instant() {
    // A night day across the change back: 01:00–04:00, 30-minute slots; 02:00 and 02:30
    // happen twice, at distinct instants.
    let store = SledStore::open_temporary().unwrap();
    let (_, ids) = store
        .upsert_suppliers(
            vec![Supplier {
                name: "Nuit Blanche".into(),
                ..Default::default()
            }],
            "import",
        )
        .unwrap();
    let mut day = ForumDay::typical(dst_end());
    day.opens = time(1, 0, 0, 0);
    day.closes = time(4, 0, 0, 0);
    day.slot_minutes = 30;
    day.breaks.clear();
    store.save_forum_day(day.clone(), "orga").unwrap();
    let slots = day.slots();
    assert_eq!(slots.len(), 8, "two more slots than local hours allow");
    let mut planned = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        planned.push(
            store
                .plan_meeting(
                    Meeting {
                        supplier: ids[0],
                        buyers: vec![format!("b{i}")],
                        day: dst_end(),
                        start: slot.start,
                        table: 1 + u32::try_from(i % 6).unwrap(),
                        ..Default::default()
                    },
                    "orga",
                )
                .unwrap(),
        );
    }
    let (n, ics) = export(&store, &AgendaFor::All, AgendaFormat::Ics, Lang::En, false);
    assert_eq!(n, 8);
    assert_wire_format(&ics);
    let evs = events(&ics);
    let mut seen = Vec::new();
    for m in &planned {
        let e = event(&evs, m.id);
        assert_eq!(instant(e, true), m.start, "{:?}", when(e, true));
        assert_eq!(
            instant(e, false),
            m.start + jiff::SignedDuration::from_mins(30)
        );
        seen.push(instant(e, true));
    }
    seen.dedup();
    assert_eq!(seen.len(), 8, "eight distinct instants");
    // 02:30 CEST (00:30 UTC) in local time; 02:30 CET (01:30 UTC) in UTC.
    let first = planned
        .iter()
        .find(|m| m.start == "2026-10-25T00:30:00Z".parse::<Timestamp>().unwrap())
        .unwrap();
    let second = planned
        .iter()
        .find(|m| m.start == "2026-10-25T01:30:00Z".parse::<Timestamp>().unwrap())
        .unwrap();
    assert_eq!(
        when(event(&evs, first.id), true),
        ("Europe/Paris".into(), "20261025T023000".into())
    );
    assert_eq!(
        when(event(&evs, second.id), true),
        ("UTC".into(), "20261025T013000Z".into())
    );
    assert!(ics.contains("SUMMARY:Meeting: Nuit Blanche\r\n"), "English");
}

#[test]
fn a_buyers_agenda_has_only_their_meetings() {
    let s = seed();
    let who = AgendaFor::Buyer("paul".into());
    let (n, ics) = export(&s.store, &who, AgendaFormat::Ics, Lang::Fr, false);
    assert_eq!(n, 3, "alpha, cancelled, october late");
    let mut ids: Vec<String> = events(&ics)
        .iter()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    ids.sort();
    let mut want: Vec<String> = [&s.m_alpha, &s.m_cancelled, &s.m_oct_late]
        .iter()
        .map(|m| format!("{}@{STORE_ID}", m.id))
        .collect();
    want.sort();
    assert_eq!(ids, want);
    assert!(ics.contains("X-WR-CALNAME:Agenda — paul\r\n"));

    let (n, html) = export(&s.store, &who, AgendaFormat::Html, Lang::Fr, false);
    assert_eq!(n, 2, "the cancelled meeting is left out of the page");
    assert_eq!(html.matches("<section").count(), 1);
    assert!(html.contains("<h1>paul</h1>"));
    assert!(html.contains("Alpha Énergie"));
    assert!(
        !html.contains("Gras"),
        "paul's only meeting with Gras was cancelled"
    );
    // The co-buyer is named as counterpart beside the supplier.
    assert!(html.contains("avec Marie Dupuis (mdupuis)"), "{html}");

    let (n, csv) = export(&s.store, &who, AgendaFormat::Csv, Lang::Fr, false);
    assert_eq!(n, 2);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.lines().skip(1).all(|l| l.starts_with("paul,")), "{csv}");

    // Marie: display name in the heading.
    let who = AgendaFor::Buyer("mdupuis".into());
    let (n, html) = export(&s.store, &who, AgendaFormat::Html, Lang::Fr, false);
    assert_eq!(n, 4);
    assert!(html.contains("<h1>Marie Dupuis</h1>"));
    assert!(html.contains("Direction des lycées"));
}

#[test]
fn supplier_and_table_filters() {
    let s = seed();
    let (n, ics) = export(
        &s.store,
        &AgendaFor::Supplier(s.alpha),
        AgendaFormat::Ics,
        Lang::Fr,
        false,
    );
    assert_eq!(n, 2);
    let uids: Vec<String> = events(&ics)
        .iter()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    assert!(uids.contains(&format!("{}@{STORE_ID}", s.m_alpha.id)));
    assert!(uids.contains(&format!("{}@{STORE_ID}", s.m_oct.id)));

    let (n, html) = export(
        &s.store,
        &AgendaFor::Supplier(s.rouge),
        AgendaFormat::Html,
        Lang::Fr,
        false,
    );
    assert_eq!(n, 2);
    assert_eq!(html.matches("<section").count(), 1);
    assert!(html.contains("<h1>Rouge, Vert; Bleu\\Noir</h1>"), "{html}");

    // "table 1", folded, is Table 1 on each of the three days.
    let (n, ics) = export(
        &s.store,
        &AgendaFor::Table("table 1".into()),
        AgendaFormat::Ics,
        Lang::Fr,
        false,
    );
    assert_eq!(n, 3);
    let mut uids: Vec<String> = events(&ics)
        .iter()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    uids.sort();
    let mut want: Vec<String> = [&s.m_alpha, &s.m_oct, &s.m_mar]
        .iter()
        .map(|m| format!("{}@{STORE_ID}", m.id))
        .collect();
    want.sort();
    assert_eq!(uids, want);
    // By a renamed table's name.
    let (n, html) = export(
        &s.store,
        &AgendaFor::Table("Salle Seine".into()),
        AgendaFormat::Html,
        Lang::En,
        false,
    );
    assert_eq!(n, 1);
    assert!(html.contains("<h1>Salle Seine</h1>"));
    assert!(html.contains("Rouge, Vert; Bleu"));
    // A table no day has: an empty agenda, not an error.
    let (n, csv) = export(
        &s.store,
        &AgendaFor::Table("Salle Loire".into()),
        AgendaFormat::Csv,
        Lang::En,
        false,
    );
    assert_eq!(n, 0);
    assert_eq!(csv.lines().count(), 1);
}

#[test]
fn the_html_has_one_printable_page_per_person_and_escapes_text() {
    let s = seed();
    let (n, html) = export(
        &s.store,
        &AgendaFor::All,
        AgendaFormat::Html,
        Lang::Fr,
        false,
    );
    assert_eq!(n, 5, "every meeting but the cancelled one");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("break-after: page"));
    // Buyers mdupuis and paul; suppliers Alpha, Rouge and Gras (Gras still has March).
    assert_eq!(
        html.matches("<section class=\"agenda\">").count(),
        5,
        "{html}"
    );
    assert_eq!(html.matches("<section").count(), 5);
    for heading in [
        "<h1>Marie Dupuis</h1>",
        "<h1>paul</h1>",
        "<h1>Alpha Énergie</h1>",
        "<h1>Rouge, Vert; Bleu\\Noir</h1>",
        "<h1>&lt;b&gt;Gras&lt;&#x2F;b&gt; &amp; Cie</h1>",
    ] {
        assert!(html.contains(heading), "{heading} in {html}");
    }
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"));
    assert!(!lower.contains("<b>"), "the name's tag is escaped");
    assert!(!lower.contains("src="), "no external resource");
    assert!(!lower.contains("href="), "no external resource");
    assert!(!lower.contains("<link"), "no external resource");
    assert!(!html.contains('\u{1b}'));
    assert!(html.contains("jeudi 3 décembre 2026"));
    assert!(html.contains("Saint-Ouen, siège de la Région"));
    assert!(html.contains("Forum de l&#x27;achat innovant — Bâtiment &amp; Énergie"));
    assert!(html.contains("09:00–09:20"));
    assert!(html.contains("Déjeuner"), "the day's break is shown");
    assert!(html.contains("⚠ 32 min au lieu de 20"), "equal-time flag");
    // The page in English.
    let (_, en) = export(
        &s.store,
        &AgendaFor::All,
        AgendaFormat::Html,
        Lang::En,
        false,
    );
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Thursday 3 December 2026"));
    assert!(en.contains("32 min instead of 20"));
}

#[test]
fn the_csv_has_its_columns_in_both_languages_and_the_equal_time_flag() {
    let s = seed();
    let (n, fr) = export(
        &s.store,
        &AgendaFor::All,
        AgendaFormat::Csv,
        Lang::Fr,
        false,
    );
    assert_eq!(n, 5);
    let mut r = csv::Reader::from_reader(fr.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "personne",
            "date",
            "debut",
            "fin",
            "decalage_utc",
            "table",
            "fournisseur",
            "siret",
            "acheteurs",
            "besoin",
            "statut",
            "duree_reelle_min",
            "ecart_duree"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // One line per buyer and meeting (mdupuis 4, paul 2) and per supplier (5).
    assert_eq!(rows.len(), 11, "{fr}");
    assert!(rows.iter().all(|r| &r[10] != "annulé"));
    let rouge: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[6] == "Rouge, Vert; Bleu\\Noir" && &r[1] == "2026-12-03")
        .collect();
    assert_eq!(rouge.len(), 2, "on Marie's and on the supplier's");
    for r in &rouge {
        assert_eq!(&r[2], "09:20");
        assert_eq!(&r[3], "09:40");
        assert_eq!(&r[4], "+01:00");
        assert_eq!(&r[5], "Salle Seine");
        assert_eq!(&r[10], "tenu");
        assert_eq!(&r[11], "32");
        assert_eq!(&r[12], "long");
    }
    let oct: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[1] == "2026-10-25").collect();
    assert!(oct.iter().all(|r| &r[4] == "+01:00"));
    let mar: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[1] == "2026-03-29").collect();
    assert!(!mar.is_empty() && mar.iter().all(|r| &r[4] == "+02:00"));
    assert!(rows
        .iter()
        .any(|r| &r[0] == "Marie Dupuis (mdupuis)" && &r[7] == "73282932000074"));

    let (_, en) = export(
        &s.store,
        &AgendaFor::All,
        AgendaFormat::Csv,
        Lang::En,
        false,
    );
    assert!(en.starts_with(
        "person,date,start,end,utc_offset,table,supplier,siret,buyers,need,status,\
         real_minutes,time_flag\n"
    ));
    // French Excel: BOM, semicolons, CRLF, dates DD/MM/YYYY, SIRET kept as text.
    let (_, xl) = export(
        &s.store,
        &AgendaFor::Supplier(s.alpha),
        AgendaFormat::Csv,
        Lang::Fr,
        true,
    );
    assert!(xl.starts_with("\u{feff}personne;date;"));
    assert!(xl.contains("\r\n"));
    assert!(xl.contains("03/12/2026"));
    assert!(xl.contains("=\"\"73282932000074\"\""), "{xl}");
    // A supplier whose only meeting that day was cancelled keeps its other days.
    let (n, csv) = export(
        &s.store,
        &AgendaFor::Supplier(s.gras),
        AgendaFormat::Csv,
        Lang::Fr,
        false,
    );
    assert_eq!(n, 1);
    assert!(csv.contains("2026-03-29"), "{csv}");
    assert!(!csv.contains("2026-12-03"), "{csv}");
}
