//! Integration test modules. Each is data-driven where it can be: a table or a folder of case files run
//! through one `check` helper.

mod cli_cases;
mod common;
mod event_cases;
mod handwritten;
mod ingest_cases;
mod lifecycle;
mod matcher_oracle;
mod network_cases;
mod policy_cases;
mod resolve_cases;
mod rule_errors;
mod score_cases;
mod shipped_pack;
mod snapshots;
mod tidy;
