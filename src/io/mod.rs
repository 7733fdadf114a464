//! Import and export of suppliers and forum data (CSV, JSON lines), and the embedded fixtures.

pub mod embedded;
