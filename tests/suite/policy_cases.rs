//! Policy faults as users see them. Each case in `tests/cases/policy/*.yaml` overlays files on the shipped pack
//! and lists the exact faults `ndas check` must report (file:line:column, term or script, message).
//! Adding a case is adding a file. A fault about a term of the shipped lists names its line as `{ID}`
//! (`vulnerability.yaml:{VULN-0638}:5`), which this suite reads from the line that declares the id: an SME's edit
//! elsewhere in a shipped list moves the term's line, not what the case asserts about it.

use std::collections::BTreeMap;
use std::sync::Arc;

use ndas::policy::PolicyFiles;
use serde::Deserialize;

use super::common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    note: String,
    /// Files to add or replace (path relative to the policy root); `~` removes the file.
    files: BTreeMap<String, Option<String>>,
    /// Every error fault, as displayed, in order.
    errors: Vec<String>,
    /// Every warning, as displayed, in order; not compared when the case leaves it out.
    #[serde(default)]
    warnings: Option<Vec<String>>,
}

/// The line (from 1) that declares term `id` in the shipped lists.
fn declared_line(shipped: &PolicyFiles, id: &str) -> Option<usize> {
    let declaration = format!("- id: {id}");
    shipped.files.values().find_map(|text| {
        text.lines()
            .position(|line| line.trim() == declaration)
            .map(|index| index + 1)
    })
}

/// `expected` with each `{ID}` of a shipped term replaced by the line that declares it; anything else in braces
/// is left as written, so a misspelt id shows in the mismatch.
fn with_declared_lines(expected: &str, shipped: &PolicyFiles) -> String {
    let mut resolved = String::new();
    let mut rest = expected;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|offset| open + offset) else {
            break;
        };
        resolved.push_str(&rest[..open]);
        match declared_line(shipped, &rest[open + 1..close]) {
            Some(line) => resolved.push_str(&line.to_string()),
            None => resolved.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    resolved.push_str(rest);
    resolved
}

/// The case's mismatch, if any, as a message.
fn check(path: &std::path::Path) -> Option<String> {
    let case: Case = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut files = common::shipped_files();
    // Expected lines come from the shipped lists, before the case overlays its own files on them.
    let resolve = |faults: &[String]| -> Vec<String> {
        faults
            .iter()
            .map(|fault| with_declared_lines(fault, &files))
            .collect()
    };
    let want = (resolve(&case.errors), case.warnings.as_deref().map(resolve));
    for (name, content) in &case.files {
        match content {
            Some(text) => {
                files.files.insert(name.clone(), Arc::from(text.as_str()));
            }
            None => {
                files.files.remove(name);
            }
        }
    }
    let faults = match ndas::policy::compile(&files, common::as_of()) {
        Ok(compiled) => compiled.warnings,
        Err(invalid) => invalid.faults,
    };
    let shown = |errors: bool| -> Vec<String> {
        faults
            .iter()
            .filter(|f| f.is_error() == errors)
            .map(ToString::to_string)
            .collect()
    };
    let got = (shown(true), case.warnings.as_ref().map(|_| shown(false)));
    (got != want).then(|| {
        format!(
            "case {} ({}):\n  expected {:#?}\n  got {:#?}",
            path.display(),
            case.note,
            want,
            got
        )
    })
}

#[test]
fn policy_fault_cases() {
    let mut cases: Vec<_> = std::fs::read_dir(common::repo().join("tests/cases/policy"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "expected the policy fault matrix, found {} cases",
        cases.len()
    );
    let failures: Vec<String> = cases.iter().filter_map(|case| check(case)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rendered_fault_shows_the_line() {
    let mut files = common::shipped_files();
    let path = "reference_files/organised_exploitation/extra.yaml";
    files.files.insert(
        path.to_string(),
        Arc::from("list: extra\ncategory: line\ndescription: d\nterms:\n  - id: X-1\n    term: \"!!\"\n    source: sme\n    added: 2026-11-01\n    added_by: a\n    rationale: r\n"),
    );
    let invalid = ndas::policy::compile(&files, common::as_of())
        .err()
        .unwrap();
    let fault = invalid.faults.iter().find(|f| f.is_error()).unwrap();
    let rendered = fault.render(false);
    assert!(rendered.contains("term: \"!!\""), "{rendered}");
    assert!(rendered.contains("extra.yaml:6:5"), "{rendered}");
}
