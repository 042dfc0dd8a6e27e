//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ndas::policy::{self, Compiled, PolicyFiles};

/// A fixed date, so term review dates judge the same way every day the tests run.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped policy files, read from disk.
pub fn shipped_files() -> PolicyFiles {
    ndas::ingest::read_policy(&repo(), "organised_exploitation").unwrap()
}

pub fn shipped_policy() -> Compiled {
    match policy::compile(&shipped_files(), as_of()) {
        Ok(compiled) => compiled,
        Err(invalid) => {
            let faults: Vec<String> = invalid.faults.iter().map(ToString::to_string).collect();
            panic!("shipped policy is invalid:\n{}", faults.join("\n"))
        }
    }
}

/// Runs the organised exploitation use case of the policy at `policy` on `data`, as of the fixed test date.
pub fn run(
    policy: &Path,
    data: &Path,
    out: &Path,
    format: ndas::output::Format,
) -> ndas::app::RunSummary {
    ndas::app::run(&ndas::app::RunOptions {
        data: data.to_path_buf(),
        out: out.to_path_buf(),
        policy: ndas::app::PolicyOrigin::Directory(policy.to_path_buf()),
        use_case: "organised_exploitation".into(),
        format,
        as_of: as_of(),
        quiet: true,
        store: None,
        verbose_data: false,
    })
    .unwrap()
}

/// A synthetic extract of `size` (seed 42 unless given) written under `dir/extract`.
pub fn synth(dir: &Path, size: ndas::synth::Size, seed: u64) -> PathBuf {
    let data = dir.join("extract");
    ndas::synth::write_extract(&ndas::synth::SynthConfig { size, seed }, &data).unwrap();
    data
}

/// A writable copy of the shipped policy root.
pub fn copy_policy(to: &Path) {
    for folder in [
        "rules/organised_exploitation",
        "reference_files/organised_exploitation",
    ] {
        let from = repo().join(folder);
        std::fs::create_dir_all(to.join(folder)).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(folder).join(entry.file_name())).unwrap();
        }
    }
}

/// The rows of an output CSV, each a map from column to value.
pub fn rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Insta settings for the top-level `snapshots/` folder, where reviewers find every snapshot.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// The folders directly inside `parent`, sorted: one case or data set each.
pub fn sorted_dirs(parent: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(parent)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}
