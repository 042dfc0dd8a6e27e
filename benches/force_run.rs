//! `ndas run` on the `force` extract (about 400,000 nominals and 2,000,000 events): wall time, time per stage
//! and peak memory, against the targets of under 60 seconds and under 6 GiB on a 2-core machine. Also times
//! generating the extract (target: well under a minute).
//!
//! Run with `cargo bench --bench force_run`. The extract is generated into a temporary folder and removed
//! afterwards; set `NDAS_FORCE_DIR` to a folder to keep it there (and reuse it on the next run). The run itself
//! is the release `ndas` binary in its own process, so its peak memory (from run.json) is the run's alone.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::GIB;

fn main() {
    if !common::asked_for("force_run") {
        return;
    }
    let extract = common::ForceExtract::get();
    let data = &extract.dir;
    let (wall, manifest) = common::time_ndas(
        &["run".as_ref(), "--data".as_ref(), data.as_os_str()],
        &data.with_extension("out"),
        "run.json",
    );
    println!("ndas run, force extract: {wall:.1} s wall (target: under 60 s)");
    let stages = manifest["stage_seconds"].as_object().unwrap();
    let pipeline = [
        "policy", "ingest", "match", "classify", "resolve", "score", "network", "output",
    ];
    for stage in pipeline.iter().copied().chain(
        stages
            .keys()
            .map(String::as_str)
            .filter(|s| !pipeline.contains(s)),
    ) {
        if let Some(seconds) = stages.get(stage).and_then(serde_json::Value::as_f64) {
            println!("  {stage:<10} {seconds:>6.1} s");
        }
    }
    match manifest["peak_memory_bytes"].as_f64() {
        Some(bytes) => println!("  peak memory {:.2} GiB (target: under 6 GiB)", bytes / GIB),
        None => println!("  peak memory not available here (no /proc)"),
    }
}
