//! The rule lifecycle end to end: the ledger and `audit verify`, `diff` with known changes, `history` across
//! commits of a temporary git repository, and `watch` through a rename-style save, a broken edit and its fix.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ndas::app::{self, PolicyOrigin, RunOptions, lifecycle};
use ndas::output::Format;
use ndas::synth::Size;

use super::common;

fn tiny(dir: &Path) -> PathBuf {
    common::synth(dir, Size::Tiny, 42)
}

fn options(policy: &Path, data: &Path, out: &Path, store: &Path) -> RunOptions {
    RunOptions {
        data: data.to_path_buf(),
        out: out.to_path_buf(),
        policy: PolicyOrigin::Directory(policy.to_path_buf()),
        use_case: "organised_exploitation".into(),
        format: Format::Csv,
        as_of: common::as_of(),
        quiet: true,
        store: Some(store.to_path_buf()),
        verbose_data: false,
    }
}

#[test]
fn the_ledger_chains_runs_and_names_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny(dir.path());
    let store = dir.path().join(".ndas");
    let (out1, out2) = (dir.path().join("out1"), dir.path().join("out2"));
    app::run(&options(&common::repo(), &data, &out1, &store)).unwrap();
    app::run(&options(&common::repo(), &data, &out2, &store)).unwrap();
    let ledger = store.join("ledger.jsonl");
    let (report, intact) = lifecycle::audit_verify(&ledger).unwrap();
    assert!(intact, "{report}");
    assert!(report.contains("2 entries"), "{report}");
    // The policy version behind the outputs is kept.
    let text = std::fs::read_to_string(&ledger).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let version = first["policy_version"].as_str().unwrap();
    let kept = ndas::store::Store::at(&store).policy(version).unwrap();
    assert!(kept.files.keys().any(|f| f.ends_with("classify.rhai")));
    // No free text or names: the extract's path is only hashed.
    assert!(first.get("data_dir").is_none());
    assert!(!text.contains(&data.display().to_string()));

    // An output changed after the run.
    std::fs::write(out2.join("events.csv"), "tampered").unwrap();
    let (report, intact) = lifecycle::audit_verify(&ledger).unwrap();
    assert!(!intact);
    assert!(
        report.contains("events.csv` changed after the run"),
        "{report}"
    );
    // An entry altered.
    let altered = text.replacen("\"command\":\"run\"", "\"command\":\"rum\"", 1);
    std::fs::write(&ledger, altered).unwrap();
    let (report, intact) = lifecycle::audit_verify(&ledger).unwrap();
    assert!(!intact);
    assert!(report.contains("line 1 (entry 0): altered"), "{report}");
    // An entry removed.
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&ledger, format!("{}\n", lines[1])).unwrap();
    let (report, _) = lifecycle::audit_verify(&ledger).unwrap();
    assert!(report.contains("entries 0 to 0 are missing"), "{report}");
    // Entries reordered.
    std::fs::write(&ledger, format!("{}\n{}\n", lines[1], lines[0])).unwrap();
    let (report, intact) = lifecycle::audit_verify(&ledger).unwrap();
    assert!(!intact, "{report}");
}

#[test]
fn a_diff_names_the_events_a_change_adds_and_removes() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny(dir.path());
    let (base, head) = (dir.path().join("base"), dir.path().join("head"));
    common::copy_policy(&base);
    common::copy_policy(&head);
    // Find a term that flags something in the base run, and remove it from head's line list.
    let base_out = dir.path().join("base_out");
    common::run(&base, &data, &base_out, Format::Csv);
    let hits = std::fs::read_to_string(base_out.join("hits.csv")).unwrap();
    let line_hit = hits
        .lines()
        .find(|l| l.contains(",line,") && l.contains(",false,strong"))
        .expect("a strong line hit in the tiny extract");
    let term_id = line_hit.split(',').nth(1).unwrap().to_string();
    let list = head.join("reference_files/organised_exploitation/line.yaml");
    let text = std::fs::read_to_string(&list).unwrap();
    let start = text.find(&format!("  - id: {term_id}\n")).unwrap();
    let end = text[start + 4..]
        .find("\n  - id: ")
        .map(|e| start + 4 + e + 1)
        .unwrap_or(text.len());
    std::fs::write(&list, format!("{}{}", &text[..start], &text[end..])).unwrap();

    let out = dir.path().join("diff");
    let report = lifecycle::diff(&lifecycle::DiffOptions {
        base: base.display().to_string(),
        head: PolicyOrigin::Directory(head.clone()),
        data: data.clone(),
        out: Some(out.clone()),
        use_case: "organised_exploitation".into(),
        as_of: common::as_of(),
        store: None,
    })
    .unwrap();
    assert!(
        report.contains(&format!("| {term_id} | removed |")),
        "{report}"
    );
    let events = std::fs::read_to_string(out.join("diff_events.csv")).unwrap();
    let event_id = line_hit.split(',').next().unwrap();
    let row = events
        .lines()
        .find(|l| l.starts_with(event_id))
        .unwrap_or_else(|| panic!("{event_id} should change:\n{events}"));
    assert!(
        row.contains("no_longer_flagged") && row.contains(&term_id),
        "{row}"
    );
    assert!(out.join("diff.md").is_file() && out.join("diff_people.csv").is_file());

    // The reverse diff adds them back.
    let report = lifecycle::diff(&lifecycle::DiffOptions {
        base: head.display().to_string(),
        head: PolicyOrigin::Directory(base),
        data,
        out: None,
        use_case: "organised_exploitation".into(),
        as_of: common::as_of(),
        store: None,
    })
    .unwrap();
    assert!(
        report.contains(&format!("| {event_id} | newly_flagged |")),
        "{report}"
    );
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_AUTHOR_DATE", "2026-11-01T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-01T10:00:00Z")
        .status()
        .expect("git is installed");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn history_follows_a_term_across_commits() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("policy");
    common::copy_policy(&repo);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["config", "user.name", "SME Alice"]);
    git(&repo, &["config", "user.email", "alice@example.org"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "Shipped pack"]);
    let list = repo.join("reference_files/organised_exploitation/line.yaml");
    let text = std::fs::read_to_string(&list).unwrap();
    let addition = "  - id: LINE-9001\n    term: stash flat\n    source: sme\n    added: 2026-11-01\n    added_by: sme-alice\n    rationale: a flat used to store drugs for a line\n    examples:\n      match: [\"found at a stash flat\"]\n      no_match: [\"the flat was empty\"]\n";
    std::fs::write(&list, format!("{text}{addition}")).unwrap();
    git(&repo, &["commit", "-q", "-am", "Add stash flat"]);
    let changed = std::fs::read_to_string(&list).unwrap().replace(
        "rationale: a flat used to store drugs for a line",
        "rationale: a flat where a line keeps its drugs",
    );
    std::fs::write(&list, changed).unwrap();
    git(&repo, &["commit", "-q", "-am", "Reword stash flat"]);
    std::fs::write(&list, &text).unwrap();
    git(&repo, &["commit", "-q", "-am", "Drop stash flat"]);

    let store = ndas::store::Store::at(&dir.path().join(".ndas"));
    let report =
        lifecycle::history(&repo, "organised_exploitation", &store, Some("LINE-9001")).unwrap();
    let lines: Vec<&str> = report.lines().skip(1).collect();
    assert_eq!(lines.len(), 3, "{report}");
    assert!(
        lines[0].contains("added")
            && lines[0].contains("Add stash flat")
            && lines[0].contains("SME Alice"),
        "{report}"
    );
    assert!(
        lines[1].contains("changed rationale") && lines[1].contains("Reword stash flat"),
        "{report}"
    );
    assert!(
        lines[2].contains("removed") && lines[2].contains("Drop stash flat"),
        "{report}"
    );
    assert!(
        report.starts_with("History from the git history"),
        "{report}"
    );

    // `diff --base REV` reads the base from git.
    let data = tiny(dir.path());
    let report = lifecycle::diff(&lifecycle::DiffOptions {
        base: "HEAD~2".into(),
        head: PolicyOrigin::Directory(repo.clone()),
        data,
        out: None,
        use_case: "organised_exploitation".into(),
        as_of: common::as_of(),
        store: None,
    })
    .unwrap();
    assert!(report.contains("| LINE-9001 | removed |"), "{report}");
}

/// Waits until the watch status says `state` for a policy other than `not`, or fails after a while.
fn wait_for(status: &Path, state: &str, not: Option<&str>) -> serde_json::Value {
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(status)
            && let Ok(value) = serde_json::from_str::<serde_json::Value>(&text)
            && value["state"] == state
            && (not.is_none() || value["outputs_policy_version"].as_str() != not)
        {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no `{state}` status in time; last: {:?}",
            std::fs::read_to_string(status).ok()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_reloads_on_a_rename_save_keeps_outputs_on_a_broken_edit_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny(dir.path());
    let policy = dir.path().join("policy");
    common::copy_policy(&policy);
    let out = dir.path().join("out");
    let run = options(&policy, &data, &out, &dir.path().join(".ndas"));
    let status = lifecycle::status_path(&out);
    let stop = AtomicBool::new(false);
    /// Stops the watcher however the test ends, so a failed assertion fails the test instead of hanging it.
    struct StopOnDrop<'a>(&'a AtomicBool);
    impl Drop for StopOnDrop<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            lifecycle::watch(&run, lifecycle::WatchMode::Events, &stop, &mut |_| {}).unwrap();
        });
        let _stop = StopOnDrop(&stop);
        let first = wait_for(&status, "ok", None);
        let v1 = first["outputs_policy_version"]
            .as_str()
            .unwrap()
            .to_string();

        // An editor's save: write a new file beside the old, then rename it over.
        let list = policy.join("reference_files/organised_exploitation/line.yaml");
        let text = std::fs::read_to_string(&list).unwrap();
        let temporary = list.with_file_name(".line.yaml.swp");
        std::fs::write(
            &temporary,
            format!("{text}\n# reviewed by the county lines SME panel\n"),
        )
        .unwrap();
        std::fs::rename(&temporary, &list).unwrap();
        let second = wait_for(&status, "ok", Some(&v1));
        let v2 = second["outputs_policy_version"]
            .as_str()
            .unwrap()
            .to_string();
        let run_json = std::fs::read_to_string(out.join("run.json")).unwrap();
        assert!(
            run_json.contains(&v2),
            "the outputs come from the edited policy"
        );

        // A broken edit: the outputs stay, status says so and names the file and line.
        std::fs::write(&list, text.replacen("terms:", "terms: [", 1)).unwrap();
        let broken = wait_for(&status, "policy_invalid", None);
        assert_eq!(broken["outputs_policy_version"], v2.as_str());
        assert_eq!(broken["outputs_stale"], true);
        assert!(
            broken["errors"][0].as_str().unwrap().contains("line.yaml:"),
            "{broken}"
        );
        assert!(
            std::fs::read_to_string(out.join("run.json"))
                .unwrap()
                .contains(&v2)
        );

        // The fix recovers by itself.
        std::fs::write(&list, &text).unwrap();
        let fixed = wait_for(&status, "ok", Some(&v2));
        assert_eq!(fixed["outputs_policy_version"], v1.as_str());

        stop.store(true, Ordering::Relaxed);
        watcher.join().unwrap();
    });
    // Each re-run is in the ledger, naming the outputs where they now are.
    let (report, intact) = lifecycle::audit_verify(&dir.path().join(".ndas/ledger.jsonl")).unwrap();
    assert!(intact, "{report}");
    assert!(report.contains("3 entries"), "{report}");
}

#[test]
fn watch_status_says_when_the_run_had_rule_errors_and_where_to_read_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny(dir.path());
    let policy = dir.path().join("policy");
    common::copy_policy(&policy);
    // A rule that fails on every event with a county lines hit: the run completes, with rule errors.
    let script = policy.join("rules/organised_exploitation/classify.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    let broken = text.replacen(
        "fn classify(e) {\n",
        "fn classify(e) {\n    if e.hits.line > 0 { throw \"broken rule\"; }\n",
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&script, broken).unwrap();
    let out = dir.path().join("out");
    let run = options(&policy, &data, &out, &dir.path().join(".ndas"));
    let status = lifecycle::status_path(&out);
    let stop = AtomicBool::new(false);
    let status = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            lifecycle::watch(&run, lifecycle::WatchMode::Events, &stop, &mut |_| {}).unwrap();
        });
        // Not `ok`: the run printed rule errors and exits 1 on its own; its status must not hide them.
        let found = std::panic::catch_unwind(|| wait_for(&status, "rule_errors", None));
        stop.store(true, Ordering::Relaxed);
        watcher.join().unwrap();
        found.unwrap()
    });
    let run_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let errors = run_json["rule_errors"].as_u64().unwrap();
    assert!(errors > 0);
    assert_eq!(status["rule_errors"], errors, "{status}");
    let table = status["rule_errors_table"].as_str().unwrap();
    assert_eq!(std::path::Path::new(table), out.join("rule_errors.csv"));
    assert_eq!(
        std::fs::read_to_string(table).unwrap().lines().count() as u64,
        errors + 1,
        "the table named holds every error"
    );
    assert!(
        status["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{errors} rule error(s)")),
        "{status}"
    );
    assert_eq!(status["outputs_stale"], false);
}
