//! ndas: a rules engine for police intelligence analytics.
//!
//! The pipeline, and the module that owns each step:
//!
//! ```text
//! policy root (rules/, reference_files/)          extract directory (CSV or Parquet tables)
//!        | ingest::read_policy                           | ingest::read_extract (quarantine bad rows)
//!        v                                               v
//!   policy::compile -> Policy                        extract::Extract
//!   (terms, matcher, compiled Rhai scripts)
//!         \______________________  _____________________/
//!                                \/
//!   classify::match_events : every term occurrence in every text     -> hits (span, term, list version)
//!   classify::classify     : Rhai event rules over hits and facts     -> decisions (flag, label, firings)
//!   resolve::resolve       : nominal records -> persons               -> persons, merges with evidence
//!   people::score_people   : Rhai involvement and hierarchy scripts   -> scored persons, every point traced
//!   chart                  : hierarchy against involvement            -> chart.svg
//!   evaluate               : decisions against labelled truth         -> precision, recall, intervals
//!   output                 : tables, run.json, quarantine.csv         -> out/
//!   explain                : plain-language account of one decision or one person's scores
//! ```
//!
//! `app` glues the steps into the commands of the `ndas` binary. Only `ingest`, `output` and `synth` touch the
//! file system; everything between is pure functions from values to values, so a rule error on one subject is
//! data on that subject, never a crash of the run.

#[cfg(feature = "io")]
pub mod app;
pub mod builtin;
pub mod chart;
pub mod classify;
pub mod evaluate;
pub mod explain;
pub mod extract;
#[cfg(feature = "io")]
pub mod git;
pub mod history;
pub mod ids;
#[cfg(feature = "io")]
pub mod ingest;
pub mod matcher;
pub mod network;
pub mod number;
#[cfg(feature = "io")]
pub mod output;
pub mod people;
pub mod phone;
pub mod policy;
pub mod resolve;
pub mod script;
#[cfg(feature = "io")]
pub mod store;
pub mod synth;
pub mod yaml;

/// The engine version stamped on every run.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
