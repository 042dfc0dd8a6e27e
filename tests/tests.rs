//! All integration tests compile into this one binary (as ripgrep does), so a test run links ndas once.
//! Cases live as files under `tests/cases/`; snapshots under the top-level `snapshots/`.

// A panic in a test is a failing test, which is what we want; the library denies these lints.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod suite;
