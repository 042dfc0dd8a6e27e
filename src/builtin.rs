//! The shipped policy pack, compiled into the binary so `ndas demo` and `ndas run` work from any directory. The
//! files on disk under `rules/` and `reference_files/` are the source of truth; a test checks this list matches
//! them byte for byte, so the two can never drift apart.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::policy::PolicyFiles;

/// (path relative to the policy root, contents) of every shipped policy file.
pub const FILES: &[(&str, &str)] = &[
    (
        "rules/organised_exploitation/usecase.yaml",
        include_str!("../rules/organised_exploitation/usecase.yaml"),
    ),
    (
        "rules/organised_exploitation/classify.rhai",
        include_str!("../rules/organised_exploitation/classify.rhai"),
    ),
    (
        "rules/organised_exploitation/involvement.rhai",
        include_str!("../rules/organised_exploitation/involvement.rhai"),
    ),
    (
        "rules/organised_exploitation/hierarchy.rhai",
        include_str!("../rules/organised_exploitation/hierarchy.rhai"),
    ),
    (
        "rules/organised_exploitation/network.rhai",
        include_str!("../rules/organised_exploitation/network.rhai"),
    ),
    (
        "reference_files/organised_exploitation/vulnerability.yaml",
        include_str!("../reference_files/organised_exploitation/vulnerability.yaml"),
    ),
    (
        "reference_files/organised_exploitation/csae.yaml",
        include_str!("../reference_files/organised_exploitation/csae.yaml"),
    ),
    (
        "reference_files/organised_exploitation/line.yaml",
        include_str!("../reference_files/organised_exploitation/line.yaml"),
    ),
    (
        "reference_files/organised_exploitation/financial.yaml",
        include_str!("../reference_files/organised_exploitation/financial.yaml"),
    ),
    (
        "reference_files/organised_exploitation/ocg.yaml",
        include_str!("../reference_files/organised_exploitation/ocg.yaml"),
    ),
];

pub const DEFAULT_USE_CASE: &str = "organised_exploitation";

/// The shipped files of one use case, as if read from a policy root.
pub fn policy_files(use_case: &str) -> Option<PolicyFiles> {
    let rules = format!("rules/{use_case}/");
    let lists = format!("reference_files/{use_case}/");
    let files: BTreeMap<String, Arc<str>> = FILES
        .iter()
        .filter(|(path, _)| path.starts_with(&rules) || path.starts_with(&lists))
        .map(|(path, text)| (path.to_string(), Arc::from(*text)))
        .collect();
    (!files.is_empty()).then(|| PolicyFiles {
        use_case: use_case.to_string(),
        files,
    })
}
