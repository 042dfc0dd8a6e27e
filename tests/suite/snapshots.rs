//! Snapshot review of rule changes: the shipped policy run on the fixed `tiny` synthetic extract. When a term or
//! rule edit changes what is flagged, these snapshots change, and a reviewer sees exactly which events, hits and
//! firings moved with `cargo insta review` (snapshots live in the top-level `snapshots/`).

use ndas::app;
use ndas::output::Format;
use ndas::synth::{Size, SynthConfig};

use super::common;

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(common::repo().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn tiny_extract_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("extract");
    let out = dir.path().join("out");
    ndas::synth::write_extract(
        &SynthConfig {
            size: Size::Tiny,
            seed: 42,
        },
        &data,
    )
    .unwrap();
    let summary = common::run(&common::repo(), &data, &out, Format::Csv);
    assert_eq!(summary.rule_errors, 0);
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let run_json: serde_json::Value = serde_json::from_str(&read("run.json")).unwrap();
    assert_eq!(run_json["reconciled"], true);
    assert_eq!(run_json["synthetic"], true);
    settings().bind(|| {
        insta::assert_snapshot!("tiny_events", read("events.csv"));
        insta::assert_snapshot!("tiny_hits", read("hits.csv"));
        insta::assert_snapshot!("tiny_fired", read("fired.csv"));
        insta::assert_snapshot!("tiny_quarantine", read("quarantine.csv"));
        let flagged = read("events.csv")
            .lines()
            .find(|l| l.contains(",true,"))
            .map(|l| l.split(',').next().unwrap().to_string())
            .expect("the tiny extract has at least one flagged event");
        let explanation = app::explain_event(&out, &flagged, None).unwrap();
        insta::assert_snapshot!("tiny_explain_first_flagged", explanation);
    });
}
