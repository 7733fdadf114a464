//! `kill -9` of `sourcing serve` while five clients write: every write the server
//! acknowledged is in the store after the restart, and the clients reconnect by
//! themselves (each writes again after it). Ten rounds; the soak is the same test with
//! `SOURCING_SOAK_ROUNDS=100 cargo test --release --test serve_kill`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken test set-up may panic

mod common;
mod serve_support;

use serve_support::Served;
use sourcing::client::{Connection, RemoteStore};
use sourcing::domain::Need;
use sourcing::store::{Store, StoreError};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 5;

/// Rounds: `SOURCING_SOAK_ROUNDS`, else 10.
fn rounds() -> usize {
    std::env::var("SOURCING_SOAK_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

#[test]
fn acknowledged_writes_survive_kill_9_of_the_server_and_clients_reconnect() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("forum");
    common::seed_store(&dir);
    let mut server = Some(Served::start(&dir));
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let writes = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let socket = dir.join("sourcing.sock");
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let store = RemoteStore::new(Connection::connect(&socket).unwrap());
            let (acked, writes, stop) = (acked.clone(), writes.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut n = 0u64;
                while !stop.load(Ordering::SeqCst) {
                    n += 1;
                    let title = format!("client {c} besoin {n}");
                    let need = Need {
                        title: title.clone(),
                        ..Default::default()
                    };
                    match store.save_need(need, "x") {
                        Ok(_) => {
                            acked.lock().unwrap().push(title);
                            writes.fetch_add(1, Ordering::SeqCst);
                        }
                        // Lost before its answer, or refused while reconnecting: not
                        // acknowledged, so it may or may not be there.
                        Err(StoreError::Disconnected | StoreError::Io(_)) => {
                            std::thread::sleep(Duration::from_millis(5))
                        }
                        Err(e) => panic!("{e:?}"),
                    }
                }
            })
        })
        .collect();
    let wait_writes = |at_least: usize| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while writes.load(Ordering::SeqCst) < at_least {
            assert!(Instant::now() < deadline, "clients stopped writing");
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    for round in 0..rounds() {
        let before = writes.load(Ordering::SeqCst);
        // Every client wrote since the last restart: all five reconnected by themselves.
        wait_writes(before + 5 * CLIENTS);
        std::thread::sleep(Duration::from_millis(20 + 17 * round as u64));
        server.take().unwrap().kill_9();
        server = Some(Served::start(&dir));
    }
    wait_writes(writes.load(Ordering::SeqCst) + 5 * CLIENTS);
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        c.join().unwrap();
    }
    let (status, log) = server.take().unwrap().stop();
    assert!(status.success(), "{log}");
    let store = common::open_store(&dir);
    let stored: HashSet<String> = store
        .needs()
        .unwrap()
        .into_iter()
        .map(|n| n.title)
        .collect();
    let acked = acked.lock().unwrap();
    let lost: Vec<&String> = acked.iter().filter(|t| !stored.contains(*t)).collect();
    assert!(
        acked.len() > rounds() * 5 * CLIENTS,
        "{} writes",
        acked.len()
    );
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged writes lost: {lost:?}",
        lost.len(),
        acked.len()
    );
}
