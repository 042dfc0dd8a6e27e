//! `ndas resolve` on the `force` extract's nominals (about 400,000 records, a seventh of them duplicates):
//! wall time, peak memory and pairwise precision, recall and F1 against the generator's truth, beside issue
//! 3's targets (under 30 seconds, pairwise F1 at least 0.95).
//!
//! Run with `cargo bench --bench resolve_force`. The extract is generated into a temporary folder and removed
//! afterwards; set `NDAS_FORCE_DIR` to a folder to keep it there and share it with `force_run`. The release
//! `ndas` binary runs in its own process, so the peak memory (from resolve.json) is matching's alone.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::GIB;

fn main() {
    if !common::asked_for("resolve_force") {
        return;
    }
    let extract = common::ForceExtract::get();
    let data = &extract.dir;
    let nominals = data.join("nominals.csv");
    let (wall, summary) = common::time_ndas(
        &[
            "resolve".as_ref(),
            "--nominals".as_ref(),
            nominals.as_os_str(),
        ],
        &data.with_extension("resolve"),
        "resolve.json",
    );
    println!(
        "ndas resolve, force nominals ({} records, {} candidate pairs): {wall:.1} s wall (target: under 30 s)",
        summary["records"], summary["candidate_pairs"]
    );
    for (stage, seconds) in summary["seconds"].as_object().unwrap() {
        println!("  {stage:<8} {:>6.1} s", seconds.as_f64().unwrap_or(0.0));
    }
    match summary["peak_memory_bytes"].as_f64() {
        Some(bytes) => println!("  peak memory {:.2} GiB", bytes / GIB),
        None => println!("  peak memory not available here (no /proc)"),
    }
    let quality = &summary["quality"];
    println!(
        "  pairwise precision {:.3}, recall {:.3}, F1 {:.3} (target: F1 at least 0.95)",
        quality["pairwise_precision"].as_f64().unwrap_or(f64::NAN),
        quality["pairwise_recall"].as_f64().unwrap_or(f64::NAN),
        quality["pairwise_f1"].as_f64().unwrap_or(f64::NAN),
    );
}
