//! Matching throughput with the shipped policy pack, in bytes per second on one core: the figure behind the
#![allow(clippy::expect_used, clippy::panic)] // a benchmark that cannot set up should stop loudly
//! "at least 500 MB/s" target. Texts come from the synthetic generator (`small` extract), so their length and
//! vocabulary are those of police narratives, not of a microbenchmark string.
//!
//! Run with `cargo bench --bench matching`; criterion reports throughput in MiB/s.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

// The same allocator as the `ndas` binary, so the figure is the one a run sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn texts() -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("ndas-bench-{}", std::process::id()));
    let config = ndas::synth::SynthConfig {
        size: ndas::synth::Size::Small,
        seed: 7,
    };
    ndas::synth::write_extract(&config, &dir).expect("generate the small extract");
    let ingested = ndas::ingest::read_extract(&dir).expect("read it back");
    let _ = std::fs::remove_dir_all(&dir);
    ingested
        .extract
        .events
        .into_iter()
        .map(|e| e.text)
        .collect()
}

fn matching(c: &mut Criterion) {
    let files = ndas::builtin::policy_files("organised_exploitation").expect("built-in pack");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
    let policy = match ndas::policy::compile(&files, as_of) {
        Ok(compiled) => compiled.policy,
        Err(invalid) => panic!("{invalid}"),
    };
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    group.bench_function("shipped_pack_small_extract_one_core", |b| {
        b.iter(|| {
            let hits: usize = policy
                .find_batch(black_box(&refs))
                .iter()
                .map(Vec::len)
                .sum();
            black_box(hits)
        })
    });
    group.bench_function("shipped_pack_small_extract_one_core_text_by_text", |b| {
        b.iter(|| {
            let mut hits = 0;
            for text in &texts {
                hits += policy.find(black_box(text)).len();
            }
            black_box(hits)
        })
    });
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
