//! Person score rules, case by case (`tests/cases/people/`): each rule of the shipped involvement and hierarchy
//! scripts fires where it should and only there, and the score is the clamped sum.

use std::collections::BTreeSet;

use ndas::people::Score;
use rhai::{Dynamic, Map};
use serde::Deserialize;

use super::common;

#[derive(Deserialize)]
struct Case {
    name: String,
    person: serde_yaml::Mapping,
    fires: Vec<String>,
    value: i64,
}

/// A person linked to one flagged event and nothing else known.
fn blank_person() -> Map {
    let mut m = Map::new();
    let int = |v: i64| Dynamic::from(v);
    m.insert("id".into(), Dynamic::from("P-TEST".to_string()));
    m.insert("age".into(), Dynamic::UNIT);
    m.insert("flagged_events".into(), int(1));
    for key in ["roles", "labels", "categories"] {
        m.insert(key.into(), Dynamic::from_map(Map::new()));
    }
    for key in [
        "missing_episodes",
        "associates",
        "child_associates",
        "adult_associates",
        "child_co_suspect_events",
        "adult_co_suspect_events",
        "line_events_as_suspect",
    ] {
        m.insert(key.into(), int(0));
    }
    m.insert("markers".into(), Dynamic::from_array(Vec::new()));
    m.insert("ocg_role".into(), Dynamic::from(String::new()));
    m.insert(
        "first_flagged".into(),
        Dynamic::from("2025-01-01".to_string()),
    );
    m.insert(
        "last_flagged".into(),
        Dynamic::from("2025-01-01".to_string()),
    );
    m.insert("events".into(), Dynamic::from_array(Vec::new()));
    m
}

fn check(score: &str) {
    let compiled = common::shipped_policy();
    let policy = &compiled.policy;
    let script = &policy.score_scripts[score];
    let range = &policy.manifest.scores[score];
    let path = common::repo().join(format!("tests/cases/people/{score}.yaml"));
    let cases: Vec<Case> = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut fired_somewhere = BTreeSet::new();
    for case in &cases {
        let mut person = blank_person();
        for (key, value) in &case.person {
            let key = key.as_str().unwrap();
            assert!(
                person.contains_key(key),
                "{}: unknown fact `{key}`",
                case.name
            );
            person.insert(key.into(), rhai::serde::to_dynamic(value).unwrap());
        }
        let evaluation = policy
            .sandbox
            .call(script, "score", "P-TEST", Dynamic::from_map(person))
            .unwrap_or_else(|(e, _)| panic!("{}: {}", case.name, e.message));
        let fired: Vec<String> = evaluation
            .firings
            .iter()
            .map(|f| f.rule.to_string())
            .collect();
        let mut want = case.fires.clone();
        let mut got = fired.clone();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{}", case.name);
        let total = Score::clamped_sum(&evaluation.firings, range.min, range.max);
        assert_eq!(total, case.value, "{}", case.name);
        fired_somewhere.extend(fired);
    }
    // Every rule id in the script is exercised by some case.
    let source = std::fs::read_to_string(
        common::repo().join(format!("rules/organised_exploitation/{score}.rhai")),
    )
    .unwrap();
    let prefix = if score == "hierarchy" {
        "\"HIER-"
    } else {
        "\"INV-"
    };
    for (at, _) in source.match_indices(prefix) {
        let id: String = source[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        assert!(fired_somewhere.contains(&id), "no case fires {id}");
    }
}

#[test]
fn hierarchy_rules() {
    check("hierarchy");
}

#[test]
fn involvement_rules() {
    check("involvement");
}
