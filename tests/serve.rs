//! The forum server over a real Unix socket in this test process: concurrent bookings,
//! news reaching another buyer's screen, and frames that try to break it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;

use common::{sample_suppliers, today, Harness};
use proptest::prelude::*;
use sourcing::client::{Connection, RemoteStore};
use sourcing::domain::{ForumDay, Meeting};
use sourcing::protocol::{Reply, Request};
use sourcing::serve::directory::Directory;
use sourcing::serve::{peer, Server, ServerConfig};
use sourcing::store::{GuardedStore, SledStore, Store, StoreError};
use std::io::Write;
use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

/// A server on a fresh store holding the sample suppliers and one typical forum day.
struct Forum {
    server: Server,
    store: Arc<GuardedStore>,
    log: Arc<Mutex<Vec<String>>>,
    /// Last: the folder goes once the server has stopped.
    _dir: tempfile::TempDir,
}

impl Forum {
    fn start() -> Forum {
        let dir = tempfile::tempdir().unwrap();
        let sled = Arc::new(SledStore::open(dir.path()).unwrap());
        let mut suppliers = sample_suppliers();
        // Enough firms for two per table in one slot (the booking race).
        suppliers.extend((1..=8).map(|i| sourcing::domain::Supplier {
            name: format!("Atelier coopératif {i}"),
            ..Default::default()
        }));
        sled.upsert_suppliers(suppliers, "orga").unwrap();
        sled.save_forum_day(ForumDay::typical(today()), "orga")
            .unwrap();
        let store = Arc::new(GuardedStore::new(sled));
        let directory = Directory::load(store.as_ref(), None, &mut |_| {}).unwrap();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = log.clone();
        let server = Server::start(
            store.clone(),
            Some(store.clone()),
            directory,
            ServerConfig {
                socket: dir.path().join("sourcing.sock"),
                owner: peer::own_login().unwrap(),
                lang: sourcing::cli::Lang::Fr,
                log: Arc::new(move |l: &str| sink.lock().unwrap().push(l.to_string())),
            },
        )
        .unwrap();
        Forum {
            _dir: dir,
            server,
            store,
            log,
        }
    }

    fn connect(&self) -> Connection {
        Connection::connect(self.server.socket()).unwrap()
    }
}

impl Drop for Forum {
    fn drop(&mut self) {
        // Sessions end as their links close: let go of the store before its folder goes
        // (its close backup is written into it). Three holders remain: this one and the
        // server's two (its store and its maintenance handle).
        self.server.stop();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while Arc::strong_count(&self.store) > 3 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn meeting(supplier: u64, slot: u32, table: u32, buyer: &str) -> Meeting {
    Meeting {
        supplier,
        buyers: vec![buyer.into()],
        day: today(),
        start: sourcing::domain::forum::typical_start(today(), slot),
        table,
        ..Default::default()
    }
}

#[test]
fn two_buyers_booking_one_slot_at_the_same_instant_one_wins_every_time() {
    let forum = Forum::start();
    let (a, b) = (
        Arc::new(RemoteStore::new(forum.connect())),
        Arc::new(RemoteStore::new(forum.connect())),
    );
    let suppliers: Vec<u64> = a
        .suppliers_page(None, 100)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let tables = ForumDay::typical(today()).tables.len();
    assert!(
        suppliers.len() >= 2 * tables,
        "{} suppliers",
        suppliers.len()
    );
    let day = ForumDay::typical(today());
    let places: Vec<(u32, u32)> = day
        .tables
        .iter()
        .flat_map(|t| day.slots().into_iter().map(move |s| (s.index, t.id)))
        .take(100)
        .collect();
    assert_eq!(places.len(), 100);
    let barrier = Arc::new(Barrier::new(2));
    // Each round, both want the same table at the same slot, each with a supplier and a
    // buyer of their own: only the table can conflict.
    let run = |store: Arc<RemoteStore>, side: usize, buyer: &'static str| {
        let (barrier, places, suppliers) = (barrier.clone(), places.clone(), suppliers.clone());
        std::thread::spawn(move || {
            places
                .iter()
                .enumerate()
                .map(|(i, (slot, table))| {
                    let supplier = suppliers[2 * (*table as usize - 1) + side];
                    let m = meeting(supplier, *slot, *table, &format!("{buyer}{i}"));
                    barrier.wait();
                    store.plan_meeting(m, "ignored")
                })
                .collect::<Vec<_>>()
        })
    };
    let (ta, tb) = (run(a.clone(), 0, "marie"), run(b.clone(), 1, "paul"));
    let (ra, rb) = (ta.join().unwrap(), tb.join().unwrap());
    for (i, (x, y)) in ra.iter().zip(&rb).enumerate() {
        let wins = usize::from(x.is_ok()) + usize::from(y.is_ok());
        assert_eq!(wins, 1, "round {i}: {x:?} / {y:?}");
        let lost = if x.is_ok() { y } else { x };
        assert!(
            matches!(lost, Err(StoreError::SlotTaken { .. })),
            "round {i}: {lost:?}"
        );
    }
    let all = forum.store.meetings().unwrap();
    assert_eq!(all.len(), 100);
    let mut places_taken: Vec<_> = all.iter().map(|m| (m.start, m.table)).collect();
    places_taken.sort();
    places_taken.dedup();
    assert_eq!(places_taken.len(), 100, "no place holds two meetings");
}

#[test]
fn a_meeting_planned_by_one_buyer_appears_on_the_other_buyers_screen() {
    let forum = Forum::start();
    let mut ui = Harness::remote(forum.connect(), "paul", 120, 40);
    ui.keys("3").run();
    let planner = RemoteStore::new(forum.connect());
    let first = planner.suppliers_page(None, 1).unwrap().remove(0);
    ui.assert_not_shows(&first.name);
    let slot = ForumDay::typical(today()).slots()[0].index;
    planner
        .plan_meeting(meeting(first.id, slot, 1, "marie"), "marie")
        .unwrap();
    // The agenda's cell shows the start of the name.
    let start: String = first.name.chars().take(8).collect();
    ui.wait_for(&start, Duration::from_secs(10));
    ui.assert_shows("Mes rendez-vous (0)");
    // Search runs in the server: the client finds suppliers without holding the directory.
    ui.keys("1").keys("/").keys(&first.name).run();
    ui.wait_for("1 résultat", Duration::from_secs(10));
    assert!(forum
        .log
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.starts_with("connexion de")));
}

#[test]
fn a_slow_client_is_resynchronised_instead_of_slowing_the_others() {
    let forum = Forum::start();
    // A client that never reads: its outbox fills with news, then it is marked behind.
    let quiet = forum.connect();
    let _news = quiet.subscribe();
    let writer = RemoteStore::new(forum.connect());
    let started = std::time::Instant::now();
    for i in 0..1_500 {
        writer
            .save_need(
                sourcing::domain::Need {
                    title: format!("Besoin {i}"),
                    ..Default::default()
                },
                "x",
            )
            .unwrap();
    }
    // The writer never waited on the quiet one (bounded queue, no blocking).
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_eq!(forum.store.needs().unwrap().len(), 1_500);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Random bytes, truncated frames and over-long lengths close that connection only:
    /// a client connected beside them is still answered, and new ones are accepted.
    #[test]
    fn garbage_on_the_wire_never_disturbs_another_client(
        junk in proptest::collection::vec(any::<u8>(), 0..600),
        hello_first in any::<bool>(),
    ) {
        let forum = FORUM.get_or_init(Forum::start);
        let good = forum.connect();
        let mut raw = std::os::unix::net::UnixStream::connect(forum.server.socket()).unwrap();
        if hello_first {
            let hello = serde_json::to_vec(&sourcing::protocol::ClientFrame::Hello {
                version: sourcing::protocol::VERSION,
                program: "fuzz".into(),
            }).unwrap();
            let _ = raw.write_all(&(hello.len() as u32).to_be_bytes());
            let _ = raw.write_all(&hello);
        }
        let _ = raw.write_all(&junk);
        drop(raw);
        prop_assert_eq!(good.call(Request::Ping), Ok(Reply::Done));
        let again = forum.connect();
        prop_assert!(matches!(again.call(Request::Needs), Ok(Reply::Needs(_))));
    }
}

static FORUM: std::sync::OnceLock<Forum> = std::sync::OnceLock::new();

#[test]
fn an_over_long_frame_is_refused_before_its_buffer_exists() {
    let forum = Forum::start();
    let good = forum.connect();
    let mut raw = std::os::unix::net::UnixStream::connect(forum.server.socket()).unwrap();
    raw.write_all(&u32::MAX.to_be_bytes()).unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut buf = [0u8; 1];
    // The server closes that connection (EOF), and only that one.
    assert_eq!(std::io::Read::read(&mut raw, &mut buf).unwrap_or(0), 0);
    assert_eq!(good.call(Request::Ping), Ok(Reply::Done));
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !forum
        .log
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.contains("trame invalide"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            forum.log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_slot_taken_a_moment_ago_names_the_colleague_who_took_it() {
    let forum = Forum::start();
    forum
        .store
        .save_buyer(
            sourcing::domain::Buyer {
                login: "marie".into(),
                display_name: "Marie Dupuis".into(),
                service: "Direction des lycées".into(),
                role: sourcing::domain::Role::Buyer,
            },
            "orga",
        )
        .unwrap();
    let colleague = RemoteStore::new(forum.connect());
    let firms = colleague.suppliers_page(None, 2).unwrap();
    let mut ui = Harness::remote(forum.connect(), "paul", 120, 40);
    // Paul opens the planning popup on the day's first free place (slot 1, Table 1)…
    ui.keys("1").keys("/").keys(&firms[0].name).run();
    ui.wait_for("1 résultat", Duration::from_secs(10));
    ui.key(ratatui::crossterm::event::KeyCode::Enter).keys("m");
    ui.wait_for("Planifier un rendez-vous", Duration::from_secs(10));
    // …Marie books it first…
    let slot = ForumDay::typical(today()).slots()[0].index;
    colleague
        .plan_meeting(meeting(firms[1].id, slot, 1, "marie"), "marie")
        .unwrap();
    // …and Paul's confirmation is refused, naming her.
    ui.key(ratatui::crossterm::event::KeyCode::Enter).run();
    ui.wait_for(
        "Créneau pris à l'instant par Marie Dupuis",
        Duration::from_secs(10),
    );
    ui.assert_shows("Choisissez un autre");
}
