//! Reload latency of `ndas watch`: the time from saving an edit to one term list to the outputs of the `small`
//! synthetic extract showing it (status.json naming the new policy version). Target: under 5 seconds.
//! Run with `cargo bench --bench reload`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ndas::app::{PolicyOrigin, RunOptions, lifecycle};
use ndas::output::Format;
use ndas::synth::{Size, SynthConfig};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn copy_policy(to: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in [
        "rules/organised_exploitation",
        "reference_files/organised_exploitation",
    ] {
        std::fs::create_dir_all(to.join(folder)).unwrap();
        for entry in std::fs::read_dir(repo.join(folder)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(folder).join(entry.file_name())).unwrap();
        }
    }
}

fn status_version(status: &Path) -> Option<String> {
    let text = std::fs::read_to_string(status).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    (value["state"] == "ok").then(|| {
        value["outputs_policy_version"]
            .as_str()
            .unwrap_or("")
            .to_string()
    })
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("extract");
    ndas::synth::write_extract(
        &SynthConfig {
            size: Size::Small,
            seed: 42,
        },
        &data,
    )
    .unwrap();
    let policy = dir.path().join("policy");
    copy_policy(&policy);
    let out = dir.path().join("out");
    let options = RunOptions {
        data,
        out: out.clone(),
        policy: PolicyOrigin::Directory(policy.clone()),
        use_case: "organised_exploitation".into(),
        format: Format::Parquet,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        quiet: true,
        store: Some(dir.path().join(".ndas")),
        verbose_data: false,
    };
    let status = lifecycle::status_path(&out);
    let stop = AtomicBool::new(false);
    let list = policy.join("reference_files/organised_exploitation/line.yaml");
    let original = std::fs::read_to_string(&list).unwrap();
    let mut latencies = Vec::new();
    std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            lifecycle::watch(&options, lifecycle::WatchMode::Events, &stop, &mut |_| {}).unwrap();
        });
        while status_version(&status).is_none() {
            std::thread::sleep(Duration::from_millis(20));
        }
        for round in 0..10 {
            let before = status_version(&status).unwrap();
            let edited = format!("{original}\n# edit {round}\n");
            let started = Instant::now();
            std::fs::write(&list, edited).unwrap();
            loop {
                if let Some(now) = status_version(&status)
                    && now != before
                {
                    break;
                }
                assert!(started.elapsed() < Duration::from_secs(60), "no reload");
                std::thread::sleep(Duration::from_millis(10));
            }
            latencies.push(started.elapsed().as_secs_f64());
        }
        stop.store(true, Ordering::Relaxed);
        watcher.join().unwrap();
    });
    latencies.sort_by(f64::total_cmp);
    println!(
        "watch reload on the small extract (edit saved -> outputs replaced), 10 edits: median {:.2} s, max {:.2} s (target < 5 s; includes the 0.3 s debounce)",
        latencies[latencies.len() / 2],
        latencies[latencies.len() - 1]
    );
}
