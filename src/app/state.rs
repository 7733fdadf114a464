//! Everything the screen shows, as plain data: [`AppState`]. The UI draws from `&AppState`
//! only; [`super::update`] is the only code that changes it.

use super::forms::{DayForm, NeedForm, OutcomeForm, PlanForm};
use super::input::TextInput;
use crate::domain::{
    CpvCatalog, ForumDay, Meeting, MeetingId, MeetingStatus, Need, NeedId, Outcome, ScoredReason,
    ShortlistEntry, Supplier, SupplierId, ThemeCatalog,
};
use crate::i18n::Lang;
use crate::i18n::Texts;
use crate::search::Hit;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The main tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// Supplier directory: search and detail.
    Suppliers,
    /// Needs, need form, shortlist.
    Needs,
    /// Forum days: slots × tables, my meetings.
    Agenda,
}

impl Tab {
    /// Tabs in display order (keys 1, 2, 3).
    pub const ALL: [Tab; 3] = [Tab::Suppliers, Tab::Needs, Tab::Agenda];
}

/// The suppliers the screen shows, read by id from the store — never the whole
/// directory: the search hits, the opened detail, the open need's suggestions and
/// shortlist, the suppliers of meetings and of the open form. Kept current by
/// `app::visible::refresh` after every change (the interface never writes suppliers, so a
/// supplier read stays valid while the interface runs).
#[derive(Debug, Clone, Default)]
pub struct Directory {
    shown: HashMap<SupplierId, Supplier>,
    loaded: bool,
}

impl Directory {
    /// The supplier with this id, when the screen needs it (and it exists).
    pub fn get(&self, id: SupplierId) -> Option<&Supplier> {
        self.shown.get(&id)
    }
    /// True once the store's suppliers can be read (their count is known).
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }
    /// Marks the directory readable.
    pub fn set_loaded(&mut self) {
        self.loaded = true;
    }
    /// True when this supplier is held.
    pub fn contains(&self, id: SupplierId) -> bool {
        self.shown.contains_key(&id)
    }
    /// Number of suppliers held (those the screen needs, not the directory's size).
    pub fn len(&self) -> usize {
        self.shown.len()
    }
    /// True when no supplier is held.
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }
    /// Keeps only the suppliers `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(SupplierId) -> bool) {
        self.shown.retain(|id, _| keep(*id));
    }
    /// Holds a supplier read from the store.
    pub fn insert(&mut self, s: Supplier) {
        self.shown.insert(s.id, s);
    }
}

/// Progress of the background start-up work (import for the demo, reading, indexing).
#[derive(Debug, Clone, PartialEq)]
pub enum LoadPhase {
    /// Importing the embedded directory: `done` of `total` bytes read.
    Importing {
        /// Bytes read so far.
        done: u64,
        /// Total bytes.
        total: u64,
    },
    /// Writing the imported suppliers to the store.
    Writing {
        /// Suppliers in the batch.
        suppliers: usize,
    },
    /// Reading suppliers from the store.
    Reading,
    /// Building the search index: `done` of `total` suppliers.
    Indexing {
        /// Suppliers indexed so far.
        done: usize,
        /// Suppliers to index.
        total: usize,
    },
    /// Search is available.
    Ready,
    /// Loading failed (message in the user's language, says what to do).
    Failed(String),
}

/// Which pane of the suppliers tab has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SupplierPane {
    /// The result list.
    #[default]
    List,
    /// The opened supplier's detail.
    Detail,
}

/// The suppliers tab.
#[derive(Debug, Clone, Default)]
pub struct SuppliersState {
    /// The search field.
    pub query: TextInput,
    /// True while the search field has the focus (typing goes into it).
    pub editing: bool,
    /// True right after `/` on a non-empty query: the query is shown selected and the first
    /// typed character or paste replaces it (as a browser's address bar); any other edit
    /// keeps it for refining.
    pub replace_on_type: bool,
    /// Results of the last finished query.
    pub hits: Vec<Hit>,
    /// Number of suppliers matching the last finished query.
    pub total: usize,
    /// The query text whose results are shown (None before the first results).
    pub shown_query: Option<String>,
    /// Sequence number of the last request sent to the search worker.
    pub requested_seq: u64,
    /// Sequence number of the results shown.
    pub received_seq: u64,
    /// True when the query changed before the index was ready (sent once it is).
    pub unsent: bool,
    /// Selected row in `hits`.
    pub selected: usize,
    /// Focused pane.
    pub pane: SupplierPane,
    /// The opened supplier.
    pub detail: Option<SupplierId>,
    /// Scroll offset of the detail, in lines.
    pub detail_scroll: u16,
    /// Tab to return to when the detail is closed (when opened from Needs or Agenda).
    pub return_tab: Option<Tab>,
}

/// A ranked supplier proposed for a need, with its one-line explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The supplier.
    pub supplier: SupplierId,
    /// Match score (points; higher first).
    pub score: f64,
    /// Explanation from [`crate::matching::explain`], in the interface's language.
    pub explanation: String,
    /// Each part of the score with its points (what a shortlist entry made from it keeps).
    pub reasons: Vec<ScoredReason>,
}

/// Which pane of the open need has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShortlistPane {
    /// Ranked suggestions from matching.
    #[default]
    Suggestions,
    /// Stored shortlist entries.
    Entries,
}

/// An open need: its ranked suggestions and its shortlist.
#[derive(Debug, Clone, Default)]
pub struct NeedView {
    /// The need.
    pub need: NeedId,
    /// Lot shown (0: the whole need).
    pub lot: u32,
    /// Ranked suggestions (empty until the directory is loaded).
    pub suggestions: Vec<Suggestion>,
    /// True once suggestions were computed on the loaded directory.
    pub ranked: bool,
    /// Shortlist entries of the lot shown, in triage then score order.
    pub entries: Vec<ShortlistEntry>,
    /// Focused pane.
    pub pane: ShortlistPane,
    /// Selected suggestion.
    pub sel_suggestion: usize,
    /// Selected entry.
    pub sel_entry: usize,
}

/// The needs tab.
#[derive(Debug, Clone, Default)]
pub struct NeedsState {
    /// All needs, by id.
    pub list: Vec<Need>,
    /// Selected row of the list.
    pub selected: usize,
    /// The open need, when one is open.
    pub view: Option<NeedView>,
}

/// Which pane of the agenda has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgendaPane {
    /// Slots × tables grid of the day.
    #[default]
    Grid,
    /// My meetings, all days.
    Mine,
}

/// The agenda tab.
#[derive(Debug, Clone, Default)]
pub struct AgendaState {
    /// Index of the day shown in [`AppState::days`].
    pub day: usize,
    /// Position of the selected slot in the day's slot list.
    pub slot: usize,
    /// Selected table (index in the day's tables).
    pub table: usize,
    /// Focused pane.
    pub pane: AgendaPane,
    /// Selected row of "my meetings".
    pub mine_selected: usize,
}

/// A popup form over the tabs.
#[derive(Debug, Clone)]
pub enum Modal {
    /// Creating or editing a need.
    NeedForm(Box<NeedForm>),
    /// Planning a meeting.
    Plan(PlanForm),
    /// Logging an outcome.
    Outcome(Box<OutcomeForm>),
    /// Creating or editing a forum day (organisers).
    DayForm(Box<DayForm>),
    /// The organiser's schedule for the agenda's day, before it is applied.
    Schedule(Box<crate::app::schedule_preview::SchedulePreview>),
    /// Why a proposed or shortlisted supplier has its score, part by part.
    ScoreDetail(Box<crate::app::score_detail::ScoreDetail>),
}

/// Smallest usable terminal width, in columns: below it only quit and resize act.
pub const MIN_WIDTH: u16 = 60;
/// Smallest usable terminal height, in rows: below it only quit and resize act.
pub const MIN_HEIGHT: u16 = 15;

/// A question waiting for the buyer's yes or no, shown on the message line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Esc or Ctrl-G on a form with unsaved changes: yes closes it and drops its draft.
    DiscardForm,
    /// Ctrl-C on a form with unsaved changes: yes drops the draft and quits.
    DiscardAndQuit,
    /// q in the demo: yes quits, and its temporary folder (all that was entered) goes.
    QuitDemo,
    /// Planning by hand at a time the supplier's registration does not cover: yes books
    /// it anyway, no keeps the planning popup open.
    PlanOutsideAvailability {
        /// The supplier's name (cleaned).
        supplier: String,
        /// The slot's start, "HH:MM".
        at: String,
        /// Its windows that day ("09:00–12:30"), empty when not registered.
        windows: String,
    },
    /// Planning a supplier set aside for the need, or already met for it: yes books it
    /// anyway, no keeps the planning popup open.
    PlanDespite {
        /// The question, naming the supplier and why.
        question: String,
    },
    /// Cancelling a meeting, or turning a held or no-show meeting into another status: yes
    /// does it (journaled), no leaves it as it was.
    MeetingStatus {
        /// The meeting.
        id: crate::domain::MeetingId,
        /// What it becomes.
        to: crate::domain::MeetingStatus,
        /// The question, with the meeting's time and supplier.
        question: String,
    },
    /// Removing a supplier from a shortlist (its status, priority and note go with it):
    /// yes removes it (journaled), no keeps it.
    RemoveEntry {
        /// The need.
        need: crate::domain::NeedId,
        /// The lot (0: whole need).
        lot: u32,
        /// The supplier.
        supplier: crate::domain::SupplierId,
        /// Its name, for the question.
        name: String,
    },
    /// Apply the schedule on screen: yes books its meetings (count), journaled.
    ApplySchedule {
        /// How many meetings it books.
        count: usize,
    },
    /// A day edit displaces meetings (listed on the form): yes saves the day and moves each
    /// to its nearest free slot (journaled); no keeps the form open.
    MoveMeetings {
        /// The day as the form describes it.
        day: Box<crate::domain::ForumDay>,
        /// How many meetings move.
        count: usize,
    },
    /// Removing a forum day: yes cancels its planned meetings (journaled) and removes it.
    RemoveDay {
        /// The day.
        date: jiff::civil::Date,
        /// How many of its meetings are planned (they are cancelled).
        planned: usize,
    },
}

/// Kind of a status message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// A confirmation or information.
    Info,
    /// Something failed; the text says what to do.
    Error,
}

/// A message on the message line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Kind.
    pub kind: MessageKind,
    /// Text, in the user's language.
    pub text: String,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Interface language.
    pub lang: Lang,
    /// User-facing text in that language.
    pub texts: &'static Texts,
    /// Current tab.
    pub tab: Tab,
    /// Open popup form, if any.
    pub modal: Option<Modal>,
    /// Help overlay open, with its scroll offset.
    pub help: Option<u16>,
    /// Message line.
    pub message: Option<Message>,
    /// True once the user asked to quit.
    pub quit: bool,
    /// The buyer's login (recorded in the journal and on meetings).
    pub buyer: String,
    /// Running `sourcing demo` (a temporary folder, removed on the way out): quitting asks.
    pub demo: bool,
    /// The buyer's name as shown (access list, `--buyer-name`), empty when unknown: the
    /// status line then shows the login alone.
    pub buyer_name: String,
    /// Today in Europe/Paris.
    pub today: jiff::civil::Date,
    /// Forum themes.
    pub themes: Arc<ThemeCatalog>,
    /// CPV labels.
    pub cpv: Arc<CpvCatalog>,
    /// Start-up progress.
    pub load: LoadPhase,
    /// The supplier directory.
    pub directory: Directory,
    /// Number of suppliers in the store (known before the directory is loaded).
    pub supplier_count: usize,
    /// Suppliers tab.
    pub suppliers: SuppliersState,
    /// Needs tab.
    pub needs: NeedsState,
    /// Agenda tab.
    pub agenda: AgendaState,
    /// Forum days, by date.
    pub days: Vec<ForumDay>,
    /// All meetings, by id.
    pub meetings: Vec<Meeting>,
    /// Outcome versions per meeting, oldest first.
    pub outcomes: BTreeMap<MeetingId, Vec<Outcome>>,
    /// The need `s` and `m` apply to (the last one opened).
    pub current_need: Option<NeedId>,
    /// True while a search request is queued or running.
    pub searching: bool,
    /// The terminal's locale is not UTF-8: the locale setting that decided it
    /// ("LANG=C", plain ASCII), shown in a one-line banner with how to fix it.
    pub locale_warning: Option<String>,
    /// The link to the forum server is lost (a banner says so; the client reconnects).
    pub link_lost: bool,
    /// The question waiting for an answer, if any (keys answer it and nothing else).
    pub confirm: Option<Confirm>,
    /// Terminal size (columns, rows) as last known; None until known.
    pub screen: Option<(u16, u16)>,
    /// The store clock's time at the latest event or tick (running meetings' timers);
    /// None before the first.
    pub now: Option<jiff::Timestamp>,
}

impl AppState {
    /// A fresh state: suppliers tab, nothing loaded.
    pub fn new(
        lang: Lang,
        buyer: String,
        today: jiff::civil::Date,
        themes: Arc<ThemeCatalog>,
        cpv: Arc<CpvCatalog>,
    ) -> Self {
        AppState {
            lang,
            texts: crate::i18n::texts(lang),
            tab: Tab::Suppliers,
            modal: None,
            help: None,
            message: None,
            quit: false,
            buyer,
            buyer_name: String::new(),
            demo: false,
            today,
            themes,
            cpv,
            load: LoadPhase::Reading,
            directory: Directory::default(),
            supplier_count: 0,
            suppliers: SuppliersState::default(),
            needs: NeedsState::default(),
            agenda: AgendaState::default(),
            days: Vec::new(),
            meetings: Vec::new(),
            outcomes: BTreeMap::new(),
            current_need: None,
            searching: false,
            locale_warning: None,
            link_lost: false,
            confirm: None,
            screen: None,
            now: None,
        }
    }

    /// True when the terminal is known to be below [`MIN_WIDTH`]×[`MIN_HEIGHT`]: the screen
    /// only says so, and only quit and resize act.
    pub fn too_small(&self) -> bool {
        self.screen
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// A need by id.
    pub fn need(&self, id: NeedId) -> Option<&Need> {
        self.needs.list.iter().find(|n| n.id == id)
    }

    /// The forum day shown in the agenda, if any.
    pub fn agenda_day(&self) -> Option<&ForumDay> {
        self.days.get(self.agenda.day)
    }

    /// The meeting occupying (`day`, the slot starting at `start`, `table`), not cancelled.
    pub fn meeting_at(
        &self,
        day: &ForumDay,
        start: jiff::Timestamp,
        table: crate::domain::TableId,
    ) -> Option<&Meeting> {
        self.meetings.iter().find(|m| {
            m.day == day.date && m.start == start && m.table == table && m.occupies_slot()
        })
    }

    /// The name of a meeting's table on its day ("?" when the day is not loaded).
    pub fn table_name(&self, m: &Meeting) -> String {
        self.days
            .iter()
            .find(|d| d.date == m.day)
            .map(|d| d.table_name(m.table).to_string())
            .unwrap_or_else(|| "?".to_string())
    }

    /// The buyer's meetings (all days), in day then slot order, cancelled ones included.
    pub fn my_meetings(&self) -> Vec<&Meeting> {
        let mut v: Vec<&Meeting> = self
            .meetings
            .iter()
            .filter(|m| m.buyers.contains(&self.buyer))
            .collect();
        v.sort_by_key(|m| (m.day, m.start, m.table));
        v
    }

    /// A supplier's meetings, in day then slot order.
    pub fn supplier_meetings(&self, supplier: SupplierId) -> Vec<&Meeting> {
        let mut v: Vec<&Meeting> = self
            .meetings
            .iter()
            .filter(|m| m.supplier == supplier)
            .collect();
        v.sort_by_key(|m| (m.day, m.start));
        v
    }

    /// The supplier's most recent meeting still relevant (not cancelled), for `h`, `n`, `o`
    /// from the supplier detail.
    pub fn latest_meeting_of(&self, supplier: SupplierId) -> Option<&Meeting> {
        self.supplier_meetings(supplier)
            .into_iter()
            .rev()
            .find(|m| m.status != MeetingStatus::Cancelled)
    }

    /// Whether the supplier is registered for one of the forum days (`sourcing import
    /// registrations`): marked "inscrit" in search rows and shortlists.
    pub fn registered(&self, id: SupplierId) -> bool {
        self.days.iter().any(|d| d.registration(id).is_some())
    }

    /// The supplier's display name (sanitized by the caller when drawn), or "n° id".
    pub fn supplier_name(&self, id: SupplierId) -> String {
        match self.directory.get(id) {
            Some(s) => s.name.clone(),
            None => (self.texts.supplier_no)(id),
        }
    }
}
