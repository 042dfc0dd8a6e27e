//! The policy loader (`ndas::policy::compile`) on a real pack with one file replaced by the fuzz input. It must
//! never panic: a broken policy is a list of faults, each of which must also render (as `ndas check` shows
//! it). When the policy compiles, its matcher runs on a short text and on the input itself, single and batch.
//!
//! The first byte chooses what the input replaces (modulo 8; `0`..`7` in a seed file are modes 0..7):
//! 0 the minimal pack's manifest, 1 its classify script, 2 its term list, 3 an extra term list beside it,
//! 4 its score script, 5 its network harm script, 6 the use case name (the rest of the input), 7 one file of
//! the shipped pack (named by the input's first line, e.g. `line.yaml`; the rest is its new contents). The
//! shipped pack is the slow case (a compile of every shipped list), so it has one mode of eight.
#![no_main]

use std::sync::Arc;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use ndas::{builtin, policy};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut files = ndas_fuzz::minimal_pack();
    let mut replace = |path: &str, bytes: &[u8]| {
        let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
        files.files.insert(path.to_string(), text);
    };
    match mode % 8 {
        0 => replace("rules/fz/usecase.yaml", rest),
        1 => replace("rules/fz/classify.rhai", rest),
        2 => replace("reference_files/fz/line.yaml", rest),
        3 => replace("reference_files/fz/extra.yaml", rest),
        4 => replace("rules/fz/score.rhai", rest),
        5 => replace("rules/fz/network.rhai", rest),
        6 => {
            // Another use case name: the manifest, scripts and list move with it; the name in the manifest
            // does not, so this is mostly about paths built from odd names.
            let name = String::from_utf8_lossy(rest.get(..rest.len().min(64)).unwrap_or(rest))
                .into_owned();
            let moved = files
                .files
                .iter()
                .map(|(path, text)| {
                    (
                        path.replacen("/fz/", &format!("/{name}/"), 1),
                        Arc::clone(text),
                    )
                })
                .collect();
            files = policy::PolicyFiles {
                use_case: name,
                files: moved,
            };
        }
        _ => {
            // The first line names the shipped file to replace by its file name (`line.yaml`,
            // `classify.rhai`, ...), so seeds keep working when files are added to the pack; an unknown
            // name picks a file by its length.
            let Some(mut shipped) = builtin::policy_files(builtin::DEFAULT_USE_CASE) else {
                panic!("the shipped pack is missing");
            };
            let text = String::from_utf8_lossy(rest);
            let (name, contents) = text.split_once('\n').unwrap_or((text.as_ref(), ""));
            let paths: Vec<String> = shipped.files.keys().cloned().collect();
            let path = paths
                .iter()
                .find(|p| p.rsplit('/').next() == Some(name))
                .or_else(|| paths.get(name.len() % paths.len().max(1)));
            let Some(path) = path else {
                return;
            };
            shipped.files.insert(path.clone(), Arc::from(contents));
            files = shipped;
        }
    }

    let Some(as_of) = NaiveDate::from_ymd_opt(2027, 1, 1) else {
        return;
    };
    match policy::compile(&files, as_of) {
        Ok(compiled) => {
            for warning in &compiled.warnings {
                let _ = warning.render(false);
            }
            let policy = compiled.policy;
            let input = String::from_utf8_lossy(rest);
            let texts = [
                "No concerns about the trap house; call 07700 900123 or +44 (0)7700 900124.",
                input.as_ref(),
                "",
            ];
            let batch = policy.find_batch(&texts);
            for (text, from_batch) in texts.iter().zip(&batch) {
                let single = policy.find(text);
                assert_eq!(
                    &single, from_batch,
                    "find and find_batch disagree on {text:?}"
                );
                for hit in &single {
                    assert!(
                        text.get(hit.start..hit.end).is_some(),
                        "hit {hit:?} is not a slice of {text:?}"
                    );
                    let term = policy.term(hit.term);
                    assert!(
                        term.is_some_and(|t| t.active),
                        "hit of a missing or inactive term: {hit:?}"
                    );
                }
            }
        }
        Err(invalid) => {
            assert!(
                invalid.faults.iter().any(policy::PolicyFault::is_error),
                "a policy was rejected without an error"
            );
            let _ = invalid.to_string();
            for fault in &invalid.faults {
                let _ = fault.render(false);
            }
        }
    }
});
