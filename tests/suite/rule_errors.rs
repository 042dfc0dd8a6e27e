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

/// `text` of a script with two firings of `points` at the start of its entry function (`classify` or `score`).
fn fire_twice_first(text: &str, points: &str) -> String {
    let calls = format!(
        "    fire(\"X-HUGE\", {points}, \"huge\");\n    fire(\"X-HUGE-2\", {points}, \"huge again\");\n"
    );
    let function = ["fn classify(e) {\n", "fn score(p) {\n"]
        .into_iter()
        .find(|f| text.contains(f))
        .unwrap();
    text.replacen(function, &format!("{function}{calls}"), 1)
}

#[test]
fn points_near_the_integer_limits_saturate_instead_of_wrapping() {
    const MAX: &str = "9223372036854775807";
    let dir = tempfile::tempdir().unwrap();
    // Two firings of i64::MAX each: a wrapping sum is -2, which would leave every event unflagged and every
    // person at the bottom of the scale. Hierarchy gets two of -i64::MAX, which would wrap to +2.
    let policy = dir.path().join("policy");
    common::copy_policy(&policy);
    for (script, points) in [
        ("classify.rhai", MAX),
        ("involvement.rhai", MAX),
        ("hierarchy.rhai", "-9223372036854775807"),
    ] {
        let path = policy.join("rules/organised_exploitation").join(script);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, fire_twice_first(&text, points)).unwrap();
    }
    let data = common::synth(dir.path(), Size::Tiny, 42);
    let out = dir.path().join("out");
    let summary = common::run(&policy, &data, &out, Format::Csv);
    assert_eq!(summary.rule_errors, 0);
    let events = common::rows(&out.join("events.csv"));
    let scored: Vec<_> = events.iter().filter(|e| e["score"] != "0").collect();
    assert!(
        !scored.is_empty(),
        "the script fires on every event with a hit"
    );
    for event in scored {
        assert_eq!(event["score"], MAX, "{event:?}");
        assert_eq!(event["flagged"], "true", "{event:?}");
    }
    let people = common::rows(&out.join("people.csv"));
    assert!(!people.is_empty());
    for person in &people {
        assert_eq!(person["involvement_raw"], MAX, "{person:?}");
        assert_eq!(person["involvement"], "12", "{person:?}");
        assert_eq!(
            person["hierarchy_raw"], "-9223372036854775808",
            "{person:?}"
        );
        assert_eq!(person["hierarchy"], "-5", "{person:?}");
    }
    let explanation = ndas::app::explain_person(&out, &people[0]["person_id"], None).unwrap();
    assert!(
        explanation.contains(&format!("sum {MAX}, clamped to 12")),
        "{explanation}"
    );
    assert!(
        explanation.contains("sum -9223372036854775808, clamped to -5"),
        "{explanation}"
    );
}
