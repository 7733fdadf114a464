//! `sourcing export agenda`: the meetings of one buyer, one supplier, one table (or of
//! everyone) as an iCalendar file (RFC 5545) to import into a calendar, a printable HTML
//! page per person, or a CSV.
//!
//! - **ICS**: one `VCALENDAR` (`METHOD:PUBLISH`) with a `VTIMEZONE` for Europe/Paris and
//!   one `VEVENT` per meeting, cancelled ones included (`STATUS:CANCELLED`, with a higher
//!   `SEQUENCE` than when they were planned, so a calendar that imported them updates
//!   them). UIDs are `<meeting id>@<store id>`. Times are local Paris times
//!   (`DTSTART;TZID=Europe/Paris:20261203T090000`), except the second occurrence of a
//!   local time the day the clocks go back, which RFC 5545 would read as the first one and
//!   which is therefore written in UTC (`DTSTART:20261025T003000Z`). CRLF, lines folded at
//!   75 octets, TEXT escaped.
//! - **HTML**: one self-contained page (inline CSS, no script, no external resource), one
//!   `<section class="agenda">` per person, each printed on its own A4 page; cancelled
//!   meetings left out.
//! - **CSV**: one line per person and meeting (cancelled ones left out), UTF-8 or French
//!   Excel's dialect (see [`super`]).
//!
//! Every text from the store is cleaned of control characters and escape sequences
//! ([`clean_line`]) before it is escaped for the format.

use super::meetings::{meeting_rows, MeetingRow};
use super::{csv_writer, date, ident, text, utc_offset, ExportError};
use crate::domain::forum::{forum_tz, local_hm, FORUM_TZ};
use crate::domain::text::clean_line;
use crate::domain::{Buyer, Entity, ForumDay, Meeting, MeetingId, MeetingStatus, SupplierId};
use crate::domain::{Table, TimeFlag};
use crate::i18n::agenda::AgendaTexts;
use crate::i18n::{texts, Lang};
use crate::store::Store;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;

/// Whose agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaFor {
    /// The meetings a buyer attends, by login (exact, e.g. "mdupuis").
    Buyer(String),
    /// The meetings of a supplier, by store id.
    Supplier(SupplierId),
    /// The meetings at a table or room, by name, matched on each day with
    /// [`ForumDay::table_by_name`] (exact, then case- and accent-insensitive).
    Table(String),
    /// Every meeting: one calendar (ICS); one page per buyer and one per supplier (HTML);
    /// one line per buyer and meeting plus one per supplier and meeting (CSV).
    All,
}

/// Output format of [`export_agenda`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgendaFormat {
    /// iCalendar (RFC 5545), `text/calendar`.
    #[default]
    Ics,
    /// One printable HTML page, one A4 page per person.
    Html,
    /// CSV (French Excel's dialect with `excel`).
    Csv,
}

/// Slot length assumed for a meeting whose day is gone (a typical day's), minutes.
const FALLBACK_SLOT_MINUTES: u32 = 20;

/// Writes the agenda(s) to `out`; returns the number of meetings written (a meeting shown
/// on several people's pages counts once; cancelled meetings count in ICS only).
/// `store_id`: a stable id of the store for iCalendar UIDs (`<meeting id>@<store_id>`).
/// `lang`: language of the texts (summaries, headings, CSV column names). `excel`: CSV in
/// French Excel's dialect (ignored for ICS and HTML). Errors: the store's read errors,
/// write errors (closed pipe, full disk).
pub fn export_agenda(
    store: &dyn Store,
    out: &mut dyn Write,
    who: &AgendaFor,
    format: AgendaFormat,
    store_id: &str,
    lang: Lang,
    excel: bool,
) -> Result<usize, ExportError> {
    let ctx = Ctx::load(store, lang)?;
    let n = match format {
        AgendaFormat::Ics => write_ics(&ctx, store, out, who, store_id)?,
        AgendaFormat::Html => {
            let pages = ctx.pages(store, who)?;
            write_html(&ctx, out, who, &pages)?
        }
        AgendaFormat::Csv => {
            let pages = ctx.pages(store, who)?;
            write_csv(&ctx, out, &pages, excel)?
        }
    };
    out.flush()?;
    Ok(n)
}

/// What the three formats read from the store.
struct Ctx {
    rows: Vec<MeetingRow>,
    days: HashMap<Date, ForumDay>,
    buyers: HashMap<String, Buyer>,
    lang: Lang,
    words: &'static AgendaTexts,
    now: Timestamp,
}

/// One person's (or table's) page.
struct Page<'a> {
    kind: PageKind,
    /// Heading, raw text (cleaned and escaped when written).
    title: String,
    /// Second line (login and service, SIRET, room), raw text; may be empty.
    detail: String,
    /// Their meetings, cancelled ones left out, in day and time order.
    rows: Vec<&'a MeetingRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PageKind {
    Buyer(String),
    Supplier,
    Table,
}

impl Ctx {
    fn load(store: &dyn Store, lang: Lang) -> Result<Self, ExportError> {
        Ok(Ctx {
            rows: meeting_rows(store, lang)?,
            days: store
                .forum_days()?
                .into_iter()
                .map(|d| (d.date, d))
                .collect(),
            buyers: store
                .buyers()?
                .into_iter()
                .map(|b| (b.login.clone(), b))
                .collect(),
            lang,
            words: &texts(lang).agenda,
            now: store.clock().now(),
        })
    }

    /// The table `name` designates on `day`, if that day has one.
    fn table_on(&self, day: Date, name: &str) -> Option<&Table> {
        self.days.get(&day)?.table_by_name(name)
    }

    /// The table a row is at (None when its day or table is gone).
    fn table_of(&self, r: &MeetingRow) -> Option<&Table> {
        self.days
            .get(&r.day)?
            .tables
            .iter()
            .find(|t| t.name == r.table)
    }

    /// Whether a row belongs to `who`'s agenda (any status).
    fn is_for(&self, r: &MeetingRow, who: &AgendaFor) -> bool {
        match who {
            AgendaFor::Buyer(login) => r.buyers.iter().any(|b| b == login.trim()),
            AgendaFor::Supplier(id) => r.supplier_id == *id,
            AgendaFor::Table(name) => self
                .table_on(r.day, name)
                .is_some_and(|t| t.name == r.table),
            AgendaFor::All => true,
        }
    }

    /// A buyer as shown: "Marie Dupuis (mdupuis)", or the login alone when the access
    /// list has no display name for it.
    fn buyer_label(&self, login: &str) -> String {
        match self.buyers.get(login) {
            Some(b) if b.shown_name() != b.login => {
                format!("{} ({})", clean_line(b.shown_name()), clean_line(login))
            }
            _ => clean_line(login),
        }
    }

    fn buyer_page<'a>(&self, login: &str, rows: Vec<&'a MeetingRow>) -> Page<'a> {
        let w = self.words;
        let mut detail = vec![w.buyer_kind.to_string()];
        if let Some(b) = self.buyers.get(login) {
            if b.shown_name() != b.login {
                detail.push(clean_line(login));
            }
            if !b.service.trim().is_empty() {
                detail.push(clean_line(&b.service));
            }
        }
        Page {
            kind: PageKind::Buyer(login.to_string()),
            title: match self.buyers.get(login) {
                Some(b) => clean_line(b.shown_name()),
                None => clean_line(login),
            },
            detail: detail.join(" · "),
            rows,
        }
    }

    fn supplier_page<'a>(&self, name: &str, siret: &str, rows: Vec<&'a MeetingRow>) -> Page<'a> {
        let w = self.words;
        let mut detail = w.supplier_kind.to_string();
        if !siret.is_empty() {
            detail.push_str(&format!(" · SIRET {}", clean_line(siret)));
        }
        Page {
            kind: PageKind::Supplier,
            title: clean_line(name),
            detail,
            rows,
        }
    }

    /// The pages of `who`'s agenda, cancelled meetings left out. A single buyer, supplier
    /// or table always gets its page, even without a meeting.
    fn pages<'a>(
        &'a self,
        store: &dyn Store,
        who: &AgendaFor,
    ) -> Result<Vec<Page<'a>>, ExportError> {
        let live = |r: &&MeetingRow| r.status != MeetingStatus::Cancelled;
        let mine: Vec<&MeetingRow> = self
            .rows
            .iter()
            .filter(|r| self.is_for(r, who))
            .filter(live)
            .collect();
        Ok(match who {
            AgendaFor::Buyer(login) => vec![self.buyer_page(login.trim(), mine)],
            AgendaFor::Supplier(id) => {
                let (name, siret) = match store.supplier(*id)? {
                    Some(s) => (
                        s.name.clone(),
                        s.siret.map(|s| s.to_string()).unwrap_or_default(),
                    ),
                    None => mine
                        .first()
                        .map(|r| (r.supplier.clone(), r.siret.clone()))
                        .unwrap_or_else(|| (format!("#{id}"), String::new())),
                };
                vec![self.supplier_page(&name, &siret, mine)]
            }
            AgendaFor::Table(name) => {
                let table = self
                    .days
                    .values()
                    .filter_map(|d| d.table_by_name(name))
                    .next();
                let mut rooms: Vec<String> = self
                    .days
                    .values()
                    .filter_map(|d| d.table_by_name(name))
                    .map(|t| clean_line(&t.room))
                    .filter(|r| !r.is_empty())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let mut detail = vec![self.words.table_kind.to_string()];
                detail.append(&mut rooms);
                vec![Page {
                    kind: PageKind::Table,
                    title: clean_line(table.map(|t| t.name.as_str()).unwrap_or(name)),
                    detail: detail.join(" · "),
                    rows: mine,
                }]
            }
            AgendaFor::All => {
                let mut by_buyer: BTreeMap<&str, Vec<&MeetingRow>> = BTreeMap::new();
                let mut by_supplier: BTreeMap<(String, SupplierId), Vec<&MeetingRow>> =
                    BTreeMap::new();
                for r in &mine {
                    let mut seen = HashSet::new();
                    for b in &r.buyers {
                        if seen.insert(b.as_str()) {
                            by_buyer.entry(b.as_str()).or_default().push(r);
                        }
                    }
                    by_supplier
                        .entry((
                            crate::domain::text::identity_fold(&clean_line(&r.supplier)),
                            r.supplier_id,
                        ))
                        .or_default()
                        .push(r);
                }
                let mut pages: Vec<Page> = by_buyer
                    .into_iter()
                    .map(|(login, rows)| self.buyer_page(login, rows))
                    .collect();
                pages.extend(by_supplier.into_values().filter_map(|rows| {
                    let first = rows.first()?;
                    let (name, siret) = (first.supplier.clone(), first.siret.clone());
                    Some(self.supplier_page(&name, &siret, rows))
                }));
                pages
            }
        })
    }

    /// The slot length of a row's day, minutes.
    fn slot_minutes(&self, r: &MeetingRow) -> u32 {
        self.days
            .get(&r.day)
            .map(|d| u32::from(d.slot_minutes))
            .unwrap_or(FALLBACK_SLOT_MINUTES)
    }

    /// The end of a row's slot: its slot's end, else start + the day's slot length.
    fn end(&self, r: &MeetingRow) -> Timestamp {
        r.end.unwrap_or_else(|| {
            r.start
                .checked_add(SignedDuration::from_mins(i64::from(self.slot_minutes(r))))
                .unwrap_or(r.start)
        })
    }

    /// The row as a meeting with its real start and end, for the equal-time check.
    fn timed(r: &MeetingRow) -> Meeting {
        Meeting {
            status: r.status,
            started_at: r.started_at,
            ended_at: r.ended_at,
            ..Meeting::default()
        }
    }

    /// The equal-time flag of a row against its day's slot length.
    fn time_flag(&self, r: &MeetingRow) -> Option<TimeFlag> {
        Self::timed(r).time_flag(self.slot_minutes(r))
    }

    /// The supplier as shown: its name (cleaned), "#id" when it has none.
    fn supplier_label(r: &MeetingRow) -> String {
        let s = clean_line(&r.supplier);
        if s.is_empty() {
            format!("#{}", r.supplier_id)
        } else {
            s
        }
    }

    /// The buyers of a row as shown, `but` left out.
    fn buyers_label(&self, r: &MeetingRow, but: Option<&str>) -> String {
        r.buyers
            .iter()
            .filter(|b| Some(b.as_str()) != but)
            .map(|b| self.buyer_label(b))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Distinct meetings on the pages.
fn distinct(pages: &[Page]) -> usize {
    pages
        .iter()
        .flat_map(|p| p.rows.iter().map(|r| r.id))
        .collect::<HashSet<MeetingId>>()
        .len()
}

// ---------------------------------------------------------------------------------------
// Words

impl AgendaTexts {
    /// "jeudi 3 décembre 2026" / "Thursday 3 December 2026".
    fn long_date(&self, d: Date) -> String {
        let wd = usize::try_from(d.weekday().to_monday_zero_offset()).unwrap_or(0);
        let m = usize::try_from(d.month() - 1).unwrap_or(0);
        format!(
            "{} {} {} {}",
            self.weekdays.get(wd).copied().unwrap_or_default(),
            d.day(),
            self.months.get(m).copied().unwrap_or_default(),
            d.year()
        )
    }

    /// "créneaux de 20 min" / "20-minute slots".
    fn slots(&self, minutes: u16) -> String {
        self.slots.replace("{}", &minutes.to_string())
    }

    /// "32 min au lieu de 20" / "32 min instead of 20".
    fn flag(&self, f: TimeFlag) -> String {
        let (TimeFlag::Short { minutes, slot } | TimeFlag::Long { minutes, slot }) = f;
        format!("{minutes} {} {slot}", self.instead_of)
    }

    /// "court" / "long".
    fn flag_kind(&self, f: TimeFlag) -> &'static str {
        match f {
            TimeFlag::Short { .. } => self.short,
            TimeFlag::Long { .. } => self.long,
        }
    }
}

/// The day's heading: "Title — jeudi 3 décembre 2026 — Place".
fn day_heading(w: &AgendaTexts, date: Date, day: Option<&ForumDay>) -> String {
    let mut parts = Vec::new();
    if let Some(t) = day.map(|d| clean_line(&d.title)).filter(|t| !t.is_empty()) {
        parts.push(t);
    }
    parts.push(w.long_date(date));
    if let Some(p) = day.map(|d| clean_line(&d.place)).filter(|p| !p.is_empty()) {
        parts.push(p);
    }
    parts.join(" — ")
}

// ---------------------------------------------------------------------------------------
// ICS

/// Octets of a content line before it is folded (RFC 5545 §3.1), CRLF excluded.
const ICS_LINE_OCTETS: usize = 75;

/// The Europe/Paris rules since 1996: CEST from the last Sunday of March at 02:00, CET
/// from the last Sunday of October at 03:00.
const VTIMEZONE_PARIS: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "X-LIC-LOCATION:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Content lines being built: each folded at [`ICS_LINE_OCTETS`] and ended by CRLF.
#[derive(Default)]
struct Ics {
    buf: String,
}

impl Ics {
    /// A line as is (its value already escaped), folded: a continuation line starts with
    /// one space, which counts in its 75 octets; a UTF-8 character is never split.
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > ICS_LINE_OCTETS {
                self.buf.push_str("\r\n ");
                width = 1;
            }
            self.buf.push(c);
            width += n;
        }
        self.buf.push_str("\r\n");
    }

    /// `NAME:value` with `value` a TEXT, cleaned then escaped. `multiline`: the value's
    /// line breaks are kept (escaped as `\n`), each line cleaned on its own.
    fn text(&mut self, name: &str, value: &str, multiline: bool) {
        let cleaned = if multiline {
            value.lines().map(clean_line).collect::<Vec<_>>().join("\n")
        } else {
            clean_line(value)
        };
        self.line(&format!("{name}:{}", ics_escape(&cleaned)));
    }

    fn write_to(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` get a backslash, a line break
/// becomes `\n`.
fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A UTC instant as an iCalendar DATE-TIME in UTC: "20261203T080000Z".
fn ics_utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `DTSTART`/`DTEND` parameters and value for an instant: Paris local time with its TZID,
/// or UTC when that local time happens twice and this is its second occurrence (RFC 5545
/// reads an ambiguous local time as the first).
fn ics_time(name: &str, ts: Timestamp) -> String {
    let tz = forum_tz();
    let local = ts.to_zoned(tz.clone()).datetime();
    let back = local.to_zoned(tz).map(|z| z.timestamp());
    if back.ok() == Some(ts) {
        format!("{name};TZID={FORUM_TZ}:{}", local.strftime("%Y%m%dT%H%M%S"))
    } else {
        format!("{name}:{}", ics_utc(ts))
    }
}

fn write_ics(
    ctx: &Ctx,
    store: &dyn Store,
    out: &mut dyn Write,
    who: &AgendaFor,
    store_id: &str,
) -> Result<usize, ExportError> {
    let w = ctx.words;
    let t = texts(ctx.lang);
    // Journal events about each meeting: their count gives SEQUENCE, the first and last
    // CREATED and LAST-MODIFIED.
    let mut history: HashMap<MeetingId, (usize, Timestamp, Timestamp)> = HashMap::new();
    for e in store.journal()? {
        if e.entity == Entity::Meeting {
            let h = history.entry(e.id).or_insert((0, e.at, e.at));
            h.0 += 1;
            h.1 = h.1.min(e.at);
            h.2 = h.2.max(e.at);
        }
    }
    let calendar_name = match who {
        AgendaFor::Buyer(login) => format!("{} — {}", w.calendar, ctx.buyer_label(login.trim())),
        AgendaFor::Supplier(id) => {
            let name = store
                .supplier(*id)?
                .map(|s| s.name)
                .unwrap_or_else(|| format!("#{id}"));
            format!("{} — {}", w.calendar, name)
        }
        AgendaFor::Table(name) => format!("{} — {}", w.calendar, name),
        AgendaFor::All => w.all_title.to_string(),
    };
    let uid_host = ics_escape(&clean_line(store_id));
    let stamp = ics_utc(ctx.now);

    let mut ics = Ics::default();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        concat!(
            "PRODID:-//sourcing//sourcing ",
            env!("CARGO_PKG_VERSION"),
            "//FR"
        ),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        ics.line(l);
    }
    ics.text("X-WR-CALNAME", &calendar_name, false);
    ics.line(&format!("X-WR-TIMEZONE:{FORUM_TZ}"));
    for l in VTIMEZONE_PARIS {
        ics.line(l);
    }
    ics.write_to(out)?;

    let mut count = 0;
    for r in ctx.rows.iter().filter(|r| ctx.is_for(r, who)) {
        let day = ctx.days.get(&r.day);
        let supplier = Ctx::supplier_label(r);
        let need = clean_line(&r.need);
        let summary = if need.is_empty() {
            format!("{}{}{supplier}", w.summary, w.colon)
        } else {
            format!("{}{}{supplier} — {need}", w.summary, w.colon)
        };
        let mut location = vec![clean_line(&r.table)];
        if let Some(room) = ctx.table_of(r).map(|t| clean_line(&t.room)) {
            location.push(room);
        }
        if let Some(place) = day.map(|d| clean_line(&d.place)) {
            location.push(place);
        }
        location.retain(|s| !s.is_empty());

        let mut description = vec![format!(
            "{}{}{}",
            w.buyers,
            w.colon,
            ctx.buyers_label(r, None)
        )];
        let mut supplier_line = format!("{}{}{supplier}", w.supplier, w.colon);
        if !r.siret.is_empty() {
            supplier_line.push_str(&format!(" (SIRET {})", clean_line(&r.siret)));
        }
        description.push(supplier_line);
        if !need.is_empty() {
            description.push(format!("{}{}{need}", w.need, w.colon));
        }
        if r.lot > 0 {
            description.push(format!("{}{}{}", w.lot, w.colon, r.lot));
        }
        description.push(format!(
            "{}{}{}",
            w.day,
            w.colon,
            day_heading(w, r.day, day)
        ));
        description.push(format!(
            "{}{}{}",
            w.status,
            w.colon,
            t.meeting_status(r.status)
        ));
        if let Some(f) = ctx.time_flag(r) {
            description.push(format!(
                "{}{}{} ⚠ {}",
                w.real_length,
                w.colon,
                w.flag(f),
                w.flag_note
            ));
        }

        let (events, created, modified) =
            history.get(&r.id).copied().unwrap_or((0, ctx.now, ctx.now));
        ics.line("BEGIN:VEVENT");
        ics.line(&format!("UID:{}@{uid_host}", r.id));
        ics.line(&format!("DTSTAMP:{stamp}"));
        ics.line(&ics_time("DTSTART", r.start));
        ics.line(&ics_time("DTEND", ctx.end(r)));
        ics.text("SUMMARY", &summary, false);
        ics.text("LOCATION", &location.join(", "), false);
        ics.text("DESCRIPTION", &description.join("\n"), true);
        ics.line(if r.status == MeetingStatus::Cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        ics.line(&format!("SEQUENCE:{}", events.saturating_sub(1)));
        ics.line(&format!("CREATED:{}", ics_utc(created)));
        ics.line(&format!("LAST-MODIFIED:{}", ics_utc(modified)));
        ics.line("TRANSP:OPAQUE");
        ics.line("END:VEVENT");
        ics.write_to(out)?;
        count += 1;
    }
    ics.line("END:VCALENDAR");
    ics.write_to(out)?;
    Ok(count)
}

// ---------------------------------------------------------------------------------------
// HTML

/// Cleaned then escaped for HTML text and attribute values.
fn h(s: &str) -> String {
    html_escape::encode_safe(&clean_line(s)).into_owned()
}

const CSS: &str = "\
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: \"DejaVu Sans\", Arial, Helvetica, sans-serif; font-size: 11pt; color: #111; margin: 0; }
section.agenda { break-after: page; page-break-after: always; padding: 0 0 1em; }
section.agenda:last-of-type { break-after: auto; page-break-after: auto; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
.detail { color: #444; margin: 0 0 1em; }
h2 { font-size: 12pt; margin: 1.2em 0 .2em; border-bottom: 1px solid #999; padding-bottom: .2em; }
p.day { margin: 0 0 .4em; color: #333; }
.slots { font-weight: normal; color: #444; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th:nth-child(1) { width: 15%; } th:nth-child(2) { width: 14%; } th:nth-child(3) { width: 29%; }
th:nth-child(4) { width: 24%; } th:nth-child(5) { width: 18%; }
th, td { border: 1px solid #bbb; padding: .3em .5em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.time { white-space: nowrap; }
tr.pause td { background: #f6f6f6; color: #555; font-style: italic; }
.small { font-size: 9pt; color: #444; }
.flag { color: #a00; font-weight: bold; }
.none { font-style: italic; }
footer { margin-top: 2em; font-size: 8pt; color: #777; }
";

fn write_html(
    ctx: &Ctx,
    out: &mut dyn Write,
    who: &AgendaFor,
    pages: &[Page],
) -> Result<usize, ExportError> {
    let w = ctx.words;
    let t = texts(ctx.lang);
    let lang = match ctx.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let title = match (who, pages.first()) {
        (AgendaFor::All, _) | (_, None) => w.all_title.to_string(),
        (_, Some(p)) => format!("{} — {}", w.calendar, p.title),
    };
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        h(&title)
    )?;
    let printed = format!(
        "{} {} — sourcing",
        w.printed,
        crate::domain::forum::local_datetime(ctx.now)
    );
    if pages.is_empty() {
        write!(
            out,
            "<section class=\"agenda\">\n<h1>{}</h1>\n<p class=\"none\">{}</p>\n</section>\n",
            h(&title),
            h(w.no_meeting)
        )?;
    }
    for p in pages {
        write!(
            out,
            "<section class=\"agenda\">\n<h1>{}</h1>\n<p class=\"detail\">{}</p>\n",
            h(&p.title),
            h(&p.detail)
        )?;
        if p.rows.is_empty() {
            writeln!(out, "<p class=\"none\">{}</p>", h(w.no_meeting))?;
        }
        let mut by_day: BTreeMap<Date, Vec<&MeetingRow>> = BTreeMap::new();
        for r in &p.rows {
            by_day.entry(r.day).or_default().push(r);
        }
        for (date, rows) in by_day {
            let day = ctx.days.get(&date);
            write!(out, "<h2>{}", h(&w.long_date(date)))?;
            if let Some(d) = day {
                write!(
                    out,
                    " <span class=\"slots\">· {}</span>",
                    h(&w.slots(d.slot_minutes))
                )?;
            }
            out.write_all(b"</h2>\n")?;
            let about: Vec<String> = day
                .into_iter()
                .flat_map(|d| [clean_line(&d.title), clean_line(&d.place)])
                .filter(|s| !s.is_empty())
                .collect();
            if !about.is_empty() {
                writeln!(out, "<p class=\"day\">{}</p>", h(&about.join(" — ")))?;
            }
            write!(
                out,
                "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>\
                 <th>{}</th></tr></thead>\n<tbody>\n",
                h(w.time),
                h(w.table),
                h(w.with),
                h(w.need),
                h(w.status)
            )?;
            // Meetings and the day's breaks, in time order.
            let mut lines: Vec<(Timestamp, String)> = Vec::new();
            if let Some(d) = day {
                for (start, end, label) in d.break_spans() {
                    lines.push((
                        start,
                        format!(
                            "<tr class=\"pause\"><td class=\"time\">{}–{}</td>\
                             <td colspan=\"4\">{}</td></tr>\n",
                            local_hm(start),
                            local_hm(end),
                            h(label)
                        ),
                    ));
                }
            }
            for r in rows {
                lines.push((r.start, html_row(ctx, p, r, t)));
            }
            lines.sort_by_key(|(at, _)| *at);
            for (_, l) in lines {
                out.write_all(l.as_bytes())?;
            }
            writeln!(out, "</tbody>\n</table>")?;
        }
        writeln!(out, "<footer>{}</footer>\n</section>", h(&printed))?;
    }
    writeln!(out, "</body>\n</html>")?;
    Ok(distinct(pages))
}

/// One meeting's `<tr>`.
fn html_row(ctx: &Ctx, p: &Page, r: &MeetingRow, t: &crate::i18n::Texts) -> String {
    let w = ctx.words;
    let table = match ctx.table_of(r).map(|t| clean_line(&t.room)) {
        Some(room) if !room.is_empty() && p.kind != PageKind::Table => {
            format!(
                "{}<br><span class=\"small\">{}</span>",
                h(&r.table),
                h(&room)
            )
        }
        _ => h(&r.table),
    };
    let supplier = h(&Ctx::supplier_label(r));
    let with = match &p.kind {
        PageKind::Buyer(login) => {
            let others = ctx.buyers_label(r, Some(login));
            if others.is_empty() {
                supplier
            } else {
                format!(
                    "{supplier}<br><span class=\"small\">{} {}</span>",
                    h(w.along),
                    h(&others)
                )
            }
        }
        PageKind::Supplier => h(&ctx.buyers_label(r, None)),
        PageKind::Table => format!(
            "{supplier}<br><span class=\"small\">{}</span>",
            h(&ctx.buyers_label(r, None))
        ),
    };
    let mut status = h(t.meeting_status(r.status));
    if let Some(f) = ctx.time_flag(r) {
        status.push_str(&format!(" <span class=\"flag\">⚠ {}</span>", h(&w.flag(f))));
    }
    format!(
        "<tr><td class=\"time\">{}–{}</td><td>{table}</td><td>{with}</td><td>{}</td>\
         <td>{status}</td></tr>\n",
        local_hm(r.start),
        local_hm(ctx.end(r)),
        h(&r.need)
    )
}

// ---------------------------------------------------------------------------------------
// CSV

fn write_csv(
    ctx: &Ctx,
    out: &mut dyn Write,
    pages: &[Page],
    excel: bool,
) -> Result<usize, ExportError> {
    let w = ctx.words;
    let t = texts(ctx.lang);
    let mut csv = csv_writer(&mut *out, excel)?;
    csv.write_record(w.csv_columns)?;
    for p in pages {
        let person = match &p.kind {
            PageKind::Buyer(login) => ctx.buyer_label(login),
            PageKind::Supplier | PageKind::Table => p.title.clone(),
        };
        for r in &p.rows {
            let flag = ctx.time_flag(r);
            csv.write_record([
                text(&person, excel).into_owned(),
                date(r.day, excel),
                local_hm(r.start),
                local_hm(ctx.end(r)),
                utc_offset(r.start),
                text(&clean_line(&r.table), excel).into_owned(),
                text(&Ctx::supplier_label(r), excel).into_owned(),
                ident(&clean_line(&r.siret), excel).into_owned(),
                text(&ctx.buyers_label(r, None), excel).into_owned(),
                text(&clean_line(&r.need), excel).into_owned(),
                t.meeting_status(r.status).to_string(),
                Ctx::timed(r)
                    .real_minutes()
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                flag.map(|f| w.flag_kind(f).to_string()).unwrap_or_default(),
            ])?;
        }
    }
    csv.flush()?;
    Ok(distinct(pages))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let mut ics = Ics::default();
        ics.line(&format!("SUMMARY:{}", "é".repeat(100)));
        for l in ics.buf.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?}");
        }
        let unfolded = ics.buf.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(100)));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(ics_escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    }

    #[test]
    fn the_second_of_two_equal_local_times_is_written_in_utc() {
        let first: Timestamp = "2026-10-25T00:30:00Z".parse().unwrap();
        let second: Timestamp = "2026-10-25T01:30:00Z".parse().unwrap();
        assert_eq!(
            ics_time("DTSTART", first),
            "DTSTART;TZID=Europe/Paris:20261025T023000"
        );
        assert_eq!(ics_time("DTSTART", second), "DTSTART:20261025T013000Z");
    }

    #[test]
    fn long_dates_in_both_languages() {
        let d = jiff::civil::date(2026, 12, 3);
        assert_eq!(
            crate::i18n::fr::agenda::AGENDA.long_date(d),
            "jeudi 3 décembre 2026"
        );
        assert_eq!(
            crate::i18n::en::agenda::AGENDA.long_date(d),
            "Thursday 3 December 2026"
        );
    }
}
