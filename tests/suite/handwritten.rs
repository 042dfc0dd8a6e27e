//! The hand-written sets (`tests/handwritten/`, see its README) under the shipped policy: each event set's
//! precision and recall; where its writer also judged who was exploited and who exploiting, how the hierarchy
//! places them; and each nominal file's pairwise precision, recall and F1; as one snapshot. A term or rule edit
//! that moves them shows up here for the reviewer, beside what it does to the synthetic extracts.

use std::collections::HashMap;
use std::fmt::Write as _;

use ndas::output::Format;

use super::common;

/// "a of b (0.xxx)": a share with its counts, so a reviewer sees how many events moved.
fn share(part: usize, whole: usize) -> String {
    let rate = if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.3}", part as f64 / whole as f64)
    };
    format!("{part} of {whole} ({rate})")
}

/// How the hierarchy places the people a set's writer judged exploited or exploiting (`truth/roles.csv`): how many
/// of each are on the chart, how many sit on the wrong side of it, and the chance that an exploiter scores above
/// an exploited person (ties count half).
fn hierarchy_line(name: &str, set: &std::path::Path, out: &std::path::Path) -> String {
    let person_of: HashMap<String, String> = common::rows(&out.join("persons.csv"))
        .into_iter()
        .map(|row| (row["nominal_id"].clone(), row["person_id"].clone()))
        .collect();
    let hierarchy: HashMap<String, i64> = common::rows(&out.join("people.csv"))
        .into_iter()
        .map(|row| (row["person_id"].clone(), row["hierarchy"].parse().unwrap()))
        .collect();
    let (mut exploited, mut exploiters, mut judged) = (Vec::new(), Vec::new(), [0usize; 2]);
    for row in common::rows(&set.join("truth/roles.csv")) {
        let placed = person_of
            .get(&row["nominal_id"])
            .and_then(|p| hierarchy.get(p))
            .copied();
        match row["role"].as_str() {
            "exploited" => {
                judged[0] += 1;
                exploited.extend(placed);
            }
            "exploiter" => {
                judged[1] += 1;
                exploiters.extend(placed);
            }
            _ => {}
        }
    }
    let auc = ndas::evaluate::separation(&exploiters, &exploited).unwrap_or(f64::NAN);
    format!(
        "people {name}: on the chart, exploited {}, exploiters {}; exploited leaning management {}, exploiters leaning workforce {}; AUC {auc:.3}",
        share(exploited.len(), judged[0]),
        share(exploiters.len(), judged[1]),
        share(
            exploited.iter().filter(|h| **h > 0).count(),
            exploited.len()
        ),
        share(
            exploiters.iter().filter(|h| **h < 0).count(),
            exploiters.len()
        ),
    )
}

#[test]
fn handwritten_sets_under_the_shipped_policy() {
    let root = common::repo().join("tests/handwritten");
    let work = tempfile::tempdir().unwrap();
    let mut summary = String::new();
    for set in common::sorted_dirs(&root.join("events")) {
        let name = set.file_name().unwrap().to_string_lossy().to_string();
        let out = work.path().join(&name);
        let run = common::run(&common::repo(), &set, &out, Format::Csv);
        assert_eq!(run.rule_errors, 0, "{name}: rule errors");
        let labels: HashMap<String, bool> = common::rows(&set.join("labels.csv"))
            .into_iter()
            .map(|row| (row["event_id"].clone(), row["label"] == "oe"))
            .collect();
        let flagged: HashMap<String, bool> = common::rows(&out.join("events.csv"))
            .into_iter()
            .map(|row| (row["event_id"].clone(), row["flagged"] == "true"))
            .collect();
        assert_eq!(
            flagged.len(),
            labels.len(),
            "{name}: every labelled event is in the output"
        );
        let true_positives = labels
            .iter()
            .filter(|(id, oe)| **oe && flagged[*id])
            .count();
        let flags = flagged.values().filter(|f| **f).count();
        let exploitation = labels.values().filter(|oe| **oe).count();
        writeln!(
            summary,
            "events {name}: precision {}, recall {}",
            share(true_positives, flags),
            share(true_positives, exploitation)
        )
        .unwrap();
        if set.join("truth/roles.csv").exists() {
            writeln!(summary, "{}", hierarchy_line(&name, &set, &out)).unwrap();
        }
    }
    for file in common::sorted_dirs(&root.join("nominals")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let report = ndas::app::resolve_file(&ndas::app::ResolveOptions {
            nominals: file.join("nominals.csv"),
            out: work.path().join(&name),
            threshold: ndas::resolve::DEFAULT_THRESHOLD,
            truth: Some(file.clone()),
        })
        .unwrap();
        // The quality lines only: the rest of the report holds timings.
        for line in report
            .lines()
            .filter(|l| l.trim_start().starts_with("pairwise"))
        {
            let figures = line.split(':').next().unwrap_or(line).trim();
            writeln!(summary, "nominals {name}: {figures}").unwrap();
        }
    }
    common::snapshot_settings().bind(|| insta::assert_snapshot!("handwritten_summary", summary));
}
