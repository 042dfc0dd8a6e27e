//! Nominal matching cases from `tests/cases/resolve/`: every comparison level, and merge decisions on small
//! files, including the ones that must not merge (twins, common names).

use chrono::NaiveDate;
use ndas::ids::NominalId;
use ndas::resolve::{self, Field, Model, Prepared};
use serde::Deserialize;

use super::common;

fn record(line: &str) -> Prepared {
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    assert_eq!(cells.len(), 6, "record `{line}` needs 6 fields");
    let dob =
        (!cells[2].is_empty()).then(|| NaiveDate::parse_from_str(cells[2], "%Y-%m-%d").unwrap());
    Prepared::new(cells[0], cells[1], dob, cells[3], cells[4], cells[5])
}

#[derive(Deserialize)]
struct LevelCase {
    name: String,
    a: String,
    b: String,
    expect: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    swapped: bool,
}

#[test]
fn comparison_levels() {
    let text =
        std::fs::read_to_string(common::repo().join("tests/cases/resolve/levels.yaml")).unwrap();
    let cases: Vec<LevelCase> = serde_yaml::from_str(&text).unwrap();
    let mut covered = std::collections::BTreeSet::new();
    for case in &cases {
        let (levels, swapped) = resolve::compare_levels(&record(&case.a), &record(&case.b));
        for (field, want) in &case.expect {
            let field = Field::ALL.iter().find(|f| f.as_str() == field).unwrap();
            let got = levels[*field as usize].as_str();
            assert_eq!(got, want, "{}: {}", case.name, field.as_str());
            covered.insert((field.as_str(), got));
        }
        assert_eq!(swapped, case.swapped, "{}: swapped", case.name);
    }
    // Every level a field can take has a case.
    for (field, level, ..) in Model::prior().table() {
        assert!(
            covered.contains(&(field.as_str(), level.as_str())),
            "no case covers {} {}",
            field.as_str(),
            level.as_str()
        );
    }
}

#[derive(Deserialize)]
struct DecisionCase {
    name: String,
    records: Vec<String>,
    persons: Vec<Vec<usize>>,
    /// Phrases some merge's evidence must contain.
    #[serde(default)]
    evidence_contains: Vec<String>,
    /// The match probability to merge at, where a case is about the order links join in rather than whether
    /// they reach the default.
    #[serde(default = "default_threshold")]
    threshold: f64,
}

fn default_threshold() -> f64 {
    resolve::DEFAULT_THRESHOLD
}

#[test]
fn merge_decisions() {
    let text =
        std::fs::read_to_string(common::repo().join("tests/cases/resolve/decisions.yaml")).unwrap();
    let cases: Vec<DecisionCase> = serde_yaml::from_str(&text).unwrap();
    for case in &cases {
        let records: Vec<Prepared> = case.records.iter().map(|r| record(r)).collect();
        let ids: Vec<NominalId> = (1..=records.len())
            .map(|i| NominalId::new(&format!("N{i:03}")))
            .collect();
        let resolution = resolve::resolve(&ids, &records, case.threshold);
        let mut want: Vec<Vec<usize>> = case.persons.clone();
        for i in 1..=records.len() {
            if !want.iter().any(|g| g.contains(&i)) {
                want.push(vec![i]);
            }
        }
        let mut got: Vec<Vec<usize>> = resolution
            .persons
            .iter()
            .map(|p| p.records.iter().map(|r| r + 1).collect())
            .collect();
        for group in want.iter_mut().chain(got.iter_mut()) {
            group.sort();
        }
        want.sort();
        got.sort();
        let evidence: Vec<String> = resolution
            .merges
            .iter()
            .map(|m| format!("{}+{}: {}", m.a + 1, m.b + 1, m.comparison.explain()))
            .collect();
        assert_eq!(got, want, "{}\nmerges: {evidence:#?}", case.name);
        // Every merge says why.
        for merge in &resolution.merges {
            assert!(merge.comparison.explain().contains("bits"), "{}", case.name);
        }
        for phrase in &case.evidence_contains {
            assert!(
                evidence.iter().any(|e| e.contains(phrase.as_str())),
                "{}: no merge's evidence says {phrase:?}\nmerges: {evidence:#?}",
                case.name
            );
        }
    }
}
