//! A script an SME wrote by mistake must not stop a run: a rule that loops forever is cut off by the sandbox,
//! recorded against the event it was deciding (with script and function named), and the run completes with
//! every other event decided and the error counted in run.json.

use std::path::Path;

use ndas::output::Format;
use ndas::synth::Size;

use super::common;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn runaway_rule_is_recorded_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy");
    copy_dir(&common::repo().join("rules"), &policy.join("rules"));
    copy_dir(
        &common::repo().join("reference_files"),
        &policy.join("reference_files"),
    );
    let script = policy.join("rules/organised_exploitation/classify.rhai");
    // Loops forever on events with a county lines hit; decides the rest normally.
    std::fs::write(
        &script,
        "fn classify(e) {\n    if e.hits.line > 0 {\n        let n = 0;\n        loop { n += 1; }\n    }\n    if e.hits.csae > 0 { fire(\"R-CSAE\", 3, \"csae\", \"sexual_exploitation\"); }\n}\n",
    )
    .unwrap();
    let data = common::synth(dir.path(), Size::Tiny, 42);
    let out = dir.path().join("out");
    let summary = common::run(&policy, &data, &out, Format::Csv);
    assert!(
        summary.rule_errors > 0,
        "the runaway rule should have been cut off and counted"
    );
    assert_eq!(summary.events, 300, "every event is still decided");
    let errors = std::fs::read_to_string(out.join("rule_errors.csv")).unwrap();
    let first = errors.lines().nth(1).unwrap();
    assert!(first.starts_with("event,E"), "{first}");
    assert!(
        first.contains("rules/organised_exploitation/classify.rhai,classify,"),
        "{first}"
    );
    assert!(first.contains("too many operations"), "{first}");
    let run_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run_json["rule_errors"], summary.rule_errors);
    // Events the broken rule did not touch are still decided by the rules that work.
    let events = std::fs::read_to_string(out.join("events.csv")).unwrap();
    assert!(
        events
            .lines()
            .any(|l| l.contains(",true,sexual_exploitation,")),
        "csae events still flagged"
    );
}

#[cfg(unix)]
#[test]
fn outputs_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = common::synth(dir.path(), Size::Tiny, 1);
    let out = dir.path().join("out");
    common::run(&common::repo(), &data, &out, Format::Parquet);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // Folders (out/, out/networks/) are 0700 and every file in them 0600, however deep.
    let mut folders = vec![out.clone()];
    let mut files = 0;
    while let Some(folder) = folders.pop() {
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                assert_eq!(mode(&path), 0o600, "{}", path.display());
                files += 1;
            }
        }
    }
    assert!(files > 5);
}
