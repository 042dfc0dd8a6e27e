//! The shipped Organised Exploitation pack: valid, big enough, every category used, and identical to the copy
//! built into the binary.

use std::collections::BTreeMap;

use super::common;

#[test]
fn shipped_pack_checks_clean() {
    let compiled = common::shipped_policy();
    let errors: Vec<String> = compiled
        .warnings
        .iter()
        .filter(|f| f.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let policy = compiled.policy;
    assert!(
        policy.terms.len() >= 150,
        "only {} terms",
        policy.terms.len()
    );
    let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
    for term in &policy.terms {
        *per_category.entry(term.category.as_str()).or_default() += 1;
    }
    for category in ["vulnerability", "csae", "line", "financial", "ocg"] {
        assert!(
            per_category.get(category).copied().unwrap_or(0) >= 10,
            "{category}: {per_category:?}"
        );
    }
    let phones = policy
        .terms
        .iter()
        .filter(|t| t.kind == ndas::matcher::TermKind::Phone)
        .count();
    assert!(phones >= 3, "{phones} phone terms");
}

#[test]
fn builtin_copy_matches_disk() {
    let on_disk = common::shipped_files();
    let builtin = ndas::builtin::policy_files("organised_exploitation").unwrap();
    let disk_paths: Vec<&String> = on_disk.files.keys().collect();
    let builtin_paths: Vec<&String> = builtin.files.keys().collect();
    assert_eq!(
        disk_paths, builtin_paths,
        "add new policy files to src/builtin.rs"
    );
    for (path, text) in &on_disk.files {
        assert_eq!(
            builtin.files.get(path),
            Some(text),
            "{path} differs from the built-in copy"
        );
    }
}

#[test]
fn decoys_do_not_match_and_negation_is_honoured() {
    let policy = common::shipped_policy().policy;
    for decoy in [
        "Her line manager reported the theft.",
        "The phone line was down all morning.",
        "The trapdoor to the loft was open.",
        "A birthday party at the community centre.",
        "Walked the dog in the country park.",
    ] {
        let strong: Vec<String> = policy
            .find(decoy)
            .iter()
            .filter(|h| {
                !h.negated
                    && policy.term(h.term).unwrap().strength == ndas::policy::Strength::Strong
            })
            .map(|h| policy.term(h.term).unwrap().id.to_string())
            .collect();
        assert!(strong.is_empty(), "{decoy:?} matched {strong:?}");
    }
    let hits = policy.find("There are no concerns about county lines.");
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h.negated),
        "{hits:?}"
    );
}
