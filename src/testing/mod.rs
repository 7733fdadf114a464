//! Test kit shared by the unit tests, the integration tests and the benches (not part of
//! the user-facing API: hidden from the docs, stable only within this repository).
//!
//! - [`fixtures`]: the sample suppliers and the themes catalogue tests build on, instead of
//!   one copy per test file.
//! - [`screen`]: a drawn screen as text and as a colour/style view, and
//!   [`assert_screen!`](crate::assert_screen) which snapshots both with insta.
//! - [`rng`]: splitmix64, the seeded generator of the scheduler's property tests and bench.
//! - [`store`]: a real store directory built once per test binary
//!   ([`shared_store!`](crate::shared_store)) and copied for the tests that write.
//!
//! Everything here panics on failure: a fixture that cannot be built is a failed test.
// A test kit: a failed fixture is a failed test, reported by the panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod fixtures;
pub mod rng;
pub mod screen;
pub mod store;

pub use fixtures::{sample_suppliers, siret, themes};

pub use crate::store::memory::MemoryStore;
pub use crate::store::FixedClock;

/// Every supplier of `store`, in id order, as one `Vec`: for tests on small stores only
/// (the product streams them with [`crate::store::Store::for_each_supplier`]).
pub fn all_suppliers(
    store: &dyn crate::store::Store,
) -> crate::store::StoreResult<Vec<crate::domain::Supplier>> {
    let mut out = Vec::new();
    store.for_each_supplier(&mut |s| {
        out.push(s);
        std::ops::ControlFlow::Continue(())
    })?;
    Ok(out)
}

/// What a finished command printed: its standard output then its standard error, as text
/// (for the tests that run the real binary).
pub fn output_text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
